/**
 * One loaded document (`<caseId>/<document>`): the Y.Doc, its awareness, its
 * connections. Accepted updates are queued for the group commit and broadcast
 * only after they are durable. Compacts into checkpoints; unloads when idle.
 */
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { DocumentName } from '../../app/domain/permissions';
import { installAttributionGuard } from '../../app/domain/attributionGuard';
import { logger } from '../log.server';
import { SyncConnection as SyncConnectionClass, type SyncConnection } from './connection.server';
import type { GroupCommit } from './groupCommit.server';
import { countRefusal, type SyncMetrics } from './metrics';
import type { SyncOptions } from './options';
import type { SyncStore, UpdateEntry } from './persistence.server';
import { awarenessMessage, CLOSE_BAD_MESSAGES, DENIED_QUOTA, DENIED_REFUSED, DENIED_TOO_LARGE, syncStep1Message, syncUpdateMessage } from './protocol';
import { DocumentQuota } from './quota.server';
import { checkClientUpdate } from './updateCheck.server';

/** Who made a change: a client connection, or the server on someone's behalf (e.g. a restore). */
export interface UpdateOrigin {
  participantId: string | null;
  connectionId: string | null;
}

const log = logger('sync');

const LOAD_ORIGIN = Symbol('load');
/** Bound on updates waiting inside Yjs for missing dependencies. */
const MAX_PENDING_BYTES = 64 * 1024;

export interface RoomDeps {
  store: SyncStore;
  commit: GroupCommit;
  options: SyncOptions;
  metrics: SyncMetrics;
  onUnload(room: Room): void;
  /** Called (debounced) after persisted changes, and before unloading: projections. */
  onChanged?(room: Room): void;
}

/** Debounce of onChanged. */
const CHANGED_DEBOUNCE_MS = 500;

export class Room {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly conns = new Set<SyncConnection>();
  private readonly awarenessOwners = new Map<number, SyncConnection>();
  /** Waiting for every update in memory to be durable (sync step 2 answers). */
  private durableWaiters: (() => void)[] = [];
  private lastPersistedId: number;
  private rowsSinceCheckpoint: number;
  private bytesSinceCheckpoint: number;
  private checkpointBytes: number;
  private inFlight = 0;
  private inFlightBytes = 0;
  private failed: { entry: UpdateEntry; origin: UpdateOrigin | null }[] = [];
  private retryTimer: NodeJS.Timeout | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private changedTimer: NodeJS.Timeout | undefined;
  private destroyed = false;
  private readonly removeGuard: () => void;
  /** Log quotas, counted from the first client write on (reads never pay for the query). */
  private quota: DocumentQuota | undefined;

  private constructor(
    readonly caseId: string,
    readonly document: DocumentName,
    private readonly deps: RoomDeps,
    loaded: { lastUpdateId: number; tailRows: number; tailBytes: number; checkpointBytes: number },
  ) {
    this.lastPersistedId = loaded.lastUpdateId;
    this.rowsSinceCheckpoint = loaded.tailRows;
    this.bytesSinceCheckpoint = loaded.tailBytes;
    this.checkpointBytes = loaded.checkpointBytes;
    this.awareness.setLocalState(null);
    this.doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
    // Attribution stamps inside the document always name whoever sent the change.
    this.removeGuard = installAttributionGuard(
      this.doc,
      (origin) =>
        origin instanceof SyncConnectionClass ? { participantId: origin.participantId, name: origin.grant.user.name, role: origin.grant.user.role } : null,
      (sender, apply) => this.applyServerChange({ participantId: sender.participantId, connectionId: null }, apply),
    );
  }

