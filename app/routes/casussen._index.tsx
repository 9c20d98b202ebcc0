import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { CalendarDays, FolderOpen, FolderPlus, UserRoundCheck } from 'lucide-react';
import { kaderLabel, ROLE_LABELS } from '../domain/caseFacts';
import { formatDate } from '../utils/format';

export const meta: MetaFunction = () => [{ title: 'Mijn casussen · Veiligplan' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await context.services.auth.requireProfessional(request);
  return json({ cases: context.services.cases.listForUser(user.id) });
}

export default function CaseList() {
  const { cases } = useLoaderData<typeof loader>();
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
      ) : (
        <ul className="case-list">
          {cases.map((c) => (
            <li key={c.id} className="card case-card">
              <h2>
                <Link to={`/casussen/${c.id}`}>
                  <FolderOpen aria-hidden="true" size={20} />
                  <span>{c.title}</span>
                </Link>
              </h2>
              <dl className="facts">
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
                <div>
                  <dt>
                    <CalendarDays aria-hidden="true" size={16} /> Volgend evaluatiemoment
                  </dt>
                  <dd>{formatDate(c.nextEvaluationDate)}</dd>
                </div>
                <div>
                  <dt>Mijn rol</dt>
                  <dd>{ROLE_LABELS[c.myRole]}</dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
