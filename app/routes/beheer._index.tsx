/**
 * Beheer · Team (issue 18, ADR 031): everyone with an account in the
 * beheerder's organisation — beheerder or not, active or deactivated, whether
 * a password or second factor is set, last seen, an open invitation — with
 * one form per action, and a form to invite a new professional. An
 * invitation link is shown once, right after it was made. Under the list: the
 * cases whose regie sits with a deactivated account ("regie vacant"), with
 * the other professionals in each case (no family names: the beheerder is no
 * participant of those cases). Only a beheerder loads or posts here.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { CircleAlert, KeyRound, ShieldCheck, ShieldOff, UserCheck, UserPlus, UserX } from 'lucide-react';
import { InvitationLink, type ShownInvitation } from '../components/beheer/InvitationLink';
import { INVITATION_DAYS, INVITATION_PURPOSE_LABELS } from '../domain/beheer';
import { handleIntent } from '../utils/commandAction.server';
import { formatDateTime } from '../utils/format';
import { readForm } from '../utils/forms.server';

export async function loader({ request, context }: LoaderFunctionArgs) {
  const me = await context.services.auth.requireBeheerder(request);
  const { beheer } = context.services;
  return json({ me: me.id, team: beheer.team(me.organisationId), vacant: beheer.vacantRegieOfOrganisation(me.organisationId) });
}

type ActionData = { error?: string; field?: string; saved?: string; invitation?: ShownInvitation };

export async function action({ request, context }: ActionFunctionArgs) {
  const me = await context.services.auth.requireBeheerder(request);
  const form = await readForm(request);
  const { commands } = context.services;
  const by = { userId: me.id };
  const linkOf = (token: string) => `${new URL(request.url).origin}/account/${token}`;
  return handleIntent<Response>(form, {
    invite: () => {
      const r = commands.inviteProfessional(by, form);
      return json<ActionData>({
        saved: `Het account voor ${r.name} is gemaakt.`,
        invitation: { for: r.name, purpose: 'account', url: linkOf(r.token), expiresAt: r.expiresAt },
      });
    },
    'reset-password': () => {
      const r = commands.resetPassword(by, form);
      return json<ActionData>({
        saved: `Het wachtwoord van ${r.name} werkt niet meer en ${r.name} is overal uitgelogd.`,
        invitation: { for: r.name, purpose: 'password', url: linkOf(r.token), expiresAt: r.expiresAt },
      });
    },
    deactivate: () => {
      const r = commands.deactivateAccount(by, form);
      return json<ActionData>({ saved: `Het account van ${r.name} is gedeactiveerd. ${r.name} is overal uitgelogd.` });
    },
    reactivate: () => json<ActionData>({ saved: `Het account van ${commands.reactivateAccount(by, form).name} is weer actief.` }),
    beheerder: () => {
      const r = commands.setBeheerder(by, form);
      return json<ActionData>({ saved: r.beheerder ? `${r.name} is nu beheerder.` : `${r.name} is geen beheerder meer.` });
    },
  });
}

type Member = ReturnType<typeof useLoaderData<typeof loader>>['team'][number];

function AccountActions({ member, me }: { member: Member; me: string }) {
  if (member.id === me) return <p className="muted small">Dit ben jij.</p>;
  const hidden = <input type="hidden" name="userId" value={member.id} />;
  if (member.deactivatedAt !== null) {
    return (
      <Form method="post" className="row">
        {hidden}
        <input type="hidden" name="intent" value="reactivate" />
        <button type="submit" className="button button-quiet button-small">
          <UserCheck aria-hidden="true" size={16} /> Weer activeren
        </button>
      </Form>
    );
  }
  return (
    <div className="row">
      <Form method="post">
        {hidden}
        <input type="hidden" name="intent" value="reset-password" />
        <button type="submit" className="button button-quiet button-small">
          <KeyRound aria-hidden="true" size={16} /> {member.hasPassword ? 'Nieuw wachtwoord' : 'Nieuwe uitnodiging'}
        </button>
      </Form>
      <Form method="post">
        {hidden}
        <input type="hidden" name="intent" value="beheerder" />
        <input type="hidden" name="beheerder" value={member.isBeheerder ? 'nee' : 'ja'} />
        <button type="submit" className="button button-quiet button-small">
          {member.isBeheerder ? <ShieldOff aria-hidden="true" size={16} /> : <ShieldCheck aria-hidden="true" size={16} />}{' '}
          {member.isBeheerder ? 'Geen beheerder meer' : 'Maak beheerder'}
        </button>
      </Form>
      <Form method="post">
        {hidden}
        <input type="hidden" name="intent" value="deactivate" />
        <button type="submit" className="button button-quiet button-small beheer-danger">
          <UserX aria-hidden="true" size={16} /> Deactiveren
        </button>
      </Form>
    </div>
  );
}

function status(m: Member): string {
  if (m.deactivatedAt !== null) return `Gedeactiveerd sinds ${formatDateTime(m.deactivatedAt)}`;
  if (m.openInvitation) return `${INVITATION_PURPOSE_LABELS[m.openInvitation.purpose]}: link open tot ${formatDateTime(m.openInvitation.expiresAt)}`;
  if (!m.hasPassword) return 'Nog geen wachtwoord (maak een nieuwe uitnodiging)';
  return 'Actief';
}

export default function Team() {
  const { team, me, vacant } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionData | undefined;
  const busy = useNavigation().state !== 'idle';
  return (
    <div className="stack">
      {result?.error ? (
        <p className="alert" role="alert">
          <CircleAlert aria-hidden="true" size={20} />
          <span>{result.error}</span>
        </p>
      ) : null}
      {result?.saved ? <p role="status">{result.saved}</p> : null}
      {result?.invitation ? <InvitationLink invitation={result.invitation} /> : null}

      {vacant.length > 0 ? (
        <section className="card stack regie-vacant" aria-labelledby="vacant-titel">
          <h2 id="vacant-titel">Regie vacant</h2>
          <p>In deze casussen had een gedeactiveerd account de regie. Een andere professional in de casus start een overdracht.</p>
          <ul>
            {vacant.map((v) => (
              <li key={`${v.caseId}-${v.userId}`}>
                <strong>{v.title}</strong> — regie lag bij {v.name}.{' '}
                {v.others.length > 0 ? `Andere professionals in deze casus: ${v.others.join(', ')}.` : 'Er is geen andere professional in deze casus.'}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="team-titel">
        <h2 id="team-titel">Team ({team.length})</h2>
        <ul className="team-list">
          {team.map((m) => (
            <li key={m.id} className="card stack">
              <p>
                <strong>{m.name}</strong>
                {m.isBeheerder ? <span className="beheer-badge">beheerder</span> : null}
                <br />
                <span className="muted">{m.email}</span>
              </p>
              <p className="small">
                {status(m)}
                {m.deactivatedAt === null ? ` · Tweede stap: ${m.secondFactor ? 'ingesteld' : 'niet ingesteld'}` : ''}
                {m.lastSeenAt ? ` · Laatst actief: ${formatDateTime(m.lastSeenAt)}` : ''}
              </p>
              <AccountActions member={m} me={me} />
            </li>
          ))}
        </ul>
      </section>

      <section className="card stack" aria-labelledby="uitnodigen-titel">
        <h2 id="uitnodigen-titel">
          <UserPlus aria-hidden="true" size={20} /> Professional uitnodigen
        </h2>
        <p className="muted">
          Je krijgt een link die {INVITATION_DAYS} dagen één keer werkt. Daarmee kiest de professional zelf een wachtwoord. Geef de link alleen aan die persoon
          zelf.
        </p>
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="invite" />
          <label className="field">
            <span>Naam</span>
            <input name="name" required maxLength={200} autoComplete="off" />
          </label>
          <label className="field">
            <span>E-mailadres (werk)</span>
            <input type="email" name="email" required maxLength={320} autoComplete="off" />
          </label>
          <label className="field">
            <span>Telefoon (mag leeg)</span>
            <input type="tel" name="phone" maxLength={40} autoComplete="off" />
          </label>
          <label className="row">
            <input type="checkbox" name="beheerder" value="ja" /> Ook beheerder van de organisatie
          </label>
          <button type="submit" className="button button-primary" disabled={busy}>
            <UserPlus aria-hidden="true" size={18} /> Account maken
          </button>
        </Form>
      </section>
    </div>
  );
}
