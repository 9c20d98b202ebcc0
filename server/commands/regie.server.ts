/**
 * Commands that move regie and keep track of who helps (SPEC §2.4, ADR 016 and
 * 018): starting, acknowledging and stopping an overdracht, marking a
 * professional absent with a vervanger (and ending that), and a professional's
 * task and period in the case.
 *
 * Invariants: `cases.casusregisseur_id` changes only in acknowledgeOverdracht,
 * only by the overdracht's new regisseur, and only while the case's regisseur
 * is still the one the overdracht started from — so two concurrent changes
 * cannot both land and there is exactly one casusregisseur at any moment (the
 * partial unique index allows one open overdracht per case; triggers keep the
 * regisseur a current participant who may hold regie). Every change writes its
 * case event (and, for a new participant or the automatic `overdracht`
 * version, its audit row) in the same transaction; sockets of people whose
 * rights change are closed only after commit, so they reconnect with the new
 * rights.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, gte, isNull, lte } from 'drizzle-orm';
import { z } from 'zod';
import { caseAccess, mayKeepHelpOf } from '../../app/domain/permissions';
import { addDays, HELPER_ROLES, isIsoDate, LIMITS, REGIE_HOLDER_ROLES, type AbsenceValue, type HelpValue } from '../../app/domain/regie';
import type { Tx } from '../../db/database.server';
import { absences, cases, overdrachten, participants } from '../../db/schema';
import { recordAudit } from '../audit/audit.server';
import { notifyFamily } from '../notifications/family.server';
import { participantNames, recordCaseEvent } from '../cases/events.server';
import { todayIso } from '../cases/regie.server';
import {
  activeAccountByEmail,
  actingWriter,
  byActor,
  commit,
  Id,
  nowOf,
  parseInput,
  participantInCase,
  requireAllowed,
  type Actor,
  type CommandDeps,
} from './command.server';
import { Conflict, InvalidInput, NotAllowed, NotFound } from './errors';
import { GroundFields, requireGround, writeGround, type GroundFieldValues } from './groundInput.server';

const FACTS_ONLY = 'Alleen de casusregisseur of de jeugdbeschermer kan de regie overdragen.';

/** A form field left empty arrives as '' (or only spaces): the same as not given. */
const optional = <S extends z.ZodType>(schema: S) => z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

const isoDate = (message: string) => z.string({ error: message }).trim().refine(isIsoDate, message);

const text = (missing: string, tooLong: string, max: number, min = 2) => z.string({ error: missing }).trim().min(min, missing).max(max, tooLong);

const email = z.email('Dit e-mailadres klopt niet.').max(320, 'Dit e-mailadres is te lang.');

type Participant = typeof participants.$inferSelect;

const isHelper = (p: Participant) => p.userId !== null && HELPER_ROLES.includes(p.role);

const nameOf = (tx: Tx, id: string) => participantNames(tx, [id]).get(id) ?? 'Onbekend';

/**
 * A professional account by e-mail as a participant of the case: their
 * current record, or a new one in role `professional` (with its audit row,
 * as participants.server.ts does, and the ground it takes part on, ADR 040)
 * — only for those who manage participants.
 */
function professionalByEmail(
  tx: Tx,
  actor: Actor,
  me: ReturnType<typeof actingWriter>,
  address: string,
  field: string,
  groundFields: GroundFieldValues,
  now: number,
) {
  const user = activeAccountByEmail(tx, address, field);
  const existing = tx
    .select()
    .from(participants)
    .where(and(eq(participants.caseId, me.caseId), eq(participants.userId, user.id)))
    .get();
  if (existing && existing.removedAt === null) return existing;
  if (existing) throw new Conflict('Deze professional was eerder betrokken en is uit de casus verwijderd. Kies iemand anders.', field);
  requireAllowed(
    caseAccess(me.role, 'participants') === 'manage',
    'Alleen de jeugdbeschermer of casusregisseur kan een nieuwe professional toevoegen. Kies iemand die al betrokken is.',
  );
  const ground = requireGround(tx, me.caseId, 'professional', groundFields, now);
  const id = randomUUID();
  tx.insert(participants).values({ id, caseId: me.caseId, role: 'professional', userId: user.id, createdAt: now }).run();
  recordAudit(tx, { type: 'participant-added', ...byActor(actor), subjectParticipantId: id, detail: { rol: 'professional' } }, now);
  writeGround(tx, { caseId: me.caseId, participantId: id, by: actor, recordedById: me.id, ground }, now);
  return tx.select().from(participants).where(eq(participants.id, id)).get()!;
}

