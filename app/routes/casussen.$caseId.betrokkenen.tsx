/**
 * Betrokkenen: everyone involved in the case and why. Who holds regie (and,
 * for a parent regisseur, the professional beside them), running absences
 * with whom to call instead, each professional's task and period, and help
 * that ended with what it brought — for professionals and family alike
 * (family see names, roles and tasks; contact details only as SPEC §3
 * allows). Managers add people, change stored roles (never casusregisseur:
 * regie moves with an overdracht) and make personal links. A family or
 * netwerk member is added and gets their link in one step (ADR 028): the link
 * appears focused, with a ready message for the professional's own mail or
 * SMS app; a double submit adds nobody twice (the form's `requestId`).
 * Managers see each family member's devices and can sign them out everywhere.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { ArrowRightLeft, CalendarOff, Crown, Link2, LogOut, Mail, MessageSquare, Phone, Smartphone, Trash2, UserPlus } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { CopyButton } from '../components/CopyButton';
import { ASSIGNABLE_PROFESSIONAL_ROLES, isProfessionalRole, ROLE_LABELS, STORED_ROLES, type StoredRole } from '../domain/caseFacts';
import { caseAccess, mayKeepHelpOf, mayListParticipants, mayRecordGrondslag, maySeeContactDetails, mayWithdrawConsent } from '../domain/permissions';
import { FamilyPersonFields } from '../components/case/FamilyPersonFields';
import { RoleOptions } from '../components/case/RoleOptions';
import { GroundFields, RecordGround, WhoTakesPart, type GroundOptions, type TakesPart } from '../components/case/Grondslag';
import { groundHolds, groundOptionsOf, groundSentence, needsGrondslag, type GroundView } from '../domain/grondslag';
import { SHIELDED_NOTE } from '../domain/bijNood';
import { currentGrounds } from '../utils/grondslag.server';
import { INVITE_SUBJECT, inviteMessage, mailtoHref, smsHref } from '../domain/invite';
import { listDeviceSessions, newRequestId, type DeviceSession } from '../utils/signin.server';
import { LIMITS, periodText } from '../domain/regie';
import { requireCaseAction, requireCaseParticipant } from '../utils/caseAccess.server';
import { formatDate, formatDateTime } from '../utils/format';
import { qrSvg } from '../utils/qr.server';
import { handleIntent } from '../utils/commandAction.server';
import { notFound } from '../utils/responses';
import { regieQueries, todayIso, type AbsenceView, type HelpView } from '../utils/regie.server';

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { participant } = await requireCaseParticipant(request, context, params.caseId);
  const caseId = participant.caseId;
  const { cases, db, links } = context.services;
  const manage = caseAccess(participant.role, 'participants') === 'manage';
  const overview = cases.overview(caseId);
  if (!overview) throw notFound();
  const open = overview.closedAt === null;
  const professional = isProfessionalRole(participant.role);
  const base = {
    caseId,
    allowed: false,
    manage,
    professional,
    me: participant.id,
    open,
    writer: false,
    today: todayIso(),
    /** For the invite message: the children's first names and who sends it. */
    childFirstNames: overview.children.map((c) => c.firstName),
    myName: overview.participants.find((p) => p.id === participant.id)?.name ?? '',
    /** A fresh token per page: a double submit of the invite form repeats it, so the person is added once. */
    requestId: manage ? newRequestId() : '',
  };
  const noGrounds = { groundOptions: null as GroundOptions | null, takesPart: [] as TakesPart[], shielded: false };
  if (!mayListParticipants(participant.role)) {
    return json({ ...base, ...noGrounds, regie: null, participants: [] as Person[], helpers: [] as { id: string; name: string }[], help: [] as HelpView[] });
  }
  // Grondslag per betrokkene (ADR 033): the current ground of each person who needs one.
  // A legal ground holds only while the maatregel does (ADR 040): after it ends, the ground is to be recorded again.
  const grounds = new Map([...currentGrounds(db, caseId)].filter(([, g]) => groundHolds(g, overview.kader, overview.maatregelType)));
  const storedOf = (p: { role: StoredRole | 'casusregisseur' }): StoredRole => (p.role === 'casusregisseur' ? 'professional' : p.role);
  const thisYear = Number(todayIso().slice(0, 4));
  const takesPart: TakesPart[] = overview.participants
    .filter((p) => needsGrondslag(storedOf(p)))
    .map((p) => {
      const g = grounds.get(p.id) ?? null;
      return {
        participantId: p.id,
        name: p.name,
        sentence: groundSentence(p.name, g, overview.maatregelType, thisYear),
        mayWithdraw:
          g?.basis === 'toestemming' && p.id !== participant.id && mayWithdrawConsent(participant.role, { gaveIt: g.consentGivenById === participant.id }),
      };
    });
  const groundOptions: GroundOptions | null = open && mayRecordGrondslag(participant.role) ? groundOptionsOf(overview, todayIso()) : null;
  const regie = regieQueries(db);
  const help = regie.help(caseId);
  const absences = regie.absences(caseId);
  const helpOf = new Map(help.map((h) => [h.participantId, h]));
  const regisseurId = overview.casusregisseur?.id ?? null;
  const regieProfessionalId = overview.regieProfessional?.id ?? null;
  const isHelper = (p: { isProfessionalAccount: boolean; role: string }) => p.isProfessionalAccount && p.role !== 'meelezer';
  // Contact details the viewer may not see never leave the server (a stand-in is a professional: their phone is for everyone).
  const participants: Person[] = overview.participants.map((p) => ({
    ...(maySeeContactDetails(participant.role, p, overview) ? p : { ...p, phone: null, email: null }),
    // A participant never stores casusregisseur: the form offers the stored role (ADR 016).
    storedRole: p.role === 'casusregisseur' ? 'professional' : p.role,
    regisseur: p.id === regisseurId,
    besideParent: p.id === regieProfessionalId,
    helper: isHelper(p),
    mayKeep: open && isHelper(p) && mayKeepHelpOf(participant.role, p.id === participant.id),
    task: helpOf.get(p.id) ?? null,
    absences: absences.filter((a) => a.participantId === p.id),
    ground: manage && needsGrondslag(storedOf(p)) ? (grounds.get(p.id) ?? 'none') : null,
    links: manage && !p.isProfessionalAccount ? links.list(p.id) : [],
    devices: manage && !p.isProfessionalAccount ? listDeviceSessions(db, p.id) : [],
  }));
  const summary = regie.summary(caseId);
  return json({
    ...base,
    groundOptions,
    takesPart,
    /** Under the safety flag the jeugdbeschermer and casusregisseur still see family details: marked as afgeschermd. */
    shielded: overview.safetyFlag && maySeeContactDetails(participant.role, { isProfessionalAccount: false }, overview),
    allowed: true,
    writer: open && caseAccess(participant.role, 'caseFacts') === 'write',
    regie: {
      regisseur: overview.casusregisseur ? { name: overview.casusregisseur.name, parent: !overview.casusregisseur.isProfessionalAccount } : null,
      regieProfessional: overview.regieProfessional ? { name: overview.regieProfessional.name } : null,
      vastAanspreekpunt: overview.vastAanspreekpunt ? { name: overview.vastAanspreekpunt.name } : null,
      overdracht: summary.openOverdracht ? { toName: summary.openOverdracht.toName } : null,
      absences: absences.filter((a) => a.running),
    },
    participants,
    helpers: overview.participants.filter(isHelper).map((p) => ({ id: p.id, name: p.name })),
    help,
  });
}

