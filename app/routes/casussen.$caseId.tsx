import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { NavLink, Outlet, useLoaderData } from '@remix-run/react';
import { History, LayoutGrid, ListChecks, ShieldAlert, Users } from 'lucide-react';
import { ErrorPage } from '../components/ErrorPage';
import { kaderLabel, ROLE_LABELS, STAGE_LABELS } from '../domain/caseFacts';
import { requireCaseParticipant } from '../utils/caseAccess.server';
import { formatDate } from '../utils/format';
import { notFound } from '../utils/responses';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.overview.title} · Veiligplan` : 'Veiligplan' },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
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
  return json({ overview, myRole: participant.role });
}

const TABS = [
  { to: 'kaart', label: 'Kaart', Icon: LayoutGrid },
  { to: 'veiligheidsplan', label: 'Veiligheidsplan', Icon: ListChecks },
  { to: 'bodemeisen', label: 'Bodemeisen', Icon: ShieldAlert },
  { to: 'versies', label: 'Versies', Icon: History },
  { to: 'betrokkenen', label: 'Betrokkenen', Icon: Users },
] as const;

export default function CaseLayout() {
  const { overview, myRole } = useLoaderData<typeof loader>();
  const childNames = overview.children.map((c) => `${c.firstName} (${c.birthYear})`).join(', ');
  return (
    <article className="case" aria-labelledby="casus-titel">
      <header className="case-header">
        <h1 id="casus-titel">{overview.title}</h1>
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
            <dd>{overview.casusregisseur?.name ?? 'nog niet gekozen'}</dd>
          </div>
          <div>
            <dt>Vast aanspreekpunt gezin</dt>
            <dd>{overview.vastAanspreekpunt?.name ?? 'nog niet gekozen'}</dd>
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
      </header>
      <nav className="tabs" aria-label="Onderdelen van de casus">
        {TABS.map(({ to, label, Icon }) => (
          <NavLink key={to} to={to} className="tab" prefetch="intent">
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
