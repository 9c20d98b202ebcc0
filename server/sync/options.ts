/** Tunables of the sync engine, with production defaults. Tests and benchmarks override some. */
export interface SyncOptions {
  /** Largest WebSocket message accepted; larger closes with 1009. */
  maxPayloadBytes: number;
  /** Per-connection inbound messages: burst and sustained rate. */
  messageBurst: number;
  messagesPerSecond: number;
  /** Per-IP upgrade attempts: burst and sustained rate (0 = unlimited). */
  upgradeBurst: number;
  upgradesPerSecond: number;
  /** Connections per document. */
  maxConnectionsPerDocument: number;
  /** Malformed messages tolerated per connection before it is closed with 4400. */
  maxMalformedMessages: number;
  /** Compaction when the log since the last checkpoint passes either bound. */
  compactAfterRows: number;
  compactAfterBytes: number;
  /** Document size: soft cap (compact and warn) and hard cap (refuse writes). */
  softCapBytes: number;
  hardCapBytes: number;
  /** A document without connections is unloaded after this delay. */
  idleUnloadMs: number;
  /** Ping interval; a socket that did not answer the previous ping is dropped. */
  pingIntervalMs: number;
  /** Outgoing buffer above which a slow client is disconnected (it resyncs on reconnect). */
  maxBufferedBytes: number;
  /** Delay before retrying updates whose write failed. */
  retryFailedWriteMs: number;
  /** Check every client update against its document's schema (bench-only switch; never off in production). */
  schemaCheck: boolean;
}

export const DEFAULT_SYNC_OPTIONS: SyncOptions = {
  maxPayloadBytes: 1024 * 1024,
  messageBurst: 300,
  messagesPerSecond: 60,
  upgradeBurst: 60,
  upgradesPerSecond: 10,
  maxConnectionsPerDocument: 100,
  maxMalformedMessages: 10,
  compactAfterRows: 500,
  compactAfterBytes: 1024 * 1024,
  softCapBytes: 4 * 1024 * 1024,
  hardCapBytes: 16 * 1024 * 1024,
  idleUnloadMs: 30_000,
  pingIntervalMs: 30_000,
  maxBufferedBytes: 8 * 1024 * 1024,
  retryFailedWriteMs: 1_000,
  schemaCheck: true,
};