/** The open (neither completed nor stopped) overdracht of a case, if any. */
function openOverdracht(tx: Tx, caseId: string) {
  return tx
    .select()
    .from(overdrachten)
    .where(and(eq(overdrachten.caseId, caseId), isNull(overdrachten.completedAt), isNull(overdrachten.cancelledAt)))
    .get();
}

function overdrachtInCase(tx: Tx, caseId: string, id: string) {
  const row = tx
    .select()
    .from(overdrachten)
    .where(and(eq(overdrachten.id, id), eq(overdrachten.caseId, caseId)))
    .get();
  if (!row) throw new NotFound('Deze overdracht bestaat niet.', 'overdrachtId');
  return row;
}

function regieOf(tx: Tx, caseId: string) {
  return tx.select({ r: cases.casusregisseurId, p: cases.regieProfessionalId }).from(cases).where(eq(cases.id, caseId)).get()!;
}

/** Distinct, non-empty participant ids (whose sockets to close). */
const people = (...ids: (string | null | undefined)[]) => [...new Set(ids.filter((id): id is string => Boolean(id)))];

// ─── Overdracht ──────────────────────────────────────────────────────────────

export const StartOverdrachtInput = z.object({
  toParticipantId: optional(Id('Kies aan wie je de regie overdraagt.')),
  toEmail: optional(email),
  /** The ground of a professional added by e-mail (ADR 040); ignored for someone already in the case. */
  ...GroundFields,
  regieProfessionalId: optional(Id('Kies de professional die naast de ouder staat.')),
  situatie: text('Vul de situatie in.', 'De situatie is te lang.', LIMITS.note),
  openAfsprakenRisicos: text('Vul de open afspraken en risico’s in.', 'De open afspraken en risico’s zijn te lang.', LIMITS.note),
  gezinBelangrijk: text('Vul in wat het gezin belangrijk vindt.', 'Wat het gezin belangrijk vindt is te lang.', LIMITS.note),
  volgendeStappen: text('Vul de volgende stappen in.', 'De volgende stappen zijn te lang.', LIMITS.note),
  familySummary: text('Schrijf een korte uitleg voor het gezin.', 'De uitleg voor het gezin is te lang.', LIMITS.familySummary, 5),
  overlapUntil: optional(isoDate('De datum tot wanneer jullie samen de regie hebben klopt niet.')),
});

/**
 * Starts a warme overdracht: the note, an automatic `overdracht` version
 * linked to it, and an optional overlap in which the incoming regisseur holds
 * regie rights beside the current one. Regie itself moves only when the new
 * regisseur acknowledges.
 */
