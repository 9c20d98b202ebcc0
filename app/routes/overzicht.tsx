/**
 * Mijn overzicht: a professional's home across all their cases (and only
 * theirs). Calm by design: first the cases that need attention, one line per
 * reason; then every case in a compact list. Sort and filter live in the
 * query string (a plain GET form, works without JavaScript). Family and
 * netwerk sessions have no such page: they are sent to their own case.
 * Reading this page records no visit to any case.
 */
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { DigestToggle } from '../components/DigestToggle';
import { handleIntent } from '../utils/commandAction.server';
import { readForm } from '../utils/forms.server';
import { digestOf } from '../utils/notifications.server';
import { ScoreChart } from '../components/ScoreChart';
import { ArrowRightLeft, CalendarDays, CircleAlert, FolderOpen, ListChecks, MessageCircleQuestion, UserRoundCheck } from 'lucide-react';
import { daysAgoText, QUESTION_KIND_LABELS } from '../domain/questions';
import { ROLE_LABELS } from '../domain/caseFacts';
import { regieVacantText } from '../domain/beheer';
import {
  attentionText,
  DOCUMENT_LABELS,
  FILTER_LABELS,
  FILTERS,
  parseFilter,
  parseSort,
  scoreLine,
  scoreTrendWords,
  SORT_LABELS,
  SORTS,
  sortAndFilter,
  type CaseSummary,
} from '../domain/mijnOverzicht';
import styles from '../styles/mijnOverzicht.css';
import { formatDate } from '../utils/format';
import { formatDay } from '../utils/formatDay';

export const meta: MetaFunction = () => [{ title: 'Mijn overzicht · Veiligplan' }];
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await context.services.auth.requireProfessional(request);
  const url = new URL(request.url);
  const sort = parseSort(url.searchParams.get('sort'));
  const filter = parseFilter(url.searchParams.get('filter'));
  const all = context.services.dashboard.mijnOverzicht(user.id);
  return json({
    sort,
    filter,
    total: all.length,
    cases: sortAndFilter(all, sort, filter),
    digest: digestOf(context.services.db, user.id),
    /** Cases of mine whose regie sits with a deactivated account (issue 18): caseId → that person's name. */
    vacant: context.services.beheer.vacantRegieForUser(user.id),
  });
}

/** The one form of Mijn overzicht: the daily digest on or off (for the signed-in professional only). */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await context.services.auth.requireProfessional(request);
  const form = await readForm(request);
  return handleIntent(form, {
    'set-digest': () => {
      const r = context.services.commands.setDigest({ userId: user.id }, form);
      return json({ saved: r.digest ? 'Het dagoverzicht staat aan.' : 'Het dagoverzicht staat uit.' });
    },
  });
}