type Person = CaseParticipant & {
  storedRole: StoredRole;
  regisseur: boolean;
  besideParent: boolean;
  helper: boolean;
  mayKeep: boolean;
  task: HelpView | null;
  absences: AbsenceView[];
  /** For managers: the current ground, 'none' (still to record) or null (needs none). */
  ground: GroundView | 'none' | null;
  links: LinkInfo[];
  devices: DeviceSession[];
};

type LinkInfo = import('../../server/links/links.server').LinkSummary;
type CaseParticipant = import('../../server/cases/cases.server').CaseParticipant;

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
      return json({
        link: { for: link.forName, participantId: link.participantId, url, code: link.code, expiresAt: link.expiresAt, qr: await qrSvg(url) },
      });
    },
    invite: async () => {
      const r = await commands.inviteFamilyMember(by, form);
      const url = `${new URL(request.url).origin}/l/${r.token}`;
      return json({
        saved: `${r.name} is toegevoegd.`,
        link: { for: r.name, participantId: r.participantId, url, code: r.code, expiresAt: r.expiresAt, qr: await qrSvg(url), phone: r.phone, email: r.email },
      });
    },
    'end-sessions': () => {
      const r = commands.endSessionsOf(by, form);
      return json({ saved: r.sessions ? `${r.name} is op alle apparaten uitgelogd. De link blijft werken.` : `${r.name} was nergens ingelogd.` });
    },
    revoke: () => {
      commands.revokeLink(by, form);
      return json({ saved: 'De link is ingetrokken. De toegang is direct beëindigd.' });
    },
    grondslag: () => json({ saved: `De grondslag van ${commands.recordGrondslag(by, form).name ?? 'deze persoon'} is vastgelegd.` }),
    'withdraw-consent': () =>
      json({ saved: `De toestemming is ingetrokken. ${commands.withdrawConsent(by, form).name} doet niet meer mee; de toegang is direct beëindigd.` }),
    'set-help': () => json({ saved: `Taak en periode van ${commands.setHelp(by, form).name} zijn opgeslagen.` }),
    'set-absence': () => {
      const r = commands.setAbsence(by, form);
      return json({ saved: `${r.name} staat als afwezig genoteerd. Vervanger: ${r.standIn}.` });
    },
    'end-absence': () => {
      commands.endAbsence(by, form);
      return json({ saved: 'De afwezigheid is beëindigd.' });
    },
  });
}

