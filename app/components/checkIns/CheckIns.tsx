/**
 * Check-ins on screen: the owner's two-tap report (Gelukt / Deels / Niet
 * gelukt, then an optional toelichting and Klaar) on their home view, the
 * history line per afspraak for everyone in the case, and the professional's
 * small *namens* form. Every form posts intent `check-in` to its own route,
 * which calls the one command (reportCheckIn); the server decides who may.
 */
import { useFetcher } from '@remix-run/react';
import { Check, CircleDashed, X } from 'lucide-react';
import { useState } from 'react';
import { CHECK_IN_LABELS, CHECK_IN_RESULTS, MAX_TOELICHTING_CHARS, type CheckInResult } from '../../domain/checkIns';
import { formatIsoDay } from '../../domain/plan';

type Answer = { saved?: string; error?: string };

export interface HistoryView {
  summary: string;
  history: { occurrence: string; result: CheckInResult; toelichting: string | null; who: string; namensBy: string | null }[];
  unreported: { occurrence: string; who: string }[];
}

const ICONS: Record<CheckInResult, typeof Check> = { gelukt: Check, deels: CircleDashed, 'niet-gelukt': X };

/** What the family home's check-in action answers: the person's report on the day and their own "x van de y". */
export interface OwnCheckIn {
  reported: { result: CheckInResult; toelichting: string | null } | null;
  summary: string;
}

/**
 * The owner's own report on one occurrence: tap a result, optionally add
 * words, tap Klaar. Once reported it says "Gemeld: gelukt (3 van de 4 keer
 * gelukt)", with a way to correct it (a correction is a new report).
 */
export function CheckInButtons({ afspraakId, occurrence, label, initial }: { afspraakId: string; occurrence: string; label: string; initial: OwnCheckIn }) {
  const fetcher = useFetcher<Answer & Partial<OwnCheckIn>>();
  const [chosen, setChosen] = useState<CheckInResult | null>(null);
  // Correcting lasts until the next answer arrives: it remembers the answer it started from.
  const [correctingFrom, setCorrectingFrom] = useState<{ data: unknown } | null>(null);
  const correcting = correctingFrom !== null && (correctingFrom.data === fetcher.data || Boolean(fetcher.data?.error));
  const answered = fetcher.state === 'idle' && fetcher.data?.reported ? (fetcher.data as OwnCheckIn) : null;
  const now = answered ?? initial;
  const busy = fetcher.state !== 'idle';
  if (now.reported && !correcting)
    return (
      <div className="check-in" role="status">
        <p className="check-in-done">
          Gemeld: {CHECK_IN_LABELS[now.reported.result].toLowerCase()} ({now.summary})
        </p>
        {now.reported.toelichting ? <p className="muted">“{now.reported.toelichting}”</p> : null}
        <button
          type="button"
          className="button button-quiet button-small"
          onClick={() => {
            setChosen(null);
            setCorrectingFrom({ data: fetcher.data });
          }}
        >
          Anders melden
        </button>
      </div>
    );
  return (
    <fetcher.Form method="post" className="check-in">
      <input type="hidden" name="intent" value="check-in" />
      <input type="hidden" name="afspraakId" value={afspraakId} />
      <input type="hidden" name="occurrence" value={occurrence} />
      <div className="check-in-buttons" role="group" aria-label={`Hoe ging het? ${label}`}>
        {CHECK_IN_RESULTS.map((r) => {
          const Icon = ICONS[r];
          return (
            <button
              key={r}
              type="button"
              className={`button check-in-${r}${chosen === r ? ' is-chosen' : ''}`}
              aria-pressed={chosen === r}
              onClick={() => setChosen(r)}
            >
              <Icon aria-hidden="true" size={20} /> {CHECK_IN_LABELS[r]}
            </button>
          );
        })}
      </div>
      {chosen ? (
        <>
          <input type="hidden" name="result" value={chosen} />
          <label className="field">
            <span>Wil je er iets over zeggen? (mag leeg blijven)</span>
            <textarea name="toelichting" rows={2} maxLength={MAX_TOELICHTING_CHARS} />
          </label>
          <button type="submit" className="button button-primary" disabled={busy}>
            Klaar
          </button>
        </>
      ) : null}
      {fetcher.data?.error ? (
        <p className="field-error" role="alert">
          {fetcher.data.error}
        </p>
      ) : null}
    </fetcher.Form>
  );
}

/** "3 van de 4 keer gelukt", the latest reports and what is not reported yet. */
export function CheckInHistory({ view }: { view: HistoryView }) {
  if (view.history.length === 0 && view.unreported.length === 0) return null;
  return (
    <div className="check-in-history small">
      <p>
        <strong>Meldingen:</strong> {view.summary}
      </p>
      {view.history.length > 0 ? (
        <ul className="check-in-list">
          {view.history.map((h, i) => (
            <li key={i}>
              {formatIsoDay(h.occurrence, true)}: {h.who} — {CHECK_IN_LABELS[h.result].toLowerCase()}
              {h.toelichting ? ` (“${h.toelichting}”)` : ''}
              {h.namensBy ? <span className="muted"> · genoteerd door {h.namensBy}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {view.unreported.length > 0 ? (
        <p className="muted">Nog niet gemeld: {view.unreported.map((u) => `${formatIsoDay(u.occurrence, true)} (${u.who})`).join(', ')}</p>
      ) : null}
    </div>
  );
}

/** A professional records a check-in namens one of the owners. */
export function NamensForm({
  afspraakId,
  owners,
  defaultDay,
  today,
}: {
  afspraakId: string;
  owners: { id: string; name: string }[];
  defaultDay: string;
  today: string;
}) {
  const fetcher = useFetcher<Answer>();
  const [open, setOpen] = useState(false);
  if (owners.length === 0) return null;
  if (!open)
    return (
      <button type="button" className="button button-quiet button-small" onClick={() => setOpen(true)}>
        Melding noteren namens iemand
      </button>
    );
  return (
    <fetcher.Form method="post" className="namens-form">
      <input type="hidden" name="intent" value="check-in" />
      <input type="hidden" name="afspraakId" value={afspraakId} />
      <div className="row">
        <label className="field small">
          <span>Namens</span>
          <select name="forParticipantId" defaultValue={owners[0]!.id}>
            {owners.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field small">
          <span>Dag</span>
          <input type="date" name="occurrence" defaultValue={defaultDay} max={today} required />
        </label>
        <label className="field small">
          <span>Hoe ging het?</span>
          <select name="result" defaultValue="gelukt">
            {CHECK_IN_RESULTS.map((r) => (
              <option key={r} value={r}>
                {CHECK_IN_LABELS[r]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="field small">
        <span>Toelichting (mag leeg blijven)</span>
        <input name="toelichting" maxLength={MAX_TOELICHTING_CHARS} />
      </label>
      <div className="row">
        <button type="submit" className="button button-primary button-small" disabled={fetcher.state !== 'idle'}>
          Noteren
        </button>
        <button type="button" className="button button-quiet button-small" onClick={() => setOpen(false)}>
          Annuleren
        </button>
      </div>
      {fetcher.data?.error ? (
        <p className="field-error" role="alert">
          {fetcher.data.error}
        </p>
      ) : fetcher.data?.saved ? (
        <p role="status">{fetcher.data.saved}</p>
      ) : null}
    </fetcher.Form>
  );
}
