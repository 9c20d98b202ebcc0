/**
 * Client side of the benchmark: provider factories per server kind and the workloads.
 *
 * All clients live in the harness process (pinned to core 1 when possible). For Veiligplan,
 * the reference server and the durable floor the stock y-websocket v3 provider is used;
 * Hocuspocus needs its own protocol, so its clients use @hocuspocus/provider.
 *
 * The workload is the same on every server and valid under Veiligplan's schema check
 * (app/domain/documentSchema.ts): each client first adds one item of its own to the document
 * (`addItem`, as the bench user), and every measured edit sets that item's `position` to a fresh
 * number — the send time. Nothing is written outside `items`/`meta`.
 * Invariant: every client a workload creates is destroyed before the workload returns, also when
 * it fails; send and receive times come from this process's one monotonic clock.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { MAX_FIELD_CHARS } from '../../app/domain/documentSchema';
import { addItem, itemsMap, stampEdit, type Actor } from '../../app/domain/items';
import { buildColdUpdates } from '../servers/cold-updates.cjs';
import { SERVER_SPECS, diskWrites, machineCpu, type MemInfo, type ReadyInfo, type ServerKind } from './servers';
import { summarizeLatencies, type LatencySummary } from './stats';

/** Kaart section the clients' items are added to. */
export const BENCH_SECTION = 'stappen';

export interface Target {
  kind: ServerKind;
  ready: ReadyInfo;
}

/**
 * The bench user in the case of `room`: for Veiligplan the participant, name and role label its
 * server announced (the schema check compares an item's stamps with them); for the other servers,
 * which check nothing, a stand-in of the same shape, so an item is the same size everywhere.
 */
const STAND_IN_PARTICIPANT = randomUUID();
export function actorFor(target: Target, room: string): Actor {
  const { rooms, participantIds, actor } = target.ready;
  const i = rooms.indexOf(room);
  return {
    participantId: (i >= 0 ? participantIds[i] : undefined) ?? STAND_IN_PARTICIPANT,
    name: actor?.name ?? 'Bench Jeugdbeschermer',
    role: actor?.role ?? 'Jeugdbeschermer',
  };
}

export interface BenchClient {
  readonly room: string;
  readonly doc: Y.Doc;
  readonly synced: boolean;
  /** Number of times the connection dropped after it had been opened. */
  readonly disconnects: number;
  whenSynced(timeoutMs: number): Promise<void>;
  destroy(): void;
}

type WsClass = new (address: string | URL, protocols?: string | string[]) => WebSocket;

/** ws client class that sends the given headers (cookie/origin) on the upgrade request. */
function wsClassWithHeaders(headers: Record<string, string>): WsClass {
  return class HeaderWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  };
}

const wsClassCache = new WeakMap<ReadyInfo, WsClass>();

function wsClassFor(target: Target): WsClass {
  if (SERVER_SPECS[target.kind].client !== 'veiligplan') return WebSocket;
  let cls = wsClassCache.get(target.ready);
  if (!cls) {
    const headers: Record<string, string> = { Origin: target.ready.origin };
    if (target.ready.cookie) headers.Cookie = target.ready.cookie;
    cls = wsClassWithHeaders(headers);
    wsClassCache.set(target.ready, cls);
  }
  return cls;
}