type LinkResult = {
  for: string | null;
  participantId: string;
  url: string;
  code: string | null;
  expiresAt: number;
  qr: string;
  phone?: string | null;
  email?: string | null;
};
type ActionData = { error?: string; saved?: string; link?: LinkResult };

export default function ParticipantsTab() {
  const d = useLoaderData<typeof loader>();
  const { allowed, manage, me, participants } = d;
  const result = useActionData<typeof action>() as ActionData | undefined;
  const busy = useNavigation().state !== 'idle';
  const overdrachtUrl = `/casussen/${d.caseId}/overdracht`;
  return (
    <section aria-labelledby="tab-titel">
      <h2 id="tab-titel">Betrokkenen</h2>
      {!allowed ? <p className="muted">Als meelezer kun je de lijst van betrokkenen niet inzien.</p> : null}
      {result?.error ? (
        <p className="alert" role="alert">
          {result.error}
        </p>
      ) : null}
      {result?.saved && !result.link ? <p role="status">{result.saved}</p> : null}
      {result?.link ? (
        <NewLink
          link={result.link}
          saved={result.saved}
          person={participants.find((p) => p.id === result.link!.participantId)}
          childFirstNames={d.childFirstNames}
          from={d.myName}
        />
      ) : null}

      {d.regie ? (
        <section className="card stack" aria-labelledby="regie-titel">
          <h3 id="regie-titel">
            <Crown aria-hidden="true" size={18} /> Regie
          </h3>
          <dl className="facts facts-inline">
            <div>
              <dt>Casusregisseur</dt>
              <dd>{d.regie.regisseur ? `${d.regie.regisseur.name}${d.regie.regisseur.parent ? ' (ouder)' : ''}` : 'nog niet gekozen'}</dd>
            </div>
            {d.regie.regieProfessional ? (
              <div>
                <dt>Professional naast de ouder</dt>
                <dd>{d.regie.regieProfessional.name}</dd>
              </div>
            ) : null}
            <div>
              <dt>{d.professional ? 'Vast aanspreekpunt gezin' : 'Jullie vaste contactpersoon'}</dt>
              <dd>{d.regie.vastAanspreekpunt?.name ?? 'nog niet gekozen'}</dd>
            </div>
          </dl>
          {d.regie.absences.map((a) => (
            <Absent key={a.id} a={a} />
          ))}
          {d.regie.overdracht ? (
            <p>
              <ArrowRightLeft aria-hidden="true" size={16} />{' '}
              {d.professional
                ? `Er loopt een overdracht van de regie aan ${d.regie.overdracht.toName}.`
                : `${d.regie.overdracht.toName} wordt de nieuwe regisseur.`}{' '}
              <Link to={overdrachtUrl}>Naar de overdracht</Link>
            </p>
          ) : d.writer ? (
            <p>
              <Link to={overdrachtUrl} className="button button-quiet button-small">
                <ArrowRightLeft aria-hidden="true" size={16} /> Regie overdragen
              </Link>
            </p>
          ) : null}
          <p className="small">
            <Link to={overdrachtUrl}>{d.professional ? 'Alle overdrachten en hun notities' : 'Eerdere regisseurs'}</Link>
          </p>
        </section>
      ) : null}

      {allowed ? <h3>Iedereen die betrokken is</h3> : null}
      <ul className="people">
        {participants.map((p) => (
          <li key={p.id} className="card person" data-participant={p.name}>
            <p className="person-name">{p.name}</p>
            <p className="muted">
              {p.regisseur ? (p.storedRole === 'professional' ? 'Casusregisseur' : `${ROLE_LABELS[p.storedRole]} · Casusregisseur`) : ROLE_LABELS[p.storedRole]}
              {p.relation ? ` · ${p.relation}` : ''}
              {p.organisationName ? ` · ${p.organisationName}` : ''}
            </p>
            {p.besideParent ? <p className="small">Staat naast de ouder die de regie heeft, en heeft de rechten van de regie.</p> : null}
            {p.role === 'casusregisseur' && !p.regisseur && !p.besideParent ? (
              <p className="small">Neemt de regie over: heeft tijdens de overdracht ook de rechten van de regie.</p>
            ) : null}
            {p.task?.task ? (
              <p className="small">
                <strong>Taak:</strong> {p.task.task}
                {p.task.helpFrom ? ` · ${periodText(p.task.helpFrom, p.task.helpUntil)}` : ''}
              </p>
            ) : null}
            {p.absences.map((a) => (
              <div key={a.id} className="row small">
                <Absent a={a} />
                {p.mayKeep ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="end-absence" />
                    <input type="hidden" name="absenceId" value={a.id} />
                    <button type="submit" className="button button-quiet button-small" disabled={busy}>
                      Afwezigheid beëindigen
                    </button>
                  </Form>
                ) : null}
              </div>
            ))}
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
                {d.shielded && !p.isProfessionalAccount ? <span className="muted small shielded-note">{SHIELDED_NOTE}</span> : null}
              </p>
            ) : null}
            {p.ground === 'none' ? <p className="small grondslag-missing">Grondslag nog niet vastgelegd</p> : null}
            {p.ground && p.ground !== 'none' ? (
              <p className="small">
                <strong>Grondslag:</strong>{' '}
                {p.ground.basis === 'wettelijk'
                  ? p.ground.legalGround
                  : `toestemming van ${p.ground.consentGivenByName ?? 'het gezin'} op ${formatDate(p.ground.consentGivenOn ?? '')}: ${p.ground.purpose ?? ''}`}
              </p>
            ) : null}
            {p.ground && d.groundOptions ? <RecordGround participantId={p.id} name={p.name} options={d.groundOptions} busy={busy} /> : null}
            {p.mayKeep ? <HelpForms p={p} helpers={d.helpers} manage={manage} today={d.today} busy={busy} groundOptions={d.groundOptions} /> : null}
            {manage && p.id !== me ? (
              <div className="stack">
                {p.regisseur || p.besideParent ? (
                  <p className="muted small">
                    Deze persoon heeft de regie. Draag de regie eerst over; dan kun je de rol aanpassen of deze persoon verwijderen.
                  </p>
                ) : (
                  <Form method="post" className="row">
                    <input type="hidden" name="intent" value="role" />
                    <input type="hidden" name="participantId" value={p.id} />
                    <label className="field small">
                      <span>Rol van {p.name}</span>
                      <select name="role" defaultValue={p.storedRole}>
                        <RoleOptions roles={STORED_ROLES.filter((r) => isProfessionalRole(r) === p.isProfessionalAccount)} />
                      </select>
                    </label>
                    {!p.isProfessionalAccount && !needsGrondslag(p.storedRole) && d.groundOptions ? (
                      <details>
                        <summary>Wordt {p.name} netwerklid? Leg dan ook de grondslag vast</summary>
                        <GroundFields options={d.groundOptions} />
                      </details>
                    ) : null}
                    <button type="submit" className="button button-quiet button-small" disabled={busy}>
                      Rol opslaan
                    </button>
                  </Form>
                )}
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
                    <Devices p={p} busy={busy} />
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
                {p.regisseur || p.besideParent ? null : (
                  <Form method="post" onSubmit={(e) => (confirm(`${p.name} verwijderen? Hun toegang stopt direct.`) ? undefined : e.preventDefault())}>
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="participantId" value={p.id} />
                    <button type="submit" className="button button-quiet button-small">
                      <Trash2 aria-hidden="true" size={16} /> {p.name} verwijderen
                    </button>
                  </Form>
                )}
              </div>
            ) : null}
          </li>
        ))}
      </ul>

      {allowed ? <WhoTakesPart people={d.takesPart} busy={busy} /> : null}
      {allowed ? <WhoHelps help={d.help} /> : null}

      {manage && d.open ? (
        <div className="home-people">
          {/* A new form (empty fields) after each person added; a failed attempt keeps what was typed. */}
          <Form key={result?.link?.participantId ?? 'nieuw'} method="post" className="card stack" aria-labelledby="nieuw-gezin">
            <h3 id="nieuw-gezin">
              <UserPlus aria-hidden="true" size={18} /> Gezinslid of netwerklid toevoegen
            </h3>
            <input type="hidden" name="intent" value="invite" />
            <input type="hidden" name="requestId" value={d.requestId} />
            <FamilyPersonFields relationExample="oma, buurman" />
            <label className="field">
              <span>Telefoon</span>
              <input name="phone" type="tel" maxLength={40} />
            </label>
            <label className="field">
              <span>E-mailadres</span>
              <input name="email" type="email" maxLength={320} />
            </label>
            <div className="row">
              <label className="field small">
                <span>Link geldig (dagen)</span>
                <input name="days" type="number" min={1} max={365} defaultValue={30} />
              </label>
              <label className="row small">
                <input type="checkbox" name="code" /> Met toegangscode
              </label>
            </div>
            {d.groundOptions ? <GroundFields options={d.groundOptions} hint="niet nodig voor een ouder of jeugdige" /> : null}
            <p className="muted small">Je krijgt meteen de persoonlijke link en een bericht om zelf te sturen, per e-mail of sms.</p>
            <button type="submit" className="button button-primary" disabled={busy}>
              <Link2 aria-hidden="true" size={16} /> Toevoegen en link maken
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
                <RoleOptions roles={ASSIGNABLE_PROFESSIONAL_ROLES} />
              </select>
            </label>
            {d.groundOptions ? <GroundFields options={d.groundOptions} /> : null}
            <p className="muted small">De regie geef je niet met een rol: die draag je over met een overdracht.</p>
            <button type="submit" className="button button-primary">
              Toevoegen
            </button>
          </Form>
        </div>
      ) : null}
    </section>
  );
}

