/**
 * Personal links: `/l/<token>` with a random 256-bit token, stored only as a
 * SHA-256 hash, with an expiry and an optional 6-digit toegangscode (argon2id;
 * five wrong codes block the link until it is renewed). Renewing kills the
 * previous links of that participant.
 */
import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { hashPassword, verifyPassword } from '../auth/passwords.server';

export const DEFAULT_LINK_DAYS = 30;
export const MAX_CODE_ATTEMPTS = 5;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface LinkRow {
  id: string;
  participant_id: string;
  code_hash: string | null;
  failed_code_attempts: number;
  expires_at: number;
  revoked_at: number | null;
  case_id: string;
}

export type LinkCheck =
  | { status: 'valid'; link: LinkRow }
  | { status: 'blocked'; link: LinkRow }
  /** Unknown, expired, revoked, or the participant was removed: one answer for all. */
  | { status: 'invalid' };

export function createLinks(sqlite: Database.Database, now: () => number = Date.now) {
  const byHash = sqlite.prepare<[string], LinkRow & { removed_at: number | null }>(
    `select l.id, l.participant_id, l.code_hash, l.failed_code_attempts, l.expires_at, l.revoked_at, p.case_id, p.removed_at
       from personal_links l join participants p on p.id = l.participant_id where l.token_hash = ?`,
  );
  const insert = sqlite.prepare(
    'insert into personal_links (id, participant_id, token_hash, code_hash, created_by_id, expires_at, created_at) values (?, ?, ?, ?, ?, ?, ?)',
  );
  const revokeAllOf = sqlite.prepare('update personal_links set revoked_at = ? where participant_id = ? and revoked_at is null');
  // An attempt is counted before its (slow, asynchronous) check and given back when the code was right,
  // so codes sent at the same moment cannot all be checked: at most MAX_CODE_ATTEMPTS are.
  const reserveAttempt = sqlite.prepare('update personal_links set failed_code_attempts = failed_code_attempts + 1 where id = ? and failed_code_attempts < ?');
  const returnAttempt = sqlite.prepare('update personal_links set failed_code_attempts = failed_code_attempts - 1 where id = ? and failed_code_attempts > 0');
  const used = sqlite.prepare('update personal_links set last_used_at = ? where id = ?');
  const listOf = sqlite.prepare<[string], { id: string; created_at: number; expires_at: number; revoked_at: number | null; failed_code_attempts: number; has_code: number; last_used_at: number | null }>(
    'select id, created_at, expires_at, revoked_at, failed_code_attempts, code_hash is not null as has_code, last_used_at from personal_links where participant_id = ? order by created_at desc',
  );

  return {
    /** Makes a new link (and kills older ones). The token and code are returned once and never stored. */
    async create(input: { participantId: string; createdById: string | null; days?: number; withCode?: boolean }) {
      const token = randomBytes(32).toString('base64url');
      const code = input.withCode ? String(randomInt(0, 1_000_000)).padStart(6, '0') : null;
      const codeHash = code ? await hashPassword(code) : null;
      const days = Math.min(Math.max(input.days ?? DEFAULT_LINK_DAYS, 1), 365);
      const id = randomUUID();
      sqlite.transaction(() => {
        revokeAllOf.run(now(), input.participantId);
        insert.run(id, input.participantId, hashToken(token), codeHash, input.createdById, now() + days * 86_400_000, now());
      })();
      return { id, token, code, expiresAt: now() + days * 86_400_000 };
    },
    check(token: string): LinkCheck {
      const row = byHash.get(hashToken(token));
      if (!row || row.revoked_at !== null || row.expires_at <= now() || row.removed_at !== null) return { status: 'invalid' };
      if (row.failed_code_attempts >= MAX_CODE_ATTEMPTS) return { status: 'blocked', link: row };
      return { status: 'valid', link: row };
    },
    /** True when the code is right; a wrong code counts towards the block (and a blocked link is never checked). */
    async verifyCode(link: LinkRow, code: string): Promise<boolean> {
      if (!link.code_hash) return true;
      if (reserveAttempt.run(link.id, MAX_CODE_ATTEMPTS).changes === 0) return false;
      const ok = /^\d{6}$/.test(code) && (await verifyPassword(link.code_hash, code));
      if (ok) returnAttempt.run(link.id);
      return ok;
    },
    markUsed(linkId: string) {
      used.run(now(), linkId);
    },
    revokeAll(participantId: string) {
      return revokeAllOf.run(now(), participantId).changes;
    },
    list(participantId: string) {
      return listOf.all(participantId).map((l) => ({
        id: l.id,
        createdAt: l.created_at,
        expiresAt: l.expires_at,
        status: l.revoked_at !== null ? 'ingetrokken' : l.expires_at <= now() ? 'verlopen' : l.failed_code_attempts >= MAX_CODE_ATTEMPTS ? 'geblokkeerd' : 'actief',
        hasCode: l.has_code === 1,
        lastUsedAt: l.last_used_at,
      }));
    },
  };
}
export type Links = ReturnType<typeof createLinks>;
