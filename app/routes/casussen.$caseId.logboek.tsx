import type { LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { AUDIT_TYPES, isAuditType } from '../domain/audit';
import { caseAccess } from '../domain/permissions';
import { requireCaseParticipant } from '../utils/caseAccess.server';
import { formatDateTime } from '../utils/format';
import { notFound } from '../utils/responses';

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { participant } = await requireCaseParticipant(request, context, params.caseId);
  if (caseAccess(participant.role, 'auditLog') !== 'read') throw notFound();
  const url = new URL(request.url);
  const person = url.searchParams.get('persoon') ?? '';
  const type = url.searchParams.get('soort') ?? '';
  const people = context.services.cases.participants(participant.caseId).map((p) => ({ id: p.id, name: p.name }));
  const names = new Map(people.map((p) => [p.id, p.name]));
  const rows = context.services.audit
    .list(participant.caseId)
    .filter((r) => (!person || r.actorParticipantId === person || r.subjectParticipantId === person) && (!type || r.type === type))
    .slice(0, 300)
    .map((r) => ({
      at: r.at,
      type: isAuditType(r.type) ? AUDIT_TYPES[r.type] : r.type,
      actor: r.actorParticipantId ? (names.get(r.actorParticipantId) ?? 'verwijderde betrokkene') : '—',
      subject: r.subjectParticipantId ? (names.get(r.subjectParticipantId) ?? 'verwijderde betrokkene') : '',
      session: r.sessionRef ?? '',
      detail: r.detail
        ? Object.entries(r.detail)
            .map(([k, v]) => `${k}: ${String(v)}`)
            .join(', ')
        : '',
    }));
  return json({ rows, people, person, type });
}

export default function Logboek() {
  const { rows, people, person, type } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="tab-titel">
      <h2 id="tab-titel">Logboek</h2>
      <p className="muted">Wie heeft wanneer iets bekeken of veranderd. Dit logboek kan niemand aanpassen.</p>
      <Form method="get" className="filters">
        <label className="field">
          <span>Persoon</span>
          <select name="persoon" defaultValue={person}>
            <option value="">Iedereen</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Soort</span>
          <select name="soort" defaultValue={type}>
            <option value="">Alles</option>
            {Object.entries(AUDIT_TYPES).map(([key, label]) => (
              <option key={key} value={key}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button button-quiet">
          Filteren
        </button>
      </Form>
      {rows.length === 0 ? (
        <p className="muted">Geen regels gevonden.</p>
      ) : (
        <table className="audit">
          <thead>
            <tr>
              <th scope="col">Wanneer</th>
              <th scope="col">Wat</th>
              <th scope="col">Wie</th>
              <th scope="col">Over</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                <td>{formatDateTime(r.at)}</td>
                <td>{r.type}</td>
                <td>
                  {r.actor}
                  {r.session ? <span className="muted small"> (sessie {r.session})</span> : null}
                </td>
                <td>{r.subject}</td>
                <td className="small">{r.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
