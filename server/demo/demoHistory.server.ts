/**
 * The fictional demo's history: "Gezin Bakker" gets a realistic life (intake
 * twelve weeks ago, one stage change, one completed overdracht from the
 * jeugdbeschermer to the wijkteam's casusregisseur, with its note and its
 * `overdracht` version, and everyone's task), and a second case, "Gezin
 * Visser", that was closed two weeks ago with its final version. Gezin
 * Bakker also had a netwerkberaad three weeks ago (seedDemoMeeting), run
 * through the real meeting commands with a back-dated clock, so its `sessie`
 * version and summary are what a real meeting leaves. Seed data, written once
 * when the demo is created; every person is invented.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { addItem, setStatus } from '../../app/domain/items';
import { renderKaart } from '../../app/domain/kaart';
import { ROLE_LABELS } from '../../app/domain/caseFacts';
import { cases, overdrachten, participants } from '../../db/schema';
import { recordCaseEvent } from '../cases/events.server';
import type { CommandDeps } from '../commands/command.server';
import {
  addMeetingAfspraak,
  addMeetingNote,
  endMeeting,
  giveRoundScore,
  joinMeeting,
  openScaleRound,
  revealScaleRound,
  setMeetingFocus,
  startMeeting,
} from '../commands/meetings.server';
import { createRefreshStamps } from '../live/refreshStamps.server';
import { createCase } from '../cases/cases.server';
import { ensureOrganisation, findUserByEmail } from '../users/users.server';
import type { Services } from '../services.server';
import { DEMO_ORGANISATION, DEMO_PROFESSIONALS } from './demoCase.server';

const DAY = 24 * 60 * 60 * 1000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const DEMO_CLOSED_CASE_TITLE = 'Gezin Visser';

/** The history of Gezin Bakker. `ids` are the demo participant ids by key (see demoCase.server.ts). */
export function seedDemoHistory(services: Services, caseId: string, ids: Record<string, string>, now = Date.now()): void {
  const sophie = ids.jeugdbeschermer!;
  const karim = ids.casusregisseur!;
  const intake = now - 84 * DAY;
  const stageChange = now - 42 * DAY;
  const handover = now - 30 * DAY;
  const acknowledged = now - 28 * DAY;
  services.db.transaction((tx) => {
    tx.update(cases).set({ createdAt: intake }).where(eq(cases.id, caseId)).run();
    tx.update(participants)
      .set({ task: 'Jeugdbeschermer: bewaakt de bodemeisen en de veiligheid van Sanne en Daan', helpFrom: isoDay(intake) })
      .where(eq(participants.id, sophie))
      .run();
    tx.update(participants)
      .set({ task: 'Casusregisseur en gezinscoach (wijkteam)', helpFrom: isoDay(handover) })
      .where(eq(participants.id, karim))
      .run();
    recordCaseEvent(tx, { caseId, type: 'case-started', actorParticipantId: sophie, reason: 'Melding van de politie na de ruzie van 2 oktober.' }, intake);
    recordCaseEvent(
      tx,
      {
        caseId,
        type: 'stage-changed',
        actorParticipantId: sophie,
        field: 'stage',
        oldValue: 'kennismaking',
        newValue: 'veiligheidsplan',
        reason: 'de zorgen en wat goed gaat staan samen met het gezin op de kaart; nu maken we het plan',
      },
      stageChange,
    );
    const snapshotId = services.snapshots.insert(
      tx,
      caseId,
      { label: 'Overdracht aan Karim El Idrissi', reason: 'overdracht', authorParticipantId: sophie },
      handover,
    );
    const overdrachtId = randomUUID();
    tx.insert(overdrachten)
      .values({
        id: overdrachtId,
        caseId,
        fromParticipantId: sophie,
        toParticipantId: karim,
        situatie:
          'Na de ruzie van 2 oktober werkt het gezin zonder maatregel mee. De kaart is samen met Linda, Mark, oma Riet en buurvrouw Ayşe gemaakt. Er is sindsdien geen geweld meer gemeld.',
        openAfsprakenRisicos:
          'Het time-out-plan van Mark en Linda is nieuw en nog niet getest bij grote stress. Sanne slaapt nog slecht. Risico: terugval als de geldzorgen toenemen.',
        gezinBelangrijk: 'Linda en Mark willen dat de kinderen zo min mogelijk merken van de hulp. Oma Riet wil graag blijven helpen met opvang.',
        volgendeStappen: 'Veiligheidsplan afmaken en akkoord vragen. Over zes weken evalueren met het netwerk.',
        familySummary: 'Karim van het wijkteam helpt jullie nu met het plan. Sophie blijft meekijken naar de bodemeisen.',
        snapshotId,
        startedById: sophie,
        startedAt: handover,
        completedAt: acknowledged,
      })
      .run();
    recordCaseEvent(tx, { caseId, type: 'overdracht-started', actorParticipantId: sophie, subjectParticipantId: karim, refId: overdrachtId }, handover);
    recordCaseEvent(tx, { caseId, type: 'overdracht-completed', actorParticipantId: karim, subjectParticipantId: karim, refId: overdrachtId }, acknowledged);
  });
}

