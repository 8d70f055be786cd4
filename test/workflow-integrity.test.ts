// Integrity of the editorial workflow on the real service: faults injected between the writes
// of a mutation leave nothing half-done; idempotency keys; 索引号 gap-free under parallel
// publication; scheduled publication on the job queue (in process, after downtime, several
// runners); deadlines over the work calendar (National Day, Spring Festival, hours, an admin-
// entered year); content sanitizing and attachment validation — all through GraphQL over HTTP,
// checked against the database. Runs on the embedded database and on PostgreSQL.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { armFault, disarmFaults } from '../src/faults.js';
import { jobRunnerOptions, startJobRunner, type JobRunner } from '../src/jobs/runner.js';
import { createLogger } from '../src/logger.js';
import { runScheduledPublication } from '../src/modules/releases/release-workflow.service.js';
import { anonymous, call, callData, demoSession, gid, type Caller } from './actors.js';
import { databaseLabel, startTestService, type TestService } from './harness.js';
import { INTERNAL_ERROR_MESSAGE } from '../src/graphql/errors.js';
import {
  GOOD_ATTACHMENT,
  MUTATION,
  addWorkingDays,
  bringScheduleForward,
  draftInput,
  endOfShanghaiDay,
  fixture,
  lastSerial,
  matterByCode,
  mutate,
  mutateOk,
  observeUntilPublic,
  pollUntil,
  releaseIn,
  releaseJobs,
  shanghaiDay,
  shanghaiDayPlus,
  shanghaiMonth,
  sleepMs,
  snapshot,
  uuidOf,
  type Any,
  type Fixture,
} from './workflow-helpers.js';

let service: TestService;
let fx: Fixture;

beforeAll(async () => {
  service = await startTestService();
  fx = await fixture(service);
});

afterEach(() => disarmFaults());

afterAll(async () => {
  await service?.stop();
});

const prisma = () => service.service.db.prisma;
/** The publication rules of a test service, as its job handler gets them. */
const rulesOf = (svc: TestService) => ({ timeZone: svc.config.timeZone, interpretationWorkingDays: svc.config.deadlines.interpretationWorkingDays });
const thisYear = () => Number(shanghaiDay(new Date()).slice(0, 4));
/** A publication time far enough ahead that the job cannot fire before a test brings it forward. */
const scheduleAhead = () => new Date(Math.ceil((Date.now() + 45_000) / 1000) * 1000).toISOString();

/** Counts of what one successful workflow mutation adds, from two snapshots. */
function delta(before: Record<string, Any>, after: Record<string, Any>) {
  const keys = ['releases', 'revisions', 'reviewNotes', 'auditEvents', 'outboxEvents', 'idempotencyRecords'] as const;
  return Object.fromEntries([...keys.map((k) => [k, after[k] - before[k]]), ['jobs', after.jobs.length - before.jobs.length]]);
}

// ---- fault injection ------------------------------------------------------------------------------------------------

type FaultCase = {
  point: string;
  /** Prepares a release and returns the mutation to run, and the effect a successful run has. */
  setup: () => Promise<{ releaseUuid?: string; caller: Caller; name: keyof typeof MUTATION; input: Record<string, unknown>; adds: Record<string, number> }>;
};

const publishCase = (point: string): FaultCase => ({
  point,
  setup: async () => {
    const r = await releaseIn(fx, 'APPROVED');
    return {
      releaseUuid: uuidOf(r.id),
      caller: fx.reviewer,
      name: 'publish',
      input: { id: r.id },
      adds: { releases: 0, revisions: 1, reviewNotes: 1, auditEvents: 1, outboxEvents: 1, idempotencyRecords: 0, jobs: 0 },
    };
  },
});

const withdrawCase = (point: string): FaultCase => ({
  point,
  setup: async () => {
    const r = await releaseIn(fx, 'PUBLISHED');
    // A repeal dated ahead is pending: withdrawal removes its job, and a rollback must keep it.
    await mutateOk(service, fx.reviewer, 'repeal', { id: r.id, repealedAt: shanghaiDayPlus(30) });
    expect(await releaseJobs(service, uuidOf(r.id))).toHaveLength(1);
    return {
      releaseUuid: uuidOf(r.id),
      caller: fx.reviewer,
      name: 'withdraw',
      input: { id: r.id, reason: '信息有误' },
      adds: { releases: 0, revisions: 1, reviewNotes: 1, auditEvents: 1, outboxEvents: 1, idempotencyRecords: 0, jobs: -1 },
    };
  },
});

const FAULT_CASES: FaultCase[] = [
  publishCase('release.publish.after-status'),
  publishCase('release.publish.after-note'),
  publishCase('release.publish.after-audit'),
  publishCase('release.publish.after-outbox'),
  withdrawCase('release.withdraw.after-status'),
  withdrawCase('release.withdraw.after-revision'),
  withdrawCase('release.withdraw.after-audit'),
  withdrawCase('release.withdraw.after-outbox'),
  {
    point: 'release.create.after-insert',
    setup: async () => ({
      caller: fx.editor,
      name: 'create',
      input: draftInput(fx, { idempotencyKey: `fault-create-${Date.now()}` }),
      adds: { releases: 1, revisions: 1, reviewNotes: 0, auditEvents: 1, outboxEvents: 0, idempotencyRecords: 1, jobs: 0 },
    }),
  },
  {
    point: 'release.update.after-save',
    setup: async () => {
      const r = await releaseIn(fx, 'DRAFT');
      return {
        releaseUuid: uuidOf(r.id),
        caller: fx.editor,
        name: 'update',
        input: { id: r.id, expectedVersion: 1, title: `${r.title}（改）`, changeNote: '改标题' },
        adds: { releases: 0, revisions: 1, reviewNotes: 0, auditEvents: 1, outboxEvents: 0, idempotencyRecords: 0, jobs: 0 },
      };
    },
  },
  {
    point: 'release.schedule.after-job',
    setup: async () => {
      const r = await releaseIn(fx, 'APPROVED');
      return {
        releaseUuid: uuidOf(r.id),
        caller: fx.reviewer,
        name: 'publish',
        input: { id: r.id, publishAt: new Date(Date.now() + 86_400_000).toISOString(), idempotencyKey: `fault-schedule-${Date.now()}` },
        adds: { releases: 0, revisions: 0, reviewNotes: 1, auditEvents: 1, outboxEvents: 0, idempotencyRecords: 1, jobs: 1 },
      };
    },
  },
];