function waitFor(check: () => boolean, subscribe: (fire: () => void) => () => void, timeoutMs: number, what: string): Promise<void> {
  if (check()) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    let unsubscribe: () => void = () => {};
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`timeout after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    unsubscribe = subscribe(() => {
      if (check()) {
        clearTimeout(timer);
        unsubscribe();
        resolve();
      }
    });
  });
}

/** Counts drops of an established connection (a reconnect during a run is reported). */
abstract class DisconnectCounting {
  disconnects = 0;
  protected destroyed = false;
  private wasConnected = false;

  protected onStatus(status: string): void {
    if (this.destroyed) return;
    if (status === 'connected') this.wasConnected = true;
    else if (status === 'disconnected' && this.wasConnected) {
      this.wasConnected = false;
      this.disconnects++;
    }
  }
}

class YWebsocketClient extends DisconnectCounting implements BenchClient {
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;

  constructor(
    serverUrl: string,
    readonly room: string,
    doc: Y.Doc,
    WS: WsClass,
  ) {
    super();
    this.doc = doc;
    this.provider = new WebsocketProvider(serverUrl, room, doc, {
      disableBc: true,
      // ws's WebSocket is API-compatible with what the provider uses; the DOM type differs.
      WebSocketPolyfill: WS as unknown as typeof globalThis.WebSocket,
    });
    this.provider.on('status', ({ status }) => this.onStatus(status));
  }

  get synced(): boolean {
    return this.provider.synced;
  }

  whenSynced(timeoutMs: number): Promise<void> {
    return waitFor(
      () => this.provider.synced,
      (fire) => {
        const h = (s: boolean) => {
          if (s) fire();
        };
        this.provider.on('sync', h);
        return () => this.provider.off('sync', h);
      },
      timeoutMs,
      `sync of ${this.provider.url}`,
    );
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    try {
      this.provider.destroy();
    } catch {
      /* ignore */
    }
    this.doc.destroy();
  }
}

class HocuspocusClient extends DisconnectCounting implements BenchClient {
  readonly doc: Y.Doc;
  readonly socket: HocuspocusProviderWebsocket;
  readonly provider: HocuspocusProvider;

  constructor(
    url: string,
    readonly room: string,
    doc: Y.Doc,
  ) {
    super();
    this.doc = doc;
    // One socket per client (no multiplexing), like the y-websocket clients.
    this.socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket });
    this.provider = new HocuspocusProvider({ websocketProvider: this.socket, name: room, document: doc });
    this.provider.attach();
    this.socket.on('status', ({ status }: { status: string }) => this.onStatus(status));
  }

  get synced(): boolean {
    return this.provider.isSynced;
  }

  whenSynced(timeoutMs: number): Promise<void> {
    return waitFor(
      () => this.provider.isSynced,
      (fire) => {
        const h = () => fire();
        this.provider.on('synced', h);
        return () => this.provider.off('synced', h);
      },
      timeoutMs,
      `hocuspocus sync of ${this.provider.configuration.name}`,
    );
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    try {
      this.provider.destroy();
    } catch {
      /* ignore */
    }
    try {
      this.socket.destroy();
    } catch {
      /* ignore */
    }
    this.doc.destroy();
  }
}

export function createClient(target: Target, room: string, doc: Y.Doc = new Y.Doc()): BenchClient {
  const { port } = target.ready;
  switch (SERVER_SPECS[target.kind].client) {
    case 'veiligplan':
      return new YWebsocketClient(`ws://127.0.0.1:${port}/sync`, room, doc, wsClassFor(target));
    case 'y-websocket':
      return new YWebsocketClient(`ws://127.0.0.1:${port}`, room, doc, WebSocket);
    case 'hocuspocus':
      return new HocuspocusClient(`ws://127.0.0.1:${port}`, room, doc);
  }
}

export function destroyAll(clients: Iterable<BenchClient>): void {
  for (const c of clients) c.destroy();
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));

async function connectAll(target: Target, rooms: readonly string[], timeoutMs: number, into: BenchClient[]): Promise<void> {
  const batch = rooms.map((room) => createClient(target, room));
  into.push(...batch);
  await Promise.all(batch.map((c) => c.whenSynced(timeoutMs)));
}

async function waitUntil(check: () => boolean, timeoutMs: number, pollMs = 20): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() >= deadline) return false;
    await sleep(pollMs);
  }
  return true;
}

/**
 * Each client adds one item of its own to its document, as the bench user (see `actorFor`) —
 * the one write a client makes besides moving that item. The item is stamped "edited by" the
 * bench user right away (one update with the item): Veiligplan's attribution guard stamps an
 * item whose non-stamp keys — `position` included — a sender changes while "edited by" names
 * someone else, and that one-off server correction would otherwise land in the measured window.
 * Returns the item ids (in client order) and a check that every client sees the items of all
 * clients of its document.
 */
