/**
 * The projector view of a netwerkberaad (issue 16): large type, no editing
 * controls, no case chrome. The live kaart (the column under discussion wide,
 * the others narrow; withdrawn items left out, resolved ones dimmed), the
 * plan or the bodemeisen when they are in focus, the scale round (how many
 * scores are in while it is open — never a value — and every score after the
 * reveal), who is present, and the QR code, short code and address to join.
 * Only the facilitator roles open it; anyone else gets the same 404 as for a
 * case they are not in. Follows the meeting through the kaart's meeting stamp.
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import type * as Y from 'yjs';
import { useCollabDocument } from '../collab/useCollabDocument';
import { useDocValue } from '../collab/useDocValue';
import { useRefreshOnStamp } from '../collab/useRefreshOnStamp';
import { RevealedRounds } from '../components/meeting/MeetingParts';
import { renderBodemeisen } from '../domain/bodemeisen';
import type { ItemJSON } from '../domain/items';
import { KAART_COLUMNS, meetingStamp, renderKaart } from '../domain/kaart';
import { focusDocument, formatMeetingCode, MEETING_FOCUS_LABELS, type MeetingFocus } from '../domain/meeting';
import { mayFacilitateMeeting } from '../domain/permissions';
import { describeWhen, renderPlan } from '../domain/plan';
import meetingStyles from '../styles/meeting.css';
import { requireCaseParticipant } from '../utils/caseAccess.server';
import { qrSvg } from '../utils/qr.server';
import { notFound } from '../utils/responses';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: meetingStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Beamer · ${data.title} · Veiligplan` : 'Veiligplan' }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { participant } = await requireCaseParticipant(request, context, params.caseId);
  if (!mayFacilitateMeeting(participant.role)) throw notFound();
  const caseId = participant.caseId;
  const { cases, meetings, sync } = context.services;
  const overview = cases.overview(caseId);
  if (!overview) throw notFound();
  const meeting = meetings.view(caseId, participant.id);
  const url = meeting ? `${new URL(request.url).origin}/sessie/${meeting.code}` : null;
  return json({
    caseId,
    title: overview.title,
    scaleQuestion: overview.scaleQuestion,
    meeting,
    join: meeting && url ? { url, code: formatMeetingCode(meeting.code), qr: await qrSvg(url) } : null,
    names: Object.fromEntries(overview.participants.map((p) => [p.id, p.name])) as Record<string, string>,
    meetingStamp: meetingStamp(sync.room(caseId, 'kaart').doc) ?? null,
    serverNow: Date.now(),
  });
}

const EMPTY_SECTIONS = { schemaVersion: 1, sections: {} as Record<string, ItemJSON[]> };
const kaartSections = (doc: Y.Doc) => renderKaart(doc);
const planSections = (doc: Y.Doc) => renderPlan(doc);
const bodemeisenSections = (doc: Y.Doc) => renderBodemeisen(doc);

export default function Beamer() {
  const d = useLoaderData<typeof loader>();
  const live = useCollabDocument(d.caseId, 'kaart', true, d.serverNow);
  useRefreshOnStamp(live.doc, meetingStamp, d.meetingStamp);
  const kaart = useDocValue(live.doc, kaartSections, EMPTY_SECTIONS);
  const m = d.meeting;
  if (!m) {
    return (
      <section className="beamer beamer-empty" aria-labelledby="beamer-titel">
        <h1 id="beamer-titel">Er loopt geen sessie</h1>
        <p>
          <Link to={`/casussen/${d.caseId}/sessie`}>Terug naar de sessie</Link>
        </p>
      </section>
    );
  }
  const present = m.attendees.filter((a) => a.present);
  const doc = focusDocument(m.focus);
  return (
    <section className={`beamer beamer-focus-${m.focus}`} aria-labelledby="beamer-titel" data-focus={m.focus}>
      <header className="beamer-head">
        <h1 id="beamer-titel">{d.title}</h1>
        <p className="beamer-now">
          Nu: <strong>{MEETING_FOCUS_LABELS[m.focus]}</strong>
        </p>
      </header>
      <div className="beamer-body">
        <div className="beamer-main">
          {m.focus === 'schaal' ? (
            <BeamerScale question={d.scaleQuestion} round={m.round} revealed={m.revealed} present={present.length} />
          ) : doc === 'kaart' ? (
            <BeamerKaart sections={kaart.sections} focus={m.focus} />
          ) : (
            <BeamerDocument caseId={d.caseId} document={doc} names={d.names} serverNow={d.serverNow} />
          )}
        </div>
        <aside className="beamer-side" aria-label="Meedoen">
          {d.join ? (
            <>
              <div className="qr beamer-qr" role="img" aria-label="QR-code om mee te doen" dangerouslySetInnerHTML={{ __html: d.join.qr }} />
              <p className="beamer-code">{d.join.code}</p>
              <p className="beamer-url" data-join-url={d.join.url}>
                {d.join.url}
              </p>
            </>
          ) : null}
          <h2 className="beamer-present-title">Aanwezig ({present.length})</h2>
          <ul className="beamer-present">
            {present.map((a) => (
              <li key={a.participantId}>{a.name}</li>
            ))}
          </ul>
        </aside>
      </div>
    </section>
  );
}

function BeamerKaart({ sections, focus }: { sections: Record<string, ItemJSON[]>; focus: MeetingFocus }) {
  return (
    <div className="beamer-kaart">
      {KAART_COLUMNS.map((column) => (
        <section
          key={column.id}
          className={`beamer-column kaart-column-${column.id}${focus === column.id ? ' beamer-focused' : ''}`}
          aria-labelledby={`beamer-${column.id}`}
        >
          <h2 id={`beamer-${column.id}`}>{column.title}</h2>
          {column.sections.map((section) => {
            const items = (sections[section.id] ?? []).filter((i) => i.status !== 'ingetrokken');
            return (
              <section key={section.id} className="beamer-section">
                <h3>{section.title}</h3>
                {items.length === 0 ? <p className="beamer-none">—</p> : null}
                <ul>
                  {items.map((i) => (
                    <li key={i.id} className={i.status === 'opgelost' ? 'beamer-item beamer-resolved' : 'beamer-item'}>
                      {i.status === 'opgelost' ? <span className="beamer-tag">Opgelost: </span> : null}
                      {i.fields.text}
                    </li>
                  ))}
                </ul>
              </section>
            );
          })}
        </section>
      ))}
    </div>
  );
}

/** The plan or the bodemeisen, read live (their own document connection, only while in focus). */
function BeamerDocument({
  caseId,
  document,
  names,
  serverNow,
}: {
  caseId: string;
  document: 'plan' | 'bodemeisen';
  names: Record<string, string>;
  serverNow: number;
}) {
  const live = useCollabDocument(caseId, document, true, serverNow);
  const rendered = useDocValue(live.doc, document === 'plan' ? planSections : bodemeisenSections, EMPTY_SECTIONS);
  const visible = (id: string) => (rendered.sections[id] ?? []).filter((i) => i.status !== 'ingetrokken');
  if (document === 'bodemeisen') {
    const eisen = visible('eisen');
    return (
      <div className="beamer-doc">
        {eisen.length === 0 ? <p className="beamer-none">Nog geen bodemeisen.</p> : null}
        <ol>
          {eisen.map((i) => (
            <li key={i.id} className="beamer-item">
              {i.fields.tekst}
              {i.fields.reden ? <span className="beamer-sub">Waarom: {i.fields.reden}</span> : null}
            </li>
          ))}
        </ol>
      </div>
    );
  }
  const who = (i: ItemJSON) => {
    const ids = Array.isArray(i.values.wie) ? (i.values.wie as unknown[]) : typeof i.values.persoon === 'string' ? [i.values.persoon] : [];
    return ids.map((id) => (typeof id === 'string' ? (names[id] ?? 'iemand') : '')).filter(Boolean);
  };
  const when = (i: ItemJSON) =>
    describeWhen({
      start: typeof i.values.start === 'string' ? i.values.start : null,
      herhaling: typeof i.values.herhaling === 'string' ? i.values.herhaling : null,
    }) ??
    (i.fields.wanneer || null);
  return (
    <div className="beamer-doc">
      <h2>Afspraken</h2>
      {visible('afspraken').length === 0 ? <p className="beamer-none">Nog geen afspraken.</p> : null}
      <ul>
        {visible('afspraken').map((i) => (
          <li key={i.id} className="beamer-item">
            {i.fields.wat}
            <span className="beamer-sub">
              {who(i).length ? `Wie: ${who(i).join(', ')}` : 'Wie: nog niemand'}
              {when(i) ? ` · ${when(i)}` : ''}
            </span>
          </li>
        ))}
      </ul>
      {visible('netwerk').length ? (
        <>
          <h2>Veiligheidsnetwerk</h2>
          <ul>
            {visible('netwerk').map((i) => (
              <li key={i.id} className="beamer-item">
                {i.fields.taak}
                {who(i).length ? <span className="beamer-sub">{who(i).join(', ')}</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

function BeamerScale({
  question,
  round,
  revealed,
  present,
}: {
  question: string;
  round: { scoredCount: number; scoredBy: string[] } | null;
  revealed: { id: string; revealedAt: number; scores: { participantId: string; name: string; score: number; explanation: string | null }[] }[];
  present: number;
}) {
  return (
    <div className="beamer-scale">
      <p className="beamer-question">{question}</p>
      {round ? (
        <>
          <p className="beamer-count" role="status">
            {round.scoredCount} van {Math.max(present, round.scoredCount)} cijfers binnen
          </p>
          {round.scoredBy.length ? <p className="beamer-sub">Al gegeven: {round.scoredBy.join(', ')}</p> : null}
        </>
      ) : revealed.length ? (
        <RevealedRounds rounds={revealed.slice(0, 1)} big />
      ) : (
        <p className="beamer-none">Nog geen schaalronde.</p>
      )}
    </div>
  );
}
