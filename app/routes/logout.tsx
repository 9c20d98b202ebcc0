/** Signing out: ends the session, then /uitgelogd clears this browser's offline copies (ADR 037). */
import type { ActionFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';

export async function action({ request, context }: ActionFunctionArgs) {
  // Open pages of this sign-in lose their live connection too (4401: "log opnieuw in").
  const setCookie = await context.services.commands.logOut(request);
  // /uitgelogd deletes this browser's offline copies of the case first, then goes on to the login (ADR 037).
  return redirect('/uitgelogd', { headers: { 'Set-Cookie': setCookie } });
}

export async function loader() {
  return redirect('/');
}
