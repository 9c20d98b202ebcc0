/**
 * The server's periodic jobs, started and stopped in one place: purging
 * expired sessions, the daily versions and closing the sockets of overlaps
 * that ran out, the daily notifications and digests (all hourly; each is
 * deduplicated per day), deleting closed cases past the retention term
 * (ADR 035), and the outbox sender on its own short timer. A job that throws is logged; the timer goes on.
 */
import { purgeExpiredSessions } from '../auth/sessions.server';
import type { Services } from '../services.server';
import { logger } from '../log.server';
import { runDailySnapshots } from './dailySnapshots.server';
import { createOverlapEnds } from './overlapEnds.server';
import { runDailyNotifications } from './dailyNotifications.server';
import { runRetention } from './retention.server';

const log = logger('jobs');
const HOUR = 60 * 60 * 1000;
/** How often the outbox sender looks for due messages. */
const OUTBOX_POLL_MS = 5000;

export function startJobs(services: Services, intervalMs = HOUR): { stop(): void } {
  const closeRunOutOverlaps = createOverlapEnds(services);
  // The outbox sender polls on its own timer (seconds, not hours); messages in doubt after a crash are stopped first.
  services.outbox.start(services.config.outbox?.pollMs ?? (Number(process.env.OUTBOX_POLL_MS) || OUTBOX_POLL_MS));
  const daily = () => {
    try {
      runDailyNotifications(services.db);
    } catch (err) {
      log.error({ err }, 'queueing the daily notifications failed');
    }
  };
  daily();
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
    daily();
    // Closed cases past the retention term (ADR 035); a no-op on most rounds, so hourly is fine.
    try {
      runRetention(services);
    } catch (err) {
      log.error({ err }, 'the retention round failed');
    }
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