function addOwnItems(target: Target, clients: readonly BenchClient[]): { ids: string[]; allSeen: () => boolean } {
  const ids = clients.map((c) => {
    const actor = actorFor(target, c.room);
    let id = '';
    c.doc.transact(() => {
      id = addItem(c.doc, actor, { section: BENCH_SECTION, fields: { text: 'bench' } });
      stampEdit(c.doc, id, actor);
    });
    return id;
  });
  const byRoom = new Map<string, string[]>();
  clients.forEach((c, i) => byRoom.set(c.room, [...(byRoom.get(c.room) ?? []), ids[i]]));
  const allSeen = () => clients.every((c) => byRoom.get(c.room)!.every((id) => itemsMap(c.doc).has(id)));
  return { ids, allSeen };
}

// ---------------------------------------------------------------------------
// Latency workloads (one document or many) + CPU per delivered update
// ---------------------------------------------------------------------------

export interface LatencyParams {
  /** Clients per document. */
  clients: number;
  /** Edits per second over all documents together (spread evenly, documents interleaved). */
  editsPerSecond: number;
  durationMs: number;
  /** Max wait after the last edit for outstanding deliveries. */
  graceMs: number;
  syncTimeoutMs: number;
  /** Quiet time after all clients synced, before the measured window starts. */
  settleMs: number;
  /** Documents whose clients connect concurrently while setting up (default: all at once). */
  docsPerBatch?: number;
}

export interface LatencyResult {
  edits: number;
  expected: number;
  delivered: number;
  lost: number;
  latency: LatencySummary;
  /** Server utime+stime over the measured window (µs). */
  serverCpuMicros: number;
  cpuPerUpdateMicros: number;
  /** Harness (client) process CPU over the same window (µs) — to check the client core was not saturated. */
  clientCpuMicros: number;
  /** CPU used by other processes on the machine during the window, in % of one core. */
  foreignCpuPct: number;
  /** Machine-wide iowait during the window, in % of one core (disk contention indicator). */
  iowaitPct: number;
  /** Average latency of the disk writes completed during the window (ms; NaN when there were none). */
  diskWriteMs: number;
  windowMs: number;
  sendWindowMs: number;
  disconnects: number;
}

/**
 * Connects `p.clients` clients to each of `rooms`; each adds its own item and waits until every
 * client sees all items of its document (setup, not measured). Then `editsPerSecond × durationMs`
 * edits: edit k goes to document k mod D, and within a document the clients take turns; an edit
 * sets the sender's item's `position` to the send time. Every other client of that document
 * records the delivery latency. With one room this is workloads A/B. Rooms may be reused (C):
 * every run adds new items and only counts its own edits.
 */
