/** Who agreed to which version of the veiligheidsplan, and one's own answer. */
import { Form, useActionData } from '@remix-run/react';
import { CheckCircle2, CircleHelp, XCircle } from 'lucide-react';
import { ROLE_LABELS, type Role } from '../domain/caseFacts';
import { PLAN_WORDS } from '../domain/plan';
import { formatDateTime } from '../utils/format';
import { AKKOORD_ANCHOR } from './case/AkkoordTask';
import { ExplainedHeading } from './Explain';

interface Props {
  view: {
    request: { id: string; createdAt: number; label: string } | null;
    planChangedSince: boolean;
    answers: {
      participantId: string;
      name: string;
      role: string;
      agreed: boolean | null;
      comment: string | null;
      at: number | null;
      forOlderVersion: boolean;
    }[];
  };
  me: string;
  canRequest: boolean;
  canAnswer: boolean;
  /** Plain title with a "?" explanation (ADR 029). */
  family?: boolean;
}

export function AcceptancePanel({ view, me, canRequest, canAnswer, family = false }: Props) {
  const result = useActionData<{ error?: string; saved?: string }>();
  const mine = view.answers.find((a) => a.participantId === me);
  return (
    <section className="card acceptance" id={AKKOORD_ANCHOR} aria-labelledby="akkoord-titel">
      <ExplainedHeading
        level={3}
        id="akkoord-titel"
        title={family ? PLAN_WORDS.akkoord.familyTitle : PLAN_WORDS.akkoord.title}
        explain={family ? PLAN_WORDS.akkoord.explain : null}
      />
      {result?.error ? (
        <p className="alert" role="alert">
          {result.error}
        </p>
      ) : null}
      {result?.saved ? <p role="status">{result.saved}</p> : null}
      {view.request ? (
        <>
          <p>
            Gevraagd op {formatDateTime(view.request.createdAt)} voor de versie “{view.request.label}”.
          </p>
          {view.planChangedSince ? (
            <p className="alert" role="note">
              Het plan is veranderd sinds deze versie. Wie al akkoord gaf, gaf dat voor de oudere versie.
            </p>
          ) : null}
          <ul className="answers">
            {view.answers.map((a) => (
              <li key={a.participantId}>
                {a.agreed === true ? (
                  <CheckCircle2 aria-hidden="true" size={18} />
                ) : a.agreed === false ? (
                  <XCircle aria-hidden="true" size={18} />
                ) : (
                  <CircleHelp aria-hidden="true" size={18} />
                )}
                <span>
                  <strong>{a.name}</strong> <span className="muted">({ROLE_LABELS[a.role as Role] ?? a.role})</span>:{' '}
                  {a.agreed === null ? 'nog geen antwoord' : a.agreed ? 'akkoord' : 'niet akkoord'}
                  {a.forOlderVersion ? ' — voor een oudere versie' : ''}
                  {a.comment ? ` — “${a.comment}”` : ''}
                  {a.at ? <span className="muted small"> ({formatDateTime(a.at)})</span> : null}
                </span>
              </li>
            ))}
          </ul>
          {canAnswer ? (
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="answer" />
              <input type="hidden" name="requestId" value={view.request.id} />
              <fieldset className="wie">
                <legend>Jouw antwoord{mine?.agreed != null ? ` (nu: ${mine.agreed ? 'akkoord' : 'niet akkoord'})` : ''}</legend>
                <label>
                  <input type="radio" name="agreed" value="ja" required /> Akkoord
                </label>
                <label>
                  <input type="radio" name="agreed" value="nee" /> Niet akkoord
                </label>
              </fieldset>
              <label className="field">
                <span>Toelichting (mag leeg blijven)</span>
                <textarea name="comment" rows={2} maxLength={1000} />
              </label>
              <button type="submit" className="button button-primary">
                Antwoord geven
              </button>
            </Form>
          ) : null}
        </>
      ) : (
        <p className="muted">Er is nog niet om akkoord gevraagd.</p>
      )}
      {canRequest ? (
        <Form method="post">
          <input type="hidden" name="intent" value="request-acceptance" />
          <button type="submit" className="button button-quiet">
            {view.request ? 'Opnieuw om akkoord vragen (nieuwe versie)' : 'Vraag iedereen om akkoord'}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
