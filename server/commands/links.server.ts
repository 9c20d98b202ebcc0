/**
 * Commands on personal links: making one for a family or netwerk member
 * (which revokes their older links and ends the sessions opened with them),
 * revoking (also on a closed case: ending access is always allowed; a
 * child under the organisation's age for an own link gets none), and
 * opening one (with or without a toegangscode; a link to a closed case opens
 * it read-only). The token and code leave the command once, in its result;
 * only hashes are stored, and audit rows never hold them.
 */
import { z } from 'zod';
import { countRefusal, recordAudit } from '../audit/audit.server';
import { checkLink, DEFAULT_LINK_DAYS, insertLink, markLinkUsed, newLinkSecrets, verifyLinkCode, type LinkRecord } from '../links/links.server';
import { caseAccess } from '../../app/domain/permissions';
import { actingParticipant, commit, Id, nowOf, parseInput, participantInCase, requireAllowed, byActor, type Actor, type CommandDeps } from './command.server';
import { InvalidInput, NotAllowed } from './errors';
import { childAge, mayHaveOwnLink } from '../../app/domain/childVoice';
import { ageRulesOf, childOfParticipant } from '../childVoice/childVoice.server';
import { todayIso } from '../cases/regie.server';
import { endAccess, manager } from './participants.server';
import type { Tx } from '../../db/database.server';

const MANAGE_ONLY = 'Alleen de jeugdbeschermer of casusregisseur kan links maken of intrekken.';
const DAYS_MESSAGE = 'Kies een geldigheid van 1 tot 365 dagen.';

/** A family or netwerk member of the case (professionals sign in with their account, they get no link). */
function familyMember(tx: Tx, caseId: string, participantId: string) {
  const target = participantInCase(tx, caseId, participantId);
  if (target.userId) throw new InvalidInput('Professionals loggen in met hun account.', 'participantId');
  return target;
}

/**
 * Age rule (SPEC §2.6, ADR 030): a child younger than the organisation's
 * age for an own link takes part only through a professional, so the
 * jeugdige record that is that child (children.participantId) gets no link.
 */
function noOwnLinkUnderAge(tx: Tx, caseId: string, participantId: string, now: number) {
  const child = childOfParticipant(tx, caseId, participantId);
  if (!child) return;
  const { ownLinkAge } = ageRulesOf(tx, caseId);
  if (!mayHaveOwnLink(childAge(child.birthYear, todayIso(now)), { ownLinkAge, decidesAge: Infinity })) {
    throw new NotAllowed(
      `${child.firstName} is jonger dan ${ownLinkAge} jaar. Een kind van die leeftijd krijgt geen eigen link: het doet mee via een professional.`,
      'participantId',
    );
  }
}

export const CreatePersonalLinkInput = z.object({
  participantId: Id(),
  days: z
    .union(
      [
        z.literal(''),
        z
          .string()
          .trim()
          .regex(/^\d{1,3}$/, DAYS_MESSAGE),
      ],
      { error: DAYS_MESSAGE },
    )
    .optional()
    .transform((v) => (v ? Number(v) : DEFAULT_LINK_DAYS))
    .pipe(z.number().int().min(1, DAYS_MESSAGE).max(365, DAYS_MESSAGE)),
  code: z.enum(['on', ''], { error: 'Een van de velden klopt niet.' }).optional(),
});

/** A new personal link (the previous ones stop working and their sessions end). */
export async function createPersonalLink(deps: CommandDeps, actor: Actor, input: unknown) {
  const data = parseInput(CreatePersonalLinkInput, input);
  // argon2 is slow and asynchronous: hashed before the (synchronous) transaction.
  const secrets = await newLinkSecrets(data.code === 'on');
  const now = nowOf(deps);
  return commit(
    deps,
    (tx) => {
      const me = manager(tx, actor, MANAGE_ONLY);
      const target = familyMember(tx, me.caseId, data.participantId);
      noOwnLinkUnderAge(tx, me.caseId, target.id, now);
      // Replacing: only when an older link or session existed is access ended (and logged); a first link ends nothing.
      const ended = endAccess(tx, { caseId: me.caseId, participantId: target.id, by: actor, reason: 'nieuwe link', replacing: true }, now);
      const link = insertLink(
        tx,
        { participantId: target.id, createdById: me.id, tokenHash: secrets.tokenHash, codeHash: secrets.codeHash, days: data.days },
        now,
      );
      recordAudit(
        tx,
        {
          type: 'link-created',
          ...byActor(actor),
          subjectParticipantId: target.id,
          detail: { dagen: data.days, code: Boolean(secrets.code) },
        },
        now,
      );
      return {
        caseId: me.caseId,
        participantId: target.id,
        forName: target.name,
        token: secrets.token,
        code: secrets.code,
        expiresAt: link.expiresAt,
        leftMeeting: ended.leftMeeting,
      };
    },
    (r) => {
      deps.sync.closeConnections({ caseId: r.caseId, participantId: r.participantId });
      if (r.leftMeeting) deps.stamps.meetingChanged(r.caseId, actor.participantId, now);
    },
  );
}

