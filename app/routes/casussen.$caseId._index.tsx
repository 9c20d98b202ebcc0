/**
 * Landing page of a case. Professionals go to the kaart; a parent, child or
 * netwerk member sees their home view in plain words (B1).
 */
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Link, useLoaderData, type ShouldRevalidateFunction } from '@remix-run/react';
import { CalendarDays, ListChecks, MessagesSquare, ShieldAlert, Sparkles, UserRoundCheck } from 'lucide-react';
import { AkkoordTask, akkoordTaskOf } from '../components/case/AkkoordTask';
import { Besluiten } from '../components/case/Besluiten';
import { mayAnswerAcceptance, mayExportOwnData, mayReadPlanViews, mayRequestDeletion } from '../domain/permissions';
import { PlanViewsLink } from '../components/case/PlanViewsLink';
import { BODEMEISEN_WORDS, renderBodemeisen } from '../domain/bodemeisen';
import { Explain } from '../components/Explain';
import { isProfessionalRole, STAGE_LABELS } from '../domain/caseFacts';
import { changesSince } from '../domain/changes';
import { familySummaryLines } from '../domain/meeting';
import { ChangeList } from '../components/ChangeList';
import { renderKaart } from '../domain/kaart';
import { afspraken, describeWhen, formatIsoDay, renderPlan } from '../domain/plan';
import { CheckInButtons } from '../components/checkIns/CheckIns';
import { checkInQueries, type MyAfspraak } from '../utils/checkIns.server';
import { handleIntent } from '../utils/commandAction.server';
import { todayIso } from '../utils/regie.server';
import checkInStyles from '../styles/checkIns.css';
import { requireCaseAction, requireCaseParticipant } from '../utils/caseAccess.server';
import { formatDate, formatDateTime } from '../utils/format';
import { notFound } from '../utils/responses';
import { FamilyEvents, WhatHappensNow } from '../components/case/WhatHappensNow';
import { whatHappensNow } from '../utils/caseFacts.server';
import { RegieNotice } from '../components/case/RegieNotice';
import { OwnDataDownload } from '../components/case/ExportLinks';
import { NotificationsLink } from '../components/case/NotificationsLink';
import { regieQueries } from '../utils/regie.server';
import { documentsAt } from '../utils/changes.server';
import type { EndedMeeting } from '../../server/meetings/meetings.server';
import { BijNood } from '../components/BijNood';
import { bijNoodOf } from '../utils/bijNood.server';
import { FamilyQuestions } from '../components/case/Questions';
import { familyQuestionsOf } from '../utils/questions.server';
import { ContactBlock } from '../components/case/ContactBlock';
import { familyContacts } from '../utils/contacts.server';
import { ChildHomeBlock } from '../components/childVoice/ChildBlocks';
import { childHomeOf } from '../utils/childVoice.server';
import { DeletionLink } from '../components/case/DeletionBlocks';

/** How long the latest netwerkberaad stays on the home view (unless the next one is still ahead). */
const LAST_MEETING_DAYS = 60;

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: checkInStyles }];

/** One own afspraak (or veiligheidsnetwerk task) on the home view: when, the day due now, and the person's report on it. */
function myAfspraakView(m: MyAfspraak, today: string) {
  return {
    id: m.afspraak.id,
    kind: m.afspraak.kind,
    wat: m.afspraak.wat,
    wanneer: m.afspraak.wanneer,
    when: describeWhen(m.afspraak),
    due: m.due,
    dueLabel: m.due === null ? null : m.due === today ? 'Vandaag' : `Laatste keer: ${formatIsoDay(m.due, true)}`,
    own: { reported: m.reported ? { result: m.reported.result, toelichting: m.reported.toelichting } : null, summary: m.summary },
  };
}

/**
 * The latest netwerkberaad in plain Dutch for the home view: shown for
 * LAST_MEETING_DAYS days after it, or longer while its next meeting is ahead.
 */
