/**
 * The scale question, everyone's scores over time as a chart
 * (app/components/ScoreChart.tsx), the current scores with a small trend,
 * and the form for one's own score. The form starts with one's current score and
 * explanation, so saving a new score keeps one's words unless they are
 * changed (server/commands/scale.server.ts). The default anchors are shown
 * only with the default question.
 * The panel folds away (a <details>, closed by default) to one summary line,
 * so the kaart's columns stay in view on a projector or a phone; whether it
 * is open is remembered per device (localStorage), read only after hydration.
 * On a phone the scores table becomes one card per person (CSS on the
 * `data-label` of each cell); family members see the plain title with a
 * "?" explanation (ADR 029).
 */
import { Form, useActionData, useNavigation } from '@remix-run/react';
import { CircleAlert } from 'lucide-react';
import { useSyncExternalStore } from 'react';
import { SCALE_WORDS, scaleAnchorsFor } from '../../domain/scale';
import { ExplainedHeading } from '../Explain';
import { formatDateTime } from '../../utils/format';
import { ScoreChart } from '../ScoreChart';
import type { ActionAnswer } from '../../utils/responses';

export interface ScoreRow {
  participantId: string;
  name: string;
  role: string;
  /** `meetingId`: given in a netwerkberaad's scale round (revealed there). */
  current: { score: number; explanation: string | null; at: number; meetingId?: string | null };
  history: number[];
  /** Every score with its moment, oldest first (for the chart). */
  points?: { score: number; at: number }[];
}

const OPEN_KEY = 'veiligplan.schaal.open';

/** The one line shown when the panel is folded: "Schaal: jouw cijfer 6 · 4 cijfers gegeven". */
export function scaleSummary(mine: number | null, count: number, canScore: boolean): string {
  const given = count === 0 ? 'nog geen cijfers gegeven' : `${count} ${count === 1 ? 'cijfer' : 'cijfers'} gegeven`;
  const own = mine !== null ? `jouw cijfer ${mine}` : canScore ? 'jij gaf nog geen cijfer' : null;
  return own ? `Schaal: ${own} · ${given}` : `Schaal: ${given}`;
}

const listeners = new Set<() => void>();
/** Used only when storage cannot be written. */
let fallbackOpen = false;
function readOpen(): boolean {
  try {
    return window.localStorage.getItem(OPEN_KEY) === '1';
  } catch {
    return false; // No storage (private mode, blocked): the panel simply starts folded.
  }
}
function subscribeOpen(listener: () => void) {
  listeners.add(listener);
  window.addEventListener('storage', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', listener);
  };
}

