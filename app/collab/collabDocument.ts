/**
 * The browser side of sync, without React: one Y.Doc for one case document,
 * kept in IndexedDB (edits made offline survive and are sent on reconnect)
 * and synced through the stock y-websocket provider. It reports a status the
 * UI can show in Dutch, turns read-only when the server says so, and stops
 * reconnecting for good when access has ended.
 */
import * as decoding from 'lib0/decoding';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { DocumentName } from '../domain/permissions';
import { DENIED_QUOTA, DENIED_READ_ONLY, DENIED_REFUSED, DENIED_REVOKED, DENIED_TOO_LARGE, FINAL_CLOSE_CODES } from './syncCodes';
import { localCopyName } from './localCopies';

export type ConnectionPhase = 'connecting' | 'connected' | 'reconnecting' | 'ended';
export type EndReason = 'revoked' | 'unauthenticated' | 'not-found' | 'bad-messages' | 'refused' | 'quota';

export interface CollabState {
  phase: ConnectionPhase;
  /** True once the document has been received from the server. */
  synced: boolean;
  readOnly: boolean;
  tooLarge: boolean;
  endReason: EndReason | null;
}

export interface CollabOptions {
  /** Page origin, e.g. https://veiligplan.example.nl. */
  origin: string;
  caseId: string;
  document: DocumentName;
  /** What the page already knows from the permission table; the server has the last word. */
  readOnly: boolean;
  onChange?: (state: CollabState) => void;
  /** Cache in IndexedDB (browser); off in Node tests. */
  persist?: boolean;
  WebSocketPolyfill?: typeof WebSocket;
  /** Used to ask the server why a connection was refused (defaults to fetch with same-origin cookies). */
  probe?: (url: string) => Promise<Response>;
}

export interface CollabDocument {
  doc: Y.Doc;
  provider: WebsocketProvider;
  readonly state: CollabState;
  /** Resolves once this device's stored copy is gone (after an end that drops it), so a fresh copy can load. */
  forgotten(): Promise<void>;
  destroy(): void;
}

/** Failed connection attempts in a row before asking the server why. */
const PROBE_AFTER_FAILURES = 2;

