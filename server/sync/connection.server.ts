/**
 * One client socket in one document. Parses y-websocket messages, enforces
 * read-only access (writes are dropped, never applied/stored/broadcast), the
 * inbound rate limit and the presence rules. A malformed message is dropped;
 * so is a sync step 1 past its own per-connection rate (each one asks the
 * server to encode up to the whole document; the whole-document answer is
 * shared, fullState.server.ts). A connection that keeps sending either is
 * closed with 4400.
 *
 * Receive path: the message type, sync step and payload are read with lib0's
 * decoder, not with y-protocols' readSyncMessage (which would apply the
 * update to the document directly and answer step 1 before the content is
 * durable; see protocol.ts). Every answer is written by the y-protocols
 * helpers (protocol.ts).
 */
import { randomUUID } from 'node:crypto';
import * as decoding from 'lib0/decoding';
import { WebSocket, type RawData } from 'ws';
import type { Role } from '../../app/domain/caseFacts';
import type { DocumentAccess } from '../../app/domain/permissions';
import { logger } from '../log.server';
import { sanitizeAwarenessUpdate, type PresenceUser } from './awareness.server';
import { syncStep1Answer } from './fullState.server';
import { TokenBucket } from './limits.server';
import { countRefusal, type SyncMetrics } from './metrics';
import type { SyncOptions } from './options';
import {
  CLOSE_BAD_MESSAGES,
  CLOSE_POLICY,
  CLOSE_TRY_AGAIN_LATER,
  DENIED_READ_ONLY,
  isEmptyUpdate,
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  permissionDeniedMessage,
  SYNC_STEP_1,
  SYNC_STEP_2,
  SYNC_UPDATE,
} from './protocol';
import type { Room, UpdateOrigin } from './room.server';

const log = logger('sync');

/** What the authorization decided for this connection. */
export interface SyncGrant {
  caseId: string;
  participantId: string;
  /** Which sign-in opened it (a short hash): signing out closes exactly that sign-in's sockets. */
  sessionRef: string;
  /** When that sign-in began (the earliest true time stamp of offline work). */
  sessionStartedAt?: number;
  access: Exclude<DocumentAccess, 'none'>;
  /** The participant's role in the case (the item rules depend on it). */
  role: Role;
  user: PresenceUser;
}

export class SyncConnection implements UpdateOrigin {
  readonly connectionId = randomUUID();
  readonly awarenessIds = new Set<number>();
  private refused = 0;
  alive = true;
  private readonly bucket: TokenBucket;
  private readonly step1Bucket: TokenBucket;
  /** Malformed messages and step 1 floods: enough of them closes the connection with 4400. */
  private badMessages = 0;
  private readonly told = new Set<string>();
  private closed = false;

  constructor(
    readonly ws: WebSocket,
    readonly room: Room,
    readonly grant: SyncGrant,
    private readonly options: SyncOptions,
    private readonly metrics: SyncMetrics,
  ) {
    this.bucket = new TokenBucket(options.messageBurst, options.messagesPerSecond);
    this.step1Bucket = new TokenBucket(options.syncStep1Burst, options.syncStep1PerSecond);
    ws.on('message', this.onMessage);
    ws.on('pong', () => {
      this.alive = true;
    });
    ws.on('close', (code: number) => this.onClose(code));
    // ws closes the socket itself after an error, with the right code (e.g. 1009); 'close' then cleans up.
    ws.on('error', () => undefined);
  }

  get participantId(): string {
    return this.grant.participantId;
  }

  get readOnly(): boolean {
    return this.grant.access !== 'write';
  }

  send(message: Uint8Array): void {
    if (this.closed || this.ws.readyState !== WebSocket.OPEN) return;
    if (this.ws.bufferedAmount > this.options.maxBufferedBytes) {
      this.close(CLOSE_TRY_AGAIN_LATER, 'verbinding te traag');
      return;
    }
    this.ws.send(message);
  }

  /**
   * An update was refused (schema, item rule or quota): nothing of it was
   * stored or sent on. The client is told every time (its copy is now out of
   * step with the server); a connection that keeps sending them is closed.
   */
  refuseUpdate(reason: string): void {
    this.refused++;
    log.debug({ connectionId: this.connectionId, caseId: this.room.caseId, document: this.room.document, reason }, 'update refused');
    this.send(permissionDeniedMessage(reason));
    if (this.refused > this.options.maxRefusedUpdates) this.close(CLOSE_BAD_MESSAGES, 'te veel geweigerde wijzigingen');
  }

