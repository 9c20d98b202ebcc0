/**
 * The retention job (issue 18 point 4, ADR 035): a closed case whose closing
 * lies more than its organisation's `retentionMonths` calendar months back is
 * deleted through `deleteCaseData` (ground 'bewaartermijn'), leaving only the
 * tombstone. A reopened case has no closedAt and is never due. A case that
 * fails is logged and skipped; the others still go.
 */
import { and, eq, isNotNull } from 'drizzle-orm';
import { retentionCutoff } from '../../app/domain/deletion';
import type { Db } from '../../db/database.server';
import { cases, organisations } from '../../db/schema';
import type { Commands } from '../commands/index.server';
import { logger } from '../log.server';

const log = logger('retention');

/** The closed cases past their organisation's retention term at `now`. */
export function casesDueForDeletion(db: Db, now: number): string[] {
  const closed = db
    .select({ id: cases.id, closedAt: cases.closedAt, months: organisations.retentionMonths })
    .from(cases)
    .innerJoin(organisations, eq(organisations.id, cases.organisationId))
    .where(and(isNotNull(cases.closedAt)))
    .all();
  return closed.filter((c) => c.closedAt !== null && c.closedAt < retentionCutoff(now, c.months)).map((c) => c.id);
}

/** One round; returns how many cases were deleted. */
export function runRetention(deps: { db: Db; commands: Pick<Commands, 'deleteCaseData'> }, now = Date.now()): number {
  let deleted = 0;
  for (const caseId of casesDueForDeletion(deps.db, now)) {
    try {
      deps.commands.deleteCaseData({ kind: 'bewaartermijn' }, caseId);
      deleted++;
    } catch (err) {
      log.error({ err, caseId }, 'deleting a case after its retention term failed');
    }
  }
  if (deleted > 0) log.info({ deleted }, 'cases deleted after their retention term');
  return deleted;
}
