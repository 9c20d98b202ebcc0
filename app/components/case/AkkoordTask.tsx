/**
 * The akkoord task on the family home: while a request for akkoord is open
 * and this person has not answered the LATEST request, a clear task that leads
 * to the answer form below the plan (#akkoord on the veiligheidsplan tab).
 * Once answered, one short line with what they said. Nothing when no akkoord
 * was asked or this person may not answer (meelezer), or the case is closed.
 */
import { Link } from '@remix-run/react';
import { CheckCircle2, FileSignature, XCircle } from 'lucide-react';

/** The anchor of the answer form on the veiligheidsplan tab. */
export const AKKOORD_ANCHOR = 'akkoord';

export type AkkoordTaskData = { state: 'open' } | { state: 'answered'; agreed: boolean; comment: string | null; at: number } | null;

interface AcceptanceViewLike {
  request: { id: string } | null;
  answers: { participantId: string; agreed: boolean | null; comment: string | null; at: number | null; forOlderVersion: boolean }[];
}

/** Shapes the task from the acceptance view (server/acceptance): pure, so the loader sends only this. */
export function akkoordTaskOf(view: AcceptanceViewLike, me: string, mayAnswer: boolean): AkkoordTaskData {
  if (!view.request || !mayAnswer) return null;
  const mine = view.answers.find((a) => a.participantId === me);
  if (!mine || mine.agreed === null || mine.forOlderVersion || mine.at === null) return { state: 'open' };
  return { state: 'answered', agreed: mine.agreed, comment: mine.comment, at: mine.at };
}

export function AkkoordTask({ caseId, task }: { caseId: string; task: AkkoordTaskData }) {
  if (!task) return null;
  const to = `/casussen/${caseId}/veiligheidsplan#${AKKOORD_ANCHOR}`;
  if (task.state === 'answered') {
    return (
      <p className="card akkoord-answered" data-testid="akkoord-answered">
        {task.agreed ? <CheckCircle2 aria-hidden="true" size={18} /> : <XCircle aria-hidden="true" size={18} />} Je hebt gezegd:{' '}
        <strong>{task.agreed ? 'akkoord' : 'niet akkoord'}</strong> met het plan{task.comment ? ` (“${task.comment}”)` : ''}.{' '}
        <Link to={to}>Antwoord bekijken of veranderen</Link>
      </p>
    );
  }
  return (
    <section className="card akkoord-task" aria-labelledby="akkoord-taak" data-testid="akkoord-task">
      <h2 id="akkoord-taak">
        <FileSignature aria-hidden="true" size={20} /> Lees het plan en zeg of je akkoord bent
      </h2>
      <p>Er wordt gevraagd of je het eens bent met het veiligheidsplan. Lees het rustig door. Onderaan geef je je antwoord.</p>
      <p>
        <Link className="button button-primary" to={to}>
          Naar het plan
        </Link>
      </p>
    </section>
  );
}