/**
 * A link just made (also with a person just added): focused and scrolled into
 * view, shown once, with a ready message to copy or to send from the
 * professional's own mail or SMS app (the server sends nothing).
 */
function NewLink({
  link,
  saved,
  person,
  childFirstNames,
  from,
}: {
  link: LinkResult;
  saved?: string;
  person?: Person;
  childFirstNames: string[];
  from: string;
}) {
  const box = useRef<HTMLElement>(null);
  useEffect(() => {
    box.current?.focus();
    box.current?.scrollIntoView({ block: 'start' });
  }, [link.url]);
  const name = link.for ?? person?.name ?? '';
  const message = inviteMessage({ name, childFirstNames, url: link.url, from, withCode: Boolean(link.code) });
  const email = link.email ?? person?.email ?? null;
  const phone = link.phone ?? person?.phone ?? null;
  return (
    <section ref={box} tabIndex={-1} className="link-box stack" aria-labelledby="nieuwe-link">
      {saved ? <p role="status">{saved}</p> : null}
      <h3 id="nieuwe-link">Persoonlijke link voor {name}</h3>
      <p>Deze link zie je maar één keer. Stuur hem zelf naar {name}, met het bericht hieronder.</p>
      <p className="link-url">{link.url}</p>
      <label className="field">
        <span>Bericht voor {name}</span>
        <textarea readOnly rows={7} value={message} className="invite-message" />
      </label>
      <div className="row">
        <CopyButton text={message} label="Kopieer het bericht" />
        <CopyButton text={link.url} />
        <a className="button button-quiet button-small" href={mailtoHref(email, INVITE_SUBJECT, message)}>
          <Mail aria-hidden="true" size={16} /> Stuur per e-mail
        </a>
        <a className="button button-quiet button-small" href={smsHref(phone, message)}>
          <MessageSquare aria-hidden="true" size={16} /> Stuur per sms
        </a>
      </div>
      {link.code ? (
        <p>
          Toegangscode: <strong className="link-url">{link.code}</strong> — geef deze code apart door, bijvoorbeeld telefonisch.
        </p>
      ) : null}
      <p className="muted small">
        Werkt tot {formatDateTime(link.expiresAt)}. Elke keer dat {name} het plan opent, gaat die termijn opnieuw in.
      </p>
      <div className="qr" aria-label="QR-code van de link" role="img" dangerouslySetInnerHTML={{ __html: link.qr }} />
    </section>
  );
}

