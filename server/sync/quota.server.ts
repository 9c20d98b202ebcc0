/**
 * Log quotas: how many bytes one participant, and everyone together, may add
 * to one document's update log per minute and in total. Checked before an
 * update is queued for the log: over quota, the update is refused and no row
 * is written. Totals start from what the log already holds (one query when a
 * document is loaded) and count on from there; per-minute use is a sliding
 * window of the last 60 seconds.
 */
import type { SyncOptions } from './options';

const MINUTE = 60_000;

class Window {
  private readonly spent: { at: number; bytes: number }[] = [];
  private sum = 0;
  used(now: number): number {
    while (this.spent.length > 0 && this.spent[0]!.at <= now - MINUTE) this.sum -= this.spent.shift()!.bytes;
    return this.sum;
  }
  add(now: number, bytes: number): void {
    this.spent.push({ at: now, bytes });
    this.sum += bytes;
  }
}

export type QuotaVerdict = 'ok' | 'participant-minute' | 'participant-total' | 'document-minute' | 'document-total';

/** The quotas of one loaded document. */
export class DocumentQuota {
  private readonly minute = new Window();
  private readonly perParticipant = new Map<string, { minute: Window; total: number }>();
  private total: number;

  constructor(
    private readonly options: Pick<SyncOptions, 'participantBytesPerMinute' | 'participantBytesTotal' | 'documentBytesPerMinute' | 'documentBytesTotal'>,
    stored: { total: number; byParticipant: Map<string, number> },
  ) {
    this.total = stored.total;
    for (const [id, bytes] of stored.byParticipant) this.perParticipant.set(id, { minute: new Window(), total: bytes });
  }

  /** Takes `bytes` from the quotas when they allow it; otherwise says which one is used up and takes nothing. */
  take(participantId: string, bytes: number, now = Date.now()): QuotaVerdict {
    const mine = this.perParticipant.get(participantId) ?? { minute: new Window(), total: 0 };
    const o = this.options;
    if (mine.total + bytes > o.participantBytesTotal) return 'participant-total';
    if (mine.minute.used(now) + bytes > o.participantBytesPerMinute) return 'participant-minute';
    if (this.total + bytes > o.documentBytesTotal) return 'document-total';
    if (this.minute.used(now) + bytes > o.documentBytesPerMinute) return 'document-minute';
    mine.total += bytes;
    mine.minute.add(now, bytes);
    this.perParticipant.set(participantId, mine);
    this.total += bytes;
    this.minute.add(now, bytes);
    return 'ok';
  }
}
