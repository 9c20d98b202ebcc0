import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { Link2, Mail, Phone, Trash2, UserPlus } from 'lucide-react';
import { CopyButton } from '../components/CopyButton';
import { FAMILY_ROLES, isProfessionalRole, ROLE_LABELS, ROLES, type Role } from '../domain/caseFacts';
import { caseAccess, mayListParticipants, maySeeContactDetails } from '../domain/permissions';
import { requireCaseParticipant } from '../utils/caseAccess.server';
import { formatDateTime } from '../utils/format';
import { qrSvg } from '../utils/qr.server';
import { AddFamily, AddProfessional, readForm } from '../utils/forms.server';
import type { CaseParticipant } from '../../server/cases/cases.server';

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { participant } = await requireCaseParticipant(request, context, params.caseId);
  const manage = caseAccess(participant.role, 'participants') === 'manage';
  if (!mayListParticipants(participant.role)) return json({ allowed: false, manage, me: participant.id, participants: [] as (CaseParticipant & { links: LinkInfo[] })[] });
  // Contact details the viewer may not see never leave the server.
  const participants = context.services.cases.participants(participant.caseId).map((p) => ({
    ...(maySeeContactDetails(participant.role, p) ? p : { ...p, phone: null, email: null }),
    links: manage && !p.isProfessionalAccount ? context.services.links.list(p.id) : [],
  }));
  return json({ allowed: true, manage, me: participant.id, participants });
}

type LinkInfo = ReturnType<import('../../server/links/links.server').Links['list']>[number];

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { participant, viewer } = await requireCaseParticipant(request, context, params.caseId);
  const caseId = participant.caseId;
  if (caseAccess(participant.role, 'participants') !== 'manage') {
    return json({ error: 'Alleen de jeugdbeschermer of casusregisseur kan betrokkenen beheren.' }, { status: 403 });
  }
  const { cases, audit, access, links } = context.services;
  const by = { actorParticipantId: participant.id, sessionRef: viewer.sessionRef, caseId };
  const form = (await readForm(request)) as Record<string, string>;
  const target = form.participantId ? cases.participant(caseId, form.participantId) : undefined;
  if (form.participantId && (!target || target.removedAt)) return json({ error: 'Deze betrokkene bestaat niet (meer).' }, { status: 404 });
  try {
    switch (form.intent) {
      case 'add-family': {
        const parsed = AddFamily.safeParse(form);
        if (!parsed.success) return json({ error: parsed.error.issues[0]!.message }, { status: 400 });
        const id = cases.add(caseId, parsed.data);
        audit.record({ ...by, type: 'participant-added', subjectParticipantId: id, detail: { rol: parsed.data.role } });
        return json({ saved: `${parsed.data.name} is toegevoegd.` });
      }
      case 'add-professional': {
        const parsed = AddProfessional.safeParse(form);
        if (!parsed.success) return json({ error: parsed.error.issues[0]!.message }, { status: 400 });
        const user = context.services.cases.findUser(parsed.data.account);
        if (!user) return json({ error: 'Er is geen account met dit e-mailadres. Laat de beheerder eerst een account maken.' }, { status: 400 });
        const id = cases.add(caseId, { role: parsed.data.role, userId: user.id });
        audit.record({ ...by, type: 'participant-added', subjectParticipantId: id, detail: { rol: parsed.data.role } });
        return json({ saved: `${user.name} is toegevoegd.` });
      }
      case 'role': {
        const role = form.role as Role;
        if (!ROLES.includes(role)) return json({ error: 'Kies een rol.' }, { status: 400 });
        if (target!.id === participant.id) return json({ error: 'Je kunt je eigen rol niet aanpassen.' }, { status: 400 });
        const before = cases.changeRole(caseId, target!.id, role);
        audit.record({ ...by, type: 'role-changed', subjectParticipantId: target!.id, detail: { van: before, naar: role } });
        access.roleChanged(caseId, target!.id, before, role, { participantId: participant.id, sessionRef: viewer.sessionRef });
        return json({ saved: 'De rol is aangepast.' });
      }
      case 'remove': {
        if (target!.id === participant.id) return json({ error: 'Je kunt jezelf niet verwijderen.' }, { status: 400 });
        cases.remove(caseId, target!.id);
        access.end(caseId, target!.id, { participantId: participant.id, sessionRef: viewer.sessionRef });
        audit.record({ ...by, type: 'participant-removed', subjectParticipantId: target!.id });
        return json({ saved: 'De betrokkene is verwijderd. Hun toegang is direct beëindigd.' });
      }
      case 'link': {
        if (target!.userId) return json({ error: 'Professionals loggen in met hun account.' }, { status: 400 });
        const days = Number(form.days || 30);
        if (!Number.isInteger(days) || days < 1 || days > 365) return json({ error: 'Kies een geldigheid van 1 tot 365 dagen.' }, { status: 400 });
        // A renewed link kills the old one and ends sessions opened with it.
        access.end(caseId, target!.id, { participantId: participant.id, sessionRef: viewer.sessionRef });
        const link = await links.create({ participantId: target!.id, createdById: participant.id, days, withCode: form.code === 'on' });
        const url = `${new URL(request.url).origin}/l/${link.token}`;
        audit.record({ ...by, type: 'link-created', subjectParticipantId: target!.id, detail: { dagen: days, code: Boolean(link.code) } });
        return json({ link: { for: target!.name, url, code: link.code, expiresAt: link.expiresAt, qr: await qrSvg(url) } });
      }
      case 'revoke': {
        access.end(caseId, target!.id, { participantId: participant.id, sessionRef: viewer.sessionRef });
        audit.record({ ...by, type: 'link-revoked', subjectParticipantId: target!.id });
        return json({ saved: 'De link is ingetrokken. De toegang is direct beëindigd.' });
      }
      default:
        return json({ error: 'Onbekende actie.' }, { status: 400 });
    }
  } catch (error) {
    if (error instanceof Error && error.name === 'ParticipantChangeError') return json({ error: error.message }, { status: 400 });
    throw error;
  }
}