/**
 * The netwerkberaad of Gezin Bakker three weeks ago, led by Karim: everyone
 * of the family and the netwerk joins, a scale round is revealed, a step on
 * the kaart is resolved and a strength added, a decision, a note and a new
 * afspraak are captured, and the next meeting is set a week from now. The
 * commands run with a clock set to that evening. Linda and Riet give the same
 * score they give again later (seedDemoContent), so their current score stays.
 */
export function seedDemoMeeting(services: Services, caseId: string, ids: Record<string, string>, now = Date.now()): void {
  const day = isoDay(now - 21 * DAY);
  let clock = Date.parse(`${day}T18:00:00Z`);
  const deps: CommandDeps = {
    db: services.db,
    sync: services.sync,
    snapshots: services.snapshots,
    stamps: createRefreshStamps(services.sync),
    now: () => clock,
  };
  const minutes = (n: number) => (clock += n * 60 * 1000);
  const as = (key: string) => ({ caseId, participantId: ids[key]! });
  const karim = as('casusregisseur');

  const { code } = startMeeting(deps, karim, { focus: 'kaart' });
  for (const key of ['moeder', 'vader', 'oma', 'buurvrouw']) {
    minutes(1);
    joinMeeting(deps, as(key), { code });
  }
  minutes(20);
  // On the kaart: the step "netwerkberaad" is done, and a strength the netwerk named.
  services.sync.room(caseId, 'kaart').applyServerChange({ participantId: karim.participantId, connectionId: null }, (doc) => {
    const by = { participantId: karim.participantId, name: DEMO_PROFESSIONALS.casusregisseur.name, role: ROLE_LABELS.casusregisseur };
    const step = renderKaart(doc).sections.stappen?.find((i) => i.fields.text?.startsWith('Netwerkberaad met oma Riet'));
    if (step) setStatus(doc, step.id, 'opgelost', 'Het netwerkberaad is geweest; het plan is samen afgemaakt.', by, clock);
    addItem(doc, by, {
      section: 'krachten',
      fields: { text: 'Mark en Linda vragen zelf om hulp als het thuis te veel wordt. Het netwerk staat klaar.' },
      now: clock,
    });
  });
  minutes(10);
  setMeetingFocus(deps, karim, { focus: 'schaal' });
  const { roundId } = openScaleRound(deps, karim);
  const scores: [string, number, string][] = [
    ['casusregisseur', 4, 'Het plan staat, maar het is nog niet getest als er veel stress is.'],
    ['moeder', 6, 'Het is rustiger sinds oma vaker langskomt.'],
    ['vader', 5, 'Praten helpt. Ik moet het nog volhouden.'],
    ['oma', 5, ''],
    ['buurvrouw', 6, 'Het is rustiger in huis, ik hoor geen ruzie meer.'],
  ];
  for (const [key, score, explanation] of scores) {
    minutes(1);
    giveRoundScore(deps, as(key), { roundId, score: String(score), explanation });
  }
  minutes(2);
  revealScaleRound(deps, karim, { roundId });
  minutes(15);
  addMeetingNote(deps, karim, {
    kind: 'beslissing',
    text: 'Als een ruzie dreigt op te lopen, gaat Mark naar zijn broer en belt Linda oma Riet.',
  });
  addMeetingNote(deps, karim, { kind: 'notitie', text: 'Oma Riet kan vanaf volgende maand ook op maandag helpen. Karim vraagt school om mee te denken.' });
  minutes(5);
  setMeetingFocus(deps, karim, { focus: 'plan' });
  addMeetingAfspraak(deps, karim, {
    wat: 'Mark en Linda bespreken op zondagavond samen hoe de week ging en wat er de week erna nodig is.',
    wie: [ids.vader!, ids.moeder!],
    start: day,
    herhaling: 'wekelijks:7',
  });
  minutes(10);
  endMeeting(deps, karim, { nextMeetingDate: isoDay(now + 7 * DAY) });
}