/** Where a family or netwerk member is signed in (device and last use), and signing them out everywhere. */
function Devices({ p, busy }: { p: Person; busy: boolean }) {
  return (
    <div className="devices small" aria-label={`Apparaten van ${p.name}`} role="group">
      <p>
        <Smartphone aria-hidden="true" size={16} /> <strong>Apparaten</strong>
        {p.devices.length === 0 ? <span className="muted"> — nergens ingelogd</span> : null}
      </p>
      {p.devices.length ? (
        <>
          <ul className="device-list">
            {p.devices.map((dev, i) => (
              <li key={i}>
                {dev.device} <span className="muted">· laatst gebruikt {formatDateTime(dev.lastSeenAt)}</span>
              </li>
            ))}
          </ul>
          <Form method="post" onSubmit={(e) => (confirm(`${p.name} overal uitloggen? De link blijft werken.`) ? undefined : e.preventDefault())}>
            <input type="hidden" name="intent" value="end-sessions" />
            <input type="hidden" name="participantId" value={p.id} />
            <button type="submit" className="button button-quiet button-small" disabled={busy}>
              <LogOut aria-hidden="true" size={16} /> Overal uitloggen: {p.name}
            </button>
          </Form>
        </>
      ) : null}
    </div>
  );
}

/** "X is afwezig tot en met 17 maart 2027. Bel in die tijd Y (06 …)." — or, still to come, "X is afwezig van … tot en met …". */
function Absent({ a }: { a: AbsenceView }) {
  return (
    <p>
      <CalendarOff aria-hidden="true" size={16} />{' '}
      {a.running ? `${a.name} is afwezig tot en met ${formatDate(a.until)}.` : `${a.name} is afwezig ${periodText(a.from, a.until)}.`}{' '}
      {a.running ? 'Bel in die tijd' : 'Vervanger:'} <strong>{a.standInName}</strong>
      {a.standInPhone ? (
        <>
          {' '}
          (<a href={`tel:${a.standInPhone.replace(/[^\d+]/g, '')}`}>{a.standInPhone}</a>)
        </>
      ) : null}
      .
    </p>
  );
}