type ActionData = { error?: string; saved?: string; link?: { for: string | null; url: string; code: string | null; expiresAt: number; qr: string } };

export default function ParticipantsTab() {
  const { allowed, manage, me, participants } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionData | undefined;
  const busy = useNavigation().state !== 'idle';
  return (
    <section aria-labelledby="tab-titel">
      <h2 id="tab-titel">Betrokkenen</h2>
      {!allowed ? <p className="muted">Als meelezer kun je de lijst van betrokkenen niet inzien.</p> : null}
      {result?.error ? (
        <p className="alert" role="alert">
          {result.error}
        </p>
      ) : null}
      {result?.saved ? <p role="status">{result.saved}</p> : null}
      {result?.link ? (
        <div className="link-box" role="status">
          <p>
            <strong>Persoonlijke link voor {result.link.for}</strong> — deze link zie je maar één keer. Geef hem veilig door (bijvoorbeeld in een persoonlijk bericht).
          </p>
          <p className="link-url">{result.link.url}</p>
          <CopyButton text={result.link.url} />
          {result.link.code ? (
            <p>
              Toegangscode: <strong className="link-url">{result.link.code}</strong> — geef deze code apart door, bijvoorbeeld telefonisch.
            </p>
          ) : null}
          <p className="muted small">Geldig tot {formatDateTime(result.link.expiresAt)}.</p>
          <div className="qr" aria-label="QR-code van de link" role="img" dangerouslySetInnerHTML={{ __html: result.link.qr }} />
        </div>
      ) : null}
      <ul className="people">
        {participants.map((p) => (
          <li key={p.id} className="card person" data-participant={p.name}>
            <p className="person-name">{p.name}</p>
            <p className="muted">
              {ROLE_LABELS[p.role]}
              {p.relation ? ` · ${p.relation}` : ''}
              {p.organisationName ? ` · ${p.organisationName}` : ''}
            </p>
            {p.phone || p.email ? (
              <p className="contact">
                {p.phone ? (
                  <a href={`tel:${p.phone.replace(/[^\d+]/g, '')}`}>
                    <Phone aria-hidden="true" size={16} /> {p.phone}
                  </a>
                ) : null}
                {p.email ? (
                  <a href={`mailto:${p.email}`}>
                    <Mail aria-hidden="true" size={16} /> {p.email}
                  </a>
                ) : null}
              </p>
            ) : null}
            {manage && p.id !== me ? (
              <div className="stack">
                <Form method="post" className="row">
                  <input type="hidden" name="intent" value="role" />
                  <input type="hidden" name="participantId" value={p.id} />
                  <label className="field small">
                    <span>Rol van {p.name}</span>
                    <select name="role" defaultValue={p.role}>
                      {ROLES.filter((r) => isProfessionalRole(r) === p.isProfessionalAccount).map((r) => (
                        <option key={r} value={r}>
                          {ROLE_LABELS[r]}
                        </option>
                      ))}
                    </select>
                  </label>
                  <button type="submit" className="button button-quiet button-small" disabled={busy}>
                    Rol opslaan
                  </button>
                </Form>
                {!p.isProfessionalAccount ? (
                  <>
                    {p.links.length ? (
                      <p className="muted small">
                        Link: {p.links[0]!.status}
                        {p.links[0]!.lastUsedAt ? `, laatst gebruikt ${formatDateTime(p.links[0]!.lastUsedAt)}` : ', nog niet gebruikt'}
                      </p>
                    ) : null}
                    <Form method="post" className="row">
                      <input type="hidden" name="intent" value="link" />
                      <input type="hidden" name="participantId" value={p.id} />
                      <label className="field small">
                        <span>Geldig (dagen)</span>
                        <input name="days" type="number" min={1} max={365} defaultValue={30} />
                      </label>
                      <label className="row small">
                        <input type="checkbox" name="code" /> Met toegangscode
                      </label>
                      <button type="submit" className="button button-quiet button-small" disabled={busy}>
                        <Link2 aria-hidden="true" size={16} /> {p.links.some((l) => l.status === 'actief') ? `Nieuwe link voor ${p.name}` : `Link maken voor ${p.name}`}
                      </button>
                    </Form>
                    {p.links.some((l) => l.status === 'actief') ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="participantId" value={p.id} />
                        <button type="submit" className="button button-quiet button-small">
                          Link intrekken van {p.name}
                        </button>
                      </Form>
                    ) : null}
                  </>
                ) : null}
                <Form method="post" onSubmit={(e) => (confirm(`${p.name} verwijderen? Hun toegang stopt direct.`) ? undefined : e.preventDefault())}>
                  <input type="hidden" name="intent" value="remove" />
                  <input type="hidden" name="participantId" value={p.id} />
                  <button type="submit" className="button button-quiet button-small">
                    <Trash2 aria-hidden="true" size={16} /> {p.name} verwijderen
                  </button>
                </Form>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      {manage ? (
        <div className="home-people">
          <Form method="post" className="card stack" aria-labelledby="nieuw-gezin">
            <h3 id="nieuw-gezin">
              <UserPlus aria-hidden="true" size={18} /> Gezinslid of netwerklid toevoegen
            </h3>
            <input type="hidden" name="intent" value="add-family" />
            <label className="field">
              <span>Naam</span>
              <input name="name" required maxLength={120} />
            </label>
            <label className="field">
              <span>Rol</span>
              <select name="role" defaultValue="netwerklid">
                {FAMILY_ROLES.map((r) => (
                  <option key={r} value={r}>
                    {ROLE_LABELS[r]}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>Relatie (bijvoorbeeld: oma, buurman)</span>
              <input name="relation" maxLength={120} />
            </label>
            <label className="field">
              <span>Telefoon</span>
              <input name="phone" type="tel" maxLength={40} />
            </label>
            <label className="field">
              <span>E-mailadres</span>
              <input name="email" type="email" maxLength={320} />
            </label>
            <button type="submit" className="button button-primary">
              Toevoegen
            </button>
          </Form>
          <Form method="post" className="card stack" aria-labelledby="nieuw-prof">
            <h3 id="nieuw-prof">
              <UserPlus aria-hidden="true" size={18} /> Professional toevoegen
            </h3>
            <input type="hidden" name="intent" value="add-professional" />
            <label className="field">
              <span>E-mailadres van het account</span>
              <input name="account" type="email" required />
            </label>
            <label className="field">
              <span>Rol</span>
              <select name="role" defaultValue="professional">
                {(['jeugdbeschermer', 'casusregisseur', 'professional', 'meelezer'] as const).map((r) => (
                  <option key={r} value={r}>
                    {ROLE_LABELS[r]}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="button button-primary">
              Toevoegen
            </button>
          </Form>
        </div>
      ) : null}
    </section>
  );
}
