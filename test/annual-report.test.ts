// 年报 (国办公开办函〔2021〕30号 format) on the real service: a hand-counted fixture of requests
// across 2019–2021 (carried in, carried out, every outcome family and detail, every requester
// column, local-day year boundaries), appeals of every kind and result (one decided after the
// year's end), releases of 规章/规范性文件 published, repealed and withdrawn, matters with report
// items — inserted directly, then read back through GraphQL (cells, invariants, the subtree
// filter, drill-downs whose rows are exactly the cell's) and the XLSX/CSV/HTML downloads.
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, asAdmin, asEditorOf, call, callData, createChannelWithKey, httpRequest, type Caller, type ChannelWithKey } from './actors.js';
import { databaseLabel, startTestService, type TestService } from './harness.js';
import { orgByKey, type Any, type Org } from './workflow-helpers.js';

const YEAR = 2020;

let service: TestService;
let admin: Caller;
let townshipEditor: Caller;
let otherEditor: Caller;
let channel: ChannelWithKey;
let township: Org;
let village: Org;
let otherTownship: Org;
let county: Org;
/** A unit whose name needs escaping, beneath the township (no data of its own). */
let oddUnit: { code: string; name: string };
/** Tracking number → request id. */
const requestIds = new Map<string, string>();

const prisma = () => service.service.db.prisma;
const at = (local: string) => new Date(`${local}+08:00`);
const day = (d: string) => new Date(`${d}T00:00:00.000Z`);

type Requester = 'NATURAL_PERSON' | 'COMMERCIAL_ENTERPRISE' | 'RESEARCH_INSTITUTION' | 'PUBLIC_INTEREST_ORGANIZATION' | 'LEGAL_SERVICE_ORGANIZATION' | 'OTHER_ORGANIZATION' | null;

interface RequestSpec {
  name: string;
  unit: () => Org;
  type: Requester;
  received: string;
  concluded?: string;
  outcome?: string;
  detail?: string;
  kind?: string;
}

