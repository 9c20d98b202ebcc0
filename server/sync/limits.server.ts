/** Rate limits: a token bucket, and a set of buckets keyed by e.g. IP address. */

export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly capacity: number,
    private readonly refillPerSecond: number,
    now: number = Date.now(),
  ) {
    this.tokens = capacity;
    this.last = now;
  }

  /** Takes one token; false when the bucket is empty (the caller refuses). */
  take(now: number = Date.now()): boolean {
    if (now > this.last) {
      this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) * this.refillPerSecond) / 1000);
      this.last = now;
    }
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  isFull(now: number = Date.now()): boolean {
    return this.tokens + ((now - this.last) * this.refillPerSecond) / 1000 >= this.capacity;
  }
}

/**
 * Token buckets keyed by client address. Bounded: refilled keys are forgotten
 * (a sweep at most every `sweepEveryMs`, run by `take` itself, and `sweep()`
 * for callers with a timer), and beyond `maxKeys` the oldest keys go first —
 * an attacker rotating addresses cannot grow it without limit (ADR 037).
 */
export class KeyedLimiter {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly maxKeys: number;
  private readonly sweepEveryMs: number;
  private lastSweep = 0;

  constructor(
    private readonly capacity: number,
    private readonly refillPerSecond: number,
    options: { maxKeys?: number; sweepEveryMs?: number } = {},
  ) {
    this.maxKeys = options.maxKeys ?? 10_000;
    this.sweepEveryMs = options.sweepEveryMs ?? 60_000;
  }

  take(key: string, now: number = Date.now()): boolean {
    if (now - this.lastSweep >= this.sweepEveryMs) this.sweep(now);
    let bucket = this.buckets.get(key);
    if (!bucket) {
      // Full: forget the oldest keys (Map keeps insertion order); a forgotten key starts with a full bucket again.
      while (this.buckets.size >= this.maxKeys) {
        const oldest = this.buckets.keys().next().value;
        if (oldest === undefined) break;
        this.buckets.delete(oldest);
      }
      bucket = new TokenBucket(this.capacity, this.refillPerSecond, now);
      this.buckets.set(key, bucket);
    }
    return bucket.take(now);
  }

  /** Forgets keys whose bucket has refilled, so the map does not grow forever. */
  sweep(now: number = Date.now()): void {
    this.lastSweep = now;
    for (const [key, bucket] of this.buckets) if (bucket.isFull(now)) this.buckets.delete(key);
  }

  get size(): number {
    return this.buckets.size;
  }
}