export function startOverdracht(deps: CommandDeps, actor: Actor, input: unknown) {
  const data = parseInput(StartOverdrachtInput, input);
  if (!data.toParticipantId === !data.toEmail) {
    throw new InvalidInput(
      data.toParticipantId ? 'Kies een betrokkene óf vul een e-mailadres in, niet allebei.' : 'Kies aan wie je de regie overdraagt.',
      'toParticipantId',
    );
  }
  const now = nowOf(deps);
  const today = todayIso(now);
  if (data.overlapUntil && data.overlapUntil < today) throw new InvalidInput('De overlap kan niet in het verleden eindigen.', 'overlapUntil');
  if (data.overlapUntil && data.overlapUntil > addDays(today, LIMITS.overlapDays)) {
    throw new InvalidInput('De overlap duurt hoogstens drie maanden.', 'overlapUntil');
  }
  return commit(
    deps,
    (tx) => {
      const me = actingWriter(tx, actor);
      requireAllowed(caseAccess(me.role, 'caseFacts') === 'write', FACTS_ONLY);
      if (openOverdracht(tx, me.caseId)) throw new Conflict('Er loopt al een overdracht van de regie. Rond die eerst af of stop haar.');
      const regie = regieOf(tx, me.caseId);
      const from = regie.r ?? me.id;
      const to = data.toParticipantId
        ? participantInCase(tx, me.caseId, data.toParticipantId)
        : professionalByEmail(tx, actor, me, data.toEmail!, 'toEmail', data, now);
      if (to.id === regie.r) throw new InvalidInput('Deze persoon heeft de regie al. Kies iemand anders.', 'toParticipantId');
      // A professional with an account (not a meelezer) or a parent; a personal link never carries professional rights (ADR 016).
      const mayHold = REGIE_HOLDER_ROLES.includes(to.role) && (to.role === 'ouder') === (to.userId === null);
      if (!mayHold) {
        throw new InvalidInput('De regie gaat naar een professional (geen meelezer) of naar een ouder. Kies iemand anders.', 'toParticipantId');
      }
      let regieProfessionalId: string | null = null;
      if (to.role === 'ouder') {
        if (!data.regieProfessionalId) {
          throw new InvalidInput('Kies de professional die naast de ouder staat en de rechten van de regie krijgt.', 'regieProfessionalId');
        }
        const beside = participantInCase(tx, me.caseId, data.regieProfessionalId);
        if (!isHelper(beside)) throw new InvalidInput('Naast de ouder staat een professional van deze casus (geen meelezer).', 'regieProfessionalId');
        regieProfessionalId = beside.id;
      }
      const toName = nameOf(tx, to.id);
      const snapshotId = deps.snapshots.insert(tx, me.caseId, { label: `Overdracht aan ${toName}`, reason: 'overdracht', authorParticipantId: me.id }, now);
      recordAudit(tx, { type: 'snapshot', ...byActor(actor), detail: { reden: 'overdracht', versie: snapshotId } }, now);
      const id = randomUUID();
      tx.insert(overdrachten)
        .values({
          id,
          caseId: me.caseId,
          fromParticipantId: from,
          toParticipantId: to.id,
          regieProfessionalId,
          situatie: data.situatie,
          openAfsprakenRisicos: data.openAfsprakenRisicos,
          gezinBelangrijk: data.gezinBelangrijk,
          volgendeStappen: data.volgendeStappen,
          familySummary: data.familySummary,
          snapshotId,
          overlapUntil: data.overlapUntil ?? null,
          startedById: me.id,
          startedAt: now,
        })
        .run();
      recordCaseEvent(
        tx,
        {
          caseId: me.caseId,
          type: 'overdracht-started',
          actorParticipantId: me.id,
          subjectParticipantId: to.id,
          newValue: data.overlapUntil ? { overlapUntil: data.overlapUntil } : null,
          refId: id,
        },
        now,
      );
      return { caseId: me.caseId, overdrachtId: id, snapshotId, toName, overlap: Boolean(data.overlapUntil), gaining: people(to.id, regieProfessionalId) };
    },
    (r) => {
      if (r.overlap) for (const participantId of r.gaining) deps.sync.closeConnections({ caseId: r.caseId, participantId, final: false });
    },
  );
}

export const OverdrachtRef = z.object({ overdrachtId: Id('Kies een overdracht.') });

