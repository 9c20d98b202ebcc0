/**
 * The summary of one ended netwerkberaad (issue 16 point 6): when, who led
 * it, who was there, what changed in the kaart, the plan and the bodemeisen,
 * the scale round(s) with every score, the new afspraken, the notes and
 * decisions and the next meeting — one A4 page to print or show. Every
 * participant of the case reads it; family and netwerk first get it in plain
 * Dutch (B1). A meelezer, who may not list the participants, gets the names
 * of those present (as the version's label already says) but not their
 * roles. An unknown id, a running meeting or another case's meeting is 404.
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { CalendarDays, History, ListChecks, MessageSquareText, Sparkles, Users } from 'lucide-react';
import { PrintButton } from '../components/PrintButton';
import { isProfessionalRole } from '../domain/caseFacts';
import { familySummaryLines, groupSummaryChanges, MEETING_NOTE_LABELS } from '../domain/meeting';
import { mayListParticipants } from '../domain/permissions';
import meetingSummaryStyles from '../styles/meetingSummary.css';
import { requireCaseParticipant } from '../utils/caseAccess.server';
import { formatDate } from '../utils/format';
import { notFound } from '../utils/responses';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: meetingSummaryStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Netwerkberaad van ${dayFormat.format(data.startedAt)} · Veiligplan` : 'Veiligplan' },
];

const dayFormat = new Intl.DateTimeFormat('nl-NL', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' });
const timeFormat = new Intl.DateTimeFormat('nl-NL', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Amsterdam' });

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { participant } = await requireCaseParticipant(request, context, params.caseId);
  const caseId = participant.caseId;
  const meeting = params.meetingId ? context.services.meetings.ended(caseId, params.meetingId) : undefined;
  if (!meeting) throw notFound();
  const s = meeting.summary;
  const family = !isProfessionalRole(participant.role);
  const roles = mayListParticipants(participant.role);
  return json({
    caseId,
    family,
    startedAt: meeting.startedAt,
    endedAt: meeting.endedAt,
    facilitator: s.facilitator,
    attendees: s.attendees.map((a) => ({ participantId: a.participantId, name: a.name, role: roles ? a.role : null })),
    plain: family ? familySummaryLines(s) : null,
    changes: groupSummaryChanges(s.changes),
    rounds: s.rounds.filter((r) => r.scores.length > 0),
    newAfspraken: s.newAfspraken,
    notes: s.notes,
    nextMeetingDate: s.nextMeetingDate,
    versionLink: meeting.snapshotId ? `/casussen/${caseId}/versies?versie=${encodeURIComponent(meeting.snapshotId)}` : null,
  });
}

/** Section headings: plain ones for family and netwerk, the usual words for professionals. */
const HEADINGS = {
  family: {
    short: 'In het kort',
    attendees: 'Wie waren er?',
    changes: 'Wat is er veranderd?',
    rounds: 'De cijfers',
    afspraken: 'Nieuwe afspraken',
    notes: 'Wat is er besproken?',
    next: 'Volgende keer',
  },
  professional: {
    short: '',
    attendees: 'Aanwezig',
    changes: 'Wijzigingen tijdens het netwerkberaad',
    rounds: 'Schaalronde',
    afspraken: 'Nieuwe afspraken',
    notes: 'Notities en beslissingen',
    next: 'Volgend netwerkberaad',
  },
} as const;