// Hand-counted below: T = 张八岭镇, V = its village 岭南村, S = 三界镇 (outside the township).
const REQUESTS: RequestSpec[] = [
  // Received in 2019.
  { name: 'c1', unit: () => township, type: null, received: '2019-11-10T10:00:00', concluded: '2020-01-15T10:00:00', outcome: 'DISCLOSED' },
  { name: 'c2', unit: () => village, type: 'COMMERCIAL_ENTERPRISE', received: '2019-12-31T23:30:00' },
  { name: 'c3', unit: () => township, type: 'NATURAL_PERSON', received: '2019-06-01T10:00:00', concluded: '2019-07-01T10:00:00', outcome: 'DISCLOSED' },
  { name: 'c4', unit: () => township, type: 'RESEARCH_INSTITUTION', received: '2019-12-20T10:00:00', concluded: '2021-01-05T10:00:00', outcome: 'NOT_DISCLOSED', detail: 'STATE_SECRET' },
  // Received in 2020 (r1 at 00:30 local on 1 January: still 2019 in UTC).
  { name: 'r1', unit: () => township, type: null, received: '2020-01-01T00:30:00', concluded: '2020-02-01T10:00:00', outcome: 'DISCLOSED' },
  { name: 'r2', unit: () => township, type: 'NATURAL_PERSON', received: '2020-03-01T10:00:00', concluded: '2020-03-20T10:00:00', outcome: 'PARTIALLY_DISCLOSED' },
  { name: 'r3', unit: () => village, type: 'COMMERCIAL_ENTERPRISE', received: '2020-04-01T10:00:00', concluded: '2020-04-20T10:00:00', outcome: 'NOT_DISCLOSED', detail: 'STATE_SECRET' },
  { name: 'r4', unit: () => township, type: 'RESEARCH_INSTITUTION', received: '2020-04-02T10:00:00', concluded: '2020-04-22T10:00:00', outcome: 'NOT_DISCLOSED', detail: 'THIRD_PARTY_RIGHTS' },
  { name: 'r5', unit: () => township, type: 'PUBLIC_INTEREST_ORGANIZATION', received: '2020-04-03T10:00:00', concluded: '2020-04-23T10:00:00', outcome: 'UNABLE_TO_PROVIDE', detail: 'NOT_HELD' },
  { name: 'r6', unit: () => township, type: 'LEGAL_SERVICE_ORGANIZATION', received: '2020-04-04T10:00:00', concluded: '2020-04-24T10:00:00', outcome: 'UNABLE_TO_PROVIDE', detail: 'STILL_UNCLEAR' },
  { name: 'r7', unit: () => township, type: 'OTHER_ORGANIZATION', received: '2020-04-05T10:00:00', concluded: '2020-04-25T10:00:00', outcome: 'NOT_PROCESSED', detail: 'REPEATED' },
  { name: 'r8', unit: () => township, type: 'NATURAL_PERSON', received: '2020-04-06T10:00:00', concluded: '2020-04-26T10:00:00', outcome: 'NOT_PROCESSED', detail: 'CONFIRMATION_REQUESTED' },
  { name: 'r9', unit: () => township, type: 'NATURAL_PERSON', received: '2020-04-07T10:00:00', concluded: '2020-04-27T10:00:00', outcome: 'OTHER', detail: 'CORRECTION_NOT_SUPPLIED' },
  { name: 'r10', unit: () => township, type: 'COMMERCIAL_ENTERPRISE', received: '2020-04-08T10:00:00', concluded: '2020-04-28T10:00:00', outcome: 'OTHER', detail: 'FEE_UNPAID' },
  { name: 'r11', unit: () => township, type: 'LEGAL_SERVICE_ORGANIZATION', received: '2020-04-09T10:00:00', concluded: '2020-04-29T10:00:00', outcome: 'OTHER', detail: 'OTHER' },
  // A detail of another family: counted under （六）3.其他 and listed as RECLASSIFIED.
  { name: 'r12', unit: () => township, type: 'NATURAL_PERSON', received: '2020-04-10T10:00:00', concluded: '2020-04-30T10:00:00', outcome: 'NOT_DISCLOSED', detail: 'NOT_HELD' },
  { name: 'r13', unit: () => township, type: 'OTHER_ORGANIZATION', received: '2020-12-31T23:50:00' },
  // Concluded 07:00 local on 1 January 2021 (still 2020 in UTC): carried over.
  { name: 'r14', unit: () => township, type: 'NATURAL_PERSON', received: '2020-12-01T10:00:00', concluded: '2021-01-01T07:00:00', outcome: 'DISCLOSED' },
  { name: 'r15', unit: () => township, type: 'NATURAL_PERSON', received: '2020-05-01T10:00:00', concluded: '2020-12-31T23:59:00', outcome: 'NOT_DISCLOSED', detail: 'ADMINISTRATIVE_INQUIRY' },
  // Received 05:00 local on 1 January 2021 (2020 in UTC): not in 2020 at all.
  { name: 'r16', unit: () => township, type: 'NATURAL_PERSON', received: '2021-01-01T05:00:00' },
  // Not a disclosure request.
  { name: 'q1', unit: () => township, type: 'NATURAL_PERSON', received: '2020-06-01T10:00:00', kind: 'QUESTION' },
  // Outside the township, inside the county.
  { name: 's1', unit: () => otherTownship, type: 'NATURAL_PERSON', received: '2020-03-01T10:00:00', concluded: '2020-03-10T10:00:00', outcome: 'DISCLOSED' },
  { name: 's2', unit: () => otherTownship, type: 'COMMERCIAL_ENTERPRISE', received: '2019-10-01T10:00:00' },
];

interface AppealSpec {
  request: string;
  kind: 'RECONSIDERATION' | 'LITIGATION';
  after?: boolean;
  filed: string;
  result: 'UPHELD' | 'CORRECTED' | 'OTHER' | 'PENDING';
  decided?: string;
}

const APPEALS: AppealSpec[] = [
  { request: 'r3', kind: 'RECONSIDERATION', filed: '2020-05-01', result: 'UPHELD', decided: '2020-06-01' },
  // Decided after the year's end: 尚未审结 in the 2020 report.
  { request: 'r4', kind: 'RECONSIDERATION', filed: '2020-06-01', result: 'CORRECTED', decided: '2021-01-10' },
  { request: 'r5', kind: 'RECONSIDERATION', filed: '2020-07-01', result: 'PENDING' },
  { request: 'r7', kind: 'LITIGATION', filed: '2020-08-01', result: 'OTHER', decided: '2020-09-01' },
  { request: 'r3', kind: 'LITIGATION', after: true, filed: '2020-07-01', result: 'CORRECTED', decided: '2020-11-01' },
  { request: 'r4', kind: 'LITIGATION', after: true, filed: '2020-09-01', result: 'UPHELD', decided: '2020-12-31' },
  // Filed the year before.
  { request: 'c1', kind: 'RECONSIDERATION', filed: '2019-12-20', result: 'UPHELD', decided: '2020-02-01' },
  { request: 's1', kind: 'LITIGATION', filed: '2020-04-01', result: 'PENDING' },
];

