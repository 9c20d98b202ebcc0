/**
 * Opening a personal link (ADR 037). A GET only asks "Ben jij Riet de
 * Vries?": it starts no session and writes nothing, so a link-preview bot or a
 * stray click changes nothing. Only the POST of "Ja, dat ben ik" (with the
 * toegangscode in the same form when the link has one) uses the link: it
 * starts a session for that participant on this device and redirects to the
 * case (the token leaves the address bar), or — with `?sessie=<code>` from a
 * netwerkberaad's QR — to joining that meeting. Someone already signed in as
 * another person is told first that going on signs them out; the POST then
 * ends that sign-in (audited, its sockets closed) before the new one starts.
 * Unknown, expired and revoked links all get the same page. The session lasts
 * as long as the link (ADR 028); a hint cookie remembers that this browser
 * uses a link.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { Link2Off, UserCheck } from 'lucide-react';
import type { AppLoadContext } from '@remix-run/node';
import { normalizeMeetingCode } from '../domain/meeting';
import { endedContact } from '../utils/accessEnded.server';
import { readForm } from '../utils/forms.server';
import { deviceLabel } from '../utils/signin.server';
import type { OpenLinkResult } from '../../server/commands/links.server';

export const meta: MetaFunction = () => [{ title: 'Persoonlijke link · Veiligplan' }];

type LinkState =
  | { state: 'invalid' }
  | { state: 'busy' }
  | { state: 'blocked'; contact: { name: string; phone: string | null } | null }
  | { state: 'ask'; name: string; hasCode: boolean; signedInAs: string | null; error?: string };

const noStore = { 'Cache-Control': 'no-store' };

/** A netwerkberaad to join right after the link opened (`?sessie=<code>`, from the QR the facilitator showed), or null. */
function meetingToJoin(request: Request): string | null {
  return normalizeMeetingCode(new URL(request.url).searchParams.get('sessie'));
}

/** Where the link leads once opened. */
const destination = (caseId: string, sessie: string | null) => (sessie ? `/sessie/${sessie}` : `/casussen/${caseId}`);

function busy(context: AppLoadContext) {
  context.services.commands.recordRefusal({ type: 'link-refused', detail: { reden: 'busy' } });
  return json<LinkState>({ state: 'busy' }, { status: 429, headers: noStore });
}

/** The question "Ben jij …?" for a valid link, with who is signed in on this device now (if anyone else). */
async function ask(request: Request, context: AppLoadContext, token: string, error?: string) {
  const preview = context.services.links.preview(token);
  if (preview.status === 'invalid') return { answer: json<LinkState>({ state: 'invalid' }, { status: 404, headers: noStore }) };
  if (preview.status === 'blocked') {
    return { answer: json<LinkState>({ state: 'blocked', contact: endedContact(context, preview.caseId) }, { status: 403, headers: noStore }) };
  }
  const viewer = await context.services.auth.getViewer(request);
  if (viewer?.kind === 'participant' && viewer.participant.id === preview.participantId) return { already: preview };
  const signedInAs = viewer ? (viewer.kind === 'professional' ? viewer.user.name : viewer.participant.name) : null;
  return {
    answer: json<LinkState>({ state: 'ask', name: preview.name, hasCode: preview.hasCode, signedInAs, error }, { status: error ? 400 : 200, headers: noStore }),
  };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  if (!context.services.linkLimiter.take(context.clientIp)) return busy(context);
  const asked = await ask(request, context, params.token ?? '');
  // Already signed in as this very person on this device: nothing to ask, nothing to start.
  if (asked.already) throw redirect(destination(asked.already.caseId, meetingToJoin(request)), { headers: noStore });
  return asked.answer;
}