type Summary = ReturnType<typeof useLoaderData<typeof loader>>['cases'][number];

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function sinceLine(s: NonNullable<CaseSummary['sinceMyLastVisit']>): string {
  const parts = [
    s.documents.length > 0 ? `${s.documents.map((d) => DOCUMENT_LABELS[d]).join(', ')} bewerkt` : null,
    s.events > 0 ? plural(s.events, 'wijziging in casusgegevens', 'wijzigingen in casusgegevens') : null,
    s.checkIns > 0 ? `${plural(s.checkIns, 'melding bij afspraken', 'meldingen bij afspraken')}${s.notKept > 0 ? ` (${s.notKept} niet gelukt)` : ''}` : null,
    s.scores > 0 ? plural(s.scores, 'nieuwe score', 'nieuwe scores') : null,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : 'Niets nieuw';
}

function afsprakenLine(a: CaseSummary['afspraken']): string {
  if (a.total === 0) return 'Nog geen afspraken';
  const open = [
    a.notReported > 0 ? `${a.notReported} niet gemeld` : null,
    a.notKeptTwice > 0 ? `${a.notKeptTwice} twee keer niet gelukt` : null,
    a.withoutOwner > 0 ? `${a.withoutOwner} zonder eigenaar` : null,
  ].filter(Boolean);
  return `${plural(a.total, 'afspraak', 'afspraken')}${open.length > 0 ? `: ${open.join(', ')}` : ', alles gemeld'}`;
}

function akkoordLine(a: CaseSummary['akkoord']): string {
  if (!a) return 'Nog niet gevraagd';
  if (a.refused.length > 0) return `Niet akkoord: ${a.refused.join(', ')}`;
  if (a.open.length > 0) return `Gevraagd op ${formatDay(a.askedAt)}, ${plural(a.open.length, 'antwoord', 'antwoorden')} open`;
  return 'Iedereen akkoord';
}

function CaseRow({ c }: { c: Summary }) {
  return (
    <li className="card overzicht-row">
      <h3>
        <Link to={`/casussen/${c.id}/overzicht`}>
          <FolderOpen aria-hidden="true" size={18} />
          <span>{c.title}</span>
        </Link>
      </h3>
      <p className="muted overzicht-meta">
        {c.closedAt !== null ? `Afgesloten op ${formatDay(c.closedAt)} · ` : ''}
        {c.stage} · {c.kader} · {ROLE_LABELS[c.myRole]}
        {c.regie ? (
          <span className="overzicht-tag">
            <UserRoundCheck aria-hidden="true" size={14} /> ik heb regie
          </span>
        ) : null}
      </p>
      <dl className="facts facts-inline overzicht-facts">
        <div>
          <dt>
            <CalendarDays aria-hidden="true" size={16} /> Evaluatiemoment
          </dt>
          <dd className={c.evaluationOverdue && c.closedAt === null ? 'overzicht-late' : undefined}>
            {formatDate(c.nextEvaluationDate)}
            {c.evaluationOverdue && c.closedAt === null ? ' (verlopen)' : ''}
          </dd>
        </div>
        <div>
          <dt>
            <ListChecks aria-hidden="true" size={16} /> Afspraken
          </dt>
          <dd>{afsprakenLine(c.afspraken)}</dd>
        </div>
        <div>
          <dt>Scores</dt>
          <dd>
            <span aria-hidden="true">{scoreLine(c.scores, c.spread)}</span>
            <span className="visually-hidden">
              {c.scores.length === 0
                ? 'Nog geen scores'
                : `${c.scores.map((s) => `${s.name} ${s.score}, ${scoreTrendWords(s)}`).join('; ')}${c.spread !== null ? `; verschil ${c.spread}` : ''}`}
            </span>
            {c.scores.some((s) => s.history.length > 1) || c.scores.length > 1 ? (
              <details className="score-chart-details">
                <summary>Scores als grafiek</summary>
                <ScoreChart series={c.scores.map((s) => ({ id: s.participantId, name: s.name, points: s.history }))} title={`Scores in ${c.title}`} />
              </details>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>Akkoord op het plan</dt>
          <dd>{akkoordLine(c.akkoord)}</dd>
        </div>
        <div>
          <dt>Gezin keek voor het laatst</dt>
          <dd>{c.familyLastVisitAt ? formatDay(c.familyLastVisitAt) : 'nog niet'}</dd>
        </div>
        <div>
          <dt>Sinds mijn laatste bezoek</dt>
          <dd>{c.sinceMyLastVisit ? sinceLine(c.sinceMyLastVisit) : 'Nog niet geopend'}</dd>
        </div>
        {c.overdracht ? (
          <div>
            <dt>
              <ArrowRightLeft aria-hidden="true" size={16} /> Overdracht
            </dt>
            <dd>
              Van {c.overdracht.from} naar {c.overdracht.to}
            </dd>
          </div>
        ) : null}
        {c.openQuestions.length > 0 ? (
          <div>
            <dt>
              <MessageCircleQuestion aria-hidden="true" size={16} /> Open vragen
            </dt>
            <dd>
              <Link to={`/casussen/${c.id}/overzicht#vragen`}>
                {c.openQuestions.map((q) => `${QUESTION_KIND_LABELS[q.kind]} van ${q.asker} (${daysAgoText(q.days)})`).join('; ')}
              </Link>
            </dd>
          </div>
        ) : null}
        {c.absences.length > 0 ? (
          <div>
            <dt>Afwezig</dt>
            <dd>{c.absences.map((a) => `${a.name} tot en met ${formatDate(a.untilDate)} (vervanger: ${a.standIn})`).join('; ')}</dd>
          </div>
        ) : null}
      </dl>
    </li>
  );
}

export default function MijnOverzicht() {
  const { cases, sort, filter, total, digest, vacant } = useLoaderData<typeof loader>();
  const vacantCases = cases.filter((c) => vacant[c.id] !== undefined);
  const done = useActionData<typeof action>() as { saved?: string; error?: string } | undefined;
  const needing = cases.filter((c) => c.attention.length > 0);
  // Open questions across my cases, whoever waits longest first (closed cases have none to answer).
  const openQuestions = cases
    .filter((c) => c.closedAt === null)
    .flatMap((c) => c.openQuestions.map((q) => ({ ...q, caseId: c.id, title: c.title })))
    .sort((a, b) => a.askedAt - b.askedAt);
  return (
    <section aria-labelledby="overzicht-titel" className="stack">
      <div className="tab-toolbar">
        <h1 id="overzicht-titel">Mijn overzicht</h1>
        <Link to="/casussen">Mijn casussen</Link>
      </div>

      <Form method="get" className="overzicht-controls" aria-label="Sorteren en filteren">
        <label className="field">
          <span>Toon</span>
          <select name="filter" defaultValue={filter}>
            {FILTERS.map((f) => (
              <option key={f} value={f}>
                {FILTER_LABELS[f]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Sorteer op</span>
          <select name="sort" defaultValue={sort}>
            {SORTS.map((s) => (
              <option key={s} value={s}>
                {SORT_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button">
          Toepassen
        </button>
      </Form>

      {total === 0 ? <p className="muted">Je bent nog bij geen enkele casus betrokken.</p> : null}

      {vacantCases.length > 0 ? (
        <section aria-labelledby="vacant-titel" className="card regie-vacant">
          <h2 id="vacant-titel">
            <CircleAlert aria-hidden="true" size={20} /> Regie vacant
          </h2>
          <ul className="overzicht-attention-list">
            {vacantCases.map((c) => (
              <li key={c.id}>
                <Link to={`/casussen/${c.id}/overzicht`}>{c.title}</Link>: <span className="regie-vacant-line">{regieVacantText(vacant[c.id]!)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {total > 0 ? (
        <section aria-labelledby="aandacht-titel" className="card overzicht-attention">
          <h2 id="aandacht-titel">
            <CircleAlert aria-hidden="true" size={20} /> Aandacht nodig
          </h2>
          {needing.length === 0 ? (
            <p className="muted">Geen casus vraagt nu om aandacht.</p>
          ) : (
            <ul className="overzicht-attention-list">
              {needing.map((c) => (
                <li key={c.id}>
                  <Link to={`/casussen/${c.id}/overzicht`}>{c.title}</Link>
                  <ul>
                    {c.attention.map((r) => (
                      <li key={r.kind}>{attentionText(r, formatDate)}</li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}

      {openQuestions.length > 0 ? (
        <section aria-labelledby="vragen-titel" className="card">
          <h2 id="vragen-titel">
            <MessageCircleQuestion aria-hidden="true" size={20} /> Open vragen van gezinnen ({openQuestions.length})
          </h2>
          <ul className="overzicht-attention-list">
            {openQuestions.map((q) => (
              <li key={q.id}>
                <Link to={`/casussen/${q.caseId}/overzicht#vragen`}>{q.title}</Link>: {QUESTION_KIND_LABELS[q.kind]} van {q.asker}, gesteld{' '}
                {daysAgoText(q.days)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {total > 0 ? (
        <section aria-labelledby="alle-titel" className="stack">
          <h2 id="alle-titel">
            {FILTER_LABELS[filter]} ({cases.length})
          </h2>
          {cases.length === 0 ? (
            <p className="muted">Geen casussen bij dit filter.</p>
          ) : (
            <ul className="overzicht-list">
              {cases.map((c) => (
                <CaseRow key={c.id} c={c} />
              ))}
            </ul>
          )}
        </section>
      ) : null}
      <DigestToggle digest={digest} message={done?.saved ?? done?.error} />
    </section>
  );
}