export async function runLatency(target: Target, server: { cpuMicros(): number }, rooms: readonly string[], p: LatencyParams): Promise<LatencyResult> {
  const clients: BenchClient[] = [];
  try {
    const docs = rooms.length;
    const perBatch = p.docsPerBatch ?? docs;
    for (let i = 0; i < docs; i += perBatch) {
      const batch = rooms.slice(i, i + perBatch).flatMap((room) => Array.from({ length: p.clients }, () => room));
      await connectAll(target, batch, p.syncTimeoutMs, clients);
    }
    const own = addOwnItems(target, clients);
    if (!(await waitUntil(own.allSeen, p.syncTimeoutMs, 50)))
      throw new Error(`timeout after ${p.syncTimeoutMs} ms waiting for every client to see its document's items (refused by the server?)`);
    const myItems = own.ids.map((id, i) => itemsMap(clients[i].doc).get(id)!);

    const edits = Math.max(1, Math.round((p.editsPerSecond * p.durationMs) / 1000));
    const expected = edits * (p.clients - 1);
    const samples = new Float64Array(expected);
    let delivered = 0;

    // Send times of the measured edits by Yjs client id and clock: a `position` set is one struct
    // of length 1, so each edit has its own (client, clock). A receiver counts every struct a remote
    // transaction added (also when one update carried several), never the setup's.
    const sendTimes = new Map<number, Map<number, number>>();
    for (const c of clients) sendTimes.set(c.doc.clientID, new Map());
    for (const c of clients) {
      itemsMap(c.doc).observeDeep((_events, txn) => {
        if (txn.local) return;
        const now = performance.now();
        for (const [client, after] of txn.afterState) {
          const times = sendTimes.get(client);
          if (!times) continue;
          for (let clock = txn.beforeState.get(client) ?? 0; clock < after; clock++) {
            const sent = times.get(clock);
            if (sent === undefined) continue;
            if (delivered < samples.length) samples[delivered] = now - sent;
            delivered++;
          }
        }
      });
    }

    await sleep(p.settleMs);

    const intervalMs = 1000 / p.editsPerSecond;
    const hardDeadline = performance.now() + p.durationMs * 3 + 10_000;
    const cpu0 = server.cpuMicros();
    const machine0 = machineCpu();
    const disk0 = diskWrites();
    const clientCpu0 = process.cpuUsage();
    const t0 = performance.now();
    let sentCount = 0;
    let lastSent = 0;
    for (let k = 0; k < edits; k++) {
      const due = t0 + k * intervalMs;
      const now = performance.now();
      if (due > now) await sleep(due - now);
      if (performance.now() > hardDeadline) break;
      // clients are stored document by document: clients[d * p.clients + ci]
      const d = k % docs;
      const j = Math.floor(k / docs); // the j-th edit of document d
      const i = d * p.clients + (j % p.clients);
      // the send time is the new position: a finite number, fresh for every edit (a layout change, no stamps needed)
      const sent = Math.max(performance.now(), lastSent + 1e-6);
      lastSent = sent;
      const { doc } = clients[i];
      sendTimes.get(doc.clientID)!.set(Y.getState(doc.store, doc.clientID), sent);
      myItems[i].set('position', sent);
      sentCount++;
    }
    const tSendEnd = performance.now();
    const expectedSent = sentCount * (p.clients - 1);
    const graceEnd = tSendEnd + p.graceMs;
    while (delivered < expectedSent && performance.now() < graceEnd) await sleep(5);
    const t1 = performance.now();
    const cpu1 = server.cpuMicros();
    const machine1 = machineCpu();
    const disk1 = diskWrites();
    const clientCpu = process.cpuUsage(clientCpu0);

    const serverCpuMicros = cpu1 - cpu0;
    const got = Math.min(delivered, samples.length);
    return {
      edits: sentCount,
      expected,
      delivered,
      lost: Math.max(0, expected - delivered),
      latency: summarizeLatencies(Array.from(samples.subarray(0, got))),
      serverCpuMicros,
      cpuPerUpdateMicros: delivered > 0 ? serverCpuMicros / delivered : Number.NaN,
      clientCpuMicros: clientCpu.user + clientCpu.system,
      foreignCpuPct: Math.max(0, (machine1.busy - machine0.busy - serverCpuMicros - (clientCpu.user + clientCpu.system)) / 1000 / (t1 - t0)) * 100,
      iowaitPct: ((machine1.iowait - machine0.iowait) / 1000 / (t1 - t0)) * 100,
      diskWriteMs: disk1.writes > disk0.writes ? (disk1.writeMs - disk0.writeMs) / (disk1.writes - disk0.writes) : Number.NaN,
      windowMs: t1 - t0,
      sendWindowMs: tSendEnd - t0,
      disconnects: clients.reduce((s, c) => s + c.disconnects, 0),
    };
  } finally {
    destroyAll(clients);
  }
}

// ---------------------------------------------------------------------------
// Workload 4: memory per connection
// ---------------------------------------------------------------------------

export interface ConnectManyParams {
  clientsPerDoc: number;
  /** Documents connected concurrently per batch. */
  docsPerBatch: number;
  syncTimeoutMs: number;
  /** Wait for every client to see every other client's edit at most this long. */
  convergeTimeoutMs: number;
  /** Memory samples are taken once the server's RSS has settled (see `settledMem`). */
  settleBefore: SettleParams;
  settleAfter: SettleParams;
}