  /** Loads checkpoint + log into a new Y.Doc. Throws when storage fails: no empty document is created. */
  static load(caseId: string, document: DocumentName, deps: RoomDeps): Room {
    const started = performance.now();
    const stored = deps.store.load(caseId, document);
    const room = new Room(caseId, document, deps, {
      lastUpdateId: stored.lastUpdateId,
      tailRows: stored.tail.length,
      tailBytes: stored.tailBytes,
      checkpointBytes: stored.checkpoint?.byteLength ?? 0,
    });
    room.doc.transact(() => {
      if (stored.checkpoint) Y.applyUpdate(room.doc, stored.checkpoint, LOAD_ORIGIN);
      for (const update of stored.tail) Y.applyUpdate(room.doc, update, LOAD_ORIGIN);
    }, LOAD_ORIGIN);
    deps.metrics.documentsLoaded++;
    deps.metrics.lastLoadMs = performance.now() - started;
    log.debug({ caseId, document, updates: stored.tail.length, ms: Math.round(deps.metrics.lastLoadMs * 10) / 10 }, 'document loaded');
    // A long log is folded into a checkpoint right away, so the next load is fast.
    room.maybeCompact();
    // Loaded only to be read (a page, a snapshot)? Then it is unloaded again after the idle period.
    room.scheduleIdleUnload();
    return room;
  }

  get key(): string {
    return `${this.caseId}/${this.document}`;
  }

  /** Stored size plus what is queued for the next commit. */
  get sizeBytes(): number {
    return this.checkpointBytes + this.bytesSinceCheckpoint + this.inFlightBytes;
  }

  get pendingWrites(): number {
    return this.inFlight + this.failed.length;
  }

  addConnection(conn: SyncConnection): void {
    if (this.idleTimer) {
      clearTimeout(this.idleTimer);
      this.idleTimer = undefined;
    }
    this.conns.add(conn);
    conn.send(syncStep1Message(this.doc));
    const states = this.awareness.getStates();
    if (states.size > 0) conn.send(awarenessMessage(this.awareness, [...states.keys()]));
  }

  removeConnection(conn: SyncConnection): void {
    if (!this.conns.delete(conn)) return;
    // Only the states this connection still owns: a reconnect of the same person may have taken over its client id.
    const ids = [...conn.awarenessIds].filter((id) => this.awarenessOwners.get(id) === conn);
    for (const id of ids) this.awarenessOwners.delete(id);
    if (ids.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, ids, conn);
    this.scheduleIdleUnload();
  }

  /**
   * A write from a client. The connection has already been checked for write
   * access; here the update is checked against the document's schema and item
   * rules and against the log quotas — before anything of it is applied,
   * stored or broadcast. A refused update leaves no trace but a counter.
   */
  applyClientUpdate(conn: SyncConnection, update: Uint8Array): void {
    if (this.sizeBytes + update.byteLength > this.deps.options.hardCapBytes) {
      this.deps.metrics.updatesRefusedTooLarge++;
      countRefusal(this.deps.metrics, 'too-large');
      conn.denyWrite(DENIED_TOO_LARGE);
      return;
    }
    if (this.deps.options.schemaCheck) {
      const { grant } = conn;
      const sender = {
        participantId: grant.participantId,
        name: grant.user.name,
        roleLabel: grant.user.role,
        role: grant.role,
        notBefore: grant.sessionStartedAt,
      };
      const checked = checkClientUpdate(this.doc, this.document, update, sender, Date.now());
      if (!checked.ok) {
        this.deps.metrics.updatesRefusedSchema++;
        countRefusal(this.deps.metrics, checked.rule);
        log.info({ caseId: this.caseId, document: this.document, connectionId: conn.connectionId, rule: checked.rule }, 'update refused by the schema check');
        conn.refuseUpdate(DENIED_REFUSED);
        return;
      }
    }
    this.quota ??= new DocumentQuota(this.deps.options, this.deps.store.logBytes(this.caseId, this.document));
    const verdict = this.quota.take(conn.participantId, update.byteLength);
    if (verdict !== 'ok') {
      this.deps.metrics.updatesRefusedQuota++;
      countRefusal(this.deps.metrics, 'quota');
      log.info({ caseId: this.caseId, document: this.document, connectionId: conn.connectionId, quota: verdict }, 'update refused by a log quota');
      conn.refuseUpdate(DENIED_QUOTA);
      return;
    }
    Y.applyUpdate(this.doc, update, conn);
    // Updates whose dependencies are missing wait inside Yjs (merged again on every arrival) and are
    // neither stored nor counted: a client that keeps sending them is cut off.
    const pending = this.doc.store.pendingStructs;
    const pendingBytes = (pending?.update.byteLength ?? 0) + (this.doc.store.pendingDs?.byteLength ?? 0);
    if (pendingBytes > MAX_PENDING_BYTES) {
      this.doc.store.pendingStructs = null;
      this.doc.store.pendingDs = null;
      this.deps.metrics.malformedMessages++;
      conn.close(CLOSE_BAD_MESSAGES, 'onvolledige wijzigingen');
    }
  }

