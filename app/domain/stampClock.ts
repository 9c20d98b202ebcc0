/**
 * Time stamps the browser writes into a live document (createdAt, editedAt,
 * statusAt, a reaction's `at`) are on the server's clock: the server refuses
 * a stamp more than STAMP_TOLERANCE_MS away from its own time, so a device
 * whose clock is off could otherwise not save anything. Every page that
 * mounts a live document gets `serverNow` from its loader; the offset
 * `serverNow - clientNow` is taken when that arrives (the latency of the page
 * load stays inside the tolerance), and every stamp is `clientNow + offset`
 * through `stampNow` — the one function all stamp writers in app/domain/items.ts
 * default to. On the server nobody sets an offset, so stamps there are the
 * server's own time. Pure code: no transport.
 */

/** How far the server's clock is ahead of this device's (ms); 0 for a bad or missing reading. */
export function clockOffset(serverNow: unknown, clientNow: number): number {
  return typeof serverNow === 'number' && Number.isFinite(serverNow) && Number.isFinite(clientNow) ? serverNow - clientNow : 0;
}

export interface StampClock {
  /** Takes a reading of the server's time (a loader's `serverNow`) against this device's clock now. */
  sync(serverNow: unknown): void;
  /** The current time on the server's clock. */
  now(): number;
  /** The offset in use (ms). */
  readonly offset: number;
}

/** A stamp clock over a device clock (injectable for tests: a skewed device clock). */
export function createStampClock(deviceNow: () => number = () => Date.now()): StampClock {
  let offset = 0;
  return {
    sync(serverNow) {
      offset = clockOffset(serverNow, deviceNow());
    },
    now: () => deviceNow() + offset,
    get offset() {
      return offset;
    },
  };
}

/** This page's stamp clock. */
export const stampClock = createStampClock();

/** Now, on the server's clock: the one source of every time stamp the client writes. */
export function stampNow(): number {
  return stampClock.now();
}
