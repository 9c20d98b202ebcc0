import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { Building2, CircleAlert, LogIn } from 'lucide-react';
import { LOGIN_MESSAGES, loginWaitMessage } from '../domain/login';
import { answer } from '../utils/commandAction.server';
import { readForm } from '../utils/forms.server';
import { safeRedirectTarget } from '../utils/redirect';

export const meta: MetaFunction = () => [{ title: 'Inloggen · Veiligplan' }];

/** While a login delay runs, the page says how long in Retry-After too (ADR 037). */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers();
  const retryAfter = actionHeaders.get('Retry-After');
  if (retryAfter) headers.set('Retry-After', retryAfter);
  return headers;
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await context.services.auth.getViewer(request);
  // Professionals land on Mijn overzicht; family and netwerk sessions are sent on to their case from there.
  if (viewer) return redirect(safeRedirectTarget(new URL(request.url).searchParams.get('redirectTo'), viewer.kind === 'professional' ? '/overzicht' : '/'));
  // ADR 032: "Inloggen via je organisatie" only when a provider is configured.
  const oidc = new URL(request.url).searchParams.get('oidc');
  return json({
    oidc: Boolean(context.services.oidc),
    oidcError: oidc && Object.hasOwn(OIDC_MESSAGES, oidc) ? OIDC_MESSAGES[oidc as keyof typeof OIDC_MESSAGES] : null,
  });
}

const OIDC_MESSAGES = {
  mislukt: 'Inloggen via je organisatie lukte niet. Probeer het opnieuw of log in met je wachtwoord.',
  onbekend: 'Er is geen Veiligplan-account bij dit account van je organisatie. Vraag de beheerder om een account.',
  uit: 'Dit account is uitgezet. Vraag de beheerder van je organisatie.',
} as const;

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  return answer(async () => {
    const result = await context.services.commands.logIn(form, context.clientIp);
    if (!result.ok && result.reason === 'throttled') {
      return json({ error: loginWaitMessage(result.retryAfterS) }, { status: 429, headers: { 'Retry-After': String(result.retryAfterS) } });
    }
    if (!result.ok) return json({ error: LOGIN_MESSAGES[result.reason] }, { status: 401 });
    if (result.pending) {
      // ADR 032: the password was right; the second step (or setting it up) comes first.
      const step = result.pending === 'code' ? '/login/tweede-stap' : '/account/tweede-stap';
      const target = safeRedirectTarget(result.redirectTo ?? null, '/overzicht');
      return redirect(`${step}?redirectTo=${encodeURIComponent(target)}`, { headers: { 'Set-Cookie': result.setCookie } });
    }
    return redirect(safeRedirectTarget(result.redirectTo ?? null, '/overzicht'), { headers: { 'Set-Cookie': result.setCookie } });
  });
}

export default function Login() {
  const actionData = useActionData<typeof action>();
  const loaderData = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const busy = navigation.state !== 'idle';
  return (
    <section className="login card" aria-labelledby="login-titel">
      <h1 id="login-titel">Inloggen</h1>
      <p className="muted">Voor professionals. Ben je ouder, familie of netwerklid? Gebruik dan de persoonlijke link die je hebt gekregen.</p>
      {actionData?.error ? (
        <p className="alert" role="alert" id="login-fout">
          <CircleAlert aria-hidden="true" size={20} />
          <span>{actionData.error}</span>
        </p>
      ) : null}
      <Form method="post" className="stack" aria-describedby={actionData?.error ? 'login-fout' : undefined}>
        <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
        <label className="field">
          <span>E-mailadres</span>
          <input type="email" name="email" autoComplete="username" required />
        </label>
        <label className="field">
          <span>Wachtwoord</span>
          <input type="password" name="password" autoComplete="current-password" required />
        </label>
        <button type="submit" className="button button-primary" disabled={busy}>
          <LogIn aria-hidden="true" size={18} />
          <span>{busy ? 'Bezig met inloggen…' : 'Inloggen'}</span>
        </button>
      </Form>
      {loaderData.oidcError ? (
        <p className="alert" role="alert">
          <CircleAlert aria-hidden="true" size={20} />
          <span>{loaderData.oidcError}</span>
        </p>
      ) : null}
      {loaderData.oidc ? (
        <a href="/login/oidc" className="button">
          <Building2 aria-hidden="true" size={18} />
          <span>Inloggen via je organisatie</span>
        </a>
      ) : null}
    </section>
  );
}
