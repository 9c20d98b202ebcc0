/**
 * The scale question, everyone's scores over time as a chart
 * (app/components/ScoreChart.tsx), the current scores with a small trend,
 * and the form for one's own score. The form starts with one's current score and
 * explanation, so saving a new score keeps one's words unless they are
 * changed (server/commands/scale.server.ts). The default anchors are shown
 * only with the default question.
 */
import { Form, useActionData, useNavigation } from '@remix-run/react';
import { CircleAlert } from 'lucide-react';
import { scaleAnchorsFor } from '../../domain/scale';
import { formatDateTime } from '../../utils/format';
import { ScoreChart } from '../ScoreChart';
import type { ActionAnswer } from '../../utils/responses';

export interface ScoreRow {
  participantId: string;
  name: string;
  role: string;
  current: { score: number; explanation: string | null; at: number };
  history: number[];
  /** Every score with its moment, oldest first (for the chart). */
  points?: { score: number; at: number }[];
}

export function ScalePanel({
  question,
  scores,
  myParticipantId,
  canScore,
  canEditQuestion,
}: {
  question: string;
  scores: ScoreRow[];
  myParticipantId: string;
  canScore: boolean;
  canEditQuestion: boolean;
}) {
  const actionData = useActionData<ActionAnswer>();
  const navigation = useNavigation();
  const mine = scores.find((s) => s.participantId === myParticipantId);
  const anchors = scaleAnchorsFor(question);
  const myExplanation = mine?.current.explanation ?? '';
  // A new saved score starts the fields again from what is now stored.
  const savedAt = mine?.current.at ?? 0;
  return (
    <section className="scale card" aria-labelledby="schaal-titel">
      <h3 id="schaal-titel">Schaal van 0 tot 10</h3>
      <p className="scale-question">{question}</p>
      <ScoreChart series={scores.map((s) => ({ id: s.participantId, name: s.name, points: s.points ?? [{ score: s.current.score, at: s.current.at }] }))} />
      {scores.length === 0 ? (
        <p className="muted">Nog niemand heeft een score gegeven.</p>
      ) : (
        <table className="scores">
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
                <td>
                  {s.name}
                  <span className="muted"> · {s.role}</span>
                </td>
                <td className="score-value">{s.current.score}</td>
                <td>
                  {s.current.explanation ?? <span className="muted">—</span>}
                  <span className="muted small"> ({formatDateTime(s.current.at)})</span>
                </td>
                <td className="trend" aria-label={`Verloop: ${s.history.join(', ')}`}>
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
            <textarea name="explanation" rows={2} maxLength={1000} defaultValue={myExplanation} aria-describedby={myExplanation ? 'uitleg-hint' : undefined} />
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
    </section>
  );
}
