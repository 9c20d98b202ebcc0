/**
 * Client side of the benchmark: provider factories per server kind and the workloads.
 *
 * All clients live in the harness process (pinned to core 1 when possible). For Veiligplan,
 * the reference server and the durable floor the stock y-websocket v3 provider is used;
 * Hocuspocus needs its own protocol, so its clients use @hocuspocus/provider.
 * Invariant: every client a workload creates is destroyed before the workload returns, also when
 * it fails; send and receive times come from this process's one monotonic clock.
 */
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { buildColdUpdates } from '../servers/cold-updates.cjs';
import { SERVER_SPECS, diskWrites, machineCpu, type MemInfo, type ReadyInfo, type ServerKind } from './servers';
import { summarizeLatencies, type LatencySummary } from './stats';

/** Name of the top-level Y.Map the workloads write into. */
export const BENCH_MAP = 'bench';

export interface Target {
  kind: ServerKind;
  ready: ReadyInfo;
}

export interface BenchClient {
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

  constructor(serverUrl: string, room: string, doc: Y.Doc, WS: WsClass) {
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

  constructor(url: string, room: string, doc: Y.Doc) {
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
  /** Prefix of the map keys written, so that rooms can be reused by later runs (default ''). */
  keyPrefix?: string;
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
 * Connects `p.clients` clients to each of `rooms`, then makes `editsPerSecond × durationMs` edits:
 * edit k goes to document k mod D, and within a document the clients take turns. Every other
 * client of that document records the delivery latency. With one room this is workloads A/B.
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

    const edits = Math.max(1, Math.round((p.editsPerSecond * p.durationMs) / 1000));
    const expected = edits * (p.clients - 1);
    const samples = new Float64Array(expected);
    let delivered = 0;
    const prefix = p.keyPrefix ?? '';

    for (const c of clients) {
      const map = c.doc.getMap<number>(BENCH_MAP);
      map.observe((event, txn) => {
        if (txn.local) return;
        const now = performance.now();
        for (const key of event.keysChanged) {
          const sent = map.get(key);
          if (typeof sent !== 'number') continue;
          if (delivered < samples.length) samples[delivered] = now - sent;
          delivered++;
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
    for (let k = 0; k < edits; k++) {
      const due = t0 + k * intervalMs;
      const now = performance.now();
      if (due > now) await sleep(due - now);
      if (performance.now() > hardDeadline) break;
      // clients are stored document by document: clients[d * p.clients + ci]
      const d = k % docs;
      const j = Math.floor(k / docs); // the j-th edit of document d
      const ci = j % p.clients;
      const seq = Math.floor(j / p.clients);
      clients[d * p.clients + ci].doc.getMap<number>(BENCH_MAP).set(`${prefix}${ci}:${seq}`, performance.now());
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

    // one small edit per client
    clients.forEach((c, i) => c.doc.getMap<number>(BENCH_MAP).set(`c${i}`, i));
    const deadline = performance.now() + p.convergeTimeoutMs;
    const allSeen = () => clients.every((c) => c.doc.getMap(BENCH_MAP).size >= p.clientsPerDoc);
    let converged = allSeen();
    while (!converged && performance.now() < deadline) {
      await sleep(50);
      converged = allSeen();
    }
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

/**
 * Server-side warm-up for the cold-load phase, identical for every server: one client
 * uploads a document like the cold ones (as a whole state) into an ordinary room, then
 * fresh clients sync it `repeats` times, so the server's encode/send path for large
 * documents is JIT-warm before the measured (first-time) loads of the cold rooms.
 */
export async function warmUpLargeDoc(target: Target, room: string, updates: number, repeats: number, timeoutMs: number): Promise<void> {
  const src = new Y.Doc();
  for (const u of buildColdUpdates(Y, updates, 1_000_033) as Uint8Array[]) Y.applyUpdate(src, u);
  const wantLen = src.getText('content').length;
  const uploader = createClient(target, room, src);
  try {
    await uploader.whenSynced(timeoutMs);
    for (let i = 0; i < repeats; i++) {
      const reader = createClient(target, room);
      try {
        await reader.whenSynced(timeoutMs);
        const deadline = performance.now() + timeoutMs;
        while (reader.doc.getText('content').length < wantLen && performance.now() < deadline) await sleep(10);
      } finally {
        reader.destroy();
      }
    }
  } finally {
    uploader.destroy();
  }
}