export interface SettleParams {
  /** Minimum quiet time before a sample is accepted (V8 shrinks its heap a few s after activity). */
  minMs: number;
  /** Accept once this many consecutive 1 s samples have RSS within 1 MiB of each other. */
  stableSamples: number;
  maxMs: number;
}

/**
 * Polls the server's memory (each poll forces a GC) once a second until RSS is stable, but not
 * before `minMs`: V8's memory reducer releases tens of MiB of committed heap ~5–10 s after
 * activity, which would otherwise swamp a per-connection delta. Returns the last sample.
 */
export async function settledMem(server: { mem(): Promise<MemInfo> }, p: SettleParams): Promise<MemInfo> {
  const t0 = performance.now();
  const rss: number[] = [];
  for (;;) {
    const m = await server.mem();
    rss.push(m.rss);
    const elapsed = performance.now() - t0;
    const tail = rss.slice(-p.stableSamples);
    const stable = tail.length >= p.stableSamples && Math.max(...tail) - Math.min(...tail) <= 1024 * 1024;
    if ((elapsed >= p.minMs && stable) || elapsed >= p.maxMs) return m;
    await sleep(1000);
  }
}

export interface ConnectManyResult {
  connections: number;
  docs: number;
  before: MemInfo;
  after: MemInfo;
  rssKiBPerConn: number;
  heapExtKiBPerConn: number;
  connectMs: number;
  converged: boolean;
  disconnects: number;
}

export async function runConnectMany(
  target: Target,
  server: { mem(): Promise<MemInfo> },
  rooms: readonly string[],
  p: ConnectManyParams,
): Promise<ConnectManyResult> {
  const clients: BenchClient[] = [];
  try {
    const before = await settledMem(server, p.settleBefore);
    const tc0 = performance.now();
    for (let i = 0; i < rooms.length; i += p.docsPerBatch) {
      const batchRooms: string[] = [];
      for (const room of rooms.slice(i, i + p.docsPerBatch)) {
        for (let j = 0; j < p.clientsPerDoc; j++) batchRooms.push(room);
      }
      await connectAll(target, batchRooms, p.syncTimeoutMs, clients);
    }
    const connectMs = performance.now() - tc0;

    // one small write per client: its own item, as in the latency workloads
    const converged = await waitUntil(addOwnItems(target, clients).allSeen, p.convergeTimeoutMs, 50);
    const after = await settledMem(server, p.settleAfter);
    const n = clients.length;
    return {
      connections: n,
      docs: rooms.length,
      before,
      after,
      rssKiBPerConn: (after.rss - before.rss) / n / 1024,
      heapExtKiBPerConn: (after.heapUsed + after.external - (before.heapUsed + before.external)) / n / 1024,
      connectMs,
      converged,
      disconnects: clients.reduce((s, c) => s + c.disconnects, 0),
    };
  } finally {
    destroyAll(clients);
  }
}

// ---------------------------------------------------------------------------
// Workload 5: cold load
// ---------------------------------------------------------------------------

export interface ColdLoadResult {
  room: string;
  /** Client-observed: new provider → synced (handshake, authorization, load, sync step 2, client decode). */
  ms: number;
  /** Server-side load from storage into memory, when the server reports it (Veiligplan). */
  serverMs?: number;
  stateBytes: number;
}

/** Time from `new Provider(...)` for a fresh Y.Doc until the provider reports synced. */
export async function runColdLoad(target: Target, room: string, timeoutMs: number): Promise<ColdLoadResult> {
  const doc = new Y.Doc();
  const t0 = performance.now();
  const client = createClient(target, room, doc);
  try {
    await client.whenSynced(timeoutMs);
    const ms = performance.now() - t0;
    return { room, ms, stateBytes: Y.encodeStateAsUpdate(doc).byteLength };
  } finally {
    client.destroy();
  }
}

/** One short connect/sync/disconnect so the server's connection path is warmed up. */
export async function warmUp(target: Target, room: string, timeoutMs: number): Promise<void> {
  const c = createClient(target, room);
  try {
    await c.whenSynced(timeoutMs);
  } finally {
    c.destroy();
  }
}

