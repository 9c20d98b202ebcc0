/**
 * Berichten: a family or netwerk member chooses, on their own phone, whether
 * they get a short message (e-mail and/or SMS) when something important
 * happens, and where to. Only for themselves. Messages never hold plan text
 * or names; the person looks with their own link. Professionals are sent to
 * their Mijn overzicht (daily digest).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { BellRing } from 'lucide-react';
import { NOTIFICATION_SETTINGS_TEXT } from '../domain/notifications';
import { mayChooseNotifications } from '../domain/permissions';
import { requireCaseAction, requireCaseParticipant } from '../utils/caseAccess.server';
import { handleIntent } from '../utils/commandAction.server';
import { notificationSettingsOf } from '../utils/notifications.server';

export const meta: MetaFunction = () => [{ title: 'Berichten · Veiligplan' }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { participant, viewer } = await requireCaseParticipant(request, context, params.caseId);
  const allowed = mayChooseNotifications(participant.role, { professionalAccount: viewer.kind === 'professional' });
  const settings = allowed ? notificationSettingsOf(context.services.db, participant.id) : null;
  return json({ caseId: participant.caseId, allowed, settings });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { by, form } = await requireCaseAction(request, context, params.caseId);
  return handleIntent(form, {
    'save-notifications': () => {
      const r = context.services.commands.saveNotificationSettings(by, form);
      const how = [r.byEmail ? 'een e-mail' : null, r.bySms ? 'een sms' : null].filter(Boolean).join(' en ');
      return json({ saved: how ? `Bewaard. Je krijgt ${how} als er iets belangrijks is.` : 'Bewaard. Je krijgt geen berichten.' });
    },
  });
}

type ActionData = { saved?: string; error?: string; field?: string };

export default function Meldingen() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionData | undefined;
  const busy = useNavigation().state !== 'idle';
  if (!d.allowed || !d.settings) {
    return (
      <section aria-labelledby="berichten-titel" className="stack">
        <h2 id="berichten-titel">Berichten</h2>
        <p>
          Als professional krijg je elke ochtend een dagoverzicht per e-mail. Dat zet je aan of uit op <Link to="/overzicht">Mijn overzicht</Link>.
        </p>
      </section>
    );
  }
  const s = d.settings;
  return (
    <section aria-labelledby="berichten-titel" className="stack meldingen">
      <h2 id="berichten-titel">
        <BellRing aria-hidden="true" size={20} /> Berichten
      </h2>
      <p>{NOTIFICATION_SETTINGS_TEXT.explain}</p>
      {result?.error ? (
        <p className="alert" role="alert">
          {result.error}
        </p>
      ) : null}
      {result?.saved ? <p role="status">{result.saved}</p> : null}
      <Form method="post" className="card stack">
        <input type="hidden" name="intent" value="save-notifications" />
        <fieldset className="stack meldingen-keuze">
          <legend>{NOTIFICATION_SETTINGS_TEXT.question}</legend>
          <label className="meldingen-check">
            <input type="checkbox" name="byEmail" defaultChecked={s.byEmail} /> {NOTIFICATION_SETTINGS_TEXT.email}
          </label>
          <label className="field">
            <span>Je e-mailadres</span>
            <input
              type="email"
              name="email"
              defaultValue={s.email}
              autoComplete="email"
              maxLength={320}
              aria-invalid={result?.field === 'email' || undefined}
            />
          </label>
          <label className="meldingen-check">
            <input type="checkbox" name="bySms" defaultChecked={s.bySms} /> {NOTIFICATION_SETTINGS_TEXT.sms}
          </label>
          <label className="field">
            <span>Je mobiele nummer</span>
            <input type="tel" name="phone" defaultValue={s.phone} autoComplete="tel" maxLength={40} aria-invalid={result?.field === 'phone' || undefined} />
          </label>
        </fieldset>
        <button type="submit" className="button button-primary" disabled={busy}>
          Bewaren
        </button>
      </Form>
      <p className="muted">Wil je geen berichten meer? Zet de vinkjes uit en kies Bewaren.</p>
    </section>
  );
}
