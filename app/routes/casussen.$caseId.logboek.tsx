/**
 * The Logboek of a case (jeugdbeschermer and casusregisseur): who viewed or
 * changed what and when — the audit rows and the case events (facts,
 * trajectory, overdracht, vervanging, besluiten, afsluiten) in one list,
 * newest first, with the event's old → new and its reason. Nobody can change
 * it. Filters by person and by kind; long lists are paged.
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { AUDIT_TYPES, isAuditType } from '../domain/audit';
import { CASE_EVENT_LABELS, CASE_EVENT_TYPES, describeEvent, type CaseEventType } from '../domain/caseEvents';
import { caseAccess } from '../domain/permissions';
import { requireCaseParticipant } from '../utils/caseAccess.server';
import { formatDateTime } from '../utils/format';
import { notFound } from '../utils/responses';

/** Rows per page. */
const PAGE_SIZE = 300;
/** The `soort` filter value for "every case event" and the prefix of one event type. */
const ALL_EVENTS = 'gebeurtenissen';
const EVENT_PREFIX = 'gebeurtenis:';

const isEventType = (t: string): t is CaseEventType => (CASE_EVENT_TYPES as readonly string[]).includes(t);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { participant } = await requireCaseParticipant(request, context, params.caseId);
  if (caseAccess(participant.role, 'auditLog') !== 'read') throw notFound();
  const url = new URL(request.url);
  const person = url.searchParams.get('persoon') ?? '';
  const type = url.searchParams.get('soort') ?? '';
  const page = Math.min(1000, Math.max(1, Number.parseInt(url.searchParams.get('pagina') ?? '1', 10) || 1));
  const people = context.services.cases.participants(participant.caseId).map((p) => ({ id: p.id, name: p.name }));
  const names = new Map(people.map((p) => [p.id, p.name]));

  const eventType = type.startsWith(EVENT_PREFIX) ? type.slice(EVENT_PREFIX.length) : '';
  const wantEvents = !type || type === ALL_EVENTS || isEventType(eventType);
  const wantAudit = !type || !(type === ALL_EVENTS || type.startsWith(EVENT_PREFIX));

  const audit = wantAudit
    ? context.services.audit
        .list(participant.caseId)
        .filter((r) => (!person || r.actorParticipantId === person || r.subjectParticipantId === person) && (!type || r.type === type))
        .map((r) => ({
          kind: 'audit' as const,
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
          reason: '',
        }))
    : [];
  const events = wantEvents
    ? context.services.overview
        .logbookEvents(participant.caseId, { ...(isEventType(eventType) ? { types: [eventType] } : {}), ...(person ? { participantId: person } : {}) })
        .map((e) => ({
          kind: 'event' as const,
          at: e.at,
          type: CASE_EVENT_LABELS[e.type],
          actor: e.actorName ?? '—',
          subject: e.subjectName ?? '',
          session: '',
          detail: describeEvent(e),
          reason: e.reason ?? '',
        }))
    : [];
  // Newest first; at the same moment the case event (the change) comes before its audit rows.
  const all = [...events, ...audit].sort((a, b) => b.at - a.at || (a.kind === b.kind ? 0 : a.kind === 'event' ? -1 : 1));
  const rows = all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  return json({ rows, people, person, type, page, hasMore: all.length > page * PAGE_SIZE });
}

export default function Logboek() {
  const { rows, people, person, type, page, hasMore } = useLoaderData<typeof loader>();
  const pageLink = (p: number) => `?${new URLSearchParams({ ...(person ? { persoon: person } : {}), ...(type ? { soort: type } : {}), pagina: String(p) })}`;
  return (
    <section aria-labelledby="tab-titel">
      <h2 id="tab-titel">Logboek</h2>
      <p className="muted">Wie heeft wanneer iets bekeken of veranderd, en wat er met de casus is gebeurd. Dit logboek kan niemand aanpassen.</p>
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
            <optgroup label="Casus">
              <option value={ALL_EVENTS}>Alle wijzigingen van de casus</option>
              {CASE_EVENT_TYPES.map((key) => (
                <option key={key} value={`${EVENT_PREFIX}${key}`}>
                  {CASE_EVENT_LABELS[key]}
                </option>
              ))}
            </optgroup>
            <optgroup label="Bekijken en toegang">
              {Object.entries(AUDIT_TYPES).map(([key, label]) => (
                <option key={key} value={key}>
                  {label}
                </option>
              ))}
            </optgroup>
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
              <tr key={i} data-kind={r.kind}>
                <td>{formatDateTime(r.at)}</td>
                <td>{r.kind === 'event' ? <strong>{r.type}</strong> : r.type}</td>
                <td>
                  {r.actor}
                  {r.session ? <span className="muted small"> (sessie {r.session})</span> : null}
                </td>
                <td>{r.subject}</td>
                <td className="small">
                  {r.detail}
                  {r.reason ? <> — reden: {r.reason}</> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page > 1 || hasMore ? (
        <nav className="row" aria-label="Pagina's van het logboek">
          {page > 1 ? <Link to={pageLink(page - 1)}>Nieuwere regels</Link> : null}
          {hasMore ? <Link to={pageLink(page + 1)}>Oudere regels</Link> : null}
        </nav>
      ) : null}
    </section>
  );
}
