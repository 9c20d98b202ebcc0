/**
 * Grondslag per betrokkene (issue 18 point 2, ADR 033): recording on what
 * basis a netwerk member or professional takes part, and withdrawing consent.
 * Invariants: a ground is only ever added (the latest is current) or
 * withdrawn (a database trigger refuses any other change); withdrawing
 * consent ends that person's part in the case through the one place that
 * does so (removeFromCase → endAccess) in the same transaction as the
 * withdrawal and its audit row; sockets close after commit. A legal ground
 * cannot be withdrawn, and the regisseur is handed over first.
 */
import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { needsGrondslag } from '../../app/domain/grondslag';
import { mayRecordGrondslag, mayWithdrawConsent } from '../../app/domain/permissions';
import type { Tx } from '../../db/database.server';
import { accessGrounds } from '../../db/schema';
import { recordAudit } from '../audit/audit.server';
import {
  actingParticipant,
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
import { Conflict, InvalidInput, NotAllowed } from './errors';
import { checkGround, GroundFields, writeGround } from './groundInput.server';
import { removeFromCase } from './participants.server';

export const RecordGrondslagInput = z.object({ participantId: Id(), ...GroundFields });

/** The current ground of a participant: the latest row, or undefined. */
export function currentGround(tx: Tx, participantId: string) {
  return tx
    .select()
    .from(accessGrounds)
    .where(eq(accessGrounds.participantId, participantId))
    .orderBy(desc(accessGrounds.recordedAt), desc(accessGrounds.id))
    .get();
}

/** Records (or changes, as a new row) the ground of a netwerk member or professional. */
export function recordGrondslag(deps: CommandDeps, actor: Actor, input: unknown) {
  const data = parseInput(RecordGrondslagInput, input);
  const now = nowOf(deps);
  return commit(deps, (tx) => {
    const me = actingWriter(tx, actor);
    requireAllowed(mayRecordGrondslag(me.role), 'Alleen de jeugdbeschermer of casusregisseur legt de grondslag vast.');
    const target = participantInCase(tx, me.caseId, data.participantId);
    if (!needsGrondslag(target.role)) {
      throw new InvalidInput('Een ouder of jeugdige doet mee omdat het om het eigen gezin gaat: daar hoort geen grondslag bij.', 'participantId');
    }
    if (!data.basis) throw new InvalidInput('Kies de grondslag: toestemming van het gezin of de wettelijke grondslag.', 'basis');
    const ground = checkGround(tx, me.caseId, target.role, data, now, target.id)!;
    const id = writeGround(tx, { caseId: me.caseId, participantId: target.id, by: actor, recordedById: me.id, ground }, now);
    return { id, participantId: target.id, name: target.name, basis: ground.basis };
  });
}

export const WithdrawConsentInput = z.object({ participantId: Id() });

const REGIE_FIRST =
  'Deze persoon heeft de regie (of krijgt haar nu). Eerst moet de regie naar iemand anders; daarna kan de toestemming worden ingetrokken. Vraag de jeugdbeschermer.';

/**
 * Withdraws the consent someone takes part on: the ground is marked
 * withdrawn, the person leaves the case (their links, sessions and running
 * meeting end) — all in one transaction with the audit rows. Also on a
 * closed case: ending access is always allowed (ADR 019).
 */
export function withdrawConsent(deps: CommandDeps, actor: Actor, input: unknown) {
  const data = parseInput(WithdrawConsentInput, input);
  const now = nowOf(deps);
  return commit(
    deps,
    (tx) => {
      const me = actingParticipant(tx, actor);
      const target = participantInCase(tx, me.caseId, data.participantId);
      const ground = currentGround(tx, target.id);
      requireAllowed(
        mayWithdrawConsent(me.role, { gaveIt: ground?.consentGivenById === me.id }),
        'Alleen een ouder, de jeugdbeschermer of de casusregisseur kan toestemming intrekken.',
      );
      if (target.id === me.id) throw new NotAllowed('Je kunt niet je eigen toestemming intrekken. Wil je stoppen? Vraag de jeugdbeschermer of casusregisseur.');
      const name = target.name ?? 'Deze persoon';
      if (!ground || ground.withdrawnAt !== null) {
        throw new Conflict(`Voor ${name} is geen toestemming vastgelegd die je kunt intrekken. Vraag de jeugdbeschermer of casusregisseur.`);
      }
      if (ground.basis === 'wettelijk') {
        throw new Conflict(
          `${name} doet mee vanwege de maatregel (wettelijke grondslag). Dat kun je niet intrekken. Ben je het er niet mee eens? Bespreek het met de jeugdbeschermer.`,
        );
      }
      tx.update(accessGrounds)
        .set({ withdrawnAt: now, withdrawnById: me.id })
        .where(and(eq(accessGrounds.id, ground.id)))
        .run();
      recordAudit(tx, { type: 'consent-withdrawn', ...byActor(actor), subjectParticipantId: target.id }, now);
      const ended = removeFromCase(tx, { caseId: me.caseId, participantId: target.id, by: actor, reason: 'toestemming ingetrokken' }, REGIE_FIRST, now);
      return { caseId: me.caseId, participantId: target.id, name, leftMeeting: ended.leftMeeting };
    },
    (r) => {
      deps.sync.closeConnections({ caseId: r.caseId, participantId: r.participantId });
      if (r.leftMeeting) deps.stamps.meetingChanged(r.caseId, actor.participantId, now);
    },
  );
}
