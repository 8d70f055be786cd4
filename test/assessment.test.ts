// 考核 through GraphQL on the real service: a hand-computed fixture of units of our own under the
// root, in 2025-Q1 (far from the seed data), asserting every figure — rates, median 解读 lag,
// deductions, the new-media veto, scores, bands, ranks (ties by code), the trend, coverage gaps
// and per-matter rates; the scheme's validation, activation and audit; who may ask.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, asAdmin, asAuditor, asEditorOf, call, callData, gid, type Caller } from './actors.js';
import { databaseLabel, startTestService, type TestService } from './harness.js';
import type { Any } from './workflow-helpers.js';

let service: TestService;
let admin: Caller;
let auditor: Caller;
let editor: Caller;
const prisma = () => service.service.db.prisma;

/** Our units: P (office) with A, B (townships), C, D (villages). */
const ids = { P: randomUUID(), A: randomUUID(), B: randomUUID(), C: randomUUID(), D: randomUUID() };
let m1: string;
let m2: string;

const at = (local: string) => new Date(`${local}+08:00`);

async function makeFixture(): Promise<void> {
  const db = prisma();
  const root = await db.orgUnit.findFirstOrThrow({ where: { parentId: null }, select: { id: true, path: true } });
  const unit = (key: keyof typeof ids, kind: 'GOVERNMENT_OFFICE' | 'TOWNSHIP' | 'VILLAGE', parent: { id: string; path: string }, depth: number) => ({
    id: ids[key], code: `ASMT-${key}`, name: `考核测试单位${key}`, kind, parentId: parent.id, path: `${parent.path}${ids[key]}/`, depth,
  });
  const p = unit('P', 'GOVERNMENT_OFFICE', root, 1);
  await db.orgUnit.create({ data: p });
  await db.orgUnit.createMany({ data: [unit('A', 'TOWNSHIP', p, 2), unit('B', 'TOWNSHIP', p, 2), unit('C', 'VILLAGE', p, 2), unit('D', 'VILLAGE', p, 2)] });

  // M1: any seeded matter; M2 (yearly) and M3 (quarterly): recurring matters of our own, A responsible.
  const seeded = await db.matter.findFirstOrThrow({ where: { standards: { some: {} } }, orderBy: { code: 'asc' }, select: { id: true, domainId: true } });
  m1 = seeded.id;
  const version = await db.catalogVersion.findFirstOrThrow({ where: { status: 'ACTIVE' }, select: { id: true } });
  const recurring = async (code: string, recurrence: 'YEARLY' | 'QUARTERLY') => {
    const m = await db.matter.create({ data: { domainId: seeded.domainId, level: 2, code, name: `考核测试事项${code}` }, select: { id: true } });
    await db.standard.create({
      data: {
        matterId: m.id, catalogVersionId: version.id, responsibleText: '考核测试单位A', responsibleOrgId: ids.A, timeLimitText: '按期发布',
        timeLimitTrigger: 'INFORMATION_FORMED', audience: 'PUBLIC', mode: 'PROACTIVE', recurrence,
      },
    });
    return m.id;
  };
  m2 = await recurring('ASMT.YEARLY', 'YEARLY');
  await recurring('ASMT.QUARTERLY', 'QUARTERLY');

  let n = 0;
  const release = (publisherId: string, matterId: string, due: string, published: string | null, extra: Record<string, unknown> = {}) => ({
    matterId, publisherId, title: `考核测试信息${++n}`, stage: 'RESULT' as const, status: (published ? 'PUBLISHED' : 'DRAFT') as 'PUBLISHED' | 'DRAFT',
    dueAt: at(due), firstPublishedAt: published ? at(published) : null, publishedAt: published ? at(published) : null,
    publishedOnTime: published ? at(published) <= at(due) : null, targetChannels: ['WEBSITE' as const], ...extra,
  });
  const soon = new Date(Date.now() + 3 * 86_400_000);
  await db.release.createMany({
    data: [
      // A: on time (解读 after 24 h)
      release(ids.A, m1, '2025-01-10T17:00:00', '2025-01-09T10:00:00', { interpretationDueAt: at('2025-01-14T23:59:59'), interpretedAt: at('2025-01-10T10:00:00') }),
      // A: late, of the yearly matter (covers 2025); needs 解读, none yet, past due
      release(ids.A, m2, '2025-02-10T17:00:00', '2025-02-12T10:00:00', { interpretationDueAt: at('2025-02-17T23:59:59') }),
      // A: due in March, never published: overdue
      release(ids.A, m1, '2025-03-10T17:00:00', null),
      // A: due in December, published in January: late in 2024-Q4 and carried over into 2025-Q1
      release(ids.A, m1, '2024-12-20T17:00:00', '2025-01-05T10:00:00'),
      // A: on time, a 规范性文件 (policy column fresh) for NEW_MEDIA but more than 2 weeks before the end; 解读 late after 168 h
      release(ids.A, m1, '2025-03-20T17:00:00', '2025-03-15T10:00:00', {
        genre: '规范性文件', targetChannels: ['WEBSITE', 'NEW_MEDIA'], interpretationDueAt: at('2025-03-20T23:59:59'), interpretedAt: at('2025-03-22T10:00:00'),
      }),
      // A: due in 3 days from now, unpublished: due soon (and outside both periods)
      { ...release(ids.A, m1, '2025-01-01T00:00:00', null), dueAt: soon },
      // B: on time, policy genre, NEW_MEDIA within the last 2 weeks; and one late
      release(ids.B, m1, '2025-03-28T17:00:00', '2025-03-25T10:00:00', { genre: '行政规范性文件', targetChannels: ['NEW_MEDIA'] }),
      release(ids.B, m1, '2025-03-01T17:00:00', '2025-03-03T10:00:00'),
    ],
  });

  let t = 0;
  const concern = (orgUnitId: string, kind: string, received: string, due: string, extra: Record<string, unknown> = {}) => ({
    trackingNo: `ASMT-${++t}-${randomUUID().slice(0, 8)}`, kind: kind as 'QUESTION', orgUnitId, subject: '考核测试', content: '考核测试', receivedAt: at(received), dueAt: at(due), ...extra,
  });
  const c1 = randomUUID();
  const cb = randomUUID();
  await db.concern.createMany({
    data: [
      { id: c1, ...concern(ids.A, 'QUESTION', '2025-01-05T09:00:00', '2025-01-20T17:00:00', { status: 'ANSWERED', answeredAt: at('2025-01-15T10:00:00'), answeredOnTime: true }) },
      concern(ids.A, 'COMPLAINT', '2025-02-05T09:00:00', '2025-02-20T17:00:00', { status: 'ANSWERED', answeredAt: at('2025-02-25T10:00:00'), answeredOnTime: false }),
      concern(ids.A, 'PUBLIC_OPINION', '2025-03-04T09:00:00', '2025-03-05T17:00:00'),
      // requests: on time; late; concluded in the period on time though due after it; unconcluded and past due
      concern(ids.A, 'DISCLOSURE_REQUEST', '2025-02-01T09:00:00', '2025-02-28T17:00:00', { status: 'CLOSED', concludedAt: at('2025-02-20T10:00:00'), outcome: 'DISCLOSED' }),
      concern(ids.A, 'DISCLOSURE_REQUEST', '2025-01-02T09:00:00', '2025-01-31T17:00:00', { status: 'CLOSED', concludedAt: at('2025-02-05T10:00:00'), outcome: 'DISCLOSED' }),
      concern(ids.A, 'DISCLOSURE_REQUEST', '2025-03-25T09:00:00', '2025-04-30T17:00:00', { status: 'CLOSED', concludedAt: at('2025-03-30T10:00:00'), outcome: 'NOT_DISCLOSED' }),
      concern(ids.A, 'DISCLOSURE_REQUEST', '2025-02-10T09:00:00', '2025-03-15T17:00:00', { status: 'IN_PROGRESS' }),
      { id: cb, ...concern(ids.B, 'QUESTION', '2025-03-01T09:00:00', '2025-03-10T17:00:00', { status: 'ANSWERED', answeredAt: at('2025-03-09T10:00:00'), answeredOnTime: true }) },
    ],
  });
  // A's last published answer is from January (more than 2 months before the end); B's from March.
  await db.response.createMany({
    data: [
      { concernId: c1, orgUnitId: ids.A, status: 'PUBLISHED', publishedAt: at('2025-01-15T10:00:00'), firstPublishedAt: at('2025-01-15T10:00:00') },
      { concernId: cb, orgUnitId: ids.B, status: 'PUBLISHED', publishedAt: at('2025-03-09T10:00:00'), firstPublishedAt: at('2025-03-09T10:00:00') },
    ],
  });
  await db.channelClient.createMany({
    data: [
      { name: '考核测试A公众号', kind: 'NEW_MEDIA', orgUnitId: ids.A, createdAt: at('2024-01-01T00:00:00') },
      { name: '考核测试B公众号', kind: 'NEW_MEDIA', orgUnitId: ids.B, createdAt: at('2024-01-01T00:00:00') },
    ],
  });
}

