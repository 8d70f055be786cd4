// Helpers for the editorial-workflow tests (workflow.test.ts, workflow-integrity.test.ts):
// the workflow mutations as GraphQL documents, a fixture of demo callers and ids, building a
// release in any state through the API, database snapshots for "nothing changed" checks, the
// job queue as the database holds it, and an independent working-day calculator read straight
// from the bundled chinese-days data (never from the code under test).
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { orgTree, type SeedOrgUnit } from '../src/seed/data/org-tree.js';
import { asAdmin, asAuditor, call, demoSession, gid, type Caller, type Session } from './actors.js';
import type { TestService } from './harness.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Any = any;

export const TIME_ZONE = 'Asia/Shanghai';

// ---- GraphQL documents -------------------------------------------------------------------------

export const STAFF_RELEASE_FIELDS = `
  id status version indexNo title docNo summary bodyHtml bodyText keywords targetChannels stage
  attachments { name size mimeType sha256 url }
  formedAt dueAt publishAt publishedAt firstPublishedAt publishedOnTime
  withdrawnAt withdrawalReason repealedAt
  publisher { id code } matter { id code }`;

/** What anonymous callers and channels may ask of a release (no version, publishAt, reviewNotes). */
export const PUBLIC_RELEASE_FIELDS = `
  id status indexNo title docNo summary bodyHtml bodyText keywords targetChannels
  attachments { name size mimeType sha256 url }
  formedAt dueAt publishedAt firstPublishedAt publishedOnTime
  withdrawnAt withdrawalReason repealedAt
  publisher { id code } matter { id code }`;

const ERROR_FIELDS = `
  ... on InvalidTransitionError { code message action currentStatus reason }
  ... on VersionConflictError { code message expectedVersion currentVersion }
  ... on InputError { code message field }
  ... on NotFoundError { code message what }
  ... on IdempotencyKeyReusedError { code message }`;

const RESULT = `{ __typename ... on ReleasePayload { release { ${STAFF_RELEASE_FIELDS} } } ${ERROR_FIELDS} }`;

export const MUTATION = {
  create: `mutation($input: CreateReleaseInput!) { r: createRelease(input: $input) ${RESULT} }`,
  update: `mutation($input: UpdateReleaseInput!) { r: updateRelease(input: $input) ${RESULT} }`,
  submit: `mutation($input: SubmitReleaseInput!) { r: submitRelease(input: $input) ${RESULT} }`,
  approve: `mutation($input: ApproveReleaseInput!) { r: approveRelease(input: $input) ${RESULT} }`,
  reject: `mutation($input: RejectReleaseInput!) { r: rejectRelease(input: $input) ${RESULT} }`,
  publish: `mutation($input: PublishReleaseInput!) { r: publishRelease(input: $input) ${RESULT} }`,
  unschedule: `mutation($input: UnscheduleReleaseInput!) { r: unscheduleRelease(input: $input) ${RESULT} }`,
  withdraw: `mutation($input: WithdrawReleaseInput!) { r: withdrawRelease(input: $input) ${RESULT} }`,
  repeal: `mutation($input: RepealReleaseInput!) { r: repealRelease(input: $input) ${RESULT} }`,
  restore: `mutation($input: RestoreRevisionInput!) { r: restoreRevision(input: $input) ${RESULT} }`,
  deleteDraft: `mutation($input: DeleteDraftInput!) { r: deleteDraft(input: $input) {
    __typename ... on DeleteDraftPayload { deletedReleaseId } ${ERROR_FIELDS} } }`,
} as const;
export type MutationName = keyof typeof MUTATION;

/** Runs a workflow mutation; throws on GraphQL-level errors; returns the result union member. */
export async function mutate(service: TestService, caller: Caller, name: MutationName, input: Record<string, unknown>): Promise<Any> {
  const res = await call(service, caller, MUTATION[name], { input });
  if (res.errors?.length || !res.data) throw new Error(`${name} as ${caller.label}: HTTP ${res.status} ${res.text.slice(0, 1500)}`);
  return res.data.r;
}

/** The release of a successful ReleasePayload; throws with the typed error otherwise. */
export function releaseOf(result: Any): Any {
  if (result?.__typename !== 'ReleasePayload') throw new Error(`expected ReleasePayload, got ${JSON.stringify(result)}`);
  return result.release;
}

