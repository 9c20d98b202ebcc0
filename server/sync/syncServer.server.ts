/**
 * The sync engine, composed: WebSocket upgrades on /sync/<caseId>/<document>
 * (refused at the HTTP level when not allowed), the registry of loaded
 * documents, the group commit, ping/pong, closing connections when access
 * changes, and a flushing shutdown. Each concern lives in its own module.
 */
import http, { type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type Database from 'better-sqlite3';
import { WebSocketServer } from 'ws';
import type { DocumentName } from '../../app/domain/permissions';
import { logger } from '../log.server';
import { authorizeSync, type AuthorizeDeps, type SyncDecision } from './authorize.server';
import { SyncConnection, type SyncGrant } from './connection.server';
import { createGroupCommit } from './groupCommit.server';
import { KeyedLimiter } from './limits.server';
import { createSyncMetrics, type SyncMetrics } from './metrics';
import { DEFAULT_SYNC_OPTIONS, type SyncOptions } from './options';
import { createSyncStore, type SyncStore } from './persistence.server';
import {
  CLOSE_ACCESS_REVOKED,
  CLOSE_GOING_AWAY,
  CLOSE_RIGHTS_CHANGED,
  CLOSE_SERVER_ERROR,
  CLOSE_UNAUTHENTICATED,
  DENIED_READ_ONLY,
  DENIED_REVOKED,
} from './protocol';
import { Room } from './room.server';

const log = logger('sync');

export interface SyncServer {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void>;
  /** The same decision as the upgrade, for a plain GET (the client hook asks why it cannot connect). */
  authorize(req: IncomingMessage, options?: { requireOrigin?: boolean }): Promise<SyncDecision>;
  /**
   * Ends the matching connections. Default (access ended): permission-denied,
   * then close 4403, which the client treats as final. With `final: false`
   * (rights changed) they close with 4001 and reconnect under the new rights.
   * With `sessionRef` (signed out) the sockets of that sign-in close with 4401.
   */
  closeConnections(filter: { caseId?: string; participantId?: string; sessionRef?: string; final?: boolean }): number;
  /** Writes every accepted update that waits for the next group commit now (before a case is deleted). */
  flushWrites(): void;
  /**
   * Forgets a deleted case (issue 18, ADR 035): its connections end for good
   * (4403) and its loaded documents are dropped without a checkpoint or
   * projection. Returns how many documents were dropped.
   */
  discardCase(caseId: string): number;
  /** The loaded document, loading it when needed (server-side changes, tests). */
  room(caseId: string, document: DocumentName): Room;
  readonly rooms: ReadonlyMap<string, Room>;
  readonly metrics: SyncMetrics;
  readonly store: SyncStore;
  readonly options: SyncOptions;
  close(): Promise<void>;
}

const REFUSAL_TEXT: Record<number, string> = {
  401: 'Je bent niet (meer) ingelogd.',
  403: 'Deze verbinding is niet toegestaan.',
  404: 'Niet gevonden.',
  429: 'Te veel verbindingen. Probeer het zo opnieuw.',
  503: 'Even niet beschikbaar. Probeer het zo opnieuw.',
};

/** Answers an upgrade with a plain HTTP status before any WebSocket exists. */
export function refuseUpgrade(socket: Duplex, status: number): void {
  const body = REFUSAL_TEXT[status] ?? 'Geweigerd.';
  socket.write(
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
  socket.destroy();
}

export function createSyncServer(
  deps: AuthorizeDeps & {
    sqlite: Database.Database;
    onDocumentChanged?: (room: Room) => void;
    /** A connection opened a document (audited as a view by the caller); its errors never reach the connection. */
    onDocumentOpened?: (grant: SyncGrant, document: DocumentName) => void;
    /** The trusted client address of an upgrade (server/http/clientAddress.server.ts); default: the socket's peer. */
    clientAddress?: (req: IncomingMessage) => string;
  },
  overrides: Partial<SyncOptions> = {},
): SyncServer {
  const options: SyncOptions = { ...DEFAULT_SYNC_OPTIONS, ...overrides };
  const metrics = createSyncMetrics();
  const store = createSyncStore(deps.sqlite);
  const commit = createGroupCommit(store, (size, ms) => {
    metrics.commitBatches++;
    metrics.onCommit?.(ms, size);
  });
  const rooms = new Map<string, Room>();
  const upgradeLimiter = options.upgradesPerSecond > 0 ? new KeyedLimiter(options.upgradeBurst, options.upgradesPerSecond) : null;
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayloadBytes, perMessageDeflate: false });
  let closing = false;

  const roomDeps = {
    store,
    commit,
    options,
    metrics,
    onUnload: (room: Room) => {
      if (rooms.get(room.key) === room) rooms.delete(room.key);
    },
    onChanged: deps.onDocumentChanged,
  };

  /** Synchronous load: concurrent arrivals after this point all find the same room (single flight). */
  function room(caseId: string, document: DocumentName): Room {
    const key = `${caseId}/${document}`;
    let r = rooms.get(key);
    if (!r) {
      r = Room.load(caseId, document, roomDeps);
      rooms.set(key, r);
    }
    return r;
  }

  const authorize = (req: IncomingMessage, authorizeOptions?: { requireOrigin?: boolean }) =>
    authorizeSync(deps, { url: req.url, headers: req.headers, encrypted: Boolean((req.socket as { encrypted?: boolean }).encrypted) }, authorizeOptions);

  const pingTimer = setInterval(() => {
    for (const r of rooms.values()) {
      for (const conn of r.conns) {
        if (!conn.alive) {
          conn.ws.terminate();
          continue;
        }
        conn.alive = false;
        conn.ws.ping();
      }
    }
    upgradeLimiter?.sweep();
  }, options.pingIntervalMs);
  pingTimer.unref();

  return {
    rooms,
    metrics,
    store,
    options,
    room,
    authorize,

    async handleUpgrade(req, socket, head) {
      socket.on('error', () => socket.destroy());
      const refuse = (status: number) => {
        metrics.upgradesRefused++;
        log.debug({ status }, 'upgrade refused');
        refuseUpgrade(socket, status);
      };
      if (closing) return refuse(503);
      const address = deps.clientAddress ? deps.clientAddress(req) : (req.socket.remoteAddress ?? 'unknown');
      if (upgradeLimiter && !upgradeLimiter.take(address)) return refuse(429);
      let decision: SyncDecision;
      try {
        decision = await authorize(req);
      } catch (error) {
        log.error({ err: error }, 'authorizing an upgrade failed');
        return refuse(503);
      }
      if (!decision.ok) return refuse(decision.status);
      if (closing) return refuse(503);
      const existing = rooms.get(`${decision.caseId}/${decision.document}`);
      if (existing && existing.conns.size >= options.maxConnectionsPerDocument) return refuse(503);

      wss.handleUpgrade(req, socket, head, (ws) => {
        // First of all: an 'error' without a listener would end the process.
        ws.on('error', () => undefined);
        let target: Room;
        try {
          target = room(decision.caseId, decision.document);
        } catch (error) {
          metrics.documentLoadFailures++;
          log.error({ err: error, caseId: decision.caseId, document: decision.document }, 'loading a document failed');
          ws.close(CLOSE_SERVER_ERROR, 'laden mislukt');
          return;
        }
        metrics.connectionsOpened++;
        const conn = new SyncConnection(ws, target, decision.grant, options, metrics);
        log.debug(
          {
            connectionId: conn.connectionId,
            caseId: decision.caseId,
            document: decision.document,
            participantId: decision.grant.participantId,
            access: decision.grant.access,
          },
          'connection opened',
        );
        target.addConnection(conn);
        // Told at once, not only after a first write: a page opened with edit controls (say the
        // case was closed meanwhile and this is its reconnect) turns read-only before anyone types.
        if (conn.readOnly) conn.denyWrite(DENIED_READ_ONLY);
        try {
          deps.onDocumentOpened?.(decision.grant, decision.document);
        } catch (error) {
          log.error({ err: error, caseId: decision.caseId }, 'recording a document view failed');
        }
      });
    },

    flushWrites() {
      commit.flushNow();
    },

    discardCase(caseId) {
      let dropped = 0;
      for (const r of [...rooms.values()]) {
        if (r.caseId !== caseId) continue;
        for (const conn of [...r.conns]) conn.revoke(CLOSE_ACCESS_REVOKED, DENIED_REVOKED);
        r.discard();
        rooms.delete(r.key);
        dropped++;
      }
      return dropped;
    },

    closeConnections(filter) {
      let count = 0;
      for (const r of rooms.values()) {
        if (filter.caseId && r.caseId !== filter.caseId) continue;
        for (const conn of [...r.conns]) {
          if (filter.participantId && conn.participantId !== filter.participantId) continue;
          if (filter.sessionRef && conn.grant.sessionRef !== filter.sessionRef) continue;
          if (filter.sessionRef) conn.close(CLOSE_UNAUTHENTICATED, 'uitgelogd');
          else if (filter.final === false) conn.close(CLOSE_RIGHTS_CHANGED, 'rechten gewijzigd');
          else conn.revoke(CLOSE_ACCESS_REVOKED, DENIED_REVOKED);
          count++;
        }
      }
      if (count > 0) {
        const why = filter.sessionRef ? 'signed out' : filter.final === false ? 'rights changed' : 'access ended';
        // The sign-in reference is left out: it is derived from the session.
        log.info({ caseId: filter.caseId, participantId: filter.participantId, connections: count, why }, 'connections closed');
      }
      return count;
    },

    async close() {
      if (closing) return;
      closing = true;
      clearInterval(pingTimer);
      // Writes that failed earlier get one more try before the last commit.
      for (const r of rooms.values()) r.retryFailed();
      commit.flushNow();
      for (const r of [...rooms.values()]) {
        for (const conn of [...r.conns]) conn.close(CLOSE_GOING_AWAY, 'server stopt');
        r.compact();
        r.destroy();
      }
      rooms.clear();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
