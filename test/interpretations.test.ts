// 政策解读 through GraphQL on the real service: the seeded statuses (on time, late, missing), the
// lifecycle role by role through the shared workflow, the 3-working-day rule computed
// independently from the bundled calendar (across a holiday too), 同步发布 all or nothing,
// visibility to the public, channels and outsiders, media checks, audit and outbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endOfWorkingDaysAfter } from '../src/modules/calendar/deadline-rules.js';
import { anonymous, call, callData, createChannelWithKey, unknownGid, type Caller, type ChannelWithKey } from './actors.js';
import { databaseLabel, startTestService, type TestService } from './harness.js';
import {
  addWorkingDays,
  draftInput,
  endOfShanghaiDay,
  fixture,
  GOOD_ATTACHMENT,
  matterByCode,
  mutateOk,
  shanghaiDay,
  uuidOf,
  type Any,
  type Fixture,
} from './workflow-helpers.js';

let service: TestService;
let fx: Fixture;
let website: ChannelWithKey;
let kiosk: ChannelWithKey;
/** A matter whose standard requires an interpretation (公共租赁住房 政策文件). */
let policyMatter: { id: string; uuid: string };

beforeAll(async () => {
  service = await startTestService();
  fx = await fixture(service);
  website = await createChannelWithKey(service, fx.admin, 'WEBSITE');
  kiosk = await createChannelWithKey(service, fx.admin, 'KIOSK');
  policyMatter = await matterByCode(service, 'AFFORDABLE_HOUSING.01.02');
});

afterAll(async () => {
  await service?.stop();
});

const prisma = () => service.service.db.prisma;

const INTERPRETATION_FIELDS = `id title form interpreterName status summary bodyHtml attachments { name mimeType } targetChannels
  dueAt publishedAt firstPublishedAt publishedOnTime withdrawnAt withdrawalReason interpretingOrg { id code } policies { id title }`;
const ERRORS = `... on InvalidTransitionError { code message action currentStatus reason }
  ... on InputError { code message field } ... on NotFoundError { code message what } ... on VersionConflictError { code currentVersion }`;
const RESULT = `{ __typename ... on InterpretationPayload { interpretation { ${INTERPRETATION_FIELDS} version } } ${ERRORS} }`;

const M = {
  create: `mutation($input: CreateInterpretationInput!) { r: createInterpretation(input: $input) ${RESULT} }`,
  update: `mutation($input: UpdateInterpretationInput!) { r: updateInterpretation(input: $input) ${RESULT} }`,
  submit: `mutation($input: SubmitInterpretationInput!) { r: submitInterpretation(input: $input) ${RESULT} }`,
  approve: `mutation($input: ApproveInterpretationInput!) { r: approveInterpretation(input: $input) ${RESULT} }`,
  reject: `mutation($input: RejectInterpretationInput!) { r: rejectInterpretation(input: $input) ${RESULT} }`,
  publish: `mutation($input: PublishInterpretationInput!) { r: publishInterpretation(input: $input) ${RESULT} }`,
  withdraw: `mutation($input: WithdrawInterpretationInput!) { r: withdrawInterpretation(input: $input) ${RESULT} }`,
  delete: `mutation($input: DeleteInterpretationDraftInput!) { r: deleteInterpretationDraft(input: $input) {
    __typename ... on DeleteInterpretationDraftPayload { deletedInterpretationId } ${ERRORS} } }`,
} as const;

async function run(caller: Caller, name: keyof typeof M, input: Record<string, unknown>): Promise<Any> {
  const res = await call(service, caller, M[name], { input });
  if (res.errors?.length || !res.data) throw new Error(`${name} as ${caller.label}: ${res.text.slice(0, 1000)}`);
  return res.data.r;
}

async function ok(caller: Caller, name: keyof typeof M, input: Record<string, unknown>): Promise<Any> {
  const r = await run(caller, name, input);
  if (r.__typename !== 'InterpretationPayload') throw new Error(`${name}: expected InterpretationPayload, got ${JSON.stringify(r)}`);
  return r.interpretation;
}

