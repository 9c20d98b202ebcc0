/**
 * The print view as a family handout (A4; the browser's print dialog makes
 * the PDF; ADR 029). Invariant: the plan comes first, in large type, each
 * afspraak with labelled answers (Wat / Wie / Wanneer / Hoe weten we het /
 * Wat als het niet lukt); then who does what with phone numbers only where
 * this reader may see them and never a family or netwerk number when the
 * case's safety flag is on; then akkoord per person and the version line;
 * the kaart, the scale and the rest come after.
 */
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { Printer } from 'lucide-react';
import { PrintButton } from '../components/PrintButton';
import { Items } from '../components/ReadOnlyItems';
import { BODEMEISEN_WORDS } from '../domain/bodemeisen';
import { kaderLabel, ROLE_LABELS, STAGE_LABELS } from '../domain/caseFacts';
import { KAART_COLUMNS } from '../domain/kaart';
import { mayListParticipants, maySeeContactDetails } from '../domain/permissions';
import { akkoordOnPaper } from '../domain/versions';
import { AFSPRAAK_FIELDS, afspraken, describeWhen, participantsNamedInPlan, PLAN_WORDS } from '../domain/plan';
import { SCALE_WORDS } from '../domain/scale';
import { requireCaseParticipant } from '../utils/caseAccess.server';
import { formatDate, formatDateTime } from '../utils/format';
import { formatDay } from '../utils/formatDay';
import { notFound } from '../utils/responses';
import { BijNood } from '../components/BijNood';
import { bijNoodOf } from '../utils/bijNood.server';
import { HousesPrint } from '../components/childVoice/ChildBlocks';
import { housesForViewer } from '../utils/childVoice.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — afdruk · Veiligplan` : 'Veiligplan' }];

const LABEL = Object.fromEntries(AFSPRAAK_FIELDS.map((f) => [f.key, f.short])) as Record<(typeof AFSPRAAK_FIELDS)[number]['key'], string>;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { participant, by } = await requireCaseParticipant(request, context, params.caseId);
  const caseId = participant.caseId;
  const { cases, snapshots, sync, commands, acceptance } = context.services;
  const overview = cases.overview(caseId);
  if (!overview) throw notFound();
  const rendering = snapshots.renderingNow(caseId);
  const planDoc = sync.room(caseId, 'plan').doc;
  // A role that may not list the participants (meelezer) sees only the names the plan itself shows.
  const named = mayListParticipants(participant.role) ? null : participantsNamedInPlan(planDoc);
  const people = new Map(overview.participants.filter((p) => !named || named.has(p.id)).map((p) => [p.id, p]));
  /** A phone number on paper: only what this reader may see, and under the safety flag no family or netwerk number unless the reader is the jeugdbeschermer or regisseur. */
  const phoneOf = (id: string) => {
    const p = people.get(id);
    if (!p?.phone || !maySeeContactDetails(participant.role, p, overview)) return null;
    return p.phone;
  };
  const list = afspraken(planDoc);
  const whoOf = (ids: string[]) => ids.filter((id) => people.has(id)).map((id) => ({ name: people.get(id)!.name, phone: phoneOf(id) }));
  const plan = list.map((a) => ({
    id: a.id,
    kind: a.kind,
    wat: a.wat,
    wie: whoOf(a.wie),
    wanneer: [describeWhen(a), a.wanneer, a.evaluatie ? `we kijken er weer naar op ${formatDate(a.evaluatie)}` : ''].filter(Boolean).join(' · '),
    hoeWetenWe: a.hoeWetenWe,
    watAlsNiet: a.watAlsNiet,
  }));
  // Who does what: every person the plan names, once, with what they do.
  const doers = new Map<string, { name: string; role: string; phone: string | null; does: string[] }>();
  for (const a of list) {
    for (const id of a.wie) {
      const p = people.get(id);
      if (!p) continue;
      const d = doers.get(id) ?? { name: p.name, role: ROLE_LABELS[p.role], phone: phoneOf(id), does: [] };
      d.does.push(a.wat);
      doers.set(id, d);
    }
  }
  const view = acceptance.view(caseId);
  const latest = snapshots.list(caseId)[0];
  commands.recordExport(by, 'afdruk');
  return json({
    caseId,
    title: overview.title,
    printedAt: Date.now(),
    version: latest ? { label: latest.label, at: latest.createdAt } : null,
    children: overview.children.map((c) => c.firstName),
    kader: kaderLabel(overview.kader, overview.maatregelType),
    stage: STAGE_LABELS[overview.stage],
    casusregisseur: overview.casusregisseur?.name ?? null,
    nextEvaluation: overview.nextEvaluationDate,
    scaleQuestion: overview.scaleQuestion,
    rendering,
    plan,
    doers: [...doers.values()],
    akkoord: akkoordOnPaper(view),
    // Roles that may not list the participants (meelezer) get no Betrokkenen section.
    bijNood: bijNoodOf(context, caseId, participant.role),
    participants: mayListParticipants(participant.role) ? overview.participants.map((p) => ({ name: p.name, role: ROLE_LABELS[p.role] })) : null,
    /** The children's Drie Huizen, only those this viewer may see (ADR 030). */
    childHouses: housesForViewer(context.services.db, caseId, participant),
  });
}

