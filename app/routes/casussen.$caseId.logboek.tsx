/**
 * The Logboek of a case (jeugdbeschermer and casusregisseur, ADR 036): who
 * changed what and when, in Dutch sentences ("Linda Bakker heeft de kaart
 * bekeken"), with the case events (facts, trajectory, overdracht, vervanging,
 * besluiten, afsluiten) in the same list, newest first. Views and access rows
 * only with "Ook bekijken tonen". Paged with a cursor ("Oudere regels"), so
 * no row repeats. Never an id, a session hash or a raw detail. Nobody can
 * change it.
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { AUDIT_TYPES, type AuditType } from '../domain/audit';
import { CASE_EVENT_LABELS, CASE_EVENT_TYPES } from '../domain/caseEvents';
import { ALL_EVENTS, EVENT_PREFIX, isViewType, parseCursor } from '../domain/logboek';
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
  const views = url.searchParams.get('bekijken') === 'ja';
  const from = url.searchParams.get('vanaf') ?? '';
  const people = context.services.cases.participants(participant.caseId).map((p) => ({ id: p.id, name: p.name }));
  const { entries, next } = context.services.audit.logboek(participant.caseId, {
    views,
    ...(people.some((p) => p.id === person) ? { person } : {}),
    type,
    after: parseCursor(from),
  });
  return json({ entries, next, people, person, type, views, paged: Boolean(parseCursor(from)) });
}

/** Audit types a person would choose from: changes, then views. */
const CHANGE_TYPES = (Object.keys(AUDIT_TYPES) as AuditType[]).filter((t) => !isViewType(t));
const VIEW_TYPES = (Object.keys(AUDIT_TYPES) as AuditType[]).filter((t) => isViewType(t));

export default function Logboek() {
  const { entries, next, people, person, type, views, paged } = useLoaderData<typeof loader>();
  const filters = { ...(person ? { persoon: person } : {}), ...(type ? { soort: type } : {}), ...(views ? { bekijken: 'ja' } : {}) };
  const olderLink = (from: string) => `?${new URLSearchParams({ ...filters, vanaf: from })}`;
  return (
    <section aria-labelledby="tab-titel">
      <h2 id="tab-titel">Logboek</h2>
      <p className="muted">Wie heeft wanneer iets veranderd, en wat er met de casus is gebeurd. Dit logboek kan niemand aanpassen.</p>
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
            <optgroup label="Wijzigingen">
              {CHANGE_TYPES.map((key) => (
                <option key={key} value={key}>
                  {AUDIT_TYPES[key]}
                </option>
              ))}
            </optgroup>
            <optgroup label="Bekijken en toegang">
              {VIEW_TYPES.map((key) => (
                <option key={key} value={key}>
                  {AUDIT_TYPES[key]}
                </option>
              ))}
            </optgroup>
          </select>
        </label>
        <label className="check">
          <input type="checkbox" name="bekijken" value="ja" defaultChecked={views} /> Ook bekijken tonen
        </label>
        <button type="submit" className="button button-quiet">
          Filteren
        </button>
      </Form>
      {entries.length === 0 ? (
        <p className="muted">{paged ? 'Er zijn geen oudere regels.' : 'Geen regels gevonden.'}</p>
      ) : (
        <table className="audit">
          <thead>
            <tr>
              <th scope="col">Wanneer</th>
              <th scope="col">Wat er gebeurde</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.key} data-kind={e.kind} data-view={e.view ? 'ja' : undefined}>
                <td>{formatDateTime(e.at)}</td>
                <td>
                  {e.kind === 'event' ? (
                    <>
                      <strong>{e.label}</strong> — {e.detail}
                      {e.reason ? <> Reden: {e.reason}</> : null}
                      <span className="muted small"> (door {e.text})</span>
                    </>
                  ) : (
                    e.text
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {paged || next ? (
        <nav className="row" aria-label="Meer regels van het logboek">
          {paged ? <Link to={`?${new URLSearchParams(filters)}`}>Nieuwste regels</Link> : null}
          {next ? <Link to={olderLink(next)}>Oudere regels</Link> : null}
        </nav>
      ) : null}
    </section>
  );
}