/** A policy release of 张八岭镇 on the policy matter, driven to `state` by the township's editor and reviewer. */
async function policyIn(state: 'DRAFT' | 'APPROVED' | 'PUBLISHED'): Promise<Any> {
  let r = await mutateOk(service, fx.editor, 'create', draftInput(fx, { matterId: policyMatter.id, title: `张八岭镇政策文件 ${Math.random().toString(36).slice(2, 8)}`, stage: 'DECISION' }));
  if (state === 'DRAFT') return r;
  r = await mutateOk(service, fx.editor, 'submit', { id: r.id });
  r = await mutateOk(service, fx.reviewer, 'approve', { id: r.id });
  if (state === 'APPROVED') return r;
  return mutateOk(service, fx.reviewer, 'publish', { id: r.id });
}

const interpretationInput = (policyIds: string[], overrides: Record<string, unknown> = {}) => ({
  policyIds,
  title: `政策解读 ${Math.random().toString(36).slice(2, 8)}`,
  form: 'TEXT',
  interpreterName: '张八岭镇党政办负责人',
  bodyHtml: '<h2>一、出台背景</h2><p>为规范管理，制定本文件。</p><script>alert(1)</script>',
  targetChannels: ['WEBSITE', 'MINI_PROGRAM'],
  ...overrides,
});

/** An interpretation of `policyIds` driven to `state` by the township's editor and reviewer. */
async function interpretationIn(policyIds: string[], state: 'DRAFT' | 'APPROVED' | 'PUBLISHED'): Promise<Any> {
  let i = await ok(fx.editor, 'create', interpretationInput(policyIds));
  if (state === 'DRAFT') return i;
  i = await ok(fx.editor, 'submit', { id: i.id });
  i = await ok(fx.reviewer, 'approve', { id: i.id });
  if (state === 'APPROVED') return i;
  return ok(fx.reviewer, 'publish', { id: i.id });
}

const STATUS_OF = `query($id: ID!) { node(id: $id) { ... on Release { interpretationStatus interpretationDueAt interpretations { id status } } } }`;
const statusAs = async (caller: Caller, releaseId: string) => (await callData(service, caller, STATUS_OF, { id: releaseId })).node;

async function missingAs(caller: Caller): Promise<string[]> {
  const data = await callData(service, caller, '{ missingInterpretations(first: 100) { totalCount edges { node { id interpretationDueAt } } } }');
  expect(data.missingInterpretations.totalCount).toBe(data.missingInterpretations.edges.length);
  return data.missingInterpretations.edges.map((e: Any) => e.node.id);
}