async function insertOrgUnit(parent: Org, name: string): Promise<{ code: string; name: string }> {
  const parentRow = await prisma().orgUnit.findUniqueOrThrow({ where: { id: parent.uuid } });
  const id = randomUUID();
  const code = `AR${id.slice(0, 8)}`;
  await prisma().orgUnit.create({ data: { id, code, name, kind: 'VILLAGE', parentId: parent.uuid, path: `${parentRow.path}${id}/`, depth: parentRow.depth + 1 } });
  return { code, name };
}

async function insertFixture(): Promise<void> {
  for (const r of REQUESTS) {
    const row = await prisma().concern.create({
      data: {
        trackingNo: `AR-${r.name}-${randomUUID().slice(0, 8)}`,
        kind: (r.kind ?? 'DISCLOSURE_REQUEST') as never,
        orgUnitId: r.unit().uuid,
        subject: `年报测试 ${r.name}`,
        content: '申请公开的信息',
        requesterType: r.type as never,
        receivedAt: at(r.received),
        concludedAt: r.concluded ? at(r.concluded) : null,
        outcome: (r.outcome ?? null) as never,
        outcomeDetail: (r.detail ?? null) as never,
        status: r.concluded ? 'ANSWERED' : 'IN_PROGRESS',
      },
    });
    requestIds.set(r.name, row.id);
  }
  for (const a of APPEALS) {
    await prisma().disclosureAppeal.create({
      data: { concernId: requestIds.get(a.request)!, kind: a.kind, afterReconsideration: a.after ?? false, filedOn: day(a.filed), result: a.result, decidedOn: a.decided ? day(a.decided) : null },
    });
  }

  const domain = await prisma().domain.findFirstOrThrow({ select: { id: true } });
  const matter = async (code: string, reportItem: string | null) =>
    (await prisma().matter.create({ data: { domainId: domain.id, level: 1, code: `AR_TEST.${code}`, name: `年报测试事项 ${code}`, reportItem: reportItem as never } })).id;
  const plain = await matter('PLAIN', null);
  const license = await matter('LICENSE', 'ADMINISTRATIVE_LICENSE');
  const penalty = await matter('PENALTY', 'ADMINISTRATIVE_PENALTY');
  await matter('COERCION', 'ADMINISTRATIVE_COERCION');
  const fee = await matter('FEE', 'ADMINISTRATIVE_FEE');
  const release = (publisher: Org, matterId: string, genre: string, firstPublished: string | null, extra: { repealed?: string; withdrawn?: string } = {}) =>
    prisma().release.create({
      data: {
        matterId,
        publisherId: publisher.uuid,
        stage: 'EXECUTION',
        title: `年报测试 ${genre}`,
        genre,
        status: extra.withdrawn ? 'WITHDRAWN' : extra.repealed ? 'REPEALED' : firstPublished ? 'PUBLISHED' : 'DRAFT',
        firstPublishedAt: firstPublished ? at(firstPublished) : null,
        publishedAt: firstPublished ? at(firstPublished) : null,
        repealedAt: extra.repealed ? day(extra.repealed) : null,
        withdrawnAt: extra.withdrawn ? at(extra.withdrawn) : null,
      },
    });
  await release(township, plain, '规章', '2020-03-01T10:00:00');
  await release(township, plain, '规章', '2018-05-01T10:00:00', { repealed: '2020-06-30' });
  await release(township, plain, '规范性文件', '2019-02-01T10:00:00');
  await release(village, plain, '行政规范性文件', '2020-07-01T10:00:00', { withdrawn: '2020-08-01T10:00:00' });
  await release(township, plain, '行政规范性文件', '2020-09-01T10:00:00', { repealed: '2021-03-01' });
  await release(township, plain, '规范性文件', '2021-01-01T07:00:00');
  await release(township, plain, '通知', '2020-05-01T10:00:00');
  await release(township, plain, '规章', null);
  await release(otherTownship, plain, '规章', '2020-04-01T10:00:00');
  await release(township, license, '通知', '2020-02-01T10:00:00');
  await release(village, license, '通知', '2020-10-01T10:00:00');
  await release(township, penalty, '通知', '2020-03-01T10:00:00');
  await release(township, penalty, '通知', '2019-03-01T10:00:00');
  await release(township, fee, '通知', '2020-11-01T10:00:00');
}

