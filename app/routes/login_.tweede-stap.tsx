/**
 * The second step of signing in (ADR 032): after the right password, a
 * professional with a second factor types the code from their app, or one of
 * their recovery codes. Only a half-signed-in session reaches this page; it
 * becomes a full session (with a new id) once the code is right. Wrong codes
 * are throttled like passwords and audited.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, useActionData, useNavigation, useSearchParams } from '@remix-run/react';
import { CircleAlert, ShieldCheck } from 'lucide-react';
import { answer } from '../utils/commandAction.server';
import { readForm } from '../utils/forms.server';
import { safeRedirectTarget } from '../utils/redirect';

export const meta: MetaFunction = () => [{ title: 'Tweede stap · Veiligplan' }];

const WRONG = {
  invalid: 'Deze code klopt niet. Probeer het opnieuw.',
  throttled: 'Te veel pogingen. Wacht een kwartier en probeer het dan opnieuw.',
} as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const pending = await context.services.auth.pendingSignIn(request);
  if (!pending) return redirect('/login');
  if (pending.need === 'setup') return redirect(`/account/tweede-stap${new URL(request.url).search}`);
  return json({});
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { auth, commands } = context.services;
  const pending = await auth.pendingSignIn(request);
  if (!pending || pending.need !== 'code') return json({ error: 'Log eerst in met je e-mailadres en wachtwoord.' }, { status: 401 });
  const form = await readForm(request);
  return answer(async () => {
    const result = await commands.verifySecondStep({ userId: pending.userId }, form, context.clientIp);
    if (!result.ok) return json({ error: WRONG[result.reason] }, { status: result.reason === 'throttled' ? 429 : 401 });
    const done = await auth.completeSecondStep(request, result.method);
    const target = typeof form.redirectTo === 'string' ? form.redirectTo : null;
    return redirect(safeRedirectTarget(target, '/overzicht'), { headers: { 'Set-Cookie': done.setCookie } });
  });
}

export default function SecondStep() {
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const busy = useNavigation().state !== 'idle';
  const error = actionData && 'error' in actionData ? actionData.error : null;
  return (
    <section className="login card" aria-labelledby="tweede-stap-titel">
      <h1 id="tweede-stap-titel">Tweede stap</h1>
      <p className="muted">Vul de code van 6 cijfers in uit je app. Heb je je telefoon niet? Gebruik dan een van je herstelcodes.</p>
      {error ? (
        <p className="alert" role="alert" id="tweede-stap-fout">
          <CircleAlert aria-hidden="true" size={20} />
          <span>{error}</span>
        </p>
      ) : null}
      <Form method="post" className="stack" aria-describedby={error ? 'tweede-stap-fout' : undefined}>
        <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
        <label className="field">
          <span>Code of herstelcode</span>
          <input type="text" name="code" inputMode="text" autoComplete="one-time-code" autoCapitalize="characters" required maxLength={40} />
        </label>
        <button type="submit" className="button button-primary" disabled={busy}>
          <ShieldCheck aria-hidden="true" size={18} />
          <span>{busy ? 'Bezig…' : 'Inloggen'}</span>
        </button>
      </Form>
      <Form method="post" action="/logout">
        <button type="submit" className="button">
          Stoppen en uitloggen
        </button>
      </Form>
    </section>
  );
}
