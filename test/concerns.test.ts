// 回应关切 through GraphQL on the real service: a citizen's question through the mini-program's
// key, answered by the township (editor drafts, reviewer publishes), followed with the access
// code, shown in the public Q&A without personal data; deadlines by kind (working days from the
// bundled calendar, hours for 舆情), transfer and extension, masked and revealed personal data
// (audited), personal data absent from every public path, the outbox and the logs, throttled and
// idempotent submission, and the retention job.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { armFault, disarmFaults } from '../src/faults.js';
import { purgeClosedConcernSubmitters } from '../src/modules/concerns/concern.service.js';
import { anonymous, call, callData, createChannelWithKey, gid, type Caller, type ChannelWithKey } from './actors.js';
import { databaseLabel, startTestService, type TestService } from './harness.js';
import { addWorkingDays, endOfShanghaiDay, fixture, pollUntil, releaseIn, shanghaiDay, uuidOf, type Any, type Fixture } from './workflow-helpers.js';

let service: TestService;
let fx: Fixture;
let miniProgram: ChannelWithKey;
let website: ChannelWithKey;
/** A published release of 张八岭镇: a concern about it goes to the township. */
let townshipRelease: string;

const PHONE = '13912345678';
const NAME = '钱多多';
const EMAIL = 'qian.duoduo@example.cn';

beforeAll(async () => {
  service = await startTestService({ captureLogs: true });
  fx = await fixture(service);
  miniProgram = await createChannelWithKey(service, fx.admin, 'MINI_PROGRAM');
  website = await createChannelWithKey(service, fx.admin, 'WEBSITE');
  // Published for the website and the mini-program: a channel may only name what it can see.
  townshipRelease = (await releaseIn(fx, 'PUBLISHED')).id;
});

afterAll(async () => {
  await service?.stop();
});

afterEach(() => disarmFaults());

const prisma = () => service.service.db.prisma;

const SUBMIT = `mutation($input: SubmitConcernInput!) { submitConcern(input: $input) {
  __typename ... on SubmitConcernPayload { receipt { trackingNo accessCode receivedAt dueAt } }
  ... on InputError { field message } ... on NotFoundError { what } ... on TooManyAttemptsError { retryAfterSeconds } ... on IdempotencyKeyReusedError { code } } }`;
const STATUS = `query($n: String!, $c: String!) { concernStatus(trackingNo: $n, accessCode: $c) { trackingNo kind subject status unit { code } receivedAt dueAt answeredAt answerHtml } }`;
const CONCERN_FIELDS = `id trackingNo kind status subject orgUnit { id code } dueAt answeredAt answeredOnTime extensionDays closedAt publicConsent submitter { name phone email }`;
const RESPONSE_RESULT = `{ __typename ... on ResponsePayload { response { id status version bodyHtml justified } } ... on InputError { field message }
  ... on NotFoundError { what } ... on InvalidTransitionError { action currentStatus reason } }`;
const CONCERN_RESULT = `{ __typename ... on ConcernPayload { concern { ${CONCERN_FIELDS} } } ... on InputError { field message } ... on NotFoundError { what } }`;

let nextAddress = 10;
/** A fresh source address, so one test's submissions do not count against another's. */
const freshAddress = () => `127.0.0.${nextAddress++}`;

function questionInput(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'QUESTION',
    subject: '征地补偿标准咨询',
    content: '请问本次征地的青苗补偿标准是多少？',
    releaseId: townshipRelease,
    contact: { name: NAME, phone: PHONE, email: EMAIL },
    publicConsent: true,
    ...overrides,
  };
}

async function submit(caller: Caller, input: Record<string, unknown>, from = freshAddress()): Promise<Any> {
  const res = await call(service, caller, SUBMIT, { input }, { from });
  if (res.errors?.length) throw new Error(res.text);
  return res.data.submitConcern;
}

async function receiptOf(caller: Caller, input: Record<string, unknown>, from?: string) {
  const r = await submit(caller, input, from);
  if (r.__typename !== 'SubmitConcernPayload') throw new Error(JSON.stringify(r));
  return r.receipt as { trackingNo: string; accessCode: string; receivedAt: string; dueAt: string };
}

async function concernByTracking(trackingNo: string) {
  return prisma().concern.findUniqueOrThrow({ where: { trackingNo } });
}