export async function mutateOk(service: TestService, caller: Caller, name: MutationName, input: Record<string, unknown>): Promise<Any> {
  return releaseOf(await mutate(service, caller, name, input));
}

// ---- ids and callers ---------------------------------------------------------------------------

export const uuidOf = (globalId: string): string => Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1]!;

function findOrg(key: string, node: SeedOrgUnit = orgTree): SeedOrgUnit | undefined {
  if (node.key === key) return node;
  for (const child of node.children ?? []) {
    const found = findOrg(key, child);
    if (found) return found;
  }
  return undefined;
}

/** The seeded org unit's 统一社会信用代码, read from the seed data (not from the server). */
export function orgCodeOf(key: string): string {
  const org = findOrg(key);
  if (!org) throw new Error(`no org ${key} in org-tree.ts`);
  return org.code;
}

export interface Org {
  key: string;
  code: string;
  uuid: string;
  id: string;
}

export interface Fixture {
  service: TestService;
  editor: Session;
  reviewer: Session;
  otherEditor: Session;
  otherReviewer: Session;
  admin: Session;
  auditor: Session;
  township: Org;
  otherTownship: Org;
  /** A township matter (征地补偿费用发放明细, 20 working days from 信息形成). */
  matter: { code: string; uuid: string; id: string };
}

export const TOWNSHIP_MATTER = 'LAND_EXPROPRIATION.04.03';

export async function orgByKey(service: TestService, key: string): Promise<Org> {
  const code = orgCodeOf(key);
  const row = await service.service.db.prisma.orgUnit.findUniqueOrThrow({ where: { code }, select: { id: true } });
  return { key, code, uuid: row.id, id: gid('OrgUnit', row.id) };
}

export async function matterByCode(service: TestService, code: string): Promise<{ code: string; uuid: string; id: string }> {
  const row = await service.service.db.prisma.matter.findUniqueOrThrow({ where: { code }, select: { id: true } });
  return { code, uuid: row.id, id: gid('Matter', row.id) };
}

/** Signs in the demo callers of the 张八岭镇 workflow (and those of 三界镇 as outsiders). */
export async function fixture(service: TestService): Promise<Fixture> {
  // One after another: a fixture is not where concurrency is tested.
  const editor = await demoSession(service, 'zhangbaling.editor');
  const reviewer = await demoSession(service, 'zhangbaling.reviewer');
  const otherEditor = await demoSession(service, 'sanjie.editor');
  const otherReviewer = await demoSession(service, 'sanjie.reviewer');
  const admin = await asAdmin(service);
  const auditor = await asAuditor(service);
  const township = await orgByKey(service, 'zhangbaling');
  const otherTownship = await orgByKey(service, 'sanjie');
  const matter = await matterByCode(service, TOWNSHIP_MATTER);
  return { service, editor, reviewer, otherEditor, otherReviewer, admin, auditor, township, otherTownship, matter };
}

// ---- building releases ---------------------------------------------------------------------------

export const GOOD_ATTACHMENT = {
  name: '补偿费用发放明细表.pdf',
  size: 204_800,
  mimeType: 'application/pdf',
  sha256: 'ab'.repeat(32),
  url: 'https://www.mingguang.gov.cn/files/2026/bcfy.pdf',
};

export function draftInput(fx: Fixture, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    matterId: fx.matter.id,
    publisherId: fx.township.id,
    title: `张八岭镇征地补偿费用发放明细 ${randomUUID().slice(0, 8)}`,
    stage: 'RESULT',
    topic: '城乡建设',
    genre: '公示',
    keywords: ['征地', '补偿'],
    bodyHtml: '<p>现将征地补偿费用发放明细予以公示。</p>',
    targetChannels: ['WEBSITE', 'MINI_PROGRAM'],
    formedAt: new Date().toISOString(),
    ...overrides,
  };
}

export type State = 'DRAFT' | 'IN_REVIEW' | 'APPROVED' | 'SCHEDULED' | 'PUBLISHED' | 'WITHDRAWN' | 'REPEALED';
export const STATES: State[] = ['DRAFT', 'IN_REVIEW', 'APPROVED', 'SCHEDULED', 'PUBLISHED', 'WITHDRAWN', 'REPEALED'];

/** A day `days` after today in the county (YYYY-MM-DD). */
export function shanghaiDayPlus(days: number, from: Date = new Date()): string {
  return addDays(shanghaiDay(from), days);
}

