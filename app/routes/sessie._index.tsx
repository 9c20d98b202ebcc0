/**
 * Joining a netwerkberaad by typing the code from the wall: the form GETs
 * this page with `?code=`, which sends a code that can be one on to
 * /sessie/<code> (that page decides who may join). Says nothing about any
 * meeting or case.
 */
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { Users } from 'lucide-react';
import meetingStyles from '../styles/meeting.css';
import { MEETING_CODE_LENGTH, normalizeMeetingCode } from '../domain/meeting';

export const links = () => [{ rel: 'stylesheet', href: meetingStyles }];
export const meta: MetaFunction = () => [{ title: 'Meedoen aan een netwerkberaad · Veiligplan' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const typed = new URL(request.url).searchParams.get('code');
  if (typed === null) return json({ error: null as string | null });
  const code = normalizeMeetingCode(typed);
  if (code) return redirect(`/sessie/${code}`);
  return json({ error: `Een code heeft ${MEETING_CODE_LENGTH} tekens, bijvoorbeeld ABC 234. Kijk nog eens goed op het scherm.` }, { status: 400 });
}

export default function JoinByCode() {
  const { error } = useLoaderData<typeof loader>();
  return (
    <section className="login card join-card" aria-labelledby="titel">
      <Users aria-hidden="true" size={32} />
      <h1 id="titel">Meedoen aan een netwerkberaad</h1>
      <p>Typ de code die op het grote scherm staat.</p>
      {error ? (
        <p className="alert" role="alert" id="code-fout">
          {error}
        </p>
      ) : null}
      <Form method="get" className="stack" aria-describedby={error ? 'code-fout' : undefined}>
        <label className="field">
          <span>Code</span>
          <input name="code" required maxLength={20} autoComplete="off" autoCapitalize="characters" spellCheck={false} className="join-code-input" />
        </label>
        <button type="submit" className="button button-primary">
          Verder
        </button>
      </Form>
    </section>
  );
}