export default function MeetingSummaryPage() {
  const d = useLoaderData<typeof loader>();
  const h = d.family ? HEADINGS.family : HEADINGS.professional;
  return (
    <article className="meeting-summary" aria-labelledby="verslag-titel">
      <div className="tab-toolbar">
        <h2 id="verslag-titel">Netwerkberaad van {dayFormat.format(d.startedAt)}</h2>
        <div className="row no-print">
          <PrintButton />
          {d.versionLink ? (
            <Link to={d.versionLink} className="button button-quiet">
              <History aria-hidden="true" size={18} /> Bekijk de versie van dit netwerkberaad
            </Link>
          ) : null}
        </div>
      </div>
      <p className="summary-when">
        <CalendarDays aria-hidden="true" size={18} /> {timeFormat.format(d.startedAt)}–{timeFormat.format(d.endedAt)} uur ·{' '}
        {d.family ? 'Het gesprek werd geleid door' : 'Geleid door'} <strong>{d.facilitator}</strong>
      </p>

      {d.plain ? (
        <section className="summary-plain" aria-labelledby="in-het-kort">
          <h3 id="in-het-kort">
            <Sparkles aria-hidden="true" size={18} /> {h.short}
          </h3>
          {d.plain.map((line, i) => (
            <p key={i}>{line}</p>
          ))}
        </section>
      ) : null}

      <section aria-labelledby="aanwezig">
        <h3 id="aanwezig">
          <Users aria-hidden="true" size={18} /> {h.attendees}
        </h3>
        {d.attendees.length === 0 ? (
          <p className="muted">Er is niemand als aanwezig genoteerd.</p>
        ) : (
          <ul className="summary-attendees">
            {d.attendees.map((a) => (
              <li key={a.participantId}>
                {a.name}
                {a.role ? <span className="muted"> ({a.role})</span> : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="veranderd">
        <h3 id="veranderd">{h.changes}</h3>
        {d.changes.length === 0 ? (
          <p className="muted">
            {d.family ? 'Er is niets veranderd in de kaart, het plan of de bodemeisen.' : 'Geen wijzigingen in de kaart, het plan of de bodemeisen.'}
          </p>
        ) : (
          <div className="summary-changes">
            {d.changes.map((doc) => (
              <div key={doc.document}>
                <h4>{doc.document}</h4>
                <dl>
                  {doc.kinds.map((k) => (
                    <div key={k.kind}>
                      <dt>{k.label}</dt>
                      <dd>
                        <ul className="changes">
                          {k.lines.map((l, i) => (
                            <li key={i}>
                              {l.text}
                              {l.before !== undefined ? (
                                <span className="diff-texts">
                                  {' '}
                                  <del aria-label="was">{l.before || '(leeg)'}</del> <ins aria-label="wordt">{l.after || '(leeg)'}</ins>
                                </span>
                              ) : null}
                            </li>
                          ))}
                        </ul>
                      </dd>
                    </div>
                  ))}
                </dl>
              </div>
            ))}
          </div>
        )}
      </section>

      {d.rounds.length > 0 ? (
        <section aria-labelledby="schaalronde">
          <h3 id="schaalronde">{h.rounds}</h3>
          {d.rounds.map((r, n) => (
            <div key={n} className="summary-round">
              {d.rounds.length > 1 ? <h4>Ronde {n + 1}</h4> : null}
              <ul className="summary-scores">
                {r.scores.map((s) => (
                  <li key={s.participantId}>
                    <span className="summary-score" aria-label={`cijfer ${s.score}`}>
                      {s.score}
                    </span>{' '}
                    <strong>{s.name}</strong>
                    {s.explanation ? <span> — “{s.explanation}”</span> : null}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      ) : null}

      <section aria-labelledby="nieuwe-afspraken">
        <h3 id="nieuwe-afspraken">
          <ListChecks aria-hidden="true" size={18} /> {h.afspraken}
        </h3>
        {d.newAfspraken.length === 0 ? (
          <p className="muted">Er zijn geen nieuwe afspraken gemaakt.</p>
        ) : (
          <ul className="changes">
            {d.newAfspraken.map((a) => (
              <li key={a.id}>
                <strong>{a.wat}</strong>
                <br />
                <span>
                  {d.family ? 'Wie' : 'Wie doet het'}: {a.wie.length ? a.wie.join(', ') : 'nog niemand'} · Wanneer: {a.wanneer ?? 'nog niet afgesproken'}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      {d.notes.length > 0 ? (
        <section aria-labelledby="notities">
          <h3 id="notities">
            <MessageSquareText aria-hidden="true" size={18} /> {h.notes}
          </h3>
          <ul className="changes">
            {d.notes.map((n, i) => (
              <li key={i}>
                <strong>{MEETING_NOTE_LABELS[n.kind]}:</strong> {n.text} <span className="muted small">({n.by})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="volgende">
        <h3 id="volgende">{h.next}</h3>
        <p>
          {d.nextMeetingDate
            ? `${d.family ? 'Het volgende netwerkberaad is op' : 'Gepland op'} ${formatDate(d.nextMeetingDate)}.`
            : d.family
              ? 'Er is nog geen datum voor het volgende netwerkberaad.'
              : 'Nog niet gepland.'}
        </p>
      </section>
    </article>
  );
}
