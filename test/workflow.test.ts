// The editorial workflow through GraphQL, role by role, on the real service over HTTP: an
// editor of 张八岭镇 drafts, edits and submits; its reviewer rejects, approves, publishes,
// corrects, withdraws and repeals; outsiders (三界镇), the auditor, anonymous readers and
// channels see and may do exactly what the issue says. Expected values come from the issue and
// from independent computations (seed data, chinese-days), never from the code under test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, call, callData, createChannelWithKey, unknownGid, withoutRequestIds, type Caller, type ChannelWithKey } from './actors.js';
import { databaseLabel, startTestService, type TestService } from './harness.js';
import {
  GOOD_ATTACHMENT,
  PUBLIC_RELEASE_FIELDS,
  STATES,
  addWorkingDays,
  draftInput,
  endOfShanghaiDay,
  fixture,
  lastSerial,
  mutate,
  mutateOk,
  observeUntilPublic,
  releaseIn,
  releaseJobs,
  revisionsOf,
  shanghaiDay,
  shanghaiDayPlus,
  shanghaiMonth,
  sleepMs,
  uuidOf,
  type Any,
  type Fixture,
  type State,
} from './workflow-helpers.js';

let service: TestService;
let fx: Fixture;
let website: ChannelWithKey;
let kiosk: ChannelWithKey;

beforeAll(async () => {
  service = await startTestService();
  fx = await fixture(service);
  website = await createChannelWithKey(service, fx.admin, 'WEBSITE');
  kiosk = await createChannelWithKey(service, fx.admin, 'KIOSK');
});

afterAll(async () => {
  await service?.stop();
});

const prisma = () => service.service.db.prisma;

/** The release as `caller` gets it through node(id) (null when not visible). */
async function nodeAs(caller: Caller, id: string, fields = PUBLIC_RELEASE_FIELDS): Promise<Any> {
  const data = await callData(service, caller, `query($id: ID!) { node(id: $id) { __typename ... on Release { ${fields} } } }`, { id });
  return data.node;
}

function expectTransitionError(result: Any, action: string, currentStatus: string, reason: 'STATE' | 'ROLE') {
  expect(result, JSON.stringify(result)).toMatchObject({ __typename: 'InvalidTransitionError', code: 'INVALID_TRANSITION', action, currentStatus, reason });
  // The message names the current state.
  expect(result.message).toContain(currentStatus);
}

// The body an editor pastes: visible text plus script, an event handler and a javascript: link.
const PASTED_BODY =
  '<h2>发放说明</h2><p onclick="steal()">本次发放征地补偿费用共计<strong>128.6万元</strong>。<script>alert(document.cookie)</script></p>' +
  '<p><a href="javascript:alert(1)">查看明细</a></p>';

