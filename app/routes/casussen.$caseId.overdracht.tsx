/**
 * Overdracht van de regie (warme overdracht, SPEC §2.4, ADR 018): the form to
 * start one, a running one with its note (acknowledged by the new regisseur
 * only, stopped with a reason by the regisseur or jeugdbeschermer), and the
 * history of all overdrachten with their notes and their `overdracht` version.
 * Not a tab: linked from Betrokkenen and the case header. Family members never
 * receive a handover note from the loader; they read the plain family summary.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { ArrowRightLeft, CheckCircle2, History, XCircle } from 'lucide-react';
import { GroundFields } from '../components/case/Grondslag';
import { isProfessionalRole, ROLE_LABELS } from '../domain/caseFacts';
import { groundOptionsOf } from '../domain/grondslag';
import { caseAccess } from '../domain/permissions';
import { addDays, isoDayOf, LIMITS, OVERDRACHT_NOTE_FIELDS, shortDate } from '../domain/regie';
import { requireCaseAction, requireCaseParticipant } from '../utils/caseAccess.server';
import { handleIntent } from '../utils/commandAction.server';
import { formatDate, formatDateTime } from '../utils/format';
import { notFound, type ActionAnswer } from '../utils/responses';
import { regieQueries, todayIso } from '../utils/regie.server';

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { participant } = await requireCaseParticipant(request, context, params.caseId);
  const caseId = participant.caseId;
  const { cases, db } = context.services;
  const overview = cases.overview(caseId);
  if (!overview) throw notFound();
  const professional = isProfessionalRole(participant.role);
  const all = regieQueries(db).overdrachten(caseId, { withNotes: professional });
  // The family is told about an overdracht once it is done; a parent also sees the one that hands regie to them.
  const overdrachten = professional ? all : all.filter((o) => o.completedAt !== null || (o.cancelledAt === null && o.toParticipantId === participant.id));
  const open = overdrachten.find((o) => o.completedAt === null && o.cancelledAt === null) ?? null;
  const writer = caseAccess(participant.role, 'caseFacts') === 'write' && overview.closedAt === null;
  const regisseurId = overview.casusregisseur?.id ?? null;
  const today = todayIso();
  return json({
    caseId,
    me: participant.id,
    professional,
    writer,
    closed: overview.closedAt !== null,
    regisseur: overview.casusregisseur ? { name: overview.casusregisseur.name, role: overview.casusregisseur.role } : null,
    regieProfessional: overview.regieProfessional ? { name: overview.regieProfessional.name } : null,
    open,
    history: overdrachten.filter((o) => o !== open),
    // Whom regie can go to: a professional (not a meelezer) or a parent, never the current regisseur.
    candidates: writer
      ? overview.participants
          .filter((p) => p.id !== regisseurId && (p.isProfessionalAccount ? p.role !== 'meelezer' : p.role === 'ouder'))
          .map((p) => ({ id: p.id, name: p.name, label: ROLE_LABELS[p.role], parent: !p.isProfessionalAccount }))
      : [],
    professionals: writer ? overview.participants.filter((p) => p.isProfessionalAccount && p.role !== 'meelezer').map((p) => ({ id: p.id, name: p.name })) : [],
    /** A professional added by e-mail comes with a grondslag (ADR 040); only managers add someone new. */
    groundOptions: writer && caseAccess(participant.role, 'participants') === 'manage' ? groundOptionsOf(overview, today) : null,
    today,
    lastOverlapDay: addDays(today, LIMITS.overlapDays),
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { by, form } = await requireCaseAction(request, context, params.caseId);
  const { commands } = context.services;
  return handleIntent(form, {
    'start-overdracht': () => {
      const r = commands.startOverdracht(by, form);
      return json({ saved: `De overdracht aan ${r.toName} is gestart. Er is een versie van het plan bewaard. ${r.toName} bevestigt de overdracht zelf.` });
    },
    'acknowledge-overdracht': () => {
      commands.acknowledgeOverdracht(by, form);
      return json({ saved: 'Je hebt de regie overgenomen. Iedereen ziet nu dat jij de regisseur bent.' });
    },
    'cancel-overdracht': () => {
      commands.cancelOverdracht(by, form);
      return json({ saved: 'De overdracht is gestopt. De regie blijft waar ze was.' });
    },
  });
}

type Overdracht = ReturnType<typeof useLoaderData<typeof loader>>['history'][number];