beforeAll(async () => {
  service = await startTestService();
  admin = await asAdmin(service);
  auditor = await asAuditor(service);
  editor = await asEditorOf(service, 'zhangbaling');
  await makeFixture();
}, 240_000);

afterAll(async () => {
  await service?.stop();
});

const ASSESSMENT = `query($from: Date!, $to: Date!, $org: ID, $k: Int) {
  assessment(period: { from: $from, to: $to }, orgUnitId: $org, trendPeriods: $k) {
    period { from to }
    scheme { name builtIn excellentFrom passFrom weights { indicator points } }
    units {
      rank score band vetoed overdue dueSoon lateInterpretations medianInterpretationLagHours
      orgUnit { code name }
      indicators { indicator numerator denominator rate weight points }
      deductions { check points veto reason }
      trend { period { from to } score band vetoed }
      coverageGaps { matter { code } recurrence windowStart windowEnd }
      matters { matter { code } due onTime overdue rate }
    }
    matters { matter { code } due onTime overdue rate }
  } }`;

const Q1 = { from: '2025-01-01', to: '2025-03-31' };
const q1 = (caller: Caller, extra: Record<string, unknown> = {}) => callData(service, caller, ASSESSMENT, { ...Q1, org: gid('OrgUnit', ids.P), k: 1, ...extra });
const byCode = (a: Any, code: string) => a.units.find((u: Any) => u.orgUnit.code === code);
const indicator = (u: Any, name: string) => u.indicators.find((i: Any) => i.indicator === name);