  /** Tells the client once per reason that its writes are refused (y-protocols auth message). */
  denyWrite(reason: string): void {
    if (this.told.has(reason)) return;
    this.told.add(reason);
    log.debug({ connectionId: this.connectionId, caseId: this.room.caseId, document: this.room.document, reason }, 'write refused');
    this.send(permissionDeniedMessage(reason));
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.room.removeConnection(this);
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close(code, reason);
    else this.ws.terminate();
  }

  /** Sends `permission-denied` and closes with the given code (used when access ends). */
  revoke(code: number, reason: string): void {
    this.send(permissionDeniedMessage(reason));
    this.close(code, reason);
  }

  private onClose(code: number): void {
    if (!this.closed) {
      this.closed = true;
      this.room.removeConnection(this);
    }
    this.metrics.connectionsClosed++;
    log.debug({ connectionId: this.connectionId, caseId: this.room.caseId, document: this.room.document, code }, 'connection closed');
  }

  private readonly onMessage = (data: RawData, isBinary: boolean): void => {
    if (this.closed) return;
    this.alive = true;
    if (!this.bucket.take()) {
      this.metrics.rateLimited++;
      this.close(CLOSE_POLICY, 'te veel berichten');
      return;
    }
    if (!isBinary || !(data instanceof Buffer)) {
      this.onMalformed();
      return;
    }
    try {
      this.dispatch(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    } catch {
      this.onMalformed();
    }
  };

  private dispatch(message: Uint8Array): void {
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE_SYNC: {
        const step = decoding.readVarUint(decoder);
        if (step === SYNC_STEP_1) {
          if (!this.step1Bucket.take()) {
            this.onBadMessage('step1');
            return;
          }
          const stateVector = decoding.readVarUint8Array(decoder);
          // Only durable content: wait while writes are queued or failed. The answer may run later,
          // outside this try: a malformed state vector must still only count against this connection.
          this.room.whenDurable(() => {
            if (this.closed) return;
            let answer: Uint8Array;
            try {
              answer = syncStep1Answer(this.room.doc, stateVector, this.metrics);
            } catch {
              this.onMalformed();
              return;
            }
            this.send(answer);
          });
        } else if (step === SYNC_STEP_2 || step === SYNC_UPDATE) {
          const update = decoding.readVarUint8Array(decoder);
          if (this.readOnly) {
            if (!isEmptyUpdate(update)) {
              this.metrics.updatesDroppedReadOnly++;
              countRefusal(this.metrics, 'read-only');
              this.denyWrite(DENIED_READ_ONLY);
            }
            return;
          }
          this.room.applyClientUpdate(this, update);
        } else {
          throw new Error('unknown sync step');
        }
        return;
      }
      case MESSAGE_AWARENESS: {
        const update = decoding.readVarUint8Array(decoder);
        const sanitized = sanitizeAwarenessUpdate(
          update,
          { own: this.awarenessIds, ownedByOther: (id) => this.room.awarenessOwnedByOther(this, id) },
          this.grant.user,
        );
        if (sanitized) this.room.applyClientAwareness(this, sanitized);
        return;
      }
      case MESSAGE_QUERY_AWARENESS:
        this.send(this.room.encodeAllAwareness());
        return;
      case MESSAGE_AUTH:
        return; // Clients have nothing to say here.
      default:
        throw new Error('unknown message type');
    }
  }

  private onMalformed(): void {
    this.onBadMessage('malformed');
  }

  /**
   * A message dropped unanswered: malformed, or a sync step 1 past its rate
   * (a stock provider sends one per connection). Either kind counts towards
   * the same limit; past it the connection is closed with 4400, which tells
   * our client not to reconnect.
   */
  private onBadMessage(kind: 'malformed' | 'step1'): void {
    this.badMessages++;
    if (kind === 'malformed') this.metrics.malformedMessages++;
    else this.metrics.syncStep1Dropped++;
    if (this.badMessages <= 3)
      log.warn(
        { connectionId: this.connectionId, caseId: this.room.caseId, document: this.room.document, badMessages: this.badMessages },
        kind === 'malformed' ? 'malformed message dropped' : 'sync step 1 past its rate dropped',
      );
    if (this.badMessages >= this.options.maxMalformedMessages) this.close(CLOSE_BAD_MESSAGES, 'ongeldige berichten');
  }
}
