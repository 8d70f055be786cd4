// The refusal throttle on its own (the HTTP behaviour is in server.test.ts).
import { describe, expect, it } from 'vitest';
import { RefusalThrottle } from '../src/http/refusal-throttle.js';

const T0 = 1_800_000_000_000;

describe('RefusalThrottle', () => {
  it('lets an address spend its budget, then tells it to wait until its minute is over', () => {
    const throttle = new RefusalThrottle(3);
    expect(throttle.refused('a', 0, T0)).toBe(false);
    expect(throttle.refused('a', 0, T0 + 1000)).toBe(false);
    expect(throttle.retryAfterSeconds('a', T0 + 1000)).toBe(0);
    expect(throttle.refused('a', 0, T0 + 2000)).toBe(true);
    expect(throttle.retryAfterSeconds('a', T0 + 2000)).toBe(58);
    expect(throttle.retryAfterSeconds('a', T0 + 59_500)).toBe(1);
    expect(throttle.retryAfterSeconds('b', T0 + 2000)).toBe(0);
    // A new window starts once the minute is over.
    expect(throttle.retryAfterSeconds('a', T0 + 60_000)).toBe(0);
    expect(throttle.refused('a', 0, T0 + 60_000)).toBe(false);
    expect(throttle.retryAfterSeconds('a', T0 + 60_000)).toBe(0);
  });

  it('charges one more per 64 KiB a refused request carried', () => {
    const throttle = new RefusalThrottle(10);
    expect(throttle.refused('a', 8 * 64 * 1024 + 5, T0)).toBe(false); // 9
    expect(throttle.retryAfterSeconds('a', T0)).toBe(0);
    expect(throttle.refused('a', 100, T0)).toBe(true); // 10
    expect(throttle.retryAfterSeconds('a', T0)).toBe(60);
    // Spending it tells once; later refusals in the same window do not say so again.
    expect(throttle.refused('a', 0, T0)).toBe(false);
  });

  it('with a budget of 0 is off', () => {
    const throttle = new RefusalThrottle(0);
    for (let i = 0; i < 1000; i++) expect(throttle.refused('a', 1e9, T0)).toBe(false);
    expect(throttle.retryAfterSeconds('a', T0)).toBe(0);
  });

  it('keeps at most 10,000 addresses: expired windows go first, then the oldest, never a current one needlessly', () => {
    const throttle = new RefusalThrottle(1);
    for (let i = 0; i < 10_000; i++) throttle.refused(`old-${i}`, 0, T0);
    // A minute later all of those have expired: a new address drops them, not itself.
    throttle.refused('new', 0, T0 + 60_000);
    expect(throttle.retryAfterSeconds('new', T0 + 60_000)).toBe(60);
    for (let i = 0; i < 9_999; i++) throttle.refused(`cur-${i}`, 0, T0 + 61_000);
    // Full of current windows: the oldest ('new') makes room.
    throttle.refused('newest', 0, T0 + 62_000);
    expect(throttle.retryAfterSeconds('newest', T0 + 62_000)).toBe(60);
    expect(throttle.retryAfterSeconds('new', T0 + 62_000)).toBe(0);
    expect(throttle.retryAfterSeconds('cur-0', T0 + 62_000)).toBe(59);
  });
});
