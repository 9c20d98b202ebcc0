/**
 * Inviting a family or netwerk member in one step (ADR 028): the person and
 * their personal link are added in one transaction with both audit rows, and
 * the link's token leaves the command once, in its result.
 *
 * A double submit adds nobody twice. The form carries a random `requestId`:
 * a repeat of the same request by the same professional returns the very same
 * result (same person, same link) from a short-lived in-memory table — while
 * the first is still running, the repeat waits for it. The request id is also
 * kept in the `participant-added` audit row, so a repeat that the memory no
 * longer holds (after a restart) is refused (409) instead of adding again.
 */
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../../db/database.server';
import { auditLog } from '../../db/schema';
import { recordAudit } from '../audit/audit.server';
import { insertLink, newLinkSecrets } from '../links/links.server';
import { byActor, commit, nowOf, parseInput, type Actor, type CommandDeps } from './command.server';
import { Conflict } from './errors';
import { CreatePersonalLinkInput } from './links.server';
import { AddFamilyMemberInput, insertFamilyMember, manager } from './participants.server';

const FORM_EXPIRED = 'Dit formulier is verlopen. Laad de pagina opnieuw en probeer het nog eens.';
const ALREADY_ADDED = 'Deze persoon is net al toegevoegd. Kijk in de lijst; maak daar zo nodig een nieuwe link.';

/** How long a finished invite is remembered for a repeat of the same request. */
export const INVITE_MEMORY_MS = 5 * 60_000;
const INVITE_MEMORY_SIZE = 500;

export const InviteInput = AddFamilyMemberInput.extend({
  requestId: z
    .string({ error: FORM_EXPIRED })
    .trim()
    .regex(/^[A-Za-z0-9_-]{16,64}$/, FORM_EXPIRED),
  days: CreatePersonalLinkInput.shape.days,
  code: CreatePersonalLinkInput.shape.code,
});

export interface InviteResult {
  caseId: string;
  participantId: string;
  name: string;
  token: string;
  code: string | null;
  expiresAt: number;
  /** As the professional typed them, to address the message (mailto:, sms:). */
  phone: string | null;
  email: string | null;
}

/** Recent invites per server (keyed by its database handle): request key → the running or finished invite. */
const memories = new WeakMap<Db, Map<string, { at: number; result: Promise<InviteResult> }>>();

function memoryOf(db: Db, now: number) {
  let memory = memories.get(db);
  if (!memory) memories.set(db, (memory = new Map()));
  for (const [key, entry] of memory) {
    if (memory.size <= INVITE_MEMORY_SIZE && now - entry.at < INVITE_MEMORY_MS) break;
    memory.delete(key); // oldest first (a Map keeps insertion order)
  }
  return memory;
}

/** Whether this case already has a participant added by this request (a repeat the memory no longer holds). */
function requestSeen(tx: Tx, caseId: string, requestId: string): boolean {
  return (
    tx
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(and(eq(auditLog.caseId, caseId), eq(auditLog.type, 'participant-added'), sql`json_extract(${auditLog.detail}, '$.verzoek') = ${requestId}`))
      .get() !== undefined
  );
}

/** Adds a family or netwerk member and makes their personal link, in one step. */
export function inviteFamilyMember(deps: CommandDeps, actor: Actor, input: unknown): Promise<InviteResult> {
  const data = parseInput(InviteInput, input);
  const now = nowOf(deps);
  const memory = memoryOf(deps.db, now);
  const key = `${actor.caseId}:${actor.participantId}:${data.requestId}`;
  const earlier = memory.get(key);
  if (earlier) {
    // Same request again: the same answer, once the actor is checked again (removed a moment ago: refused).
    return earlier.result.then((result) => {
      commit(deps, (tx) => manager(tx, actor));
      return result;
    });
  }
  const result = (async (): Promise<InviteResult> => {
    // argon2 (for a code) is slow and asynchronous: hashed before the (synchronous) transaction.
    const secrets = await newLinkSecrets(data.code === 'on');
    return commit(deps, (tx) => {
      const me = manager(tx, actor);
      if (requestSeen(tx, me.caseId, data.requestId)) throw new Conflict(ALREADY_ADDED);
      const added = insertFamilyMember(tx, actor, me.caseId, data, now, { verzoek: data.requestId });
      const link = insertLink(
        tx,
        { participantId: added.participantId, createdById: me.id, tokenHash: secrets.tokenHash, codeHash: secrets.codeHash, days: data.days },
        now,
      );
      recordAudit(
        tx,
        { type: 'link-created', ...byActor(actor), subjectParticipantId: added.participantId, detail: { dagen: data.days, code: Boolean(secrets.code) } },
        now,
      );
      return {
        caseId: me.caseId,
        participantId: added.participantId,
        name: added.name,
        token: secrets.token,
        code: secrets.code,
        expiresAt: link.expiresAt,
        phone: data.phone || null,
        email: data.email || null,
      };
    });
  })();
  memory.set(key, { at: now, result });
  // A refused invite is not remembered: the corrected form may be sent again.
  result.catch(() => memory.delete(key));
  return result;
}
