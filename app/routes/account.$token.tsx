/**
 * An invitation link (issue 18, ADR 031): "Kies je wachtwoord". The GET only
 * shows the form — it writes nothing and makes no session, so a link-preview
 * bot uses nothing up. The POST sets the password (acceptInvitation: at least
 * 12 characters, argon2id, the link used up, other links revoked) and sends
 * the person to the login. An unknown, used, revoked or expired link, or one
 * of a deactivated account, all get the same page.
 */
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { CircleAlert, KeyRound } from 'lucide-react';
import { INVITATION_INVALID } from '../domain/beheer';
import { answer } from '../utils/commandAction.server';
import { readForm } from '../utils/forms.server';

export const meta: MetaFunction = () => [{ title: 'Kies je wachtwoord · Veiligplan' }, { name: 'robots', content: 'noindex' }];
export const headers: HeadersFunction = () => ({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' });

export async function loader({ params, context }: LoaderFunctionArgs) {
  const invitation = context.services.beheer.validInvitation(params.token ?? '');
  return json(invitation ? { valid: true as const, name: invitation.name, email: invitation.email } : { valid: false as const, name: '', email: '' }, {
    headers: { 'Cache-Control': 'no-store' },
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  return answer(async () => {
    await context.services.commands.acceptInvitation({ password: form.password, repeat: form.repeat, token: params.token ?? '' });
    return redirect('/login');
  });
}

export default function KiesWachtwoord() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as { error?: string; field?: string } | undefined;
  const busy = useNavigation().state !== 'idle';
  if (!d.valid || result?.field === 'token') {
    return (
      <section className="notice" aria-labelledby="link-titel">
        <CircleAlert aria-hidden="true" size={40} />
        <h1 id="link-titel">Deze link werkt niet</h1>
        <p>{INVITATION_INVALID}</p>
        <p>
          <Link to="/login">Naar inloggen</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="login card" aria-labelledby="wachtwoord-titel">
      <h1 id="wachtwoord-titel">Kies je wachtwoord</h1>
      <p>
        Welkom, {d.name}. Je logt in met <strong>{d.email}</strong> en het wachtwoord dat je nu kiest. Kies minstens 12 tekens, bijvoorbeeld een zin van een
        paar woorden.
      </p>
      {result?.error ? (
        <p className="alert" role="alert" id="wachtwoord-fout">
          <CircleAlert aria-hidden="true" size={20} />
          <span>{result.error}</span>
        </p>
      ) : null}
      <Form method="post" className="stack" aria-describedby={result?.error ? 'wachtwoord-fout' : undefined}>
        <input type="hidden" name="username" value={d.email} autoComplete="username" />
        <label className="field">
          <span>Nieuw wachtwoord</span>
          <input type="password" name="password" autoComplete="new-password" minLength={12} required />
        </label>
        <label className="field">
          <span>Nog een keer</span>
          <input type="password" name="repeat" autoComplete="new-password" minLength={12} required />
        </label>
        <button type="submit" className="button button-primary" disabled={busy}>
          <KeyRound aria-hidden="true" size={18} /> {busy ? 'Bezig…' : 'Wachtwoord opslaan'}
        </button>
      </Form>
    </section>
  );
}
