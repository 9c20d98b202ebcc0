/**
 * The professional's Overzicht of a case (opening a case lands here): kader,
 * stage and next step, the next evaluatiemoment, the open akkoord, what
 * changed since *my* last visit (with "your item was resolved or withdrawn by
 * … — reden: …" first), a running overdracht and current absences. Family
 * and netwerk have their own Overzicht (the case's index route) and are sent
 * there. "Since my last visit" is read before this visit is recorded; a
 * browser prefetch does not count as a visit.
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Link, useLoaderData, type ShouldRevalidateFunction } from '@remix-run/react';
import { ArrowRightLeft, CalendarDays, CheckCircle2, CircleHelp, Compass, Handshake, MessagesSquare, Sparkles, UserRoundX, XCircle } from 'lucide-react';
import { renderBodemeisen } from '../domain/bodemeisen';
import { regieVacantText } from '../domain/beheer';
import { CASE_EVENT_LABELS, describeEvent } from '../domain/caseEvents';
import { isProfessionalRole, kaderLabel, ROLE_LABELS, STAGE_LABELS, type Role } from '../domain/caseFacts';
import { changesSince } from '../domain/changes';
import { ChangeList } from '../components/ChangeList';
import { CHECK_IN_LABELS } from '../domain/checkIns';
import { documentsAt } from '../utils/changes.server';
import { DOCUMENTS } from '../domain/permissions';
import { renderKaart } from '../domain/kaart';
import { myItemsChangedByOthers } from '../domain/overview';
import { STAGE_NEXT_STEP } from '../domain/trajectory';
import { renderPlan } from '../domain/plan';
import { requireCaseParticipant } from '../utils/caseAccess.server';
import { formatDate, formatDateTime } from '../utils/format';
import { notFound } from '../utils/responses';
import { CaseQuestions } from '../components/case/Questions';
import { caseQuestionsOf } from '../utils/questions.server';
import { DeletionAttention } from '../components/case/DeletionBlocks';
import { openDeletionRequestOf } from '../utils/deletion.server';

/** How many changes and events the page lists at most (newest first). */
const LIST_LIMIT = 20;
/** How many past netwerkberaden the page lists. */
const MEETING_LIMIT = 5;

