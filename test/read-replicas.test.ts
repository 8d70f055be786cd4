// Reads that scale out (read-path issue, item 8): with DATABASE_REPLICA_URLS, anonymous and
// channel queries are answered by a streaming replica; staff queries and every mutation stay on
// the primary. Needs a real hot standby of TEST_DATABASE_URL's server: `.ci/run` starts one with
// scripts/replica-start.sh and names it in TEST_REPLICA_URL.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, asAdmin, callData, createChannelWithKey, type Caller } from './actors.js';
import { loadConfig } from '../src/config.js';
import { startTestService, testDatabaseUrl, type TestService } from './harness.js';
import { fixture, mutateOk, pollUntil, releaseIn, type Fixture } from './workflow-helpers.js';

const replicaUrl = process.env.TEST_REPLICA_URL || undefined;

describe('DATABASE_REPLICA_URLS', () => {
  const base = { JWT_SECRET: 'x'.repeat(32), DATABASE_URL: 'postgresql://db.example/gongkai' };
  it('takes a comma-separated list of PostgreSQL URLs, and none by default', () => {
    expect(loadConfig(base).databaseReplicaUrls).toEqual([]);
    expect(loadConfig({ ...base, DATABASE_REPLICA_URLS: ' postgresql://r1/gongkai, postgres://r2/gongkai ,' }).databaseReplicaUrls).toEqual([
      'postgresql://r1/gongkai',
      'postgres://r2/gongkai',
    ]);
  });
  it('refuses replicas of the embedded database, and URLs of anything else', () => {
    expect(() => loadConfig({ JWT_SECRET: base.JWT_SECRET, DATABASE_REPLICA_URLS: 'postgresql://r1/gongkai' })).toThrow(/needs DATABASE_URL/);
    expect(() => loadConfig({ ...base, DATABASE_REPLICA_URLS: 'mysql://r1/gongkai' })).toThrow(/must start with postgresql/);
  });
});

describe.skipIf(!testDatabaseUrl || !replicaUrl)('Read replicas (PostgreSQL streaming replica)', () => {
  let service: TestService;
  let fx: Fixture;
  let channel: Caller;
  const LIST = `{ releases(first: 20) { totalCount edges { node { id title publisher { name } matter { code } } } } }`;
  const titlesOf = (data: any): string[] => data.releases.edges.map((e: any) => e.node.title);

  beforeAll(async () => {
    service = await startTestService({ replicaUrl, env: { COUNT_CACHE_SECONDS: '0' } });
    fx = await fixture(service);
    channel = await createChannelWithKey(service, await asAdmin(service), 'WEBSITE');
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('is given a real hot standby, which refuses writes', async () => {
    const client = new pg.Client({ connectionString: replicaUrl });
    await client.connect();
    try {
      expect((await client.query('SELECT pg_is_in_recovery() AS standby')).rows[0].standby).toBe(true);
      await expect(client.query('CREATE TABLE replica_write_probe (id int)')).rejects.toMatchObject({ code: '25006' });
    } finally {
      await client.end();
    }
  });

  it('answers anonymous and channel queries without a statement on the primary', async () => {
    const anonymousRead = await service.countStatements(() => callData(service, anonymous, LIST));
    expect(anonymousRead.statements).toBe(0);
    const { totalCount } = anonymousRead.result.releases;
    expect(totalCount).toBeGreaterThan(0);
    expect(titlesOf(anonymousRead.result)).toHaveLength(Math.min(20, totalCount));
    const channelRead = await service.countStatements(() => callData(service, channel, LIST));
    // The key is checked on the primary (a revocation takes effect at once); the reads are not.
    expect(channelRead.sql.every((q) => /api_?key|ApiKey|channel/i.test(q))).toBe(true);
    expect(channelRead.sql.length).toBeLessThanOrEqual(2);
    expect(titlesOf(channelRead.result).length).toBeGreaterThan(0);
  });

  it('reads concernStatus from the primary, even through a fragment: a concern just filed is found, and wrong codes are counted', async () => {
    const submitted = await callData(service, anonymous, `mutation($i: SubmitConcernInput!) { submitConcern(input: $i) { ... on SubmitConcernPayload { receipt { trackingNo accessCode } } } }`, {
      i: { kind: 'QUESTION', subject: '副本测试', content: '副本测试', contact: { name: '测试', phone: '13900009999' } },
    });
    const { trackingNo, accessCode } = submitted.submitConcern.receipt;
    for (const document of [
      `query($n: String!, $c: String!) { concernStatus(trackingNo: $n, accessCode: $c) { status } }`,
      `query($n: String!, $c: String!) { ...F } fragment F on Query { concernStatus(trackingNo: $n, accessCode: $c) { status } }`,
      `query($n: String!, $c: String!) { ... on Query { concernStatus(trackingNo: $n, accessCode: $c) { status } } }`,
    ]) {
      const read = await service.countStatements(() => callData(service, anonymous, document, { n: trackingNo, c: accessCode }));
      expect(read.result.concernStatus, document).toEqual({ status: 'RECEIVED' });
      expect(read.statements, document).toBeGreaterThan(0);
    }
  });

  it('keeps staff queries and every mutation on the primary', async () => {
    const staffRead = await service.countStatements(() => callData(service, fx.editor, '{ workspaceReleases(first: 5) { totalCount } }'));
    expect(staffRead.statements).toBeGreaterThan(0);
    const draft = await service.countStatements(() => releaseIn(fx, 'DRAFT'));
    expect(draft.sql.some((q) => /INSERT/i.test(q))).toBe(true);
  });

  it('shows a publication on the replica once replayed, still without reading the primary', async () => {
    const published = await releaseIn(fx, 'PUBLISHED');
    const seen = await service.countStatements(() =>
      pollUntil('the publication on the replica', async () => {
        const data = await callData(service, anonymous, `query($id: ID!) { node(id: $id) { ... on Release { id title } } }`, { id: published.id });
        return data.node;
      }),
    );
    expect(seen.result.title).toBe(published.title);
    expect(seen.statements).toBe(0);
    await mutateOk(service, fx.reviewer, 'withdraw', { id: published.id, reason: '副本撤回测试' });
    // A withdrawal stays listed as a notice (its body hidden): the replica shows it as such.
    const withdrawn = await pollUntil('the withdrawal on the replica', async () => {
      const data = await callData(service, anonymous, `query($id: ID!) { node(id: $id) { ... on Release { status bodyHtml } } }`, { id: published.id });
      return data.node?.status === 'WITHDRAWN' && data.node;
    });
    expect(withdrawn.bodyHtml).not.toContain('予以公示');
  });
});