/**
 * Drives a new release through the API to `state` (the editor drafts and submits, the reviewer
 * approves and publishes). SCHEDULED is two days ahead, far from any job run in a test.
 */
export async function releaseIn(fx: Fixture, state: State, overrides: Record<string, unknown> = {}): Promise<Any> {
  const { service, editor, reviewer } = fx;
  let r = await mutateOk(service, editor, 'create', draftInput(fx, overrides));
  if (state === 'DRAFT') return r;
  r = await mutateOk(service, editor, 'submit', { id: r.id });
  if (state === 'IN_REVIEW') return r;
  r = await mutateOk(service, reviewer, 'approve', { id: r.id });
  if (state === 'APPROVED') return r;
  if (state === 'SCHEDULED') return mutateOk(service, reviewer, 'publish', { id: r.id, publishAt: new Date(Date.now() + 2 * 86_400_000).toISOString() });
  r = await mutateOk(service, reviewer, 'publish', { id: r.id });
  if (state === 'PUBLISHED') return r;
  if (state === 'WITHDRAWN') return mutateOk(service, reviewer, 'withdraw', { id: r.id, reason: '内容有误，撤回更正' });
  return mutateOk(service, reviewer, 'repeal', { id: r.id, repealedAt: shanghaiDay(new Date()), reason: '已被新文件替代' });
}

/** Global ids of the release's revisions (newest first) as its owning editor sees them. */
export async function revisionsOf(service: TestService, caller: Caller, releaseId: string): Promise<Any[]> {
  const res = await call(service, caller, `query($id: ID!) { node(id: $id) { ... on Release { revisions { id number kind status changeNote authorName createdAt content { title bodyHtml summary attachments { name } } } } } }`, { id: releaseId });
  if (res.errors?.length) throw new Error(res.text);
  return res.data.node?.revisions ?? [];
}

// ---- database views ---------------------------------------------------------------------------

export const RELEASE_TASKS = ['publish_scheduled_release', 'repeal_release'];

export interface JobRow {
  id: bigint;
  task_identifier: string;
  run_at: Date;
  key: string | null;
  attempts: number;
  payload: Any;
}

/** Pending jobs of the release tasks (graphile-worker 0.16 keeps them in _private_jobs). */
export async function releaseJobs(service: TestService, releaseUuid?: string): Promise<JobRow[]> {
  const schema = service.config.jobs.schema;
  const rows = await service.service.db.prisma.$queryRawUnsafe<JobRow[]>(
    `SELECT j.id, t.identifier AS task_identifier, j.run_at, j.key, j.attempts, j.payload
     FROM "${schema}"._private_jobs j JOIN "${schema}"._private_tasks t ON t.id = j.task_id
     WHERE t.identifier = ANY($1::text[]) ${releaseUuid ? `AND j.payload->>'releaseId' = $2` : ''} ORDER BY j.id`,
    RELEASE_TASKS,
    ...(releaseUuid ? [releaseUuid] : []),
  );
  return rows;
}

/** Every row count that a workflow mutation may touch, and the release's own workflow columns. */
export async function snapshot(service: TestService, releaseUuid?: string): Promise<Record<string, unknown>> {
  const p = service.service.db.prisma;
  const [releases, revisions, reviewNotes, auditEvents, outboxEvents, idempotencyRecords, counters, jobs, release] = await Promise.all([
    p.release.count(),
    p.revision.count(),
    p.reviewNote.count(),
    p.auditEvent.count(),
    // The daily reminder is the one background job that writes events; a test never causes it.
    p.outboxEvent.count({ where: { topic: { not: 'reminder.due_soon' } } }),
    p.idempotencyRecord.count(),
    p.indexNoCounter.findMany({ orderBy: [{ orgUnitId: 'asc' }, { year: 'asc' }] }),
    releaseJobs(service),
    releaseUuid
      ? p.release.findUnique({
          where: { id: releaseUuid },
          select: {
            status: true, version: true, indexNo: true, indexSerial: true, indexYear: true, title: true, bodyHtml: true, publishedAt: true,
            firstPublishedAt: true, publishedOnTime: true, publishAt: true, withdrawnAt: true, withdrawalReason: true, repealedAt: true, updatedAt: true,
          },
        })
      : null,
  ]);
  return {
    releases,
    revisions,
    reviewNotes,
    auditEvents,
    outboxEvents,
    idempotencyRecords,
    counters: counters.map((c) => `${c.orgUnitId}/${c.year}=${c.lastSerial}`),
    jobs: jobs.map((j) => `${j.task_identifier}:${j.key}:${j.run_at.toISOString()}`),
    release,
  };
}