/** A browser prefetch (hovering the tab) is not a visit: recording it would hide changes nobody saw. */
function isPrefetch(request: Request): boolean {
  return /prefetch/i.test(`${request.headers.get('Sec-Purpose') ?? ''} ${request.headers.get('Purpose') ?? ''}`);
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { participant, by } = await requireCaseParticipant(request, context, params.caseId);
  const caseId = participant.caseId;
  if (!isProfessionalRole(participant.role)) throw redirect(`/casussen/${caseId}`);
  const { cases, sync, acceptance, overview: reads } = context.services;
  const facts = cases.overview(caseId);
  if (!facts) throw notFound();

  const documents = [
    { label: 'Kaart', items: Object.values(renderKaart(sync.room(caseId, 'kaart').doc).sections).flat() },
    { label: 'Veiligheidsplan', items: Object.values(renderPlan(sync.room(caseId, 'plan').doc).sections).flat() },
    { label: 'Bodemeisen', items: Object.values(renderBodemeisen(sync.room(caseId, 'bodemeisen').doc).sections).flat() },
  ];
  const since = participant.lastVisitAt ?? 0;
  const mine = since ? myItemsChangedByOthers(documents, since, participant.id) : [];
  // My items someone else resolved or withdrew are told once, prominently, not again in the list below.
  const told = new Set(mine.map((m) => m.itemId));
  const before = since ? documentsAt(context.services.db, caseId, since) : null;
  const names = new Map(facts.participants.map((p) => [p.id, p.name]));
  const changes = since
    ? changesSince(
        documents.map((d, n) => ({ ...d, items: d.items.filter((i) => !told.has(i.id)), before: before?.[DOCUMENTS[n]!] })),
        since,
        participant.id,
        { nameOf: (id) => names.get(id) },
      )
    : null;
  const events = since ? reads.caseEventsSince(caseId, since, participant.id) : null;
  // Afspraken reported on and scores given by others since my last visit (issue 15).
  const reports = since ? reads.checkInsSince(caseId, since, participant.id) : [];
  const scores = since ? reads.scoresSince(caseId, since, participant.id) : [];
  if (!isPrefetch(request)) context.services.commands.recordVisit(by);

  const akkoord = acceptance.view(caseId);
  const today = reads.today();
  return json({
    caseId,
    /** A family's deletion request waiting for this viewer's decision (ADR 035). */
    deletionRequest: openDeletionRequestOf(context, participant),
    me: participant.id,
    closedAt: facts.closedAt,
    kader: kaderLabel(facts.kader, facts.maatregelType, facts.kaderService),
    stage: STAGE_LABELS[facts.stage].label,
    nextStep: STAGE_NEXT_STEP[facts.stage],
    nextEvaluation: facts.nextEvaluationDate,
    evaluationPassed: facts.nextEvaluationDate !== null && facts.nextEvaluationDate < today,
    akkoord: akkoord.request
      ? {
          label: akkoord.request.label,
          askedAt: akkoord.request.createdAt,
          planChangedSince: akkoord.planChangedSince,
          answers: akkoord.answers.map((a) => ({
            participantId: a.participantId,
            name: a.name,
            role: a.role,
            // An answer to an older request does not answer this one.
            answer: a.agreed === null || a.forOlderVersion ? null : a.agreed ? ('akkoord' as const) : ('niet akkoord' as const),
            comment: a.forOlderVersion ? null : a.comment,
            at: a.forOlderVersion ? null : a.at,
          })),
        }
      : null,
    since,
    reports,
    scores,
    mine,
    changes: changes?.slice(0, LIST_LIMIT) ?? null,
    moreChanges: Math.max(0, (changes?.length ?? 0) - LIST_LIMIT),
    events:
      events
        ?.slice(0, LIST_LIMIT)
        .map((e) => ({ id: e.id, at: e.at, label: CASE_EVENT_LABELS[e.type], text: describeEvent(e), by: e.actorName, reason: e.reason })) ?? null,
    moreEvents: Math.max(0, (events?.length ?? 0) - LIST_LIMIT),
    overdracht: reads.runningOverdracht(caseId),
    /** The deactivated account the regie sits with (issue 18: regie vacant), or null. */
    regieVacant: context.services.beheer.vacantRegieOfCase(caseId),
    absences: reads.currentAbsences(caseId),
    questions: caseQuestionsOf(context, participant),
    /** The last netwerkberaden (issue 16): when, how many were there, a link to the summary. */
    meetings: context.services.meetings
      .endedList(caseId, MEETING_LIMIT)
      .map((m) => ({ id: m.id, startedAt: m.startedAt, present: m.summary.attendees.length, nextMeetingDate: m.summary.nextMeetingDate })),
  });
}

/** Answering a question answers in place: reloading would record a new visit and empty "since my last visit". */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get('intent') === 'answer-question' ? false : defaultShouldRevalidate;

const STATUS_WORD = { opgelost: 'opgelost', ingetrokken: 'ingetrokken' } as const;

