/**
 * Besluiten (issue 14 point 8): the decisions that matter, recorded with
 * their grounds (linked to kaart items), the alternatives considered, the
 * gedragswetenschapper's advice when asked, and plain words for the family.
 * Invariants: a besluit counts only once a SECOND professional of the case
 * agreed (vier ogen) — never the proposer (a database trigger refuses that
 * too), never a meelezer, never family or netwerk. An agreed besluit is
 * never withdrawn; a withdrawn one is never agreed. Each change and its case
 * event are one transaction.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { isProfessionalRole } from '../../app/domain/caseFacts';
import { BESLUIT_KINDS } from '../../app/domain/caseEvents';
import { renderKaart } from '../../app/domain/kaart';
import { mayAgreeBesluit, mayProposeBesluit } from '../../app/domain/permissions';
import type { Tx } from '../../db/database.server';
import { besluiten, participants } from '../../db/schema';
import { recordCaseEvent } from '../cases/events.server';
import { actingWriter, commit, Id, nowOf, parseInput, requireAllowed, type Actor, type CommandDeps } from './command.server';
import { Conflict, InvalidInput, NotAllowed, NotFound } from './errors';

const TOO_LONG = 'Een van de velden is te lang.';
const text = (min: number, max: number, message: string) => z.string({ error: message }).trim().min(min, message).max(max, TOO_LONG);
const optionalText = (max: number) => z.string({ error: 'Een van de velden klopt niet.' }).trim().max(max, TOO_LONG).optional();
const ITEM_MESSAGE = 'Een van de gekozen kaartitems klopt niet.';

/** Kaart item ids as a list, or one id, or ids separated by commas (as a form may send them). */
const ItemIds = z.preprocess(
  (v) => (v === undefined || v === null || v === '' ? [] : typeof v === 'string' ? v.split(',') : v),
  z.array(Id(ITEM_MESSAGE), { error: ITEM_MESSAGE }).max(40, 'Kies hooguit 40 kaartitems.'),
);

export const ProposeBesluitInput = z.object({
  kind: z.enum(BESLUIT_KINDS, { error: 'Kies wat voor besluit het is.' }),
  title: text(3, 160, 'Geef het besluit een korte naam (het gezin leest die ook).'),
  grounds: text(10, 4000, 'Schrijf de gronden op: waarom is dit besluit nodig?'),
  groundItemIds: ItemIds,
  alternatives: text(5, 4000, 'Schrijf op welke andere mogelijkheden jullie hebben overwogen.'),
  advice: optionalText(4000),
  adviceById: z.union([z.literal(''), Id('Kies wie het advies gaf.')], { error: 'Kies wie het advies gaf.' }).optional(),
  familySummary: text(10, 2000, 'Leg in gewone woorden uit voor het gezin waarom dit besloten wordt.'),
});

/** The acting proposer: a case-facts writer of an open case. */
function proposer(tx: Tx, actor: Actor) {
  const me = actingWriter(tx, actor);
  requireAllowed(mayProposeBesluit(me.role), 'Alleen de jeugdbeschermer of casusregisseur legt een besluit vast.');
  return me;
}

/** Ids of the items on the case's kaart (any status: items are withdrawn, never deleted). */
function kaartItemIds(deps: CommandDeps, caseId: string): Set<string> {
  const kaart = renderKaart(deps.sync.room(caseId, 'kaart').doc);
  return new Set(
    Object.values(kaart.sections)
      .flat()
      .map((i) => i.id),
  );
}

/** The adviser: a participant of this case with a professional account (the gedragswetenschapper may be in any professional role). */
function adviser(tx: Tx, caseId: string, participantId: string) {
  const row = tx
    .select({ id: participants.id, role: participants.role, userId: participants.userId, removedAt: participants.removedAt })
    .from(participants)
    .where(and(eq(participants.id, participantId), eq(participants.caseId, caseId)))
    .get();
  if (!row || row.removedAt !== null || !row.userId || !isProfessionalRole(row.role)) {
    throw new InvalidInput('Kies als adviseur een professional die bij deze casus betrokken is.', 'adviceById');
  }
  return row;
}

