/**
 * Queues a notification for one family or netwerk member inside the caller's
 * transaction (SPEC §4 outbox): one outbox row per channel the person opted
 * in to, with a dedupe key so the same event never queues twice. Nothing is
 * queued for someone who did not opt in, who was removed, or who has no
 * address for the channel. The message body is made at send time from the
 * reason alone (content-free); params hold only the children's first names.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { NotificationReason, OutboxChannel } from '../../app/domain/notifications';
import type { Tx } from '../../db/database.server';
import { children, notificationSettings, outbox, participants } from '../../db/schema';

export interface Notification {
  caseId: string;
  participantId: string;
  reason: NotificationReason;
  /** What makes this event unique (e.g. the acceptance request id, the question id, a date). */
  key: string;
}

/** Queues the notification on every channel the person chose; returns how many rows were queued. */
export function notifyParticipant(tx: Tx, n: Notification, now: number): number {
  const person = tx
    .select({ id: participants.id, userId: participants.userId })
    .from(participants)
    .where(and(eq(participants.id, n.participantId), eq(participants.caseId, n.caseId), isNull(participants.removedAt)))
    .get();
  if (!person || person.userId) return 0; // professionals get the daily digest instead
  const settings = tx.select().from(notificationSettings).where(eq(notificationSettings.participantId, person.id)).get();
  if (!settings) return 0;
  const names = tx
    .select({ firstName: children.firstName })
    .from(children)
    .where(eq(children.caseId, n.caseId))
    .all()
    .map((c) => c.firstName);
  const targets: [OutboxChannel, string | null][] = [
    ['email', settings.byEmail ? settings.email : null],
    ['sms', settings.bySms ? settings.phone : null],
  ];
  let queued = 0;
  for (const [channel, recipient] of targets) {
    if (!recipient) continue;
    queued += tx
      .insert(outbox)
      .values({
        channel,
        recipient,
        template: n.reason,
        params: JSON.stringify({ children: names }),
        dedupeKey: `${n.reason}:${n.key}:${person.id}:${channel}`,
        caseId: n.caseId,
        participantId: person.id,
        createdAt: now,
        nextAttemptAt: now,
      })
      .onConflictDoNothing()
      .run().changes;
  }
  return queued;
}
