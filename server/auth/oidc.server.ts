/**
 * Signing in through the organisation's OpenID Connect provider (ADR 032),
 * with openid-client 6: discovery, an authorization-code request with PKCE,
 * state and nonce (kept in a short-lived signed, http-only cookie scoped to
 * /login/oidc), and the code grant that checks all three and the ID token.
 * Configured from the environment (OIDC_ISSUER, OIDC_CLIENT_ID,
 * OIDC_CLIENT_SECRET); without it there is no button. This module only
 * speaks the protocol: which account signs in is decided by the
 * signInWithOidc command. Tokens are never logged or stored.
 */
import { createCookie } from '@remix-run/node';
import * as client from 'openid-client';

export const OIDC_CALLBACK_PATH = '/login/oidc/terug';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The organisation declares that its provider always asks for more than a password (OIDC_TRUST_MFA=1). */
  trustMfa: boolean;
}

/** The `amr` values (RFC 8176) that show the provider used more than a password. */
const STRONG_AMR = new Set(['mfa', 'otp', 'hwk', 'swk', 'sc', 'fpt', 'face', 'iris', 'retina', 'vbm']);

export function oidcSettingsFromEnv(env: NodeJS.ProcessEnv): OidcSettings | null {
  const issuer = env.OIDC_ISSUER?.trim();
  const clientId = env.OIDC_CLIENT_ID?.trim();
  const clientSecret = env.OIDC_CLIENT_SECRET?.trim();
  if (!issuer || !clientId || !clientSecret) return null;
  return { issuer, clientId, clientSecret, trustMfa: env.OIDC_TRUST_MFA === '1' };
}

/** What the provider said about the person (from the checked ID token). */
export interface OidcIdentity {
  subject: string;
  email: string | null;
  emailVerified: boolean;
  /** The provider's sign-in counts as the second step too (ADR 032). */
  strong: boolean;
}

export interface Oidc {
  /** Where to send the browser, and the Set-Cookie value that remembers state, nonce and PKCE verifier. */
  start(publicBase: string): Promise<{ url: string; setCookie: string }>;
  /** Finishes the callback request: checks state, nonce, PKCE and the ID token. Throws on anything wrong. */
  finish(request: Request, publicBase: string): Promise<OidcIdentity>;
  /** The Set-Cookie value that removes the state cookie. */
  clearCookie(): Promise<string>;
}

interface Pending {
  state: string;
  nonce: string;
  verifier: string;
}

const isLoopback = (url: string) => /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?(\/|$)/.test(url);

export function createOidc(settings: OidcSettings, options: { secret: string; secure: boolean }): Oidc {
  const cookie = createCookie('vp_oidc', {
    httpOnly: true,
    sameSite: 'lax',
    secure: options.secure,
    path: '/login/oidc',
    secrets: [options.secret],
    maxAge: 10 * 60,
  });
  let config: Promise<client.Configuration> | null = null;
  function configuration() {
    config ??= client
      .discovery(
        new URL(settings.issuer),
        settings.clientId,
        undefined,
        client.ClientSecretPost(settings.clientSecret),
        // Plain http only for a provider on this machine (development, tests).
        isLoopback(settings.issuer) ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        config = null; // try discovery again next time
        throw error;
      });
    return config;
  }
  const redirectUri = (publicBase: string) => new URL(OIDC_CALLBACK_PATH, publicBase).href;

  return {
    async start(publicBase) {
      const cfg = await configuration();
      const pending: Pending = { state: client.randomState(), nonce: client.randomNonce(), verifier: client.randomPKCECodeVerifier() };
      const url = client.buildAuthorizationUrl(cfg, {
        redirect_uri: redirectUri(publicBase),
        scope: 'openid email profile',
        response_type: 'code',
        code_challenge: await client.calculatePKCECodeChallenge(pending.verifier),
        code_challenge_method: 'S256',
        state: pending.state,
        nonce: pending.nonce,
      });
      return { url: url.href, setCookie: await cookie.serialize(pending) };
    },
    async finish(request, publicBase) {
      const pending = (await cookie.parse(request.headers.get('Cookie'))) as Pending | null;
      if (!pending?.state || !pending.nonce || !pending.verifier) throw new Error('No OpenID Connect sign-in was started here');
      const cfg = await configuration();
      // The redirect URI as registered (behind a proxy the request's own URL may differ), with the callback's parameters.
      const current = new URL(redirectUri(publicBase));
      current.search = new URL(request.url).search;
      const tokens = await client.authorizationCodeGrant(cfg, current, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims?.sub) throw new Error('ID token without subject');
      // Many providers put e-mail only in the UserInfo answer (the ID token then carries just `sub`).
      let email: unknown = claims.email;
      let emailVerified: unknown = claims.email_verified;
      if (typeof email !== 'string' && tokens.access_token) {
        const info = await client.fetchUserInfo(cfg, tokens.access_token, claims.sub);
        email = info.email;
        emailVerified = info.email_verified;
      }
      const amr = Array.isArray(claims.amr) ? claims.amr.filter((v): v is string => typeof v === 'string') : [];
      return {
        subject: claims.sub,
        email: typeof email === 'string' ? email : null,
        emailVerified: emailVerified === true,
        strong: settings.trustMfa || amr.some((m) => STRONG_AMR.has(m)) || new Set(amr).size >= 2,
      };
    },
    clearCookie() {
      return cookie.serialize('', { maxAge: 0 });
    },
  };
}
