import type { ActionFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await context.services.auth.getViewer(request);
  const setCookie = await context.services.auth.logout(request);
  // Open pages of this sign-in lose their live connection too (4401: "log opnieuw in").
  if (viewer) context.services.sync.closeConnections({ sessionRef: viewer.sessionRef });
  return redirect('/login', { headers: { 'Set-Cookie': setCookie } });
}

export async function loader() {
  return redirect('/');
}
