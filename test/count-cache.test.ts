// Counts that do not grow with the table (read-path issue, item 3): public totalCounts are
// cached per list and filter, invalidated by this process's own publications, reused for at most
// COUNT_CACHE_SECONDS otherwise, and recounted in the background once stale.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CountCache } from '../src/graphql/count-cache.js';
import { anonymous, callData } from './actors.js';
import { databaseLabel, startTestService, type TestService } from './harness.js';
import { fixture, mutateOk, releaseIn, type Fixture } from './workflow-helpers.js';

describe('CountCache', () => {
  afterEach(() => vi.useRealTimers());

  it('counts once per key while fresh, and again after an invalidation', async () => {
    const cache = new CountCache(5_000);
    let calls = 0;
    const count = async () => ++calls;
    expect(await cache.count('a', count)).toBe(1);
    expect(await cache.count('a', count)).toBe(1);
    expect(await cache.count('b', count)).toBe(2);
    cache.invalidate();
    expect(await cache.count('a', count)).toBe(3);
  });

  it('serves a stale count while it recounts in the background, then the new one', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const cache = new CountCache(5_000);
    let value = 10;
    let release!: () => void;
    const count = () => new Promise<number>((resolve) => (release = () => resolve(value)));
    const first = cache.count('k', count);
    release();
    expect(await first).toBe(10);
    vi.setSystemTime(Date.now() + 6_000);
    value = 11;
    expect(await cache.count('k', count)).toBe(10);
    release();
    await new Promise((r) => setImmediate(r));
    expect(await cache.count('k', count)).toBe(11);
  });

  it('shares one count between concurrent requests, and never answers after a change with a count begun before it', async () => {
    const cache = new CountCache(5_000);
    const releases: ((n: number) => void)[] = [];
    const count = () => new Promise<number>((resolve) => releases.push(resolve));
    const [a, b] = [cache.count('k', count), cache.count('k', count)];
    expect(releases).toHaveLength(1);
    cache.invalidate();
    const c = cache.count('k', count);
    expect(releases).toHaveLength(2);
    releases[0]!(1);
    releases[1]!(2);
    expect(await Promise.all([a, b, c])).toEqual([1, 1, 2]);
    // The count begun before the change was not kept: the one after it is.
    expect(await cache.count('k', async () => 99)).toBe(2);
  });

  it('counts every time when its lifetime is 0', async () => {
    const cache = new CountCache(0);
    let calls = 0;
    await cache.count('k', async () => ++calls);
    await cache.count('k', async () => ++calls);
    expect(calls).toBe(2);
  });
});

describe(`Public totalCount through the API (${databaseLabel})`, () => {
  let service: TestService;
  let fx: Fixture;
  const COUNT = '{ releases(first: 1) { totalCount } }';
  beforeAll(async () => {
    service = await startTestService({ env: { COUNT_CACHE_SECONDS: '60' } });
    fx = await fixture(service);
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('answers a repeated public count without counting again', async () => {
    const first = await service.countStatements(() => callData(service, anonymous, COUNT));
    const again = await service.countStatements(() => callData(service, anonymous, COUNT));
    expect(again.result).toEqual(first.result);
    expect(first.sql.some((q) => /count\(/i.test(q))).toBe(true);
    expect(again.sql.some((q) => /count\(/i.test(q))).toBe(false);
  });

  it('counts a publication, a withdrawal and a correction at once, for the public and for each filter', async () => {
    const before = (await callData(service, anonymous, COUNT)).releases.totalCount;
    const domain = '{ releases(first: 1, filter: { domainCode: "LAND_EXPROPRIATION" }) { totalCount } }';
    const domainBefore = (await callData(service, anonymous, domain)).releases.totalCount;
    const published = await releaseIn(fx, 'PUBLISHED');
    expect((await callData(service, anonymous, COUNT)).releases.totalCount).toBe(before + 1);
    expect((await callData(service, anonymous, domain)).releases.totalCount).toBe(domainBefore + 1);
    await mutateOk(service, fx.reviewer, 'withdraw', { id: published.id, reason: '计数测试' });
    expect((await callData(service, anonymous, COUNT)).releases.totalCount).toBe(before);
  });

  it('counts exactly for staff, who see their own drafts counted at once', async () => {
    const q = '{ workspaceReleases(first: 1) { totalCount } }';
    const before = (await callData(service, fx.editor, q)).workspaceReleases.totalCount;
    await releaseIn(fx, 'DRAFT');
    expect((await callData(service, fx.editor, q)).workspaceReleases.totalCount).toBe(before + 1);
  });
});
