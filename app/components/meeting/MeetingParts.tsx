/**
 * Parts of a netwerkberaad shared by the facilitator's console and the
 * phones: giving one's own score in an open round, and revealed rounds.
 * Invariant: the value of one's own round score shown here comes only from
 * the form this browser submitted — the server never answers it before the
 * reveal (server/meetings/meetings.server.ts).
 */
import { useFetcher } from '@remix-run/react';
import { useState } from 'react';
import { SCALE_MAX, SCALE_MIN } from '../../domain/scale';
import type { ActionAnswer } from '../../utils/responses';

export interface OpenRound {
  id: string;
  scoredCount: number;
  scoredBy: string[];
  mineGiven: boolean;
}

export interface RevealedRound {
  id: string;
  revealedAt: number;
  scores: { participantId: string; name: string; score: number; explanation: string | null }[];
}

const SCALE = Array.from({ length: SCALE_MAX - SCALE_MIN + 1 }, (_, i) => SCALE_MIN + i);

/** One's own score in the open round: 0–10 and an optional explanation, changeable until the reveal. */
export function RoundScore({ round, question }: { round: OpenRound; question: string }) {
  const fetcher = useFetcher<ActionAnswer>();
  // What this browser sent, per round: the only source of the value shown back.
  const [sent, setSent] = useState<{ roundId: string; score: string } | null>(null);
  const [changing, setChanging] = useState(false);
  const mine = sent?.roundId === round.id ? sent.score : null;
  const failed = fetcher.state === 'idle' && fetcher.data?.error;
  const submitting = fetcher.state !== 'idle';
  const showForm = changing || failed || (!round.mineGiven && mine === null);
  if (!showForm && !submitting) {
    return (
      <div className="round-done" role="status">
        {mine !== null ? (
          <>
            <p className="round-done-title">Je cijfer is binnen. Niemand ziet het voordat de cijfers samen op het scherm komen.</p>
            <p>
              Jouw cijfer: <strong className="round-mine">{mine}</strong>
            </p>
          </>
        ) : (
          <p className="round-done-title">Je hebt al een cijfer gegeven. Niemand ziet het voordat de cijfers samen op het scherm komen.</p>
        )}
        <button type="button" className="button button-quiet" onClick={() => setChanging(true)}>
          Cijfer aanpassen
        </button>
      </div>
    );
  }
  return (
    <fetcher.Form
      method="post"
      className="stack round-form"
      onSubmit={(e) => {
        const score = new FormData(e.currentTarget).get('score');
        setSent(typeof score === 'string' ? { roundId: round.id, score } : null);
        setChanging(false);
      }}
    >
      <input type="hidden" name="intent" value="score" />
      <input type="hidden" name="roundId" value={round.id} />
      <fieldset className="scale-choice">
        <legend>{question}</legend>
        <p className="muted small">0 betekent: het is niet veilig. 10 betekent: het is veilig genoeg.</p>
        <div className="scale-options">
          {SCALE.map((n) => (
            <label key={n} className="scale-option">
              <input type="radio" name="score" value={n} required />
              <span>{n}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <label className="field">
        <span>Toelichting (mag leeg blijven)</span>
        <textarea name="explanation" rows={2} maxLength={1000} />
      </label>
      {failed ? (
        <p className="alert" role="alert">
          {fetcher.data!.error}
        </p>
      ) : null}
      <button type="submit" className="button button-primary button-big" disabled={submitting}>
        {submitting ? 'Bezig…' : 'Cijfer geven'}
      </button>
    </fetcher.Form>
  );
}

/** Revealed rounds: every score with the name of who gave it. */
export function RevealedRounds({ rounds, big = false }: { rounds: RevealedRound[]; big?: boolean }) {
  if (rounds.length === 0) return null;
  return (
    <div className={big ? 'revealed revealed-big' : 'revealed'}>
      {rounds.map((r, i) => (
        <section key={r.id} aria-label={i === 0 ? 'De cijfers van deze ronde' : 'Cijfers van een eerdere ronde'}>
          {i > 0 ? <p className="muted small">Eerdere ronde</p> : null}
          {r.scores.length === 0 ? <p className="muted">Niemand gaf een cijfer.</p> : null}
          <ul className="revealed-scores">
            {r.scores.map((s) => (
              <li key={s.participantId} data-score-of={s.name}>
                <span className="revealed-score">{s.score}</span>
                <span className="revealed-name">{s.name}</span>
                {s.explanation && !big ? <span className="revealed-explanation">{s.explanation}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