describe(`fault injection: a fault between the writes of a mutation leaves nothing half-done (${databaseLabel})`, () => {
  it('the table covers every checkpoint a release passes (its service, and the shared workflow steps)', () => {
    const read = (file: string) => readFileSync(path.resolve(import.meta.dirname, '../src/modules', file), 'utf8');
    const points = [
      ...[...read('releases/release-workflow.service.ts').matchAll(/checkpoint\('([^']+)'\)/g)].map((m) => m[1]),
      // The shared steps name their checkpoints after the kind: `${point}.withdraw.after-status`.
      ...[...read('workflow/editorial-workflow.ts').matchAll(/checkpoint\(`\$\{point\}\.([^`]+)`\)/g)].map((m) => `release.${m[1]}`),
    ];
    expect(points.length).toBeGreaterThanOrEqual(11);
    expect(FAULT_CASES.map((c) => c.point).sort()).toEqual([...new Set(points)].sort());
  });

  it('the job queue lives in the schema the service was configured with', async () => {
    const schema = service.config.jobs.schema;
    expect(schema).toBe('graphile_worker');
    const rows = await prisma().$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = $1 AND table_name = '_private_jobs'`, schema);
    expect(Number(rows[0]!.n)).toBe(1);
  });

  it.each(FAULT_CASES)('$point', async ({ point, setup }) => {
    const { releaseUuid, caller, name, input, adds } = await setup();
    const year = thisYear();
    const serialBefore = await lastSerial(service, fx.township.uuid, year);
    const before = await snapshot(service, releaseUuid);

    armFault(point);
    const failed = await call(service, caller, MUTATION[name], { input });
    expect(failed.errors, failed.text).toHaveLength(1);
    expect(failed.errors![0]).toMatchObject({ message: INTERNAL_ERROR_MESSAGE, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(failed.data).toBeNull();
    // Masked: nothing of the internal error reaches the client.
    for (const secret of ['injected', 'fault', point, 'stack', 'prisma', 'Prisma']) expect(failed.text).not.toContain(secret);
    disarmFaults();

    // Nothing changed: release row, revisions, notes, audit, outbox, idempotency, counters, jobs.
    expect(await snapshot(service, releaseUuid)).toEqual(before);
    if (name === 'create') expect(await prisma().release.count({ where: { title: input.title as string } })).toBe(0);

    // The retry (same input, same idempotency key if any) succeeds as if the fault never happened.
    const retry = await mutateOk(service, caller, name, input);
    const after = await snapshot(service, uuidOf(retry.id));
    expect(delta(before, after)).toEqual(adds);
    if (name === 'publish' && !input.publishAt) {
      // Gap-free: the retry gets exactly the serial the failed attempt would have used.
      expect(retry.status).toBe('PUBLISHED');
      expect(retry.indexNo).toBe(`${fx.township.code}/${shanghaiMonth(retry.publishedAt)}-${String(serialBefore + 1).padStart(5, '0')}`);
      expect(await lastSerial(service, fx.township.uuid, year)).toBe(serialBefore + 1);
    } else {
      expect(await lastSerial(service, fx.township.uuid, year)).toBe(serialBefore);
    }
    if (name === 'withdraw') expect(retry.status).toBe('WITHDRAWN');
    if (name === 'publish' && input.publishAt) expect(retry.status).toBe('SCHEDULED');
    if (name === 'update') expect(retry.version).toBe(2);
  });
});

// ---- idempotency ---------------------------------------------------------------------------------------------------------

describe('idempotency keys', () => {
  it('createRelease retried with the same key and input returns the first release; only one row exists', async () => {
    const input = draftInput(fx, { idempotencyKey: `create-${Date.now()}-a` });
    const first = await mutateOk(service, fx.editor, 'create', input);
    const before = await snapshot(service);
    const second = await mutateOk(service, fx.editor, 'create', input);
    expect(second.id).toBe(first.id);
    expect(await prisma().release.count({ where: { title: input.title as string } })).toBe(1);
    expect(await snapshot(service)).toEqual(before);
  });

  it('the same key with a different input is IdempotencyKeyReusedError, and nothing is created', async () => {
    const input = draftInput(fx, { idempotencyKey: `create-${Date.now()}-b` });
    await mutateOk(service, fx.editor, 'create', input);
    const before = await snapshot(service);
    const reused = await mutate(service, fx.editor, 'create', { ...input, title: `${input.title as string}（另一份）` });
    expect(reused).toMatchObject({ __typename: 'IdempotencyKeyReusedError', code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await snapshot(service)).toEqual(before);
  });

  it('another user sending the same key string gets a result of their own', async () => {
    const key = `create-${Date.now()}-c`;
    const input = draftInput(fx, { idempotencyKey: key });
    const mine = await mutateOk(service, fx.editor, 'create', input);
    const theirs = await mutateOk(service, fx.reviewer, 'create', input);
    expect(theirs.id).not.toBe(mine.id);
    expect(await prisma().release.count({ where: { title: input.title as string } })).toBe(2);
  });

  it('publishRelease retried with the same key after success returns the same published release, with no second revision, note, audit or outbox event', async () => {
    const approved = await releaseIn(fx, 'APPROVED');
    const key = `publish-${Date.now()}`;
    const first = await mutateOk(service, fx.reviewer, 'publish', { id: approved.id, idempotencyKey: key });
    expect(first.status).toBe('PUBLISHED');
    const before = await snapshot(service, uuidOf(approved.id));
    const again = await mutateOk(service, fx.reviewer, 'publish', { id: approved.id, idempotencyKey: key });
    expect(again).toMatchObject({ id: first.id, status: 'PUBLISHED', indexNo: first.indexNo, version: first.version });
    expect(await snapshot(service, uuidOf(approved.id))).toEqual(before);
    // Without the key the same request is a second publication attempt, refused by the state machine.
    expect(await mutate(service, fx.reviewer, 'publish', { id: approved.id })).toMatchObject({ __typename: 'InvalidTransitionError', currentStatus: 'PUBLISHED' });
    // The key now belongs to that publication: using it for another release is refused.
    const other = await releaseIn(fx, 'APPROVED');
    expect(await mutate(service, fx.reviewer, 'publish', { id: other.id, idempotencyKey: key })).toMatchObject({ __typename: 'IdempotencyKeyReusedError' });
    expect((await prisma().release.findUniqueOrThrow({ where: { id: uuidOf(other.id) } })).status).toBe('APPROVED');
  });

  // A stored result may name a draft deleted since: the retry gets NotFoundError, not a crash.
  it('a retry whose first result was deleted since gets a typed answer, not an internal error', async () => {
    const input = draftInput(fx, { idempotencyKey: `create-${Date.now()}-d` });
    const first = await mutateOk(service, fx.editor, 'create', input);
    expect(await mutate(service, fx.editor, 'deleteDraft', { id: first.id })).toMatchObject({ __typename: 'DeleteDraftPayload' });
    const retry = await call(service, fx.editor, MUTATION.create, { input });
    expect(retry.errors, retry.text).toBeUndefined();
    expect(['NotFoundError', 'ReleasePayload']).toContain(retry.data?.r?.__typename);
  });

  it('a malformed key (too short, bad characters, too long) is InputError on idempotencyKey, and nothing is created', async () => {
    for (const key of ['short', 'has space here', 'ключ-неверный', 'x'.repeat(101)]) {
      const input = draftInput(fx, { idempotencyKey: key });
      const result = await mutate(service, fx.editor, 'create', input);
      expect(result, key).toMatchObject({ __typename: 'InputError', field: 'idempotencyKey' });
      expect(await prisma().release.count({ where: { title: input.title as string } }), key).toBe(0);
    }
    const approved = await releaseIn(fx, 'APPROVED');
    expect(await mutate(service, fx.reviewer, 'publish', { id: approved.id, idempotencyKey: 'short' })).toMatchObject({ __typename: 'InputError', field: 'idempotencyKey' });
    expect((await prisma().release.findUniqueOrThrow({ where: { id: uuidOf(approved.id) } })).status).toBe('APPROVED');
  });
});

// ---- concurrency ----------------------------------------------------------------------------------------------------------

// On PostgreSQL these are real parallel transactions racing for the same rows; on the embedded
// database the requests still arrive in parallel over HTTP and their transactions queue for the
// one PGlite session.
describe(`concurrency (${databaseLabel})`, () => {
  let svc: TestService;
  let f: Fixture;

  beforeAll(() => {
    svc = service;
    f = fx;
  });

  it('12 approved releases of one publisher published in parallel get 12 distinct 索引号 with exactly the next 12 serials', async () => {
    const approved: Any[] = [];
    for (let i = 0; i < 12; i++) approved.push(await releaseIn(f, 'APPROVED'));
    const year = thisYear();
    const before = await lastSerial(svc, f.township.uuid, year);

    const results = await Promise.all(approved.map((r) => mutate(svc, f.reviewer, 'publish', { id: r.id })));
    const published = results.map((r) => {
      expect(r.__typename, JSON.stringify(r)).toBe('ReleasePayload');
      return r.release;
    });
    expect(published.map((r) => r.status)).toEqual(approved.map(() => 'PUBLISHED'));
    const indexNos = published.map((r) => r.indexNo as string);
    expect(new Set(indexNos).size).toBe(12);
    const serials = indexNos.map((n) => Number(n.slice(-5))).sort((a, b) => a - b);
    expect(serials).toEqual(Array.from({ length: 12 }, (_, i) => before + 1 + i));
    for (const r of published) expect(r.indexNo).toBe(`${f.township.code}/${shanghaiMonth(r.publishedAt)}-${r.indexNo.slice(-5)}`);
    expect(await lastSerial(svc, f.township.uuid, year)).toBe(before + 12);
    const rows = await svc.service.db.prisma.release.findMany({ where: { id: { in: approved.map((r) => uuidOf(r.id)) } }, select: { indexSerial: true, indexYear: true } });
    expect(rows.map((r) => r.indexSerial).sort((a, b) => a! - b!)).toEqual(serials);
    expect(new Set(rows.map((r) => r.indexYear))).toEqual(new Set([year]));
  });

  it('the same idempotency key sent three times at once creates one release, and all three get it', async () => {
    const input = draftInput(f, { idempotencyKey: `parallel-${Date.now()}` });
    const results = await Promise.all([1, 2, 3].map(() => mutate(svc, f.editor, 'create', input)));
    const ids = results.map((r) => {
      expect(r.__typename, JSON.stringify(r)).toBe('ReleasePayload');
      return r.release.id;
    });
    expect(new Set(ids).size).toBe(1);
    expect(await svc.service.db.prisma.release.count({ where: { title: input.title as string } })).toBe(1);
  });

  it('the scheduled-publication handler run twice at once publishes once: one done, one with nothing to do, one published edition', async () => {
    const approved = await releaseIn(f, 'APPROVED');
    const scheduled = await mutateOk(svc, f.reviewer, 'publish', { id: approved.id, publishAt: scheduleAhead() });
    expect(scheduled.status).toBe('SCHEDULED');
    const due = new Date(Date.parse(scheduled.publishAt) + 1_000);
    const db = svc.service.db.prisma;
    // Before its time the handler refuses (so the queue retries), and publishes nothing.
    expect(await runScheduledPublication(db, uuidOf(approved.id), new Date(Date.parse(scheduled.publishAt) - 1_000), rulesOf(svc))).toBe('not-due');
    const outcomes = await Promise.all([1, 2].map(() => runScheduledPublication(db, uuidOf(approved.id), due, rulesOf(svc))));
    expect(outcomes.sort()).toEqual(['done', 'nothing-to-do']);
    expect(await runScheduledPublication(db, uuidOf(approved.id), due, rulesOf(svc))).toBe('nothing-to-do');
    const id = uuidOf(approved.id);
    expect(await db.revision.count({ where: { releaseId: id, status: 'PUBLISHED' } })).toBe(1);
    expect(await db.reviewNote.count({ where: { releaseId: id, action: 'PUBLISH' } })).toBe(1);
    expect(await db.outboxEvent.count({ where: { aggregateId: id, topic: 'release.published' } })).toBe(1);
    const row = await db.release.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: 'PUBLISHED', publishedAt: due, publishAt: null });
    expect(row.indexNo).not.toBeNull();
  });
});

// Regression: the embedded database serves PGlite's ONE session to every connection, and
// pglite-socket's own queue let one connection's Parse/Bind/Execute interleave with another's
// transaction (electric-sql/pglite#1046): bind errors, empty results, a stalled queue. Found by
// this file on the first workflow commit; src/db/pglite-session-queue.ts now keeps a cycle together.
describe(`the service under concurrent mixed reads and writes (${databaseLabel})`, () => {
  it('answers 40 parallel requests — 10 edits, 30 reads — each correctly and in time', async () => {
    const svc = await startTestService();
    try {
      const f = await fixture(svc);
      const drafts: Any[] = [];
      for (let i = 0; i < 10; i++) drafts.push(await releaseIn(f, 'DRAFT'));
      const published = (await callData(svc, anonymous, '{ releases { totalCount } }')).releases.totalCount;
      const post = async (query: string, variables: Record<string, unknown>, token?: string) => {
        const res = await fetch(`${svc.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify({ query, variables }),
          signal: AbortSignal.timeout(20_000),
        });
        return (await res.json()) as Any;
      };
      const outcomes = await Promise.allSettled([
        ...drafts.map((d, i) => post(MUTATION.update, { input: { id: d.id, expectedVersion: 1, title: `并发修改 ${i}` } }, f.editor.token).then((b) => b.data?.r?.release?.title === `并发修改 ${i}`)),
        ...Array.from({ length: 30 }, () => post('{ releases { totalCount } }', {}).then((b) => b.data?.releases?.totalCount === published)),
      ]);
      const ok = outcomes.filter((o) => o.status === 'fulfilled' && o.value === true).length;
      expect(ok).toBe(40);
    } finally {
      await svc.stop();
    }
  }, 240_000);
});

// ---- scheduled publication on the job queue --------------------------------------------------------------------------------

describe(`scheduled publication on the job queue (${databaseLabel})`, () => {
  it('a scheduled release has one job at publishAt and is published by the in-process runner when its time comes', async () => {
    const approved = await releaseIn(fx, 'APPROVED');
    const publishAt = scheduleAhead();
    const scheduled = await mutateOk(service, fx.reviewer, 'publish', { id: approved.id, publishAt });
    expect(scheduled).toMatchObject({ status: 'SCHEDULED', indexNo: null });
    const uuid = uuidOf(approved.id);
    const jobs = await releaseJobs(service, uuid);
    expect(jobs.map((j) => [j.task_identifier, j.run_at.toISOString()])).toEqual([['publish_scheduled_release', new Date(publishAt).toISOString()]]);

    const at = new Date(Date.now() + 2_000);
    await bringScheduleForward(service, uuid, at);
    const { release: pub } = await observeUntilPublic(
      async () => (await callData(service, anonymous, `query($id: ID!) { node(id: $id) { ... on Release { status indexNo publishedAt publishedOnTime } } }`, { id: approved.id })).node,
      at,
      15_000,
    );
    expect(pub.status).toBe('PUBLISHED');
    expect(pub.indexNo).toMatch(new RegExp(`^${fx.township.code}/\\d{6}-\\d{5}$`));
    expect(pub.publishedOnTime).toBe(true);
    expect(Date.parse(pub.publishedAt)).toBeGreaterThanOrEqual(at.getTime());
    await pollUntil('job done', async () => (await releaseJobs(service, uuid)).length === 0);
    const audit = await prisma().auditEvent.findMany({ where: { entityId: uuid, action: 'release.published' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorUserId).toBeNull();
    expect(audit[0]!.data).toMatchObject({ scheduled: true });
    expect(await prisma().reviewNote.findMany({ where: { releaseId: uuid, action: 'PUBLISH' }, select: { authorId: true } })).toEqual([{ authorId: null }]);
  });

  it('unscheduleRelease before the time: back to APPROVED, its job removed, and it is never published', async () => {
    const approved = await releaseIn(fx, 'APPROVED');
    await mutateOk(service, fx.reviewer, 'publish', { id: approved.id, publishAt: scheduleAhead() });
    const uuid = uuidOf(approved.id);
    const r = await mutateOk(service, fx.reviewer, 'unschedule', { id: approved.id });
    expect(r).toMatchObject({ status: 'APPROVED', publishAt: null, indexNo: null });
    // Its job is gone, so nothing will run; and the run below shows what a stray one would do.
    expect(await releaseJobs(service, uuid)).toEqual([]);
    const at = new Date(Date.now() + 1_000);
    const row = await prisma().release.findUniqueOrThrow({ where: { id: uuid } });
    expect(row).toMatchObject({ status: 'APPROVED', indexNo: null, publishedAt: null });
    expect(await callData(service, anonymous, `query($id: ID!) { node(id: $id) { id } }`, { id: approved.id })).toEqual({ node: null });
    // Even a stray run of the job after its time would not publish an unscheduled release.
    expect(await runScheduledPublication(prisma(), uuid, new Date(at.getTime() + 1_000), rulesOf(service))).toBe('nothing-to-do');
    expect((await prisma().release.findUniqueOrThrow({ where: { id: uuid } })).status).toBe('APPROVED');
  });

  it('a scheduled run that fails is retried by the queue and publishes once, with the serial the failed run would have had', async () => {
    const approved = await releaseIn(fx, 'APPROVED');
    await mutateOk(service, fx.reviewer, 'publish', { id: approved.id, publishAt: scheduleAhead() });
    const uuid = uuidOf(approved.id);
    const year = thisYear();
    const serialBefore = await lastSerial(service, fx.township.uuid, year);
    armFault('release.publish.after-audit');
    await bringScheduleForward(service, uuid, new Date(Date.now() + 500));
    // The first run fails (attempts 1, last_error kept), the job stays queued for a retry.
    const failedJob = await pollUntil('first run failed', async () => (await releaseJobs(service, uuid)).find((j) => j.attempts >= 1));
    expect(failedJob.task_identifier).toBe('publish_scheduled_release');
    expect(await prisma().release.findUniqueOrThrow({ where: { id: uuid } })).toMatchObject({ status: 'SCHEDULED', indexNo: null });
    expect(await lastSerial(service, fx.township.uuid, year)).toBe(serialBefore);
    const row = await pollUntil('published on retry', async () => {
      const r = await prisma().release.findUniqueOrThrow({ where: { id: uuid } });
      return r.status === 'PUBLISHED' ? r : null;
    });
    expect(row.indexSerial).toBe(serialBefore + 1);
    expect(await prisma().revision.count({ where: { releaseId: uuid, status: 'PUBLISHED' } })).toBe(1);
    expect(await prisma().auditEvent.count({ where: { entityId: uuid, action: 'release.published' } })).toBe(1);
  }, 240_000);

  describe('several instances and downtime', () => {
    let svc2: TestService;
    let f2: Fixture;
    const runners: JobRunner[] = [];
    const logger = createLogger('silent');

    beforeAll(async () => {
      // An instance that does not run jobs: as if every job runner were down.
      svc2 = await startTestService({ env: { RUN_JOBS: 'false' } });
      f2 = await fixture(svc2);
    });

    afterAll(async () => {
      for (const r of runners) await r.stop().catch(() => {});
      await svc2?.stop();
    });

    const startRunner = async (concurrency = 2) => {
      const runner = await startJobRunner({ ...jobRunnerOptions(svc2.config, svc2.service.db, logger), concurrency, pollInterval: 200 });
      runners.push(runner);
      return runner;
    };

    it('after downtime, a publication whose time has passed is made as soon as a runner starts', async () => {
      const approved = await releaseIn(f2, 'APPROVED');
      await mutateOk(svc2, f2.reviewer, 'publish', { id: approved.id, publishAt: scheduleAhead() });
      const uuid = uuidOf(approved.id);
      await bringScheduleForward(svc2, uuid, new Date(Date.now() + 1_000));
      await sleepMs(3_000);
      // Overdue, but nobody runs jobs: still scheduled, the job still pending.
      expect((await svc2.service.db.prisma.release.findUniqueOrThrow({ where: { id: uuid } })).status).toBe('SCHEDULED');
      const pending = await releaseJobs(svc2, uuid);
      expect(pending).toHaveLength(1);
      expect(pending[0]!.run_at.getTime()).toBeLessThan(Date.now());

      const runner = await startRunner();
      const row = await pollUntil('caught up', async () => {
        const r = await svc2.service.db.prisma.release.findUniqueOrThrow({ where: { id: uuid } });
        return r.status === 'PUBLISHED' ? r : null;
      });
      expect(row.indexNo).not.toBeNull();
      expect(row.publishedAt!.getTime()).toBeGreaterThan(row.publishAt?.getTime() ?? 0);
      await runner.stop();
      runners.splice(runners.indexOf(runner), 1);
    }, 240_000);

    it('two runners on one database, with duplicate jobs for each release, publish every release exactly once', async () => {
      const db = svc2.service.db.prisma;
      const schema = svc2.config.jobs.schema;
      const releases: Any[] = [];
      for (let i = 0; i < 4; i++) {
        const approved = await releaseIn(f2, 'APPROVED');
        await mutateOk(svc2, f2.reviewer, 'publish', { id: approved.id, publishAt: scheduleAhead() });
        releases.push(approved);
      }
      const at = new Date(Date.now() + 1_500);
      for (const r of releases) {
        await bringScheduleForward(svc2, uuidOf(r.id), at);
        // Two more jobs for the same release, as if enqueued twice: runners race for them.
        for (let k = 0; k < 2; k++) {
          await db.$queryRawUnsafe(`SELECT id FROM "${schema}".add_job('publish_scheduled_release', $1::json, run_at => $2::timestamptz)`, JSON.stringify({ releaseId: uuidOf(r.id) }), at);
        }
      }
      const year = thisYear();
      const serialBefore = await lastSerial(svc2, f2.township.uuid, year);
      await Promise.all([startRunner(3), startRunner(3)]);

      for (const r of releases) {
        await pollUntil(`${r.title} published`, async () => (await db.release.findUniqueOrThrow({ where: { id: uuidOf(r.id) } })).status === 'PUBLISHED');
      }
      await pollUntil('all jobs done', async () => (await releaseJobs(svc2)).length === 0);
      const serials: number[] = [];
      for (const r of releases) {
        const id = uuidOf(r.id);
        expect(await db.revision.count({ where: { releaseId: id, status: 'PUBLISHED' } }), r.title).toBe(1);
        expect(await db.reviewNote.count({ where: { releaseId: id, action: 'PUBLISH' } }), r.title).toBe(1);
        expect(await db.auditEvent.count({ where: { entityId: id, action: 'release.published' } }), r.title).toBe(1);
        expect(await db.outboxEvent.count({ where: { aggregateId: id, topic: 'release.published' } }), r.title).toBe(1);
        serials.push((await db.release.findUniqueOrThrow({ where: { id } })).indexSerial!);
      }
      expect(serials.sort((a, b) => a - b)).toEqual([1, 2, 3, 4].map((i) => serialBefore + i));
    }, 240_000);
  });
});

// ---- deadlines -----------------------------------------------------------------------------------------------------------

describe('deadlines through GraphQL', () => {
  const created = async (caller: Caller, overrides: Record<string, unknown>) => mutateOk(service, caller, 'create', draftInput(fx, overrides));

  it('20 working days from Mon 2026-09-28 10:00 skip National Day: due Fri 2026-10-30 23:59:59.999 +08:00', async () => {
    // chinese-days: holidays 2026-10-01 … 10-07; make-up workdays Sun 09-20 and Sat 10-10.
    // Counting from the day after formation: 09-29 (1), 09-30 (2), [10-01 … 10-07 off],
    // 10-08 (3), 10-09 (4), Sat 10-10 make-up (5), 10-12 … 10-16 (6–10), 10-19 … 10-23 (11–15),
    // 10-26 … 10-30 (16–20). Without the holidays it would be Mon 10-26.
    expect(addWorkingDays('2026-09-28', 20)).toBe('2026-10-30');
    const r = await created(fx.editor, { formedAt: '2026-09-28T10:00:00+08:00' });
    expect(r.dueAt).toBe('2026-10-30T23:59:59.999+08:00');
    // Published now (after the deadline): not on time.
    await mutateOk(service, fx.editor, 'submit', { id: r.id });
    await mutateOk(service, fx.reviewer, 'approve', { id: r.id });
    const pub = await mutateOk(service, fx.reviewer, 'publish', { id: r.id });
    expect(pub.publishedOnTime).toBe(false);
  });

  it('20 working days from Tue 2026-02-10 cross the Spring Festival: due Mon 2026-03-16', async () => {
    // Holidays 02-15 … 02-23; make-up workdays Sat 02-14 and Sat 02-28.
    // 02-11 (1), 02-12 (2), 02-13 (3), Sat 02-14 (4), [02-15 … 02-23 off], 02-24 … 02-27 (5–8),
    // Sat 02-28 (9), 03-02 … 03-06 (10–14), 03-09 … 03-13 (15–19), Mon 03-16 (20).
    expect(addWorkingDays('2026-02-10', 20)).toBe('2026-03-16');
    const r = await created(fx.editor, { formedAt: '2026-02-10T09:00:00+08:00' });
    expect(r.dueAt).toBe('2026-03-16T23:59:59.999+08:00');
  });

  it('a time limit in hours: due exactly N hours after formation, holidays or not', async () => {
    const db = prisma();
    const parent = await db.matter.findUniqueOrThrow({ where: { code: 'LAND_EXPROPRIATION.04' } });
    const version = await db.catalogVersion.findFirstOrThrow({ where: { status: 'ACTIVE' } });
    const matter = await db.matter.create({ data: { domainId: parent.domainId, parentId: parent.id, level: 2, code: 'LAND_EXPROPRIATION.04.98', name: '征地突发事件信息', sortOrder: 98 } });
    await db.standard.create({
      data: {
        matterId: matter.id,
        catalogVersionId: version.id,
        responsibleText: '乡镇人民政府',
        timeLimitText: '信息形成之日起72小时内',
        timeLimitTrigger: 'INFORMATION_FORMED',
        timeLimitAmount: 72,
        timeLimitUnit: 'HOURS',
        requiredChannels: [],
        optionalChannels: [],
        audience: 'PUBLIC',
        mode: 'PROACTIVE',
        levels: ['TOWNSHIP'],
        stages: ['RESULT'],
      },
    });
    const r = await created(fx.editor, { matterId: gid('Matter', matter.id), formedAt: '2026-09-30T10:15:00+08:00' });
    // 72 hours later falls in the National Day holidays; hours are not working days.
    expect(Date.parse(r.dueAt)).toBe(Date.parse('2026-10-03T10:15:00+08:00'));
    const now = await created(fx.editor, { matterId: gid('Matter', matter.id), formedAt: new Date().toISOString() });
    expect(Date.parse(now.dueAt) - Date.parse(now.formedAt)).toBe(72 * 3_600_000);
  });

  it('overdueReleases lists this unit\'s unpublished release whose deadline has passed, not a published one; staff only', async () => {
    const formedAt = new Date(Date.now() - 60 * 86_400_000).toISOString();
    const late = await created(fx.editor, { formedAt });
    const lateButPublished = await created(fx.editor, { formedAt });
    await mutateOk(service, fx.editor, 'submit', { id: lateButPublished.id });
    await mutateOk(service, fx.reviewer, 'approve', { id: lateButPublished.id });
    await mutateOk(service, fx.reviewer, 'publish', { id: lateButPublished.id });
    expect(Date.parse(late.dueAt)).toBeLessThan(Date.now());

    const q = `{ overdueReleases(first: 100) { totalCount edges { node { id status dueAt } } } }`;
    const mine = (await callData(service, fx.editor, q)).overdueReleases;
    const ids = mine.edges.map((e: Any) => e.node.id);
    expect(ids).toContain(late.id);
    expect(ids).not.toContain(lateButPublished.id);
    expect(mine.edges.every((e: Any) => ['DRAFT', 'IN_REVIEW', 'APPROVED', 'SCHEDULED'].includes(e.node.status) && Date.parse(e.node.dueAt) < Date.now())).toBe(true);
    // Most overdue first.
    const dues = mine.edges.map((e: Any) => Date.parse(e.node.dueAt));
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    expect((await callData(service, fx.otherEditor, q)).overdueReleases.edges.map((e: Any) => e.node.id)).not.toContain(late.id);
    expect((await call(service, anonymous, q)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('dueSoonReleases(withinWorkingDays: 3) lists a release due within 3 working days and not one due later', async () => {
    const threeDays = await matterByCode(service, 'POVERTY_RELIEF.04.03'); // 受灾人员救助对象: 3 working days
    const formedAt = new Date();
    const soon = await created(fx.editor, { matterId: threeDays.id, formedAt: formedAt.toISOString() });
    const later = await created(fx.editor, { formedAt: formedAt.toISOString() });
    expect(Date.parse(soon.dueAt)).toBe(endOfShanghaiDay(addWorkingDays(shanghaiDay(formedAt), 3)).getTime());
    expect(Date.parse(later.dueAt)).toBe(endOfShanghaiDay(addWorkingDays(shanghaiDay(formedAt), 20)).getTime());

    const q = `query($n: Int) { dueSoonReleases(withinWorkingDays: $n, first: 100) { edges { node { id dueAt } } } }`;
    const within3 = (await callData(service, fx.editor, q, { n: 3 })).dueSoonReleases.edges.map((e: Any) => e.node.id);
    expect(within3).toContain(soon.id);
    expect(within3).not.toContain(later.id);
    const within20 = (await callData(service, fx.editor, q, { n: 20 })).dueSoonReleases.edges.map((e: Any) => e.node.id);
    expect(within20).toEqual(expect.arrayContaining([soon.id, later.id]));
    expect((await callData(service, fx.otherEditor, q, { n: 20 })).dueSoonReleases.edges.map((e: Any) => e.node.id)).not.toContain(soon.id);
    expect((await call(service, fx.editor, q, { n: 0 })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

// ---- the work calendar -------------------------------------------------------------------------------------------------------

describe('the work calendar: bundled years, and admin-entered years', () => {
  const YEAR = `query($y: Int!) { workCalendar(year: $y) { year known source workingDays days { date kind name } } }`;
  const SET = `mutation($input: SetWorkCalendarYearInput!) { setWorkCalendarYear(input: $input) {
    __typename ... on SetWorkCalendarYearPayload { deadlinesChanged calendar { year known source days { date kind name } } }
    ... on InputError { field message } ... on NotFoundError { what } } }`;
  const DAYS_2027 = [
    { date: '2027-01-01', kind: 'HOLIDAY', name: '元旦' },
    { date: '2027-02-06', kind: 'MAKEUP_WORKDAY', name: '春节' },
  ];

  it('2026 is known (bundled, National Day in it); 2027 is not', async () => {
    const y2026 = (await callData(service, anonymous, YEAR, { y: 2026 })).workCalendar;
    expect(y2026).toMatchObject({ year: 2026, known: true, source: 'BUNDLED' });
    expect(y2026.days).toContainEqual({ date: '2026-10-01', kind: 'HOLIDAY', name: '国庆节' });
    expect(y2026.days).toContainEqual({ date: '2026-10-10', kind: 'MAKEUP_WORKDAY', name: '国庆节' });
    const y2027 = (await callData(service, anonymous, YEAR, { y: 2027 })).workCalendar;
    expect(y2027).toMatchObject({ year: 2027, known: false, source: null, days: [] });
  });

  it('only an admin may set a year (an editor is FORBIDDEN); a bundled year or a weekday as make-up workday is InputError', async () => {
    const editor = await call(service, fx.editor, SET, { input: { year: 2027, days: DAYS_2027 } });
    expect(editor.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bundled = await callData(service, fx.admin, SET, { input: { year: 2026, days: [{ date: '2026-12-31', kind: 'HOLIDAY' }] } });
    expect(bundled.setWorkCalendarYear).toMatchObject({ __typename: 'InputError', field: 'year' });
    // 2027-01-04 is a Monday.
    const weekday = await callData(service, fx.admin, SET, { input: { year: 2027, days: [{ date: '2027-01-04', kind: 'MAKEUP_WORKDAY' }] } });
    expect(weekday.setWorkCalendarYear).toMatchObject({ __typename: 'InputError', field: 'days[0].kind' });
    const otherYear = await callData(service, fx.admin, SET, { input: { year: 2027, days: [{ date: '2028-01-03', kind: 'HOLIDAY' }] } });
    expect(otherYear.setWorkCalendarYear).toMatchObject({ __typename: 'InputError', field: 'days[0].date' });
    expect((await callData(service, anonymous, YEAR, { y: 2027 })).workCalendar.known).toBe(false);
    expect((await callData(service, anonymous, YEAR, { y: 2026 })).workCalendar.source).toBe('BUNDLED');
  });

  it('an admin enters 2027: known, audited, and an open deadline that crosses New Year moves (a published one does not)', async () => {
    // Formed Sun 2026-12-20: 12-21 … 12-25 (1–5), 12-28 … 12-31 (6–9), then 2027, Mon–Fri only
    // while unknown: Fri 01-01 (10), 01-04 … 01-08 (11–15), 01-11 … 01-15 (16–20) → 2027-01-15.
    const formedAt = '2026-12-20T10:00:00+08:00';
    const open = await mutateOk(service, fx.editor, 'create', draftInput(fx, { formedAt }));
    expect(open.dueAt).toBe('2027-01-15T23:59:59.999+08:00');
    const done = await releaseIn(fx, 'PUBLISHED', { formedAt });
    const dueBefore = new Map((await prisma().release.findMany({ select: { id: true, dueAt: true } })).map((r) => [r.id, r.dueAt?.getTime() ?? null]));
    // Open disclosure requests (the seed's) count in working days too.
    const requestDeadlines = async () =>
      new Map((await prisma().concern.findMany({ where: { kind: 'DISCLOSURE_REQUEST' }, select: { id: true, dueAt: true, correctionDueAt: true } })).map((r) => [r.id, `${r.dueAt?.getTime()}/${r.correctionDueAt?.getTime()}`]));
    const requestsBefore = await requestDeadlines();
    const auditBefore = await prisma().auditEvent.count({ where: { action: 'calendar.updated' } });

    const result = (await callData(service, fx.admin, SET, { input: { year: 2027, days: DAYS_2027 } })).setWorkCalendarYear;
    expect(result.__typename).toBe('SetWorkCalendarYearPayload');
    expect(result.calendar).toEqual({ year: 2027, known: true, source: 'ADMIN', days: DAYS_2027 });

    // 元旦 on Fri 2027-01-01 is now a holiday: the 20th working day is Mon 2027-01-18.
    expect(addWorkingDays('2026-12-20', 20, { holidays: ['2027-01-01'] })).toBe('2027-01-18');
    const moved = (await callData(service, fx.editor, `query($id: ID!) { node(id: $id) { ... on Release { dueAt } } }`, { id: open.id })).node;
    expect(moved.dueAt).toBe('2027-01-18T23:59:59.999+08:00');
    const unchanged = await prisma().release.findUniqueOrThrow({ where: { id: uuidOf(done.id) } });
    expect(unchanged.dueAt?.toISOString()).toBe(new Date('2027-01-15T23:59:59.999+08:00').toISOString());

    // deadlinesChanged is exactly the number of releases and requests whose deadlines moved.
    const after = await prisma().release.findMany({ select: { id: true, dueAt: true } });
    const releasesChanged = after.filter((r) => dueBefore.has(r.id) && dueBefore.get(r.id) !== (r.dueAt?.getTime() ?? null)).length;
    expect(releasesChanged).toBeGreaterThanOrEqual(1);
    const requestsAfter = await requestDeadlines();
    const changed = releasesChanged + [...requestsAfter].filter(([id, due]) => requestsBefore.get(id) !== due).length;
    expect(result.deadlinesChanged).toBe(changed);

    const audits = await prisma().auditEvent.findMany({ where: { action: 'calendar.updated' }, orderBy: { occurredAt: 'asc' } });
    expect(audits).toHaveLength(auditBefore + 1);
    expect(audits.at(-1)).toMatchObject({ entityType: 'WorkCalendarYear', entityId: '2027', actorUserId: fx.admin.userId, data: { deadlinesChanged: changed } });
    expect((await callData(service, anonymous, YEAR, { y: 2027 })).workCalendar).toMatchObject({ known: true, source: 'ADMIN' });
  });
});

// ---- content safety ---------------------------------------------------------------------------------------------------------------

describe('content safety through GraphQL', () => {
  const HOSTILE = [
    '<h2>公告</h2>',
    '<p>第一段<script>alert("xss-1")</script>内容。</p>',
    '<p><img src=x onerror="alert(\'xss-2\')">图片</p>',
    '<p><a href="javascript:alert(\'xss-3\')">链接一</a> <a href="JaVaScRiPt:alert(4)">链接二</a> <a href="data:text/html;base64,PHNjcmlwdD5hbGVydCg1KTwvc2NyaXB0Pg==">链接三</a></p>',
    '<iframe src="https://evil.example/frame"></iframe>',
    '<style>body { background: url(https://evil.example/bg.png) }</style>',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<p style="background:url(https://evil.example/p.png)" onmouseover="alert(6)">第二段</p>',
    '<img src="data:image/svg+xml;base64,PHN2Zz48c2NyaXB0PmFsZXJ0KDcpPC9zY3JpcHQ+PC9zdmc+">',
    '<svg><script>alert(8)</script><circle onload="alert(9)"></circle></svg>',
    '<object data="https://evil.example/x.swf"></object><embed src="https://evil.example/y.swf">',
    '<form action="https://evil.example/post"><input name="q"></form>',
    '<p><a href="https://www.gov.cn/zhengce/">政策原文</a></p>',
  ].join('');

  it('stores the body sanitized — no script, handlers, javascript:/data: URLs, frames, styles or remote stylesheets — and serves text and summary renditions', async () => {
    const longText = '征地补偿费用发放工作已经全部完成，各村发放名单详见附件。'.repeat(8);
    const r = await mutateOk(service, fx.editor, 'create', draftInput(fx, { bodyHtml: HOSTILE + `<p>${longText}</p>` }));
    const stored = await prisma().release.findUniqueOrThrow({ where: { id: uuidOf(r.id) } });
    for (const html of [stored.bodyHtml, r.bodyHtml]) {
      for (const bad of ['<script', 'alert', 'xss', 'onerror', 'onload', 'onmouseover', 'javascript', 'JaVaScRiPt', 'data:', '<iframe', '<style', 'style=', '<link', 'stylesheet', '<svg', '<object', '<embed', '<form', '<input', 'evil.example']) {
        expect(html, bad).not.toContain(bad);
      }
      expect(html).toContain('<h2>公告</h2>');
      expect(html).toContain('<a href="https://www.gov.cn/zhengce/" rel="noopener noreferrer">政策原文</a>');
    }
    expect(r.bodyHtml).toBe(stored.bodyHtml);
    // Plain text: the visible words only, one block per line.
    expect(r.bodyText).not.toMatch(/[<>]/);
    expect(r.bodyText.split('\n').slice(0, 4)).toEqual(['公告', '第一段内容。', '图片', '链接一 链接二 链接三']);
    expect(r.bodyText).toContain('政策原文');
    expect(r.bodyText).not.toContain('alert');
    expect(r.bodyText).toBe(stored.bodyText);
    // Summary: at most 100 characters, plain text, a prefix of the text.
    expect([...r.summary].length).toBeLessThanOrEqual(100);
    expect([...r.summary].length).toBeGreaterThan(10);
    expect(r.summary).not.toMatch(/[<>]/);
    expect(r.summary.startsWith('公告 第一段内容。')).toBe(true);
    // Its edition keeps the sanitized body, not the pasted one.
    const revision = await prisma().revision.findFirstOrThrow({ where: { releaseId: uuidOf(r.id) } });
    expect((revision.snapshot as Any).bodyHtml).toBe(stored.bodyHtml);
  });

  it('sanitizes a body given in an update as well', async () => {
    const draft = await releaseIn(fx, 'DRAFT');
    const r = await mutateOk(service, fx.editor, 'update', { id: draft.id, expectedVersion: 1, bodyHtml: '<p onclick="x()">改<script>alert(1)</script>后</p>' });
    expect(r.bodyHtml).toBe('<p>改后</p>');
    expect(r.bodyText).toBe('改后');
  });

  it('accepts well-formed attachment metadata (https URL and site path)', async () => {
    const sitePath = { ...GOOD_ATTACHMENT, name: '名单.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', url: '/files/2026/mingdan.xlsx', sha256: 'F'.repeat(64) };
    const r = await mutateOk(service, fx.editor, 'create', draftInput(fx, { attachments: [GOOD_ATTACHMENT, sitePath] }));
    expect(r.attachments).toEqual([GOOD_ATTACHMENT, sitePath]);
  });

  const BAD: [string, Record<string, unknown>][] = [
    ['a name with a slash', { name: '../etc/passwd.pdf' }],
    ['a name with a backslash', { name: 'C:\\temp\\a.pdf' }],
    ['an empty name', { name: '' }],
    ['a MIME type not allowed', { name: 'setup.exe', mimeType: 'application/x-msdownload' }],
    ['text/html', { name: 'page.html', mimeType: 'text/html' }],
    ['an extension that does not fit the type', { name: 'report.exe', mimeType: 'application/pdf' }],
    ['a PDF named .png', { name: 'scan.png', mimeType: 'application/pdf' }],
    ['size 0', { size: 0 }],
    ['a negative size', { size: -1 }],
    ['more than 500 MB', { size: 500 * 1024 * 1024 + 1 }],
    ['a short sha256', { sha256: 'abc123' }],
    ['a sha256 with non-hex digits', { sha256: 'g'.repeat(64) }],
    ['a 63-digit sha256', { sha256: 'a'.repeat(63) }],
    ['a javascript: URL', { url: 'javascript:alert(1)' }],
    ['an http: URL', { url: 'http://www.mingguang.gov.cn/a.pdf' }],
    ['a protocol-relative URL', { url: '//evil.com/a.pdf' }],
    ['a data: URL', { url: 'data:application/pdf;base64,JVBERi0=' }],
  ];

  it.each(BAD)('rejects %s with InputError on attachments, creating nothing', async (_label, patch) => {
    const input = draftInput(fx, { attachments: [GOOD_ATTACHMENT, { ...GOOD_ATTACHMENT, ...patch }] });
    const before = await prisma().release.count();
    const result = await mutate(service, fx.editor, 'create', input);
    expect(result).toMatchObject({ __typename: 'InputError', code: 'INVALID_INPUT', field: 'attachments' });
    expect(await prisma().release.count()).toBe(before);
  });

  // Browsers read "/\evil.com" as the protocol-relative "//evil.com".
  it('rejects a backslash protocol-relative URL (/\\evil.com) like //evil.com', async () => {
    const result = await mutate(service, fx.editor, 'create', draftInput(fx, { attachments: [{ ...GOOD_ATTACHMENT, url: '/\\evil.com/a.pdf' }] }));
    expect(result).toMatchObject({ __typename: 'InputError', field: 'attachments' });
  });

  it('validates attachments in updates too, leaving the draft as it was', async () => {
    const draft = await releaseIn(fx, 'DRAFT', { attachments: [GOOD_ATTACHMENT] });
    const result = await mutate(service, fx.editor, 'update', { id: draft.id, expectedVersion: 1, attachments: [{ ...GOOD_ATTACHMENT, url: 'javascript:alert(1)' }] });
    expect(result).toMatchObject({ __typename: 'InputError', field: 'attachments' });
    const row = await prisma().release.findUniqueOrThrow({ where: { id: uuidOf(draft.id) } });
    expect(row.version).toBe(1);
    expect(row.attachments).toEqual([GOOD_ATTACHMENT]);
  });
});

// ---- the demo accounts this file relies on ------------------------------------------------------------------------------------

describe('fixture', () => {
  it('signs in the editor and reviewer of 张八岭镇 with roles on that township only', async () => {
    const viewer = (await callData(service, await demoSession(service, 'zhangbaling.reviewer'), '{ viewer { grants { role orgUnit { code } } } }')).viewer;
    expect(viewer.grants).toEqual([{ role: 'REVIEWER', orgUnit: { code: fx.township.code } }]);
  });
});