/** The new regisseur (and only they) takes regie over: the case names them, the overdracht is complete. */
export function acknowledgeOverdracht(deps: CommandDeps, actor: Actor, input: unknown) {
  const data = parseInput(OverdrachtRef, input);
  const now = nowOf(deps);
  return commit(
    deps,
    (tx) => {
      const me = actingWriter(tx, actor);
      const o = overdrachtInCase(tx, me.caseId, data.overdrachtId);
      if (o.toParticipantId !== me.id) {
        throw new NotAllowed(`Alleen ${nameOf(tx, o.toParticipantId)}, de nieuwe regisseur, kan bevestigen dat de regie is overgenomen.`);
      }
      if (o.completedAt !== null) throw new Conflict('Deze overdracht is al afgerond.');
      if (o.cancelledAt !== null) throw new Conflict('Deze overdracht is gestopt.');
      const regie = regieOf(tx, me.caseId);
      // Someone else may have moved regie since this overdracht started: then it no longer holds.
      if ((regie.r ?? o.fromParticipantId) !== o.fromParticipantId) throw new Conflict('De regie is intussen al overgedragen.');
      if (o.regieProfessionalId) {
        const beside = tx
          .select()
          .from(participants)
          .where(and(eq(participants.id, o.regieProfessionalId), isNull(participants.removedAt)))
          .get();
        if (!beside || !isHelper(beside)) {
          throw new Conflict('De professional naast de ouder is niet meer betrokken. Laat deze overdracht stoppen en begin een nieuwe.');
        }
      }
      tx.update(cases).set({ casusregisseurId: me.id, regieProfessionalId: o.regieProfessionalId }).where(eq(cases.id, me.caseId)).run();
      tx.update(overdrachten).set({ completedAt: now }).where(eq(overdrachten.id, o.id)).run();
      recordCaseEvent(
        tx,
        { caseId: me.caseId, type: 'overdracht-completed', actorParticipantId: me.id, subjectParticipantId: me.id, oldValue: regie.r, refId: o.id },
        now,
      );
      notifyFamily(tx, { caseId: me.caseId, reason: 'regisseur-gewijzigd', key: o.id, except: me.id }, now);
      return { caseId: me.caseId, overdrachtId: o.id, affected: people(regie.r, regie.p, me.id, o.regieProfessionalId) };
    },
    (r) => {
      for (const participantId of r.affected) deps.sync.closeConnections({ caseId: r.caseId, participantId, final: false });
    },
  );
}

export const CancelOverdrachtInput = OverdrachtRef.extend({
  reason: text('Schrijf kort waarom de overdracht stopt.', 'De reden is te lang.', LIMITS.reason, 3),
});

/** Stops an open overdracht (with a reason); regie stays where it is, the note and its version stay in the history. */
export function cancelOverdracht(deps: CommandDeps, actor: Actor, input: unknown) {
  const data = parseInput(CancelOverdrachtInput, input);
  const now = nowOf(deps);
  return commit(
    deps,
    (tx) => {
      const me = actingWriter(tx, actor);
      requireAllowed(caseAccess(me.role, 'caseFacts') === 'write', 'Alleen de casusregisseur of de jeugdbeschermer kan een overdracht stoppen.');
      const o = overdrachtInCase(tx, me.caseId, data.overdrachtId);
      if (o.completedAt !== null) throw new Conflict('Deze overdracht is al afgerond. Je kunt haar niet meer stoppen.');
      if (o.cancelledAt !== null) throw new Conflict('Deze overdracht is al gestopt.');
      tx.update(overdrachten).set({ cancelledAt: now, cancelReason: data.reason }).where(eq(overdrachten.id, o.id)).run();
      recordCaseEvent(
        tx,
        {
          caseId: me.caseId,
          type: 'overdracht-cancelled',
          actorParticipantId: me.id,
          subjectParticipantId: o.toParticipantId,
          reason: data.reason,
          refId: o.id,
        },
        now,
      );
      return { caseId: me.caseId, overlap: Boolean(o.overlapUntil), losing: people(o.toParticipantId, o.regieProfessionalId) };
    },
    (r) => {
      if (r.overlap) for (const participantId of r.losing) deps.sync.closeConnections({ caseId: r.caseId, participantId, final: false });
    },
  );
}

