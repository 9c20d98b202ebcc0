/**
 * The way back from the organisation's OpenID Connect provider (ADR 032):
 * the code grant is checked (state, nonce, PKCE, ID token), the account is
 * found by signInWithOidc (never created), and a professional session starts.
 * Unless the provider's sign-in counts as a second step too, the second step
 * follows as after a password. Any failure goes back to /login with a Dutch
 * message; nothing of the provider's answer is shown or logged.
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { logError } from '../utils/oidc.server';

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { oidc, config, commands, auth } = context.services;
  if (!oidc) return redirect('/login');
  const headers = new Headers();
  headers.append('Set-Cookie', await oidc.clearCookie());
  let identity;
  try {
    identity = await oidc.finish(request, config.publicUrl ?? new URL(request.url).origin);
  } catch (error) {
    logError('callback', error);
    return redirect('/login?oidc=mislukt', { headers });
  }
  const result = commands.signInWithOidc(identity);
  if (!result.ok) return redirect(`/login?oidc=${result.reason === 'deactivated' ? 'uit' : 'onbekend'}`, { headers });
  const started = await auth.startProfessionalSession(result.userId, identity.strong ? { secondFactor: 'oidc' } : {});
  headers.append('Set-Cookie', started.setCookie);
  if (started.pending) return redirect(started.pending === 'code' ? '/login/tweede-stap' : '/account/tweede-stap', { headers });
  return redirect('/overzicht', { headers });
}
