import type { LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { Mail, Phone } from 'lucide-react';
import { ROLE_LABELS } from '../domain/caseFacts';
import { mayListParticipants, maySeeContactDetails } from '../domain/permissions';
import { requireCaseParticipant } from '../utils/caseAccess.server';
import type { CaseParticipant } from '../../server/cases/cases.server';

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { participant } = await requireCaseParticipant(request, context, params.caseId);
  if (!mayListParticipants(participant.role)) return json({ allowed: false, participants: [] as CaseParticipant[] });
  // Contact details the viewer may not see never leave the server.
  const participants = context.services.cases.participants(participant.caseId).map((p) =>
    maySeeContactDetails(participant.role, p) ? p : { ...p, phone: null, email: null },
  );
  return json({ allowed: true, participants });
}

export default function ParticipantsTab() {
  const { allowed, participants } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="tab-titel">
      <h2 id="tab-titel">Betrokkenen</h2>
      {!allowed ? <p className="muted">Als meelezer kun je de lijst van betrokkenen niet inzien.</p> : null}
      <ul className="people">
        {participants.map((p) => (
          <li key={p.id} className="card person">
            <p className="person-name">{p.name}</p>
            <p className="muted">
              {ROLE_LABELS[p.role]}
              {p.relation ? ` · ${p.relation}` : ''}
              {p.organisationName ? ` · ${p.organisationName}` : ''}
            </p>
            {p.phone || p.email ? (
              <p className="contact">
                {p.phone ? (
                  <a href={`tel:${p.phone.replace(/[^\d+]/g, '')}`}>
                    <Phone aria-hidden="true" size={16} /> {p.phone}
                  </a>
                ) : null}
                {p.email ? (
                  <a href={`mailto:${p.email}`}>
                    <Mail aria-hidden="true" size={16} /> {p.email}
                  </a>
                ) : null}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