function lastMeetingOf(meeting: EndedMeeting | undefined, today: string) {
  if (!meeting) return null;
  const next = meeting.summary.nextMeetingDate && meeting.summary.nextMeetingDate >= today ? meeting.summary.nextMeetingDate : null;
  if (meeting.endedAt < Date.now() - LAST_MEETING_DAYS * 24 * 60 * 60 * 1000 && !next) return null;
  return { id: meeting.id, lines: familySummaryLines({ ...meeting.summary, nextMeetingDate: null }), next };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { participant, by } = await requireCaseParticipant(request, context, params.caseId);
  const caseId = participant.caseId;
  if (isProfessionalRole(participant.role)) return redirect(`/casussen/${caseId}/overzicht`);
  const { cases, sync } = context.services;
  const overview = cases.overview(caseId);
  if (!overview) throw notFound();
  const kaart = renderKaart(sync.room(caseId, 'kaart').doc);
  const plan = renderPlan(sync.room(caseId, 'plan').doc);
  const bodemeisen = renderBodemeisen(sync.room(caseId, 'bodemeisen').doc).sections.eisen!.filter((e) => e.status !== 'ingetrokken');
  const since = participant.lastVisitAt ?? 0;
  const before = since ? documentsAt(context.services.db, caseId, since) : null;
  const names = new Map(overview.participants.map((p) => [p.id, p.name]));
  const changes = since
    ? changesSince(
        [
          { label: 'Kaart', items: Object.values(kaart.sections).flat(), before: before?.kaart },
          { label: 'Veiligheidsplan', items: Object.values(plan.sections).flat(), before: before?.plan },
          { label: 'Bodemeisen', items: bodemeisen, before: before?.bodemeisen },
        ],
        since,
        participant.id,
        { nameOf: (id) => names.get(id) },
      ).slice(0, 10)
    : null;
  context.services.commands.recordVisit(by);
  return json({
    caseId,
    /** The line to ask for deletion of the family's data (ADR 035). */
    mayRequestDeletion: mayRequestDeletion(participant.role),
    firstName: (participant.name ?? '').split(' ')[0],
    children: overview.children.map((c) => c.firstName),
    /** Regisseur and vaste contactpersoon, each person once, with e-mail and when they can be reached (ADR 029). */
    contacts: familyContacts(context.services.db, overview),
    stage: STAGE_LABELS[overview.stage].plain,
    nextEvaluation: overview.nextEvaluationDate,
    bodemeisen: bodemeisen.map((e) => ({ id: e.id, tekst: e.fields.tekst ?? '', reden: e.fields.reden ?? '' })),
    mijnAfspraken: checkInQueries(context.services.db)
      .ofPerson(caseId, participant.id, afspraken(sync.room(caseId, 'plan').doc), todayIso())
      .map((m) => myAfspraakView(m, todayIso())),
    changes,
    since,
    besluiten: context.services.besluiten.agreedForFamily(caseId),
    whatHappensNow: whatHappensNow(context.services.db, overview, since),
    regie: { ...regieQueries(context.services.db).summary(caseId), me: participant.id, caseId },
    akkoord: akkoordTaskOf(context.services.acceptance.view(caseId), participant.id, mayAnswerAcceptance(participant.role) && !overview.closedAt),
    lastMeeting: lastMeetingOf(context.services.meetings.endedList(caseId, 1)[0], todayIso()),
    planViews: mayReadPlanViews(participant.role),
    bijNood: bijNoodOf(context, caseId, participant.role),
    questions: familyQuestionsOf(context, participant),
    /** A jeugdige who is one of the children: their own pages first (ADR 030). */
    childHome: childHomeOf(context.services.db, caseId, participant),
    /** AVG inzage: "Download mijn gegevens" (ADR 034). */
    ownDataExport: mayExportOwnData(participant.role, { professionalAccount: participant.userId !== null }),
  });
}

/** The family home's one form: a check-in on an own afspraak (the command decides who may). */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const { by, form } = await requireCaseAction(request, context, params.caseId);
  return handleIntent(form, {
    'check-in': () => {
      context.services.commands.reportCheckIn(by, form);
      const today = todayIso();
      const mine = checkInQueries(context.services.db)
        .ofPerson(by.caseId, by.participantId, afspraken(context.services.sync.room(by.caseId, 'plan').doc), today)
        .find((m) => m.afspraak.id === form.afspraakId && m.due === form.occurrence);
      const view = mine ? myAfspraakView(mine, today).own : null;
      return json({ saved: 'Je melding is bewaard.', reported: view?.reported ?? null, summary: view?.summary ?? '' });
    },
  });
}