async function mutation(caller: Caller, name: string, input: Record<string, unknown>, result = RESPONSE_RESULT): Promise<Any> {
  const inputType = `${name[0]!.toUpperCase()}${name.slice(1)}Input`;
  const res = await call(service, caller, `mutation($input: ${inputType}!) { r: ${name}(input: $input) ${result} }`, { input });
  if (res.errors?.length) throw new Error(`${name}: ${res.text}`);
  return res.data.r;
}

describe(`a citizen's question, answered by the township (${databaseLabel})`, () => {
  let receipt: { trackingNo: string; accessCode: string; receivedAt: string; dueAt: string };
  let concernId: string;
  let responseId: string;

  it('the mini-program submits a 咨询 and gets a tracking number and an access code, due in 15 working days', async () => {
    receipt = await receiptOf(miniProgram, questionInput());
    expect(receipt.trackingNo).toMatch(/^GK\d{8}-[2-9A-HJKMNP-Z]{6}$/);
    expect(receipt.accessCode).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
    expect(Date.parse(receipt.dueAt)).toBe(endOfShanghaiDay(addWorkingDays(shanghaiDay(receipt.receivedAt), 15)).getTime());
    const row = await concernByTracking(receipt.trackingNo);
    concernId = gid('Concern', row.id);
    // Routed to the publisher of the release it is about; the code is stored only as a hash.
    expect(row).toMatchObject({ orgUnitId: fx.township.uuid, channel: 'MINI_PROGRAM', channelClientId: uuidOf(miniProgram.channelId), status: 'RECEIVED' });
    expect(row.accessCodeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(receipt.accessCode);
  });

  it('the citizen follows it with the code from any channel; a wrong code answers exactly like an unknown number', async () => {
    for (const caller of [miniProgram, anonymous, website]) {
      const seen = (await callData(service, caller, STATUS, { n: receipt.trackingNo, c: receipt.accessCode.toLowerCase() })).concernStatus;
      expect(seen).toMatchObject({ trackingNo: receipt.trackingNo, status: 'RECEIVED', unit: { code: fx.township.code }, answerHtml: null });
    }
    const wrong = await call(service, anonymous, STATUS, { n: receipt.trackingNo, c: 'AAAAAAAAAA' }, { from: freshAddress() });
    const unknown = await call(service, anonymous, STATUS, { n: 'GK20260101-AAAAAA', c: receipt.accessCode }, { from: freshAddress() });
    expect(wrong.body).toEqual({ data: { concernStatus: null } });
    expect(unknown.body).toEqual(wrong.body);
  });

  it('staff of the township see it with the contact data masked; other townships, the public and channels do not see it at all', async () => {
    const seen = (await callData(service, fx.reviewer, `query($id: ID!) { node(id: $id) { ... on Concern { ${CONCERN_FIELDS} } } }`, { id: concernId })).node;
    expect(seen.submitter).toEqual({ name: '钱**', phone: '139****5678', email: 'q***@example.cn' });
    for (const caller of [anonymous, miniProgram, fx.otherEditor, fx.otherReviewer]) {
      expect(await callData(service, caller, `query($id: ID!) { node(id: $id) { id } }`, { id: concernId })).toEqual({ node: null });
    }
    const list = await call(service, anonymous, '{ concerns(first: 5) { totalCount } }');
    expect(list.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const other = await callData(service, fx.otherReviewer, '{ concerns(first: 100) { edges { node { trackingNo } } } }');
    expect(other.concerns.edges.map((e: Any) => e.node.trackingNo)).not.toContain(receipt.trackingNo);
  });

  it('the editor drafts the answer (the concern is then in progress); the editor may not publish it', async () => {
    const r = await mutation(fx.editor, 'createResponse', { concernId, bodyHtml: '<p>青苗补偿按每亩1200元执行。</p><img src=x onerror=alert(1)>' });
    expect(r).toMatchObject({ __typename: 'ResponsePayload', response: { status: 'DRAFT', version: 1 } });
    expect(r.response.bodyHtml).not.toContain('onerror');
    responseId = r.response.id;
    expect((await prisma().concern.findUniqueOrThrow({ where: { id: uuidOf(concernId) } })).status).toBe('IN_PROGRESS');
    expect(await mutation(fx.editor, 'submitResponse', { id: responseId })).toMatchObject({ response: { status: 'IN_REVIEW' } });
    expect(await mutation(fx.editor, 'approveResponse', { id: responseId })).toMatchObject({ __typename: 'InvalidTransitionError', reason: 'ROLE' });
    expect(await mutation(fx.otherReviewer, 'approveResponse', { id: responseId })).toMatchObject({ __typename: 'NotFoundError', what: 'response' });
  });

  it('its reviewer approves and publishes it: the concern is answered on time', async () => {
    expect(await mutation(fx.reviewer, 'approveResponse', { id: responseId })).toMatchObject({ response: { status: 'APPROVED' } });
    expect(await mutation(fx.reviewer, 'publishResponse', { id: responseId })).toMatchObject({ response: { status: 'PUBLISHED' } });
    const office = await callData(service, fx.admin, `{ concerns(first: 100, filter: { statuses: [ANSWERED] }) { edges { node { trackingNo answeredOnTime answeredAt } } } }`);
    expect(office.concerns.edges.find((e: Any) => e.node.trackingNo === receipt.trackingNo)?.node).toMatchObject({ answeredOnTime: true });
  });

  it('the citizen sees the answer with the code; the public Q&A shows it without name, phone or e-mail', async () => {
    const seen = (await callData(service, miniProgram, STATUS, { n: receipt.trackingNo, c: receipt.accessCode })).concernStatus;
    expect(seen.status).toBe('ANSWERED');
    expect(seen.answerHtml).toContain('青苗补偿按每亩1200元执行');
    expect(seen.answerHtml).not.toContain('onerror');
    const qa = await call(service, anonymous, `{ publicQuestions(first: 100) { totalCount edges { node { id kind subject question answerHtml unit { code } receivedAt answeredAt } } } }`);
    const mine = qa.body.data.publicQuestions.edges.find((e: Any) => e.node.subject === '征地补偿标准咨询' && e.node.answerHtml.includes('1200元'));
    expect(mine.node).toMatchObject({ kind: 'QUESTION', unit: { code: fx.township.code } });
    for (const secret of [NAME, PHONE, EMAIL, receipt.accessCode, '5678']) expect(qa.text).not.toContain(secret);
    // Channels following the change feed get the answer as public Q&A, nothing of the submitter.
    // Shown once every transaction older than its own has ended (the feed's watermark is the server's).
    const { feed, event } = await pollUntil('the answer in the change feed', async () => {
      const feed = await call(service, website, `{ changes(first: 100, filter: { kinds: [RESPONSE_PUBLISHED] }) { ... on ChangeConnection {
        edges { node { kind subjectId response { id } question { id subject answerHtml } } } } } }`);
      const event = feed.body.data.changes.edges.map((e: Any) => e.node).find((n: Any) => n.subjectId === responseId);
      return event ? { feed, event } : null;
    });
    expect(event).toMatchObject({ kind: 'RESPONSE_PUBLISHED', response: null, question: { id: mine.node.id, subject: '征地补偿标准咨询' } });
    for (const secret of [NAME, PHONE, EMAIL, receipt.accessCode, '5678']) expect(feed.text).not.toContain(secret);
  });

  it('withdrawing the only published answer reopens the concern, which can then be answered anew', async () => {
    const r = await receiptOf(anonymous, questionInput({ subject: '撤回答复测试' }));
    const concernId = gid('Concern', (await concernByTracking(r.trackingNo)).id);
    const first = await mutation(fx.editor, 'createResponse', { concernId, bodyHtml: '<p>第一次答复</p>' });
    await mutation(fx.editor, 'submitResponse', { id: first.response.id });
    await mutation(fx.reviewer, 'approveResponse', { id: first.response.id });
    await mutation(fx.reviewer, 'publishResponse', { id: first.response.id });
    expect(await mutation(fx.reviewer, 'withdrawResponse', { id: first.response.id, reason: '答复有误' })).toMatchObject({ response: { status: 'WITHDRAWN' } });
    const row = await prisma().concern.findUniqueOrThrow({ where: { id: uuidOf(concernId) } });
    expect(row.status).toBe('IN_PROGRESS');
    expect(row.answeredAt).not.toBeNull();
    expect((await callData(service, anonymous, STATUS, { n: r.trackingNo, c: r.accessCode })).concernStatus).toMatchObject({ status: 'IN_PROGRESS', answerHtml: null });
    expect(await mutation(fx.editor, 'createResponse', { concernId, bodyHtml: '<p>更正后的答复</p>' })).toMatchObject({ response: { status: 'DRAFT' } });
  });

  it('without consent the answer reaches only the submitter', async () => {
    const private_ = await receiptOf(anonymous, questionInput({ subject: '不公开的咨询', publicConsent: false }));
    const id = gid('Concern', (await concernByTracking(private_.trackingNo)).id);
    const r = await mutation(fx.editor, 'createResponse', { concernId: id, bodyHtml: '<p>私下答复</p>' });
    await mutation(fx.editor, 'submitResponse', { id: r.response.id });
    await mutation(fx.reviewer, 'approveResponse', { id: r.response.id });
    await mutation(fx.reviewer, 'publishResponse', { id: r.response.id });
    expect((await callData(service, anonymous, STATUS, { n: private_.trackingNo, c: private_.accessCode })).concernStatus.answerHtml).toContain('私下答复');
    const qa = await call(service, anonymous, `{ publicQuestions(first: 100) { edges { node { subject answerHtml } } } }`);
    expect(qa.text).not.toContain('不公开的咨询');
    expect(qa.text).not.toContain('私下答复');
  });
});

describe(`personal data never reaches public or channel callers (${databaseLabel})`, () => {
  it('not through the submitter field, the reveal mutation, the outbox, the audit log or the logs', async () => {
    const r = await receiptOf(website, questionInput({ subject: '个人信息测试', contact: { name: '孔乙己', phone: '13987654321' } }));
    const id = gid('Concern', (await concernByTracking(r.trackingNo)).id);
    for (const caller of [anonymous, website]) {
      const res = await call(service, caller, `query($id: ID!) { node(id: $id) { ... on Concern { submitter { name phone } } } }`, { id });
      expect(res.text).not.toContain('13987654321');
      expect(res.text).not.toContain('孔乙己');
      const reveal = await call(service, caller, `mutation($input: RevealConcernSubmitterInput!) { revealConcernSubmitter(input: $input) { __typename } }`, { input: { concernId: id, reason: 'x' } });
      expect(reveal.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    // The change feed, every page, as it reaches each kind of caller (with the answers' Q&A).
    for (const caller of [anonymous, website]) {
      let after: string | null = null;
      for (;;) {
        const page: Any = await call(service, caller, `query($a: String) { changes(after: $a, first: 100) { ... on ChangeConnection { pageInfo { endCursor hasNextPage }
          edges { node { kind subjectId question { subject question answerHtml } response { id } } } } } }`, { a: after });
        expect(page.errors).toBeUndefined();
        expect(page.text).not.toContain('13987654321');
        expect(page.text).not.toContain('孔乙己');
        expect(page.text).not.toContain(r.accessCode);
        after = page.data.changes.pageInfo.endCursor;
        if (!page.data.changes.pageInfo.hasNextPage) break;
      }
    }
    const outbox = JSON.stringify(await prisma().outboxEvent.findMany(), (_k, v) => (typeof v === 'bigint' ? String(v) : v));
    const audit = JSON.stringify(await prisma().auditEvent.findMany({ where: { action: { startsWith: 'concern.' } } }));
    const logs = JSON.stringify(service.logs);
    for (const text of [outbox, audit, logs]) {
      expect(text).not.toContain('13987654321');
      expect(text).not.toContain('孔乙己');
      expect(text).not.toContain(r.accessCode);
    }
  });

  it('staff reveal it only by saying why, and the read is audited; auditors and other units may not', async () => {
    const r = await receiptOf(anonymous, questionInput({ subject: '回访测试', contact: { name: '欧阳小明', phone: '13911112222' } }));
    const concernId = gid('Concern', (await concernByTracking(r.trackingNo)).id);
    const REVEAL = `{ __typename ... on RevealConcernSubmitterPayload { submitter { name phone } } ... on InputError { field } ... on NotFoundError { what } }`;
    expect(await mutation(fx.reviewer, 'revealConcernSubmitter', { concernId, reason: '' }, REVEAL)).toMatchObject({ __typename: 'InputError', field: 'reason' });
    expect(await mutation(fx.reviewer, 'revealConcernSubmitter', { concernId, reason: '电话回访' }, REVEAL)).toEqual({
      __typename: 'RevealConcernSubmitterPayload',
      submitter: { name: '欧阳小明', phone: '13911112222' },
    });
    const event = await prisma().auditEvent.findFirstOrThrow({ where: { action: 'concern.submitter_read', entityId: uuidOf(concernId) } });
    expect(event).toMatchObject({ actorUserId: fx.reviewer.userId, data: { reason: '电话回访', trackingNo: r.trackingNo } });
    for (const caller of [fx.auditor, fx.otherReviewer]) {
      expect(await mutation(caller, 'revealConcernSubmitter', { concernId, reason: '查看' }, REVEAL)).toMatchObject({ __typename: 'NotFoundError' });
    }
    const masked = (await callData(service, fx.auditor, `query($id: ID!) { node(id: $id) { ... on Concern { submitter { name phone } } } }`, { id: concernId })).node;
    expect(masked.submitter).toEqual({ name: '欧***', phone: '139****2222' });
  });
});

describe(`deadlines, routing, transfer and extension (${databaseLabel})`, () => {
  it('纠错 is due in 3 working days and 建议 in 7; a suggestion is extended once, with a reason, to 15', async () => {
    const correction = await receiptOf(anonymous, questionInput({ kind: 'CORRECTION', subject: '纠错：日期有误' }));
    expect(Date.parse(correction.dueAt)).toBe(endOfShanghaiDay(addWorkingDays(shanghaiDay(correction.receivedAt), 3)).getTime());
    const suggestion = await receiptOf(anonymous, questionInput({ kind: 'SUGGESTION', subject: '建议：增加公示栏', releaseId: null }));
    expect(Date.parse(suggestion.dueAt)).toBe(endOfShanghaiDay(addWorkingDays(shanghaiDay(suggestion.receivedAt), 7)).getTime());
    const row = await concernByTracking(suggestion.trackingNo);
    const id = gid('Concern', row.id);
    // Without a release or matter it goes to the openness office at the root of the tree.
    expect((await prisma().orgUnit.findUniqueOrThrow({ where: { id: row.orgUnitId } })).parentId).toBeNull();
    expect(await mutation(fx.admin, 'extendConcernDeadline', { id, reason: '' }, CONCERN_RESULT)).toMatchObject({ __typename: 'InputError', field: 'reason' });
    const extended = await mutation(fx.admin, 'extendConcernDeadline', { id, reason: '需会同多部门研究' }, CONCERN_RESULT);
    expect(Date.parse(extended.concern.dueAt)).toBe(endOfShanghaiDay(addWorkingDays(shanghaiDay(suggestion.receivedAt), 15)).getTime());
    expect(extended.concern.extensionDays).toBe(8);
    expect(await mutation(fx.admin, 'extendConcernDeadline', { id, reason: '再延' }, CONCERN_RESULT)).toMatchObject({ __typename: 'InputError' });
    const correctionId = gid('Concern', (await concernByTracking(correction.trackingNo)).id);
    expect(await mutation(fx.reviewer, 'extendConcernDeadline', { id: correctionId, reason: '延期' }, CONCERN_RESULT)).toMatchObject({ __typename: 'InputError', field: 'id' });
    expect(await prisma().auditEvent.count({ where: { action: 'concern.extended', entityId: row.id } })).toBe(1);
  });

  it('舆情 registered by staff is due in 24 hours when major, 48 otherwise', async () => {
    const REGISTER = `mutation($input: RegisterPublicOpinionInput!) { r: registerPublicOpinion(input: $input) ${CONCERN_RESULT} }`;
    for (const [major, hours] of [[true, 24], [false, 48]] as const) {
      const before = Date.now();
      const r = (await callData(service, fx.reviewer, REGISTER, { input: { orgUnitId: fx.township.id, subject: `网传消息 ${hours}`, content: '需核实', major } })).r;
      expect(r.concern.kind).toBe('PUBLIC_OPINION');
      const row = await prisma().concern.findUniqueOrThrow({ where: { id: uuidOf(r.concern.id) } });
      expect(row.dueAt!.getTime() - row.receivedAt.getTime()).toBe(hours * 3_600_000);
      expect(row.receivedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    }
    const refused = await call(service, fx.editor, REGISTER, { input: { orgUnitId: fx.township.id, subject: 's', content: 'c', major: false } });
    expect(refused.data.r).toMatchObject({ __typename: 'NotFoundError', what: 'org unit' });
    // Another township's draft cannot be linked (Concern.release would show it).
    const otherDraft = await prisma().release.findFirstOrThrow({ where: { status: 'DRAFT', publisherId: fx.otherTownship.uuid }, select: { id: true } });
    const linked = await call(service, fx.reviewer, REGISTER, { input: { orgUnitId: fx.township.id, subject: 's', content: 'c', major: false, releaseId: gid('Release', otherDraft.id) } });
    expect(linked.data.r).toMatchObject({ __typename: 'NotFoundError', what: 'release' });
  });

  it('the openness office transfers a concern to another unit with a reason (audited); the first unit no longer sees it', async () => {
    const r = await receiptOf(anonymous, questionInput({ subject: '转办测试' }));
    const row = await concernByTracking(r.trackingNo);
    const id = gid('Concern', row.id);
    expect(await mutation(fx.reviewer, 'transferConcern', { id, orgUnitId: fx.otherTownship.id, reason: '不属本镇' }, CONCERN_RESULT)).toMatchObject({ __typename: 'InputError' });
    const moved = await mutation(fx.admin, 'transferConcern', { id, orgUnitId: fx.otherTownship.id, reason: '属三界镇辖区' }, CONCERN_RESULT);
    expect(moved.concern.orgUnit.id).toBe(fx.otherTownship.id);
    expect(await callData(service, fx.reviewer, `query($id: ID!) { node(id: $id) { id } }`, { id })).toEqual({ node: null });
    expect((await callData(service, fx.otherReviewer, `query($id: ID!) { node(id: $id) { id } }`, { id })).node.id).toBe(id);
    const event = await prisma().auditEvent.findFirstOrThrow({ where: { action: 'concern.transferred', entityId: row.id } });
    expect(event).toMatchObject({ actorUserId: fx.admin.userId, data: { from: fx.township.uuid, to: fx.otherTownship.uuid, reason: '属三界镇辖区' } });
  });

  it('after a transfer, an old withdrawn answer stays with its unit but no longer shows the concern there', async () => {
    const r = await receiptOf(anonymous, questionInput({ subject: '转办后撤回的答复' }));
    const id = gid('Concern', (await concernByTracking(r.trackingNo)).id);
    const answer = await mutation(fx.editor, 'createResponse', { concernId: id, bodyHtml: '<p>答复</p>' });
    await mutation(fx.editor, 'submitResponse', { id: answer.response.id });
    await mutation(fx.reviewer, 'approveResponse', { id: answer.response.id });
    await mutation(fx.reviewer, 'publishResponse', { id: answer.response.id });
    await mutation(fx.reviewer, 'withdrawResponse', { id: answer.response.id, reason: '不属本镇' });
    const CONCERN_OF = `query($id: ID!) { node(id: $id) { ... on Response { status concern { id subject } } } }`;
    expect((await callData(service, fx.reviewer, CONCERN_OF, { id: answer.response.id })).node.concern.id).toBe(id);
    expect((await mutation(fx.admin, 'transferConcern', { id, orgUnitId: fx.otherTownship.id, reason: '属三界镇' }, CONCERN_RESULT)).concern.orgUnit.id).toBe(fx.otherTownship.id);
    expect((await callData(service, fx.reviewer, CONCERN_OF, { id: answer.response.id })).node).toEqual({ status: 'WITHDRAWN', concern: null });
    expect((await callData(service, fx.otherReviewer, `query($id: ID!) { node(id: $id) { ... on Concern { responses { id } } } }`, { id })).node.responses.map((x: Any) => x.id)).toContain(answer.response.id);
  });

  it('a 纠错 found justified names the corrected release; publishing needs the verdict', async () => {
    const r = await receiptOf(anonymous, questionInput({ kind: 'CORRECTION', subject: '纠错：金额有误' }));
    const concernId = gid('Concern', (await concernByTracking(r.trackingNo)).id);
    const draft = await mutation(fx.editor, 'createResponse', { concernId, bodyHtml: '<p>已核实更正。</p>' });
    await mutation(fx.editor, 'submitResponse', { id: draft.response.id });
    await mutation(fx.reviewer, 'approveResponse', { id: draft.response.id });
    expect(await mutation(fx.reviewer, 'publishResponse', { id: draft.response.id })).toMatchObject({ __typename: 'InputError', field: 'justified' });
    await mutation(fx.reviewer, 'rejectResponse', { id: draft.response.id, comment: '请注明是否属实' });
    const fixed = await mutation(fx.editor, 'updateResponse', { id: draft.response.id, expectedVersion: 4, correctedReleaseId: townshipRelease });
    expect(fixed.response).toMatchObject({ justified: true, version: 5 });
    await mutation(fx.editor, 'submitResponse', { id: draft.response.id });
    await mutation(fx.reviewer, 'approveResponse', { id: draft.response.id });
    expect(await mutation(fx.reviewer, 'publishResponse', { id: draft.response.id })).toMatchObject({ response: { status: 'PUBLISHED', justified: true } });
    expect((await prisma().response.findUniqueOrThrow({ where: { id: uuidOf(draft.response.id) } })).correctedReleaseId).toBe(uuidOf(townshipRelease));
  });

  it('overdue and due-soon lists show open concerns of the caller\'s units by deadline', async () => {
    const overdue = await callData(service, fx.admin, '{ overdueConcerns(first: 50) { totalCount edges { node { subject dueAt status } } } }');
    expect(overdue.overdueConcerns.edges.map((e: Any) => e.node.subject)).toContain('招标文件获取渠道不畅');
    for (const e of overdue.overdueConcerns.edges) expect(Date.parse(e.node.dueAt)).toBeLessThan(Date.now());
    const soon = await callData(service, fx.reviewer, '{ dueSoonConcerns(first: 50, withinWorkingDays: 3) { edges { node { subject kind } } } }');
    expect(soon.dueSoonConcerns.edges.map((e: Any) => e.node.subject)).toContain('纠错：日期有误');
  });
});

describe(`abuse: throttled, idempotent, bounded submissions (${databaseLabel})`, () => {
  it('a double tap with one idempotency key files once and shows the same receipt', async () => {
    const from = freshAddress();
    const input = questionInput({ subject: '双击测试', idempotencyKey: 'double-tap-0001' });
    const [a, b] = [await receiptOf(anonymous, input, from), await receiptOf(anonymous, input, from)];
    expect(b).toEqual(a);
    expect(await prisma().concern.count({ where: { subject: '双击测试' } })).toBe(1);
    expect(await submit(anonymous, { ...input, content: '另一个问题' }, from)).toMatchObject({ __typename: 'IdempotencyKeyReusedError' });
  });

  it('an address that submits too often is answered TooManyAttempts and files nothing; another address is not affected', async () => {
    const from = freshAddress();
    const before = await prisma().concern.count();
    const results = [];
    for (let i = 0; i < 12; i++) results.push((await submit(anonymous, questionInput({ subject: `刷屏 ${i}` }), from)).__typename);
    expect(results.slice(0, 10).every((t) => t === 'SubmitConcernPayload')).toBe(true);
    expect(results.slice(10)).toEqual(['TooManyAttemptsError', 'TooManyAttemptsError']);
    expect(await prisma().concern.count()).toBe(before + 10);
    expect((await submit(anonymous, questionInput({ subject: '正常提交' }), freshAddress())).__typename).toBe('SubmitConcernPayload');
  });

  it('a channel key is counted as one caller from any address, with its own ceiling', async () => {
    const small = await startTestService({ env: { CONCERN_SUBMISSIONS_PER_CHANNEL: '3', CONCERN_SUBMISSIONS_PER_ADDRESS: '100' } });
    try {
      const admin = (await fixture(small)).admin;
      const kiosk = await createChannelWithKey(small, admin, 'KIOSK');
      const results = [];
      for (let i = 0; i < 5; i++) {
        const res = await call(small, kiosk, SUBMIT, { input: questionInput({ subject: `终端 ${i}`, releaseId: null }) }, { from: `127.0.1.${i + 1}` });
        results.push(res.data.submitConcern.__typename);
      }
      expect(results).toEqual(['SubmitConcernPayload', 'SubmitConcernPayload', 'SubmitConcernPayload', 'TooManyAttemptsError', 'TooManyAttemptsError']);
      // Anonymous callers at those addresses are not held back by the kiosk's count.
      const anon = await call(small, anonymous, SUBMIT, { input: questionInput({ subject: '匿名', releaseId: null }) }, { from: '127.0.1.1' });
      expect(anon.data.submitConcern.__typename).toBe('SubmitConcernPayload');
    } finally {
      await small.stop();
    }
  });

  it('wrong access codes are throttled per address', async () => {
    const r = await receiptOf(anonymous, questionInput({ subject: '猜码测试' }));
    const from = freshAddress();
    const codes = [];
    for (let i = 0; i < 12; i++) codes.push(await call(service, anonymous, STATUS, { n: r.trackingNo, c: `WRONG${i}ZZZZ` }, { from }));
    expect(codes.slice(0, 10).every((c) => c.body.data?.concernStatus === null)).toBe(true);
    expect(codes[11]!.errors?.[0]?.extensions?.code).toBe('TOO_MANY_REQUESTS');
    // Even the right code waits out the lock from that address.
    const right = await call(service, anonymous, STATUS, { n: r.trackingNo, c: r.accessCode }, { from });
    expect(right.errors?.[0]?.extensions?.code).toBe('TOO_MANY_REQUESTS');
  });

  it('never fails open: a throttle that cannot be checked, or a fault while filing, files nothing and says so', async () => {
    const before = { concerns: await prisma().concern.count(), submitters: await prisma().concernSubmitter.count(), audit: await prisma().auditEvent.count({ where: { action: 'concern.submitted' } }) };
    for (const point of ['concern.throttle', 'concern.submit.after-insert']) {
      armFault(point);
      const res = await call(service, anonymous, SUBMIT, { input: questionInput({ subject: `故障 ${point}` }) }, { from: freshAddress() });
      expect(res.errors?.[0]?.extensions?.code, point).toBe('INTERNAL_SERVER_ERROR');
      expect(res.data?.submitConcern ?? null).toBeNull();
    }
    expect({ concerns: await prisma().concern.count(), submitters: await prisma().concernSubmitter.count(), audit: await prisma().auditEvent.count({ where: { action: 'concern.submitted' } }) }).toEqual(before);
    // And a lookup whose throttle cannot be checked reveals nothing.
    armFault('concern.throttle');
    const lookup = await call(service, anonymous, STATUS, { n: 'GK20260101-AAAAAA', c: 'AAAAAAAAAA' }, { from: freshAddress() });
    expect(lookup.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
  });

  it('bad input gets a clear error and files nothing', async () => {
    const before = await prisma().concern.count();
    expect(await submit(anonymous, questionInput({ contact: { name: NAME } }))).toMatchObject({ __typename: 'InputError', field: 'contact' });
    expect(await submit(anonymous, questionInput({ contact: { name: NAME, phone: '12345' } }))).toMatchObject({ __typename: 'InputError', field: 'contact.phone' });
    expect(await submit(anonymous, questionInput({ subject: '  ' }))).toMatchObject({ __typename: 'InputError', field: 'subject' });
    const long = await call(service, anonymous, SUBMIT, { input: questionInput({ content: '问'.repeat(5001) }) }, { from: freshAddress() });
    expect(long.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: '$input.content' });
    expect(await submit(anonymous, questionInput({ releaseId: gid('Release', '00000000-0000-7000-8000-000000000000') }))).toMatchObject({ __typename: 'NotFoundError', what: 'release' });
    expect(await prisma().concern.count()).toBe(before);
  });
});

describe(`the retention job (${databaseLabel})`, () => {
  it('deletes the personal data of concerns closed longer ago than the county keeps it; the concern and its answer stay', async () => {
    // The one closed first: nothing else is older.
    const closed = await prisma().concern.findFirstOrThrow({ where: { status: 'CLOSED', submitter: { isNot: null } }, orderBy: { closedAt: 'asc' }, select: { id: true, closedAt: true } });
    // A day before the retention period ends nothing goes; a day after, it does.
    const days = service.config.deadlines.submitterRetentionDays;
    expect(await purgeClosedConcernSubmitters(prisma(), new Date(closed.closedAt!.getTime() + (days - 1) * 86_400_000), days)).toBe(0);
    const purged = await purgeClosedConcernSubmitters(prisma(), new Date(closed.closedAt!.getTime() + (days + 1) * 86_400_000), days);
    expect(purged).toBeGreaterThanOrEqual(1);
    const after = await prisma().concern.findUniqueOrThrow({ where: { id: closed.id }, include: { submitter: true, responses: true } });
    expect(after.submitter).toBeNull();
    expect(after.submitterPurgedAt).not.toBeNull();
    expect(after.responses.length).toBeGreaterThan(0);
    const seen = (await callData(service, fx.admin, `query($id: ID!) { node(id: $id) { ... on Concern { submitter { name } submitterPurgedAt } } }`, { id: gid('Concern', closed.id) })).node;
    expect(seen.submitter).toBeNull();
    expect(await prisma().auditEvent.count({ where: { action: 'concern.submitter_purged' } })).toBeGreaterThanOrEqual(1);
  });
});

describe('the county\'s deadline settings', () => {
  it('are read from the environment and refused when they make no sense', async () => {
    const { ConfigError, loadConfig } = await import('../src/config.js');
    const base = { NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(32), LOG_LEVEL: 'silent' };
    const c = loadConfig({ ...base, CONCERN_CORRECTION_DUE_WORKING_DAYS: '5', PUBLIC_OPINION_DUE_HOURS: '36', CONCERN_SUBMISSIONS_PER_ADDRESS: '20' });
    expect(c.deadlines).toMatchObject({ concernWorkingDays: { CORRECTION: 5, QUESTION: 15 }, publicOpinionHours: { major: 24, other: 36 }, submissionLimits: { perAddress: 20, perChannel: 300 } });
    expect(() => loadConfig({ ...base, CONCERN_SUGGESTION_MAX_WORKING_DAYS: '5' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, CONCERN_SUGGESTION_MAX_WORKING_DAYS: '40' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, INTERPRETATION_DUE_WORKING_DAYS: '0' })).toThrow(ConfigError);
  });
});
