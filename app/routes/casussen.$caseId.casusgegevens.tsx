/**
 * Casusgegevens (professionals): the facts of the case, its trajectory as a
 * vertical timeline (start, kader and stage steps with date, reason and who
 * decided) and every case event. The jeugdbeschermer and casusregisseur get
 * a form per fact (each change takes a reason), a kader form offering only
 * the steps the trajectory table allows (app/domain/trajectory.ts) and a
 * stage form; everyone else reads. The family gets these facts in plain
 * words on their home view, so they are sent there. Each form is its own
 * fetcher (its own answer next to it); without JavaScript the page answers
 * at the top.
 */
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { useActionData, useFetcher, useLoaderData } from '@remix-run/react';
import { ArrowDown, ArrowLeft, ArrowRight, ArrowUp, CircleAlert, Flag, Repeat } from 'lucide-react';
import type { ReactNode } from 'react';
import { CASE_EVENT_LABELS, describeEvent, type KaderValue } from '../domain/caseEvents';
import { isProfessionalRole, kaderLabel, STAGE_LABELS, STAGES } from '../domain/caseFacts';
import { caseAccess } from '../domain/permissions';
import { nextSteps, stageTransition, trajectoryPoint, TRAJECTORY_KIND_LABELS, TRANSITION_LABELS, type TransitionKind } from '../domain/trajectory';
import styles from '../styles/caseFacts.css';
import { requireCaseAction, requireCaseParticipant } from '../utils/caseAccess.server';
import { caseEventsOf, childrenOfCase, todayIso } from '../utils/caseFacts.server';
import { handleIntent } from '../utils/commandAction.server';
import { formatDate, formatDateTime } from '../utils/format';
import { notFound } from '../utils/responses';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { participant } = await requireCaseParticipant(request, context, params.caseId);
  const caseId = participant.caseId;
  if (!isProfessionalRole(participant.role)) throw redirect(`/casussen/${caseId}`);
  const overview = context.services.cases.overview(caseId);
  if (!overview) throw notFound();
  const canWrite = caseAccess(participant.role, 'caseFacts') === 'write' && overview.closedAt === null;
  const events = caseEventsOf(context.services.db, caseId);
  const current: KaderValue = { kader: overview.kader, maatregelType: overview.maatregelType, service: overview.kaderService };
  const trajectory = events.map(trajectoryPoint).filter((p) => p !== null);
  return json({
    caseId,
    canWrite,
    closed: overview.closedAt !== null,
    today: todayIso(),
    facts: {
      title: overview.title,
      kader: kaderLabel(overview.kader, overview.maatregelType, overview.kaderService),
      stage: overview.stage,
      stageLabel: STAGE_LABELS[overview.stage].label,
      nextEvaluationDate: overview.nextEvaluationDate,
      casusregisseur: overview.casusregisseur?.name ?? null,
      vastAanspreekpunt: overview.vastAanspreekpunt ? { id: overview.vastAanspreekpunt.id, name: overview.vastAanspreekpunt.name } : null,
      scaleQuestion: overview.scaleQuestion,
      safetyFlag: overview.safetyFlag,
      createdAt: overview.createdAt,
    },
    children: childrenOfCase(context.services.db, caseId),
    // Who can be the family's fixed contact: the professionals of the case (not the meelezer).
    contacts: overview.participants.filter((p) => p.isProfessionalAccount && p.role !== 'meelezer').map((p) => ({ id: p.id, name: p.name })),
    nextSteps: canWrite ? nextSteps(current) : [],
    stages: canWrite ? STAGES.filter((s) => stageTransition(overview.stage, s).ok).map((s) => ({ stage: s, label: STAGE_LABELS[s].label })) : [],
    trajectory,
    now: { kader: kaderLabel(overview.kader, overview.maatregelType, overview.kaderService), stage: STAGE_LABELS[overview.stage].label },
    events: events
      .slice()
      .reverse()
      .map((e) => ({ id: e.id, at: e.at, label: CASE_EVENT_LABELS[e.type], text: describeEvent(e), who: e.actorName, reason: e.reason })),
  });
}

