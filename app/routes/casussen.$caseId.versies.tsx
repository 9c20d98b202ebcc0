/**
 * The Versies tab: the list of versions, one version read-only, and the
 * difference between two versions in Dutch. Versions are never changed or
 * deleted here; making and restoring one is for the roles the permission table
 * allows.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { Camera, GitCompare, RotateCcw } from 'lucide-react';
import { ReadOnlyCase } from '../components/ReadOnlyItems';
import { diffCase } from '../domain/diff';
import { isProfessionalRole } from '../domain/caseFacts';
import { mayExportCase, mayMakeSnapshot, mayRestoreSnapshot } from '../domain/permissions';
import { CaseExportLinks } from '../components/case/ExportLinks';
import { OVERDRACHT_NOTE_FIELDS } from '../domain/regie';
import { regieQueries } from '../utils/regie.server';
import { MANUAL_SNAPSHOT_REASONS, SNAPSHOT_REASON_LABELS, timesInWords, VERSIONS_WORDS } from '../domain/versions';
import { titleFor, usesFamilyWords } from '../domain/wording';
import { ExplainedHeading } from '../components/Explain';
import { requireCaseAction, requireCaseParticipant } from '../utils/caseAccess.server';
import { handleIntent } from '../utils/commandAction.server';
import { formatDateTime } from '../utils/format';
import { notFound } from '../utils/responses';

const DOC_LABELS: Record<string, string> = { kaart: 'de kaart', plan: 'het veiligheidsplan', bodemeisen: 'de bodemeisen' };

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { participant } = await requireCaseParticipant(request, context, params.caseId);
  const caseId = participant.caseId;
  const { snapshots, cases } = context.services;
  const names = new Map(cases.participants(caseId).map((p) => [p.id, p.name]));
  const nameOf = (id: string | null) => (id ? (names.get(id) ?? 'een verwijderde betrokkene') : 'Veiligplan');
  const list = snapshots.list(caseId);
  // An overdracht version carries its handover note (professionals) or the family's summary.
  const handovers = new Map(
    regieQueries(context.services.db)
      .overdrachten(caseId, { withNotes: isProfessionalRole(participant.role) })
      .map((o) => [o.snapshotId, { fromName: o.fromName, toName: o.toName, note: o.note, familySummary: o.familySummary }]),
  );
  const timeline = list.map((s, i) => {
    const next = i === 0 ? Date.now() : list[i - 1]!.createdAt;
    return {
      ...s,
      author: nameOf(s.authorParticipantId),
      reasonLabel: SNAPSHOT_REASON_LABELS[s.reason],
      after: snapshots.activity(caseId, s.createdAt, next).map((a) => `${nameOf(a.participant)} veranderde ${DOC_LABELS[a.document]} ${timesInWords(a.n)}`),
    };
  });
  const url = new URL(request.url);
  const view = url.searchParams.get('versie');
  const from = url.searchParams.get('van');
  const to = url.searchParams.get('naar') ?? 'nu';
  let viewing = null;
  if (view) {
    const s = snapshots.get(caseId, view);
    if (!s) throw notFound();
    viewing = { id: s.id, label: s.label, createdAt: s.createdAt, rendering: s.rendering };
  }
  let diff = null;
  if (from) {
    const a = snapshots.get(caseId, from);
    const b = to === 'nu' ? { label: 'nu', rendering: snapshots.renderingNow(caseId) } : snapshots.get(caseId, to);
    if (!a || !b) throw notFound();
    diff = { from: a.label, to: b.label, lines: diffCase(a.rendering, b.rendering) };
  }
  // A `sessie` version made by a netwerkberaad links to the meeting's summary.
  const meetingBySnapshot = context.services.meetings.bySnapshot(caseId);
  // A closed case is read-only: no new versions, no restore (the commands refuse them too).
  const open = !cases.isClosed(caseId);
  return json({
    caseId,
    family: usesFamilyWords(participant.role),
    timeline: timeline.map((s) => ({ ...s, overdracht: handovers.get(s.id) ?? null, meetingId: meetingBySnapshot[s.id] ?? null })),
    viewing,
    diff,
    from,
    to,
    canSnapshot: open && mayMakeSnapshot(participant.role),
    canRestore: open && mayRestoreSnapshot(participant.role),
    /** The whole case as a ZIP, the plan as PDF (ADR 034); also for a closed case. */
    canExport: mayExportCase(participant.role),
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { by, form } = await requireCaseAction(request, context, params.caseId);
  const { commands } = context.services;
  return handleIntent(form, {
    snapshot: () => {
      commands.makeSnapshot(by, form);
      return json({ saved: 'De versie is bewaard.' });
    },
    restore: () => {
      commands.restoreSnapshot(by, form);
      return redirect(`/casussen/${by.caseId}/versies?hersteld=1`);
    },
  });
}