describe(`Assessment: the figures of a hand-computed fixture (${databaseLabel})`, () => {
  let a: Any;
  beforeAll(async () => {
    a = (await q1(auditor)).assessment;
  });

  it('assesses the subtree asked for, ranked by score with ties in code order', () => {
    expect(a.period).toEqual(Q1);
    expect(a.scheme).toMatchObject({ builtIn: true, excellentFrom: 90, passFrom: 70 });
    expect(a.scheme.weights).toEqual([
      { indicator: 'ON_TIME_PUBLICATION', points: 21 }, { indicator: 'CATALOG_COVERAGE', points: 17 }, { indicator: 'INTERPRETATION', points: 14 },
      { indicator: 'CONCERN_RESPONSES', points: 11 }, { indicator: 'REQUESTS_ON_TIME', points: 28 }, { indicator: 'NEW_MEDIA', points: 9 },
    ]);
    expect(a.units.map((u: Any) => [u.rank, u.orgUnit.code, u.score, u.band, u.vetoed])).toEqual([
      [1, 'ASMT-C', 100, 'EXCELLENT', false],
      [2, 'ASMT-D', 100, 'EXCELLENT', false],
      [3, 'ASMT-P', 95, 'EXCELLENT', false],
      [4, 'ASMT-B', 74.39, 'PASS', false],
      [5, 'ASMT-A', 40.9, 'FAIL', true],
    ]);
  });

  it('computes every indicator of a unit with its numerator, denominator, rate and points', () => {
    const u = byCode(a, 'ASMT-A');
    expect(u.indicators).toEqual([
      { indicator: 'ON_TIME_PUBLICATION', numerator: 2, denominator: 5, rate: 0.4, weight: 21, points: 8.4 },
      { indicator: 'CATALOG_COVERAGE', numerator: 1, denominator: 2, rate: 0.5, weight: 17, points: 8.5 },
      { indicator: 'INTERPRETATION', numerator: 2, denominator: 3, rate: 0.6667, weight: 14, points: 9.33 },
      { indicator: 'CONCERN_RESPONSES', numerator: 1, denominator: 3, rate: 0.3333, weight: 11, points: 3.67 },
      { indicator: 'REQUESTS_ON_TIME', numerator: 2, denominator: 4, rate: 0.5, weight: 28, points: 14 },
      { indicator: 'NEW_MEDIA', numerator: 0, denominator: 1, rate: 0, weight: 9, points: 0 },
    ]);
    expect(u).toMatchObject({ overdue: 1, dueSoon: 1, lateInterpretations: 2, medianInterpretationLagHours: 96 });
  });

  it('deducts for stale replies, vetoes a stale 政务新媒体 account, and leaves villages out of the policy check', () => {
    const u = byCode(a, 'ASMT-A');
    expect(u.deductions.map((d: Any) => [d.check, d.points, d.veto])).toEqual([
      ['NO_MESSAGE_REPLIES', 3, false],
      ['NEW_MEDIA_STALE', 0, true],
    ]);
    expect(u.deductions[1].reason).toContain('单项否决');
    expect(byCode(a, 'ASMT-P').deductions.map((d: Any) => d.check)).toEqual(['POLICY_COLUMN_STALE']);
    expect(byCode(a, 'ASMT-C').deductions).toEqual([]);
    expect(byCode(a, 'ASMT-B').deductions).toEqual([]);
  });

  it('leaves an indicator with nothing to measure out and renormalises the others', () => {
    const u = byCode(a, 'ASMT-B');
    expect(u.indicators.map((i: Any) => [i.indicator, i.numerator, i.denominator, i.rate, i.points])).toEqual([
      ['ON_TIME_PUBLICATION', 1, 2, 0.5, 25.61],
      ['CATALOG_COVERAGE', 0, 0, null, null],
      ['INTERPRETATION', 0, 0, null, null],
      ['CONCERN_RESPONSES', 1, 1, 1, 26.83],
      ['REQUESTS_ON_TIME', 0, 0, null, null],
      ['NEW_MEDIA', 1, 1, 1, 21.95],
    ]);
    expect(indicator(byCode(a, 'ASMT-C'), 'ON_TIME_PUBLICATION')).toMatchObject({ denominator: 0, rate: null, points: null });
    expect(byCode(a, 'ASMT-C').medianInterpretationLagHours).toBeNull();
  });

  it('lists the coverage gaps: the quarterly matter has no release in 2025-Q1', () => {
    expect(byCode(a, 'ASMT-A').coverageGaps).toEqual([
      { matter: { code: 'ASMT.QUARTERLY' }, recurrence: 'QUARTERLY', windowStart: '2025-01-01T00:00:00.000+08:00', windowEnd: '2025-04-01T00:00:00.000+08:00' },
    ]);
    expect(byCode(a, 'ASMT-B').coverageGaps).toEqual([]);
  });

  it('scores the previous period of the same length for the trend (2024-Q4)', () => {
    expect(byCode(a, 'ASMT-A').trend).toEqual([{ period: { from: '2024-10-01', to: '2024-12-31' }, score: 0, band: 'FAIL', vetoed: true }]);
    expect(byCode(a, 'ASMT-C').trend).toEqual([{ period: { from: '2024-10-01', to: '2024-12-31' }, score: 100, band: 'EXCELLENT', vetoed: false }]);
  });

  it('gives on-time publication per matter, per unit and over all units', async () => {
    const m1Code = (await prisma().matter.findUniqueOrThrow({ where: { id: m1 }, select: { code: true } })).code;
    expect(a.matters).toEqual([
      { matter: { code: 'ASMT.YEARLY' }, due: 1, onTime: 0, overdue: 0, rate: 0 },
      { matter: { code: m1Code }, due: 6, onTime: 3, overdue: 1, rate: 0.5 },
    ].sort((x, y) => (x.matter.code < y.matter.code ? -1 : 1)));
    expect(byCode(a, 'ASMT-B').matters).toEqual([{ matter: { code: m1Code }, due: 2, onTime: 1, overdue: 0, rate: 0.5 }]);
  });

  it('answers with a handful of statements however many units', async () => {
    // Sign-in, scheme and unit, the scores and gaps in one transaction (BEGIN, SET LOCAL jit,
    // COMMIT), the per-matter rates, one batch of units and a batch of matters per depth they
    // appear at: none of it grows with the number of units.
    const { statements } = await service.countStatements(() => q1(auditor));
    expect(statements).toBeLessThanOrEqual(15);
  });

  it('walks back whole months for a quarter and days otherwise', async () => {
    const r = await callData(service, auditor, ASSESSMENT, { from: '2025-01-10', to: '2025-01-19', org: gid('OrgUnit', ids.C), k: 2 });
    expect(r.assessment.units.map((u: Any) => u.orgUnit.code)).toEqual(['ASMT-C']);
    expect(r.assessment.units[0].trend.map((t: Any) => t.period)).toEqual([{ from: '2024-12-31', to: '2025-01-09' }, { from: '2024-12-21', to: '2024-12-30' }]);
  });
});

