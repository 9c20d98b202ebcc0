import { describe, expect, it } from 'vitest';
import { KeyedLimiter, TokenBucket } from './limits.server';

describe('TokenBucket', () => {
  it('allows a burst, then the sustained rate', () => {
    const bucket = new TokenBucket(3, 2, 0);
    expect([bucket.take(0), bucket.take(0), bucket.take(0), bucket.take(0)]).toEqual([true, true, true, false]);
    expect(bucket.take(499)).toBe(false);
    expect(bucket.take(500)).toBe(true); // 2 per second = one per 500 ms
    expect(bucket.take(500)).toBe(false);
  });

  it('never holds more than its capacity', () => {
    const bucket = new TokenBucket(2, 100, 0);
    bucket.take(0);
    expect(bucket.isFull(60_000)).toBe(true);
    expect([bucket.take(60_000), bucket.take(60_000), bucket.take(60_000)]).toEqual([true, true, false]);
  });
});

describe('KeyedLimiter', () => {
  it('limits each key separately and forgets refilled keys', () => {
    const limiter = new KeyedLimiter(1, 1);
    expect(limiter.take('10.0.0.1', 0)).toBe(true);
    expect(limiter.take('10.0.0.1', 0)).toBe(false);
    expect(limiter.take('10.0.0.2', 0)).toBe(true);
    limiter.sweep(10_000);
    expect(limiter.size).toBe(0);
  });
});
