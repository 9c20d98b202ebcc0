/**
 * The netwerkberaad page of a case (issue 16). The facilitator (jeugdbeschermer
 * or casusregisseur) gets the console: start, the projector, focus, the scale
 * round, attendance, people added on the spot, notes, afspraken and the end.
 * Everyone else gets the phone view: the part under discussion (following the
 * wall unless they step out), the kaart live and editable, and their own score.
 * Invariant: the loader's data holds no value of a score in an open round —
 * only who scored (services.meetings.view); one's own value is shown from the
 * form this browser sent. The page follows the meeting live: the server
 * stamps the kaart document on every meeting change and the page reloads.
 */
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, SerializeFrom } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useFetcher, useLoaderData, useNavigation } from '@remix-run/react';
import { CalendarPlus, Check, Flag, MonitorUp, NotebookPen, Play, UserPlus, Users } from 'lucide-react';
import { useEffect, useRef, useSyncExternalStore, type ReactNode } from 'react';
import { useCollabDocument } from '../collab/useCollabDocument';
import { useRefreshOnStamp } from '../collab/useRefreshOnStamp';
import { usePresence } from '../components/collab/Presence';
import { FamilyPersonFields } from '../components/case/FamilyPersonFields';
import { GroundFields } from '../components/case/Grondslag';
import { ConnectionStatus } from '../components/ConnectionStatus';
import { KaartBoard } from '../components/kaart/KaartBoard';
import { RevealedRounds, RoundScore } from '../components/meeting/MeetingParts';
import { choiceOf, keepChoice, subscribeChoice } from '../components/meeting/phoneChoice';
import { Items } from '../components/ReadOnlyItems';
import { mayDoWithItem } from '../domain/documentSchema';
import type { ItemJSON } from '../domain/items';
import { groundOptionsOf, type GroundOptions } from '../domain/grondslag';
import { meetingStamp } from '../domain/kaart';
import { renderBodemeisen } from '../domain/bodemeisen';
import {
  focusDocument,
  formatMeetingCode,
  isMeetingFocus,
  MEETING_FOCI,
  MEETING_FOCUS_LABELS,
  MEETING_NOTE_LABELS,
  type MeetingFocus,
} from '../domain/meeting';
import { caseAccess, documentAccess, mayFacilitateMeeting } from '../domain/permissions';
import { renderPlan } from '../domain/plan';
import { WEEKDAY_LABELS } from '../domain/recurrence';
import meetingStyles from '../styles/meeting.css';
import { requireCaseAction, requireCaseParticipant } from '../utils/caseAccess.server';
import { handleIntent } from '../utils/commandAction.server';
import { formatDateTime } from '../utils/format';
import { qrSvg } from '../utils/qr.server';
import { todayIso } from '../utils/regie.server';
import { notFound, type ActionAnswer } from '../utils/responses';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: meetingStyles }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { participant, actor } = await requireCaseParticipant(request, context, params.caseId);
  const caseId = participant.caseId;
  const { cases, meetings, sync } = context.services;
  const overview = cases.overview(caseId);
  if (!overview) throw notFound();
  const open = overview.closedAt === null;
  const facilitator = open && mayFacilitateMeeting(participant.role);
  const meeting = meetings.view(caseId, participant.id);
  const joinUrl = meeting ? `${new URL(request.url).origin}/sessie/${meeting.code}` : null;
  return json({
    caseId,
    participantId: participant.id,
    actor,
    open,
    facilitator,
    canScore: open && caseAccess(participant.role, 'ownScaleScore') === 'write',
    readOnly: !open || documentAccess(participant.role, 'kaart') !== 'write',
    editOthers: mayDoWithItem(participant.role, 'edit-others'),
    scaleQuestion: overview.scaleQuestion,
    meeting,
    meetingStamp: meetingStamp(sync.room(caseId, 'kaart').doc) ?? null,
    join: meeting && facilitator && joinUrl ? { url: joinUrl, code: formatMeetingCode(meeting.code), qr: await qrSvg(joinUrl) } : null,
    // Read-only parts a phone can show (every role reads the plan and the bodemeisen).
    plan: meeting ? renderPlan(sync.room(caseId, 'plan').doc).sections : {},
    bodemeisen: meeting ? renderBodemeisen(sync.room(caseId, 'bodemeisen').doc).sections : {},
    people: facilitator ? overview.participants.map((p) => ({ id: p.id, name: p.name })) : [],
    /** A guest who joins the netwerk comes with a grondslag (ADR 040). */
    groundOptions: facilitator && caseAccess(participant.role, 'participants') === 'manage' ? groundOptionsOf(overview, todayIso()) : null,
    today: todayIso(),
    /** The server's clock: the page writes its time stamps on it (app/domain/stampClock.ts). */
    serverNow: Date.now(),
  });
}