beforeAll(async () => {
  service = await startTestService();
  admin = await asAdmin(service);
  townshipEditor = await asEditorOf(service, 'zhangbaling');
  otherEditor = await asEditorOf(service, 'sanjie');
  channel = await createChannelWithKey(service, admin, 'WEBSITE');
  township = await orgByKey(service, 'zhangbaling');
  village = await orgByKey(service, 'zhangbaling-lingnan');
  otherTownship = await orgByKey(service, 'sanjie');
  county = await orgByKey(service, 'county');
  oddUnit = await insertOrgUnit(township, '测试<script>alert("x")</script>&村');
  await insertFixture();
});

afterAll(async () => {
  await service?.stop();
});

const COUNTS = 'naturalPerson commercialEnterprise researchInstitution publicInterestOrganization legalServiceOrganization otherOrganization total';
const APPEAL_COUNTS = '{ upheld corrected other pending total }';
const REPORT = `query($year: Int!, $org: ID!) { annualReport(year: $year, orgUnitId: $org) {
  year generatedAt orgUnit { code name }
  documents { kind label issued repealed inForce }
  decisions { item label decisions }
  requests { code number label level parentCode ${COUNTS} }
  reclassifiedRequests
  appeals { reconsideration ${APPEAL_COUNTS} directLitigation ${APPEAL_COUNTS} litigationAfterReconsideration ${APPEAL_COUNTS} } } }`;
const DRILL = `query($year: Int!, $org: ID!, $row: String!, $column: RequesterType, $first: Int, $after: String) {
  annualReportRequests(year: $year, orgUnitId: $org, row: $row, requesterColumn: $column, first: $first, after: $after) {
    totalCount edges { node { id trackingNo } } pageInfo { hasNextPage endCursor } } }`;
const APPEAL_DRILL = `query($year: Int!, $org: ID!, $group: AnnualReportAppealGroup!, $column: AnnualReportAppealColumn!) {
  annualReportAppealRequests(year: $year, orgUnitId: $org, group: $group, column: $column, first: 100) { totalCount edges { node { trackingNo } } } }`;

const COLUMN_FIELDS = ['naturalPerson', 'commercialEnterprise', 'researchInstitution', 'publicInterestOrganization', 'legalServiceOrganization', 'otherOrganization', 'total'] as const;
const COLUMN_TYPES: Record<string, string | null> = {
  naturalPerson: 'NATURAL_PERSON',
  commercialEnterprise: 'COMMERCIAL_ENTERPRISE',
  researchInstitution: 'RESEARCH_INSTITUTION',
  publicInterestOrganization: 'PUBLIC_INTEREST_ORGANIZATION',
  legalServiceOrganization: 'LEGAL_SERVICE_ORGANIZATION',
  otherOrganization: 'OTHER_ORGANIZATION',
  total: null,
};

async function report(caller: Caller, org: Org, year = YEAR): Promise<Any> {
  return (await callData(service, caller, REPORT, { year, org: org.id })).annualReport;
}

const rowOf = (r: Any, code: string): Any => {
  const row = r.requests.find((x: Any) => x.code === code);
  if (!row) throw new Error(`no row ${code}`);
  return row;
};

/** [自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计] of a row. */
const cells = (r: Any, code: string): number[] => COLUMN_FIELDS.map((f) => rowOf(r, code)[f]);

const nameOf = (trackingNo: string) => trackingNo.split('-')[1]!;

async function drillNames(caller: Caller, org: Org, row: string, column: string | null): Promise<{ names: string[]; totalCount: number }> {
  const names: string[] = [];
  let after: string | null = null;
  let totalCount = 0;
  // Small pages: the walk goes through the keyset cursors too.
  for (let page = 0; page < 50; page++) {
    const data: Any = (await callData(service, caller, DRILL, { year: YEAR, org: org.id, row, column, first: 4, after })).annualReportRequests;
    totalCount = data.totalCount;
    names.push(...data.edges.map((e: Any) => nameOf(e.node.trackingNo)));
    if (!data.pageInfo.hasNextPage) break;
    after = data.pageInfo.endCursor;
  }
  return { names: names.sort(), totalCount };
}

