/**
 * One Node process: the Remix app over HTTP and (next to it, on the same
 * port) the WebSocket upgrade for live sync. This module composes the parts;
 * each concern lives in its own module.
 */
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AppLoadContext, ServerBuild } from '@remix-run/node';
import compression from 'compression';
import { sql } from 'drizzle-orm';
import express from 'express';
import { startCheckpointer } from '../db/checkpointer.server';
import { openDatabase } from '../db/database.server';
import { bodyLimitFor, limitRequestBody } from './http/bodyLimit.server';
import { clientAddress } from './http/clientAddress.server';
import { remixHandler } from './http/remix.server';
import { cspNonce, sameOriginGuard, securityHeaders } from './http/security.server';
import { startJobs } from './jobs/scheduler.server';
import { logger } from './log.server';
import { metricsEndpoint } from './metrics/metrics.server';
import { mailSettingsFromEnv } from './outbox/transports.server';
import { createServices, type ServerConfig, type Services } from './services.server';
import { refuseUpgrade } from './sync/syncServer.server';

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
const log = logger('http');
const BUILD_PATH = fileURLToPath(new URL('../build/index.js', import.meta.url));

export interface StartOptions extends ServerConfig {
  databasePath: string;
  port?: number;
  host?: string;
  /** Bearer token of /metrics (default: METRICS_TOKEN); without one /metrics answers 404. */
  metricsToken?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  services: Services;
  httpServer: http.Server;
  close(): Promise<void>;
}

async function loadRemixBuild(): Promise<ServerBuild> {
  if (!existsSync(BUILD_PATH)) {
    throw new Error('De app is nog niet gebouwd: voer eerst `npm run build` uit (of gebruik `npm run demo`).');
  }
  return (await import(pathToFileURL(BUILD_PATH).href)) as ServerBuild;
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const database = openDatabase(options.databasePath);
  const checkpointer = startCheckpointer(database);
  const trustProxy = options.trustProxy ?? process.env.TRUST_PROXY === '1';
  const services = createServices(database, { ...options, trustProxy, mail: options.mail ?? mailSettingsFromEnv(process.env, options.databasePath) });
  const build = await loadRemixBuild();

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', trustProxy ? 1 : false);
  app.use(cspNonce);
  app.use(securityHeaders());
  // Before anything else looks at a request with a body: it is read whole (at most 64 KB; a child's page with a picture upload 2 MB) or refused with a 413.
  app.use(limitRequestBody({ maxBytes: bodyLimitFor }));
  app.use(compression());

  app.get('/healthz', (_req, res) => {
    try {
      database.db.get(sql`select 1 as ok`);
      res.status(200).json({ ok: true });
    } catch {
      res.status(503).json({ ok: false });
    }
  });

  // Prometheus metrics behind a bearer token (ADR 038); 404 when no token is configured.
  app.get('/metrics', metricsEndpoint({ sync: services.sync, outbox: services.outbox }, options.metricsToken ?? (process.env.METRICS_TOKEN || undefined)));

  const publicDir = `${PROJECT_ROOT}public`;
  app.use('/build', express.static(`${publicDir}/build`, { immutable: true, maxAge: '1y', index: false }));
  app.use(express.static(publicDir, { maxAge: '1h', index: false }));

  // Without an upgrade, /sync/... tells the client hook whether it may connect (and why not).
  app.get('/sync/*', async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    try {
      const decision = await services.sync.authorize(req, { requireOrigin: false });
      if (decision.ok) res.status(200).json({ access: decision.grant.access });
      else res.status(decision.status).json({ access: 'none' });
    } catch (error) {
      log.error({ err: error }, 'authorizing a sync probe failed');
      res.status(503).json({ access: 'none' });
    }
  });

  app.use(
    sameOriginGuard(options.publicUrl, (path) => {
      // The case id in the path (if any) files it under that case; tokens in /l/ paths are never logged.
      const caseId = /^\/casussen\/([A-Za-z0-9-]{1,64})/.exec(path)?.[1] ?? null;
      services.commands.recordRefusal({ type: 'request-refused', caseId, detail: { pad: path.startsWith('/l/') ? '/l/…' : path.slice(0, 200) } });
    }),
  );
  app.all(
    '*',
    remixHandler({
      build,
      // Error details (messages, stacks) reach the browser only when explicitly developing.
      mode: process.env.NODE_ENV === 'development' ? 'development' : 'production',
      getLoadContext: (req, res): AppLoadContext => ({
        services,
        nonce: res.locals.cspNonce as string,
        // The same trusted address as the WebSocket upgrade limiter's (ADR 037).
        clientIp: clientAddress(req, trustProxy),
      }),
    }),
  );

  // Anything Express itself cannot handle (e.g. an address that cannot be decoded): a plain Dutch answer, no stack.
  app.use((error: { status?: number; statusCode?: number }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const status = error.status ?? error.statusCode ?? 500;
    const clientError = status >= 400 && status < 500;
    if (!clientError) log.error({ err: error }, 'request failed');
    if (res.headersSent) return;
    res
      .status(clientError ? status : 500)
      .type('text/plain; charset=utf-8')
      .send(clientError ? 'Dit adres of verzoek klopt niet.' : 'Er ging iets mis. Probeer het later opnieuw.');
  });

  const httpServer = http.createServer(app);
  httpServer.on('upgrade', (req, socket, head) => {
    if (req.url?.startsWith('/sync/')) void services.sync.handleUpgrade(req, socket, head);
    else refuseUpgrade(socket, 404);
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port ?? 3000, options.host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const { port } = httpServer.address() as AddressInfo;

  const jobs = startJobs(services);

  let closing: Promise<void> | undefined;
  return {
    url: `http://localhost:${port}`,
    port,
    services,
    httpServer,
    close() {
      closing ??= (async () => {
        jobs.stop();
        await services.outbox.stop();
        // First the sync engine: flush every queued update, checkpoint, close sockets.
        await services.sync.close();
        await checkpointer.stop();
        await new Promise<void>((resolve) => {
          httpServer.close(() => resolve());
          httpServer.closeIdleConnections();
          setTimeout(() => httpServer.closeAllConnections(), 2000).unref();
        });
        database.close();
      })();
      return closing;
    },
  };
}
