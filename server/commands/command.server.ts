/**
 * What every command shares: the acting participant, input validation with
 * zod (Dutch messages, never zod's English defaults), the permission check
 * against the table in app/domain/permissions.ts, and one transaction for the
 * change and its audit row. Effects outside the database (closing sockets,
 * changes to live documents) run only after that transaction committed.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Role } from '../../app/domain/caseFacts';
import type { Db, Tx } from '../../db/database.server';
import { cases, participants } from '../../db/schema';
import type { RefreshStamps } from '../live/refreshStamps.server';
import type { Snapshots } from '../snapshots/snapshots.server';
import type { SyncServer } from '../sync/syncServer.server';
import { Conflict, InvalidInput, NotAllowed, NotFound } from './errors';
import { withEffectiveRole } from '../cases/regie.server';
import { findUserByEmail } from '../users/users.server';

/** Who acts: the signed-in person's own participant record in the case, and their sign-in. */
export interface Actor {
  participantId: string;
  caseId: string;
  sessionRef?: string | null;
}

/** What commands need of the running server (wired once in server/services.server.ts). */
export interface CommandDeps {
  db: Db;
  sync: SyncServer;
  snapshots: Snapshots;
  stamps: RefreshStamps;
  now?: () => number;
}

/** An id as it arrives in a form: a short token of letters, digits and dashes (uuids and the like). */
export const Id = (message = 'Dit gegeven ontbreekt of klopt niet.') =>
  z
    .string({ error: message })
    .trim()
    .min(1, message)
    .max(64, message)
    .regex(/^[A-Za-z0-9_-]+$/, message);

/** Messages for zod issues a schema does not name itself: plain Dutch, never the library's English. */
function dutchIssue(issue: z.core.$ZodRawIssue): string {
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'Er ontbreekt een gegeven in het formulier.';
  if (issue.code === 'too_big') return 'Een van de velden is te lang.';
  return 'Een van de velden klopt niet.';
}

/** Parses command input; the first problem becomes a Dutch InvalidInput (400) for its field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input ?? {}, { error: dutchIssue });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new InvalidInput(issue?.message ?? 'Dit formulier klopt niet.', issue?.path[0] !== undefined ? String(issue.path[0]) : undefined);
}

/** The audit fields that name who acted (the actor's case, participant record and sign-in). */
export function byActor(actor: Actor) {
  return { caseId: actor.caseId, actorParticipantId: actor.participantId, sessionRef: actor.sessionRef ?? null };
}

export function requireAllowed(allowed: boolean, message: string): asserts allowed {
  if (!allowed) throw new NotAllowed(message);
}

/**
 * The actor's participant record, read again inside the command's
 * transaction: a person removed (or whose case is another) a moment ago
 * cannot act on an old request.
 */
export function actingParticipant(tx: Tx, actor: Actor): { id: string; caseId: string; role: Role; userId: string | null; name: string | null } {
  const row = tx
    .select({ id: participants.id, caseId: participants.caseId, role: participants.role, userId: participants.userId, name: participants.name })
    .from(participants)
    .where(and(eq(participants.id, actor.participantId), eq(participants.caseId, actor.caseId), isNull(participants.removedAt)))
    .get();
  if (!row) throw new NotFound('Je hebt geen toegang (meer) tot deze casus.');
  return withEffectiveRole(tx, { ...row, caseId: row.caseId }, Date.now());
}

/** A closed case (afgesloten) is read-only for everyone: every write command but reopening asks this first. */
export function requireOpenCase(tx: Tx, caseId: string) {
  const row = tx.select({ closedAt: cases.closedAt }).from(cases).where(eq(cases.id, caseId)).get();
  if (!row) throw new NotFound('Deze casus bestaat niet (meer).');
  if (row.closedAt !== null) throw new Conflict('Deze casus is afgesloten. Je kunt niets meer wijzigen, alleen lezen.');
}

/** The acting participant of a write: as actingParticipant, and the case must be open. */
export function actingWriter(tx: Tx, actor: Actor) {
  const me = actingParticipant(tx, actor);
  requireOpenCase(tx, me.caseId);
  return me;
}

/** A current participant of the actor's case; an id of another case or a removed person is NotFound. */
export function participantInCase(tx: Tx, caseId: string, participantId: string) {
  const row = tx
    .select()
    .from(participants)
    .where(and(eq(participants.id, participantId), eq(participants.caseId, caseId), isNull(participants.removedAt)))
    .get();
  if (!row) throw new NotFound('Deze betrokkene bestaat niet (meer).', 'participantId');
  return row;
}

/**
 * Runs `write` in one transaction and then `after` (effects outside the
 * database) only once it committed. Throwing inside `write` rolls everything
 * back, the audit row included.
 */
/**
 * The professional account behind an e-mail address that a command puts into a
 * case (a new participant, a regisseur): it must exist and be active — a
 * deactivated account (issue 18) is never added anywhere.
 */
export function activeAccountByEmail(
  tx: Tx,
  email: string,
  field: string,
  missing = 'Er is geen account met dit e-mailadres. Laat de beheerder eerst een account maken.',
) {
  const user = findUserByEmail(tx, email);
  if (!user) throw new InvalidInput(missing, field);
  if (user.deactivatedAt !== null) throw new InvalidInput('Dit account is gedeactiveerd. Vraag de beheerder van je organisatie.', field);
  return user;
}

export function commit<T>(deps: CommandDeps, write: (tx: Tx) => T, after?: (result: T) => void): T {
  const result = deps.db.transaction((tx) => write(tx));
  after?.(result);
  return result;
}

export const nowOf = (deps: CommandDeps) => (deps.now ?? Date.now)();
