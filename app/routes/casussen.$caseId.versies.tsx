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
import { mayMakeSnapshot, mayRestoreSnapshot } from '../domain/permissions';
import { requireCaseParticipant } from '../utils/caseAccess.server';
import { SnapshotInput, readForm } from '../utils/forms.server';
import { formatDateTime } from '../utils/format';
import { notFound } from '../utils/responses';

const REASON_LABELS: Record<string, string> = {
  handmatig: 'Met de hand',
  sessie: 'Na een sessie',
  overdracht: 'Overdracht',
  dagelijks: 'Dagelijks',
  'voor-herstel': 'Voor een herstel',
  akkoord: 'Ter akkoord',
};
const DOC_LABELS: Record<string, string> = { kaart: 'de kaart', plan: 'het veiligheidsplan', bodemeisen: 'de bodemeisen' };


export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { participant } = await requireCaseParticipant(request, context, params.caseId);
  const caseId = participant.caseId;
  const { snapshots, cases } = context.services;
  const names = new Map(cases.participants(caseId).map((p) => [p.id, p.name]));
  const nameOf = (id: string | null) => (id ? (names.get(id) ?? 'een verwijderde betrokkene') : 'Veiligplan');
  const list = snapshots.list(caseId);
  const timeline = list.map((s, i) => {
    const next = i === 0 ? Date.now() : list[i - 1]!.createdAt;
    return {
      ...s,
      author: nameOf(s.authorParticipantId),
      reasonLabel: REASON_LABELS[s.reason] ?? s.reason,
      after: snapshots.activity(caseId, s.createdAt, next).map((a) => `${nameOf(a.participant)} veranderde ${DOC_LABELS[a.document]} (${a.n}×)`),
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
  return json({ timeline, viewing, diff, from, to, canSnapshot: mayMakeSnapshot(participant.role), canRestore: mayRestoreSnapshot(participant.role) });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { participant } = await requireCaseParticipant(request, context, params.caseId);
  const form = (await readForm(request)) as Record<string, string>;
  if (form.intent === 'snapshot') {
    if (!mayMakeSnapshot(participant.role)) return json({ error: 'Alleen professionals maken een versie.' }, { status: 403 });
    const parsed = SnapshotInput.safeParse(form);
    if (!parsed.success) return json({ error: parsed.error.issues[0]!.message }, { status: 400 });
    context.services.snapshots.take(participant.caseId, { ...parsed.data, authorParticipantId: participant.id });
    return json({ saved: 'De versie is bewaard.' });
  }
  if (form.intent === 'restore') {
    if (!mayRestoreSnapshot(participant.role)) return json({ error: 'Alleen de jeugdbeschermer of casusregisseur kan een versie terugzetten.' }, { status: 403 });
    const done = context.services.snapshots.restore(participant.caseId, form.snapshotId ?? '', participant.id);
    if (!done) return json({ error: 'Deze versie bestaat niet.' }, { status: 404 });
    return redirect(`/casussen/${participant.caseId}/versies?hersteld=1`);
  }
  return json({ error: 'Onbekende actie.' }, { status: 400 });
}

export default function Versies() {
  const { timeline, viewing, diff, from, to, canSnapshot, canRestore } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as { error?: string; saved?: string } | undefined;
  const busy = useNavigation().state !== 'idle';
  return (
    <section aria-labelledby="tab-titel">
      <h2 id="tab-titel">Versies</h2>
      <p className="muted">Elke versie blijft altijd bewaard. Niemand kan een versie aanpassen of weggooien.</p>
      {result?.error ? <p className="alert" role="alert">{result.error}</p> : null}
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
              <option value="handmatig">Met de hand</option>
              <option value="sessie">Na een sessie</option>
              <option value="overdracht">Overdracht</option>
            </select>
          </label>
          <button type="submit" className="button button-primary" disabled={busy}>
            <Camera aria-hidden="true" size={18} /> Versie maken
          </button>
        </Form>
      ) : null}

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
              <strong>{s.label}</strong> <span className="muted">· {s.reasonLabel} · {s.author} · {formatDateTime(s.createdAt)}</span>
            </p>
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
              {from && from !== s.id ? (
                <Link to={`?van=${from}&naar=${s.id}`} className="button button-quiet button-small">
                  Vergelijk met gekozen versie
                </Link>
              ) : null}
              {canRestore ? (
                <Form method="post" onSubmit={(e) => (confirm(`“${s.label}” terugzetten? De huidige stand wordt eerst als versie bewaard.`) ? undefined : e.preventDefault())}>
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