describe(`the lifecycle, role by role (${databaseLabel})`, () => {
  let id: string;
  let formedAt: Date;
  const titles: string[] = [];

  it('an editor of the township drafts a release: DRAFT, version 1, dueAt 20 working days after 信息形成, body stored sanitized', async () => {
    formedAt = new Date();
    const input = draftInput(fx, { bodyHtml: PASTED_BODY, formedAt: formedAt.toISOString(), attachments: [GOOD_ATTACHMENT] });
    titles.push(input.title as string);
    const r = await mutateOk(service, fx.editor, 'create', input);
    id = r.id;
    expect(r).toMatchObject({ status: 'DRAFT', version: 1, indexNo: null, publishedAt: null, publishedOnTime: null, title: input.title });
    expect(r.publisher).toEqual({ id: fx.township.id, code: fx.township.code });
    expect(r.matter.code).toBe(fx.matter.code);
    // 征地补偿费用发放明细: 20 working days, counted from the day after formation, ending 23:59:59.999 +08:00.
    expect(Date.parse(r.dueAt)).toBe(endOfShanghaiDay(addWorkingDays(shanghaiDay(formedAt), 20)).getTime());
    for (const bad of ['<script', 'alert', 'onclick', 'steal', 'javascript:']) expect(r.bodyHtml).not.toContain(bad);
    expect(r.bodyHtml).toContain('<strong>128.6万元</strong>');
    expect(r.bodyHtml).toContain('<h2>发放说明</h2>');
    expect(r.bodyText).toBe('发放说明\n本次发放征地补偿费用共计128.6万元。\n查看明细');
    expect(r.summary).toBe('发放说明 本次发放征地补偿费用共计128.6万元。 查看明细');
    const stored = await prisma().release.findUniqueOrThrow({ where: { id: uuidOf(id) } });
    expect(stored.bodyHtml).toBe(r.bodyHtml);
    const revisions = await revisionsOf(service, fx.editor, id);
    expect(revisions.map((v) => [v.number, v.kind, v.status, v.authorName])).toEqual([[1, 'MAJOR', 'DRAFT', '张八岭镇编辑']]);
  });

  it('the editor saves an edit with the current version: version 2, a MINOR revision with change note and author', async () => {
    const title = `${titles[0]}（修改）`;
    titles.push(title);
    const r = await mutateOk(service, fx.editor, 'update', { id, expectedVersion: 1, title, changeNote: '修改标题' });
    expect(r).toMatchObject({ status: 'DRAFT', version: 2, title });
    const revisions = await revisionsOf(service, fx.editor, id);
    expect(revisions.map((v) => [v.number, v.kind, v.status, v.changeNote, v.authorName, v.content.title])).toEqual([
      [2, 'MINOR', 'DRAFT', '修改标题', '张八岭镇编辑', title],
      [1, 'MAJOR', 'DRAFT', '创建草稿', '张八岭镇编辑', titles[0]],
    ]);
  });

  it('a stale expectedVersion is a VersionConflictError carrying the current version, and nothing is saved', async () => {
    const before = await prisma().release.findUniqueOrThrow({ where: { id: uuidOf(id) } });
    const result = await mutate(service, fx.editor, 'update', { id, expectedVersion: 1, title: '不应保存的标题' });
    expect(result).toMatchObject({ __typename: 'VersionConflictError', code: 'VERSION_CONFLICT', expectedVersion: 1, currentVersion: 2 });
    const after = await prisma().release.findUniqueOrThrow({ where: { id: uuidOf(id) } });
    expect(after.title).toBe(before.title);
    expect(after.version).toBe(2);
    expect(await prisma().revision.count({ where: { releaseId: uuidOf(id) } })).toBe(2);
  });

  it('the editor submits it; the editor may not approve it (ROLE, naming IN_REVIEW) nor publish it (the state refuses first)', async () => {
    const r = await mutateOk(service, fx.editor, 'submit', { id, comment: '请审核' });
    expect(r).toMatchObject({ status: 'IN_REVIEW', version: 3 });
    expectTransitionError(await mutate(service, fx.editor, 'approve', { id }), 'APPROVE', 'IN_REVIEW', 'ROLE');
    // Publication is not a step from IN_REVIEW for anybody: the state answers before the role.
    expectTransitionError(await mutate(service, fx.editor, 'publish', { id }), 'PUBLISH', 'IN_REVIEW', 'STATE');
    expect((await prisma().release.findUniqueOrThrow({ where: { id: uuidOf(id) } })).status).toBe('IN_REVIEW');
  });

  it('the reviewer sends it back only with a comment: blank → InputError, missing → rejected by the schema, given → DRAFT with the comment as a review note', async () => {
    const blank = await mutate(service, fx.reviewer, 'reject', { id, comment: '   ' });
    expect(blank).toMatchObject({ __typename: 'InputError', code: 'INVALID_INPUT', field: 'comment' });
    const missing = await call(service, fx.reviewer, `mutation($id: ID!) { rejectRelease(input: { id: $id }) { __typename } }`, { id });
    expect(missing.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await prisma().release.findUniqueOrThrow({ where: { id: uuidOf(id) } })).status).toBe('IN_REVIEW');

    const r = await mutateOk(service, fx.reviewer, 'reject', { id, comment: '请补充发放对象名单' });
    expect(r).toMatchObject({ status: 'DRAFT', version: 4 });
    const notes = (await callData(service, fx.editor, `query($id: ID!) { node(id: $id) { ... on Release { reviewNotes { action fromStatus toStatus comment authorName } } } }`, { id })).node.reviewNotes;
    expect(notes).toEqual([
      { action: 'SUBMIT', fromStatus: 'DRAFT', toStatus: 'IN_REVIEW', comment: '请审核', authorName: '张八岭镇编辑' },
      { action: 'REJECT', fromStatus: 'IN_REVIEW', toStatus: 'DRAFT', comment: '请补充发放对象名单', authorName: '张八岭镇审核员' },
    ]);
  });

  it('resubmitted and approved by the reviewer; the editor may not publish an APPROVED release (ROLE)', async () => {
    await mutateOk(service, fx.editor, 'submit', { id });
    const r = await mutateOk(service, fx.reviewer, 'approve', { id, comment: '同意发布' });
    expect(r).toMatchObject({ status: 'APPROVED', version: 6, indexNo: null });
    expectTransitionError(await mutate(service, fx.editor, 'publish', { id }), 'PUBLISH', 'APPROVED', 'ROLE');
    expectTransitionError(await mutate(service, fx.editor, 'publish', { id, publishAt: new Date(Date.now() + 86_400_000).toISOString() }), 'SCHEDULE', 'APPROVED', 'ROLE');
  });

  it('the reviewer publishes now: PUBLISHED, 索引号 <township code>/<this month in Shanghai>-<next serial>, on time, public everywhere', async () => {
    const year = Number(shanghaiDay(new Date()).slice(0, 4));
    const serialBefore = await lastSerial(service, fx.township.uuid, year);
    const before = Date.now();
    const r = await mutateOk(service, fx.reviewer, 'publish', { id });
    expect(r.status).toBe('PUBLISHED');
    expect(r.version).toBe(7);
    expect(r.indexNo).toBe(`${fx.township.code}/${shanghaiMonth(r.publishedAt)}-${String(serialBefore + 1).padStart(5, '0')}`);
    expect(r.indexNo).toMatch(/^[0-9A-Z]{18}\/\d{6}-\d{5}$/);
    expect(shanghaiMonth(r.publishedAt)).toBe(shanghaiMonth(new Date()));
    expect(Date.parse(r.publishedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(r.firstPublishedAt).toBe(r.publishedAt);
    expect(r.publishedOnTime).toBe(true);
    expect(Date.parse(r.publishedAt)).toBeLessThanOrEqual(Date.parse(r.dueAt));

    const pub = await nodeAs(anonymous, id);
    expect(pub).toMatchObject({ status: 'PUBLISHED', indexNo: r.indexNo, publishedOnTime: true, bodyHtml: r.bodyHtml, attachments: [GOOD_ATTACHMENT] });
    const byIndex = await callData(service, anonymous, `query($n: String!) { releaseByIndexNo(indexNo: $n) { id } }`, { n: r.indexNo });
    expect(byIndex.releaseByIndexNo.id).toBe(id);
    const listed = await callData(service, anonymous, `query($s: String!) { releases(filter: { search: $s }) { totalCount edges { node { id } } } }`, { s: r.indexNo });
    expect(listed.releases.edges.map((e: Any) => e.node.id)).toEqual([id]);
    const viaMatter = await callData(service, anonymous, `query($m: ID!) { node(id: $m) { ... on Matter { releases(first: 100) { edges { node { id } } } } } }`, { m: fx.matter.id });
    expect(viaMatter.node.releases.edges.map((e: Any) => e.node.id)).toContain(id);
    // A channel of a targeted kind (WEBSITE) sees it; one of another kind (KIOSK) does not.
    expect((await nodeAs(website, id))?.id).toBe(id);
    expect(await nodeAs(kiosk, id)).toBeNull();
  });

  it('a published release: the editor may not correct it (ROLE); a MAJOR correction needs a change note; with one, a new public edition', async () => {
    expectTransitionError(await mutate(service, fx.editor, 'update', { id, expectedVersion: 7, title: '编辑擅改' }), 'UPDATE', 'PUBLISHED', 'ROLE');
    const noNote = await mutate(service, fx.reviewer, 'update', { id, expectedVersion: 7, title: '更正后的标题', revisionKind: 'MAJOR' });
    expect(noNote).toMatchObject({ __typename: 'InputError', field: 'changeNote' });
    // MAJOR is the default for a published release: still refused without a note.
    const defaultKind = await mutate(service, fx.reviewer, 'update', { id, expectedVersion: 7, title: '更正后的标题' });
    expect(defaultKind).toMatchObject({ __typename: 'InputError', field: 'changeNote' });
    expect((await prisma().release.findUniqueOrThrow({ where: { id: uuidOf(id) } })).version).toBe(7);

    const title = `${titles[1]}（更正）`;
    titles.push(title);
    const r = await mutateOk(service, fx.reviewer, 'update', { id, expectedVersion: 7, title, revisionKind: 'MAJOR', changeNote: '更正发放金额' });
    expect(r).toMatchObject({ status: 'PUBLISHED', version: 8, title });
    const pub = await nodeAs(anonymous, id, `${PUBLIC_RELEASE_FIELDS} revisions { number kind status changeNote content { title } }`);
    expect(pub.title).toBe(title);
    expect(pub.revisions[0]).toMatchObject({ kind: 'MAJOR', status: 'PUBLISHED', changeNote: '更正发放金额', content: { title } });
  });

  it('revisions and review notes by viewer: anonymous sees published editions only; the owning unit sees all with comments; another township only published ones and no notes', async () => {
    const FIELDS = `revisions { id number status changeNote content { title } }`;
    const all = await revisionsOf(service, fx.editor, id);
    // create, edit, publication, correction; drafts and review states in between are not saved as editions.
    expect(all.map((v) => [v.number, v.status])).toEqual([
      [4, 'PUBLISHED'],
      [3, 'PUBLISHED'],
      [2, 'DRAFT'],
      [1, 'DRAFT'],
    ]);
    const publicRevisions = (await nodeAs(anonymous, id, FIELDS)).revisions;
    expect(publicRevisions.map((v: Any) => v.number)).toEqual([4, 3]);
    expect(publicRevisions.every((v: Any) => v.status === 'PUBLISHED')).toBe(true);
    // The draft titles never reach the public.
    expect(publicRevisions.map((v: Any) => v.content.title)).toEqual([titles[2], titles[1]]);

    const outsider = await callData(service, fx.otherEditor, `query($id: ID!) { node(id: $id) { ... on Release { ${FIELDS} reviewNotes { comment } } } }`, { id });
    expect(outsider.node.revisions.map((v: Any) => v.number)).toEqual([4, 3]);
    expect(outsider.node.reviewNotes ?? []).toEqual([]);

    const owner = await callData(service, fx.editor, `query($id: ID!) { node(id: $id) { ... on Release { reviewNotes { action comment } } } }`, { id });
    expect(owner.node.reviewNotes.map((n: Any) => n.action)).toEqual(['SUBMIT', 'REJECT', 'SUBMIT', 'APPROVE', 'PUBLISH']);
    expect(owner.node.reviewNotes.find((n: Any) => n.action === 'REJECT').comment).toBe('请补充发放对象名单');

    // Anonymous callers may not ask for review notes at all.
    const anon = await call(service, anonymous, `query($id: ID!) { node(id: $id) { ... on Release { reviewNotes { comment } } } }`, { id });
    expect(anon.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(anon.text).not.toContain('请补充发放对象名单');
    // A draft edition fetched by its own id is as unknown to anonymous callers and outsiders.
    const draftRevision = all.find((v) => v.number === 1)!;
    for (const who of [anonymous, website, fx.otherEditor]) {
      const res = await callData(service, who, `query($id: ID!) { node(id: $id) { id } }`, { id: draftRevision.id });
      expect(res.node, who.label).toBeNull();
    }
    expect((await callData(service, fx.editor, `query($id: ID!) { node(id: $id) { id } }`, { id: draftRevision.id })).node.id).toBe(draftRevision.id);
  });

  it('withdrawal needs a reason; a withdrawn release stays a public notice (status, reason, 索引号) without body, summary or attachments — except for its own unit', async () => {
    const blank = await mutate(service, fx.reviewer, 'withdraw', { id, reason: ' ' });
    expect(blank).toMatchObject({ __typename: 'InputError', field: 'reason' });
    expect((await prisma().release.findUniqueOrThrow({ where: { id: uuidOf(id) } })).status).toBe('PUBLISHED');

    const r = await mutateOk(service, fx.reviewer, 'withdraw', { id, reason: '发放名单有误，撤回核实' });
    expect(r).toMatchObject({ status: 'WITHDRAWN', withdrawalReason: '发放名单有误，撤回核实' });
    expect(r.bodyHtml).toContain('128.6万元');

    for (const who of [anonymous, website]) {
      const notice = await nodeAs(who, id, `${PUBLIC_RELEASE_FIELDS} revisions { status content { bodyHtml } }`);
      expect(notice, who.label).toMatchObject({
        id,
        status: 'WITHDRAWN',
        withdrawalReason: '发放名单有误，撤回核实',
        indexNo: r.indexNo,
        title: r.title,
        bodyHtml: '',
        bodyText: '',
        summary: '',
        attachments: [],
      });
      expect(notice.withdrawnAt, who.label).not.toBeNull();
      // Old editions do not leak the body either.
      expect(notice.revisions.length, who.label).toBeGreaterThan(0);
      expect(notice.revisions.every((v: Any) => v.content === null), who.label).toBe(true);
      expect(JSON.stringify(notice), who.label).not.toContain('128.6万元');
    }
    // The default list drops it; includeWithdrawn shows the notice, still without body.
    const list = async (who: Caller, includeWithdrawn: boolean) =>
      (await callData(service, who, `query($s: String!, $w: Boolean) { releases(filter: { search: $s, includeWithdrawn: $w }) { edges { node { id status bodyHtml } } } }`, { s: r.indexNo, w: includeWithdrawn })).releases.edges.map((e: Any) => e.node);
    expect(await list(anonymous, false)).toEqual([]);
    expect(await list(anonymous, true)).toEqual([{ id, status: 'WITHDRAWN', bodyHtml: '' }]);
    expect(await list(website, true)).toEqual([{ id, status: 'WITHDRAWN', bodyHtml: '' }]);
    // Its own unit still reads the body; another township does not.
    expect((await nodeAs(fx.reviewer, id)).bodyHtml).toContain('128.6万元');
    expect((await nodeAs(fx.otherEditor, id)).bodyHtml).toBe('');
  });
});

describe('repeal (废止)', () => {
  it('with today\'s date: REPEALED at once, still listed by releases (marked 废止) unless excluded', async () => {
    const published = await releaseIn(fx, 'PUBLISHED');
    const today = shanghaiDay(new Date());
    const r = await mutateOk(service, fx.reviewer, 'repeal', { id: published.id, repealedAt: today, reason: '政策调整' });
    expect(r).toMatchObject({ status: 'REPEALED', repealedAt: today, indexNo: published.indexNo });
    const list = async (filter: Record<string, unknown>) =>
      (await callData(service, anonymous, `query($f: ReleaseFilter) { releases(filter: $f) { edges { node { id status repealedAt bodyHtml } } } }`, { f: filter })).releases.edges.map((e: Any) => e.node);
    expect(await list({ search: published.indexNo })).toEqual([{ id: published.id, status: 'REPEALED', repealedAt: today, bodyHtml: published.bodyHtml }]);
    expect(await list({ search: published.indexNo, includeRepealed: false })).toEqual([]);
    expect(await releaseJobs(service, uuidOf(published.id))).toEqual([]);
  });

  it('with a future date: stays PUBLISHED with repealedAt recorded and a repeal job pending for 00:00 that day', async () => {
    const published = await releaseIn(fx, 'PUBLISHED');
    const day = shanghaiDayPlus(10);
    const r = await mutateOk(service, fx.reviewer, 'repeal', { id: published.id, repealedAt: day });
    expect(r).toMatchObject({ status: 'PUBLISHED', repealedAt: day });
    const jobs = await releaseJobs(service, uuidOf(published.id));
    expect(jobs.map((j) => [j.task_identifier, j.run_at.toISOString()])).toEqual([['repeal_release', new Date(`${day}T00:00:00+08:00`).toISOString()]]);
    expect((await nodeAs(anonymous, published.id)).status).toBe('PUBLISHED');
  });
});

describe('deleteDraft and restoreRevision', () => {
  it('deletes a draft (gone for its own editor too) but not a published release', async () => {
    const draft = await releaseIn(fx, 'DRAFT');
    const result = await mutate(service, fx.editor, 'deleteDraft', { id: draft.id });
    expect(result).toEqual({ __typename: 'DeleteDraftPayload', deletedReleaseId: draft.id });
    expect(await prisma().release.findUnique({ where: { id: uuidOf(draft.id) } })).toBeNull();
    expect(await nodeAs(fx.editor, draft.id)).toBeNull();

    const published = await releaseIn(fx, 'PUBLISHED');
    expectTransitionError(await mutate(service, fx.reviewer, 'deleteDraft', { id: published.id }), 'DELETE', 'PUBLISHED', 'STATE');
    expect(await prisma().release.findUnique({ where: { id: uuidOf(published.id) } })).not.toBeNull();
  });

  it('restoring a revision of a draft puts that content back into the draft as a new revision', async () => {
    const draft = await releaseIn(fx, 'DRAFT', { bodyHtml: '<p>第一版正文</p>' });
    await mutateOk(service, fx.editor, 'update', { id: draft.id, expectedVersion: 1, title: '第二版标题', bodyHtml: '<p>第二版正文</p>' });
    const first = (await revisionsOf(service, fx.editor, draft.id)).find((v) => v.number === 1)!;
    const stale = await mutate(service, fx.editor, 'restore', { revisionId: first.id, expectedVersion: 1 });
    expect(stale).toMatchObject({ __typename: 'VersionConflictError', currentVersion: 2 });

    const r = await mutateOk(service, fx.editor, 'restore', { revisionId: first.id, expectedVersion: 2 });
    expect(r).toMatchObject({ id: draft.id, status: 'DRAFT', version: 3, title: draft.title, bodyHtml: '<p>第一版正文</p>' });
    const revisions = await revisionsOf(service, fx.editor, draft.id);
    expect(revisions.map((v) => v.number)).toEqual([3, 2, 1]);
    expect(revisions[0]).toMatchObject({ status: 'DRAFT', content: { title: draft.title, bodyHtml: '<p>第一版正文</p>' } });
    expect(revisions[0].changeNote).toContain('1');
  });

  // A revision's snapshot is built by PostgreSQL from the row; restoring it must give back every
  // content field exactly as it was saved (dates, lists, JSON and hand-written summary included).
  it('restoring a revision gives back every content field exactly', async () => {
    const CONTENT = 'title docNo stage topic genre keywords summary bodyHtml attachments { name size mimeType sha256 url } targetChannels issuedAt effectiveAt formedAt matter { id }';
    const contentOf = async (id: string) => (await callData(service, fx.editor, `query($id: ID!) { node(id: $id) { ... on Release { ${CONTENT} } } }`, { id })).node;
    const draft = await releaseIn(fx, 'DRAFT', {
      docNo: '明政〔2026〕7号',
      summary: '手写的内容概述',
      keywords: ['征地', '补偿', '"引号"'],
      attachments: [GOOD_ATTACHMENT, { ...GOOD_ATTACHMENT, name: '第二个附件.pdf', size: 1 }],
      targetChannels: ['WEBSITE', 'MINI_PROGRAM', 'KIOSK'],
      issuedAt: '2026-03-01',
      effectiveAt: '2026-04-01',
      formedAt: '2026-02-27T23:30:05.123+08:00',
      bodyHtml: '<p>第一版 &amp; "正文" &lt;x&gt;</p>',
    });
    const original = await contentOf(draft.id);
    expect(original).toMatchObject({ issuedAt: '2026-03-01', effectiveAt: '2026-04-01', formedAt: '2026-02-27T23:30:05.123+08:00', summary: '手写的内容概述' });
    await mutateOk(service, fx.editor, 'update', {
      id: draft.id, expectedVersion: 1, title: '第二版标题', docNo: null, topic: null, genre: '通知', keywords: [], summary: null, attachments: [],
      targetChannels: ['WEBSITE'], issuedAt: null, effectiveAt: null, formedAt: '2026-05-01T08:00:00+08:00', bodyHtml: '<p>第二版</p>',
    });
    const first = (await revisionsOf(service, fx.editor, draft.id)).find((v) => v.number === 1)!;
    await mutateOk(service, fx.editor, 'restore', { revisionId: first.id, expectedVersion: 2 });
    expect(await contentOf(draft.id)).toEqual(original);
  });

  // The deadline follows a restored formation date until first publication fixes it.
  it('restoring a revision brings back its formation date AND the deadline that follows from it', async () => {
    const draft = await releaseIn(fx, 'DRAFT', { formedAt: '2026-09-28T10:00:00+08:00' });
    expect(draft.dueAt).toBe('2026-10-30T23:59:59.999+08:00');
    const moved = await mutateOk(service, fx.editor, 'update', { id: draft.id, expectedVersion: 1, formedAt: '2026-02-10T09:00:00+08:00' });
    expect(moved.dueAt).toBe('2026-03-16T23:59:59.999+08:00');
    const first = (await revisionsOf(service, fx.editor, draft.id)).find((v) => v.number === 1)!;
    const r = await mutateOk(service, fx.editor, 'restore', { revisionId: first.id, expectedVersion: 2 });
    expect(r.formedAt).toBe('2026-09-28T10:00:00.000+08:00');
    expect(r.dueAt).toBe('2026-10-30T23:59:59.999+08:00');
  });

  it('restoring a revision of a published release creates a NEW draft release; the published one is untouched and the draft is not public', async () => {
    const published = await releaseIn(fx, 'PUBLISHED', { bodyHtml: '<p>原始正文</p>' });
    await mutateOk(service, fx.reviewer, 'update', { id: published.id, expectedVersion: published.version, bodyHtml: '<p>更正正文</p>', changeNote: '更正' });
    const original = (await revisionsOf(service, fx.editor, published.id)).find((v) => v.number === 1)!;
    const before = await prisma().release.findUniqueOrThrow({ where: { id: uuidOf(published.id) } });

    const r = await mutateOk(service, fx.editor, 'restore', { revisionId: original.id });
    expect(r.id).not.toBe(published.id);
    expect(r).toMatchObject({ status: 'DRAFT', version: 1, indexNo: null, title: published.title, bodyHtml: '<p>原始正文</p>' });
    expect(r.publisher.id).toBe(fx.township.id);
    expect(r.matter.id).toBe(fx.matter.id);
    const after = await prisma().release.findUniqueOrThrow({ where: { id: uuidOf(published.id) } });
    expect(after).toEqual(before);
    expect(await nodeAs(anonymous, r.id)).toBeNull();
    expect(await nodeAs(website, r.id)).toBeNull();
  });
});

// ---- the state machine, table-driven --------------------------------------------------------------

type Action = 'UPDATE' | 'SUBMIT' | 'APPROVE' | 'REJECT' | 'PUBLISH' | 'SCHEDULE' | 'UNSCHEDULE' | 'WITHDRAW' | 'REPEAL' | 'DELETE' | 'RESTORE';
const ACTIONS: Action[] = ['UPDATE', 'SUBMIT', 'APPROVE', 'REJECT', 'PUBLISH', 'SCHEDULE', 'UNSCHEDULE', 'WITHDRAW', 'REPEAL', 'DELETE', 'RESTORE'];

/** The transitions the issue defines (DRAFT → IN_REVIEW → APPROVED → SCHEDULED/PUBLISHED → WITHDRAWN/REPEALED). */
const ALLOWED: Record<State, Action[]> = {
  DRAFT: ['UPDATE', 'SUBMIT', 'DELETE', 'RESTORE'],
  IN_REVIEW: ['APPROVE', 'REJECT'],
  APPROVED: ['REJECT', 'PUBLISH', 'SCHEDULE'],
  SCHEDULED: ['UNSCHEDULE'],
  PUBLISHED: ['UPDATE', 'WITHDRAW', 'REPEAL', 'RESTORE'],
  WITHDRAWN: ['RESTORE'],
  REPEALED: ['RESTORE'],
};

/** Sends `action` for the release as `caller`; returns the result union member. */
async function attempt(caller: Caller, action: Action, release: { id: string; version: number }, revisionId: string): Promise<Any> {
  const id = release.id;
  switch (action) {
    case 'UPDATE':
      return mutate(service, caller, 'update', { id, expectedVersion: release.version, title: '非法修改', changeNote: '非法修改' });
    case 'SUBMIT':
      return mutate(service, caller, 'submit', { id });
    case 'APPROVE':
      return mutate(service, caller, 'approve', { id });
    case 'REJECT':
      return mutate(service, caller, 'reject', { id, comment: '退回' });
    case 'PUBLISH':
      return mutate(service, caller, 'publish', { id });
    case 'SCHEDULE':
      return mutate(service, caller, 'publish', { id, publishAt: new Date(Date.now() + 3 * 86_400_000).toISOString() });
    case 'UNSCHEDULE':
      return mutate(service, caller, 'unschedule', { id });
    case 'WITHDRAW':
      return mutate(service, caller, 'withdraw', { id, reason: '撤回' });
    case 'REPEAL':
      return mutate(service, caller, 'repeal', { id, repealedAt: shanghaiDay(new Date()) });
    case 'DELETE':
      return mutate(service, caller, 'deleteDraft', { id });
    case 'RESTORE':
      return mutate(service, caller, 'restore', { revisionId });
  }
}

describe('the state machine refuses every transition it does not define, naming the current state', () => {
  const byState = new Map<State, { release: Any; revisionId: string }>();

  beforeAll(async () => {
    for (const state of STATES) {
      const release = await releaseIn(fx, state);
      const revisions = await revisionsOf(service, fx.editor, release.id);
      byState.set(state, { release, revisionId: revisions.at(-1).id });
    }
  });

  it.each(STATES)('from %s', async (state) => {
    const { release, revisionId } = byState.get(state)!;
    expect(release.status).toBe(state);
    const before = await prisma().release.findUniqueOrThrow({ where: { id: uuidOf(release.id) } });
    const refused = ACTIONS.filter((a) => !ALLOWED[state].includes(a));
    expect(refused.length).toBeGreaterThan(0);
    for (const action of refused) {
      // The reviewer holds every workflow role that matters on the unit: only the state can refuse.
      const result = await attempt(fx.reviewer, action, release, revisionId);
      expect(result, `${action} from ${state}`).toMatchObject({ __typename: 'InvalidTransitionError', action, currentStatus: state, reason: 'STATE' });
    }
    const after = await prisma().release.findUniqueOrThrow({ where: { id: uuidOf(release.id) } });
    expect(after).toEqual(before);
  });
});

// ---- access: another township, the auditor ------------------------------------------------------------

describe('access by outsiders and the auditor', () => {
  const byState = new Map<State, { release: Any; revisionId: string }>();

  beforeAll(async () => {
    for (const state of STATES) {
      const release = await releaseIn(fx, state);
      const revisions = await revisionsOf(service, fx.editor, release.id);
      byState.set(state, { release, revisionId: revisions.at(-1).id });
    }
  });

  it('an editor or reviewer of another township gets NotFoundError for every action on this township\'s releases in every state — the very answer for an unknown id', async () => {
    const unknown = { id: unknownGid('Release'), version: 1 };
    for (const state of STATES) {
      const { release } = byState.get(state)!;
      const before = await prisma().release.findUniqueOrThrow({ where: { id: uuidOf(release.id) } });
      // Every action, allowed in this state or not: an outsider learns nothing, not even the state.
      for (const action of ACTIONS.filter((a) => a !== 'RESTORE')) {
        for (const outsider of [fx.otherEditor, fx.otherReviewer]) {
          const result = await attempt(outsider, action, release, '');
          expect(result, `${outsider.label} ${action} on ${state}`).toMatchObject({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
          const forUnknown = await attempt(outsider, action, unknown, '');
          expect(withoutRequestIds(result), `${outsider.label} ${action} on ${state}`).toEqual(withoutRequestIds(forUnknown));
        }
      }
      expect(await prisma().release.findUniqueOrThrow({ where: { id: uuidOf(release.id) } })).toEqual(before);
    }
  });

  it('restoreRevision of another township\'s revision is NotFoundError', async () => {
    for (const state of ['DRAFT', 'PUBLISHED'] as const) {
      const { revisionId } = byState.get(state)!;
      const result = await mutate(service, fx.otherEditor, 'restore', { revisionId });
      expect(result, state).toMatchObject({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
    }
  });

  // An outsider cannot tell that a revision id exists.
  it('restoreRevision answers a foreign revision exactly as an unknown revision id', async () => {
    const { revisionId } = byState.get('PUBLISHED')!;
    const foreign = await mutate(service, fx.otherEditor, 'restore', { revisionId });
    const unknown = await mutate(service, fx.otherEditor, 'restore', { revisionId: unknownGid('Revision') });
    expect(unknown).toMatchObject({ __typename: 'NotFoundError' });
    expect(withoutRequestIds(foreign)).toEqual(withoutRequestIds(unknown));
  });

  it('an outsider cannot draft for this township (NotFoundError for the unit) and nothing is created', async () => {
    const before = await prisma().release.count();
    const result = await mutate(service, fx.otherEditor, 'create', draftInput(fx));
    expect(result).toMatchObject({ __typename: 'NotFoundError', what: 'org unit' });
    expect(await prisma().release.count()).toBe(before);
  });

  it('the auditor reads drafts but every workflow action on them is InvalidTransitionError with reason ROLE; drafting is NotFoundError', async () => {
    for (const state of STATES) {
      const { release, revisionId } = byState.get(state)!;
      expect((await nodeAs(fx.auditor, release.id))?.status, state).toBe(state);
      for (const action of ALLOWED[state]) {
        const result = await attempt(fx.auditor, action, release, revisionId);
        expect(result, `auditor ${action} on ${state}`).toMatchObject({ __typename: 'InvalidTransitionError', action, currentStatus: state, reason: 'ROLE' });
      }
    }
    const created = await mutate(service, fx.auditor, 'create', draftInput(fx));
    expect(created).toMatchObject({ __typename: 'NotFoundError' });
  });

  it('anonymous callers and channels may not call workflow mutations at all (FORBIDDEN)', async () => {
    const { release } = byState.get('DRAFT')!;
    for (const who of [anonymous, website]) {
      const res = await call(service, who, `mutation($id: ID!) { submitRelease(input: { id: $id }) { __typename } }`, { id: release.id });
      expect(res.errors?.[0]?.extensions?.code, who.label).toBe('FORBIDDEN');
    }
    expect((await prisma().release.findUniqueOrThrow({ where: { id: uuidOf(release.id) } })).status).toBe('DRAFT');
  });
});

// ---- drafts stay private ------------------------------------------------------------------------------------

describe('unpublished releases are invisible to anonymous callers and channels on every path', () => {
  it('releases, totalCount, node, nodes, Matter.releases, search, workspace and revisions never show a draft, a release in review, approved or scheduled', async () => {
    const countsBefore = new Map<string, Any>();
    const COUNTS = `query($m: ID!) { releases { totalCount } node(id: $m) { ... on Matter { releases { totalCount } } } }`;
    for (const who of [anonymous, website]) countsBefore.set(who.label, await callData(service, who, COUNTS, { m: fx.matter.id }));

    const hidden: Any[] = [];
    for (const state of ['DRAFT', 'IN_REVIEW', 'APPROVED', 'SCHEDULED'] as const) hidden.push(await releaseIn(fx, state, { targetChannels: ['WEBSITE'] }));
    const ids = hidden.map((r) => r.id);
    // No 索引号 before publication, so releaseByIndexNo has nothing to find them by.
    expect(hidden.map((r) => r.indexNo)).toEqual([null, null, null, null]);
    const revisionIds: string[] = [];
    for (const r of hidden) revisionIds.push(...(await revisionsOf(service, fx.editor, r.id)).map((v) => v.id));
    expect(revisionIds.length).toBeGreaterThanOrEqual(hidden.length);

    for (const who of [anonymous, website]) {
      expect(await callData(service, who, COUNTS, { m: fx.matter.id }), who.label).toEqual(countsBefore.get(who.label));
      const nodes = await callData(service, who, `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [...ids, ...revisionIds] });
      expect(nodes.nodes, who.label).toEqual([...ids, ...revisionIds].map(() => null));
      for (const r of hidden) {
        expect(await nodeAs(who, r.id), `${who.label} ${r.status}`).toBeNull();
        const search = await callData(service, who, `query($s: String!) { releases(filter: { search: $s, includeWithdrawn: true }) { totalCount edges { node { id } } } }`, { s: r.title });
        expect(search.releases, `${who.label} ${r.status}`).toEqual({ totalCount: 0, edges: [] });
      }
      const viaMatter = await callData(service, who, `query($m: ID!) { node(id: $m) { ... on Matter { releases(first: 100) { edges { node { id } } } } } }`, { m: fx.matter.id });
      expect(viaMatter.node.releases.edges.map((e: Any) => e.node.id).filter((x: string) => ids.includes(x)), who.label).toEqual([]);
      const ws = await call(service, who, `{ workspaceReleases { totalCount } }`);
      expect(ws.errors?.[0]?.extensions?.code, who.label).toBe('FORBIDDEN');
    }
    // Their own unit sees them all.
    const own = await callData(service, fx.editor, `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Release { status } } }`, { ids });
    expect(own.nodes.map((n: Any) => n.status)).toEqual(['DRAFT', 'IN_REVIEW', 'APPROVED', 'SCHEDULED']);
  });
});

// ---- optimistic concurrency -----------------------------------------------------------------------------------

describe('optimistic concurrency', () => {
  it('two writers of the unit save with the same expectedVersion at once: one ReleasePayload, one VersionConflictError with the winner\'s version; the loser\'s content is not saved', async () => {
    for (let round = 0; round < 3; round++) {
      const draft = await releaseIn(fx, 'DRAFT');
      const edits = [
        { caller: fx.editor, title: `编辑的修改 ${round}` },
        { caller: fx.reviewer, title: `审核员的修改 ${round}` },
      ];
      const results = await Promise.all(edits.map((e) => mutate(service, e.caller, 'update', { id: draft.id, expectedVersion: 1, title: e.title, changeNote: e.title })));
      const won = results.filter((r) => r.__typename === 'ReleasePayload');
      const lost = results.filter((r) => r.__typename === 'VersionConflictError');
      expect(won, JSON.stringify(results)).toHaveLength(1);
      expect(lost, JSON.stringify(results)).toHaveLength(1);
      const winner = won[0].release;
      expect(winner.version).toBe(2);
      expect(lost[0]).toMatchObject({ expectedVersion: 1, currentVersion: winner.version });
      const loserTitle = edits.find((e) => e.title !== winner.title)!.title;
      const stored = await prisma().release.findUniqueOrThrow({ where: { id: uuidOf(draft.id) } });
      expect(stored.title).toBe(winner.title);
      expect(stored.version).toBe(2);
      const revisions = await prisma().revision.findMany({ where: { releaseId: uuidOf(draft.id) } });
      expect(revisions).toHaveLength(2);
      expect(JSON.stringify(revisions)).not.toContain(loserTitle);
    }
  });
});

// ---- done when -----------------------------------------------------------------------------------------------------

describe('done when: drafted, approved and scheduled, public at its minute with 索引号 and on time, then withdrawn to a notice', () => {
  // Any publication time ahead is kept: a few seconds ahead is scheduled, not published at once.
  it('a publication scheduled 5 s ahead is SCHEDULED, not public before its time', async () => {
    const approved = await releaseIn(fx, 'APPROVED');
    const publishAt = new Date(Date.now() + 5_000);
    const r = await mutateOk(service, fx.reviewer, 'publish', { id: approved.id, publishAt: publishAt.toISOString() });
    expect(r.status).toBe('SCHEDULED');
    expect(await nodeAs(anonymous, approved.id)).toBeNull();
  });

  it('the whole story over HTTP, with a real wait for the job queue', async () => {
    // An editor of 张八岭镇 drafts a release for a township matter and submits it.
    const input = draftInput(fx, { targetChannels: ['WEBSITE'], bodyHtml: '<p>张八岭镇岭南村征地补偿费用已于本月发放完毕。</p>', attachments: [GOOD_ATTACHMENT] });
    const draft = await mutateOk(service, fx.editor, 'create', input);
    await mutateOk(service, fx.editor, 'submit', { id: draft.id });
    // A reviewer approves and schedules it a few seconds ahead.
    await mutateOk(service, fx.reviewer, 'approve', { id: draft.id });
    const publishAt = new Date(Math.ceil((Date.now() + 6_000) / 1000) * 1000);
    const scheduled = await mutateOk(service, fx.reviewer, 'publish', { id: draft.id, publishAt: publishAt.toISOString() });
    expect(scheduled).toMatchObject({ status: 'SCHEDULED', indexNo: null });
    expect(Date.parse(scheduled.publishAt)).toBe(publishAt.getTime());
    expect(await nodeAs(anonymous, draft.id)).toBeNull();
    expect(await nodeAs(website, draft.id)).toBeNull();

    // Hidden until its time; then it appears by itself for anonymous readers, at the scheduled
    // minute, with 索引号 and on time.
    await sleepMs(Math.max(0, publishAt.getTime() - Date.now() - 5_000));
    const { release: pub, hiddenAnswers } = await observeUntilPublic(() => nodeAs(anonymous, draft.id), publishAt, publishAt.getTime() - Date.now() + 120_000);
    expect(hiddenAnswers).toBeGreaterThan(0);
    expect(pub.status).toBe('PUBLISHED');
    expect(pub.indexNo).toMatch(new RegExp(`^${fx.township.code}/${shanghaiMonth(pub.publishedAt)}-\\d{5}$`));
    expect(pub.publishedOnTime).toBe(true);
    expect(Date.parse(pub.publishedAt)).toBeGreaterThanOrEqual(publishAt.getTime());
    expect(Date.parse(pub.publishedAt)).toBeLessThan(publishAt.getTime() + 60_000);
    expect(pub.bodyHtml).toBe(draft.bodyHtml);
    const notes = await callData(service, fx.reviewer, `query($id: ID!) { node(id: $id) { ... on Release { reviewNotes { action authorName } } } }`, { id: draft.id });
    expect(notes.node.reviewNotes.at(-1)).toEqual({ action: 'PUBLISH', authorName: null });

    // A channel key of the targeted kind sees it.
    const forChannel = await nodeAs(website, draft.id);
    expect(forChannel).toMatchObject({ status: 'PUBLISHED', indexNo: pub.indexNo, bodyHtml: pub.bodyHtml });
    const channelList = await callData(service, website, `query($s: String!) { releases(filter: { search: $s }) { edges { node { id } } } }`, { s: pub.indexNo });
    expect(channelList.releases.edges.map((e: Any) => e.node.id)).toEqual([draft.id]);

    // A withdrawal hides the body from the channel and leaves a withdrawn notice.
    await mutateOk(service, fx.reviewer, 'withdraw', { id: draft.id, reason: '补偿标准调整，重新公示' });
    const notice = await nodeAs(website, draft.id);
    expect(notice).toMatchObject({ status: 'WITHDRAWN', indexNo: pub.indexNo, withdrawalReason: '补偿标准调整，重新公示', bodyHtml: '', bodyText: '', summary: '', attachments: [] });
    expect(notice.title).toBe(input.title);
  }, 240_000);
});

// ---- ids used above are global ids of the right types ---------------------------------------------------

describe('ids', () => {
  it('the fixture ids are the global ids the API itself returns', async () => {
    const data = await callData(service, anonymous, `query($code: String!) { orgUnit(code: $code) { id } }`, { code: fx.township.code });
    expect(data.orgUnit.id).toBe(fx.township.id);
    const matter = await callData(service, anonymous, `query($id: ID!) { node(id: $id) { ... on Matter { code standard { timeLimit { amount unit } } } } }`, { id: fx.matter.id });
    // The township matter the lifecycle uses: 20 working days.
    expect(matter.node).toEqual({ code: 'LAND_EXPROPRIATION.04.03', standard: { timeLimit: { amount: 20, unit: 'WORKING_DAYS' } } });
  });
});
