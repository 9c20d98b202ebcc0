import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { Archive, CalendarDays, FolderOpen, FolderPlus, UserRoundCheck } from 'lucide-react';
import { kaderLabel, ROLE_LABELS } from '../domain/caseFacts';
import { formatDate } from '../utils/format';
import { formatDay } from '../utils/formatDay';

export const meta: MetaFunction = () => [{ title: 'Mijn casussen · Veiligplan' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await context.services.auth.requireProfessional(request);
  return json({ cases: context.services.cases.listForUser(user.id) });
}

type CaseItem = ReturnType<typeof useLoaderData<typeof loader>>['cases'][number];

function CaseCard({ c, Heading }: { c: CaseItem; Heading: 'h2' | 'h3' }) {
  return (
    <li className="card case-card">
      <Heading>
        <Link to={`/casussen/${c.id}`}>
          <FolderOpen aria-hidden="true" size={20} />
          <span>{c.title}</span>
        </Link>
      </Heading>
      <dl className="facts">
        {c.closedAt !== null ? (
          <div>
            <dt>
              <Archive aria-hidden="true" size={16} /> Afgesloten op
            </dt>
            <dd>{formatDay(c.closedAt)}</dd>
          </div>
        ) : null}
        <div>
          <dt>Kader</dt>
          <dd>{kaderLabel(c.kader, c.maatregelType)}</dd>
        </div>
        <div>
          <dt>
            <UserRoundCheck aria-hidden="true" size={16} /> Casusregisseur
          </dt>
          <dd>{c.casusregisseurName ?? 'nog niet gekozen'}</dd>
        </div>
        {c.closedAt === null ? (
          <div>
            <dt>
              <CalendarDays aria-hidden="true" size={16} /> Volgend evaluatiemoment
            </dt>
            <dd>{formatDate(c.nextEvaluationDate)}</dd>
          </div>
        ) : null}
        <div>
          <dt>Mijn rol</dt>
          <dd>{ROLE_LABELS[c.myRole]}</dd>
        </div>
      </dl>
    </li>
  );
}

export default function CaseList() {
  const { cases } = useLoaderData<typeof loader>();
  // Closed cases (afgesloten) are listed apart, below the cases people work on.
  const open = cases.filter((c) => c.closedAt === null);
  const closed = cases.filter((c) => c.closedAt !== null);
  return (
    <section aria-labelledby="casussen-titel">
      <div className="tab-toolbar">
        <h1 id="casussen-titel">Mijn casussen</h1>
        <Link to="/casussen/nieuw" className="button button-primary">
          <FolderPlus aria-hidden="true" size={18} /> Nieuwe casus
        </Link>
      </div>
      {cases.length === 0 ? (
        <p className="muted">Je bent nog bij geen enkele casus betrokken.</p>
      ) : open.length === 0 ? (
        <p className="muted">Al je casussen zijn afgesloten.</p>
      ) : (
        <ul className="case-list">
          {open.map((c) => (
            <CaseCard key={c.id} c={c} Heading="h2" />
          ))}
        </ul>
      )}
      {closed.length > 0 ? (
        <section aria-labelledby="afgesloten-titel" className="stack">
          <h2 id="afgesloten-titel">Afgesloten</h2>
          <p className="muted">Deze casussen kun je nog lezen, maar niet meer wijzigen.</p>
          <ul className="case-list">
            {closed.map((c) => (
              <CaseCard key={c.id} c={c} Heading="h3" />
            ))}
          </ul>
        </section>
      ) : null}
    </section>
  );
}
