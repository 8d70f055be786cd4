// The change feed (`changes`) through GraphQL on the real service: what a channel integrator
// pulls after a withdrawal and a correction, who sees which events, filters, cursors that are
// bad or past retention — and, on PostgreSQL, that a reader never misses an event whose
// transaction commits after a later one (interleaved transactions on real connections).
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeOldEvents } from '../src/modules/changes/change-feed.js';
import { ChangeBus } from '../src/modules/changes/change-bus.js';
import { createLogger } from '../src/logger.js';
import { PgFaultProxy } from './pg-fault-proxy.js';
import { anonymous, callData, createChannelWithKey, type Caller, type ChannelWithKey } from './actors.js';
import { databaseLabel, startTestService, testDatabaseUrl, type TestService } from './harness.js';
import { fixture, mutateOk, pollUntil, releaseIn, uuidOf, type Any, type Fixture } from './workflow-helpers.js';

let service: TestService;
let fx: Fixture;
let miniProgram: ChannelWithKey;
let kiosk: ChannelWithKey;

beforeAll(async () => {
  service = await startTestService();
  fx = await fixture(service);
  miniProgram = await createChannelWithKey(service, fx.admin, 'MINI_PROGRAM');
  kiosk = await createChannelWithKey(service, fx.admin, 'KIOSK');
});

afterAll(async () => {
  await service?.stop();
});

const CHANGES = `query($after: String, $first: Int, $filter: ChangeFilter) {
  changes(after: $after, first: $first, filter: $filter) {
    __typename
    ... on ChangeConnection {
      pageInfo { endCursor hasNextPage }
      edges { cursor node {
        kind occurredAt subjectId subjectVersion channels
        release { id indexNo title status bodyHtml withdrawalReason }
        interpretation { id title }
        tombstone { indexNo title reason withdrawnAt }
        correction { major changeNote }
      } }
    }
    ... on ChangeCursorExpiredError { code message retentionDays }
    ... on InputError { code message field }
  }
}`;

/** Every event after `after` (all pages), and the cursor to resume from. */
async function pull(caller: Caller, after: string | null, filter?: Record<string, unknown>): Promise<{ events: Any[]; cursor: string }> {
  await caughtUp();
  const events: Any[] = [];
  let cursor = after;
  for (;;) {
    const page = (await callData(service, caller, CHANGES, { after: cursor, first: 100, filter })).changes;
    if (page.__typename !== 'ChangeConnection') throw new Error(`changes: ${JSON.stringify(page)}`);
    events.push(...page.edges.map((e: Any) => e.node));
    cursor = page.pageInfo.endCursor;
    if (!page.pageInfo.hasNextPage) return { events, cursor: cursor! };
  }
}

/**
 * Waits until every event committed so far is below the feed's watermark. The watermark is the
 * oldest transaction still running on the whole server — on PostgreSQL another test file's, in
 * another database, may hold it a moment: the feed then shows an event a little later, never not.
 */
async function caughtUp(): Promise<void> {
  await pollUntil('the feed caught up with the outbox', async () => {
    const [row] = await service.service.db.prisma.$queryRaw<{ ok: boolean }[]>`
      SELECT COALESCE(max("txid"), 0) < ((pg_snapshot_xmin(pg_current_snapshot()))::text)::bigint AS ok FROM "OutboxEvent"`;
    return row!.ok;
  });
}

const of = (events: Any[], subjectId: string) => events.filter((e) => e.subjectId === subjectId).map((e) => e.kind);

