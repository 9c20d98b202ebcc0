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

  it('stays bounded after many addresses, forgetting the oldest first', () => {
    const limiter = new KeyedLimiter(5, 0.2, { maxKeys: 100 });
    for (let i = 0; i < 10_000; i++) limiter.take(`10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`, i);
    expect(limiter.size).toBeLessThanOrEqual(100);
  });

  it('forgets refilled keys by itself, without a timer', () => {
    const limiter = new KeyedLimiter(1, 1, { maxKeys: 1000, sweepEveryMs: 1000 });
    for (let i = 0; i < 50; i++) limiter.take(`192.0.2.${i}`, 0);
    limiter.take('198.51.100.1', 60_000);
    expect(limiter.size).toBe(1);
  });
});
