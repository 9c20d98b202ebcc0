import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, NavLink, Outlet, useLoaderData, useLocation } from '@remix-run/react';
import { Archive, ClipboardList, Gavel, History, Home, LayoutGrid, ListChecks, Lock, MonitorPlay, Printer, ScrollText, ShieldAlert, Users } from 'lucide-react';
import { Smile } from 'lucide-react';
import { ErrorPage } from '../components/ErrorPage';
import { isProfessionalRole, kaderLabel, ROLE_LABELS, STAGE_LABELS } from '../domain/caseFacts';
import { caseAccess, mayCloseCase, mayFacilitateMeeting, mayReopenCase } from '../domain/permissions';
import { requireCaseParticipant } from '../utils/caseAccess.server';
import { formatDate } from '../utils/format';
import { formatDay } from '../utils/formatDay';
import { notFound } from '../utils/responses';
import { RegieFactNote } from '../components/case/RegieNotice';
import { regieQueries } from '../utils/regie.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.overview.title} · Veiligplan` : 'Veiligplan' }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  // The view itself is recorded by requireCaseParticipant (every case read, ADR 036).
  const { participant } = await requireCaseParticipant(request, context, params.caseId);
  const full = context.services.cases.overview(participant.caseId);
  if (!full) throw notFound();
  // Only what the header shows: no participant list, no contact details.
  const { participants: _all, casusregisseur, vastAanspreekpunt, ...facts } = full;
  const overview = {
    ...facts,
    casusregisseur: casusregisseur ? { name: casusregisseur.name } : null,
    vastAanspreekpunt: vastAanspreekpunt ? { name: vastAanspreekpunt.name } : null,
  };
  return json({
    overview,
    myRole: participant.role,
    family: !isProfessionalRole(participant.role),
    auditLog: caseAccess(participant.role, 'auditLog') === 'read',
    /** Afsluiten (issue 14): who gets the link to close or reopen (the command decides). */
    closing: (full.closedAt === null ? mayCloseCase(participant.role) : mayReopenCase(participant.role)) && isProfessionalRole(participant.role),
    regie: regieQueries(context.services.db).summary(participant.caseId),
    /** Netwerkberaad (issue 16): the Sessie tab for facilitators, a banner for everyone while one runs. */
    facilitator: mayFacilitateMeeting(participant.role),
    meetingRunning: context.services.meetings.running(participant.caseId) !== undefined,
  });
}

const TABS = [
  { to: '.', label: 'Overzicht', Icon: Home },
  { to: 'kaart', label: 'Kaart', Icon: LayoutGrid },
  { to: 'veiligheidsplan', label: 'Veiligheidsplan', Icon: ListChecks },
  { to: 'bodemeisen', label: 'Bodemeisen', Icon: ShieldAlert },
  { to: 'kind', label: 'Kind', Icon: Smile },
  { to: 'versies', label: 'Versies', Icon: History },
  { to: 'betrokkenen', label: 'Betrokkenen', Icon: Users },
  { to: 'casusgegevens', label: 'Casusgegevens', Icon: ClipboardList, only: 'professional' },
  { to: 'besluiten', label: 'Besluiten', Icon: Gavel, only: 'professional' },
  { to: 'logboek', label: 'Logboek', Icon: ScrollText, only: 'auditLog' },
  { to: 'sessie', label: 'Sessie', Icon: MonitorPlay, only: 'facilitator' },
] as const;