/**
 * A check-in answers with the person's new report itself: reloading the
 * whole home would record a new visit and empty "Wat is er veranderd".
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get('intent') === 'check-in' || formData?.get('intent') === 'ask-question' ? false : defaultShouldRevalidate;

export default function CaseHome() {
  const d = useLoaderData<typeof loader>();
  const kids = d.children.length > 1 ? `${d.children.slice(0, -1).join(', ')} en ${d.children.at(-1)}` : (d.children[0] ?? 'de kinderen');
  return (
    <div className="home">
      <ChildHomeBlock child={d.childHome} />
      <section className="card home-intro" aria-labelledby="welkom">
        <h2 id="welkom">Hallo {d.firstName}</h2>
        <p>Dit is het plan voor {kids}. Iedereen werkt hier samen aan: het gezin, het netwerk en de hulpverleners.</p>
        <p>
          <strong>Waar staan we?</strong> {d.stage}
        </p>
        <p className="home-date">
          <CalendarDays aria-hidden="true" size={18} /> Volgende evaluatie: <strong>{formatDate(d.nextEvaluation)}</strong>
        </p>
      </section>
      <BijNood data={d.bijNood} />
      <AkkoordTask caseId={d.caseId} task={d.akkoord} />
      <WhatHappensNow data={d.whatHappensNow} />
      {d.lastMeeting ? (
        <section className="card" aria-labelledby="laatste-netwerkberaad">
          <h2 id="laatste-netwerkberaad">
            <MessagesSquare aria-hidden="true" size={20} /> Het laatste netwerkberaad
          </h2>
          {d.lastMeeting.lines.map((line, i) => (
            <p key={i}>{line}</p>
          ))}
          {d.lastMeeting.next ? (
            <p className="home-date">
              <CalendarDays aria-hidden="true" size={18} /> Het volgende netwerkberaad is op <strong>{formatDate(d.lastMeeting.next)}</strong>.
            </p>
          ) : null}
          <p>
            <Link to={`/casussen/${d.caseId}/sessies/${d.lastMeeting.id}`}>Lees het hele verslag</Link>
          </p>
        </section>
      ) : null}

      <NotificationsLink caseId={d.caseId} />
      {d.mayRequestDeletion ? <DeletionLink caseId={d.caseId} /> : null}
      <OwnDataDownload caseId={d.caseId} show={d.ownDataExport} />
      <RegieNotice regie={d.regie} />
      <ContactBlock contacts={d.contacts} />
      <FamilyQuestions data={d.questions} />

      <Besluiten besluiten={d.besluiten} />

      <section className="card" aria-labelledby="veranderd">
        <h2 id="veranderd">
          <Sparkles aria-hidden="true" size={20} /> Wat is er veranderd sinds je vorige bezoek?
        </h2>
        <FamilyEvents events={d.whatHappensNow.events} />
        {d.changes === null ? (
          <p className="muted">Welkom! Dit is je eerste bezoek.</p>
        ) : d.changes.length === 0 ? (
          d.whatHappensNow.events.length ? null : (
            <p className="muted">Er is niets veranderd sinds {formatDateTime(d.since)}.</p>
          )
        ) : (
          <ChangeList changes={d.changes} />
        )}
      </section>

      <section className="card" aria-labelledby="mijn-afspraken">
        <h2 id="mijn-afspraken">
          <ListChecks aria-hidden="true" size={20} /> Jouw afspraken
        </h2>
        {d.mijnAfspraken.length === 0 ? (
          <p className="muted">Er staan nog geen afspraken op jouw naam.</p>
        ) : (
          <ul className="my-afspraken">
            {d.mijnAfspraken.map((a) => (
              <li key={a.id} className="my-afspraak">
                <p>
                  <strong>{a.wat}</strong>
                </p>
                {a.when || a.wanneer ? (
                  <p className="muted">
                    {a.kind === 'netwerk' ? 'Jouw taak in het veiligheidsnetwerk' : 'Wanneer'}: {[a.when, a.wanneer].filter(Boolean).join(' · ')}
                  </p>
                ) : null}
                {a.due ? (
                  <>
                    <p>{a.dueLabel}. Hoe ging het?</p>
                    <CheckInButtons afspraakId={a.id} occurrence={a.due} label={a.wat} initial={a.own} />
                  </>
                ) : (
                  <p className="muted">{a.when ? 'Je kunt melden hoe het ging als de eerste keer is geweest.' : 'Er is nog geen datum afgesproken.'}</p>
                )}
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link to={`/casussen/${d.caseId}/veiligheidsplan`}>Naar het hele veiligheidsplan</Link>
        </p>
      </section>

      <section className="card" aria-labelledby="home-bodemeisen">
        <div className="explained">
          <h2 id="home-bodemeisen">
            <ShieldAlert aria-hidden="true" size={20} /> {BODEMEISEN_WORDS.familyTitle}
          </h2>
          <Explain text={BODEMEISEN_WORDS.explain} describedBy="home-bodemeisen" />
        </div>
        {d.bodemeisen.length === 0 ? (
          <p className="muted">Er zijn nog geen bodemeisen vastgesteld.</p>
        ) : (
          <ul className="changes">
            {d.bodemeisen.map((e) => (
              <li key={e.id}>
                <strong>{e.tekst}</strong>
                {e.reden ? <span className="muted"> Waarom: {e.reden}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <p className="home-next">
        <UserRoundCheck aria-hidden="true" size={18} /> Samen schrijven jullie het plan in de <Link to={`/casussen/${d.caseId}/kaart`}>Kaart</Link> en het{' '}
        <Link to={`/casussen/${d.caseId}/veiligheidsplan`}>Veiligheidsplan</Link>.
      </p>
      <PlanViewsLink caseId={d.caseId} show={d.planViews} />
    </div>
  );
}