/** Checkboxes `wie:<participantId>` (a posted form keeps one value per name) as the list the command reads. */
function owners(form: Record<string, unknown>): string[] {
  return Object.keys(form)
    .filter((k) => k.startsWith('wie:'))
    .map((k) => k.slice(4));
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { by, form } = await requireCaseAction(request, context, params.caseId);
  const { commands } = context.services;
  const saved = (message: string) => json({ saved: message });
  return handleIntent<Response>(form, {
    start: () => {
      commands.startMeeting(by, {});
      return saved('Het netwerkberaad is gestart.');
    },
    join: () => {
      commands.joinMeeting(by, form);
      return saved('Je doet mee.');
    },
    focus: () => {
      commands.setMeetingFocus(by, form);
      return saved('Iedereen ziet nu dit onderdeel.');
    },
    attendance: () => {
      commands.setMeetingAttendance(by, form);
      return saved('De aanwezigheid is aangepast.');
    },
    'open-round': () => {
      commands.openScaleRound(by);
      return saved('De schaalronde is gestart.');
    },
    // The value is not answered: the browser knows what it sent (see MeetingParts).
    score: () => {
      commands.giveRoundScore(by, form);
      return saved('Je cijfer is binnen.');
    },
    reveal: () => {
      commands.revealScaleRound(by, form);
      return saved('De cijfers staan op het scherm.');
    },
    note: () => {
      commands.addMeetingNote(by, form);
      return saved('Opgeschreven.');
    },
    afspraak: () => {
      commands.addMeetingAfspraak(by, { ...form, wie: owners(form) });
      return saved('De afspraak staat in het veiligheidsplan.');
    },
    guest: async () => {
      const g = await commands.addMeetingGuest(by, form);
      const url = `${new URL(request.url).origin}/l/${g.token}?sessie=${g.code}`;
      return json({ guest: { name: g.name, url, qr: await qrSvg(url) } });
    },
    end: () => {
      const r = commands.endMeeting(by, form);
      return redirect(`/casussen/${r.caseId}/sessies/${r.meetingId}`);
    },
  });
}

type Data = SerializeFrom<typeof loader>;
type Meeting = NonNullable<Data['meeting']>;

export default function MeetingTab() {
  const data = useLoaderData<typeof loader>();
  const live = useCollabDocument(data.caseId, 'kaart', data.readOnly, data.serverNow);
  useRefreshOnStamp(live.doc, meetingStamp, data.meetingStamp);
  const { meeting } = data;
  return (
    <section aria-labelledby="tab-titel" className="meeting">
      <div className="tab-toolbar">
        <h2 id="tab-titel">Netwerkberaad</h2>
        <ConnectionStatus state={live.state} label={live.label} notice={live.notice} onDismiss={live.dismissNotice} />
      </div>
      {!meeting ? (
        <NoMeeting facilitator={data.facilitator} />
      ) : data.facilitator ? (
        <Console data={data} meeting={meeting} />
      ) : (
        <Phone data={data} meeting={meeting} live={live} />
      )}
    </section>
  );
}

function NoMeeting({ facilitator }: { facilitator: boolean }) {
  const busy = useNavigation().state !== 'idle';
  if (!facilitator) return <p className="card">Er loopt nu geen netwerkberaad.</p>;
  return (
    <Form method="post" className="card stack" preventScrollReset>
      <p>Start een netwerkberaad als jullie samen aan tafel zitten. Je zet de kaart op het grote scherm en iedereen doet mee op de eigen telefoon.</p>
      <input type="hidden" name="intent" value="start" />
      <button type="submit" className="button button-primary" disabled={busy}>
        <Play aria-hidden="true" size={18} /> Sessie starten
      </button>
    </Form>
  );
}

