/** Counters of the sync engine (read by tests, benchmarks and operators). Never personal data. */
export function createSyncMetrics() {
  return {
    connectionsOpened: 0,
    connectionsClosed: 0,
    upgradesRefused: 0,
    documentsLoaded: 0,
    documentsUnloaded: 0,
    documentLoadFailures: 0,
    lastLoadMs: 0,
    updatesPersisted: 0,
    commitBatches: 0,
    writeFailures: 0,
    updatesDroppedReadOnly: 0,
    updatesRefusedTooLarge: 0,
    /** Client updates refused by the schema check or the item rules. */
    updatesRefusedSchema: 0,
    /** Client updates refused because a log quota was used up. */
    updatesRefusedQuota: 0,
    malformedMessages: 0,
    /** Sync step 1 messages past the per-connection rate, dropped unanswered. */
    syncStep1Dropped: 0,
    /** Encodings of a whole document for sync step 1 (shared by every connection until the document changes). */
    fullStateEncodes: 0,
    rateLimited: 0,
    checkpoints: 0,
    /** Refused client updates per reason: a schema rule name, 'quota', 'too-large' or 'read-only' (a fixed vocabulary, never personal data). */
    updatesRefusedByReason: new Map<string, number>(),
    /** Called after every group commit with its duration (ms) and number of updates; /metrics listens here (server/metrics). */
    onCommit: null as ((ms: number, updates: number) => void) | null,
  };
}
export type SyncMetrics = ReturnType<typeof createSyncMetrics>;

/** Counts one refused client update under its reason. */
export function countRefusal(metrics: SyncMetrics, reason: string): void {
  metrics.updatesRefusedByReason.set(reason, (metrics.updatesRefusedByReason.get(reason) ?? 0) + 1);
}
