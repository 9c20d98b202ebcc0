import type { ActionFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';

export async function action({ request, context }: ActionFunctionArgs) {
  return redirect('/login', { headers: { 'Set-Cookie': await context.services.auth.logout(request) } });
}

export async function loader() {
  return redirect('/');
}
