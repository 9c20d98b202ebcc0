/**
 * Commands on the people of a case (Betrokkenen): adding family, netwerk and
 * professionals, changing a role, removing someone. Only roles that manage
 * participants (SPEC §3) may; nobody changes or removes themselves. Ending
 * access (links revoked, sessions ended) is written in the same transaction
 * as the change and its audit rows; sockets close after commit.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, isNull, or } from 'drizzle-orm';
import { z } from 'zod';
import { ASSIGNABLE_PROFESSIONAL_ROLES, FAMILY_ROLES, isProfessionalRole, STORED_ROLES, type Role } from '../../app/domain/caseFacts';
import { caseAccess, lowersAccess } from '../../app/domain/permissions';
import type { Tx } from '../../db/database.server';
import { cases, overdrachten, participants } from '../../db/schema';
import { recordAudit } from '../audit/audit.server';
import { endParticipantSessions } from '../auth/sessions.server';
import { findParticipantForUser } from '../cases/cases.server';
import { revokeLinksOf } from '../links/links.server';
import { leaveRunningMeeting } from '../meetings/meetings.server';
import {
  activeAccountByEmail,
  actingWriter,
  commit,
  Id,
  nowOf,
  parseInput,
  participantInCase,
  requireAllowed,
  byActor,
  type Actor,
  type CommandDeps,
} from './command.server';
import { Conflict, InvalidInput, NotAllowed } from './errors';
import { GroundFields, requireGround, writeGround } from './groundInput.server';
import { needsGrondslag } from '../../app/domain/grondslag';

const MANAGE_ONLY = 'Alleen de jeugdbeschermer of casusregisseur kan betrokkenen beheren.';

/** The actor, checked to be allowed to manage participants. */
export function manager(tx: Tx, actor: Actor, message = MANAGE_ONLY) {
  const me = actingWriter(tx, actor);
  requireAllowed(caseAccess(me.role, 'participants') === 'manage', message);
  return me;
}

/** The manager and another current participant of their case: nobody changes or removes themselves. */
function someoneElse(tx: Tx, actor: Actor, participantId: string, selfMessage: string) {
  const me = manager(tx, actor);
  const target = participantInCase(tx, me.caseId, participantId);
  if (target.id === me.id) throw new NotAllowed(selfMessage);
  return { me, target };
}

/** The audit row of a new participant (family, netwerk or professional alike); `extra` adds to its detail (an invite's request id). */
function recordAdded(tx: Tx, actor: Actor, participantId: string, role: Role, extra: Record<string, string> = {}) {
  recordAudit(tx, { type: 'participant-added', ...byActor(actor), subjectParticipantId: participantId, detail: { rol: role, ...extra } });
}

const optionalText = (max: number) => z.string().trim().max(max, 'Een van de velden is te lang.').optional();

export const AddFamilyMemberInput = z.object({
  role: z.enum(FAMILY_ROLES, { error: 'Kies een rol.' }),
  name: z.string({ error: 'Vul een naam in.' }).trim().min(2, 'Vul een naam in.').max(120, 'De naam is te lang.'),
  relation: optionalText(120),
  phone: optionalText(40),
  email: z
    .union([z.literal(''), z.email('Dit e-mailadres klopt niet.').max(320, 'Dit e-mailadres is te lang.')], { error: 'Dit e-mailadres klopt niet.' })
    .optional(),
  /** The grondslag (ADR 033, 040): required for a netwerk member, recorded in the same transaction. */
  ...GroundFields,
});

export function addFamilyMember(deps: CommandDeps, actor: Actor, input: unknown) {
  const data = parseInput(AddFamilyMemberInput, input);
  return commit(deps, (tx) => insertFamilyMember(tx, actor, manager(tx, actor).caseId, data, nowOf(deps)));
}

/** Inserts a family or netwerk member and its audit row in the caller's transaction (the caller checked the manager). */
export function insertFamilyMember(
  tx: Tx,
  actor: Actor,
  caseId: string,
  data: z.output<typeof AddFamilyMemberInput>,
  now: number,
  auditExtra: Record<string, string> = {},
) {
  // A netwerk member comes with a ground (ADR 040); a parent or jeugdige needs none: fields sent along are ignored.
  const ground = needsGrondslag(data.role) ? requireGround(tx, caseId, data.role, data, now) : null;
  const id = randomUUID();
  tx.insert(participants)
    .values({
      id,
      caseId,
      role: data.role,
      name: data.name,
      relation: data.relation || null,
      phone: data.phone || null,
      email: data.email || null,
      createdAt: now,
    })
    .run();
  recordAdded(tx, actor, id, data.role, auditExtra);
  if (ground) writeGround(tx, { caseId, participantId: id, by: actor, recordedById: actor.participantId, ground }, now);
  return { participantId: id, name: data.name };
}