describe(`the seeded interpretations (${databaseLabel})`, () => {
  it('a policy interpreted the next day is ON_TIME, one interpreted 9 days later is LATE, one published yesterday without one is MISSING', async () => {
    const byTitle = async (title: string) => prisma().release.findFirstOrThrow({ where: { title }, select: { id: true, firstPublishedAt: true, interpretationDueAt: true } });
    const onTime = await byTitle('明光市住房和城乡建设局关于印发《明光市公共租赁住房保障管理实施细则》的通知');
    const late = await byTitle('明光市住房和城乡建设局关于印发《明光市2026年农村低收入群体等重点对象住房安全保障工作实施方案》的通知');
    const missing = await byTitle('明光市乡村振兴局关于做好2027年防止返贫致贫监测帮扶工作的通知');
    for (const r of [onTime, late, missing]) {
      // 3 working days after the day of first publication, by the bundled official calendar.
      expect(r.interpretationDueAt?.toISOString()).toBe(endOfShanghaiDay(addWorkingDays(shanghaiDay(r.firstPublishedAt!), 3)).toISOString());
    }
    const gidOf = (id: string) => Buffer.from(`Release:${id}`).toString('base64url');
    expect((await statusAs(anonymous, gidOf(onTime.id))).interpretationStatus).toBe('ON_TIME');
    expect((await statusAs(anonymous, gidOf(late.id))).interpretationStatus).toBe('LATE');
    expect((await statusAs(anonymous, gidOf(missing.id))).interpretationStatus).toBe('MISSING');
    const missingIds = await missingAs(fx.admin);
    expect(missingIds).toContain(gidOf(missing.id));
    expect(missingIds).not.toContain(gidOf(onTime.id));
    expect(missingIds).not.toContain(gidOf(late.id));
    // A release of a matter whose standard asks for none.
    const other = await prisma().release.findFirstOrThrow({ where: { status: 'PUBLISHED', matter: { code: 'LAND_EXPROPRIATION.02.02' } }, select: { id: true } });
    expect((await statusAs(anonymous, gidOf(other.id))).interpretationStatus).toBe('NOT_REQUIRED');
  });

  it('the public list shows the published sample interpretations with their policies, newest first', async () => {
    const data = await callData(service, anonymous, `{ interpretations(first: 50) { totalCount edges { node { title publishedOnTime publishedAt policies { title } } } } }`);
    const nodes = data.interpretations.edges.map((e: Any) => e.node);
    const late = nodes.find((n: Any) => n.title.startsWith('《明光市2026年农村低收入群体'));
    expect(late).toMatchObject({ publishedOnTime: false, policies: [{ title: expect.stringContaining('住房安全保障工作实施方案') }] });
    expect(nodes.find((n: Any) => n.title.startsWith('一图读懂'))).toMatchObject({ publishedOnTime: true });
    const times = nodes.map((n: Any) => Date.parse(n.publishedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });
});

describe(`the lifecycle of an interpretation, role by role (${databaseLabel})`, () => {
  let policy: Any;
  let draft: Any;

  it('publishing a policy whose standard requires an interpretation starts a 3-working-day clock and lists it as missing for its unit only', async () => {
    policy = await policyIn('PUBLISHED');
    const status = await statusAs(fx.reviewer, policy.id);
    expect(Date.parse(status.interpretationDueAt)).toBe(endOfShanghaiDay(addWorkingDays(shanghaiDay(policy.firstPublishedAt), 3)).getTime());
    expect(status.interpretationStatus).toBe('MISSING');
    expect(await missingAs(fx.reviewer)).toContain(policy.id);
    expect(await missingAs(fx.otherReviewer)).not.toContain(policy.id);
  });

  it('an editor drafts it: the interpreting unit defaults to the policy\'s publisher, the body is sanitized, its deadline is the policy\'s', async () => {
    draft = await ok(fx.editor, 'create', interpretationInput([policy.id]));
    expect(draft).toMatchObject({ status: 'DRAFT', version: 1, interpretingOrg: { id: fx.township.id }, policies: [{ id: policy.id }], dueAt: (await statusAs(fx.reviewer, policy.id)).interpretationDueAt });
    expect(draft.bodyHtml).toContain('出台背景');
    expect(draft.bodyHtml).not.toContain('<script');
    // Staff of the unit see it being prepared; the public still sees none.
    expect((await statusAs(fx.editor, policy.id)).interpretationStatus).toBe('DUE');
    expect(await statusAs(anonymous, policy.id)).toMatchObject({ interpretationStatus: 'MISSING', interpretations: [] });
  });

  it('a draft is invisible to the public, channels and the other township, exactly like an unknown id', async () => {
    const node = `query($id: ID!) { node(id: $id) { id } }`;
    for (const caller of [anonymous, website, fx.otherEditor]) {
      expect(await callData(service, caller, node, { id: draft.id })).toEqual({ node: null });
    }
    expect(await run(fx.otherEditor, 'submit', { id: draft.id })).toMatchObject({ __typename: 'NotFoundError', what: 'interpretation' });
    expect(await run(fx.otherEditor, 'submit', { id: unknownGid('Interpretation') })).toMatchObject({ __typename: 'NotFoundError', what: 'interpretation' });
  });

  it('the editor may not approve or publish; the reviewer may not approve what is not submitted', async () => {
    expect(await run(fx.reviewer, 'approve', { id: draft.id })).toMatchObject({ __typename: 'InvalidTransitionError', action: 'APPROVE', currentStatus: 'DRAFT', reason: 'STATE' });
    const submitted = await ok(fx.editor, 'submit', { id: draft.id, comment: '请审核' });
    expect(submitted.status).toBe('IN_REVIEW');
    expect(await run(fx.editor, 'approve', { id: draft.id })).toMatchObject({ __typename: 'InvalidTransitionError', reason: 'ROLE' });
    expect(await run(fx.editor, 'publish', { id: draft.id })).toMatchObject({ __typename: 'InvalidTransitionError', currentStatus: 'IN_REVIEW' });
  });

  it('the reviewer rejects with a comment, the editor corrects and resubmits, the reviewer approves and publishes: on time', async () => {
    expect(await run(fx.reviewer, 'reject', { id: draft.id, comment: '' })).toMatchObject({ __typename: 'InputError', field: 'comment' });
    expect((await ok(fx.reviewer, 'reject', { id: draft.id, comment: '请补充新旧政策对比' })).status).toBe('DRAFT');
    const current = await ok(fx.editor, 'update', { id: draft.id, expectedVersion: 3, bodyHtml: '<p>新旧政策对比：……</p>' });
    expect(current).toMatchObject({ version: 4, bodyHtml: '<p>新旧政策对比：……</p>' });
    expect(await run(fx.editor, 'update', { id: draft.id, expectedVersion: 3, title: 'stale' })).toMatchObject({ __typename: 'VersionConflictError', currentVersion: 4 });
    await ok(fx.editor, 'submit', { id: draft.id });
    await ok(fx.reviewer, 'approve', { id: draft.id });
    const published = await ok(fx.reviewer, 'publish', { id: draft.id });
    expect(published).toMatchObject({ status: 'PUBLISHED', publishedOnTime: true });
    expect(await statusAs(anonymous, policy.id)).toMatchObject({ interpretationStatus: 'ON_TIME', interpretations: [{ id: draft.id, status: 'PUBLISHED' }] });
    expect(await missingAs(fx.reviewer)).not.toContain(policy.id);
  });

  it('the published interpretation reaches the public list and channels it targets, not others', async () => {
    const list = `query($p: ID!) { interpretations(first: 5, filter: { policyId: $p }) { totalCount edges { node { id title } } } }`;
    expect((await callData(service, anonymous, list, { p: policy.id })).interpretations.totalCount).toBe(1);
    expect((await callData(service, website, list, { p: policy.id })).interpretations.totalCount).toBe(1);
    expect((await callData(service, kiosk, list, { p: policy.id })).interpretations.totalCount).toBe(0);
    expect(await callData(service, kiosk, `query($id: ID!) { node(id: $id) { id } }`, { id: draft.id })).toEqual({ node: null });
  });

  it('withdrawing leaves a notice without its body; the review history, audit trail and outbox record every step', async () => {
    const withdrawn = await ok(fx.reviewer, 'withdraw', { id: draft.id, reason: '解读口径有误' });
    expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', withdrawalReason: '解读口径有误' });
    const seen = (await callData(service, anonymous, `query($id: ID!) { node(id: $id) { ... on Interpretation { status bodyHtml withdrawalReason } } }`, { id: draft.id })).node;
    expect(seen).toEqual({ status: 'WITHDRAWN', bodyHtml: '', withdrawalReason: '解读口径有误' });
    const notes = (await callData(service, fx.editor, `query($id: ID!) { node(id: $id) { ... on Interpretation { reviewNotes { action fromStatus toStatus comment } } } }`, { id: draft.id })).node.reviewNotes;
    expect(notes.map((n: Any) => n.action)).toEqual(['SUBMIT', 'REJECT', 'SUBMIT', 'APPROVE', 'PUBLISH', 'WITHDRAW']);
    expect(notes[1].comment).toBe('请补充新旧政策对比');
    const id = uuidOf(draft.id);
    const actions = (await prisma().auditEvent.findMany({ where: { entityType: 'Interpretation', entityId: id }, orderBy: { occurredAt: 'asc' }, select: { action: true } })).map((a) => a.action);
    expect(actions).toEqual([
      'interpretation.created', 'interpretation.submitted', 'interpretation.rejected', 'interpretation.updated', 'interpretation.submitted',
      'interpretation.approved', 'interpretation.published', 'interpretation.withdrawn',
    ]);
    const topics = (await prisma().outboxEvent.findMany({ where: { aggregateType: 'Interpretation', aggregateId: id }, orderBy: { sequence: 'asc' }, select: { topic: true } })).map((e) => e.topic);
    expect(topics).toEqual(['interpretation.published', 'interpretation.withdrawn']);
    expect(await prisma().revision.count({ where: { interpretationId: id } })).toBeGreaterThanOrEqual(4);
  });

  it('a draft can be deleted by its editor; a published one cannot', async () => {
    const other = await ok(fx.editor, 'create', interpretationInput([policy.id]));
    expect(await run(fx.editor, 'delete', { id: draft.id })).toMatchObject({ __typename: 'InvalidTransitionError', reason: 'STATE' });
    expect(await run(fx.editor, 'delete', { id: other.id })).toMatchObject({ __typename: 'DeleteInterpretationDraftPayload' });
    expect(await prisma().interpretation.count({ where: { id: uuidOf(other.id) } })).toBe(0);
  });
});

describe(`deadlines, 同步发布 and refusals (${databaseLabel})`, () => {
  it('an interpretation cannot be published before its policy', async () => {
    const policy = await policyIn('APPROVED');
    const interpretation = await interpretationIn([policy.id], 'APPROVED');
    expect(interpretation.dueAt).toBeNull();
    expect(await run(fx.reviewer, 'publish', { id: interpretation.id })).toMatchObject({ __typename: 'InputError', field: 'policyIds' });
    expect((await prisma().interpretation.findUniqueOrThrow({ where: { id: uuidOf(interpretation.id) } })).status).toBe('APPROVED');
  });

  it('同步发布: the policy and its approved interpretation are published in one transaction, on time', async () => {
    const policy = await policyIn('APPROVED');
    const interpretation = await interpretationIn([policy.id], 'APPROVED');
    const r = await mutateOk(service, fx.reviewer, 'publish', { id: policy.id, withInterpretations: true });
    expect(r.status).toBe('PUBLISHED');
    const after = await prisma().interpretation.findUniqueOrThrow({ where: { id: uuidOf(interpretation.id) } });
    expect(after).toMatchObject({ status: 'PUBLISHED', publishedOnTime: true });
    expect(after.publishedAt?.getTime()).toBe(Date.parse(r.publishedAt));
    expect((await statusAs(anonymous, policy.id)).interpretationStatus).toBe('ON_TIME');
  });

  it('同步发布 without an approved interpretation is refused and publishes nothing', async () => {
    const policy = await policyIn('APPROVED');
    await interpretationIn([policy.id], 'DRAFT');
    const res = await call(service, fx.reviewer, `mutation($input: PublishReleaseInput!) { publishRelease(input: $input) { __typename ... on InputError { field } } }`, {
      input: { id: policy.id, withInterpretations: true },
    });
    expect(res.data?.publishRelease).toEqual({ __typename: 'InputError', field: 'withInterpretations' });
    const row = await prisma().release.findUniqueOrThrow({ where: { id: uuidOf(policy.id) } });
    expect(row).toMatchObject({ status: 'APPROVED', indexNo: null, interpretationDueAt: null });
  });

  it('past its deadline a policy without a published interpretation turns LATE, and one published then is not on time', async () => {
    const policy = await policyIn('PUBLISHED');
    const interpretation = await interpretationIn([policy.id], 'APPROVED');
    expect((await statusAs(fx.reviewer, policy.id)).interpretationStatus).toBe('DUE');
    // Three working days pass: the clock is moved back instead of the test waiting for them.
    const past = new Date(Date.now() - 60_000);
    await prisma().release.update({ where: { id: uuidOf(policy.id) }, data: { interpretationDueAt: past } });
    await prisma().interpretation.update({ where: { id: uuidOf(interpretation.id) }, data: { dueAt: past } });
    expect((await statusAs(fx.reviewer, policy.id)).interpretationStatus).toBe('LATE');
    expect((await statusAs(anonymous, policy.id)).interpretationStatus).toBe('LATE');
    expect(await missingAs(fx.reviewer)).toContain(policy.id);
    const published = await ok(fx.reviewer, 'publish', { id: interpretation.id });
    expect(published.publishedOnTime).toBe(false);
    expect((await statusAs(anonymous, policy.id)).interpretationStatus).toBe('LATE');
    expect(await missingAs(fx.reviewer)).not.toContain(policy.id);
  });

  it('3 working days skip the National Day holiday (checked against the bundled official calendar)', async () => {
    const before = new Date('2026-09-30T16:00:00+08:00');
    const due = await endOfWorkingDaysAfter(prisma(), before, 3, 'Asia/Shanghai');
    const expected = addWorkingDays('2026-09-30', 3);
    expect(expected > '2026-10-07').toBe(true);
    expect(due.toISOString()).toBe(endOfShanghaiDay(expected).toISOString());
  });

  it('media forms need their medium attached; links only to visible, current policies; the interpreting unit must be the caller\'s', async () => {
    const policy = await policyIn('PUBLISHED');
    expect(await run(fx.editor, 'create', interpretationInput([policy.id], { form: 'VIDEO' }))).toMatchObject({ __typename: 'InputError', field: 'attachments' });
    const video = { ...GOOD_ATTACHMENT, name: '解读视频.mp4', mimeType: 'video/mp4' };
    expect((await ok(fx.editor, 'create', interpretationInput([policy.id], { form: 'VIDEO', attachments: [video] }))).attachments).toEqual([{ name: '解读视频.mp4', mimeType: 'video/mp4' }]);
    // Another township's draft policy answers like an unknown one.
    const otherDraft = await prisma().release.findFirstOrThrow({ where: { status: 'DRAFT', publisher: { code: fx.otherTownship.code } }, select: { id: true } });
    const otherGid = Buffer.from(`Release:${otherDraft.id}`).toString('base64url');
    expect(await run(fx.editor, 'create', interpretationInput([otherGid]))).toMatchObject({ __typename: 'NotFoundError', what: 'release' });
    expect(await run(fx.editor, 'create', interpretationInput([]))).toMatchObject({ __typename: 'InputError', field: 'policyIds' });
    expect(await run(fx.otherEditor, 'create', interpretationInput([policy.id]))).toMatchObject({ __typename: 'NotFoundError', what: 'org unit' });
    expect(await run(fx.otherEditor, 'create', interpretationInput([policy.id], { interpretingOrgId: fx.otherTownship.id }))).toMatchObject({ __typename: 'InterpretationPayload' });
    const res = await call(service, anonymous, M.create, { input: interpretationInput([policy.id]) });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('the deadline is a setting of the county (INTERPRETATION_DUE_WORKING_DAYS)', async () => {
    const five = await startTestService({ env: { INTERPRETATION_DUE_WORKING_DAYS: '5' } });
    try {
      const f = await fixture(five);
      const matter = await matterByCode(five, 'AFFORDABLE_HOUSING.01.02');
      let r = await mutateOk(five, f.editor, 'create', draftInput(f, { matterId: matter.id }));
      await mutateOk(five, f.editor, 'submit', { id: r.id });
      await mutateOk(five, f.reviewer, 'approve', { id: r.id });
      r = await mutateOk(five, f.reviewer, 'publish', { id: r.id });
      const row = await five.service.db.prisma.release.findUniqueOrThrow({ where: { id: uuidOf(r.id) } });
      expect(row.interpretationDueAt?.toISOString()).toBe(endOfShanghaiDay(addWorkingDays(shanghaiDay(r.firstPublishedAt), 5)).toISOString());
    } finally {
      await five.stop();
    }
  });
});
