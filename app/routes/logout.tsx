import type { ActionFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';

export async function action({ request, context }: ActionFunctionArgs) {
  // Open pages of this sign-in lose their live connection too (4401: "log opnieuw in").
  const setCookie = await context.services.commands.logOut(request);
  return redirect('/login', { headers: { 'Set-Cookie': setCookie } });
}

export async function loader() {
  return redirect('/');
}