/** Task and period, and marking an absence: for writers, and for a professional about themself. */
function HelpForms({
  p,
  helpers,
  manage,
  today,
  busy,
  groundOptions,
}: {
  p: Person;
  helpers: { id: string; name: string }[];
  manage: boolean;
  today: string;
  busy: boolean;
  groundOptions: GroundOptions | null;
}) {
  const standIns = helpers.filter((h) => h.id !== p.id);
  return (
    <div className="stack">
      <details>
        <summary>Taak en periode van {p.name}</summary>
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="set-help" />
          <input type="hidden" name="participantId" value={p.id} />
          <label className="field">
            <span>Taak in deze casus</span>
            <input name="task" required minLength={2} maxLength={LIMITS.task} defaultValue={p.task?.task ?? ''} />
          </label>
          <div className="row">
            <label className="field small">
              <span>Helpt sinds</span>
              <input name="from" type="date" required defaultValue={p.task?.helpFrom ?? today} />
            </label>
            <label className="field small">
              <span>Tot en met (leeg: loopt nog)</span>
              <input name="until" type="date" defaultValue={p.task?.helpUntil ?? ''} />
            </label>
          </div>
          <label className="field">
            <span>Als de hulp stopt: wat heeft ze opgeleverd? (in gewone woorden, het gezin leest mee)</span>
            <input name="result" maxLength={LIMITS.helpResult} defaultValue={p.task?.helpResult ?? ''} />
          </label>
          <button type="submit" className="button button-quiet button-small" disabled={busy}>
            Taak en periode opslaan
          </button>
        </Form>
      </details>
      <details>
        <summary>Afwezigheid van {p.name} melden</summary>
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="set-absence" />
          <input type="hidden" name="participantId" value={p.id} />
          <div className="row">
            <label className="field small">
              <span>Afwezig van</span>
              <input name="from" type="date" required defaultValue={today} />
            </label>
            <label className="field small">
              <span>Tot en met</span>
              <input name="until" type="date" required min={today} />
            </label>
          </div>
          <label className="field">
            <span>Vervanger</span>
            <select name="standInParticipantId" defaultValue="">
              <option value="">{manage ? 'Iemand die nog niet betrokken is (vul hieronder het e-mailadres in)' : 'Kies een vervanger'}</option>
              {standIns.map((h) => (
                <option key={h.id} value={h.id}>
                  {h.name}
                </option>
              ))}
            </select>
          </label>
          {manage ? (
            <label className="field">
              <span>Of: e-mailadres van het account van de vervanger</span>
              <input name="standInEmail" type="email" maxLength={320} />
            </label>
          ) : null}
          {manage && groundOptions ? <GroundFields options={groundOptions} hint="alleen voor een vervanger die nog niet betrokken is" /> : null}
          <button type="submit" className="button button-quiet button-small" disabled={busy}>
            Afwezigheid opslaan
          </button>
        </Form>
      </details>
    </div>
  );
}

