/**
 * Setting up the second factor (ADR 032). A professional (signed in, or half
 * signed in because the organisation requires a second factor) gets a secret
 * made on the server, shown as a QR code and as text; it is kept in the
 * server-side session data until a first valid code confirms it. Then the
 * ten recovery codes are shown ONCE, and a half session becomes a full one
 * (upgraded in place: the page is rendered again on that session).
 * A half session that owes a code (not a set-up) cannot use this page.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { CircleAlert, ShieldCheck } from 'lucide-react';
import { answer } from '../utils/commandAction.server';
import { readForm } from '../utils/forms.server';
import { safeRedirectTarget } from '../utils/redirect';
import { newTotpSecret, qrSvg, totpUri } from '../utils/secondFactor.server';

export const meta: MetaFunction = () => [{ title: 'Tweede stap instellen · Veiligplan' }];

type Context = LoaderFunctionArgs['context'];

/** Who is setting up: a half session that owes the set-up, or a signed-in professional; anyone else is sent on. */
async function whoSetsUp(request: Request, context: Context) {
  const { auth } = context.services;
  const pending = await auth.pendingSignIn(request);
  if (pending?.need === 'code') throw redirect('/login/tweede-stap');
  if (pending) return { userId: pending.userId, email: pending.email, required: true, enabled: false };
  const user = await auth.requireProfessional(request);
  return { userId: user.id, email: user.email, required: false, enabled: auth.secondStepNeeded(user.id) === 'code' };
}

async function candidateOf(request: Request, context: Context): Promise<string | undefined> {
  const session = await context.services.auth.sessionStorage.getSession(request.headers.get('Cookie'));
  return session.get('totpCandidate');
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const who = await whoSetsUp(request, context);
  if (who.enabled) return json({ enabled: true as const, required: who.required, secret: null, qr: null });
  let secret = await candidateOf(request, context);
  const headers = new Headers();
  if (!secret) {
    secret = newTotpSecret();
    headers.set('Set-Cookie', await context.services.auth.keepTotpCandidate(request, secret));
  }
  return json({ enabled: false as const, required: who.required, secret, qr: await qrSvg(totpUri(secret, who.email)) }, { headers });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const who = await whoSetsUp(request, context);
  const form = await readForm(request);
  const candidate = await candidateOf(request, context);
  return answer(async () => {
    const { recoveryCodes } = await context.services.commands.enableSecondFactor({ userId: who.userId }, form, candidate);
    const done = await context.services.auth.completeSecondStep(request, 'totp', { inPlace: true });
    const next = safeRedirectTarget(typeof form.redirectTo === 'string' ? form.redirectTo : null, '/overzicht');
    return json({ recoveryCodes, next }, { headers: { 'Set-Cookie': done.setCookie } });
  });
}

export default function SetUpSecondStep() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const busy = useNavigation().state !== 'idle';
  if (actionData && 'recoveryCodes' in actionData) {
    return (
      <section className="card second-factor" aria-labelledby="herstel-titel">
        <h1 id="herstel-titel">Je tweede stap staat aan</h1>
        <p>
          Dit zijn je <strong>herstelcodes</strong>. Je ziet ze maar één keer. Bewaar ze op een veilige plek, niet op je telefoon. Elke code werkt één keer, als
          je je telefoon kwijt bent.
        </p>
        <ol className="recovery-codes">
          {actionData.recoveryCodes.map((code) => (
            <li key={code}>
              <code>{code}</code>
            </li>
          ))}
        </ol>
        <Link to={actionData.next} className="button button-primary">
          Ik heb ze bewaard, verder
        </Link>
      </section>
    );
  }
  const error = actionData && 'error' in actionData ? actionData.error : null;
  if (data.enabled) {
    return (
      <section className="card second-factor" aria-labelledby="tweede-stap-titel">
        <h1 id="tweede-stap-titel">Tweede stap</h1>
        <p>Je tweede stap is ingesteld. Ben je je telefoon kwijt? Vraag de beheerder van je organisatie om hem opnieuw in te stellen.</p>
      </section>
    );
  }
  return (
    <section className="card second-factor" aria-labelledby="tweede-stap-titel">
      <h1 id="tweede-stap-titel">Tweede stap instellen</h1>
      {data.required ? <p>Je organisatie vraagt een tweede stap bij het inloggen. Stel die eerst in; daarna kun je verder.</p> : null}
      <ol className="stack">
        <li>Open een app voor inlogcodes op je telefoon (bijvoorbeeld Microsoft Authenticator of Google Authenticator).</li>
        <li>Scan deze QR-code met de app. Lukt scannen niet? Typ dan de sleutel over.</li>
        <li>Vul de code van 6 cijfers in die de app laat zien.</li>
      </ol>
      {data.qr ? <div className="qr" role="img" aria-label="QR-code voor je app" dangerouslySetInnerHTML={{ __html: data.qr }} /> : null}
      <p>
        Sleutel: <code className="totp-secret">{data.secret}</code>
      </p>
      {error ? (
        <p className="alert" role="alert" id="instellen-fout">
          <CircleAlert aria-hidden="true" size={20} />
          <span>{error}</span>
        </p>
      ) : null}
      <Form method="post" className="stack" aria-describedby={error ? 'instellen-fout' : undefined}>
        <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
        <label className="field">
          <span>Code uit de app</span>
          <input type="text" name="code" inputMode="numeric" autoComplete="one-time-code" required maxLength={20} />
        </label>
        <button type="submit" className="button button-primary" disabled={busy}>
          <ShieldCheck aria-hidden="true" size={18} />
          <span>{busy ? 'Bezig…' : 'Tweede stap aanzetten'}</span>
        </button>
      </Form>
      {data.required ? (
        <Form method="post" action="/logout">
          <button type="submit" className="button">
            Stoppen en uitloggen
          </button>
        </Form>
      ) : null}
    </section>
  );
}
