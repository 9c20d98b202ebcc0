/**
 * Beheer · Instellingen (issue 18, ADR 031): the settings of the beheerder's
 * own organisation — name, out-of-hours number, the scale question new cases
 * start with, the retention term of closed cases, the age rules for the
 * jeugdige and whether professionals must use a second factor. One form, one
 * command (setOwnOrganisationSettings: validated, audited). Only a beheerder
 * loads or posts here.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { CircleAlert, Save } from 'lucide-react';
import { DEFAULT_SCALE_QUESTION } from '../domain/caseFacts';
import { handleIntent } from '../utils/commandAction.server';
import { readForm } from '../utils/forms.server';
import { notFound } from '../utils/responses';

export async function loader({ request, context }: LoaderFunctionArgs) {
  const me = await context.services.auth.requireBeheerder(request);
  const org = context.services.beheer.organisation(me.organisationId);
  if (!org) throw notFound();
  return json({
    name: org.name,
    outOfHoursPhone: org.outOfHoursPhone ?? '',
    defaultScaleQuestion: org.defaultScaleQuestion ?? '',
    retentionMonths: org.retentionMonths,
    childOwnLinkAge: org.childOwnLinkAge,
    childDecidesAge: org.childDecidesAge,
    requireSecondFactor: org.requireSecondFactor,
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const me = await context.services.auth.requireBeheerder(request);
  const form = await readForm(request);
  return handleIntent<Response>(form, {
    'save-settings': () => {
      const { intent: _intent, ...fields } = form;
      context.services.commands.setOwnOrganisationSettings({ userId: me.id }, fields);
      return json({ saved: 'De instellingen zijn opgeslagen.' });
    },
  });
}

export default function Instellingen() {
  const s = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as { error?: string; field?: string; saved?: string } | undefined;
  const busy = useNavigation().state !== 'idle';
  return (
    <section className="card stack" aria-labelledby="instellingen-titel">
      <h2 id="instellingen-titel">Instellingen van de organisatie</h2>
      {result?.error ? (
        <p className="alert" role="alert">
          <CircleAlert aria-hidden="true" size={20} />
          <span>{result.error}</span>
        </p>
      ) : null}
      {result?.saved ? <p role="status">{result.saved}</p> : null}
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="save-settings" />
        <label className="field">
          <span>Naam van de organisatie</span>
          <input name="name" defaultValue={s.name} required maxLength={200} />
        </label>
        <label className="field">
          <span>Telefoonnummer buiten kantooruren (mag leeg)</span>
          <input type="tel" name="outOfHoursPhone" defaultValue={s.outOfHoursPhone} maxLength={40} />
        </label>
        <label className="field">
          <span>Schaalvraag waarmee een nieuwe casus begint (leeg: de standaardvraag)</span>
          <textarea name="defaultScaleQuestion" defaultValue={s.defaultScaleQuestion} maxLength={1000} rows={3} />
          <span className="muted small">Standaardvraag: {DEFAULT_SCALE_QUESTION}</span>
        </label>
        <label className="field small">
          <span>Bewaartermijn na afsluiten (maanden, 1 tot 240)</span>
          <input type="number" name="retentionMonths" defaultValue={s.retentionMonths} min={1} max={240} required />
        </label>
        <div className="row">
          <label className="field small">
            <span>Eigen link voor de jeugdige vanaf (jaar)</span>
            <input type="number" name="childOwnLinkAge" defaultValue={s.childOwnLinkAge} min={0} max={18} required />
          </label>
          <label className="field small">
            <span>De jongere kiest zelf wie de huizen ziet vanaf (jaar)</span>
            <input type="number" name="childDecidesAge" defaultValue={s.childDecidesAge} min={0} max={18} required />
          </label>
        </div>
        <fieldset className="stack">
          <legend>Tweede stap bij inloggen verplicht voor professionals</legend>
          <label className="row">
            <input type="radio" name="requireSecondFactor" value="ja" defaultChecked={s.requireSecondFactor} /> Ja
          </label>
          <label className="row">
            <input type="radio" name="requireSecondFactor" value="nee" defaultChecked={!s.requireSecondFactor} /> Nee
          </label>
        </fieldset>
        <button type="submit" className="button button-primary" disabled={busy}>
          <Save aria-hidden="true" size={18} /> Opslaan
        </button>
      </Form>
    </section>
  );
}
