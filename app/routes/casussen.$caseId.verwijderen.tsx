/**
 * Gegevens laten verwijderen (issue 18 point 4, ADR 035): a parent or the
 * young person asks to delete the case's data (optional note); the
 * jeugdbeschermer decides with a reason the family reads. Toekennen deletes
 * the whole case at once (after an explicit tick) and leads to Mijn
 * overzicht. The family sees the status and the reason in plain words.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { Trash2 } from 'lucide-react';
import { MAX_DELETION_NOTE_CHARS, MAX_DELETION_REASON_CHARS } from '../domain/deletion';
import { requireCaseAction, requireCaseParticipant } from '../utils/caseAccess.server';
import { handleIntent } from '../utils/commandAction.server';
import { deletionViewOf } from '../utils/deletion.server';
import { formatDateTime } from '../utils/format';

export const meta: MetaFunction = () => [{ title: 'Gegevens verwijderen · Veiligplan' }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { participant } = await requireCaseParticipant(request, context, params.caseId);
  return json(deletionViewOf(context, participant));
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { by, form } = await requireCaseAction(request, context, params.caseId);
  return handleIntent(form, {
    'request-deletion': () => {
      context.services.commands.requestDeletion(by, form);
      return json({ saved: 'Je vraag is verstuurd.' });
    },
    'decide-deletion': () => {
      const r = context.services.commands.decideDeletion(by, form);
      if (r.decision === 'toegekend') return redirect('/overzicht');
      return json({ saved: 'Je besluit is bewaard. Het gezin ziet het met je reden.' });
    },
  });
}

type ActionData = { saved?: string; error?: string; field?: string };

export default function Verwijderen() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionData | undefined;
  const busy = useNavigation().state !== 'idle';
  const r = d.request;
  return (
    <section aria-labelledby="verwijderen-titel" className="stack verwijderen">
      <h2 id="verwijderen-titel">
        <Trash2 aria-hidden="true" size={20} /> Gegevens laten verwijderen
      </h2>
      {result?.error ? (
        <p className="alert" role="alert">
          {result.error}
        </p>
      ) : null}
      {result?.saved ? <p role="status">{result.saved}</p> : null}

      {r ? (
        <div className="card stack">
          <p>
            {r.requesterName} vroeg op {formatDateTime(r.requestedAt)} om de gegevens te verwijderen.
          </p>
          {r.note ? <p className="verwijderen-note">“{r.note}”</p> : null}
          <p>
            <strong>{r.status}</strong>
          </p>
          {r.decision && r.reason ? (
            <p>
              Waarom: {r.reason}
              {r.decidedAt ? <span className="muted"> ({formatDateTime(r.decidedAt)})</span> : null}
            </p>
          ) : null}
        </div>
      ) : null}

      {d.canRequest ? (
        <Form method="post" className="card stack">
          <input type="hidden" name="intent" value="request-deletion" />
          <p>Wil je dat alles van jullie in Veiligplan wordt verwijderd? Dan vraag je dat hier. De jeugdbeschermer beslist en legt uit waarom.</p>
          <label className="field">
            <span>Wil je er iets bij zeggen? (mag leeg blijven)</span>
            <textarea name="note" rows={3} maxLength={MAX_DELETION_NOTE_CHARS} aria-invalid={result?.field === 'note' || undefined} />
          </label>
          <button type="submit" className="button button-primary" disabled={busy}>
            Vraag om verwijderen
          </button>
        </Form>
      ) : null}

      {d.canDecide && r && r.decision === null ? (
        <Form method="post" className="card stack">
          <input type="hidden" name="intent" value="decide-deletion" />
          <input type="hidden" name="requestId" value={r.id} />
          <fieldset className="stack">
            <legend>Jouw besluit</legend>
            <label>
              <input type="radio" name="decision" value="afgewezen" defaultChecked /> Afwijzen
            </label>
            <label>
              <input type="radio" name="decision" value="toegekend" /> Toekennen: alles van deze casus wordt meteen en voorgoed verwijderd
            </label>
          </fieldset>
          <label className="field">
            <span>Reden (het gezin leest dit)</span>
            <textarea name="reason" rows={3} required maxLength={MAX_DELETION_REASON_CHARS} aria-invalid={result?.field === 'reason' || undefined} />
          </label>
          <label>
            <input type="checkbox" name="confirm" aria-invalid={result?.field === 'confirm' || undefined} /> Bij toekennen: ik weet dat alles van deze casus
            meteen en voorgoed wordt verwijderd. Wat in het dossier van de GI moet, staat daar al.
          </label>
          <button type="submit" className="button button-primary" disabled={busy}>
            Besluit bewaren
          </button>
        </Form>
      ) : null}

      {!r && !d.canRequest ? <p className="muted">Er is geen vraag om gegevens te verwijderen.</p> : null}
    </section>
  );
}