/** One list of who helps and why: help that runs, and help that ended with what it brought. */
function WhoHelps({ help }: { help: HelpView[] }) {
  const now = help.filter((h) => !h.ended);
  const ended = help.filter((h) => h.ended);
  return (
    <section className="card stack" aria-labelledby="wie-helpt">
      <h3 id="wie-helpt">Wie helpt er, en sinds wanneer?</h3>
      {now.length === 0 ? (
        <p className="muted">Er is nog niemand met een taak vastgelegd.</p>
      ) : (
        <ul className="changes">
          {now.map((h) => (
            <li key={h.participantId}>
              <strong>{h.name}</strong>
              {h.organisationName ? ` (${h.organisationName})` : ''}: {h.task ?? 'taak nog niet vastgelegd'}
              {h.helpFrom ? <span className="muted"> · {periodText(h.helpFrom, null)}</span> : null}
              {h.helpUntil ? <span className="muted"> · tot en met {formatDate(h.helpUntil)}</span> : null}
            </li>
          ))}
        </ul>
      )}
      {ended.length ? (
        <>
          <h4>Hulp die gestopt is</h4>
          <ul className="changes">
            {ended.map((h) => (
              <li key={h.participantId}>
                <strong>{h.name}</strong>: {h.task ?? 'hulp'}
                {h.helpFrom ? <span className="muted"> · {periodText(h.helpFrom, h.helpUntil)}</span> : null}
                {h.removed ? <span className="muted"> · niet meer betrokken</span> : null}
                {h.helpResult ? <> — dit heeft het opgeleverd: {h.helpResult}</> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
