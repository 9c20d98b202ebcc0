/**
 * Check-ins (SPEC §2.2, §3): an owner of an afspraak (in its `wie`, or the
 * `persoon` of a veiligheidsnetwerk task) reports how one occurrence went —
 * gelukt / deels / niet gelukt, with an optional toelichting. The owner is
 * the signed-in person, never a form field; only a professional who works in
 * the case (not the meelezer) may record one *namens* an owner, and the row
 * then names that professional as its recorder. The afspraak must exist in
 * the actor's live plan and the day must be a real occurrence of it that is
 * not in the future (Europe/Amsterdam). The row and its audit row are written
 * in one transaction; open plan pages are told after commit.
 */
import { z } from 'zod';
import { CHECK_IN_RESULTS, MAX_TOELICHTING_CHARS } from '../../app/domain/checkIns';
import { mayReportCheckIn } from '../../app/domain/permissions';
import { afspraken, scheduleOf } from '../../app/domain/plan';
import { isIsoDate, occursOn } from '../../app/domain/recurrence';
import { checkIns } from '../../db/schema';
import { recordAudit } from '../audit/audit.server';
import { todayIso } from '../cases/regie.server';
import { actingWriter, byActor, commit, Id, nowOf, parseInput, participantInCase, requireAllowed, type Actor, type CommandDeps } from './command.server';
import { InvalidInput, NotFound } from './errors';

const DAY_MESSAGE = 'Kies een echte datum (jjjj-mm-dd).';

export const CheckInInput = z.object({
  afspraakId: Id('Deze afspraak bestaat niet.'),
  occurrence: z.string({ error: DAY_MESSAGE }).trim().refine(isIsoDate, DAY_MESSAGE),
  result: z.enum(CHECK_IN_RESULTS, { error: 'Kies gelukt, deels of niet gelukt.' }),
  toelichting: z
    .string({ error: 'De toelichting klopt niet.' })
    .trim()
    .max(MAX_TOELICHTING_CHARS, `De toelichting mag hoogstens ${MAX_TOELICHTING_CHARS} tekens hebben.`)
    .optional(),
  /** Only for a professional recording namens an owner; absent or empty = the actor's own check-in. */
  forParticipantId: z.union([z.literal(''), Id('Kies voor wie je dit meldt.')]).optional(),
});

export function reportCheckIn(deps: CommandDeps, actor: Actor, input: unknown) {
  const data = parseInput(CheckInInput, input);
  const now = nowOf(deps);
  // The live plan is the truth about which afspraken exist and when they happen (read before the transaction: loading a room is not part of it).
  const list = afspraken(deps.sync.room(actor.caseId, 'plan').doc);
  return commit(
    deps,
    (tx) => {
      const me = actingWriter(tx, actor);
      const afspraak = list.find((a) => a.id === data.afspraakId);
      if (!afspraak) throw new NotFound('Deze afspraak bestaat niet (meer) in deze casus.', 'afspraakId');
      const owner = data.forParticipantId || me.id;
      const namens = owner !== me.id;
      requireAllowed(
        mayReportCheckIn(me.role, { own: !namens && afspraak.wie.includes(me.id), namens }),
        namens
          ? 'Alleen een professional kan iets melden namens iemand anders.'
          : me.role === 'meelezer'
            ? 'Een meelezer meldt geen afspraken.'
            : 'Je kunt alleen melden hoe het ging met je eigen afspraken.',
      );
      if (namens) {
        participantInCase(tx, me.caseId, owner);
        if (!afspraak.wie.includes(owner)) throw new InvalidInput('Deze persoon doet deze afspraak niet.', 'forParticipantId');
      }
      const schedule = scheduleOf(afspraak);
      if (!schedule) throw new InvalidInput('Deze afspraak heeft nog geen startdatum. Vraag de casusregisseur om die in te vullen.', 'occurrence');
      if (data.occurrence > todayIso(now)) throw new InvalidInput('Deze dag moet nog komen. Je kunt pas melden als de dag er is.', 'occurrence');
      if (!occursOn(schedule.recurrence, schedule.start, data.occurrence)) throw new InvalidInput('Op deze dag staat de afspraak niet gepland.', 'occurrence');
      tx.insert(checkIns)
        .values({
          caseId: me.caseId,
          afspraakId: afspraak.id,
          occurrence: data.occurrence,
          participantId: owner,
          result: data.result,
          toelichting: data.toelichting || null,
          recordedById: me.id,
          createdAt: now,
        })
        .run();
      recordAudit(
        tx,
        {
          type: 'check-in',
          ...byActor(actor),
          subjectParticipantId: owner,
          detail: { afspraak: afspraak.id, dag: data.occurrence, resultaat: data.result, namens },
        },
        now,
      );
      return { caseId: me.caseId, by: me.id, participantId: owner, namens };
    },
    (r) => deps.stamps.checkInsChanged(r.caseId, r.by, now),
  );
}
