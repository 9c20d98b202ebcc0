/**
 * The Kind tab: the case's children, each with a link to their own page
 * (Woorden en Plaatjes for everyone in the case; the Drie Huizen for who the
 * child chose). Says nothing about a child's houses to someone who may not
 * see them. Read-only.
 */
import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { Smile } from 'lucide-react';
import { BundledDrawing } from '../components/childVoice/Pictures';
import { childAge } from '../domain/childVoice';
import { childrenOfCase, todayIso } from '../utils/caseFacts.server';
import { requireCaseParticipant } from '../utils/caseAccess.server';
import { childInCase, houseAccess, storyOf } from '../utils/childVoice.server';
import childVoiceStyles from '../styles/childVoice.css';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: childVoiceStyles }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { participant } = await requireCaseParticipant(request, context, params.caseId);
  const { db } = context.services;
  const today = todayIso();
  const kids = childrenOfCase(db, participant.caseId).map((c) => {
    const row = childInCase(db, participant.caseId, c.id)!;
    const access = houseAccess(db, row, participant);
    return {
      id: c.id,
      firstName: c.firstName,
      age: childAge(c.birthYear, today),
      me: access.isTheChild,
      panels: storyOf(db, c.id).length,
    };
  });
  return json({ caseId: participant.caseId, kids });
}

export default function ChildrenTab() {
  const { caseId, kids } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="tab-titel" className="stack">
      <h2 id="tab-titel">Voor de kinderen</h2>
      <p className="muted">Hier staat per kind wat er is gebeurd en wat het plan betekent, in woorden en plaatjes. En de drie huizen van het kind.</p>
      <ul className="child-list">
        {kids.map((k) => (
          <li key={k.id} className="card child-card">
            <BundledDrawing name={k.me ? 'ster' : 'gezin'} className="picture picture-small" decorative />
            <div>
              <h3>
                <Link to={`/casussen/${caseId}/kind/${k.id}`}>{k.me ? `Voor jou, ${k.firstName}` : `${k.firstName} (${k.age} jaar)`}</Link>
              </h3>
              <p className="muted">
                {k.panels === 0 ? 'Nog geen woorden en plaatjes.' : `Woorden en plaatjes: ${k.panels} ${k.panels === 1 ? 'vak' : 'vakken'}.`}
              </p>
            </div>
          </li>
        ))}
      </ul>
      {kids.length === 0 ? (
        <p className="muted">
          <Smile aria-hidden="true" size={18} /> Er staan nog geen kinderen in deze casus.
        </p>
      ) : null}
    </section>
  );
}
