/**
 * Commands on akkoord for the veiligheidsplan: a professional who may write
 * the plan asks for it (which makes an `akkoord` version), and each person
 * answers for themselves — the participant is always the signed-in person,
 * never a form field. Akkoord is asked only on a plan in which every
 * afspraak and veiligheidsnetwerk task has an owner (who does it is part of
 * what people agree to). After commit, open plan pages are told to refresh.
 */
import { z } from 'zod';
import { mayAnswerAcceptance, mayRequestAcceptance } from '../../app/domain/permissions';
import { afspraken } from '../../app/domain/plan';
import { findAcceptanceRequest, insertAcceptanceAnswer, insertAcceptanceRequest } from '../acceptance/acceptance.server';
import { recordAudit } from '../audit/audit.server';
import { notifyFamily } from '../notifications/family.server';
import { actingWriter, commit, Id, nowOf, parseInput, requireAllowed, byActor, type Actor, type CommandDeps } from './command.server';
import { Conflict, NotFound } from './errors';

/** A Dutch message naming the afspraken and tasks without an owner (at most five), or null when each has one. */
function withoutOwnerMessage(list: ReturnType<typeof afspraken>): string | null {
  const missing = list.filter((a) => a.wie.length === 0);
  if (missing.length === 0) return null;
  const short = (text: string) => `“${text.length > 60 ? `${text.slice(0, 60)}…` : text || 'afspraak zonder tekst'}”`;
  const names = missing.slice(0, 5).map((a) => short(a.wat));
  const more = missing.length > 5 ? ` en nog ${missing.length - 5}` : '';
  return `Kies eerst wie het doet. Bij ${missing.length === 1 ? 'deze afspraak' : 'deze afspraken'} staat nog niemand: ${names.join(', ')}${more}.`;
}

export function requestAcceptance(deps: CommandDeps, actor: Actor) {
  const now = nowOf(deps);
  const plan = afspraken(deps.sync.room(actor.caseId, 'plan').doc);
  return commit(
    deps,
    (tx) => {
      const me = actingWriter(tx, actor);
      requireAllowed(mayRequestAcceptance(me.role), 'Alleen een professional kan om akkoord vragen.');
      const withoutOwner = withoutOwnerMessage(plan);
      if (withoutOwner) throw new Conflict(withoutOwner);
      const snapshotId = deps.snapshots.insert(tx, me.caseId, { label: 'Veiligheidsplan ter akkoord', reason: 'akkoord', authorParticipantId: me.id }, now);
      const requestId = insertAcceptanceRequest(tx, { caseId: me.caseId, snapshotId, requestedById: me.id }, now);
      recordAudit(tx, { type: 'acceptance-requested', ...byActor(actor), detail: { versie: snapshotId } }, now);
      // Everyone asked (family and netwerk; professionals see it on Mijn overzicht) hears of it in this transaction.
      notifyFamily(tx, { caseId: me.caseId, reason: 'akkoord-gevraagd', key: requestId, except: me.id }, now);
      return { caseId: me.caseId, by: me.id, requestId, snapshotId };
    },
    (r) => deps.stamps.acceptanceChanged(r.caseId, r.by, now),
  );
}

export const AnswerAcceptanceInput = z.object({
  requestId: Id('Deze vraag om akkoord bestaat niet.'),
  agreed: z.enum(['ja', 'nee'], { error: 'Kies akkoord of niet akkoord.' }),
  comment: z.string({ error: 'De toelichting klopt niet.' }).trim().max(1000, 'De toelichting mag hoogstens 1000 tekens hebben.').optional().default(''),
});

export function answerAcceptance(deps: CommandDeps, actor: Actor, input: unknown) {
  const data = parseInput(AnswerAcceptanceInput, input);
  const now = nowOf(deps);
  return commit(
    deps,
    (tx) => {
      const me = actingWriter(tx, actor);
      requireAllowed(mayAnswerAcceptance(me.role), 'Een meelezer geeft geen akkoord.');
      if (!findAcceptanceRequest(tx, me.caseId, data.requestId)) throw new NotFound('Deze vraag om akkoord bestaat niet.', 'requestId');
      insertAcceptanceAnswer(tx, { requestId: data.requestId, participantId: me.id, agreed: data.agreed === 'ja', comment: data.comment }, now);
      recordAudit(tx, { type: 'acceptance-answered', ...byActor(actor), detail: { akkoord: data.agreed === 'ja' } }, now);
      return { caseId: me.caseId, by: me.id };
    },
    (r) => deps.stamps.acceptanceChanged(r.caseId, r.by, now),
  );
}
