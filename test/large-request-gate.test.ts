// The large-request gate on its own; over HTTP every large body of the suites passes through it.
import { describe, expect, it } from 'vitest';
import { LargeRequestGate } from '../src/http/large-request-gate.js';

describe('LargeRequestGate', () => {
  it('lets one in at a time, the others in order of arrival', async () => {
    const gate = new LargeRequestGate(1, 10);
    const order: string[] = [];
    const leaveA = (await gate.enter())!;
    const b = gate.enter().then((leave) => (order.push('b'), leave!));
    const c = gate.enter().then((leave) => (order.push('c'), leave!));
    await Promise.resolve();
    expect(order).toEqual([]);
    leaveA();
    const leaveB = await b;
    expect(order).toEqual(['b']);
    // Leaving twice (a close after a finish) lets only one more in.
    leaveA();
    await Promise.resolve();
    expect(order).toEqual(['b']);
    leaveB();
    (await c)();
    expect(order).toEqual(['b', 'c']);
    // Empty again: the next one enters at once.
    expect(await gate.enter()).toEqual(expect.any(Function));
  });

  it('answers null once its queue is full, and takes new ones again when it drains', async () => {
    const gate = new LargeRequestGate(1, 2);
    const leave = (await gate.enter())!;
    const queued = [gate.enter(), gate.enter()];
    expect(await gate.enter()).toBeNull();
    leave();
    ((await queued[0]!)!)();
    // One in, none waiting: a new one waits its turn instead of being refused.
    const next = gate.enter();
    ((await queued[1]!)!)();
    expect(await next).toEqual(expect.any(Function));
  });
});