// ─── Vervanging (absences) ───────────────────────────────────────────────────

export const SetAbsenceInput = z.object({
  participantId: Id('Kies wie er afwezig is.'),
  from: isoDate('De begindatum klopt niet.'),
  until: isoDate('De einddatum klopt niet.'),
  standInParticipantId: optional(Id('Kies een vervanger.')),
  standInEmail: optional(email),
  /** The ground of a stand-in added by e-mail (ADR 040); ignored for someone already in the case. */
  ...GroundFields,
});

/** The professional being kept (task, period, absence), checked against who acts. */
function helperTarget(tx: Tx, me: ReturnType<typeof actingWriter>, participantId: string, notAllowed: string) {
  const target = participantInCase(tx, me.caseId, participantId);
  requireAllowed(mayKeepHelpOf(me.role, target.id === me.id), notAllowed);
  if (!isHelper(target)) throw new InvalidInput('Dit kan alleen voor een professional van deze casus (geen meelezer).', 'participantId');
  return target;
}

/** Absences of one participant that are not ended and share a day with from–until. */
function overlappingAbsence(tx: Tx, participantId: string, from: string, until: string, field: 'participantId' | 'standInParticipantId') {
  const column = field === 'participantId' ? absences.participantId : absences.standInParticipantId;
  return tx
    .select({ id: absences.id })
    .from(absences)
    .where(and(eq(column, participantId), isNull(absences.endedAt), lte(absences.fromDate, until), gte(absences.untilDate, from)))
    .get();
}

/** Marks a professional afwezig van … tot … (whole days, both included) with a vervanger the family can call. */
export function setAbsence(deps: CommandDeps, actor: Actor, input: unknown) {
  const data = parseInput(SetAbsenceInput, input);
  if (!data.standInParticipantId === !data.standInEmail) {
    throw new InvalidInput(
      data.standInParticipantId ? 'Kies een vervanger óf vul een e-mailadres in, niet allebei.' : 'Kies een vervanger.',
      'standInParticipantId',
    );
  }
  if (data.until < data.from) throw new InvalidInput('De einddatum ligt vóór de begindatum.', 'until');
  const now = nowOf(deps);
  if (data.until < todayIso(now)) throw new InvalidInput('De einddatum ligt in het verleden.', 'until');
  if (data.until > addDays(data.from, LIMITS.absenceDays)) throw new InvalidInput('Een afwezigheid duurt hoogstens een jaar.', 'until');
  return commit(deps, (tx) => {
    const me = actingWriter(tx, actor);
    const absent = helperTarget(tx, me, data.participantId, 'Alleen de casusregisseur, de jeugdbeschermer of de professional zelf kan een afwezigheid melden.');
    const standIn = data.standInParticipantId
      ? participantInCase(tx, me.caseId, data.standInParticipantId)
      : professionalByEmail(tx, actor, me, data.standInEmail!, 'standInEmail', data, now);
    if (standIn.id === absent.id) throw new InvalidInput('De vervanger is iemand anders dan wie afwezig is.', 'standInParticipantId');
    if (!isHelper(standIn)) throw new InvalidInput('De vervanger is een professional van deze casus (geen meelezer).', 'standInParticipantId');
    if (overlappingAbsence(tx, absent.id, data.from, data.until, 'participantId')) {
      throw new Conflict('Er staat in die periode al een afwezigheid. Beëindig die eerst.');
    }
    if (overlappingAbsence(tx, standIn.id, data.from, data.until, 'participantId')) {
      throw new Conflict('De vervanger is in die periode zelf afwezig. Kies iemand anders.', 'standInParticipantId');
    }
    const id = randomUUID();
    tx.insert(absences)
      .values({
        id,
        caseId: me.caseId,
        participantId: absent.id,
        standInParticipantId: standIn.id,
        fromDate: data.from,
        untilDate: data.until,
        createdById: me.id,
        createdAt: now,
      })
      .run();
    const value: AbsenceValue = { from: data.from, until: data.until, standIn: nameOf(tx, standIn.id) };
    recordCaseEvent(
      tx,
      { caseId: me.caseId, type: 'absence-set', actorParticipantId: me.id, subjectParticipantId: absent.id, newValue: value, refId: id },
      now,
    );
    notifyFamily(tx, { caseId: me.caseId, reason: 'vervanger', key: id }, now);
    return { absenceId: id, name: nameOf(tx, absent.id), standIn: value.standIn };
  });
}

