/**
 * Afsluiten and heropenen (issue 14 point 7): closing a case takes a reason
 * and makes a final version; a closed case is read-only for everyone and
 * only the jeugdbeschermer reopens it, with a reason. Professionals only
 * (family and netwerk get the same 404 as for the Logboek); the forms show
 * to those who may use them, the commands decide.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { Archive, ArchiveRestore, Lock } from 'lucide-react';
import { isProfessionalRole } from '../domain/caseFacts';
import { mayCloseCase, mayReopenCase } from '../domain/permissions';
import { requireCaseAction, requireCaseParticipant } from '../utils/caseAccess.server';
import { handleIntent } from '../utils/commandAction.server';
import { formatDay } from '../utils/formatDay';
import { notFound, type ActionAnswer } from '../utils/responses';

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { participant } = await requireCaseParticipant(request, context, params.caseId);
  if (!isProfessionalRole(participant.role)) throw notFound();
  const state = context.services.closing.state(participant.caseId);
  if (!state) throw notFound();
  const closed = state.closedAt !== null;
  return json({
    caseId: participant.caseId,
    ...state,
    canClose: !closed && mayCloseCase(participant.role),
    canReopen: closed && mayReopenCase(participant.role),
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { by, form } = await requireCaseAction(request, context, params.caseId);
  const { commands } = context.services;
  return handleIntent(form, {
    'close-case': () => {
      commands.closeCase(by, form);
      return json({ saved: 'De casus is afgesloten. Er is een laatste versie bewaard. Iedereen kan alles nog lezen, maar niemand kan nog iets wijzigen.' });
    },
    'reopen-case': () => {
      commands.reopenCase(by, form);
      return json({ saved: 'De casus is weer geopend. Iedereen kan weer meewerken zoals voorheen.' });
    },
  });
}

type ActionData = ActionAnswer;

function Moment({ what, moment }: { what: string; moment: { at: number; by: string | null; reason: string | null } }) {
  return (
    <p>
      {what} op {formatDay(moment.at)}
      {moment.by ? ` door ${moment.by}` : ''}.{moment.reason ? ` Reden: ${moment.reason}` : ''}
    </p>
  );
}

export default function Afsluiten() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionData | undefined;
  const busy = useNavigation().state !== 'idle';
  const closed = d.closedAt !== null;
  return (
    <section aria-labelledby="tab-titel" className="stack">
      <h2 id="tab-titel">{closed ? 'Casus afgesloten' : 'Casus afsluiten'}</h2>
      {result?.error ? (
        <p className="alert" role="alert">
          {result.error}
        </p>
      ) : null}
      {result?.saved ? <p role="status">{result.saved}</p> : null}

      {closed ? (
        <>
          <p className="readonly-note">
            <Lock aria-hidden="true" size={18} /> Deze casus is afgesloten op {formatDay(d.closedAt!)}. Je kunt alles nog lezen, maar niets meer wijzigen.
          </p>
          {d.lastClosed ? <Moment what="Afgesloten" moment={d.lastClosed} /> : null}
          <p>
            De laatste versie heet “Afgesloten” en staat bij <Link to={`/casussen/${d.caseId}/versies`}>Versies</Link>.
          </p>
        </>
      ) : (
        <>
          <p>
            Afsluiten maakt een laatste versie van de kaart, het veiligheidsplan en de bodemeisen. Daarna kan iedereen alles nog lezen, maar niemand kan nog
            iets wijzigen. Persoonlijke links blijven werken om te lezen. Alleen de jeugdbeschermer kan de casus weer openen.
          </p>
          {d.lastReopened ? <Moment what="Eerder weer geopend" moment={d.lastReopened} /> : null}
        </>
      )}

      {d.canClose ? (
        <Form method="post" className="card stack" aria-labelledby="afsluiten-titel">
          <h3 id="afsluiten-titel">
            <Archive aria-hidden="true" size={18} /> Casus afsluiten
          </h3>
          {d.openOverdracht ? (
            <p className="alert" role="alert">
              Er loopt nog een overdracht van de regie. Rond die eerst af of stop haar; daarna kun je de casus afsluiten.
            </p>
          ) : null}
          {d.openBesluiten > 0 ? (
            <p className="muted">
              Let op: {d.openBesluiten === 1 ? 'één besluit wacht' : `${d.openBesluiten} besluiten wachten`} nog op een tweede professional. Na het afsluiten
              kan dat niet meer.
            </p>
          ) : null}
          <input type="hidden" name="intent" value="close-case" />
          <label className="field">
            <span>Waarom wordt de casus afgesloten? (het gezin leest deze reden)</span>
            <textarea name="reason" required minLength={3} maxLength={1000} rows={3} />
          </label>
          <button type="submit" className="button button-primary" disabled={busy || d.openOverdracht}>
            Casus afsluiten
          </button>
        </Form>
      ) : null}

      {d.canReopen ? (
        <Form method="post" className="card stack" aria-labelledby="heropenen-titel">
          <h3 id="heropenen-titel">
            <ArchiveRestore aria-hidden="true" size={18} /> Casus weer openen
          </h3>
          <input type="hidden" name="intent" value="reopen-case" />
          <label className="field">
            <span>Waarom wordt de casus weer geopend? (het gezin leest deze reden)</span>
            <textarea name="reason" required minLength={3} maxLength={1000} rows={3} />
          </label>
          <button type="submit" className="button button-primary" disabled={busy}>
            Casus weer openen
          </button>
        </Form>
      ) : null}

      {!d.canClose && !d.canReopen ? (
        <p className="muted">
          {closed ? 'Alleen de jeugdbeschermer kan een afgesloten casus weer openen.' : 'Alleen de jeugdbeschermer of casusregisseur kan de casus afsluiten.'}
        </p>
      ) : null}
    </section>
  );
}