describe(`the change feed (${databaseLabel})`, () => {
  it('after a withdrawal and a correction, the next pull returns the tombstone and the correction — and nothing twice', async () => {
    const withdrawn = await releaseIn(fx, 'PUBLISHED');
    const corrected = await releaseIn(fx, 'PUBLISHED');
    const { cursor: t0 } = await pull(miniProgram, null);

    await mutateOk(service, fx.reviewer, 'withdraw', { id: withdrawn.id, reason: '数据有误，撤回核实' });
    await mutateOk(service, fx.reviewer, 'update', { id: corrected.id, expectedVersion: corrected.version, title: `${corrected.title}(更正)`, revisionKind: 'MAJOR', changeNote: '更正发放金额' });

    const { events, cursor: t1 } = await pull(miniProgram, t0);
    expect(events.map((e) => e.kind)).toEqual(['RELEASE_WITHDRAWN', 'RELEASE_CORRECTED']);
    const [gone, fixed] = events;
    expect(gone.subjectId).toBe(withdrawn.id);
    expect(gone.tombstone).toEqual({ indexNo: withdrawn.indexNo, title: withdrawn.title, reason: '数据有误，撤回核实', withdrawnAt: expect.any(String) });
    // The subject as it stands now: its notice, never its old body.
    expect(gone.release).toMatchObject({ id: withdrawn.id, status: 'WITHDRAWN', withdrawalReason: '数据有误，撤回核实' });
    expect(gone.release.bodyHtml ?? '').not.toContain('征地补偿费用发放明细予以公示');
    expect(JSON.stringify(gone)).not.toContain('予以公示');
    expect(fixed.correction).toEqual({ major: true, changeNote: '更正发放金额' });
    // Versions let a mirror order one subject's events: the correction is newer than the publication.
    expect(fixed.subjectVersion).toBe(corrected.version + 1);
    expect(fixed.release.title).toBe(`${corrected.title}(更正)`);
    expect(fixed.tombstone).toBeNull();

    // Resuming from the new cursor: nothing again.
    expect((await pull(miniProgram, t1)).events).toEqual([]);
  });

  it('an empty page still hands out a cursor, and resuming from it gets what comes later', async () => {
    const { cursor } = await pull(anonymous, null);
    const page = (await callData(service, anonymous, CHANGES, { after: cursor, first: 5 })).changes;
    expect(page.edges).toEqual([]);
    expect(page.pageInfo).toEqual({ endCursor: expect.any(String), hasNextPage: false });
    const r = await releaseIn(fx, 'PUBLISHED');
    expect(of((await pull(anonymous, page.pageInfo.endCursor)).events, r.id)).toEqual(['RELEASE_PUBLISHED']);
  });

  it('pages are contiguous: small pages give the same events as one large one, in the same order', async () => {
    for (let i = 0; i < 3; i++) await releaseIn(fx, 'PUBLISHED');
    const all = await pull(anonymous, null);
    const paged: Any[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Any = (await callData(service, anonymous, CHANGES, { after, first: 2 })).changes;
      paged.push(...page.edges.map((e: Any) => e.node));
      after = page.pageInfo.endCursor;
      if (!page.pageInfo.hasNextPage) break;
    }
    expect(paged.map((e) => `${e.kind}:${e.subjectId}`)).toEqual(all.events.map((e) => `${e.kind}:${e.subjectId}`));
    expect(all.events.length).toBeGreaterThanOrEqual(3);
  });

  it('a channel sees only content for its kind; drafts and their steps are nobody\'s event', async () => {
    const { cursor: k0 } = await pull(kiosk, null);
    const { cursor: m0 } = await pull(miniProgram, null);
    const { cursor: a0 } = await pull(anonymous, null);
    const forKiosk = await releaseIn(fx, 'PUBLISHED', { targetChannels: ['KIOSK'] });
    const draft = await releaseIn(fx, 'APPROVED');
    expect(of((await pull(kiosk, k0)).events, forKiosk.id)).toEqual(['RELEASE_PUBLISHED']);
    const mini = (await pull(miniProgram, m0)).events;
    expect(of(mini, forKiosk.id)).toEqual([]);
    const publicEvents = (await pull(anonymous, a0)).events;
    expect(of(publicEvents, forKiosk.id)).toEqual(['RELEASE_PUBLISHED']);
    expect(of(publicEvents, draft.id)).toEqual([]);
    expect(of(mini, draft.id)).toEqual([]);
  });

  it('filters by kind, channel and domain; the cursor of a filtered pull resumes the same filter', async () => {
    const { cursor: c0 } = await pull(anonymous, null);
    const a = await releaseIn(fx, 'PUBLISHED', { targetChannels: ['WEBSITE'] });
    const b = await releaseIn(fx, 'WITHDRAWN');
    const withdrawals = await pull(anonymous, c0, { kinds: ['RELEASE_WITHDRAWN'] });
    expect(withdrawals.events.map((e) => e.subjectId)).toEqual([b.id]);
    const website = (await pull(anonymous, c0, { channel: 'WEBSITE' })).events;
    expect(of(website, a.id)).toEqual(['RELEASE_PUBLISHED']);
    const mini = (await pull(anonymous, c0, { channel: 'MINI_PROGRAM' })).events;
    expect(of(mini, a.id)).toEqual([]);
    expect(of(mini, b.id)).toEqual(['RELEASE_PUBLISHED', 'RELEASE_WITHDRAWN']);
    // The township matter is in the LAND_EXPROPRIATION domain.
    expect(of((await pull(anonymous, c0, { domainCode: 'LAND_EXPROPRIATION' })).events, a.id)).toEqual(['RELEASE_PUBLISHED']);
    expect(of((await pull(anonymous, c0, { domainCode: 'AFFORDABLE_HOUSING' })).events, a.id)).toEqual([]);
    // Nothing new since the filtered cursor: the next pull (any filter) starts after it.
    expect((await pull(anonymous, withdrawals.cursor, { kinds: ['RELEASE_WITHDRAWN'] })).events).toEqual([]);
  });

  it('bad cursors and page sizes are typed errors that say what to do', async () => {
    const bad = (await callData(service, anonymous, CHANGES, { after: 'not-a-cursor' })).changes;
    expect(bad).toMatchObject({ __typename: 'InputError', field: 'after' });
    expect(bad.message).toContain('endCursor');
    for (const first of [0, 101]) {
      expect((await callData(service, anonymous, CHANGES, { first })).changes).toMatchObject({ __typename: 'InputError', field: 'first' });
    }
    // A cursor of another list is not a feed cursor.
    const releases = await callData(service, anonymous, '{ releases(first: 1) { pageInfo { endCursor } } }');
    expect((await callData(service, anonymous, CHANGES, { after: releases.releases.pageInfo.endCursor })).changes.__typename).toBe('InputError');
  });

  it('a cursor older than the retention answers ChangeCursorExpiredError; a new pull starts over', async () => {
    const old = await pull(anonymous, null);
    await releaseIn(fx, 'PUBLISHED');
    // Retention of 30 days, seen from 31 days ahead: every event is past it — once the webhook
    // dispatcher has passed it too (undispatched events are kept).
    const latest = await service.service.db.prisma.outboxEvent.findFirstOrThrow({ orderBy: [{ txid: 'desc' }, { sequence: 'desc' }], select: { sequence: true } });
    await pollUntil('the newest event purged', async () => {
      await purgeOldEvents(service.service.db.prisma, new Date(Date.now() + 31 * 86_400_000), 30);
      return (await service.service.db.prisma.outboxEvent.count({ where: { sequence: { lte: latest.sequence } } })) === 0;
    });
    const expired = (await callData(service, anonymous, CHANGES, { after: old.cursor })).changes;
    expect(expired).toMatchObject({ __typename: 'ChangeCursorExpiredError', code: 'CHANGE_CURSOR_EXPIRED', retentionDays: 30 });
    expect(expired.message).toContain('re-read');
    const fresh = await pull(anonymous, null);
    expect(fresh.events).toEqual([]);
    const r = await releaseIn(fx, 'PUBLISHED');
    expect(of((await pull(anonymous, fresh.cursor)).events, r.id)).toEqual(['RELEASE_PUBLISHED']);
  });

  it('staff see their units\' events; a channel key and the public do not see another channel\'s or a unit\'s private ones', async () => {
    const { cursor: s0 } = await pull(fx.editor, null);
    const { cursor: o0 } = await pull(fx.otherEditor, null);
    const r = await releaseIn(fx, 'PUBLISHED', { targetChannels: ['KIOSK'] });
    expect(of((await pull(fx.editor, s0)).events, r.id)).toEqual(['RELEASE_PUBLISHED']);
    // Public content is public to other townships' staff too.
    expect(of((await pull(fx.otherEditor, o0)).events, r.id)).toEqual(['RELEASE_PUBLISHED']);
    // An answer given without consent to publish it: the handling unit's event only.
    const prisma = service.service.db.prisma;
    await prisma.outboxEvent.create({ data: { topic: 'response.published', aggregateType: 'Response', aggregateId: uuidOf(r.id), orgUnitId: fx.township.uuid, channels: ['WEBSITE'], public: false, payload: { id: 'x' } } });
    const own = (await pull(fx.editor, s0)).events.filter((e) => e.kind === 'RESPONSE_PUBLISHED');
    const other = (await pull(fx.otherEditor, o0)).events.filter((e) => e.kind === 'RESPONSE_PUBLISHED');
    const pub = (await pull(anonymous, s0)).events.filter((e) => e.kind === 'RESPONSE_PUBLISHED');
    expect(own).toHaveLength(1);
    expect(other).toHaveLength(0);
    expect(pub).toHaveLength(0);
  });

  it('a page is a bounded number of statements, whatever its length', async () => {
    for (let i = 0; i < 4; i++) await releaseIn(fx, 'PUBLISHED');
    const q = `{ changes(first: 20) { ... on ChangeConnection { edges { node { kind release { id title publisher { name } matter { name } } } } } } }`;
    // The request's own statements: the job queue (webhook dispatcher) runs in this process too.
    const own = (sql: string[]) => sql.filter((s) => !/Webhook|graphile_worker|^\s*(BEGIN|COMMIT|ROLLBACK)\b|AND TRUE/.test(s));
    const small = own((await service.countStatements(() => callData(service, anonymous, q.replace('first: 20', 'first: 2')))).sql);
    const large = own((await service.countStatements(() => callData(service, anonymous, q))).sql);
    // The feed read, and one query for all the releases of the page with their relations.
    expect(large.length).toBeLessThanOrEqual(2);
    expect(large.length).toBe(small.length);
  });
});

