/**
 * Security headers (helmet) with a per-response CSP nonce, and the
 * same-origin check used for state-changing requests and WebSocket upgrades.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { renderPlainPage } from './plainPage.server';

type ResponseWithNonce = ServerResponse & { locals: { cspNonce: string } };

export function cspNonce(_req: Request, res: Response, next: NextFunction) {
  res.locals.cspNonce = randomBytes(16).toString('base64');
  next();
}

export function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'", (_req: IncomingMessage, res: ServerResponse) => `'nonce-${(res as ResponseWithNonce).locals.cspNonce}'`],
        'style-src': ["'self'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'"],
        'connect-src': ["'self'"],
        'worker-src': ["'self'", 'blob:'],
        'manifest-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'none'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
    // HSTS only makes sense behind TLS; the reverse proxy that terminates TLS sets it.
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  });
}

/**
 * True when the request comes from a page of this site. Browsers send
 * `Origin` on every POST and every WebSocket upgrade. When `requireOrigin` is
 * false (plain HTTP forms), a request without Origin and without
 * Sec-Fetch-Site is not from a browser page and is allowed; SameSite=Lax
 * cookies cover older browsers.
 */
export function isSameOrigin(headers: IncomingHttpHeaders, expectedOrigin: string, { requireOrigin }: { requireOrigin: boolean }): boolean {
  const origin = headers.origin;
  if (origin !== undefined) return origin === expectedOrigin;
  if (requireOrigin) return false;
  const site = headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin' || site === 'none';
  return true;
}

/** The origin this server is reached at: PUBLIC_URL when set, else from the Host header. */
export function expectedOrigin(headers: IncomingHttpHeaders, publicUrl: string | undefined, encrypted: boolean): string {
  if (publicUrl) return new URL(publicUrl).origin;
  return `${encrypted ? 'https' : 'http'}://${headers.host ?? ''}`;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function sameOriginGuard(publicUrl: string | undefined, onRefuse?: (path: string) => void) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const origin = expectedOrigin(req.headers, publicUrl, req.secure);
    if (isSameOrigin(req.headers, origin, { requireOrigin: false })) return next();
    onRefuse?.(req.path);
    res
      .status(403)
      .type('html')
      .send(
        renderPlainPage(res.locals.cspNonce, {
          title: 'Verzoek geweigerd',
          body: 'Dit verzoek kwam niet van Veiligplan zelf en is daarom niet uitgevoerd. Ga terug naar Veiligplan en probeer het daar opnieuw.',
        }),
      );
  };
}
