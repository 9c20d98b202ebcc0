/**
 * "Wie heeft ons plan bekeken?" (ADR 028): for the family whose plan it is,
 * in plain words, who of the case viewed or changed their plan in the last
 * 30 days and when, grouped per day. Only people of the case, by the name the
 * family knows; no addresses, devices, sessions or refused strangers. Read only.
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { Eye } from 'lucide-react';
import { mayReadPlanViews } from '../domain/permissions';
import { PLAN_VIEW_DAYS, planViewDays } from '../domain/planViews';
import { requireCaseParticipant } from '../utils/caseAccess.server';
import { notFound } from '../utils/responses';
import { planActivity } from '../utils/signin.server';

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { participant } = await requireCaseParticipant(request, context, params.caseId);
  if (!mayReadPlanViews(participant.role)) throw notFound();
  const since = Date.now() - PLAN_VIEW_DAYS * 24 * 60 * 60 * 1000;
  return json({ caseId: participant.caseId, days: planViewDays(planActivity(context.services.db, participant.caseId, since), participant.id) });
}

export default function PlanViews() {
  const { caseId, days } = useLoaderData<typeof loader>();
  return (
    <section className="stack plan-views" aria-labelledby="tab-titel">
      <h2 id="tab-titel">
        <Eye aria-hidden="true" size={20} /> Wie heeft ons plan bekeken?
      </h2>
      <p>Hier zie je wie het plan heeft bekeken of veranderd. En wanneer. Het gaat om de laatste {PLAN_VIEW_DAYS} dagen.</p>
      {days.length === 0 ? <p className="muted">In de laatste {PLAN_VIEW_DAYS} dagen heeft niemand het plan bekeken.</p> : null}
      {days.map((d) => (
        <section key={d.day} className="card" aria-label={d.day}>
          <h3>{d.day}</h3>
          <ul className="changes">
            {d.lines.map((l, i) => (
              <li key={i}>
                {l.text} <span className="muted">— {l.time}</span>
              </li>
            ))}
          </ul>
        </section>
      ))}
      <p>
        <Link to={`/casussen/${caseId}`}>Terug naar het begin</Link>
      </p>
    </section>
  );
}