/** Text as written, one paragraph per line (no inline styles: the CSP allows none). */
function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n+/)
        .filter((line) => line.trim())
        .map((line, i) => (
          <p key={i}>{line}</p>
        ))}
    </>
  );
}

function Note({ o }: { o: Overdracht }) {
  if (!o.note) return <Paragraphs text={o.familySummary} />;
  return (
    <div className="stack">
      {OVERDRACHT_NOTE_FIELDS.map((f) => (
        <div key={f.key}>
          <h4>{f.label}</h4>
          <Paragraphs text={o.note![f.key]} />
        </div>
      ))}
      <div>
        <h4>Uitleg voor het gezin</h4>
        <Paragraphs text={o.familySummary} />
      </div>
    </div>
  );
}

function status(o: Overdracht): string {
  if (o.completedAt !== null) return `Afgerond op ${formatDateTime(o.completedAt)}`;
  if (o.cancelledAt !== null) return `Gestopt op ${formatDateTime(o.cancelledAt)}${o.cancelReason ? ` — reden: ${o.cancelReason}` : ''}`;
  return 'Loopt';
}

export default function OverdrachtPage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionAnswer | undefined;
  const busy = useNavigation().state !== 'idle';
  const versionLink = (o: Overdracht) => `/casussen/${d.caseId}/versies?versie=${encodeURIComponent(o.snapshotId)}`;
  return (
    <section aria-labelledby="overdracht-titel" className="stack">
      <h2 id="overdracht-titel">
        <ArrowRightLeft aria-hidden="true" size={20} /> Overdracht van de regie
      </h2>
      <p>
        {d.regisseur ? (
          <>
            Nu heeft <strong>{d.regisseur.name}</strong> de regie
            {d.regieProfessional ? (
              <>
                {' '}
                met <strong>{d.regieProfessional.name}</strong> ernaast
              </>
            ) : null}
            .
          </>
        ) : (
          'Er is nog geen regisseur.'
        )}{' '}
        <Link to={`/casussen/${d.caseId}/betrokkenen`}>Naar Betrokkenen</Link>
      </p>
      {result?.error ? (
        <p className="alert" role="alert">
          {result.error}
        </p>
      ) : null}
      {result?.saved ? <p role="status">{result.saved}</p> : null}

      {d.open ? (
        <div className="card stack" aria-labelledby="lopende-overdracht">
          <h3 id="lopende-overdracht">
            {d.professional
              ? `Overdracht loopt: van ${d.open.fromName} aan ${d.open.toName}`
              : d.open.toParticipantId === d.me
                ? 'Jij wordt de regisseur'
                : `${d.open.toName} wordt de regisseur`}
          </h3>
          {d.professional ? (
            <p className="muted small">
              Gestart op {formatDateTime(d.open.startedAt)} door {d.open.startedByName}.
              {d.open.regieProfessionalName ? ` ${d.open.regieProfessionalName} staat naast ${d.open.toName} en krijgt de rechten van de regie.` : ''}
              {d.open.overlapUntil
                ? d.open.overlapRuns
                  ? ` Tot en met ${formatDate(d.open.overlapUntil)} hebben beiden de rechten van de regie.`
                  : ` De overlap liep tot en met ${formatDate(d.open.overlapUntil)}.`
                : ''}
            </p>
          ) : null}
          {!d.professional ? (
            <p>
              De regisseur houdt het overzicht over het plan. {d.open.regieProfessionalName ?? 'Een hulpverlener'} staat ernaast, helpt daarbij en regelt wat
              een hulpverlener moet regelen.
            </p>
          ) : null}
          <Note o={d.open} />
          {d.open.toParticipantId === d.me && !d.closed ? (
            <Form method="post">
              <input type="hidden" name="intent" value="acknowledge-overdracht" />
              <input type="hidden" name="overdrachtId" value={d.open.id} />
              <button type="submit" className="button button-primary" disabled={busy}>
                <CheckCircle2 aria-hidden="true" size={18} /> Ik neem de regie over
              </button>
            </Form>
          ) : (
            <p className="muted">Alleen {d.open.toName} kan bevestigen dat de regie is overgenomen.</p>
          )}
          {d.writer ? (
            <Form method="post" className="stack" aria-label="Overdracht stoppen">
              <input type="hidden" name="intent" value="cancel-overdracht" />
              <input type="hidden" name="overdrachtId" value={d.open.id} />
              <label className="field">
                <span>Waarom stopt de overdracht?</span>
                <input name="reason" required minLength={3} maxLength={LIMITS.reason} />
              </label>
              <button type="submit" className="button button-quiet" disabled={busy}>
                <XCircle aria-hidden="true" size={18} /> Stop de overdracht
              </button>
            </Form>
          ) : null}
          {d.professional ? (
            <p className="small">
              <Link to={versionLink(d.open)}>Bekijk de versie van het plan bij deze overdracht</Link>
            </p>
          ) : null}
        </div>
      ) : null}

      {d.writer && !d.open ? (
        <Form method="post" className="card stack" aria-labelledby="nieuwe-overdracht">
          <h3 id="nieuwe-overdracht">Regie overdragen</h3>
          <p className="muted small">
            Schrijf op wat de nieuwe regisseur moet weten. Bij het starten wordt een versie van het plan bewaard. De regie gaat pas over als de nieuwe regisseur
            dat zelf bevestigt.
          </p>
          <input type="hidden" name="intent" value="start-overdracht" />
          <label className="field">
            <span>Aan wie?</span>
            <select name="toParticipantId" defaultValue="">
              <option value="">Iemand die nog niet betrokken is (vul hieronder het e-mailadres in)</option>
              {d.candidates.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} ({c.label})
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Of: e-mailadres van het account van een professional</span>
            <input name="toEmail" type="email" maxLength={320} />
          </label>
          {d.groundOptions ? <GroundFields options={d.groundOptions} hint="alleen voor een professional die nog niet betrokken is" /> : null}
          <label className="field">
            <span>Gaat de regie naar een ouder? Welke professional staat naast de ouder (en krijgt de rechten van de regie)?</span>
            <select name="regieProfessionalId" defaultValue="">
              <option value="">Niet nodig (de regie gaat naar een professional)</option>
              {d.professionals.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          {OVERDRACHT_NOTE_FIELDS.map((f) => (
            <label key={f.key} className="field">
              <span>
                {f.label} <span className="muted small">— {f.hint}</span>
              </span>
              <textarea name={f.key} required minLength={2} maxLength={LIMITS.note} rows={4} />
            </label>
          ))}
          <label className="field">
            <span>Korte uitleg voor het gezin (in gewone woorden)</span>
            <textarea name="familySummary" required minLength={5} maxLength={LIMITS.familySummary} rows={3} />
          </label>
          <label className="field">
            <span>Samen de regie tot en met (niet verplicht, hoogstens drie maanden)</span>
            <input name="overlapUntil" type="date" min={d.today} max={d.lastOverlapDay} />
          </label>
          <button type="submit" className="button button-primary" disabled={busy}>
            <ArrowRightLeft aria-hidden="true" size={18} /> Overdracht starten
          </button>
        </Form>
      ) : null}

      <div className="stack" aria-labelledby="eerdere-overdrachten">
        <h3 id="eerdere-overdrachten">
          <History aria-hidden="true" size={18} /> {d.professional ? 'Alle overdrachten' : 'Eerdere regisseurs'}
        </h3>
        {d.history.length === 0 ? (
          <p className="muted">Er zijn nog geen eerdere overdrachten.</p>
        ) : (
          <ul className="timeline">
            {d.history.map((o) =>
              d.professional ? (
                <li key={o.id} className="card">
                  <p>
                    <strong>
                      Van {o.fromName} aan {o.toName}
                    </strong>
                    {o.regieProfessionalName ? ` (met ${o.regieProfessionalName} ernaast)` : ''}
                  </p>
                  <p className="muted small">
                    Gestart op {formatDateTime(o.startedAt)} door {o.startedByName} · {status(o)}
                  </p>
                  <details>
                    <summary>Overdrachtsnotitie lezen</summary>
                    <Note o={o} />
                  </details>
                  <p className="small">
                    <Link to={versionLink(o)}>Bekijk de versie van het plan bij deze overdracht</Link>
                  </p>
                </li>
              ) : (
                <li key={o.id} className="card">
                  <p>
                    Sinds {shortDate(isoDayOf(o.completedAt!))} is <strong>{o.toName}</strong> regisseur.
                  </p>
                  <Note o={o} />
                </li>
              ),
            )}
          </ul>
        )}
      </div>
    </section>
  );
}
