/**
 * The one structured logger (pino): JSON lines with levels and fields.
 * Never log personal data or tokens: ids and counts only.
 */
import pino from 'pino';

export const log = pino({ level: process.env.LOG_LEVEL ?? 'info' });

export function logger(component: string) {
  return log.child({ component });
}
