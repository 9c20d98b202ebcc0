/**
 * Bridge for the OpenID Connect routes (ADR 032): logs a failed sign-in by
 * its error name only (never tokens, claims or the provider's message, which
 * may carry personal data).
 */
import { log } from '../../server/log.server';

export function logError(step: 'start' | 'callback', error: unknown) {
  const code = typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : undefined;
  log.warn({ step, error: error instanceof Error ? error.name : 'unknown', code }, 'OpenID Connect sign-in failed');
}