/**
 * Warms the client-side Yjs encode/decode paths with a document like the cold ones
 * (same generator), so the first measured cold load does not pay for the harness's JIT.
 */
export function warmUpYjsDecode(updates: number, repeats = 3): void {
  const log = buildColdUpdates(Y, updates, 1_000_003) as Uint8Array[];
  const src = new Y.Doc();
  for (const u of log) Y.applyUpdate(src, u);
  for (let i = 0; i < repeats; i++) {
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(src));
    copy.destroy();
  }
  src.destroy();
}

/** Text typed into one item's field before the warm-up document starts a new item (below MAX_FIELD_CHARS). */
const WARM_UP_CHARS_PER_ITEM = MAX_FIELD_CHARS - 500;

/**
 * A schema-valid document of about a cold one's size, for the cold-load warm-up: `edits`
 * keystroke-sized edits in the pattern of cold-updates.cjs (inserts at a cursor that mostly
 * advances and jumps every 40 edits, every 20th a backspace, every 10th a map set — here the
 * item's `position`), typed into the `text` field of items of `actor`'s, a new item whenever a
 * field has taken WARM_UP_CHARS_PER_ITEM characters.
 */
function buildWarmUpDoc(actor: Actor, edits: number, seed: number): Y.Doc {
  const doc = new Y.Doc();
  let s = (seed * 2654435761) >>> 0;
  const rnd = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
  const chunks = ['v', 'e', 'i', 'l', 'ig', ' ', 'plan', 'gezin', ' ', 'netwerk', '. ', 'a', 'o', 'n'];
  let item!: Y.Map<unknown>;
  let text!: Y.Text;
  let typed = 0;
  let cursor = 0;
  const newItem = () => {
    doc.transact(() => {
      const id = addItem(doc, actor, { section: BENCH_SECTION, fields: { text: '' } });
      stampEdit(doc, id, actor);
      item = itemsMap(doc).get(id)!;
      text = item.get('text') as Y.Text;
    });
    typed = 0;
    cursor = 0;
  };
  newItem();
  for (let i = 0; i < edits; i++) {
    if (typed >= WARM_UP_CHARS_PER_ITEM) newItem();
    if (i % 10 === 9) {
      item.set('position', i);
    } else if (i % 20 === 4 && cursor > 0) {
      text.delete(cursor - 1, 1);
      cursor--;
    } else {
      if (i % 40 === 0) cursor = Math.floor(rnd() * (text.length + 1));
      const c = chunks[Math.floor(rnd() * chunks.length)];
      text.insert(cursor, c);
      cursor += c.length;
      typed += c.length;
    }
  }
  return doc;
}

/**
 * Server-side warm-up for the cold-load phase, identical for every server: one client
 * uploads a schema-valid document of a cold one's size (`buildWarmUpDoc`, as a whole state)
 * into an ordinary room, then fresh clients sync it `repeats` times, so the server's
 * encode/send path for large documents is JIT-warm before the measured (first-time) loads
 * of the cold rooms. Throws when a reader does not get the whole document (e.g. refused).
 */
export async function warmUpLargeDoc(target: Target, room: string, updates: number, repeats: number, timeoutMs: number): Promise<void> {
  const src = buildWarmUpDoc(actorFor(target, room), updates, 1_000_033);
  const want = Y.getState(src.store, src.clientID);
  const uploader = createClient(target, room, src);
  try {
    await uploader.whenSynced(timeoutMs);
    for (let i = 0; i < repeats; i++) {
      const reader = createClient(target, room);
      try {
        await reader.whenSynced(timeoutMs);
        if (!(await waitUntil(() => Y.getState(reader.doc.store, src.clientID) >= want, timeoutMs, 10)))
          throw new Error(`the warm-up document did not reach a reader within ${timeoutMs} ms (refused by the server?)`);
      } finally {
        reader.destroy();
      }
    }
  } finally {
    uploader.destroy();
  }
}