// The embedded database serves one process only (its folder is locked): changes are announced
// in-process there, and its one shared session delivers no notifications.
describe.skipIf(!testDatabaseUrl)('the change bus (PostgreSQL)', () => {
  it('hears a change committed on another connection (another process)', async () => {
    const bus = service.service.changes;
    expect(bus.listening).toBe(true);
    const client = new pg.Client({ connectionString: service.service.db.url });
    client.on('error', () => {});
    await client.connect();
    try {
      const insert = `INSERT INTO "OutboxEvent" ("topic", "aggregateType", "aggregateId", "channels", "payload") VALUES ('release.published', 'Release', gen_random_uuid(), ARRAY['WEBSITE']::"ChannelKind"[], '{}')`;
      await client.query('BEGIN');
      await client.query(insert);
      const before = bus.generation;
      await client.query('ROLLBACK');
      await client.query('BEGIN');
      await client.query(insert);
      await client.query('COMMIT');
      await pollUntil('the bus announced the commit', async () => bus.generation > before);
      // The rolled-back row never existed.
      expect(await service.service.db.prisma.outboxEvent.count({ where: { payload: { equals: {} } } })).toBe(1);
    } finally {
      await client.end();
    }
  });
});

describe.skipIf(!testDatabaseUrl)('the change bus after its connection is killed (PostgreSQL)', () => {
  it('reconnects by itself and hears the next commit', async () => {
    const bus = service.service.changes;
    const client = new pg.Client({ connectionString: service.service.db.url });
    client.on('error', () => {});
    await client.connect();
    try {
      const connections = bus.connections;
      const killed = await client.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'gongkai-change-bus' AND datname = current_database()`);
      expect(killed.rowCount).toBe(1);
      await pollUntil('the bus listening again', async () => bus.connections > connections && bus.listening);
      const before = bus.generation;
      await client.query(`INSERT INTO "OutboxEvent" ("topic", "aggregateType", "aggregateId", "channels", "payload") VALUES ('release.published', 'Release', gen_random_uuid(), ARRAY['WEBSITE']::"ChannelKind"[], '{"after":"reconnect"}')`);
      await pollUntil('the bus announced the commit', async () => bus.generation > before);
    } finally {
      await client.end();
    }
  });
});

describe.skipIf(!testDatabaseUrl)('the change bus on a connection that went silent (PostgreSQL)', () => {
  it('notices by its heartbeat, reconnects and hears the next commit', async () => {
    const proxy = PgFaultProxy.forUrl(service.service.db.url);
    await proxy.up();
    const bus = new ChangeBus();
    const client = new pg.Client({ connectionString: service.service.db.url });
    client.on('error', () => {});
    await client.connect();
    try {
      await bus.listen(proxy.proxiedUrl(service.service.db.url), createLogger('silent'), 50, 200);
      expect(bus.connections).toBe(1);
      // The connection is neither closed nor answering: only the heartbeat can tell.
      proxy.freezeAll();
      await pollUntil('the bus reconnected', async () => bus.connections > 1 && bus.listening);
      const before = bus.generation;
      await client.query(`INSERT INTO "OutboxEvent" ("topic", "aggregateType", "aggregateId", "channels", "payload") VALUES ('release.published', 'Release', gen_random_uuid(), ARRAY['WEBSITE']::"ChannelKind"[], '{"after":"freeze"}')`);
      await pollUntil('the bus announced the commit', async () => bus.generation > before);
    } finally {
      await bus.stop();
      await client.end();
      await proxy.down();
    }
  });
});

describe.skipIf(!testDatabaseUrl)('gap-free under interleaved transactions (PostgreSQL: real concurrent sessions)', () => {
  /** A connection of its own to the service's database. */
  async function session(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: service.service.db.url });
    client.on('error', () => {});
    await client.connect();
    return client;
  }
  const insertEvent = (client: pg.Client, title: string) =>
    client.query(
      `INSERT INTO "OutboxEvent" ("topic", "aggregateType", "aggregateId", "orgUnitId", "channels", "public", "payload")
       VALUES ('release.published', 'Release', gen_random_uuid(), NULL, ARRAY['WEBSITE']::"ChannelKind"[], true, jsonb_build_object('title', $1::text))
       RETURNING "sequence", "txid"`,
      [title],
    );
  const RAW = `query($after: String) { changes(after: $after, first: 100) { ... on ChangeConnection { pageInfo { endCursor } edges { node { subjectId } } } } }`;
  async function rawPull(after: string | null): Promise<{ ids: string[]; cursor: string }> {
    const page = (await callData(service, anonymous, RAW, { after })).changes;
    return { ids: page.edges.map((e: Any) => e.node.subjectId), cursor: page.pageInfo.endCursor };
  }
  const subjectsOf = async (clientRows: { aggregateId: string }[]) => clientRows.map((r) => Buffer.from(`Release:${r.aggregateId}`).toString('base64url'));

  it('an event that commits after a later-numbered one is still delivered to a reader that already read past the later one', async () => {
    const a = await session();
    const b = await session();
    try {
      await caughtUp();
      const { cursor: start } = await rawPull(null);
      // A begins first and takes the lower sequence; B takes the next one and commits first.
      await a.query('BEGIN');
      const ra = await insertEvent(a, 'A');
      await b.query('BEGIN');
      const rb = await insertEvent(b, 'B');
      await b.query('COMMIT');
      expect(BigInt(ra.rows[0].sequence)).toBeLessThan(BigInt(rb.rows[0].sequence));
      const idOf = async (seq: string) => (await service.service.db.prisma.outboxEvent.findUniqueOrThrow({ where: { sequence: BigInt(seq) } })).aggregateId;
      const idB = (await subjectsOf([{ aggregateId: await idOf(rb.rows[0].sequence) }]))[0]!;
      // While A is open the reader is held below it: B is not handed out ahead of A.
      const during = await rawPull(start);
      expect(during.ids).not.toContain(idB);
      await a.query('COMMIT');
      const idA = (await subjectsOf([{ aggregateId: await idOf(ra.rows[0].sequence) }]))[0]!;
      // Both appear, A first — once every transaction older than theirs has ended: the watermark
      // is the whole server's, so another database's open transaction may hold them a moment.
      const after = { ids: [] as string[], cursor: during.cursor };
      await pollUntil('both events past the watermark', async () => {
        const page = await rawPull(after.cursor);
        after.ids.push(...page.ids);
        after.cursor = page.cursor;
        return after.ids.length >= 2;
      });
      expect(after.ids).toEqual([idA, idB]);
      expect((await rawPull(after.cursor)).ids).toEqual([]);
    } finally {
      await a.end();
      await b.end();
    }
  });

  it('many writers committing in shuffled order: one reader polling all along misses none and sees none twice', async () => {
    const clients = await Promise.all(Array.from({ length: 6 }, () => session()));
    try {
      await caughtUp();
      let { cursor } = await rawPull(null);
      const seen: string[] = [];
      const written: string[] = [];
      for (let round = 0; round < 3; round++) {
        for (const c of clients) await c.query('BEGIN');
        for (const c of clients) {
          const r = await insertEvent(c, `round ${round}`);
          written.push(Buffer.from(`Release:${(await c.query('SELECT "aggregateId" FROM "OutboxEvent" WHERE "sequence" = $1', [r.rows[0].sequence])).rows[0].aggregateId}`).toString('base64url'));
        }
        // Commit in a shuffled order, reading between commits.
        const order = [...clients].sort(() => Math.random() - 0.5);
        for (const c of order) {
          await c.query('COMMIT');
          const page = await rawPull(cursor);
          seen.push(...page.ids);
          cursor = page.cursor;
        }
      }
      // What is still below another transaction (of any database on the server) comes later.
      await pollUntil('every event read', async () => {
        const page = await rawPull(cursor);
        seen.push(...page.ids);
        cursor = page.cursor;
        return seen.length >= written.length;
      });
      expect(new Set(seen).size).toBe(seen.length);
      expect([...seen].sort()).toEqual([...written].sort());
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
  });
});
