/** A print view of the case for A4 (the browser's print dialog makes the PDF). */
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { Printer } from 'lucide-react';
import { PrintButton } from '../components/PrintButton';
import { ReadOnlyCase } from '../components/ReadOnlyItems';
import { kaderLabel, ROLE_LABELS, STAGE_LABELS } from '../domain/caseFacts';
import { mayListParticipants } from '../domain/permissions';
import { afspraken } from '../domain/plan';
import { requireCaseParticipant } from '../utils/caseAccess.server';
import { formatDate, formatDateTime } from '../utils/format';
import { notFound } from '../utils/responses';
import { HousesPrint } from '../components/childVoice/ChildBlocks';
import { housesForViewer } from '../utils/childVoice.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — afdruk · Veiligplan` : 'Veiligplan' }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { participant, by } = await requireCaseParticipant(request, context, params.caseId);
  const caseId = participant.caseId;
  const { cases, snapshots, sync, commands } = context.services;
  const overview = cases.overview(caseId);
  if (!overview) throw notFound();
  const rendering = snapshots.renderingNow(caseId);
  const names = new Map(overview.participants.map((p) => [p.id, p.name]));
  const latest = snapshots.list(caseId)[0];
  commands.recordExport(by, 'afdruk');
  return json({
    caseId,
    title: overview.title,
    printedAt: Date.now(),
    version: latest ? { label: latest.label, at: latest.createdAt } : null,
    children: overview.children.map((c) => `${c.firstName} (${c.birthYear})`),
    kader: kaderLabel(overview.kader, overview.maatregelType),
    stage: STAGE_LABELS[overview.stage].label,
    casusregisseur: overview.casusregisseur?.name ?? null,
    nextEvaluation: overview.nextEvaluationDate,
    scaleQuestion: overview.scaleQuestion,
    rendering,
    whoDoesWhat: afspraken(sync.room(caseId, 'plan').doc).map((a) => ({
      wat: a.wat,
      wie: a.wie.map((id) => names.get(id) ?? '?').join(', ') || 'nog niemand',
      wanneer: a.wanneer,
    })),
    // Roles that may not list the participants (meelezer) get no Betrokkenen section.
    participants: mayListParticipants(participant.role) ? overview.participants.map((p) => ({ name: p.name, role: ROLE_LABELS[p.role] })) : null,
    /** The children's Drie Huizen, only those this viewer may see (ADR 030). */
    childHouses: housesForViewer(context.services.db, caseId, participant),
  });
}

export default function PrintView() {
  const d = useLoaderData<typeof loader>();
  return (
    <article className="print">
      <p className="no-print row">
        <PrintButton />
        <Link to={`/casussen/${d.caseId}`} className="button button-quiet">
          Terug
        </Link>
      </p>
      <h1>
        <Printer aria-hidden="true" size={22} className="no-print" /> {d.title}
      </h1>
      <p className="muted">
        Afgedrukt op {formatDateTime(d.printedAt)}
        {d.version ? ` · laatste versie: “${d.version.label}” (${formatDateTime(d.version.at)})` : ''}
      </p>
      <dl className="facts facts-inline">
        <div>
          <dt>Kinderen</dt>
          <dd>{d.children.join(', ')}</dd>
        </div>
        <div>
          <dt>Kader</dt>
          <dd>{d.kader}</dd>
        </div>
        <div>
          <dt>Fase</dt>
          <dd>{d.stage}</dd>
        </div>
        <div>
          <dt>Casusregisseur</dt>
          <dd>{d.casusregisseur ?? '—'}</dd>
        </div>
        <div>
          <dt>Volgend evaluatiemoment</dt>
          <dd>{formatDate(d.nextEvaluation)}</dd>
        </div>
      </dl>
      <h2>Wie doet wat</h2>
      <table className="audit">
        <thead>
          <tr>
            <th scope="col">Afspraak</th>
            <th scope="col">Wie</th>
            <th scope="col">Wanneer</th>
          </tr>
        </thead>
        <tbody>
          {d.whoDoesWhat.map((a, i) => (
            <tr key={i}>
              <td>{a.wat}</td>
              <td>{a.wie}</td>
              <td>{a.wanneer}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Schaal</h2>
      <p>{d.scaleQuestion}</p>
      <ul>
        {Object.values(d.rendering.scores).map((s) => (
          <li key={s.name}>
            {s.name}: <strong>{s.score}</strong>
          </li>
        ))}
      </ul>
      <ReadOnlyCase kaart={d.rendering.kaart.sections} plan={d.rendering.plan.sections} bodemeisen={d.rendering.bodemeisen.sections} />
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
      <HousesPrint caseId={d.caseId} houses={d.childHouses} />
    </article>
  );
}
