/**
 * The address behind the QR code on the wall. The code only says which
 * meeting; the viewer's own sign-in (a professional session or a personal
 * link) says who they are. Not signed in: a page that says nothing about the
 * meeting or the case. An unknown code, an ended meeting and a case the
 * viewer is not in get one and the same 404 page.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { KeyRound, Users } from 'lucide-react';
import meetingStyles from '../styles/meeting.css';
import { normalizeMeetingCode } from '../domain/meeting';
import { handleIntent } from '../utils/commandAction.server';
import { readForm } from '../utils/forms.server';
import { resolveMeetingCode } from '../utils/meetings.server';

export const links = () => [{ rel: 'stylesheet', href: meetingStyles }];
export const meta: MetaFunction = () => [{ title: 'Meedoen aan een netwerkberaad · Veiligplan' }];

const NO_STORE = { 'Cache-Control': 'no-store' };
const UNKNOWN = 'Deze code hoort niet bij een netwerkberaad van jou.';

type CodePage = { state: 'signed-out'; login: string } | { state: 'unknown' } | { state: 'ok'; name: string };

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const r = await resolveMeetingCode(request, context, params.code);
  if (r.state === 'signed-out') {
    const code = normalizeMeetingCode(params.code);
    const back = code ? `/sessie/${code}` : '/sessie';
    return json<CodePage>({ state: 'signed-out', login: `/login?redirectTo=${encodeURIComponent(back)}` }, { headers: NO_STORE });
  }
  if (r.state === 'unknown') return json<CodePage>({ state: 'unknown' }, { status: 404, headers: NO_STORE });
  return json<CodePage>({ state: 'ok', name: r.name }, { headers: NO_STORE });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const form = await readForm(request);
  const r = await resolveMeetingCode(request, context, params.code);
  if (r.state === 'signed-out') return json({ error: 'Open eerst je eigen persoonlijke link of log in.' }, { status: 401, headers: NO_STORE });
  if (r.state === 'unknown') return json({ error: UNKNOWN }, { status: 404, headers: NO_STORE });
  return handleIntent<Response>(form, {
    join: () => {
      context.services.commands.joinMeeting(r.by, { code: r.code });
      return redirect(`/casussen/${r.caseId}/sessie`, { headers: NO_STORE });
    },
  });
}

export default function JoinMeeting() {
  const data = useLoaderData<typeof loader>() as CodePage;
  const acted = useActionData<typeof action>() as { error?: string } | undefined;
  const busy = useNavigation().state !== 'idle';
  if (data.state === 'signed-out') {
    return (
      <section className="login card join-card" aria-labelledby="titel">
        <KeyRound aria-hidden="true" size={32} />
        <h1 id="titel">Open eerst je eigen persoonlijke link of log in</h1>
        <p>Heb je een persoonlijke link gekregen? Open die link eerst op deze telefoon. Scan daarna de code op het scherm opnieuw.</p>
        <p>Ben je professional? Log dan eerst in.</p>
        <p>
          <Link to={data.login} className="button button-primary">
            Inloggen
          </Link>
        </p>
      </section>
    );
  }
  if (data.state === 'unknown') {
    return (
      <section className="notice join-card" aria-labelledby="titel">
        <h1 id="titel">{UNKNOWN}</h1>
        <p>Kijk nog eens goed naar de code op het scherm. Of vraag wie het gesprek leidt om hulp.</p>
        <p>
          <Link to="/sessie">Een code typen</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="login card join-card" aria-labelledby="titel">
      <Users aria-hidden="true" size={32} />
      <h1 id="titel">Meedoen aan het netwerkberaad</h1>
      <p>Je doet mee als {data.name}. Wat je op je telefoon doet, zien de anderen onder jouw naam.</p>
      {acted?.error ? (
        <p className="alert" role="alert">
          {acted.error}
        </p>
      ) : null}
      <Form method="post">
        <input type="hidden" name="intent" value="join" />
        <button type="submit" className="button button-primary button-big" disabled={busy}>
          Doe mee als {data.name}
        </button>
      </Form>
    </section>
  );
}