export function proposeBesluit(deps: CommandDeps, actor: Actor, input: unknown) {
  const data = parseInput(ProposeBesluitInput, input);
  const adviceById = data.adviceById || null;
  const advice = data.advice || null;
  if (advice && !adviceById) throw new InvalidInput('Kies wie het advies gaf.', 'adviceById');
  if (adviceById && !advice) throw new InvalidInput('Schrijf het advies op, of kies geen adviseur.', 'advice');
  const groundItemIds = [...new Set(data.groundItemIds)];
  // The kaart is read before the transaction (after checking who acts): loading a document may
  // fold its log into a checkpoint, which must not share this transaction's fate. Kaart items
  // are never deleted, only withdrawn, so an id found here still exists at commit.
  if (groundItemIds.length > 0) {
    deps.db.transaction((tx) => proposer(tx, actor));
    const known = kaartItemIds(deps, actor.caseId);
    if (groundItemIds.some((id) => !known.has(id))) throw new InvalidInput('Een van de gekozen kaartitems staat niet (meer) op de kaart.', 'groundItemIds');
  }
  const now = nowOf(deps);
  return commit(deps, (tx) => {
    const me = proposer(tx, actor);
    if (adviceById) adviser(tx, me.caseId, adviceById);
    const id = randomUUID();
    tx.insert(besluiten)
      .values({
        id,
        caseId: me.caseId,
        kind: data.kind,
        title: data.title,
        grounds: data.grounds,
        groundItemIds: JSON.stringify(groundItemIds),
        alternatives: data.alternatives,
        advice,
        adviceById,
        familySummary: data.familySummary,
        proposedById: me.id,
        proposedAt: now,
      })
      .run();
    recordCaseEvent(tx, { caseId: me.caseId, type: 'besluit-proposed', actorParticipantId: me.id, newValue: data.title, refId: id }, now);
    return { besluitId: id, caseId: me.caseId };
  });
}

export const BesluitRef = z.object({ besluitId: Id('Kies een besluit.') });

/** A besluit of the actor's case; an id of another case is NotFound. */
function besluitInCase(tx: Tx, caseId: string, besluitId: string) {
  const row = tx
    .select()
    .from(besluiten)
    .where(and(eq(besluiten.id, besluitId), eq(besluiten.caseId, caseId)))
    .get();
  if (!row) throw new NotFound('Dit besluit bestaat niet.', 'besluitId');
  return row;
}

/** The vier-ogen agreement: from now on the besluit counts (and the family reads it). */
export function agreeBesluit(deps: CommandDeps, actor: Actor, input: unknown) {
  const data = parseInput(BesluitRef, input);
  const now = nowOf(deps);
  return commit(deps, (tx) => {
    const me = actingWriter(tx, actor);
    requireAllowed(mayAgreeBesluit(me.role) && me.userId !== null, 'Alleen een tweede professional die in deze casus werkt, kan een besluit bevestigen.');
    const b = besluitInCase(tx, me.caseId, data.besluitId);
    // One participant record per account per case (unique index), so the record is the person.
    if (b.proposedById === me.id) {
      throw new NotAllowed('Je hebt dit besluit zelf voorgesteld. Een tweede professional moet het bevestigen (vier ogen).');
    }
    if (b.withdrawnAt !== null) throw new Conflict('Dit besluit is ingetrokken. Het kan niet meer worden bevestigd.');
    if (b.agreedAt !== null) throw new Conflict('Dit besluit is al bevestigd.');
    tx.update(besluiten).set({ agreedById: me.id, agreedAt: now }).where(eq(besluiten.id, b.id)).run();
    recordCaseEvent(
      tx,
      {
        caseId: me.caseId,
        type: 'besluit-agreed',
        actorParticipantId: me.id,
        subjectParticipantId: b.proposedById,
        newValue: b.title,
        // The family's plain "why": describeEventForFamily reads it as "…, omdat …".
        reason: b.familySummary,
        refId: b.id,
      },
      now,
    );
    return { besluitId: b.id, caseId: me.caseId };
  });
}

export const WithdrawBesluitInput = z.object({
  besluitId: Id('Kies een besluit.'),
  reason: text(3, 1000, 'Schrijf kort op waarom het besluit wordt ingetrokken.'),
});

/** Withdrawing a proposal that has not counted yet; an agreed besluit stays (a new besluit replaces it). */
export function withdrawBesluit(deps: CommandDeps, actor: Actor, input: unknown) {
  const data = parseInput(WithdrawBesluitInput, input);
  const now = nowOf(deps);
  return commit(deps, (tx) => {
    const me = proposer(tx, actor);
    const b = besluitInCase(tx, me.caseId, data.besluitId);
    if (b.agreedAt !== null) throw new Conflict('Dit besluit is al genomen en telt. Trek het niet in, maar leg zo nodig een nieuw besluit vast.');
    if (b.withdrawnAt !== null) throw new Conflict('Dit besluit is al ingetrokken.');
    tx.update(besluiten).set({ withdrawnAt: now, withdrawReason: data.reason }).where(eq(besluiten.id, b.id)).run();
    recordCaseEvent(tx, { caseId: me.caseId, type: 'besluit-withdrawn', actorParticipantId: me.id, newValue: b.title, reason: data.reason, refId: b.id }, now);
    return { besluitId: b.id, caseId: me.caseId };
  });
}