/** Answers the POST: a session and the case (or the meeting), the question again with the code error, or the refusal. */
async function answerOpening(request: Request, context: AppLoadContext, token: string, opening: OpenLinkResult) {
  switch (opening.status) {
    case 'open': {
      const { auth, commands } = context.services;
      // Whoever was signed in on this device is signed out first (audited; their open pages lose the connection).
      if (await auth.getViewer(request)) await commands.logOut(request);
      const setCookie = await auth.createParticipantSession(opening.link.participantId, {
        linkId: opening.link.id,
        device: deviceLabel(request.headers.get('User-Agent')),
      });
      const headers = new Headers(noStore);
      headers.append('Set-Cookie', setCookie);
      headers.append('Set-Cookie', auth.familyHintCookie());
      return redirect(destination(opening.link.caseId, meetingToJoin(request)), { headers });
    }
    case 'code': {
      const asked = await ask(request, context, token, opening.wrong ? 'Deze code klopt niet. Kijk nog eens goed en probeer het opnieuw.' : undefined);
      return asked.answer ?? json<LinkState>({ state: 'invalid' }, { status: 404, headers: noStore });
    }
    case 'blocked':
      return json<LinkState>({ state: 'blocked', contact: endedContact(context, opening.caseId) }, { status: 403, headers: noStore });
    case 'invalid':
      return json<LinkState>({ state: 'invalid' }, { status: 404, headers: noStore });
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  if (!context.services.linkLimiter.take(context.clientIp)) return busy(context);
  const form = await readForm(request);
  const token = params.token ?? '';
  const code = form.code === undefined ? undefined : String(form.code);
  return answerOpening(request, context, token, await context.services.commands.openPersonalLink({ token, code }));
}

export default function PersonalLink() {
  const loaded = useLoaderData<typeof loader>() as LinkState;
  const acted = useActionData<typeof action>() as LinkState | undefined;
  const navigation = useNavigation();
  const data = acted ?? loaded;
  if (data.state === 'ask') {
    return (
      <section className="login card" aria-labelledby="titel">
        <UserCheck aria-hidden="true" size={32} />
        <h1 id="titel">{`Ben jij ${data.name}?`}</h1>
        <p>{`Dit is een persoonlijke link. Hiermee open je het plan als ${data.name}.`}</p>
        {data.signedInAs ? (
          <p className="alert" role="status">
            {`Je bent ingelogd als ${data.signedInAs}. Als je doorgaat, word je uitgelogd.`}
          </p>
        ) : null}
        {data.error ? (
          <p className="alert" role="alert">
            {data.error}
          </p>
        ) : null}
        {/* No action: the form posts to this address with its query, so `?sessie=` survives. */}
        <Form method="post" className="stack">
          {data.hasCode ? (
            <label className="field">
              <span>Toegangscode</span>
              <span className="small muted">Je hebt een code van 6 cijfers gekregen van je hulpverlener.</span>
              <input name="code" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9 ]{6,7}" maxLength={7} required />
            </label>
          ) : null}
          <button type="submit" className="button button-primary" disabled={navigation.state !== 'idle'}>
            Ja, dat ben ik
          </button>
        </Form>
        <p className="small muted">{`Ben jij dit niet? Sluit dan deze pagina. Deze link is alleen voor ${data.name}.`}</p>
      </section>
    );
  }
  return (
    <section className="notice" aria-labelledby="titel">
      <Link2Off aria-hidden="true" size={40} />
      {data.state === 'busy' ? (
        <>
          <h1 id="titel">Even wachten</h1>
          <p>Er is vaak geprobeerd een link te openen. Wacht een paar minuten en probeer het dan opnieuw.</p>
        </>
      ) : data.state === 'blocked' ? (
        <>
          <h1 id="titel">Deze link is geblokkeerd</h1>
          <p>Er is te vaak een verkeerde code ingevuld. Vraag om een nieuwe link.</p>
          {data.contact ? (
            <p>
              Neem contact op met <strong>{data.contact.name}</strong>
              {data.contact.phone ? ` via ${data.contact.phone}` : ''}.
            </p>
          ) : null}
        </>
      ) : (
        <>
          <h1 id="titel">Deze link werkt niet</h1>
          <p>De link is niet (meer) geldig. Misschien is hij verlopen of vervangen door een nieuwe. Vraag je hulpverlener om een nieuwe link.</p>
        </>
      )}
    </section>
  );
}