export const AbsenceRef = z.object({ absenceId: Id('Kies een afwezigheid.') });

/** Ends an absence (earlier than planned, or because it was a mistake). */
export function endAbsence(deps: CommandDeps, actor: Actor, input: unknown) {
  const data = parseInput(AbsenceRef, input);
  const now = nowOf(deps);
  return commit(deps, (tx) => {
    const me = actingWriter(tx, actor);
    const row = tx
      .select()
      .from(absences)
      .where(and(eq(absences.id, data.absenceId), eq(absences.caseId, me.caseId)))
      .get();
    if (!row) throw new NotFound('Deze afwezigheid bestaat niet.', 'absenceId');
    requireAllowed(
      mayKeepHelpOf(me.role, row.participantId === me.id),
      'Alleen de casusregisseur, de jeugdbeschermer of de professional zelf kan een afwezigheid beëindigen.',
    );
    if (row.endedAt !== null) throw new Conflict('Deze afwezigheid is al beëindigd.');
    tx.update(absences).set({ endedAt: now }).where(eq(absences.id, row.id)).run();
    recordCaseEvent(tx, { caseId: me.caseId, type: 'absence-ended', actorParticipantId: me.id, subjectParticipantId: row.participantId, refId: row.id }, now);
    return { absenceId: row.id };
  });
}

// ─── Who helps, and since when ───────────────────────────────────────────────

export const SetHelpInput = z.object({
  participantId: Id('Kies een professional.'),
  task: text('Beschrijf de taak in deze casus.', 'De taak is te lang.', LIMITS.task),
  from: isoDate('De begindatum klopt niet.'),
  until: optional(isoDate('De einddatum klopt niet.')),
  result: optional(text('Beschrijf wat de hulp heeft opgeleverd.', 'Wat de hulp heeft opgeleverd is te lang.', LIMITS.helpResult)),
});

/** A professional's task in this case and the period of their help; an end date (with what it brought) ends the help. */
export function setHelp(deps: CommandDeps, actor: Actor, input: unknown) {
  const data = parseInput(SetHelpInput, input);
  if (data.until && data.until < data.from) throw new InvalidInput('De einddatum ligt vóór de begindatum.', 'until');
  if (data.result && !data.until) throw new InvalidInput('Vul wat de hulp heeft opgeleverd in als de hulp stopt: zet er dan ook een einddatum bij.', 'result');
  const now = nowOf(deps);
  return commit(deps, (tx) => {
    const me = actingWriter(tx, actor);
    const target = helperTarget(
      tx,
      me,
      data.participantId,
      'Alleen de casusregisseur, de jeugdbeschermer of de professional zelf kan taak en periode aanpassen.',
    );
    const before: HelpValue = { task: target.task, from: target.helpFrom, until: target.helpUntil, result: target.helpResult };
    const after: HelpValue = { task: data.task, from: data.from, until: data.until ?? null, result: data.result ?? null };
    tx.update(participants)
      .set({ task: after.task, helpFrom: after.from, helpUntil: after.until, helpResult: after.result })
      .where(eq(participants.id, target.id))
      .run();
    recordCaseEvent(
      tx,
      { caseId: me.caseId, type: 'help-changed', actorParticipantId: me.id, subjectParticipantId: target.id, oldValue: before, newValue: after },
      now,
    );
    return { participantId: target.id, name: nameOf(tx, target.id) };
  });
}