export const RevokeLinkInput = z.object({ participantId: Id() });

/**
 * Ending access is always allowed, also on a closed case (ADR 019): the
 * manager is re-read like any actor, but the case need not be open.
 */
function accessEnder(tx: Tx, actor: Actor) {
  const me = actingParticipant(tx, actor);
  requireAllowed(caseAccess(me.role, 'participants') === 'manage', MANAGE_ONLY);
  return me;
}

export function revokeLink(deps: CommandDeps, actor: Actor, input: unknown) {
  const data = parseInput(RevokeLinkInput, input);
  const now = nowOf(deps);
  return commit(
    deps,
    (tx) => {
      const me = accessEnder(tx, actor);
      const target = familyMember(tx, me.caseId, data.participantId);
      const ended = endAccess(tx, { caseId: me.caseId, participantId: target.id, by: actor }, now);
      recordAudit(
        tx,
        {
          type: 'link-revoked',
          ...byActor(actor),
          subjectParticipantId: target.id,
          detail: { links: ended.links },
        },
        now,
      );
      return { caseId: me.caseId, participantId: target.id, leftMeeting: ended.leftMeeting };
    },
    (r) => {
      deps.sync.closeConnections({ caseId: r.caseId, participantId: r.participantId });
      if (r.leftMeeting) deps.stamps.meetingChanged(r.caseId, actor.participantId, now);
    },
  );
}

export type OpenLinkResult =
  { status: 'open'; link: LinkRecord } | { status: 'code'; wrong: boolean } | { status: 'blocked'; caseId: string } | { status: 'invalid' };

/**
 * Opens a personal link: checks it (and the toegangscode when the link has
 * one and `code` is given), marks it used and audits the opening — or audits
 * the refusal. The caller starts the participant's session on an `open` result.
 */
export async function openPersonalLink(deps: CommandDeps, input: { token: string; code?: string }): Promise<OpenLinkResult> {
  const token = typeof input.token === 'string' && input.token.length <= 100 ? input.token : '';
  // A refused link is anonymous (whoever holds a token): counted per day, never in a case's log (ADR 036).
  const refuse = (_reason: string, _caseId: string | null = null) => commit(deps, (tx) => countRefusal(tx, 'link-refused'));
  const check = checkLink(deps.db, token, nowOf(deps));
  if (check.status === 'invalid') {
    refuse('invalid');
    return { status: 'invalid' };
  }
  if (check.status === 'blocked') {
    refuse('blocked', check.link.caseId);
    return { status: 'blocked', caseId: check.link.caseId };
  }
  const { link } = check;
  if (link.hasCode) {
    if (input.code === undefined) return { status: 'code', wrong: false };
    const code = String(input.code).replace(/\s/g, '').slice(0, 20);
    if (!(await verifyLinkCode(deps.db, link.id, code))) {
      commit(deps, (tx) => recordAudit(tx, { type: 'code-wrong', caseId: link.caseId, subjectParticipantId: link.participantId }));
      const after = checkLink(deps.db, token, nowOf(deps));
      if (after.status === 'blocked') {
        refuse('blocked', link.caseId);
        return { status: 'blocked', caseId: link.caseId };
      }
      if (after.status === 'invalid') return { status: 'invalid' };
      return { status: 'code', wrong: true };
    }
  }
  const now = nowOf(deps);
  const expiresAt = commit(deps, (tx) => {
    // Revoked (or its person removed) a moment ago: not opened, and refused below.
    const slid = markLinkUsed(tx, link.id, now);
    if (slid !== null) recordAudit(tx, { type: 'link-opened', caseId: link.caseId, actorParticipantId: link.participantId }, now);
    return slid;
  });
  if (expiresAt === null) {
    refuse('invalid', link.caseId);
    return { status: 'invalid' };
  }
  // The session it starts lasts as long as the link (and slides with it).
  return { status: 'open', link: { ...link, expiresAt } };
}
