/**
 * The server's periodic jobs, started and stopped in one place: purging
 * expired sessions, the daily versions and closing the sockets of overlaps
 * that ran out (all hourly). A job that throws is logged; the timer goes on.
 */
import { purgeExpiredSessions } from '../auth/sessions.server';
import type { Services } from '../services.server';
import { logger } from '../log.server';
import { runDailySnapshots } from './dailySnapshots.server';
import { createOverlapEnds } from './overlapEnds.server';

const log = logger('jobs');
const HOUR = 60 * 60 * 1000;

export function startJobs(services: Services, intervalMs = HOUR): { stop(): void } {
  const closeRunOutOverlaps = createOverlapEnds(services);
  const timer = setInterval(() => {
    try {
      closeRunOutOverlaps();
    } catch (err) {
      log.error({ err }, 'closing sockets of run-out overlaps failed');
    }
    try {
      purgeExpiredSessions(services.db);
    } catch (err) {
      log.error({ err }, 'purging expired sessions failed');
    }
    runDailySnapshots(services);
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