/** The last index serial handed out to the org unit this year (0 when none). */
export async function lastSerial(service: TestService, orgUuid: string, year: number): Promise<number> {
  const row = await service.service.db.prisma.indexNoCounter.findUnique({ where: { orgUnitId_year: { orgUnitId: orgUuid, year } } });
  return row?.lastSerial ?? 0;
}

/**
 * Brings a scheduled publication forward to `at`, as if the clock had advanced: the release's
 * publishAt and the run time of its one pending job move together (graphile-worker's public
 * reschedule_jobs). Scheduling well ahead and then bringing it forward lets a test decide exactly
 * when the job may fire.
 */
export async function bringScheduleForward(service: TestService, releaseUuid: string, at: Date): Promise<void> {
  const jobs = (await releaseJobs(service, releaseUuid)).filter((j) => j.task_identifier === 'publish_scheduled_release');
  if (jobs.length !== 1) throw new Error(`expected one pending publication job for ${releaseUuid}, found ${jobs.length}`);
  const schema = service.config.jobs.schema;
  const prisma = service.service.db.prisma;
  await prisma.$transaction(async (tx) => {
    await tx.release.update({ where: { id: releaseUuid }, data: { publishAt: at } });
    await tx.$queryRawUnsafe(`SELECT id FROM "${schema}".reschedule_jobs(ARRAY[$1::bigint], run_at => $2::timestamptz)`, jobs[0]!.id, at);
  });
}

// ---- time -------------------------------------------------------------------------------------

export function shanghaiDay(instant: Date | string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
}

export function shanghaiMonth(instant: Date | string): string {
  return shanghaiDay(instant).slice(0, 7).replace('-', '');
}

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The end of a county day: 23:59:59.999 +08:00 (China has no daylight saving time). */
export const endOfShanghaiDay = (day: string): Date => new Date(`${day}T23:59:59.999+08:00`);

interface ChineseDays {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}
const bundled = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as ChineseDays;

/** Working day by the bundled official data (Mon–Fri outside it), for expected values only. */
export function isBundledWorkday(day: string, extra: { holidays?: string[]; workdays?: string[] } = {}): boolean {
  if (extra.workdays?.includes(day) || day in bundled.workdays) return true;
  if (extra.holidays?.includes(day) || day in bundled.holidays) return false;
  const wd = new Date(`${day}T00:00:00Z`).getUTCDay();
  return wd !== 0 && wd !== 6;
}

/** The n-th working day after `day` (the day itself not counted). */
export function addWorkingDays(day: string, n: number, extra: { holidays?: string[]; workdays?: string[] } = {}): string {
  let d = day;
  for (let left = n; left > 0; ) {
    d = addDays(d, 1);
    if (isBundledWorkday(d, extra)) left--;
  }
  return d;
}

export const sleepMs = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Calls `probe` until it returns a truthy value. `timeoutMs` only turns a hang into a clear
 * failure; it is far longer than any condition takes, even on a loaded machine.
 */
export async function pollUntil<T>(label: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 180_000, intervalMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`pollUntil: ${label} not reached within ${timeoutMs} ms`);
    await sleepMs(intervalMs);
  }
}

/**
 * Polls `probe` (which returns the release as a reader sees it, or null) until it is visible and
 * checks that it never was before `publishAt`: any answer showing it must have arrived at or
 * after publishAt (the server's clock cannot run ahead of ours on the same machine). Returns the
 * release and how many answers showed it hidden.
 */
export async function observeUntilPublic<T>(probe: () => Promise<T | null>, publishAt: Date, timeoutMs: number): Promise<{ release: T; hiddenAnswers: number }> {
  const deadline = Date.now() + timeoutMs;
  let hiddenAnswers = 0;
  for (;;) {
    const release = await probe();
    const answeredAt = Date.now();
    if (release) {
      if (answeredAt < publishAt.getTime()) throw new Error(`visible at ${new Date(answeredAt).toISOString()}, before publishAt ${publishAt.toISOString()}`);
      return { release, hiddenAnswers };
    }
    hiddenAnswers++;
    if (answeredAt > deadline) throw new Error(`not public within ${timeoutMs} ms of polling (publishAt ${publishAt.toISOString()})`);
    await sleepMs(200);
  }
}

export { asAdmin, asAuditor };