/** Gezin Visser: helped voluntarily for a year, closed two weeks ago with a final version. Returns its case id. */
export function seedClosedDemoCase(services: Services, now = Date.now()): string {
  const sophie = findUserByEmail(services.db, DEMO_PROFESSIONALS.jeugdbeschermer.email);
  const karim = findUserByEmail(services.db, DEMO_PROFESSIONALS.casusregisseur.email);
  if (!sophie || !karim) throw new Error('demo accounts missing');
  const started = now - 380 * DAY;
  const closed = now - 14 * DAY;
  const { caseId, participantIds: ids } = createCase(services.db, {
    organisationId: ensureOrganisation(services.db, DEMO_ORGANISATION),
    title: DEMO_CLOSED_CASE_TITLE,
    kader: 'vrijwillig',
    stage: 'afronding',
    children: [{ firstName: 'Lotte', birthYear: 2013 }],
    participants: [
      { key: 'jeugdbeschermer', role: 'jeugdbeschermer', userId: sophie.id },
      { key: 'casusregisseur', role: 'casusregisseur', userId: karim.id },
      { key: 'moeder', role: 'ouder', name: 'Petra Visser', relation: 'moeder', phone: '06-55 50 20 01' },
    ],
    casusregisseur: 'casusregisseur',
    vastAanspreekpunt: 'casusregisseur',
  });
  services.sync.room(caseId, 'kaart').applyServerChange({ participantId: ids.moeder!, connectionId: null }, (doc) => {
    addItem(
      doc,
      { participantId: ids.moeder!, name: 'Petra Visser', role: ROLE_LABELS.ouder },
      { section: 'krachten', fields: { text: 'Lotte gaat weer elke dag graag naar school en slaapt goed.' } },
    );
  });
  services.db.transaction((tx) => {
    tx.update(cases).set({ createdAt: started }).where(eq(cases.id, caseId)).run();
    recordCaseEvent(tx, { caseId, type: 'case-started', actorParticipantId: ids.casusregisseur!, reason: 'Vraag om hulp van school.' }, started);
    recordCaseEvent(
      tx,
      {
        caseId,
        type: 'stage-changed',
        actorParticipantId: ids.casusregisseur!,
        field: 'stage',
        oldValue: 'uitvoering',
        newValue: 'afronding',
        reason: 'alle afspraken lopen al drie maanden goed',
      },
      closed - 60 * DAY,
    );
    services.snapshots.insert(tx, caseId, { label: 'Afgesloten', reason: 'afsluiten', authorParticipantId: ids.casusregisseur! }, closed);
    tx.update(cases).set({ closedAt: closed }).where(eq(cases.id, caseId)).run();
    recordCaseEvent(
      tx,
      {
        caseId,
        type: 'case-closed',
        actorParticipantId: ids.casusregisseur!,
        reason: 'het gaat al maanden goed en Petra en het netwerk houden de afspraken zelf vol',
      },
      closed,
    );
  });
  return caseId;
}
