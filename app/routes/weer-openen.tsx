/**
 * The way back to the plan for a family or netwerk member whose sign-in on
 * this device is over (their link's term passed, they were signed out
 * everywhere, or they use another browser): a bookmarked case page lands here,
 * never on the professionals' login (ADR 028). It shows nothing of any case.
 */
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { Link2 } from 'lucide-react';
import { useClearLocalCopies } from '../collab/useClearLocalCopies';
import { safeRedirectTarget } from '../utils/redirect';

export const meta: MetaFunction = () => [{ title: 'Het plan weer openen · Veiligplan' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const target = safeRedirectTarget(new URL(request.url).searchParams.get('redirectTo'), '/');
  // Signed in after all (another tab opened the link): straight back to where they were going.
  if (await context.services.auth.getViewer(request)) throw redirect(target);
  return json({ login: `/login?redirectTo=${encodeURIComponent(target)}` }, { status: 401, headers: { 'Cache-Control': 'no-store' } });
}

export default function WayBack() {
  const { login } = useLoaderData<typeof loader>();
  // The sign-in on this device is over: its offline copies of the case go too (ADR 037).
  useClearLocalCopies();
  return (
    <section className="notice" aria-labelledby="titel">
      <Link2 aria-hidden="true" size={40} />
      <h1 id="titel">Open het plan opnieuw</h1>
      <p>Je bent niet meer ingelogd op dit apparaat.</p>
      <p>Open je persoonlijke link opnieuw (uit je e-mail of sms), of vraag je hulpverlener om een nieuwe link.</p>
      <p className="small">
        <Link to={login}>Ik ben hulpverlener: inloggen</Link>
      </p>
    </section>
  );
}
