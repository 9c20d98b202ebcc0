/**
 * Commands on notifications: a family or netwerk member chooses, on their own
 * phone, whether and where they get a message (e-mail and/or SMS) — always
 * for themselves, never for someone else; a professional turns their daily
 * digest on or off. The audit row says which channels, never the address or
 * the number.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { mayChooseNotifications } from '../../app/domain/permissions';
import { notificationSettings, participants, users } from '../../db/schema';
import type { Db, Tx } from '../../db/database.server';
import { recordAudit } from '../audit/audit.server';
import { actingWriter, byActor, commit, nowOf, parseInput, requireAllowed, type Actor, type CommandDeps } from './command.server';
import { InvalidInput, NotFound } from './errors';

/** A checkbox: present ("on", "ja", "true") or absent. */
const checkbox = z.preprocess((v) => v === 'on' || v === 'ja' || v === 'true' || v === true, z.boolean());

/** Digits, spaces, dashes, brackets and a leading +: 8 to 15 digits. */
const PHONE = /^\+?[\d\s\-()]{8,24}$/;

export const SaveNotificationSettingsInput = z.object({
  byEmail: checkbox.optional().default(false),
  bySms: checkbox.optional().default(false),
  email: z.string({ error: 'Dit e-mailadres klopt niet.' }).trim().max(320, 'Dit e-mailadres is te lang.').optional().default(''),
  phone: z.string({ error: 'Dit telefoonnummer klopt niet.' }).trim().max(40, 'Dit telefoonnummer is te lang.').optional().default(''),
});

/** A person's own settings, or the defaults from their participant record (nothing chosen yet). */
export function notificationSettingsOf(tx: Tx | Db, participantId: string) {
  const own = tx.select().from(notificationSettings).where(eq(notificationSettings.participantId, participantId)).get();
  if (own) return { byEmail: own.byEmail, bySms: own.bySms, email: own.email ?? '', phone: own.phone ?? '', chosen: true };
  const p = tx.select({ email: participants.email, phone: participants.phone }).from(participants).where(eq(participants.id, participantId)).get();
  return { byEmail: false, bySms: false, email: p?.email ?? '', phone: p?.phone ?? '', chosen: false };
}

export function saveNotificationSettings(deps: CommandDeps, actor: Actor, input: unknown) {
  const data = parseInput(SaveNotificationSettingsInput, input);
  const email = data.email;
  const phone = data.phone;
  if (email && !z.email().safeParse(email).success) throw new InvalidInput('Dit e-mailadres klopt niet.', 'email');
  if (phone && (!PHONE.test(phone) || (phone.match(/\d/g)?.length ?? 0) < 8 || (phone.match(/\d/g)?.length ?? 0) > 15)) {
    throw new InvalidInput('Dit telefoonnummer klopt niet. Schrijf bijvoorbeeld 06 12345678.', 'phone');
  }
  if (data.byEmail && !email) throw new InvalidInput('Vul je e-mailadres in, of zet e-mail uit.', 'email');
  if (data.bySms && !phone) throw new InvalidInput('Vul je telefoonnummer in, of zet sms uit.', 'phone');
  const now = nowOf(deps);
  return commit(deps, (tx) => {
    const me = actingWriter(tx, actor);
    requireAllowed(
      mayChooseNotifications(me.role, { professionalAccount: me.userId !== null }),
      'Alleen gezin en netwerk kiezen hier berichten. Als professional krijg je het dagoverzicht (Mijn overzicht).',
    );
    const values = { byEmail: data.byEmail, bySms: data.bySms, email: email || null, phone: phone || null, updatedAt: now };
    tx.insert(notificationSettings)
      .values({ participantId: me.id, ...values })
      .onConflictDoUpdate({ target: notificationSettings.participantId, set: values })
      .run();
    recordAudit(tx, { type: 'notification-settings', ...byActor(actor), subjectParticipantId: me.id, detail: { email: data.byEmail, sms: data.bySms } }, now);
    return { byEmail: data.byEmail, bySms: data.bySms };
  });
}

export const SetDigestInput = z.object({ digest: z.enum(['aan', 'uit'], { error: 'Kies aan of uit.' }) });

/** A professional turns their own daily digest on or off. */
export function setDigest(deps: CommandDeps, user: { userId: string }, input: unknown) {
  const data = parseInput(SetDigestInput, input);
  const now = nowOf(deps);
  return commit(deps, (tx) => {
    const changed = tx
      .update(users)
      .set({ digest: data.digest === 'aan' })
      .where(eq(users.id, user.userId))
      .run().changes;
    if (changed !== 1) throw new NotFound('Dit account bestaat niet (meer).');
    recordAudit(tx, { type: 'notification-settings', actorUserId: user.userId, detail: { dagoverzicht: data.digest === 'aan' } }, now);
    return { digest: data.digest === 'aan' };
  });
}

/** Whether a professional gets the daily digest (for the toggle on Mijn overzicht). */
export function digestOf(db: Db | Tx, userId: string): boolean {
  return db.select({ digest: users.digest }).from(users).where(eq(users.id, userId)).get()?.digest ?? false;
}
