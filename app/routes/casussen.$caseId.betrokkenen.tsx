import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { Link2, Mail, Phone, Trash2, UserPlus } from 'lucide-react';
import { CopyButton } from '../components/CopyButton';
import { FAMILY_ROLES, isProfessionalRole, PROFESSIONAL_ROLES, ROLE_LABELS, ROLES } from '../domain/caseFacts';
import { caseAccess, mayListParticipants, maySeeContactDetails } from '../domain/permissions';
import { requireCaseAction, requireCaseParticipant } from '../utils/caseAccess.server';
import { formatDateTime } from '../utils/format';
import { qrSvg } from '../utils/qr.server';
import { handleIntent } from '../utils/commandAction.server';
import type { CaseParticipant } from '../../server/cases/cases.server';

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { participant } = await requireCaseParticipant(request, context, params.caseId);
  const manage = caseAccess(participant.role, 'participants') === 'manage';
  if (!mayListParticipants(participant.role))
    return json({ allowed: false, manage, me: participant.id, participants: [] as (CaseParticipant & { links: LinkInfo[] })[] });
  // Contact details the viewer may not see never leave the server.
  const participants = context.services.cases.participants(participant.caseId).map((p) => ({
    ...(maySeeContactDetails(participant.role, p) ? p : { ...p, phone: null, email: null }),
    links: manage && !p.isProfessionalAccount ? context.services.links.list(p.id) : [],
  }));
  return json({ allowed: true, manage, me: participant.id, participants });
}

type LinkInfo = import('../../server/links/links.server').LinkSummary;

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { by, form } = await requireCaseAction(request, context, params.caseId);
  const { commands } = context.services;
  return handleIntent<Response>(form, {
    'add-family': () => json({ saved: `${commands.addFamilyMember(by, form).name} is toegevoegd.` }),
    'add-professional': () => json({ saved: `${commands.addProfessional(by, form).name} is toegevoegd.` }),
    role: () => {
      commands.changeRole(by, form);
      return json({ saved: 'De rol is aangepast.' });
    },
    remove: () => {
      commands.removeParticipant(by, form);
      return json({ saved: 'De betrokkene is verwijderd. Hun toegang is direct beëindigd.' });
    },
    link: async () => {
      const link = await commands.createPersonalLink(by, form);
      const url = `${new URL(request.url).origin}/l/${link.token}`;
      return json({ link: { for: link.forName, url, code: link.code, expiresAt: link.expiresAt, qr: await qrSvg(url) } });
    },
    revoke: () => {
      commands.revokeLink(by, form);
      return json({ saved: 'De link is ingetrokken. De toegang is direct beëindigd.' });
    },
  });
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
            <strong>Persoonlijke link voor {result.link.for}</strong> — deze link zie je maar één keer. Geef hem veilig door (bijvoorbeeld in een persoonlijk
            bericht).
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
                        <Link2 aria-hidden="true" size={16} />{' '}
                        {p.links.some((l) => l.status === 'actief') ? `Nieuwe link voor ${p.name}` : `Link maken voor ${p.name}`}
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
                {PROFESSIONAL_ROLES.map((r) => (
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