describe('Assessment: who may ask', () => {
  it('refuses editors and anonymous callers', async () => {
    for (const caller of [editor, anonymous]) {
      const res = await call(service, caller, ASSESSMENT, { ...Q1, org: gid('OrgUnit', ids.P), k: 0 });
      expect(res.data?.assessment ?? null).toBeNull();
      expect(['FORBIDDEN', 'UNAUTHENTICATED']).toContain(res.errors?.[0]?.extensions?.code);
    }
  });

  it('refuses a bad period as a bad request', async () => {
    const res = await call(service, auditor, ASSESSMENT, { from: '2025-03-31', to: '2025-01-01', k: 0 });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('answers the whole county for an admin by default', async () => {
    const r = await callData(service, admin, ASSESSMENT, { ...Q1, k: 0 });
    expect(r.assessment.units.length).toBeGreaterThan(5);
    expect(r.assessment.units.map((u: Any) => u.rank)).toEqual(r.assessment.units.map((_: Any, i: number) => i + 1));
  });
});

const SET = `mutation($input: SetAssessmentSchemeInput!) { setAssessmentScheme(input: $input) {
  __typename ... on SetAssessmentSchemePayload { scheme { name builtIn excellentFrom passFrom weights { indicator points } activatedAt } }
  ... on InputError { field message } ... on NotFoundError { what } } }`;

describe('Assessment: the weight scheme', () => {
  const good = { name: '测试方案', weights: [{ indicator: 'ON_TIME_PUBLICATION', points: 50 }, { indicator: 'REQUESTS_ON_TIME', points: 50 }], excellentFrom: 95, passFrom: 60 };

  it.each([
    ['weights', { weights: [{ indicator: 'ON_TIME_PUBLICATION', points: 60 }, { indicator: 'REQUESTS_ON_TIME', points: 50 }] }],
    ['weights[1].points', { weights: [{ indicator: 'ON_TIME_PUBLICATION', points: 110 }, { indicator: 'REQUESTS_ON_TIME', points: -10 }] }],
    ['weights[1].indicator', { weights: [{ indicator: 'ON_TIME_PUBLICATION', points: 50 }, { indicator: 'ON_TIME_PUBLICATION', points: 50 }] }],
    ['passFrom', { passFrom: 95 }],
    ['excellentFrom', { excellentFrom: 101 }],
    ['name', { name: '  ' }],
  ])('refuses a scheme whose %s is wrong', async (field, override) => {
    const r = await callData(service, admin, SET, { input: { ...good, ...override } });
    expect(r.setAssessmentScheme).toMatchObject({ __typename: 'InputError', field });
  });

  it('refuses an unknown indicator before it reaches the service', async () => {
    const res = await call(service, admin, SET, { input: { ...good, weights: [{ indicator: 'ANNUAL_REPORT', points: 100 }] } });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses auditors and editors', async () => {
    for (const caller of [auditor, editor]) {
      const res = await call(service, caller, SET, { input: good });
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('activates a scheme, switching off the previous one in the same step, audited, and scores with it', async () => {
    const first = await callData(service, admin, SET, { input: { ...good, name: '第一方案' } });
    expect(first.setAssessmentScheme.scheme).toMatchObject({ name: '第一方案', builtIn: false, excellentFrom: 95, passFrom: 60 });
    const second = await callData(service, admin, SET, { input: good });
    expect(second.setAssessmentScheme.__typename).toBe('SetAssessmentSchemePayload');
    const active = await prisma().assessmentScheme.findMany({ where: { active: true }, select: { name: true } });
    expect(active).toEqual([{ name: '测试方案' }]);
    expect(await prisma().assessmentScheme.count()).toBe(2);
    const audits = await prisma().auditEvent.findMany({ where: { action: 'assessment_scheme.activated' }, orderBy: { occurredAt: 'asc' } });
    expect(audits).toHaveLength(2);
    expect((audits[1]!.data as Any).deactivated).toHaveLength(1);

    const a = (await q1(auditor)).assessment;
    expect(a.scheme).toMatchObject({ name: '测试方案', builtIn: false });
    // A: 0.4 × 50 + 0.5 × 50 = 45, −3 for replies; B: only on-time publication measured → 50 (renormalised), below 60.
    expect(byCode(a, 'ASMT-A')).toMatchObject({ score: 42, band: 'FAIL' });
    expect(byCode(a, 'ASMT-B')).toMatchObject({ score: 50, band: 'FAIL' });
    expect(indicator(byCode(a, 'ASMT-B'), 'CONCERN_RESPONSES')).toMatchObject({ weight: 0, denominator: 1, points: 0 });
  });
});