export default function Overzicht() {
  const d = useLoaderData<typeof loader>();
  const open = d.akkoord?.answers.filter((a) => a.answer === null) ?? [];
  const answered = d.akkoord?.answers.filter((a) => a.answer !== null) ?? [];
  const nothingNew = d.mine.length === 0 && d.changes?.length === 0 && d.events?.length === 0 && d.reports.length === 0 && d.scores.length === 0;
  return (
    <div className="home">
      <DeletionAttention data={d.deletionRequest} />
      {d.closedAt ? (
        <p className="alert" role="note">
          Deze casus is afgesloten op {formatDateTime(d.closedAt)}. Alles is alleen nog te lezen.
        </p>
      ) : null}

      {d.regieVacant ? (
        <p className="alert regie-vacant" role="note">
          <UserRoundX aria-hidden="true" size={20} /> <span>{regieVacantText(d.regieVacant)}</span>{' '}
          <Link to={`/casussen/${d.caseId}/overdracht`}>Naar overdracht</Link>
        </p>
      ) : null}

      {d.mine.length > 0 ? (
        <section className="card" aria-labelledby="jouw-punten">
          <h2 id="jouw-punten">
            <Sparkles aria-hidden="true" size={20} /> Jouw punten, opgelost of ingetrokken door een ander
          </h2>
          <ul className="changes">
            {d.mine.map((m) => (
              <li key={m.itemId}>
                <strong>
                  Jouw punt “{m.text}” is {STATUS_WORD[m.status]} door {m.by}
                </strong>{' '}
                ({m.document}){m.reason ? ` — reden: ${m.reason}` : ''} <span className="muted small">({formatDateTime(m.at)})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="card" aria-labelledby="stand">
        <h2 id="stand">
          <Compass aria-hidden="true" size={20} /> Waar staat de casus?
        </h2>
        <dl className="facts facts-inline">
          <div>
            <dt>Kader</dt>
            <dd>{d.kader}</dd>
          </div>
          <div>
            <dt>Fase</dt>
            <dd>{d.stage}</dd>
          </div>
          <div>
            <dt>
              <CalendarDays aria-hidden="true" size={16} /> Volgend evaluatiemoment
            </dt>
            <dd>
              {formatDate(d.nextEvaluation)}
              {d.evaluationPassed ? <span className="muted"> (deze datum is voorbij: plan een nieuw moment)</span> : null}
            </dd>
          </div>
        </dl>
        <p>
          <strong>Volgende stap:</strong> {d.nextStep}
        </p>
      </section>

      <CaseQuestions data={d.questions} />

      {d.meetings.length > 0 ? (
        <section className="card" aria-labelledby="netwerkberaden">
          <h2 id="netwerkberaden">
            <MessagesSquare aria-hidden="true" size={20} /> Laatste netwerkberaden
          </h2>
          <ul className="changes">
            {d.meetings.map((m) => (
              <li key={m.id}>
                <Link to={`/casussen/${d.caseId}/sessies/${m.id}`}>Netwerkberaad van {formatDateTime(m.startedAt)}</Link> · {m.present}{' '}
                {m.present === 1 ? 'aanwezige' : 'aanwezigen'}
                {m.nextMeetingDate ? <span className="muted"> · volgende: {formatDate(m.nextMeetingDate)}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {d.overdracht ? (
        <section className="card" aria-labelledby="overdracht">
          <h2 id="overdracht">
            <ArrowRightLeft aria-hidden="true" size={20} /> Overdracht loopt
          </h2>
          <p>
            De regie gaat van <strong>{d.overdracht.from}</strong> naar <strong>{d.overdracht.to}</strong>
            {d.overdracht.regieProfessional ? ` (met ${d.overdracht.regieProfessional} als professional ernaast)` : ''}. Gestart door {d.overdracht.startedBy}{' '}
            op {formatDateTime(d.overdracht.startedAt)}.
          </p>
          <p>
            {d.overdracht.overlapUntil
              ? `Tot en met ${formatDate(d.overdracht.overlapUntil)} hebben beiden de rechten van de regie.`
              : 'Er is geen periode waarin beiden de regie hebben.'}{' '}
            De overdracht is klaar als {d.overdracht.to} hem bevestigt.
          </p>
          <p>
            <Link to={`/casussen/${d.caseId}/overdracht`}>Naar de overdracht</Link>
          </p>
        </section>
      ) : null}

      {d.absences.length > 0 ? (
        <section className="card" aria-labelledby="afwezig">
          <h2 id="afwezig">
            <UserRoundX aria-hidden="true" size={20} /> Afwezig
          </h2>
          <ul className="changes">
            {d.absences.map((a) => (
              <li key={a.id}>
                <strong>{a.participantId === d.me ? 'Jij bent' : `${a.name} is`}</strong> afwezig tot en met {formatDate(a.untilDate)}. Vervanger:{' '}
                <strong>{a.standInParticipantId === d.me ? 'jij' : a.standIn}</strong>.
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="card" aria-labelledby="akkoord">
        <h2 id="akkoord">
          <Handshake aria-hidden="true" size={20} /> Akkoord met het plan
        </h2>
        {d.akkoord ? (
          <>
            <p>
              Gevraagd op {formatDateTime(d.akkoord.askedAt)} voor de versie “{d.akkoord.label}”.{' '}
              {open.length === 0 ? 'Iedereen heeft geantwoord.' : `Nog geen antwoord van ${open.length} van de ${d.akkoord.answers.length}.`}
            </p>
            {d.akkoord.planChangedSince ? (
              <p className="alert" role="note">
                Het plan is veranderd sinds deze versie. Vraag opnieuw om akkoord als de wijzigingen belangrijk zijn.
              </p>
            ) : null}
            <ul className="answers">
              {[...open, ...answered].map((a) => (
                <li key={a.participantId}>
                  {a.answer === 'akkoord' ? (
                    <CheckCircle2 aria-hidden="true" size={18} />
                  ) : a.answer === 'niet akkoord' ? (
                    <XCircle aria-hidden="true" size={18} />
                  ) : (
                    <CircleHelp aria-hidden="true" size={18} />
                  )}
                  <span>
                    <strong>{a.participantId === d.me ? 'Jij' : a.name}</strong> <span className="muted">({ROLE_LABELS[a.role as Role] ?? a.role})</span>:{' '}
                    {a.answer ?? 'nog geen antwoord'}
                    {a.comment ? ` — “${a.comment}”` : ''}
                    {a.at ? <span className="muted small"> ({formatDateTime(a.at)})</span> : null}
                  </span>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="muted">Er is nog niet om akkoord gevraagd.</p>
        )}
        <p>
          <Link to={`/casussen/${d.caseId}/veiligheidsplan`}>Naar het veiligheidsplan</Link>
        </p>
      </section>

      <section className="card" aria-labelledby="veranderd">
        <h2 id="veranderd">
          <Sparkles aria-hidden="true" size={20} /> Wat is er veranderd sinds je vorige bezoek?
        </h2>
        {d.changes === null || d.events === null ? (
          <p className="muted">Dit is je eerste bezoek aan dit overzicht. Vanaf je volgende bezoek zie je hier wat anderen hebben veranderd.</p>
        ) : nothingNew ? (
          <p className="muted">Er is niets veranderd sinds {formatDateTime(d.since)}.</p>
        ) : (
          <>
            <p className="muted small">Sinds {formatDateTime(d.since)}, door anderen.</p>
            {d.events.length > 0 ? (
              <>
                <h3>Casus</h3>
                <ul className="changes">
                  {d.events.map((e) => (
                    <li key={e.id}>
                      {e.text}
                      {e.reason ? ` — reden: ${e.reason}` : ''}
                      {e.by ? ` (${e.by})` : ''} <span className="muted small">({formatDateTime(e.at)})</span>
                    </li>
                  ))}
                </ul>
                {d.moreEvents > 0 ? <p className="muted small">En nog {d.moreEvents} eerdere wijzigingen van de casus.</p> : null}
              </>
            ) : null}
            {d.reports.length > 0 ? (
              <>
                <h3>Meldingen bij afspraken</h3>
                <ul className="changes">
                  {d.reports.map((r) => (
                    <li key={r.id}>
                      <strong>{CHECK_IN_LABELS[r.result]}</strong>: “{r.afspraak}” ({formatDate(r.occurrence)}) — {r.name}
                      {r.namens ? `, gemeld door ${r.namens}` : ''}
                      {r.toelichting ? `: “${r.toelichting}”` : ''} <span className="muted small">({formatDateTime(r.at)})</span>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {d.scores.length > 0 ? (
              <>
                <h3>Scores</h3>
                <ul className="changes">
                  {d.scores.map((s) => (
                    <li key={s.id}>
                      {s.name}: <strong>{s.score}</strong>
                      {s.explanation ? ` — “${s.explanation}”` : ''} <span className="muted small">({formatDateTime(s.at)})</span>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {d.changes.length > 0 ? (
              <>
                <h3>Kaart, veiligheidsplan en bodemeisen</h3>
                <ChangeList changes={d.changes} />
                {d.moreChanges > 0 ? (
                  <p className="muted small">
                    En nog {d.moreChanges} eerdere wijzigingen. Vergelijk versies in <Link to={`/casussen/${d.caseId}/versies`}>Versies</Link>.
                  </p>
                ) : null}
              </>
            ) : null}
          </>
        )}
      </section>
    </div>
  );
}
