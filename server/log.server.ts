/**
 * The one structured logger of the server: pino, JSON lines on stdout
 * (written synchronously, so nothing is lost when the process exits right
 * after logging). Level from LOG_LEVEL (default `info`; `silent` turns it
 * off). Invariant: log lines carry ids (uuids), counts, codes and durations —
 * never names, e-mail addresses, phone numbers, tokens, cookies, passwords,
 * hashes or document text. Errors go under `err` (pino's serializer keeps the
 * stack). The `redact` list below is only a safety net for that rule.
 */
import { pino, type DestinationStream, type Logger } from 'pino';

/** Paths censored if a caller ever passes them (one level deep and top level). */
export const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'headers.cookie',
  'cookie',
  'token',
  'password',
  'email',
  'phone',
  'name',
  '*.cookie',
  '*.token',
  '*.password',
  '*.email',
  '*.phone',
  '*.name',
];

const LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

function levelFromEnv(): string {
  const level = process.env.LOG_LEVEL?.trim().toLowerCase();
  return level && LEVELS.has(level) ? level : 'info';
}

/** The configured logger, writing to `destination` (tests pass their own stream). */
export function createLogger(destination: DestinationStream = pino.destination({ dest: 1, sync: true }), level: string = levelFromEnv()): Logger {
  return pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: { err: pino.stdSerializers.err },
    },
    destination,
  );
}

export const log: Logger = createLogger();

/** A child logger for one part of the server: every line carries `{ component }`. */
export function logger(component: string): Logger {
  return log.child({ component });
}