/** Regie is not a role to give: it goes with an overdracht (ADR 016). */
const REGIE_BY_HANDOVER = 'De regie geef je niet met een rol: draag haar over met een overdracht (Betrokkenen → Overdracht).';
const noRegieRole = (input: unknown) => {
  if (input && typeof input === 'object' && (input as { role?: unknown }).role === 'casusregisseur') throw new InvalidInput(REGIE_BY_HANDOVER, 'role');
};

export const AddProfessionalInput = z.object({
  role: z.enum(ASSIGNABLE_PROFESSIONAL_ROLES, { error: 'Kies een rol.' }),
  account: z.email('Vul het e-mailadres van het account in.').max(320, 'Dit e-mailadres is te lang.'),
  /** The grondslag (ADR 033, 040): required, recorded in the same transaction. */
  ...GroundFields,
});

export function addProfessional(deps: CommandDeps, actor: Actor, input: unknown) {
  noRegieRole(input);
  const data = parseInput(AddProfessionalInput, input);
  return commit(deps, (tx) => {
    const me = manager(tx, actor);
    const user = activeAccountByEmail(tx, data.account, 'account');
    if (findParticipantForUser(tx, me.caseId, user.id)) throw new Conflict('Deze professional is al betrokken bij deze casus.', 'account');
    const now = nowOf(deps);
    const ground = requireGround(tx, me.caseId, data.role, data, now);
    const id = randomUUID();
    tx.insert(participants).values({ id, caseId: me.caseId, role: data.role, userId: user.id, createdAt: now }).run();
    recordAdded(tx, actor, id, data.role);
    writeGround(tx, { caseId: me.caseId, participantId: id, by: actor, recordedById: me.id, ground }, now);
    return { participantId: id, name: user.name };
  });
}

/**
 * Ends a participant's access inside the caller's transaction: their links
 * are revoked and their sessions ended (those sessions then only show the
 * access-ended page). The caller closes their sockets after commit. With
 * `replacing` the 'access-ended' row is written only when something ended.
 */
export function endAccess(tx: Tx, input: { caseId: string; participantId: string; by: Actor; reason?: string; replacing?: boolean }, now: number) {
  const links = revokeLinksOf(tx, input.participantId, now);
  const sessions = endParticipantSessions(tx, input.participantId, now);
  const leftMeeting = leaveRunningMeeting(tx, input.caseId, input.participantId, now);
  // `replacing` (a new link for someone): nothing to replace means no access ended, so nothing on record.
  if (input.replacing && links === 0 && sessions === 0 && !leftMeeting) return { links, sessions, leftMeeting };
  recordAudit(
    tx,
    {
      type: 'access-ended',
      caseId: input.caseId,
      actorParticipantId: input.by.participantId,
      sessionRef: input.by.sessionRef,
      subjectParticipantId: input.participantId,
      detail: { sessions, links, ...(input.reason ? { reden: input.reason } : {}) },
    },
    now,
  );
  return { links, sessions, leftMeeting };
}

export const ChangeRoleInput = z.object({
  participantId: Id(),
  role: z.enum(STORED_ROLES, { error: 'Kies een rol.' }),
  /** A parent or jeugdige who becomes a netwerk member comes with a ground (ADR 040). */
  ...GroundFields,
});

/**
 * A lowered role ends the person's sessions and closes their sockets (their
 * personal link stays valid and opens the case under the new role); a raised
 * one only makes open pages reconnect with the new rights.
 */