describe(`annual report: the numbers (${databaseLabel})`, () => {
  it('counts 第三部分 of the township as hand-counted, by requester column', async () => {
    const r = await report(admin, township);
    expect(r.year).toBe(YEAR);
    expect(r.orgUnit.code).toBe(township.code);
    //                                np ce ri pio lso oo total
    expect(cells(r, 'RECEIVED')).toEqual([7, 2, 1, 1, 2, 2, 15]);
    expect(cells(r, 'CARRIED_IN')).toEqual([1, 1, 1, 0, 0, 0, 3]);
    expect(cells(r, 'DISCLOSED')).toEqual([2, 0, 0, 0, 0, 0, 2]);
    expect(cells(r, 'PARTIALLY_DISCLOSED')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(cells(r, 'NOT_DISCLOSED.STATE_SECRET')).toEqual([0, 1, 0, 0, 0, 0, 1]);
    expect(cells(r, 'NOT_DISCLOSED.THIRD_PARTY_RIGHTS')).toEqual([0, 0, 1, 0, 0, 0, 1]);
    expect(cells(r, 'NOT_DISCLOSED.ADMINISTRATIVE_INQUIRY')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(cells(r, 'NOT_DISCLOSED.PROHIBITED_BY_LAW')).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(cells(r, 'NOT_DISCLOSED')).toEqual([1, 1, 1, 0, 0, 0, 3]);
    expect(cells(r, 'UNABLE_TO_PROVIDE.NOT_HELD')).toEqual([0, 0, 0, 1, 0, 0, 1]);
    expect(cells(r, 'UNABLE_TO_PROVIDE.STILL_UNCLEAR')).toEqual([0, 0, 0, 0, 1, 0, 1]);
    expect(cells(r, 'UNABLE_TO_PROVIDE')).toEqual([0, 0, 0, 1, 1, 0, 2]);
    expect(cells(r, 'NOT_PROCESSED.REPEATED')).toEqual([0, 0, 0, 0, 0, 1, 1]);
    expect(cells(r, 'NOT_PROCESSED.CONFIRMATION_REQUESTED')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(cells(r, 'NOT_PROCESSED')).toEqual([1, 0, 0, 0, 0, 1, 2]);
    expect(cells(r, 'OTHER.CORRECTION_NOT_SUPPLIED')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(cells(r, 'OTHER.FEE_UNPAID')).toEqual([0, 1, 0, 0, 0, 0, 1]);
    expect(cells(r, 'OTHER.OTHER')).toEqual([1, 0, 0, 0, 1, 0, 2]);
    expect(cells(r, 'OTHER')).toEqual([2, 1, 0, 0, 1, 0, 4]);
    expect(cells(r, 'CONCLUDED')).toEqual([7, 2, 1, 1, 2, 1, 14]);
    expect(cells(r, 'CARRIED_OUT')).toEqual([1, 1, 1, 0, 0, 1, 4]);
    expect(r.reclassifiedRequests).toBe(1);
    expect(rowOf(r, 'NOT_DISCLOSED.STATE_SECRET')).toMatchObject({ number: '1.', label: '属于国家秘密', level: 2, parentCode: 'NOT_DISCLOSED' });
    expect(rowOf(r, 'CARRIED_IN')).toMatchObject({ number: '二、', level: 0, parentCode: null });
  });

  it('holds 一 + 二 = 三（七） + 四 and parent = Σ sub-rows in every column, for the township and the county', async () => {
    for (const r of [await report(admin, township), await report(admin, county), await report(admin, otherTownship)]) {
      for (const f of COLUMN_FIELDS) {
        const v = (code: string) => rowOf(r, code)[f] as number;
        expect(v('RECEIVED') + v('CARRIED_IN'), `${r.orgUnit.code} ${f}`).toBe(v('CONCLUDED') + v('CARRIED_OUT'));
        for (const parent of r.requests.filter((p: Any) => r.requests.some((c: Any) => c.parentCode === p.code))) {
          const sum = r.requests.filter((c: Any) => c.parentCode === parent.code).reduce((a: number, c: Any) => a + c[f], 0);
          expect(sum, `${parent.code} ${f}`).toBe(parent[f]);
        }
      }
      for (const row of r.requests) expect(row.total).toBe(COLUMN_FIELDS.slice(0, 6).reduce((a, f) => a + row[f], 0));
    }
  });

  it('counts only the subtree: the county adds 三界镇, the township excludes it', async () => {
    const c = await report(admin, county);
    expect(cells(c, 'RECEIVED')).toEqual([8, 2, 1, 1, 2, 2, 16]);
    expect(cells(c, 'CARRIED_IN')).toEqual([1, 2, 1, 0, 0, 0, 4]);
    expect(cells(c, 'DISCLOSED')).toEqual([3, 0, 0, 0, 0, 0, 3]);
    expect(cells(c, 'CARRIED_OUT')).toEqual([1, 2, 1, 0, 0, 1, 5]);
    expect(c.appeals.directLitigation).toEqual({ upheld: 0, corrected: 0, other: 1, pending: 1, total: 2 });
    expect(c.documents.find((d: Any) => d.kind === 'RULE')).toMatchObject({ issued: 2, repealed: 1, inForce: 2 });
    const s = await report(admin, otherTownship);
    expect(cells(s, 'RECEIVED')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(cells(s, 'CARRIED_OUT')).toEqual([0, 1, 0, 0, 0, 0, 1]);
    // A village of the township: only its own two requests and c2.
    const v = await report(admin, village);
    expect(cells(v, 'RECEIVED')[6]).toBe(1);
    expect(cells(v, 'CARRIED_IN')[6]).toBe(1);
  });

  it('counts 第二部分: documents by genre (published, repealed, withdrawn) and decisions by report item', async () => {
    const r = await report(admin, township);
    expect(r.documents).toEqual([
      { kind: 'RULE', label: '规章', issued: 1, repealed: 1, inForce: 1 },
      { kind: 'NORMATIVE_DOCUMENT', label: '行政规范性文件', issued: 2, repealed: 0, inForce: 2 },
    ]);
    expect(r.decisions).toEqual([
      { item: 'ADMINISTRATIVE_LICENSE', label: '行政许可', decisions: 2 },
      { item: 'ADMINISTRATIVE_PENALTY', label: '行政处罚', decisions: 1 },
      { item: 'ADMINISTRATIVE_COERCION', label: '行政强制', decisions: 0 },
      { item: 'ADMINISTRATIVE_FEE', label: '行政事业性收费', decisions: 1 },
    ]);
  });

  it('counts 第四部分: appeals filed in the year by kind, a decision after the year end as 尚未审结', async () => {
    const r = await report(admin, township);
    expect(r.appeals).toEqual({
      reconsideration: { upheld: 1, corrected: 0, other: 0, pending: 2, total: 3 },
      directLitigation: { upheld: 0, corrected: 0, other: 1, pending: 0, total: 1 },
      litigationAfterReconsideration: { upheld: 1, corrected: 1, other: 0, pending: 0, total: 2 },
    });
  });

  it('is empty but whole for a year without data', async () => {
    const r = await report(admin, township, 2010);
    expect(r.requests.every((row: Any) => row.total === 0)).toBe(true);
    expect(r.appeals.reconsideration.total).toBe(0);
  });
});

describe(`annual report: drill-down (${databaseLabel})`, () => {
  it('lists exactly the requests of a cell, its totalCount equal to the cell', async () => {
    const expected: [string, string | null, string[]][] = [
      ['RECEIVED', null, ['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15']],
      ['RECEIVED', 'NATURAL_PERSON', ['r1', 'r2', 'r8', 'r9', 'r12', 'r14', 'r15']],
      ['CARRIED_IN', null, ['c1', 'c2', 'c4']],
      ['CARRIED_OUT', null, ['c2', 'c4', 'r13', 'r14']],
      ['DISCLOSED', 'NATURAL_PERSON', ['c1', 'r1']],
      ['NOT_DISCLOSED', null, ['r3', 'r4', 'r15']],
      ['OTHER.OTHER', null, ['r11', 'r12']],
      ['RECLASSIFIED', null, ['r12']],
      ['UNABLE_TO_PROVIDE.NOT_HELD', 'PUBLIC_INTEREST_ORGANIZATION', ['r5']],
      ['NOT_PROCESSED.REPEATED', 'NATURAL_PERSON', []],
    ];
    for (const [row, column, names] of expected) {
      const got = await drillNames(admin, township, row, column);
      expect(got.names, `${row} ${column}`).toEqual([...names].sort());
      expect(got.totalCount, `${row} ${column}`).toBe(names.length);
    }
  });

  it('agrees with every cell of the report in the 总计 column and the 自然人 column', async () => {
    const r = await report(admin, township);
    for (const row of r.requests) {
      for (const f of ['total', 'naturalPerson'] as const) {
        const data = (await callData(service, admin, DRILL, { year: YEAR, org: township.id, row: row.code, column: COLUMN_TYPES[f], first: 1 })).annualReportRequests;
        expect(data.totalCount, `${row.code} ${f}`).toBe(row[f]);
      }
    }
  });

  it('answers an unknown row code with BAD_USER_INPUT naming the valid codes', async () => {
    const res = await call(service, admin, DRILL, { year: YEAR, org: township.id, row: 'NOPE', column: null });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain('NOT_DISCLOSED.STATE_SECRET');
    expect(res.errors?.[0]?.message).toContain('CARRIED_OUT');
  });

  it('lists the appealed requests of an appeal cell', async () => {
    const names = async (group: string, column: string) =>
      (await callData(service, admin, APPEAL_DRILL, { year: YEAR, org: township.id, group, column })).annualReportAppealRequests.edges.map((e: Any) => nameOf(e.node.trackingNo)).sort();
    expect(await names('RECONSIDERATION', 'PENDING')).toEqual(['r4', 'r5']);
    expect(await names('LITIGATION_AFTER_RECONSIDERATION', 'TOTAL')).toEqual(['r3', 'r4']);
    expect(await names('DIRECT_LITIGATION', 'UPHELD')).toEqual([]);
  });
});

describe(`annual report: who may see it (${databaseLabel})`, () => {
  it('shows the township its own report, not the county\'s or another township\'s', async () => {
    expect((await report(townshipEditor, township)).requests.length).toBeGreaterThan(0);
    expect(await report(townshipEditor, county)).toBeNull();
    expect(await report(otherEditor, township)).toBeNull();
    const drill = await callData(service, otherEditor, DRILL, { year: YEAR, org: township.id, row: 'RECEIVED', column: null });
    expect(drill.annualReportRequests).toBeNull();
  });

  it('gives anonymous callers and channel keys no report', async () => {
    for (const caller of [anonymous, channel]) {
      const res = await call(service, caller, REPORT, { year: YEAR, org: township.id });
      expect(res.data?.annualReport ?? null).toBeNull();
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const drill = await call(service, caller, DRILL, { year: YEAR, org: township.id, row: 'RECEIVED', column: null });
      expect(drill.data?.annualReportRequests ?? null).toBeNull();
    }
  });

  it('refuses a year out of range', async () => {
    const res = await call(service, admin, REPORT, { year: 1999, org: township.id });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe(`annual report: downloads (${databaseLabel})`, () => {
  const path = (ext: string, code: string) => `/reports/annual/${YEAR}.${ext}?orgUnit=${encodeURIComponent(code)}`;
  const bearer = (caller: Caller) => ({ authorization: `Bearer ${caller.token}` });

  async function download(ext: string, code: string, caller: Caller): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
    const res = await fetch(`${service.url}${path(ext, code)}`, { headers: bearer(caller) });
    return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
  }

  it('serves the XLSX in the national layout, with the same numbers', async () => {
    const r = await report(admin, township);
    const res = await download('xlsx', township.code, admin);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const fileName = `${YEAR}年政府信息公开工作年度报告-明光市张八岭镇人民政府.xlsx`;
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(fileName)}`);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.bytes as never);
    const sheet = workbook.worksheets[0]!;
    const find = (text: string) => {
      let found: ExcelJS.Cell | undefined;
      sheet.eachRow((row) => row.eachCell((cell) => {
        if (!found && String(cell.value).startsWith(text)) found = cell;
      }));
      if (!found) throw new Error(`no cell ${text}`);
      return found;
    };
    const merges: string[] = (sheet.model as Any).merges;
    const mergeAt = (cell: ExcelJS.Cell) => merges.find((m) => m.split(':')[0] === cell.address);
    expect(String(sheet.getCell('A1').value)).toBe(`明光市张八岭镇人民政府${YEAR}年政府信息公开工作年度报告`);
    // 申请人情况 spans the 7 number columns (D:J); 法人或其他组织 the 5 organisation columns; 自然人 and 总计 two rows.
    const applicants = find('申请人情况');
    expect(applicants.address).toMatch(/^D\d+$/);
    expect(mergeAt(applicants)).toBe(`${applicants.address}:J${applicants.row}`);
    const legal = find('法人或其他组织');
    expect(mergeAt(legal)).toBe(`E${legal.row}:I${legal.row}`);
    expect(mergeAt(find('自然人'))).toBe(`D${legal.row}:D${Number(legal.row) + 1}`);
    expect(mergeAt(find('总计'))).toBe(`J${legal.row}:J${Number(legal.row) + 1}`);
    expect(sheet.getCell(`E${Number(legal.row) + 1}`).value).toBe('商业企业');
    // 三、本年度办理结果 spans the 22 result rows; （三）不予公开 its 8 sub-rows.
    const results = find('三、本年度办理结果');
    expect(mergeAt(results)).toBe(`A${results.row}:A${Number(results.row) + 21}`);
    const notDisclosed = find('（三）不予公开');
    expect(mergeAt(notDisclosed)).toBe(`B${notDisclosed.row}:B${Number(notDisclosed.row) + 7}`);
    expect(find('1.属于国家秘密').row).toBe(notDisclosed.row);
    const numbersOf = (label: string) => {
      const row = sheet.getRow(Number(find(label).row));
      return ['D', 'E', 'F', 'G', 'H', 'I', 'J'].map((c) => row.getCell(c).value);
    };
    expect(numbersOf('一、本年新收')).toEqual(cells(r, 'RECEIVED'));
    expect(numbersOf('四、结转下年度继续办理')).toEqual(cells(r, 'CARRIED_OUT'));
    expect(numbersOf('（七）总计')).toEqual(cells(r, 'CONCLUDED'));
    expect(numbersOf('1.属于国家秘密')).toEqual(cells(r, 'NOT_DISCLOSED.STATE_SECRET'));
    // 第四部分: 行政复议 over five columns, 行政诉讼 over ten.
    const reconsideration = find('行政复议');
    expect(mergeAt(reconsideration)).toBe(`A${reconsideration.row}:E${reconsideration.row}`);
    expect(mergeAt(find('行政诉讼'))).toBe(`F${reconsideration.row}:O${reconsideration.row}`);
    const appealRow = sheet.getRow(Number(reconsideration.row) + 3);
    expect([1, 2, 3, 4, 5].map((c) => appealRow.getCell(c).value)).toEqual([1, 0, 0, 2, 3]);
    expect(applicants.border?.top?.style).toBe('thin');
    expect(sheet.getColumn(3).width).toBeGreaterThan(20);
  });

  it('serves the CSV with a BOM and the same rows', async () => {
    const res = await httpRequest(service, { method: 'GET', path: path('csv', township.code), headers: bearer(admin) });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.text.startsWith('\uFEFF')).toBe(true);
    const lines = res.text.split('\r\n');
    expect(lines).toContain('一、本年新收政府信息公开申请数量,,,7,2,1,1,2,2,15');
    expect(lines).toContain('四、结转下年度继续办理,,,1,1,1,0,0,1,4');
    expect(lines).toContain(',（三）不予公开,1.属于国家秘密,0,1,0,0,0,0,1');
    expect(lines).toContain(',,2.其他法律行政法规禁止公开,0,0,0,0,0,0,0');
  });

  it('serves a printable HTML page, every text escaped, no scripts', async () => {
    const res = await httpRequest(service, { method: 'GET', path: path('html', oddUnit.code), headers: bearer(admin) });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.headers['content-disposition']).toMatch(/^inline; /);
    expect(res.text).toContain('@media print');
    expect(res.text).not.toContain('<script');
    expect(res.text).toContain('测试&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;&#38;村');
    const own = await httpRequest(service, { method: 'GET', path: path('html', township.code), headers: bearer(townshipEditor) });
    expect(own.status).toBe(200);
    expect(own.text).toContain('<td colspan="3">一、本年新收政府信息公开申请数量</td><td class="n">7</td>');
  });

  it('answers 401 without a staff token and 404 out of scope', async () => {
    const p = path('xlsx', township.code);
    expect((await httpRequest(service, { method: 'GET', path: p })).status).toBe(401);
    expect((await httpRequest(service, { method: 'GET', path: p, headers: { authorization: `ApiKey ${channel.apiKey}` } })).status).toBe(401);
    expect((await httpRequest(service, { method: 'GET', path: p, headers: { authorization: 'Bearer not-a-token' } })).status).toBe(401);
    const outside = await httpRequest(service, { method: 'GET', path: path('csv', county.code), headers: bearer(townshipEditor) });
    expect(outside.status).toBe(404);
    expect(outside.headers['cache-control']).toBe('private, no-store');
    expect((await httpRequest(service, { method: 'GET', path: path('csv', 'NO-SUCH-UNIT'), headers: bearer(admin) })).status).toBe(404);
    expect((await httpRequest(service, { method: 'GET', path: `/reports/annual/${YEAR}.csv`, headers: bearer(admin) })).status).toBe(400);
  });
});
