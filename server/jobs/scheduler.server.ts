/**
 * The server's periodic jobs, started and stopped in one place: purging
 * expired sessions and the daily versions (both hourly). A job that throws is
 * logged; the timer goes on.
 */
import { purgeExpiredSessions } from '../auth/sessions.server';
import type { Services } from '../services.server';
import { logger } from '../log.server';
import { runDailySnapshots } from './dailySnapshots.server';

const log = logger('jobs');
const HOUR = 60 * 60 * 1000;

export function startJobs(services: Services, intervalMs = HOUR): { stop(): void } {
  const timer = setInterval(() => {
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
