/**
 * Starts the real Veiligplan server in this process on an ephemeral port with
 * a fresh SQLite file in a temp directory. Requires `npm run build` first
 * (`npm test` does that).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../server/app.server';
import type { ServerConfig } from '../../server/services.server';
import type { SyncOptions } from '../../server/sync/options';

export interface TestServer extends RunningServer {
  dir: string;
  stop(): Promise<void>;
}

export async function startTestServer(
  options: {
    sync?: Partial<SyncOptions>;
    dir?: string;
    port?: number;
    linkAttempts?: { burst: number; perSecond: number };
    /** Mail settings (default: .eml files in `dir`/mail) and the outbox sender's poll (0: tests run rounds themselves). */
    mail?: ServerConfig['mail'];
    outbox?: ServerConfig['outbox'];
    /** Behind a reverse proxy: the client address is the last X-Forwarded-For entry (TRUST_PROXY=1). */
    trustProxy?: boolean;
  } = {},
): Promise<TestServer> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'veiligplan-test-'));
  const server = await startServer({
    databasePath: join(dir, 'test.sqlite'),
    port: options.port ?? 0,
    sessionSecret: 'test-secret-not-for-production',
    sync: options.sync,
    linkAttempts: options.linkAttempts,
    mail: options.mail ?? { from: 'Veiligplan <noreply@veiligplan.invalid>', folder: join(dir, 'mail') },
    outbox: options.outbox,
    trustProxy: options.trustProxy,
  });
  return {
    ...server,
    dir,
    async stop() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Logs in through the real /login form action and returns the session cookie ("name=value"). */
export async function login(baseUrl: string, email: string, password: string): Promise<string> {
  const res = await postForm(baseUrl, '/login', { email, password });
  const setCookie = res.headers.get('set-cookie');
  if (res.status !== 302 || !setCookie) throw new Error(`Login failed with status ${res.status}`);
  return setCookie.split(';')[0]!;
}

export function postForm(baseUrl: string, path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(new URL(path, baseUrl), {
    method: 'POST',
    body: new URLSearchParams(fields),
    headers: { Origin: new URL(baseUrl).origin, ...headers },
    redirect: 'manual',
  });
}

export function get(baseUrl: string, path: string, cookie?: string): Promise<Response> {
  return fetch(new URL(path, baseUrl), { headers: cookie ? { Cookie: cookie } : {}, redirect: 'manual' });
}