type Who = { name: string; phone: string | null };

function WhoLine({ who }: { who: Who[] }) {
  if (who.length === 0) return <>nog niemand</>;
  return (
    <>
      {who.map((w, i) => (
        <span key={i}>
          {i > 0 ? ', ' : ''}
          {w.name}
          {w.phone ? ` (tel. ${w.phone})` : ''}
        </span>
      ))}
    </>
  );
}

function answerText(a: { agreed: boolean | null; at: number | null; forOlderVersion: boolean }): string {
  if (a.agreed === null) return 'nog geen antwoord';
  const what = a.agreed ? 'akkoord' : 'niet akkoord';
  return `${what}${a.at ? ` (${formatDay(a.at)})` : ''}${a.forOlderVersion ? ', voor een oudere versie' : ''}`;
}

export default function PrintView() {
  const d = useLoaderData<typeof loader>();
  const kids = d.children.length > 1 ? `${d.children.slice(0, -1).join(', ')} en ${d.children.at(-1)}` : (d.children[0] ?? 'de kinderen');
  const afspraken = d.plan.filter((a) => a.kind === 'afspraak');
  const netwerk = d.plan.filter((a) => a.kind === 'netwerk');
  return (
    <article className="print handout">
      <p className="no-print row">
        <PrintButton />
        <Link to={`/casussen/${d.caseId}`} className="button button-quiet">
          Terug
        </Link>
      </p>
      <h1>
        <Printer aria-hidden="true" size={22} className="no-print" /> Ons veiligheidsplan voor {kids}
      </h1>
      <p className="handout-version">
        <strong>Stand van {formatDay(d.printedAt)}.</strong>{' '}
        {d.version ? `Laatste versie: “${d.version.label}” van ${formatDay(d.version.at)}.` : 'Er is nog geen versie bewaard.'}
      </p>
      <p>
        <strong>Waar staan we?</strong> {d.stage.plain} Volgende evaluatie: <strong>{formatDate(d.nextEvaluation)}</strong>.
      </p>

      <section aria-labelledby="print-afspraken">
        <h2 id="print-afspraken">{PLAN_WORDS.afspraken.familyTitle}</h2>
        {afspraken.length === 0 ? <p>Er zijn nog geen afspraken.</p> : null}
        {afspraken.map((a) => (
          <div key={a.id} className="handout-afspraak">
            <dl>
              <dt>{LABEL.wat}</dt>
              <dd>{a.wat || '—'}</dd>
              <dt>Wie</dt>
              <dd>
                <WhoLine who={a.wie} />
              </dd>
              <dt>{LABEL.wanneer}</dt>
              <dd>{a.wanneer || 'nog niet afgesproken'}</dd>
              <dt>{LABEL.hoeWetenWe}</dt>
              <dd>{a.hoeWetenWe || '—'}</dd>
              <dt>{LABEL.watAlsNiet}</dt>
              <dd>{a.watAlsNiet || '—'}</dd>
            </dl>
          </div>
        ))}
      </section>

      {netwerk.length ? (
        <section aria-labelledby="print-netwerk">
          <h2 id="print-netwerk">{PLAN_WORDS.netwerk.familyTitle}</h2>
          {netwerk.map((a) => (
            <div key={a.id} className="handout-afspraak">
              <dl>
                <dt>Wie</dt>
                <dd>
                  <WhoLine who={a.wie} />
                </dd>
                <dt>Taak</dt>
                <dd>{a.wat || '—'}</dd>
                <dt>{LABEL.wanneer}</dt>
                <dd>{a.wanneer || 'nog niet afgesproken'}</dd>
              </dl>
            </div>
          ))}
        </section>
      ) : null}

      <section aria-labelledby="print-wie">
        <h2 id="print-wie">Wie doet wat</h2>
        {d.doers.length === 0 ? <p>Er staan nog geen namen in het plan.</p> : null}
        <ul className="contact-lines">
          {d.doers.map((p, i) => (
            <li key={i}>
              <strong>{p.name}</strong> ({p.role.toLowerCase()}){p.phone ? `, tel. ${p.phone}` : ''}: {p.does.join('; ')}
            </li>
          ))}
        </ul>
      </section>

      <BijNood data={d.bijNood} />

      <section aria-labelledby="print-akkoord">
        <h2 id="print-akkoord">{PLAN_WORDS.akkoord.familyTitle}</h2>
        {d.akkoord ? (
          <>
            <p className="handout-akkoord-request">
              Gevraagd op {formatDay(d.akkoord.at)} voor de versie “{d.akkoord.label}”.
              {d.akkoord.planChangedSince ? ' Het plan is daarna nog veranderd.' : ''}
            </p>
            <ul className="contact-lines">
              {d.akkoord.answers.map((a, i) => (
                <li key={i}>
                  {a.name}: <strong>{answerText(a)}</strong>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>Er is nog niet om akkoord gevraagd.</p>
        )}
      </section>

      <section aria-labelledby="print-bodemeisen">
        <h2 id="print-bodemeisen">{BODEMEISEN_WORDS.familyTitle}</h2>
        <Items items={d.rendering.bodemeisen.sections.eisen ?? []} />
      </section>

      <div className="handout-after">
        <h2>Kaart: hoe gaat het nu?</h2>
        <div className="kaart-columns print-columns">
          {KAART_COLUMNS.map((column) => (
            <section key={column.id} className={`kaart-column kaart-column-${column.id} active`}>
              <h3>{column.familyTitle}</h3>
              {column.sections.map((section) => (
                <section key={section.id} className="kaart-section">
                  <h4>{section.familyTitle}</h4>
                  <Items items={d.rendering.kaart.sections[section.id] ?? []} />
                </section>
              ))}
            </section>
          ))}
        </div>
        <h2>{SCALE_WORDS.familyTitle}</h2>
        <p>{d.scaleQuestion}</p>
        <ul>
          {Object.values(d.rendering.scores).map((s) => (
            <li key={s.name}>
              {s.name}: <strong>{s.score}</strong>
            </li>
          ))}
        </ul>
        <h2>Over deze casus</h2>
        <dl className="facts facts-inline">
          <div>
            <dt>Kader</dt>
            <dd>{d.kader}</dd>
          </div>
          <div>
            <dt>Fase</dt>
            <dd>{d.stage.label}</dd>
          </div>
          <div>
            <dt>Casusregisseur</dt>
            <dd>{d.casusregisseur ?? '—'}</dd>
          </div>
        </dl>
        {d.participants ? (
          <>
            <h2>Betrokkenen</h2>
            <ul>
              {d.participants.map((p) => (
                <li key={p.name}>
                  {p.name} · {p.role}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <p className="muted">Afgedrukt op {formatDateTime(d.printedAt)}.</p>
      </div>
      <HousesPrint caseId={d.caseId} houses={d.childHouses} />
    </article>
  );
}
