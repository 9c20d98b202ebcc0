/**
 * Graceful shutdown on SIGTERM/SIGINT: close the server (and the database
 * with it), then exit. Invariant: the process exits only after close()
 * settled; 0 when it succeeded, 1 (logged with the error) when it failed.
 */
import { log } from './log.server';

export function installShutdown(close: () => Promise<void>): void {
  const stop = (signal: string) => {
    log.info({ signal }, 'stopping');
    close().then(
      () => {
        log.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        log.error({ err: error }, 'stopping failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}