export default function CaseLayout() {
  const { overview, myRole, family, auditLog, closing, regie, facilitator, meetingRunning } = useLoaderData<typeof loader>();
  const onMeetingPage = useLocation().pathname.endsWith('/sessie');
  const away = (as: 'casusregisseur' | 'vastAanspreekpunt') => regie.absences.find((a) => a.as === as || a.as === 'beide');
  const tabs = TABS.filter((t) => !('only' in t) || (t.only === 'professional' ? !family : t.only === 'facilitator' ? facilitator : auditLog)).map((t) =>
    // Professionals have their own Overzicht; family and netwerk the case's index (their home view).
    t.to === '.' && !family ? { ...t, to: 'overzicht' as const } : t,
  );
  const childNames = overview.children.map((c) => `${c.firstName} (${c.birthYear})`).join(', ');
  return (
    <article className="case" aria-labelledby="casus-titel">
      <header className="case-header">
        <div className="tab-toolbar">
          <h1 id="casus-titel">{overview.title}</h1>
          <div className="row no-print">
            <Link to={`/casussen/${overview.id}/afdrukken`} className="button button-quiet button-small no-print">
              <Printer aria-hidden="true" size={16} /> Afdrukken
            </Link>
            {closing && overview.closedAt === null ? (
              <Link to={`/casussen/${overview.id}/afsluiten`} className="button button-quiet button-small no-print">
                <Archive aria-hidden="true" size={16} /> Casus afsluiten
              </Link>
            ) : null}
          </div>
        </div>
        {overview.closedAt !== null ? (
          <p className="readonly-note" role="note">
            <Lock aria-hidden="true" size={18} />
            <span>
              {family ? 'Dit plan is afgesloten' : 'Deze casus is afgesloten'} op {formatDay(overview.closedAt)}. Je kunt alles nog lezen, maar niets meer{' '}
              {family ? 'veranderen' : 'wijzigen'}.
              {closing ? (
                <>
                  {' '}
                  <Link to={`/casussen/${overview.id}/afsluiten`}>Casus weer openen</Link>
                </>
              ) : null}
            </span>
          </p>
        ) : null}
        {/* Family and netwerk get these facts in plain words on their Overzicht. */}
        {family ? null : (
          // Folded to one line, so the kaart and the plan start high on a laptop or projector; the Overzicht shows them in full.
          <details className="case-facts">
            <summary>
              {kaderLabel(overview.kader, overview.maatregelType)} · {STAGE_LABELS[overview.stage].label} · regie:{' '}
              {overview.casusregisseur?.name ?? 'nog niet gekozen'}
              {regie.openOverdracht !== null || away('casusregisseur') ? ' (zie details)' : ''}
            </summary>
            <dl className="facts facts-inline">
              <div>
                <dt>Kinderen</dt>
                <dd>{childNames || 'geen kinderen vastgelegd'}</dd>
              </div>
              <div>
                <dt>Kader</dt>
                <dd>{kaderLabel(overview.kader, overview.maatregelType)}</dd>
              </div>
              <div>
                <dt>Fase</dt>
                <dd>{STAGE_LABELS[overview.stage].label}</dd>
              </div>
              <div>
                <dt>Casusregisseur</dt>
                <dd>
                  {overview.casusregisseur?.name ?? 'nog niet gekozen'}
                  <RegieFactNote caseId={overview.id} absence={away('casusregisseur')} overdracht={regie.openOverdracht !== null} />
                </dd>
              </div>
              <div>
                <dt>Vast aanspreekpunt gezin</dt>
                <dd>
                  {overview.vastAanspreekpunt?.name ?? 'nog niet gekozen'}
                  <RegieFactNote caseId={overview.id} absence={away('vastAanspreekpunt')} />
                </dd>
              </div>
              <div>
                <dt>Volgend evaluatiemoment</dt>
                <dd>{formatDate(overview.nextEvaluationDate)}</dd>
              </div>
              <div>
                <dt>Mijn rol</dt>
                <dd>{ROLE_LABELS[myRole]}</dd>
              </div>
            </dl>
          </details>
        )}
      </header>
      {meetingRunning && !onMeetingPage ? (
        <p className="meeting-banner no-print" role="note">
          <MonitorPlay aria-hidden="true" size={18} /> <span>Er loopt nu een netwerkberaad</span> —{' '}
          <Link to={`/casussen/${overview.id}/sessie`} className="button button-primary button-small">
            Doe mee
          </Link>
        </p>
      ) : null}
      <nav className="tabs" aria-label="Onderdelen van de casus">
        {tabs.map(({ to, label, Icon }) => (
          // The Overzicht records a visit ("since your last visit"): no prefetch on hover.
          <NavLink key={to} to={to} end={to === '.'} className="tab" prefetch={to === '.' || to === 'overzicht' ? 'none' : 'intent'}>
            <Icon aria-hidden="true" size={18} />
            <span>{label}</span>
          </NavLink>
        ))}
      </nav>
      <div className="tab-panel">
        <Outlet />
      </div>
    </article>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
