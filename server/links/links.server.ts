/**
 * Personal links: `/l/<token>` with a random 256-bit token, stored only as a
 * SHA-256 hash, with an expiry and an optional 6-digit toegangscode (argon2id;
 * five wrong codes block the link until it is renewed). A new link for a
 * participant revokes their previous ones. Writes take a transaction handle
 * so the command that calls them also writes its audit row in it.
 *
 * A link's expiry slides with use (ADR 028): each use within its life (opening
 * it, or a request on a session it opened) moves the expiry to the moment of
 * use plus the link's term, so `expiresAt - (lastUsedAt ?? createdAt)` is the
 * term the professional chose, always. An unused link still ends after its term.
 */
import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { and, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/database.server';
import { participants, personalLinks } from '../../db/schema';
import { hashPassword, verifyPassword } from '../auth/passwords.server';

export const DEFAULT_LINK_DAYS = 30;
export const MAX_CODE_ATTEMPTS = 5;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface LinkRecord {
  id: string;
  participantId: string;
  caseId: string;
  hasCode: boolean;
  expiresAt: number;
}

export type LinkCheck =
  | { status: 'valid'; link: LinkRecord }
  | { status: 'blocked'; link: LinkRecord }
  /** Unknown, expired, revoked, or the participant was removed: one answer for all. */
  | { status: 'invalid' };

export type LinkStatus = 'actief' | 'verlopen' | 'ingetrokken' | 'geblokkeerd';

/** A new link's secrets: the token and code are shown once and never stored. Hashing the code is slow, so it happens before any transaction. */
export async function newLinkSecrets(withCode: boolean) {
  const token = randomBytes(32).toString('base64url');
  const code = withCode ? String(randomInt(0, 1_000_000)).padStart(6, '0') : null;
  return { token, code, tokenHash: hashToken(token), codeHash: code ? await hashPassword(code) : null };
}

export function insertLink(
  tx: Tx,
  input: { participantId: string; createdById: string | null; tokenHash: string; codeHash: string | null; days: number },
  now = Date.now(),
) {
  const id = randomUUID();
  const expiresAt = now + input.days * 86_400_000;
  tx.insert(personalLinks)
    .values({
      id,
      participantId: input.participantId,
      tokenHash: input.tokenHash,
      codeHash: input.codeHash,
      createdById: input.createdById,
      createdAt: now,
      expiresAt,
    })
    .run();
  return { id, expiresAt };
}

/** Revokes every live link of a participant; returns how many. */
export function revokeLinksOf(tx: Tx, participantId: string, now = Date.now()): number {
  return tx
    .update(personalLinks)
    .set({ revokedAt: now })
    .where(and(eq(personalLinks.participantId, participantId), isNull(personalLinks.revokedAt)))
    .run().changes;
}

export function checkLink(db: Db, token: string, now = Date.now()): LinkCheck {
  const row = db
    .select({
      id: personalLinks.id,
      participantId: personalLinks.participantId,
      caseId: participants.caseId,
      codeHash: personalLinks.codeHash,
      failedCodeAttempts: personalLinks.failedCodeAttempts,
      expiresAt: personalLinks.expiresAt,
      revokedAt: personalLinks.revokedAt,
      removedAt: participants.removedAt,
    })
    .from(personalLinks)
    .innerJoin(participants, eq(participants.id, personalLinks.participantId))
    .where(eq(personalLinks.tokenHash, hashToken(token)))
    .get();
  if (!row || row.revokedAt !== null || row.expiresAt <= now || row.removedAt !== null) return { status: 'invalid' };
  const link = { id: row.id, participantId: row.participantId, caseId: row.caseId, hasCode: row.codeHash !== null, expiresAt: row.expiresAt };
  return row.failedCodeAttempts >= MAX_CODE_ATTEMPTS ? { status: 'blocked', link } : { status: 'valid', link };
}

/**
 * True when the code is right. An attempt is counted before its (slow,
 * asynchronous) check and given back when the code was right, so codes sent
 * at the same moment cannot all be checked: at most MAX_CODE_ATTEMPTS are.
 */
export async function verifyLinkCode(db: Db, linkId: string, code: string): Promise<boolean> {
  const link = db.select({ codeHash: personalLinks.codeHash }).from(personalLinks).where(eq(personalLinks.id, linkId)).get();
  if (!link) return false;
  if (!link.codeHash) return true;
  const reserved = db
    .update(personalLinks)
    .set({ failedCodeAttempts: sql`${personalLinks.failedCodeAttempts} + 1` })
    .where(and(eq(personalLinks.id, linkId), lt(personalLinks.failedCodeAttempts, MAX_CODE_ATTEMPTS)))
    .run();
  if (reserved.changes === 0) return false;
  const ok = /^\d{6}$/.test(code) && (await verifyPassword(link.codeHash, code));
  if (ok) {
    db.update(personalLinks)
      .set({ failedCodeAttempts: sql`${personalLinks.failedCodeAttempts} - 1` })
      .where(and(eq(personalLinks.id, linkId), gt(personalLinks.failedCodeAttempts, 0)))
      .run();
  }
  return ok;
}

/**
 * Marks a use of a live link and slides its expiry by its own term (see the
 * header); returns the new expiry, or null when the link is revoked, expired
 * or its participant removed (nothing changes then).
 */
export function markLinkUsed(tx: Tx, linkId: string, now = Date.now()): number | null {
  const row = tx
    .update(personalLinks)
    .set({
      expiresAt: sql`${now} + (${personalLinks.expiresAt} - coalesce(${personalLinks.lastUsedAt}, ${personalLinks.createdAt}))`,
      lastUsedAt: now,
    })
    .where(
      and(
        eq(personalLinks.id, linkId),
        isNull(personalLinks.revokedAt),
        gt(personalLinks.expiresAt, now),
        sql`not exists (select 1 from participants p where p.id = ${personalLinks.participantId} and p.removed_at is not null)`,
      ),
    )
    .returning({ expiresAt: personalLinks.expiresAt })
    .get();
  return row?.expiresAt ?? null;
}

/** The current expiry of a live link (for a session it opens), or null. */
export function liveLinkExpiry(db: Tx, linkId: string, now = Date.now()): number | null {
  const row = db
    .select({ expiresAt: personalLinks.expiresAt })
    .from(personalLinks)
    .where(and(eq(personalLinks.id, linkId), isNull(personalLinks.revokedAt), gt(personalLinks.expiresAt, now)))
    .get();
  return row?.expiresAt ?? null;
}

export interface LinkSummary {
  id: string;
  createdAt: number;
  expiresAt: number;
  status: LinkStatus;
  hasCode: boolean;
  lastUsedAt: number | null;
}

export function listLinks(db: Db, participantId: string, now = Date.now()): LinkSummary[] {
  return db
    .select()
    .from(personalLinks)
    .where(eq(personalLinks.participantId, participantId))
    .orderBy(desc(personalLinks.createdAt))
    .all()
    .map((l) => ({
      id: l.id,
      createdAt: l.createdAt,
      expiresAt: l.expiresAt,
      status: l.revokedAt !== null ? 'ingetrokken' : l.expiresAt <= now ? 'verlopen' : l.failedCodeAttempts >= MAX_CODE_ATTEMPTS ? 'geblokkeerd' : 'actief',
      hasCode: l.codeHash !== null,
      lastUsedAt: l.lastUsedAt,
    }));
}

/** The read side handed to loaders (`context.services.links`). */
/** What opening a link shows before anyone says "Ja, dat ben ik" (ADR 037). */
export type LinkPreview =
  { status: 'ask'; participantId: string; caseId: string; name: string; hasCode: boolean } | { status: 'blocked'; caseId: string } | { status: 'invalid' };

/**
 * Reads a link without using it: no audit row, no use counted, no session —
 * a GET (and a link-preview bot) learns only whose link it is, which whoever
 * holds the link may know: the link itself is the key.
 */
export function previewLink(db: Db, token: string, now = Date.now()): LinkPreview {
  const check = checkLink(db, typeof token === 'string' && token.length <= 100 ? token : '', now);
  if (check.status === 'invalid') return { status: 'invalid' };
  if (check.status === 'blocked') return { status: 'blocked', caseId: check.link.caseId };
  const person = db.select({ name: participants.name }).from(participants).where(eq(participants.id, check.link.participantId)).get();
  return { status: 'ask', participantId: check.link.participantId, caseId: check.link.caseId, name: person?.name ?? 'Onbekend', hasCode: check.link.hasCode };
}

export function linkQueries(db: Db) {
  return {
    check: (token: string) => checkLink(db, token),
    preview: (token: string) => previewLink(db, token),
    list: (participantId: string) => listLinks(db, participantId),
  };
}
export type Links = ReturnType<typeof linkQueries>;
