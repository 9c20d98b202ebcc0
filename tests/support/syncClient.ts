/** The stock y-websocket provider in Node, authenticated with a session cookie, and raw sockets for hostile tests. */
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

// Every y-websocket provider adds a process 'exit' listener; tests open dozens at once.
process.setMaxListeners(Math.max(process.getMaxListeners(), 100));

export function wsUrl(httpUrl: string): string {
  return httpUrl.replace(/^http/, 'ws');
}

/** A WebSocket class that sends our cookie and Origin, as a browser on our page would. */
export function authenticatedWebSocket(cookie: string | null, origin: string) {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { ...(cookie ? { Cookie: cookie } : {}), Origin: origin } });
    }
  };
}

export interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Reasons of permission-denied messages received from the server. */
  denied: string[];
  /** Close codes seen. */
  closeCodes: number[];
  destroy(): void;
}

export function connectClient(baseUrl: string, cookie: string | null, room: string, doc = new Y.Doc()): Client {
  const provider = new WebsocketProvider(`${wsUrl(baseUrl)}/sync`, room, doc, {
    disableBc: true,
    WebSocketPolyfill: authenticatedWebSocket(cookie, new URL(baseUrl).origin) as unknown as typeof globalThis.WebSocket,
  });
  const denied: string[] = [];
  const closeCodes: number[] = [];
  // Record y-protocols auth messages (type 2): [0 = permission denied, reason]. (The stock handler only warns.)
  provider.messageHandlers[2] = (_encoder, decoder) => {
    if (decoding.readVarUint(decoder) === 0) denied.push(decoding.readVarString(decoder));
  };
  provider.on('connection-close', (event) => {
    if (event) closeCodes.push(event.code);
  });
  return {
    doc,
    provider,
    denied,
    closeCodes,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

export function waitSynced(client: Client, timeoutMs = 5000): Promise<void> {
  if (client.provider.synced) return Promise.resolve();
  return waitFor(() => client.provider.synced, timeoutMs, 'provider synced');
}

export async function waitFor(predicate: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Opens a raw WebSocket and resolves with it when open, or rejects with the HTTP status of a refused upgrade. */
export function rawSocket(baseUrl: string, path: string, headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${wsUrl(baseUrl)}${path}`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode })));
    ws.once('error', (error) => reject(error));
  });
}

export function closeCode(ws: WebSocket, timeoutMs = 3000): Promise<number> {
  return new Promise((resolve, reject) => {
    if (ws.readyState === WebSocket.CLOSED) return resolve(-1);
    const timer = setTimeout(() => reject(new Error('socket did not close')), timeoutMs);
    ws.once('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

/** The server-side sockets of one participant, across all loaded documents. */
export function serverSocketsOf(
  sync: { rooms: ReadonlyMap<string, { conns: Set<{ participantId: string; ws: WebSocket }> }> },
  participantId: string,
): WebSocket[] {
  const out: WebSocket[] = [];
  for (const room of sync.rooms.values()) for (const conn of room.conns) if (conn.participantId === participantId) out.push(conn.ws);
  return out;
}