export function changeRole(deps: CommandDeps, actor: Actor, input: unknown) {
  noRegieRole(input);
  const data = parseInput(ChangeRoleInput, input);
  const now = nowOf(deps);
  return commit(
    deps,
    (tx) => {
      const { me, target } = someoneElse(tx, actor, data.participantId, 'Je kunt je eigen rol niet aanpassen.');
      holdsNoRegie(
        tx,
        me.caseId,
        target.id,
        'Deze persoon heeft de regie (of staat naast de ouder die haar heeft). Draag de regie eerst over; dan kun je de rol aanpassen.',
      );
      if (Boolean(target.userId) !== isProfessionalRole(data.role)) {
        throw new InvalidInput(
          target.userId ? 'Een professional kan geen rol van het gezin of netwerk krijgen.' : 'Deze rol is alleen voor professionals met een account.',
          'role',
        );
      }
      // Someone who took part as family and now needs a ground (ouder → netwerklid) gets it in this transaction.
      const ground = !needsGrondslag(target.role) && needsGrondslag(data.role) ? requireGround(tx, me.caseId, data.role, data, now, target.id) : null;
      tx.update(participants).set({ role: data.role }).where(eq(participants.id, target.id)).run();
      recordAudit(
        tx,
        {
          type: 'role-changed',
          ...byActor(actor),
          subjectParticipantId: target.id,
          detail: { van: target.role, naar: data.role },
        },
        now,
      );
      if (ground) writeGround(tx, { caseId: me.caseId, participantId: target.id, by: actor, recordedById: me.id, ground }, now);
      const lowered = lowersAccess(target.role, data.role);
      if (lowered) {
        const sessions = endParticipantSessions(tx, target.id, now);
        recordAudit(
          tx,
          {
            type: 'access-ended',
            ...byActor(actor),
            subjectParticipantId: target.id,
            detail: { sessions, reden: 'rol verlaagd' },
          },
          now,
        );
      }
      return { caseId: me.caseId, participantId: target.id, from: target.role, to: data.role, lowered };
    },
    (r) => {
      deps.sync.closeConnections({ caseId: r.caseId, participantId: r.participantId, final: r.lowered });
    },
  );
}

/**
 * The regisseur, the professional beside a parent regisseur and the person an
 * open overdracht goes to keep their place until regie moves (the database
 * refuses it too; this gives the Dutch answer).
 */
function holdsNoRegie(tx: Tx, caseId: string, participantId: string, message: string) {
  const c = tx.select({ r: cases.casusregisseurId, p: cases.regieProfessionalId }).from(cases).where(eq(cases.id, caseId)).get();
  if (c?.r === participantId || c?.p === participantId) throw new Conflict(message);
  const open = tx
    .select({ id: overdrachten.id })
    .from(overdrachten)
    .where(
      and(
        eq(overdrachten.caseId, caseId),
        isNull(overdrachten.completedAt),
        isNull(overdrachten.cancelledAt),
        or(eq(overdrachten.toParticipantId, participantId), eq(overdrachten.regieProfessionalId, participantId)),
      ),
    )
    .get();
  if (open) throw new Conflict('Er loopt een overdracht van de regie aan deze persoon. Rond die eerst af of stop haar.');
}

export const ParticipantRef = z.object({ participantId: Id() });

/** Removes a participant (kept in history as removed) and ends their access at once. The casusregisseur is handed over first. */
export function removeParticipant(deps: CommandDeps, actor: Actor, input: unknown) {
  const data = parseInput(ParticipantRef, input);
  const now = nowOf(deps);
  return commit(
    deps,
    (tx) => {
      const { me, target } = someoneElse(tx, actor, data.participantId, 'Je kunt jezelf niet verwijderen.');
      const ended = removeFromCase(
        tx,
        { caseId: me.caseId, participantId: target.id, by: actor },
        'Dit is de casusregisseur (of de professional naast de ouder die de regie heeft). Draag de regie eerst over aan iemand anders.',
        now,
      );
      return { caseId: me.caseId, participantId: target.id, name: target.name, leftMeeting: ended.leftMeeting };
    },
    (r) => {
      deps.sync.closeConnections({ caseId: r.caseId, participantId: r.participantId });
      if (r.leftMeeting) deps.stamps.meetingChanged(r.caseId, actor.participantId, now);
    },
  );
}

/**
 * The one place a participant leaves a case, in the caller's transaction:
 * the regisseur (and whoever regie is moving to) is refused with
 * `regieMessage` — overdracht first —, the person is marked removed (kept in
 * history) and their access ends (endAccess). Used by removing someone and by
 * withdrawing consent (ADR 033). The caller closes their sockets after commit.
 */
export function removeFromCase(tx: Tx, input: { caseId: string; participantId: string; by: Actor; reason?: string }, regieMessage: string, now: number) {
  holdsNoRegie(tx, input.caseId, input.participantId, regieMessage);
  tx.update(participants).set({ removedAt: now }).where(eq(participants.id, input.participantId)).run();
  recordAudit(
    tx,
    {
      type: 'participant-removed',
      caseId: input.caseId,
      actorParticipantId: input.by.participantId,
      sessionRef: input.by.sessionRef ?? null,
      subjectParticipantId: input.participantId,
      ...(input.reason ? { detail: { reden: input.reason } } : {}),
    },
    now,
  );
  return endAccess(tx, { caseId: input.caseId, participantId: input.participantId, by: input.by, reason: input.reason }, now);
}