export default function Versies() {
  const { caseId, timeline, viewing, diff, from, to, canSnapshot, canRestore, canExport, family } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as { error?: string; saved?: string } | undefined;
  const busy = useNavigation().state !== 'idle';
  return (
    <section aria-labelledby="tab-titel">
      <ExplainedHeading level={2} id="tab-titel" title={titleFor(VERSIONS_WORDS, family)} explain={family ? VERSIONS_WORDS.explain : null} />
      <p className="muted">Elke versie blijft altijd bewaard. Niemand kan een versie aanpassen of weggooien.</p>
      {result?.error ? (
        <p className="alert" role="alert">
          {result.error}
        </p>
      ) : null}
      {result?.saved ? <p role="status">{result.saved}</p> : null}
      {canSnapshot ? (
        <Form method="post" className="card row" aria-label="Versie maken">
          <input type="hidden" name="intent" value="snapshot" />
          <label className="field">
            <span>Naam van de versie</span>
            <input name="label" required maxLength={120} placeholder="Bijvoorbeeld: na het netwerkberaad" />
          </label>
          <label className="field">
            <span>Reden</span>
            <select name="reason" defaultValue="handmatig">
              {MANUAL_SNAPSHOT_REASONS.map((r) => (
                <option key={r} value={r}>
                  {SNAPSHOT_REASON_LABELS[r]}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="button button-primary" disabled={busy}>
            <Camera aria-hidden="true" size={18} /> Versie maken
          </button>
        </Form>
      ) : null}

      <CaseExportLinks caseId={caseId} show={canExport} />

      {diff ? (
        <section className="card" aria-labelledby="verschil">
          <h3 id="verschil">
            <GitCompare aria-hidden="true" size={18} /> Wat is er veranderd van “{diff.from}” tot {to === 'nu' ? 'nu' : `“${diff.to}”`}?
          </h3>
          {diff.lines.length === 0 ? (
            <p className="muted">Er is niets veranderd.</p>
          ) : (
            <ul className="changes diff">
              {diff.lines.map((l, i) => (
                <li key={i}>
                  <strong>{l.document}:</strong> {l.text}
                  {l.before !== undefined ? (
                    <span className="diff-texts">
                      <del aria-label="was">{l.before || '(leeg)'}</del> <ins aria-label="wordt">{l.after || '(leeg)'}</ins>
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}

      {viewing ? (
        <section className="card" aria-labelledby="bekijk">
          <h3 id="bekijk">
            Versie “{viewing.label}” van {formatDateTime(viewing.createdAt)} (alleen lezen)
          </h3>
          <ReadOnlyCase kaart={viewing.rendering.kaart.sections} plan={viewing.rendering.plan.sections} bodemeisen={viewing.rendering.bodemeisen.sections} />
        </section>
      ) : null}

      {timeline.length === 0 ? <p className="muted">Er zijn nog geen versies.</p> : null}
      <ol className="timeline">
        {timeline.map((s) => (
          <li key={s.id} className="card">
            <p>
              <strong>{s.label}</strong>{' '}
              <span className="muted">
                · {s.reasonLabel} · {s.author} · {formatDateTime(s.createdAt)}
              </span>
            </p>
            {s.overdracht ? (
              <details className="handover-note">
                <summary>
                  Overdracht van {s.overdracht.fromName} aan {s.overdracht.toName}: {s.overdracht.note ? 'de overdrachtsnotitie' : 'de uitleg voor het gezin'}
                </summary>
                {s.overdracht.note ? (
                  <dl>
                    {OVERDRACHT_NOTE_FIELDS.map((f) => (
                      <div key={f.key}>
                        <dt>{f.label}</dt>
                        <dd>{s.overdracht!.note![f.key]}</dd>
                      </div>
                    ))}
                  </dl>
                ) : null}
                <p>{s.overdracht.familySummary}</p>
              </details>
            ) : null}
            {s.after.length ? (
              <ul className="small muted">
                {s.after.map((line, i) => (
                  <li key={i}>{line}</li>
                ))}
              </ul>
            ) : null}
            <div className="row">
              <Link to={`?versie=${s.id}`} className="button button-quiet button-small">
                Bekijken
              </Link>
              <Link to={`?van=${s.id}&naar=nu`} className="button button-quiet button-small">
                Vergelijk met nu
              </Link>
              {s.meetingId ? (
                <Link to={`/casussen/${caseId}/sessies/${s.meetingId}`} className="button button-quiet button-small">
                  Verslag van het netwerkberaad
                </Link>
              ) : null}
              {from && from !== s.id ? (
                <Link to={`?van=${from}&naar=${s.id}`} className="button button-quiet button-small">
                  Vergelijk met gekozen versie
                </Link>
              ) : null}
              {canRestore ? (
                <Form
                  method="post"
                  onSubmit={(e) => (confirm(`“${s.label}” terugzetten? De huidige stand wordt eerst als versie bewaard.`) ? undefined : e.preventDefault())}
                >
                  <input type="hidden" name="intent" value="restore" />
                  <input type="hidden" name="snapshotId" value={s.id} />
                  <button type="submit" className="button button-quiet button-small">
                    <RotateCcw aria-hidden="true" size={16} /> Terugzetten
                  </button>
                </Form>
              ) : null}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