/** Open or folded, per device; the server and the first render in the browser say folded. */
function useRememberedOpen(): [boolean, (open: boolean) => void] {
  const open = useSyncExternalStore(subscribeOpen, readOpen, () => false);
  const remember = (next: boolean) => {
    try {
      window.localStorage.setItem(OPEN_KEY, next ? '1' : '0');
    } catch {
      // Not remembered; it still opens and closes for this page.
      fallbackOpen = next;
    }
    listeners.forEach((l) => l());
  };
  return [open || fallbackOpen, remember];
}
export function ScalePanel({
  question,
  scores,
  myParticipantId,
  canScore,
  canEditQuestion,
  family = false,
}: {
  question: string;
  scores: ScoreRow[];
  myParticipantId: string;
  canScore: boolean;
  canEditQuestion: boolean;
  /** Plain title with a "?" explanation (ouder, jeugdige, netwerklid). */
  family?: boolean;
}) {
  const actionData = useActionData<ActionAnswer>();
  const navigation = useNavigation();
  const mine = scores.find((s) => s.participantId === myParticipantId);
  const anchors = scaleAnchorsFor(question);
  const myExplanation = mine?.current.explanation ?? '';
  // A new saved score starts the fields again from what is now stored.
  const savedAt = mine?.current.at ?? 0;
  const [open, setOpen] = useRememberedOpen();
  return (
    <section className="scale card" aria-labelledby="schaal-titel">
      <details
        className="scale-fold"
        open={open}
        onToggle={(e) => {
          if (e.currentTarget.open !== open) setOpen(e.currentTarget.open);
        }}
      >
        <summary className="scale-summary">
          <span id="schaal-titel">{scaleSummary(mine ? mine.current.score : null, scores.length, canScore)}</span>
        </summary>
        <ExplainedHeading
          level={3}
          id="schaal-kop"
          className="scale-title"
          title={family ? SCALE_WORDS.familyTitle : SCALE_WORDS.title}
          explain={family ? SCALE_WORDS.explain : null}
        />
        <p className="scale-question">{question}</p>
        <ScoreChart series={scores.map((s) => ({ id: s.participantId, name: s.name, points: s.points ?? [{ score: s.current.score, at: s.current.at }] }))} />
        {scores.length === 0 ? (
          <p className="muted">Nog niemand heeft een score gegeven.</p>
        ) : (
          <table className="scores scores-cards">
            <caption className="visually-hidden">Scores van iedereen</caption>
            <thead>
              <tr>
                <th scope="col">Wie</th>
                <th scope="col">Score</th>
                <th scope="col">Toelichting</th>
                <th scope="col">Eerder</th>
              </tr>
            </thead>
            <tbody>
              {scores.map((s) => (
                <tr key={s.participantId}>
                  <td className="score-who">
                    {s.name}
                    <span className="muted"> · {s.role}</span>
                  </td>
                  <td className="score-value" data-label="Score">
                    {s.current.score}
                  </td>
                  <td data-label="Toelichting">
                    {s.current.explanation ?? <span className="muted">—</span>}
                    <span className="muted small">
                      {' '}
                      ({formatDateTime(s.current.at)}
                      {s.current.meetingId ? ', in het netwerkberaad' : ''})
                    </span>
                  </td>
                  <td className="trend" data-label="Eerder" aria-label={`Verloop: ${s.history.join(', ')}`}>
                    {s.history.length > 1 ? s.history.join(' → ') : <span className="muted">—</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {canScore ? (
          <Form method="post" className="score-form" aria-describedby={actionData?.field === 'score' ? 'score-fout' : undefined}>
            <input type="hidden" name="intent" value="score" />
            <fieldset key={`score-${savedAt}`}>
              <legend>Jouw score{mine ? ` (nu ${mine.current.score})` : ''}</legend>
              <div className="score-options">
                {Array.from({ length: 11 }, (_, n) => (
                  <label key={n} className="score-option">
                    <input type="radio" name="score" value={n} defaultChecked={mine?.current.score === n} />
                    <span>{n}</span>
                  </label>
                ))}
              </div>
              {anchors ? (
                <p className="scale-anchors">
                  <span>
                    <strong>0</strong> = {anchors.low}
                  </span>
                  <span>
                    <strong>10</strong> = {anchors.high}
                  </span>
                </p>
              ) : null}
            </fieldset>
            <label className="field" key={`uitleg-${savedAt}`}>
              <span>Waarom deze score? (mag leeg blijven)</span>
              <textarea
                name="explanation"
                rows={2}
                maxLength={1000}
                defaultValue={myExplanation}
                aria-describedby={myExplanation ? 'uitleg-hint' : undefined}
              />
            </label>
            {myExplanation ? (
              <p id="uitleg-hint" className="muted small">
                Je uitleg van de vorige keer staat er al. Je mag hem laten staan of veranderen.
              </p>
            ) : null}
            {actionData?.error ? (
              <p className="alert" role="alert" id="score-fout">
                <CircleAlert aria-hidden="true" size={18} /> {actionData.error}
              </p>
            ) : null}
            {actionData?.saved ? <p role="status">{actionData.saved}</p> : null}
            <button type="submit" className="button button-primary" disabled={navigation.state !== 'idle'}>
              Score opslaan
            </button>
          </Form>
        ) : null}
        {canEditQuestion ? (
          <details className="edit-question">
            <summary>Schaalvraag aanpassen</summary>
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="scaleQuestion" />
              <label className="field">
                <span>Schaalvraag</span>
                <textarea name="question" rows={3} defaultValue={question} maxLength={1000} required />
              </label>
              <label className="field">
                <span>Waarom pas je de vraag aan? (iedereen ziet dit terug)</span>
                <input name="reason" minLength={5} maxLength={300} required />
              </label>
              <button type="submit" className="button button-quiet">
                Schaalvraag opslaan
              </button>
            </Form>
          </details>
        ) : null}
      </details>
    </section>
  );
}