export function openCollabDocument(options: CollabOptions): CollabDocument {
  const doc = new Y.Doc();
  let state: CollabState = { phase: 'connecting', synced: false, readOnly: options.readOnly, tooLarge: false, endReason: null };
  const set = (patch: Partial<CollabState>) => {
    state = { ...state, ...patch };
    options.onChange?.(state);
  };

  let destroyed = false;
  let indexedDb: { destroy(): Promise<void>; clearData(): Promise<void> } | null = null;
  /** Access has ended: the copy on this device (often a shared family phone) must go. */
  let forgetLocalCopy = false;
  let cleared: Promise<void> = Promise.resolve();
  if (options.persist !== false && typeof indexedDB !== 'undefined') {
    void import('y-indexeddb').then(({ IndexeddbPersistence }) => {
      if (destroyed) return;
      indexedDb = new IndexeddbPersistence(localCopyName(options.caseId, options.document), doc);
      if (forgetLocalCopy) void indexedDb.clearData();
    });
  }

  const wsBase = options.origin.replace(/^http/, 'ws');
  const provider = new WebsocketProvider(`${wsBase}/sync`, `${options.caseId}/${options.document}`, doc, {
    disableBc: true, // a BroadcastChannel between tabs would bypass the server's permission check
    ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {}),
  });

  const end = (reason: EndReason) => {
    provider.shouldConnect = false;
    provider.disconnect();
    // Not after a sign-out or an expired session: signing in again syncs what was written offline.
    // A refused change exists only in this browser: its copy is dropped, so a reload shows what was stored.
    if (reason === 'revoked' || reason === 'not-found' || reason === 'refused' || reason === 'quota') {
      forgetLocalCopy = true;
      cleared = indexedDb?.clearData().catch(() => undefined) ?? Promise.resolve();
    }
    set({ phase: 'ended', endReason: reason });
  };

  // y-protocols auth message: [0 = permission denied, reason].
  provider.messageHandlers[2] = (_encoder, decoder) => {
    if (decoding.readVarUint(decoder) !== 0) return;
    const reason = decoding.readVarString(decoder);
    if (reason === DENIED_READ_ONLY) set({ readOnly: true });
    else if (reason === DENIED_TOO_LARGE) set({ readOnly: true, tooLarge: true });
    else if (reason === DENIED_REVOKED) end('revoked');
    else if (reason === DENIED_REFUSED) end('refused');
    else if (reason === DENIED_QUOTA) end('quota');
  };

  let everConnected = false;
  let failures = 0;
  let probing = false;
  provider.on('status', ({ status }) => {
    if (state.phase === 'ended') return;
    if (status === 'connected') {
      everConnected = true;
      failures = 0;
      set({ phase: 'connected' });
    } else {
      set({ phase: everConnected ? 'reconnecting' : 'connecting' });
    }
  });
  provider.on('sync', (synced: boolean) => {
    if (synced) set({ synced: true });
  });
  provider.on('connection-close', (event) => {
    if (!event || state.phase === 'ended') return;
    if (FINAL_CLOSE_CODES.includes(event.code)) {
      end(event.code === 4401 ? 'unauthenticated' : event.code === 4400 ? 'bad-messages' : 'revoked');
      return;
    }
    // A refused upgrade looks like 1006 to a browser: ask the server why, over plain HTTP.
    if (!provider.wsconnected && ++failures >= PROBE_AFTER_FAILURES && !probing) {
      probing = true;
      const probe = options.probe ?? ((url: string) => fetch(url, { credentials: 'same-origin' }));
      probe(`${options.origin}/sync/${options.caseId}/${options.document}`)
        .then(async (res) => {
          if (res.status === 401) end('unauthenticated');
          else if (res.status === 403 || res.status === 404) end('not-found');
          else if (res.ok) {
            const body = (await res.json()) as { access?: string };
            if (body.access === 'read') set({ readOnly: true });
          }
        })
        .catch(() => undefined) // offline: keep trying
        .finally(() => {
          probing = false;
          failures = 0;
        });
    }
  });

  return {
    doc,
    provider,
    get state() {
      return state;
    },
    forgotten: () => cleared,
    destroy() {
      destroyed = true;
      provider.destroy();
      void indexedDb?.destroy();
      doc.destroy();
    },
  };
}

/** Dutch, plain-language text for the connection indicator. */
export function connectionLabel(state: CollabState): string {
  if (state.phase === 'ended') {
    return state.endReason === 'unauthenticated'
      ? 'Je bent niet meer ingelogd. Log opnieuw in.'
      : state.endReason === 'bad-messages'
        ? 'De verbinding is verbroken. Laad de pagina opnieuw.'
        : state.endReason === 'refused'
          ? 'Je laatste wijziging kon niet worden bewaard, want die past niet in het plan. Laad de pagina opnieuw.'
          : state.endReason === 'quota'
            ? 'Er is in korte tijd heel veel veranderd. Je laatste wijziging is niet bewaard. Wacht even en laad de pagina opnieuw.'
            : 'Je hebt geen toegang meer tot dit plan.';
  }
  if (state.tooLarge) return 'Dit document is te groot geworden. Wijzigingen worden niet meer opgeslagen.';
  // "Verbonden" only once the document has arrived, so what the page shows is complete.
  if (state.phase === 'connecting' || (state.phase === 'connected' && !state.synced)) return 'Verbinden…';
  if (state.phase === 'reconnecting') return 'Opnieuw verbinden… Je wijzigingen worden bewaard.';
  return state.readOnly ? 'Verbonden · alleen lezen' : 'Verbonden';
}

/**
 * The same states in a family member's words (ADR 029): no "verbonden", no
 * "alleen lezen" — what they can do now. An ended connection keeps the
 * words above (they already say what to do).
 */
export function familyConnectionLabel(state: CollabState): string {
  if (state.phase === 'ended' || state.tooLarge) return connectionLabel(state);
  if (state.phase === 'connecting' || (state.phase === 'connected' && !state.synced)) return 'Het plan wordt geladen…';
  if (state.phase === 'reconnecting')
    return state.readOnly ? 'Je bent offline. Je ziet het plan zoals het het laatst was' : 'Je bent offline; we bewaren wat je schrijft';
  return state.readOnly ? 'Je kunt dit lezen, maar niet aanpassen' : 'Je kunt meeschrijven. Alles wordt vanzelf bewaard';
}