/** A form posted with its own fetcher: its answer (saved or error) shows right under it. */
function Act({ children, className = 'stack', label }: { children: ReactNode; className?: string; label?: string }) {
  const fetcher = useFetcher<ActionAnswer>();
  return (
    <fetcher.Form method="post" className={className} aria-label={label}>
      {children}
      {fetcher.state === 'idle' && fetcher.data?.error ? (
        <p className="alert" role="alert">
          {fetcher.data.error}
        </p>
      ) : null}
    </fetcher.Form>
  );
}

function Console({ data, meeting }: { data: Data; meeting: Meeting }) {
  const present = meeting.attendees.filter((a) => a.present);
  const current = meeting.attendees.filter((a) => !a.left);
  const me = meeting.attendees.find((a) => a.participantId === data.participantId);
  return (
    <div className="console">
      <div className="card console-head">
        <div className="stack">
          <p>
            Het netwerkberaad loopt sinds {formatDateTime(meeting.startedAt)}. Code: <strong className="meeting-code">{data.join?.code}</strong>
          </p>
          <p>
            <a href={`/casussen/${data.caseId}/beamer`} target="_blank" rel="noopener noreferrer" className="button button-primary">
              <MonitorUp aria-hidden="true" size={18} /> Beamerscherm openen
            </a>
          </p>
          <p className="muted small">
            Meedoen op de telefoon: scan de QR-code of ga naar <span className="link-url">{data.join?.url}</span>
          </p>
        </div>
        {data.join ? <div className="qr" role="img" aria-label="QR-code om mee te doen" dangerouslySetInnerHTML={{ __html: data.join.qr }} /> : null}
      </div>
      {me && !me.joined ? <JoinHere code={meeting.code} /> : null}

      <section className="card stack" aria-labelledby="focus-titel">
        <h3 id="focus-titel">Wat bespreken we nu?</h3>
        <Act className="focus-buttons" label="Onderdeel kiezen">
          <input type="hidden" name="intent" value="focus" />
          {MEETING_FOCI.map((f) => (
            <button key={f} type="submit" name="focus" value={f} className="button button-quiet" aria-pressed={meeting.focus === f}>
              {MEETING_FOCUS_LABELS[f]}
            </button>
          ))}
        </Act>
      </section>

      <section className="card stack" aria-labelledby="schaal-titel">
        <h3 id="schaal-titel">Schaalronde</h3>
        {meeting.round ? (
          <>
            <p role="status" className="round-count">
              {meeting.round.scoredCount} van {Math.max(present.length, meeting.round.scoredCount)} hebben een cijfer gegeven
            </p>
            {meeting.round.scoredBy.length ? <p className="muted">Al gegeven: {meeting.round.scoredBy.join(', ')}</p> : null}
            <Act>
              <input type="hidden" name="intent" value="reveal" />
              <input type="hidden" name="roundId" value={meeting.round.id} />
              <button type="submit" className="button button-primary">
                Cijfers laten zien
              </button>
            </Act>
            {data.canScore ? (
              <div className="own-score stack">
                <h4>Zelf een cijfer geven</h4>
                <RoundScore round={meeting.round} question={data.scaleQuestion} />
              </div>
            ) : null}
          </>
        ) : (
          <Act>
            <p className="muted">Iedereen geeft op de eigen telefoon een cijfer. Niemand ziet de cijfers voordat jij ze laat zien.</p>
            <input type="hidden" name="intent" value="open-round" />
            <button type="submit" className="button button-primary">
              Schaalronde starten
            </button>
          </Act>
        )}
        <RevealedRounds rounds={meeting.revealed} />
      </section>

      <section className="card stack" aria-labelledby="aanwezig-titel">
        <h3 id="aanwezig-titel">
          <Users aria-hidden="true" size={18} /> Wie is er? ({present.length})
        </h3>
        <ul className="attendance">
          {current.map((a) => (
            <li key={a.participantId} data-attendee={a.name}>
              <span>
                <strong>{a.name}</strong> <span className="muted small">{a.role}</span>
                <span className="small"> · {a.present ? (a.joined ? 'doet mee op eigen scherm' : 'aanwezig') : 'niet aanwezig'}</span>
              </span>
              <Act className="row">
                <input type="hidden" name="intent" value="attendance" />
                <input type="hidden" name="participantId" value={a.participantId} />
                <button type="submit" name="present" value={a.present ? 'nee' : 'ja'} className="button button-quiet button-small" aria-pressed={a.present}>
                  <Check aria-hidden="true" size={16} /> Aanwezig<span className="visually-hidden">: {a.name}</span>
                </button>
              </Act>
            </li>
          ))}
        </ul>
        <Guest groundOptions={data.groundOptions} />
      </section>

      <section className="card stack" aria-labelledby="notities-titel">
        <h3 id="notities-titel">
          <NotebookPen aria-hidden="true" size={18} /> Notities en beslissingen
        </h3>
        {meeting.notes.length ? (
          <ul className="changes">
            {meeting.notes.map((n) => (
              <li key={n.id}>
                <strong>{MEETING_NOTE_LABELS[n.kind]}:</strong> {n.text} <span className="muted small">({n.by})</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">Nog niets opgeschreven.</p>
        )}
        <NoteForm />
      </section>

      <section className="card stack" aria-labelledby="afspraak-titel">
        <h3 id="afspraak-titel">
          <CalendarPlus aria-hidden="true" size={18} /> Afspraak maken
        </h3>
        <AfspraakForm people={data.people} today={data.today} />
      </section>

      <section className="card stack" aria-labelledby="afronden-titel">
        <h3 id="afronden-titel">
          <Flag aria-hidden="true" size={18} /> Sessie afronden
        </h3>
        <EndForm today={data.today} roundOpen={meeting.round !== null} />
      </section>
    </div>
  );
}

function JoinHere({ code }: { code: string }) {
  return (
    <Act className="card row">
      <p>Je staat nog niet als aanwezig genoteerd.</p>
      <input type="hidden" name="intent" value="join" />
      <input type="hidden" name="code" value={code} />
      <button type="submit" className="button button-primary">
        Ik doe mee
      </button>
    </Act>
  );
}

/** A form that is emptied once its fetcher's answer says it was saved. */
function useEmptiedWhenSaved(fetcher: { state: string; data?: ActionAnswer }) {
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (fetcher.state === 'idle' && fetcher.data?.saved) form.current?.reset();
  }, [fetcher.state, fetcher.data]);
  return form;
}

function NoteForm() {
  const fetcher = useFetcher<ActionAnswer>();
  const form = useEmptiedWhenSaved(fetcher);
  return (
    <fetcher.Form method="post" className="stack" ref={form}>
      <input type="hidden" name="intent" value="note" />
      <label className="field">
        <span>Wat wil je vastleggen?</span>
        <textarea name="text" rows={2} maxLength={2000} required />
      </label>
      <div className="row">
        <button type="submit" name="kind" value="notitie" className="button button-quiet">
          Als notitie opslaan
        </button>
        <button type="submit" name="kind" value="beslissing" className="button button-quiet">
          Als beslissing opslaan
        </button>
      </div>
      {fetcher.state === 'idle' && fetcher.data?.error ? (
        <p className="alert" role="alert">
          {fetcher.data.error}
        </p>
      ) : null}
    </fetcher.Form>
  );
}

function AfspraakForm({ people, today }: { people: { id: string; name: string }[]; today: string }) {
  const fetcher = useFetcher<ActionAnswer>();
  const form = useEmptiedWhenSaved(fetcher);
  return (
    <fetcher.Form method="post" className="stack" ref={form}>
      <input type="hidden" name="intent" value="afspraak" />
      <label className="field">
        <span>Wat gaat er gebeuren?</span>
        <textarea name="wat" rows={2} maxLength={2000} required />
      </label>
      <fieldset className="owners">
        <legend>Wie doet het?</legend>
        {people.map((p) => (
          <label key={p.id} className="row small">
            <input type="checkbox" name={`wie:${p.id}`} value="ja" /> {p.name}
          </label>
        ))}
      </fieldset>
      <div className="row">
        <label className="field small">
          <span>Vanaf (datum)</span>
          <input type="date" name="start" required defaultValue={today} />
        </label>
        <label className="field small">
          <span>Hoe vaak?</span>
          <select name="herhaling" defaultValue="">
            <option value="">Eén keer</option>
            <option value="dagelijks">Elke dag</option>
            {WEEKDAY_LABELS.map((d, i) => (
              <option key={d} value={`wekelijks:${i + 1}`}>
                Elke {d}
              </option>
            ))}
            <option value="weken:2">Om de 2 weken</option>
            <option value="weken:4">Om de 4 weken</option>
          </select>
        </label>
      </div>
      <button type="submit" className="button button-primary">
        Afspraak maken
      </button>
      {fetcher.state === 'idle' && fetcher.data?.error ? (
        <p className="alert" role="alert">
          {fetcher.data.error}
        </p>
      ) : null}
      {fetcher.state === 'idle' && fetcher.data?.saved ? <p role="status">{fetcher.data.saved}</p> : null}
    </fetcher.Form>
  );
}

type GuestAnswer = ActionAnswer & { guest?: { name: string; url: string; qr: string } };

function Guest({ groundOptions }: { groundOptions: GroundOptions | null }) {
  const fetcher = useFetcher<GuestAnswer>();
  const guest = fetcher.state === 'idle' ? fetcher.data?.guest : undefined;
  return (
    <details className="guest">
      <summary>
        <UserPlus aria-hidden="true" size={16} /> Iemand toevoegen die er nu bij is
      </summary>
      <fetcher.Form method="post" className="stack">
        <input type="hidden" name="intent" value="guest" />
        <FamilyPersonFields relationExample="oom, buurman" />
        {groundOptions ? <GroundFields options={groundOptions} hint="niet nodig voor een ouder of jeugdige" /> : null}
        <button type="submit" className="button button-primary">
          Toevoegen en link maken
        </button>
        {fetcher.state === 'idle' && fetcher.data?.error ? (
          <p className="alert" role="alert">
            {fetcher.data.error}
          </p>
        ) : null}
      </fetcher.Form>
      {guest ? (
        <div className="link-box" role="status">
          <p>
            <strong>{guest.name} is toegevoegd.</strong> Laat {guest.name} deze QR-code scannen: dat is de eigen persoonlijke link. Je ziet hem maar één keer.
          </p>
          <div
            className="qr qr-big"
            role="img"
            aria-label={`QR-code van de persoonlijke link van ${guest.name}`}
            dangerouslySetInnerHTML={{ __html: guest.qr }}
          />
          <p className="link-url small">{guest.url}</p>
        </div>
      ) : null}
    </details>
  );
}

function EndForm({ today, roundOpen }: { today: string; roundOpen: boolean }) {
  const navigation = useNavigation();
  const fetcher = useFetcher<ActionAnswer>();
  return (
    <fetcher.Form method="post" className="stack">
      <input type="hidden" name="intent" value="end" />
      {roundOpen ? <p className="muted">Er loopt nog een schaalronde. Laat eerst de cijfers zien.</p> : null}
      <label className="field small">
        <span>Volgend netwerkberaad (mag leeg blijven)</span>
        <input type="date" name="nextMeetingDate" min={today} />
      </label>
      <p className="muted small">Bij het afronden wordt een versie gemaakt met wie er waren, en een samenvatting.</p>
      <button type="submit" className="button button-primary" disabled={fetcher.state !== 'idle' || navigation.state !== 'idle'}>
        Sessie afronden
      </button>
      {fetcher.state === 'idle' && fetcher.data?.error ? (
        <p className="alert" role="alert">
          {fetcher.data.error}
        </p>
      ) : null}
    </fetcher.Form>
  );
}

type Live = ReturnType<typeof useCollabDocument>;

function readChoice(raw: string | null): { follow: boolean; own: MeetingFocus } {
  try {
    const kept = JSON.parse(raw ?? 'null') as { follow?: unknown; own?: unknown } | null;
    return { follow: typeof kept?.follow === 'boolean' ? kept.follow : true, own: isMeetingFocus(kept?.own) ? kept.own : 'kaart' };
  } catch {
    return { follow: true, own: 'kaart' };
  }
}

/** The phone: the part under discussion, or one the person picked (remembered for this meeting in this tab). */
function Phone({ data, meeting, live }: { data: Data; meeting: Meeting; live: Live }) {
  const users = usePresence(live.awareness);
  const others = users.filter((u) => u.clientId !== live.doc?.clientID);
  const key = `veiligplan:sessie:${meeting.id}`;
  const { follow, own } = readChoice(
    useSyncExternalStore(
      subscribeChoice,
      () => choiceOf(key),
      () => null,
    ),
  );
  const keep = (next: { follow: boolean; own: MeetingFocus }) => keepChoice(key, JSON.stringify(next));
  const part: MeetingFocus = follow ? meeting.focus : own;
  const me = meeting.attendees.find((a) => a.participantId === data.participantId);
  const round = meeting.round;
  return (
    <div className="phone stack">
      {me && !me.joined ? <JoinHere code={meeting.code} /> : null}
      <div className="card phone-follow">
        <label className="switch">
          <input type="checkbox" role="switch" checked={follow} onChange={(e) => keep({ follow: e.target.checked, own: part })} />
          <span>Volg het scherm</span>
        </label>
        {follow ? (
          <p className="small muted" aria-live="polite">
            Nu op het scherm: <strong>{MEETING_FOCUS_LABELS[meeting.focus]}</strong>
          </p>
        ) : (
          <div className="focus-buttons" role="group" aria-label="Kies zelf wat je ziet">
            {MEETING_FOCI.map((f) => (
              <button
                key={f}
                type="button"
                className="button button-quiet button-small"
                aria-pressed={own === f}
                onClick={() => keep({ follow: false, own: f })}
              >
                {MEETING_FOCUS_LABELS[f]}
              </button>
            ))}
          </div>
        )}
      </div>
      {round && part !== 'schaal' && data.canScore && !round.mineGiven ? (
        <p className="card round-call">
          Er loopt een schaalronde.{' '}
          <button type="button" className="button button-primary button-small" onClick={() => keep({ follow: false, own: 'schaal' })}>
            Geef je cijfer
          </button>
        </p>
      ) : null}
      <section className="phone-part" aria-label={MEETING_FOCUS_LABELS[part]} data-part={part}>
        <h3>{MEETING_FOCUS_LABELS[part]}</h3>
        {part === 'schaal' ? (
          <ScalePart data={data} meeting={meeting} />
        ) : focusDocument(part) === 'kaart' ? (
          <KaartBoard
            doc={live.doc}
            actor={data.actor}
            canEdit={live.canEdit}
            editOthers={data.editOthers}
            awareness={live.awareness}
            others={others}
            synced={live.state.synced}
            column={part === 'kaart' ? undefined : part}
          />
        ) : part === 'plan' ? (
          <ReadPart
            items={(data.plan as Record<string, ItemJSON[]>).afspraken ?? []}
            to={`/casussen/${data.caseId}/veiligheidsplan`}
            label="Naar het hele veiligheidsplan"
          />
        ) : (
          <ReadPart items={(data.bodemeisen as Record<string, ItemJSON[]>).eisen ?? []} to={`/casussen/${data.caseId}/bodemeisen`} label="Naar de bodemeisen" />
        )}
      </section>
    </div>
  );
}

function ReadPart({ items, to, label }: { items: ItemJSON[]; to: string; label: string }) {
  return (
    <div className="stack">
      <Items items={items.filter((i) => i.status !== 'ingetrokken')} />
      <p>
        <Link to={to}>{label}</Link>
      </p>
    </div>
  );
}

function ScalePart({ data, meeting }: { data: Data; meeting: Meeting }) {
  const round = meeting.round;
  return (
    <div className="stack">
      {round ? (
        data.canScore ? (
          <RoundScore round={round} question={data.scaleQuestion} />
        ) : (
          <p>Er loopt een schaalronde. De anderen geven nu een cijfer.</p>
        )
      ) : meeting.revealed.length === 0 ? (
        <p className="muted">Er loopt nu geen schaalronde. Wacht tot de gespreksleider er een start.</p>
      ) : null}
      {round ? (
        <p className="muted small" role="status">
          {round.scoredCount} {round.scoredCount === 1 ? 'persoon heeft' : 'mensen hebben'} al een cijfer gegeven.
        </p>
      ) : null}
      {meeting.revealed.length ? (
        <>
          <p>
            <strong>{data.scaleQuestion}</strong>
          </p>
          <RevealedRounds rounds={meeting.revealed} />
        </>
      ) : null}
    </div>
  );
}
