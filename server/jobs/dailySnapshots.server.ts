/**
 * The daily version job: once an hour it looks for cases that changed since
 * their last version and have had no daily version for 24 hours, and makes
 * one per case. A case that fails is logged and skipped; the others still
 * get theirs.
 */
import type { Commands } from '../commands/index.server';
import type { Snapshots } from '../snapshots/snapshots.server';
import { logger } from '../log.server';

const log = logger('daily-snapshots');

/** One round; returns how many versions were made. */
export function runDailySnapshots(deps: { snapshots: Snapshots; commands: Pick<Commands, 'takeDailySnapshot'> }, now = Date.now()): number {
  let made = 0;
  for (const caseId of deps.snapshots.dueForDaily(now)) {
    try {
      deps.commands.takeDailySnapshot(caseId);
      made++;
    } catch (err) {
      log.error({ err, caseId }, 'daily snapshot of a case failed');
    }
  }
  return made;
}