  /**
   * Runs `fn` once every update in memory is durable (at once when it is).
   * Someone who joins is sent the document only then: never content that
   * could still be lost.
   */
  whenDurable(fn: () => void): void {
    if (this.pendingWrites === 0) fn();
    else this.durableWaiters.push(fn);
  }

  /** A change made by the server on behalf of a participant (e.g. restoring a snapshot). */
  applyServerChange(origin: UpdateOrigin, change: (doc: Y.Doc) => void): void {
    this.doc.transact(() => change(this.doc), origin);
  }

  applyClientAwareness(conn: SyncConnection, sanitizedUpdate: Uint8Array): void {
    for (const id of conn.awarenessIds) this.awarenessOwners.set(id, conn);
    awarenessProtocol.applyAwarenessUpdate(this.awareness, sanitizedUpdate, conn);
  }

  /** Another person's client id. The same person reconnecting (same participant) may take their id over. */
  awarenessOwnedByOther(conn: SyncConnection, clientId: number): boolean {
    const owner = this.awarenessOwners.get(clientId);
    return owner !== undefined && owner !== conn && owner.participantId !== conn.participantId;
  }

  encodeAllAwareness(): Uint8Array {
    return awarenessMessage(this.awareness, [...this.awareness.getStates().keys()]);
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === LOAD_ORIGIN) return;
    const o = isUpdateOrigin(origin) ? origin : null;
    this.persist(
      {
        caseId: this.caseId,
        document: this.document,
        participantId: o?.participantId ?? null,
        connectionId: o?.connectionId ?? null,
        receivedAt: Date.now(),
        update,
      },
      o,
    );
  };

  private persist(entry: UpdateEntry, origin: UpdateOrigin | null): void {
    // A discarded (deleted) or stopped document writes nothing more.
    if (this.destroyed) return;
    this.inFlight++;
    this.inFlightBytes += entry.update.byteLength;
    this.deps.commit.enqueue(entry, (error, id) => {
      this.inFlight--;
      this.inFlightBytes -= entry.update.byteLength;
      if (error) {
        this.onWriteFailed(entry, origin, error);
        return;
      }
      this.deps.metrics.updatesPersisted++;
      if (id > this.lastPersistedId) this.lastPersistedId = id;
      this.rowsSinceCheckpoint++;
      this.bytesSinceCheckpoint += entry.update.byteLength;
      if (!this.destroyed) this.broadcast(syncUpdateMessage(entry.update), origin);
      if (this.pendingWrites === 0) for (const fn of this.durableWaiters.splice(0)) fn();
      this.maybeCompact();
      this.scheduleChanged();
      this.scheduleIdleUnload();
    });
  }

  /**
   * Nothing unwritten is broadcast. The document keeps the change in memory
   * and is not unloaded; the write is retried; the writer is disconnected
   * (1011) and re-syncs when it reconnects.
   */
  private onWriteFailed(entry: UpdateEntry, origin: UpdateOrigin | null, error: Error): void {
    this.deps.metrics.writeFailures++;
    log.error({ err: error, caseId: this.caseId, document: this.document }, 'writing an update failed; retrying');
    this.failed.push({ entry, origin });
    for (const conn of this.conns) if (conn === origin) conn.close(1011, 'opslaan mislukt');
    this.retryTimer ??= setTimeout(() => this.retryFailed(), this.deps.options.retryFailedWriteMs);
  }

  /** Queues the failed writes again (also at shutdown, before the last commit). Returns how many. */
  retryFailed(): number {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const again = this.failed.splice(0);
    for (const f of again) this.persist(f.entry, null);
    return again.length;
  }

  broadcast(message: Uint8Array, except: unknown = null): void {
    for (const conn of this.conns) if (conn !== except) conn.send(message);
  }

  private readonly onAwarenessUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
    const changed = added.concat(updated, removed);
    if (changed.length === 0 || this.conns.size === 0) return;
    this.broadcast(awarenessMessage(this.awareness, changed));
  };

  private maybeCompact(): void {
    const o = this.deps.options;
    if (this.rowsSinceCheckpoint === 0) return;
    // Past the soft cap, compact more often (garbage collection may shrink it), but not on every write.
    const overSoftCap = this.checkpointBytes + this.bytesSinceCheckpoint > o.softCapBytes && this.rowsSinceCheckpoint >= 50;
    if (this.rowsSinceCheckpoint >= o.compactAfterRows || this.bytesSinceCheckpoint >= o.compactAfterBytes || overSoftCap) {
      this.compact();
    }
  }

  /**
   * Re-encodes the live document (applying to a Y.Doc, not Y.mergeUpdates)
   * into a checkpoint covering every persisted row. Log rows are kept.
   */
  compact(): void {
    // Not while a write failed: the checkpoint would hold an update that has no log row yet.
    if (this.rowsSinceCheckpoint === 0 || this.destroyed || this.failed.length > 0) return;
    const state = Y.encodeStateAsUpdate(this.doc);
    try {
      this.deps.store.writeCheckpoint(this.caseId, this.document, this.lastPersistedId, state);
    } catch (error) {
      log.error({ err: error, caseId: this.caseId, document: this.document }, 'writing a checkpoint failed');
      return;
    }
    this.deps.metrics.checkpoints++;
    if (state.byteLength > this.deps.options.softCapBytes) {
      log.warn({ caseId: this.caseId, document: this.document, bytes: state.byteLength }, 'a document is larger than the soft cap');
    }
    this.checkpointBytes = state.byteLength;
    this.rowsSinceCheckpoint = 0;
    this.bytesSinceCheckpoint = 0;
  }

  private scheduleChanged(): void {
    if (!this.deps.onChanged || this.changedTimer || this.destroyed) return;
    this.changedTimer = setTimeout(() => this.flushChanged(), CHANGED_DEBOUNCE_MS);
    this.changedTimer.unref();
  }

  /** Runs a pending onChanged now (before unload and at shutdown). */
  flushChanged(): void {
    if (!this.changedTimer) return;
    clearTimeout(this.changedTimer);
    this.changedTimer = undefined;
    try {
      this.deps.onChanged?.(this);
    } catch (error) {
      log.error({ err: error, caseId: this.caseId, document: this.document }, 'a projection failed');
    }
  }

  scheduleIdleUnload(): void {
    if (this.conns.size > 0 || this.pendingWrites > 0 || this.idleTimer || this.destroyed) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      this.unloadIfIdle();
    }, this.deps.options.idleUnloadMs);
    this.idleTimer.unref();
  }

  /** Unloads when nobody is connected and every write is durable. Returns true when unloaded. */
  unloadIfIdle(): boolean {
    if (this.conns.size > 0 || this.pendingWrites > 0 || this.destroyed) return false;
    this.flushChanged();
    this.compact();
    this.destroy();
    this.deps.metrics.documentsUnloaded++;
    log.debug({ caseId: this.caseId, document: this.document }, 'document unloaded');
    this.deps.onUnload(this);
    return true;
  }

  /**
   * Drops the document of a deleted case (issue 18, ADR 035): no projection,
   * no checkpoint, no retry of failed writes — its rows are gone and must
   * not come back. The connections were revoked before.
   */
  discard(): void {
    if (this.destroyed) return;
    if (this.changedTimer) clearTimeout(this.changedTimer);
    this.changedTimer = undefined;
    this.failed = [];
    this.destroy();
    this.deps.onUnload(this);
  }

  destroy(): void {
    if (this.destroyed) return;
    this.flushChanged();
    this.destroyed = true;
    if (this.failed.length > 0) {
      log.error({ caseId: this.caseId, document: this.document, updates: this.failed.length }, 'updates could not be written and are lost from the log');
    }
    this.durableWaiters = [];
    this.removeGuard();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.awareness.destroy();
    this.doc.destroy();
  }
}

function isUpdateOrigin(value: unknown): value is UpdateOrigin {
  return typeof value === 'object' && value !== null && 'participantId' in value && 'connectionId' in value;
}
