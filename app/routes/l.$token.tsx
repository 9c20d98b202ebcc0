/**
 * Opening a personal link: a valid link starts a session for that participant
 * on this device and redirects to the case (the token leaves the address
 * bar), or — with `?sessie=<code>` from a netwerkberaad's QR — to joining
 * that meeting. Unknown, expired and revoked links all get the same page.
 * The session lasts as long as the link (ADR 028) and knows its device only
 * by a short label; a hint cookie remembers that this browser uses a link.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { KeyRound, Link2Off } from 'lucide-react';
import type { AppLoadContext } from '@remix-run/node';
import { normalizeMeetingCode } from '../domain/meeting';
import { endedContact } from '../utils/accessEnded.server';
import { readForm } from '../utils/forms.server';
import { deviceLabel } from '../utils/signin.server';
import type { OpenLinkResult } from '../../server/commands/links.server';

export const meta: MetaFunction = () => [{ title: 'Persoonlijke link · Veiligplan' }];

type LinkState =
  { state: 'invalid' } | { state: 'busy' } | { state: 'blocked'; contact: { name: string; phone: string | null } | null } | { state: 'code'; error?: string };

/** A netwerkberaad to join right after the link opened (`?sessie=<code>`, from the QR the facilitator showed), or null. */
function meetingToJoin(request: Request): string | null {
  return normalizeMeetingCode(new URL(request.url).searchParams.get('sessie'));
}

/** Answers a link opening: a session and the case (or the meeting to join), the code form, or the refusal (all tokens look alike when refused). */
async function answerOpening(request: Request, context: AppLoadContext, opening: OpenLinkResult, sessie: string | null = null) {
  const noStore = { 'Cache-Control': 'no-store' };
  switch (opening.status) {
    case 'open': {
      const { auth } = context.services;
      const setCookie = await auth.createParticipantSession(opening.link.participantId, {
        linkId: opening.link.id,
        device: deviceLabel(request.headers.get('User-Agent')),
      });
      const headers = new Headers(noStore);
      headers.append('Set-Cookie', setCookie);
      headers.append('Set-Cookie', auth.familyHintCookie());
      return redirect(sessie ? `/sessie/${sessie}` : `/casussen/${opening.link.caseId}`, { headers });
    }
    case 'code':
      return json<LinkState>(opening.wrong ? { state: 'code', error: 'Deze code klopt niet. Kijk nog eens goed en probeer het opnieuw.' } : { state: 'code' }, {
        status: opening.wrong ? 400 : 200,
        headers: noStore,
      });
    case 'blocked':
      return json<LinkState>({ state: 'blocked', contact: endedContact(context, opening.caseId) }, { status: 403, headers: noStore });
    case 'invalid':
      return json<LinkState>({ state: 'invalid' }, { status: 404, headers: noStore });
  }
}

function busy(context: AppLoadContext) {
  context.services.commands.recordRefusal({ type: 'link-refused', detail: { reden: 'busy' } });
  return json<LinkState>({ state: 'busy' }, { status: 429, headers: { 'Cache-Control': 'no-store' } });
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  if (!context.services.linkLimiter.take(context.clientIp)) return busy(context);
  return answerOpening(request, context, await context.services.commands.openPersonalLink({ token: params.token ?? '' }), meetingToJoin(request));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  if (!context.services.linkLimiter.take(context.clientIp)) return busy(context);
  const code = String((await readForm(request)).code ?? '');
  return answerOpening(request, context, await context.services.commands.openPersonalLink({ token: params.token ?? '', code }), meetingToJoin(request));
}

export default function PersonalLink() {
  const loaded = useLoaderData<typeof loader>() as LinkState;
  const acted = useActionData<typeof action>() as LinkState | undefined;
  const data = acted ?? loaded;
  if (data.state === 'code') {
    return (
      <section className="login card" aria-labelledby="titel">
        <KeyRound aria-hidden="true" size={32} />
        <h1 id="titel">Vul je toegangscode in</h1>
        <p>Je hebt een code van 6 cijfers gekregen van je hulpverlener. Die heb je nodig om het plan te openen.</p>
        {data.error ? (
          <p className="alert" role="alert">
            {data.error}
          </p>
        ) : null}
        {/* No action: the form posts to this address with its query, so `?sessie=` survives the code step. */}
        <Form method="post" className="stack">
          <label className="field">
            <span>Toegangscode</span>
            <input name="code" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9 ]{6,7}" maxLength={7} required />
          </label>
          <button type="submit" className="button button-primary">
            Openen
          </button>
        </Form>
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
