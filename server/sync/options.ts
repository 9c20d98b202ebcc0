/** Tunables of the sync engine, with production defaults. Tests and benchmarks override some. */
export interface SyncOptions {
  /** Largest WebSocket message accepted; larger closes with 1009. */
  maxPayloadBytes: number;
  /** Per-connection inbound messages: burst and sustained rate. */
  messageBurst: number;
  messagesPerSecond: number;
  /**
   * Per-connection sync step 1 (each asks the server to encode what the
   * client lacks, up to the whole document): burst and sustained rate. A stock
   * provider sends one per connection; past this they are dropped and count
   * as bad messages (maxMalformedMessages closes with 4400).
   */
  syncStep1Burst: number;
  syncStep1PerSecond: number;
  /** Per-IP upgrade attempts: burst and sustained rate (0 = unlimited). */
  upgradeBurst: number;
  upgradesPerSecond: number;
  /** Connections per document. */
  maxConnectionsPerDocument: number;
  /** Bad messages (malformed, or step 1 past its rate) tolerated per connection before it is closed with 4400. */
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
  /** Refused updates tolerated per connection before it is closed with 4400. */
  maxRefusedUpdates: number;
  /** Log bytes one participant may add to one document per minute, and in total. */
  participantBytesPerMinute: number;
  participantBytesTotal: number;
  /** Log bytes all participants together may add to one document per minute, and in total. */
  documentBytesPerMinute: number;
  documentBytesTotal: number;
}

export const DEFAULT_SYNC_OPTIONS: SyncOptions = {
  maxPayloadBytes: 1024 * 1024,
  messageBurst: 300,
  messagesPerSecond: 60,
  syncStep1Burst: 3,
  syncStep1PerSecond: 1,
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
  maxRefusedUpdates: 10,
  participantBytesPerMinute: 1024 * 1024,
  participantBytesTotal: 64 * 1024 * 1024,
  documentBytesPerMinute: 4 * 1024 * 1024,
  documentBytesTotal: 256 * 1024 * 1024,
};
