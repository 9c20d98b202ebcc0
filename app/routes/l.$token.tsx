/**
 * Opening a personal link: a valid link starts a session for that participant
 * on this device and redirects to the case (the token leaves the address
 * bar). Unknown, expired and revoked links all get the same page.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { KeyRound, Link2Off } from 'lucide-react';
import type { AppLoadContext } from '@remix-run/node';
import { endedContact } from '../utils/accessEnded.server';
import { readForm } from '../utils/forms.server';

export const meta: MetaFunction = () => [{ title: 'Persoonlijke link · Veiligplan' }];

type LinkState = { state: 'invalid' } | { state: 'busy' } | { state: 'blocked'; contact: { name: string; phone: string | null } | null } | { state: 'code'; error?: string };

async function open(context: AppLoadContext, link: { id: string; participant_id: string; case_id: string }) {
  const setCookie = await context.services.auth.createParticipantSession(link.participant_id);
  context.services.links.markUsed(link.id);
  context.services.audit.record({ type: 'link-opened', caseId: link.case_id, actorParticipantId: link.participant_id });
  return redirect(`/casussen/${link.case_id}`, { headers: { 'Set-Cookie': setCookie, 'Cache-Control': 'no-store' } });
}

function refuse(context: AppLoadContext, state: LinkState, caseId?: string) {
  context.services.audit.record({ type: 'link-refused', caseId: caseId ?? null, detail: { reden: state.state } });
  const status = state.state === 'busy' ? 429 : state.state === 'invalid' ? 404 : 403;
  return json(state, { status, headers: { 'Cache-Control': 'no-store' } });
}

export async function loader({ params, context }: LoaderFunctionArgs) {
  if (!context.services.linkLimiter.take(context.clientIp)) return refuse(context, { state: 'busy' });
  const check = context.services.links.check(params.token ?? '');
  if (check.status === 'invalid') return refuse(context, { state: 'invalid' });
  if (check.status === 'blocked') return refuse(context, { state: 'blocked', contact: endedContact(context, check.link.case_id) }, check.link.case_id);
  if (check.link.code_hash) return json<LinkState>({ state: 'code' }, { headers: { 'Cache-Control': 'no-store' } });
  return open(context, check.link);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  if (!context.services.linkLimiter.take(context.clientIp)) return refuse(context, { state: 'busy' });
  const check = context.services.links.check(params.token ?? '');
  if (check.status === 'invalid') return refuse(context, { state: 'invalid' });
  if (check.status === 'blocked') return refuse(context, { state: 'blocked', contact: endedContact(context, check.link.case_id) }, check.link.case_id);
  const code = String((await readForm(request)).code ?? '').replace(/\s/g, '');
  if (await context.services.links.verifyCode(check.link, code)) return open(context, check.link);
  context.services.audit.record({ type: 'code-wrong', caseId: check.link.case_id, subjectParticipantId: check.link.participant_id });
  const after = context.services.links.check(params.token ?? '');
  if (after.status === 'blocked') return refuse(context, { state: 'blocked', contact: endedContact(context, check.link.case_id) }, check.link.case_id);
  return json<LinkState>({ state: 'code', error: 'Deze code klopt niet. Kijk nog eens goed en probeer het opnieuw.' }, { status: 400 });
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