type Saved = { saved?: string; error?: string; field?: string };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { by, form } = await requireCaseAction(request, context, params.caseId);
  const { commands } = context.services;
  return handleIntent<Response>(form, {
    fact: () => {
      commands.changeCaseFact(by, form);
      return json({ saved: 'Opgeslagen. De wijziging staat in de geschiedenis.' });
    },
    'add-child': () => {
      commands.addChild(by, form);
      return json({ saved: 'Het kind is toegevoegd.' });
    },
    'remove-child': () => {
      commands.removeChild(by, form);
      return json({ saved: 'Het kind is uit de casus gehaald.' });
    },
    kader: () => {
      const { kind } = commands.changeKader(by, form);
      return json({ saved: `Het kader is aangepast (${TRANSITION_LABELS[kind].toLowerCase()}).` });
    },
    stage: () => {
      commands.changeStage(by, form);
      return json({ saved: 'De fase is aangepast.' });
    },
  });
}

const KIND_ICON = { opschalen: ArrowUp, afschalen: ArrowDown, wijziging: Repeat, verder: ArrowRight, terug: ArrowLeft, start: Flag } as const;

export default function CaseFactsTab() {
  const d = useLoaderData<typeof loader>();
  const page = useActionData<typeof action>() as Saved | undefined;
  return (
    <section aria-labelledby="tab-titel" className="case-facts">
      <h2 id="tab-titel">Casusgegevens</h2>
      {d.closed ? <p className="muted">Deze casus is afgesloten. Je kunt de gegevens alleen lezen.</p> : null}
      {!d.canWrite && !d.closed ? <p className="muted">Alleen de jeugdbeschermer of casusregisseur kan deze gegevens aanpassen. Jij kunt ze lezen.</p> : null}
      {/* Without JavaScript a form posts the whole page: its answer shows here. */}
      {page?.error ? (
        <p className="alert" role="alert">
          <CircleAlert aria-hidden="true" size={18} /> {page.error}
        </p>
      ) : null}
      {page?.saved ? <p role="status">{page.saved}</p> : null}

      <dl className="facts fact-list">
        <Fact label="Naam van de casus" value={d.facts.title}>
          {d.canWrite ? (
            <FactForm version={d.events.length} label="Naam aanpassen" field="title">
              <label className="field">
                <span>Nieuwe naam</span>
                <input name="value" defaultValue={d.facts.title} maxLength={120} required />
              </label>
            </FactForm>
          ) : null}
        </Fact>
        <Fact label="Kinderen" value={d.children.map((c) => `${c.firstName} (${c.birthYear})`).join(', ') || 'geen kinderen vastgelegd'}>
          {d.canWrite ? <ChildForms childList={d.children} version={d.events.length} /> : null}
        </Fact>
        <Fact label="Kader" value={d.facts.kader} />
        <Fact label="Fase" value={d.facts.stageLabel} />
        <Fact label="Casusregisseur" value={d.facts.casusregisseur ?? 'nog niet gekozen'} />
        <Fact label="Vast aanspreekpunt gezin" value={d.facts.vastAanspreekpunt?.name ?? 'nog niet gekozen'}>
          {d.canWrite ? (
            <FactForm version={d.events.length} label="Vast aanspreekpunt kiezen" field="vastAanspreekpunt">
              <label className="field">
                <span>Vast aanspreekpunt</span>
                <select name="value" defaultValue={d.facts.vastAanspreekpunt?.id ?? ''} required>
                  <option value="">Kies…</option>
                  {d.contacts.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </select>
              </label>
            </FactForm>
          ) : null}
        </Fact>
        <Fact label="Volgend evaluatiemoment" value={formatDate(d.facts.nextEvaluationDate)}>
          {d.canWrite ? (
            <FactForm version={d.events.length} label="Evaluatiemoment verzetten" field="nextEvaluationDate">
              <label className="field">
                <span>Nieuwe datum</span>
                <input type="date" name="value" min={d.today} defaultValue={d.facts.nextEvaluationDate ?? ''} required />
              </label>
            </FactForm>
          ) : null}
        </Fact>
        <Fact label="Schaalvraag" value={d.facts.scaleQuestion}>
          {d.canWrite ? (
            <FactForm version={d.events.length} label="Schaalvraag aanpassen" field="scaleQuestion">
              <label className="field">
                <span>Schaalvraag</span>
                <textarea name="value" rows={3} maxLength={1000} defaultValue={d.facts.scaleQuestion} required />
              </label>
            </FactForm>
          ) : null}
        </Fact>
        <Fact label="Contactgegevens gezin afgeschermd" value={d.facts.safetyFlag ? 'ja' : 'nee'}>
          {d.canWrite ? (
            <FactForm version={d.events.length} label={d.facts.safetyFlag ? 'Afscherming opheffen' : 'Contactgegevens afschermen'} field="safetyFlag">
              <input type="hidden" name="value" value={d.facts.safetyFlag ? 'nee' : 'ja'} />
            </FactForm>
          ) : null}
        </Fact>
        <Fact label="Gestart op" value={formatDateTime(d.facts.createdAt)} />
      </dl>

      {d.canWrite ? (
        <div className="trajectory-forms">
          <KaderForm steps={d.nextSteps} today={d.today} version={d.events.length} />
          <StageForm stages={d.stages} version={d.events.length} />
        </div>
      ) : null}

      <section aria-labelledby="traject-titel">
        <h3 id="traject-titel">Traject</h3>
        <ol className="trajectory">
          {d.trajectory.map((t) => {
            const Icon = KIND_ICON[t.kind];
            return (
              <li key={t.id} className={`trajectory-step trajectory-${t.kind}`}>
                <p className="trajectory-date">{formatDate(t.date)}</p>
                <p className="trajectory-title">
                  <span className="trajectory-kind">
                    <Icon aria-hidden="true" size={14} /> {TRAJECTORY_KIND_LABELS[t.kind]}
                  </span>{' '}
                  {t.title}
                </p>
                {t.detail ? <p className="muted small">{t.detail}</p> : null}
                {t.reason ? <p>Waarom: {t.reason}</p> : null}
                <p className="muted small">Besloten door {t.who ?? 'onbekend'}</p>
              </li>
            );
          })}
          <li className="trajectory-step trajectory-now">
            <p className="trajectory-date">Nu</p>
            <p className="trajectory-title">
              {d.now.kader} · {d.now.stage}
            </p>
          </li>
        </ol>
      </section>

      <section aria-labelledby="geschiedenis-titel">
        <h3 id="geschiedenis-titel">Alle wijzigingen</h3>
        {d.events.length === 0 ? (
          <p className="muted">Er zijn nog geen wijzigingen vastgelegd.</p>
        ) : (
          <ul className="case-events">
            {d.events.map((e) => (
              <li key={e.id}>
                <p>
                  <strong>{e.label}</strong> · {e.text}
                </p>
                {e.reason ? <p>Waarom: {e.reason}</p> : null}
                <p className="muted small">
                  {formatDateTime(e.at)} · {e.who ?? 'onbekend'}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}

function Fact({ label, value, children }: { label: string; value: string; children?: ReactNode }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd>
        {value}
        {children}
      </dd>
    </div>
  );
}

/** The answer of one fetcher form, next to it. */
function Answer({ data }: { data: Saved | undefined }) {
  if (data?.error)
    return (
      <p className="field-error" role="alert">
        <CircleAlert aria-hidden="true" size={16} /> {data.error}
      </p>
    );
  if (data?.saved) return <p role="status">{data.saved}</p>;
  return null;
}

function ReasonField({ hint = 'Waarom? (iedereen in de casus ziet dit terug)' }: { hint?: string }) {
  return (
    <label className="field">
      <span>{hint}</span>
      <input name="reason" minLength={5} maxLength={300} required />
    </label>
  );
}

/** One fact, changed with a reason. */
function FactForm({ label, field, version, children }: { label: string; field: string; version: number; children: ReactNode }) {
  const fetcher = useFetcher<Saved>();
  const data = fetcher.state === 'idle' ? fetcher.data : undefined;
  return (
    <details className="fact-edit">
      <summary>{label}</summary>
      <fetcher.Form method="post" className="stack" aria-label={label} key={`${field}-${version}`}>
        <input type="hidden" name="intent" value="fact" />
        <input type="hidden" name="field" value={field} />
        {children}
        <ReasonField />
        <button type="submit" className="button button-quiet button-small" disabled={fetcher.state !== 'idle'}>
          Opslaan
        </button>
      </fetcher.Form>
      <Answer data={data} />
    </details>
  );
}

function ChildForms({ childList, version }: { childList: { id: string; firstName: string; birthYear: number }[]; version: number }) {
  const add = useFetcher<Saved>();
  const remove = useFetcher<Saved>();
  return (
    <details className="fact-edit">
      <summary>Kinderen aanpassen</summary>
      <add.Form method="post" className="stack" aria-label="Kind toevoegen" key={`add-${version}`}>
        <input type="hidden" name="intent" value="add-child" />
        <div className="form-row">
          <label className="field">
            <span>Voornaam</span>
            <input name="firstName" maxLength={60} required />
          </label>
          <label className="field">
            <span>Geboortejaar</span>
            <input name="birthYear" inputMode="numeric" maxLength={4} required />
          </label>
        </div>
        <ReasonField />
        <button type="submit" className="button button-quiet button-small" disabled={add.state !== 'idle'}>
          Kind toevoegen
        </button>
      </add.Form>
      <Answer data={add.state === 'idle' ? add.data : undefined} />
      {childList.length > 1 ? (
        <remove.Form method="post" className="stack" aria-label="Kind uit de casus halen" key={`remove-${version}`}>
          <input type="hidden" name="intent" value="remove-child" />
          <label className="field">
            <span>Kind uit de casus halen</span>
            <select name="childId" required defaultValue="">
              <option value="">Kies…</option>
              {childList.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.firstName} ({c.birthYear})
                </option>
              ))}
            </select>
          </label>
          <ReasonField />
          <button type="submit" className="button button-quiet button-small" disabled={remove.state !== 'idle'}>
            Uit de casus halen
          </button>
        </remove.Form>
      ) : null}
      <Answer data={remove.state === 'idle' ? remove.data : undefined} />
    </details>
  );
}

function KaderForm({ steps, today, version }: { steps: { step: string; kind: TransitionKind; label: string }[]; today: string; version: number }) {
  const fetcher = useFetcher<Saved>();
  return (
    <div className="card">
      <fetcher.Form method="post" className="stack" aria-label="Kader veranderen" key={version}>
        <h3>Kader veranderen (op- of afschalen)</h3>
        <input type="hidden" name="intent" value="kader" />
        <label className="field">
          <span>Naar</span>
          <select name="step" required defaultValue="">
            <option value="">Kies…</option>
            {steps.map((s) => (
              <option key={s.step} value={s.step}>
                {TRANSITION_LABELS[s.kind]}: {s.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Besloten op</span>
          <input type="date" name="date" max={today} defaultValue={today} />
        </label>
        <ReasonField hint="Waarom? (de reden van het besluit)" />
        <button type="submit" className="button button-quiet" disabled={fetcher.state !== 'idle'}>
          Kader opslaan
        </button>
      </fetcher.Form>
      <Answer data={fetcher.state === 'idle' ? fetcher.data : undefined} />
    </div>
  );
}

function StageForm({ stages, version }: { stages: { stage: string; label: string }[]; version: number }) {
  const fetcher = useFetcher<Saved>();
  return (
    <div className="card">
      <fetcher.Form method="post" className="stack" aria-label="Fase veranderen" key={version}>
        <h3>Fase veranderen</h3>
        <input type="hidden" name="intent" value="stage" />
        <label className="field">
          <span>Naar fase</span>
          <select name="stage" required defaultValue="">
            <option value="">Kies…</option>
            {stages.map((s) => (
              <option key={s.stage} value={s.stage}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <ReasonField />
        <button type="submit" className="button button-quiet" disabled={fetcher.state !== 'idle'}>
          Fase opslaan
        </button>
      </fetcher.Form>
      <Answer data={fetcher.state === 'idle' ? fetcher.data : undefined} />
    </div>
  );
}
