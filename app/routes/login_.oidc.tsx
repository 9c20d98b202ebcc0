/**
 * "Inloggen via je organisatie" (ADR 032): a plain link (GET) starts the
 * OpenID Connect sign-in (state, nonce and PKCE remembered in a short-lived
 * cookie) and sends the browser to the organisation's provider. A GET,
 * because the CSP's form-action 'self' forbids a form post that redirects to
 * another site; it creates no session. Without a configured provider there
 * is nothing here.
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { logError } from '../utils/oidc.server';

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { oidc, config } = context.services;
  if (!oidc) return redirect('/login');
  try {
    const started = await oidc.start(config.publicUrl ?? new URL(request.url).origin);
    return redirect(started.url, { headers: { 'Set-Cookie': started.setCookie } });
  } catch (error) {
    logError('start', error);
    return redirect('/login?oidc=mislukt');
  }
}
