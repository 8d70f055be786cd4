// The catalog read API over HTTP, as an anonymous caller sees it: domains, the matter tree with
// each matter's disclosure standard, the org tree, and Relay refetching by global id.
// Expected values come from the seed data (src/seed/data/catalog.ts, org-tree.ts) or are
// recomputed here independently (ordering, checksums), never read back from the code under test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestService, type TestService } from './harness.js';

let service: TestService;

beforeAll(async () => {
  service = await startTestService();
});

afterAll(async () => {
  await service?.stop();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const PILOT_DOMAINS: [code: string, name: string][] = [
  ['LAND_EXPROPRIATION', '征地补偿'],
  ['HOUSING_EXPROPRIATION', '拆迁安置'],
  ['AFFORDABLE_HOUSING', '保障性住房'],
  ['RURAL_HOUSING_RENOVATION', '农村危房改造'],
  ['POVERTY_RELIEF', '扶贫救灾'],
  ['MUNICIPAL_SERVICES', '市政服务'],
  ['PUBLIC_RESOURCE_TRADING', '公共资源交易'],
  ['COMPULSORY_EDUCATION', '义务教育'],
];

const globalId = (type: string, uuid: string) => Buffer.from(`${type}:${uuid}`).toString('base64url');

/** UTF-8 byte order = code-point order = the C collation both test databases use for `code`. */
const byteCompare = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

async function gqlData(query: string, variables?: Record<string, unknown>): Promise<Any> {
  return dataOf(await service.gql<Any>(query, variables));
}

interface MatterRow {
  id: string;
  code: string;
  name: string;
  description: string | null;
  level: number;
  domain: { code: string };
  parent: { id: string } | null;
}

/** Pages through `matters(filter:)` with `after`; returns the rows and every page's totalCount. */
async function allMatters(filter: Record<string, unknown> | null, pageSize = 20): Promise<{ rows: MatterRow[]; totalCounts: number[]; pages: number }> {
  const rows: MatterRow[] = [];
  const totalCounts: number[] = [];
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const data = await gqlData(
      `query($first: Int!, $after: String, $filter: MatterFilter) {
        matters(first: $first, after: $after, filter: $filter) {
          totalCount
          pageInfo { hasNextPage endCursor }
          edges { node { id code name description level domain { code } parent { id } } }
        }
      }`,
      { first: pageSize, after, filter },
    );
    pages++;
    totalCounts.push(data.matters.totalCount);
    rows.push(...data.matters.edges.map((e: Any) => e.node));
    if (!data.matters.pageInfo.hasNextPage) break;
    after = data.matters.pageInfo.endCursor;
    if (pages > 50) throw new Error('matters: paging does not terminate');
  }
  return { rows, totalCounts, pages };
}

describe('Catalog: domains', () => {
  it('lists the 8 pilot domains in sort order with their codes and Chinese names', async () => {
    const data = await gqlData(`{ domains { totalCount edges { node { id code name sortOrder description } } } }`);
    const nodes = data.domains.edges.map((e: Any) => e.node);
    expect(data.domains.totalCount).toBe(8);
    expect(nodes.map((n: Any) => [n.code, n.name])).toEqual(PILOT_DOMAINS);
    const sortOrders = nodes.map((n: Any) => n.sortOrder);
    expect(sortOrders).toEqual([...sortOrders].sort((a, b) => a - b));
    expect(new Set(sortOrders).size).toBe(8);
    for (const n of nodes) expect(n.description, n.code).toMatch(/\S/);
  });

  it('pages forward with first: 3 and after, covering every domain once, in order', async () => {
    const seen: string[] = [];
    const pageSizes: number[] = [];
    const hasNext: boolean[] = [];
    let after: string | null = null;
    for (let i = 0; i < 5; i++) {
      const data = await gqlData(
        `query($after: String) { domains(first: 3, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { code } } } }`,
        { after },
      );
      expect(data.domains.totalCount).toBe(8);
      const edges = data.domains.edges;
      seen.push(...edges.map((e: Any) => e.node.code));
      pageSizes.push(edges.length);
      hasNext.push(data.domains.pageInfo.hasNextPage);
      expect(data.domains.pageInfo.endCursor).toBe(edges.at(-1)?.cursor ?? null);
      if (!data.domains.pageInfo.hasNextPage) break;
      after = data.domains.pageInfo.endCursor;
    }
    expect(pageSizes).toEqual([3, 3, 2]);
    expect(hasNext).toEqual([true, true, false]);
    expect(seen).toEqual(PILOT_DOMAINS.map(([code]) => code));
  });

  it('pages backward with last: 3 to the last three domains', async () => {
    const data = await gqlData(`{ domains(last: 3) { pageInfo { hasPreviousPage hasNextPage } edges { node { code } } } }`);
    expect(data.domains.edges.map((e: Any) => e.node.code)).toEqual(PILOT_DOMAINS.slice(5).map(([code]) => code));
    expect(data.domains.pageInfo.hasPreviousPage).toBe(true);
  });

  it('finds one domain by code and answers null for an unknown code', async () => {
    const list = await gqlData(`{ domains { edges { node { id code } } } }`);
    const education = list.domains.edges.find((e: Any) => e.node.code === 'COMPULSORY_EDUCATION').node;
    const data = await gqlData(
      `{ known: domain(code: "COMPULSORY_EDUCATION") { id code name } unknown: domain(code: "NO_SUCH_DOMAIN") { id } lower: domain(code: "compulsory_education") { id } }`,
    );
    expect(data.known).toEqual({ id: education.id, code: 'COMPULSORY_EDUCATION', name: '义务教育' });
    expect(data.unknown).toBeNull();
    // Codes are exact identifiers, not a search.
    expect(data.lower).toBeNull();
  });
});

describe('Catalog: matters list and filters', () => {
  let everything: MatterRow[];

  beforeAll(async () => {
    everything = (await allMatters(null)).rows;
  });

  it('pages through every matter once, in code order, with totalCount agreeing with the edges', async () => {
    const { rows, totalCounts, pages } = await allMatters(null, 20);
    expect(pages).toBeGreaterThan(1);
    expect(new Set(totalCounts)).toEqual(new Set([rows.length]));
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    const codes = rows.map((r) => r.code);
    expect(codes).toEqual([...codes].sort(byteCompare));
    // A parent precedes its children.
    const position = new Map(rows.map((r, i) => [r.id, i]));
    for (const [i, r] of rows.entries()) {
      if (r.parent) expect(position.get(r.parent.id), r.code).toBeLessThan(i);
    }
    // Every domain has matters, and the catalog has both levels.
    expect(new Set(rows.map((r) => r.domain.code))).toEqual(new Set(PILOT_DOMAINS.map(([c]) => c)));
    expect(new Set(rows.map((r) => r.level))).toEqual(new Set([1, 2]));
  });

  it('filters by domainCode', async () => {
    const { rows, totalCounts } = await allMatters({ domainCode: 'LAND_EXPROPRIATION' });
    expect(rows.length).toBeGreaterThan(0);
    expect(totalCounts[0]).toBe(rows.length);
    expect(rows.every((r) => r.domain.code === 'LAND_EXPROPRIATION')).toBe(true);
    expect(rows.map((r) => r.id)).toEqual(everything.filter((r) => r.domain.code === 'LAND_EXPROPRIATION').map((r) => r.id));
    const unknown = await allMatters({ domainCode: 'NO_SUCH_DOMAIN' });
    expect(unknown.rows).toEqual([]);
    expect(unknown.totalCounts).toEqual([0]);
  });

  it('filters by level', async () => {
    const one = await allMatters({ level: 1 });
    const two = await allMatters({ level: 2 });
    expect(one.rows.every((r) => r.level === 1 && r.parent === null)).toBe(true);
    expect(two.rows.every((r) => r.level === 2 && r.parent !== null)).toBe(true);
    expect(one.totalCounts[0]).toBe(one.rows.length);
    expect(two.totalCounts[0]).toBe(two.rows.length);
    expect(one.rows.length + two.rows.length).toBe(everything.length);
    const three = await allMatters({ level: 3 });
    expect(three.rows).toEqual([]);
  });

  it('filters by parentId: the global id of a 一级 matter gives exactly its children', async () => {
    const parent = everything.find((r) => r.code === 'LAND_EXPROPRIATION.04')!;
    expect(parent.level).toBe(1);
    const { rows, totalCounts } = await allMatters({ parentId: parent.id });
    const expected = everything.filter((r) => r.parent?.id === parent.id);
    expect(expected.length).toBeGreaterThan(1);
    expect(rows.map((r) => r.code)).toEqual(expected.map((r) => r.code));
    expect(totalCounts[0]).toBe(expected.length);
    expect(rows.every((r) => r.code.startsWith('LAND_EXPROPRIATION.04.'))).toBe(true);
  });

  it('searches a Chinese substring of the name, code or description (招生, 征收)', async () => {
    for (const term of ['招生', '征收']) {
      const { rows, totalCounts } = await allMatters({ search: term });
      expect(rows.length, term).toBeGreaterThan(0);
      expect(totalCounts[0]).toBe(rows.length);
      for (const r of rows) expect(`${r.name}|${r.code}|${r.description ?? ''}`, term).toContain(term);
      const expected = everything.filter((r) => `${r.name}|${r.code}|${r.description ?? ''}`.includes(term));
      expect(rows.map((r) => r.code).sort()).toEqual(expected.map((r) => r.code).sort());
    }
    const enrolment = await allMatters({ search: '招生' });
    expect(enrolment.rows.map((r) => r.name)).toEqual(expect.arrayContaining(['招生管理', '招生政策', '招生范围']));
    const expropriation = await allMatters({ search: '征收' });
    // 征收 appears in both the land and the housing expropriation domains.
    expect(new Set(expropriation.rows.map((r) => r.domain.code))).toEqual(new Set(['LAND_EXPROPRIATION', 'HOUSING_EXPROPRIATION']));
  });

  // Search escapes LIKE wildcards (Prisma does not: prisma/orm#19506), or "%" would find every
  // matter and "_" every org unit although none contains them.
  it('treats % and _ in search as literal characters, not LIKE wildcards', async () => {
    const matters = await allMatters({ search: '%' });
    expect(matters.rows.map((r) => r.code)).toEqual(everything.filter((r) => `${r.name}|${r.code}|${r.description ?? ''}`.includes('%')).map((r) => r.code));
    const units = await gqlData(`{ orgUnits(filter: { search: "_" }) { name code } }`);
    expect(units.orgUnits.filter((u: Any) => !`${u.name}|${u.code}`.includes('_'))).toEqual([]);
  });

  it('searches codes case-insensitively', async () => {
    const { rows } = await allMatters({ search: 'land_expropriation.02' });
    expect(rows.map((r) => r.code)).toEqual(['LAND_EXPROPRIATION.02', 'LAND_EXPROPRIATION.02.01', 'LAND_EXPROPRIATION.02.02']);
  });

  it('combines filters as an intersection', async () => {
    const bySearch = await allMatters({ search: '征收' });
    const combined = await allMatters({ search: '征收', domainCode: 'LAND_EXPROPRIATION', level: 2 });
    const expected = bySearch.rows.filter((r) => r.domain.code === 'LAND_EXPROPRIATION' && r.level === 2);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(bySearch.rows.length);
    expect(combined.rows.map((r) => r.code)).toEqual(expected.map((r) => r.code));
    expect(combined.totalCounts[0]).toBe(expected.length);

    const education = await allMatters({ search: '招生', domainCode: 'COMPULSORY_EDUCATION', level: 2 });
    expect(education.rows.map((r) => r.name)).toEqual(['招生政策', '招生范围']);
    const parent = everything.find((r) => r.name === '招生管理')!;
    const children = await allMatters({ parentId: parent.id, search: '范围' });
    expect(children.rows.map((r) => r.name)).toEqual(['招生范围']);
    const mismatch = await allMatters({ parentId: parent.id, domainCode: 'LAND_EXPROPRIATION' });
    expect(mismatch.rows).toEqual([]);
  });

  it('rejects a parentId that is the global id of a Domain with BAD_USER_INPUT', async () => {
    const domains = await gqlData(`{ domains(first: 1) { edges { node { id } } } }`);
    const domainId = domains.domains.edges[0].node.id;
    const res = await service.gql<Any>(`query($f: MatterFilter) { matters(filter: $f) { totalCount edges { node { id } } } }`, {
      f: { parentId: domainId },
    });
    expect(res.data?.matters ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('rejects level 7 with BAD_USER_INPUT', async () => {
    const res = await service.gql<Any>(`{ matters(filter: { level: 7 }) { edges { node { id } } } }`);
    expect(res.data?.matters ?? null).toBeNull();
    expect(res.errors?.map((e) => e.extensions?.code)).toContain('BAD_USER_INPUT');
    expect(res.errors?.every((e) => e.extensions?.code === 'BAD_USER_INPUT')).toBe(true);
  });
});

const STANDARD_FIELDS = `
  id
  legalBasis { kind title docNo articles }
  contentElements { name required }
  responsibleText
  responsibleOrg { id code name }
  timeLimit { text trigger amount unit before displayPeriod { amount unit } }
  requiredChannels
  optionalChannels
  audience
  audienceNote
  mode
  levels
  stages
  catalogVersion { id number status effectiveFrom }
  matter { id }
`;

describe('Catalog: the disclosure standard of each 二级 matter', () => {
  let domains: Any[];

  beforeAll(async () => {
    // One domain per request keeps each document under the server's query cost limit.
    domains = [];
    for (const [code] of PILOT_DOMAINS) {
      const data = await gqlData(
        `query($code: String!) { domain(code: $code) { code matters { id level standard { id } children { id code name level standard { ${STANDARD_FIELDS} } } } } }`,
        { code },
      );
      domains.push(data.domain);
    }
  });

  it('gives every domain at least four 二级 matters', () => {
    expect(domains.map((d) => d.code)).toEqual(PILOT_DOMAINS.map(([c]) => c));
    for (const d of domains) {
      const second = d.matters.flatMap((m: Any) => m.children);
      expect(second.length, d.code).toBeGreaterThanOrEqual(4);
      expect(second.every((m: Any) => m.level === 2), d.code).toBe(true);
    }
  });

  it('gives every 二级 matter a complete standard', () => {
    const kinds = ['LAW', 'ADMINISTRATIVE_REGULATION', 'LOCAL_REGULATION', 'RULE', 'NORMATIVE_DOCUMENT', 'OTHER'];
    let checked = 0;
    for (const d of domains) {
      for (const m of d.matters.flatMap((x: Any) => x.children)) {
        const s = m.standard;
        const where = `${m.code} ${m.name}`;
        expect(s, where).not.toBeNull();
        expect(s.matter.id, where).toBe(m.id);
        expect(s.catalogVersion, where).toMatchObject({ number: 1, status: 'ACTIVE', effectiveFrom: '2017-11-03' });
        // 依据
        expect(s.legalBasis.length, where).toBeGreaterThan(0);
        for (const c of s.legalBasis) {
          expect(kinds, where).toContain(c.kind);
          expect(c.title, where).toMatch(/^《.+》$/);
        }
        // 内容要求: ● at least one required element
        expect(s.contentElements.length, where).toBeGreaterThan(0);
        expect(s.contentElements.some((e: Any) => e.required === true), where).toBe(true);
        for (const e of s.contentElements) expect(e.name, where).toMatch(/\S/);
        // 主体
        expect(s.responsibleText, where).toMatch(/\S/);
        expect(s.responsibleOrg?.code, where).toMatch(/^[0-9A-Z]{18}$/);
        // 时限: verbatim text plus a parsed rule whose amount and unit come together
        expect(s.timeLimit.text, where).toMatch(/\S/);
        expect(s.timeLimit.trigger, where).toMatch(/^[A-Z_]+$/);
        expect(s.timeLimit.amount === null, where).toBe(s.timeLimit.unit === null);
        if (s.timeLimit.amount !== null) expect(s.timeLimit.amount, where).toBeGreaterThanOrEqual(0);
        if (s.timeLimit.before) expect(s.timeLimit.amount, where).toBeGreaterThan(0);
        // 渠道 ■ required, 对象, 方式, 层级, 五公开
        expect(s.requiredChannels.length, where).toBeGreaterThan(0);
        expect(s.requiredChannels.filter((c: string) => s.optionalChannels.includes(c)), where).toEqual([]);
        expect(['PUBLIC', 'SPECIFIC_GROUP'], where).toContain(s.audience);
        if (s.audience === 'SPECIFIC_GROUP') expect(s.audienceNote, where).toMatch(/\S/);
        expect(['PROACTIVE', 'ON_REQUEST'], where).toContain(s.mode);
        expect(s.levels.length, where).toBeGreaterThan(0);
        expect(s.stages.length, where).toBeGreaterThan(0);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(32);
  });

  it('has no standard on a 一级 matter (it has sub-matters)', () => {
    const first = domains.flatMap((d) => d.matters);
    expect(first.length).toBeGreaterThan(0);
    for (const m of first) {
      expect(m.level).toBe(1);
      expect(m.children.length).toBeGreaterThan(0);
      expect(m.standard).toBeNull();
    }
  });

  it('parses 征地批准文件 as 10 working days from receipt of the approval', async () => {
    const data = await gqlData(
      `{ matters(filter: { domainCode: "LAND_EXPROPRIATION", search: "征地批准文件" }) { edges { node { name level standard { timeLimit { text amount unit trigger before displayPeriod { amount } } } } } } }`,
    );
    const nodes = data.matters.edges.map((e: Any) => e.node).filter((n: Any) => n.name === '征地批准文件');
    expect(nodes).toHaveLength(1);
    expect(nodes[0].level).toBe(2);
    expect(nodes[0].standard.timeLimit).toEqual({
      text: '收到征地批准文件之日起10个工作日内公开',
      amount: 10,
      unit: 'WORKING_DAYS',
      trigger: 'APPROVAL_RECEIVED',
      before: false,
      displayPeriod: null,
    });
  });

  it('gives 教师职称评审 a display period of 7 working days beside its 3-working-day deadline', async () => {
    const data = await gqlData(
      `{ matters(filter: { search: "教师职称评审" }) { edges { node { name domain { code } standard { audience audienceNote timeLimit { text amount unit displayPeriod { amount unit } } } } } } }`,
    );
    const nodes = data.matters.edges.map((e: Any) => e.node);
    expect(nodes).toHaveLength(1);
    expect(nodes[0].domain.code).toBe('COMPULSORY_EDUCATION');
    expect(nodes[0].standard.timeLimit.displayPeriod).toEqual({ amount: 7, unit: 'WORKING_DAYS' });
    expect(nodes[0].standard.timeLimit).toMatchObject({ amount: 3, unit: 'WORKING_DAYS' });
    expect(nodes[0].standard.timeLimit.text).toContain('公示时间不少于7个工作日');
    expect(nodes[0].standard).toMatchObject({ audience: 'SPECIFIC_GROUP', audienceNote: '教师' });
  });

  it('marks the 听证 notice as due 7 working days BEFORE the hearing', async () => {
    const data = await gqlData(
      `{ matters(filter: { domainCode: "LAND_EXPROPRIATION", search: "征地补偿安置听证" }) { edges { node { standard { timeLimit { trigger amount unit before } } } } } }`,
    );
    expect(data.matters.edges.map((e: Any) => e.node.standard.timeLimit)).toEqual([
      { trigger: 'HEARING_HELD', amount: 7, unit: 'WORKING_DAYS', before: true },
    ]);
  });
});

describe('Catalog: matter tree consistency', () => {
  it('keeps Matter.children, Matter.parent and Matter.domain consistent in both directions', async () => {
    const data = await gqlData(
      `{ domains { edges { node { id code matters { id level domain { id } parent { id } children { id level code domain { id code } parent { id level domain { id } } children { id } } } } } } }`,
    );
    let children = 0;
    for (const { node: d } of data.domains.edges) {
      expect(d.matters.length, d.code).toBeGreaterThan(0);
      for (const m of d.matters) {
        expect(m.level).toBe(1);
        expect(m.parent).toBeNull();
        expect(m.domain.id).toBe(d.id);
        const codes = m.children.map((c: Any) => c.code);
        expect(codes).toEqual([...codes].sort(byteCompare));
        for (const c of m.children) {
          expect(c.level).toBe(2);
          expect(c.parent).toEqual({ id: m.id, level: 1, domain: { id: d.id } });
          expect(c.domain).toEqual({ id: d.id, code: d.code });
          expect(c.code.startsWith(`${d.code}.`)).toBe(true);
          expect(c.children).toEqual([]);
          children++;
        }
      }
    }
    expect(children).toBeGreaterThanOrEqual(32);
  });

  it('answers the same tree through matters(filter: { parentId }) as through Matter.children', async () => {
    const tree = await gqlData(`{ domain(code: "HOUSING_EXPROPRIATION") { matters { id children { id } } } }`);
    for (const m of tree.domain.matters) {
      const { rows } = await allMatters({ parentId: m.id });
      expect(rows.map((r) => r.id)).toEqual(m.children.map((c: Any) => c.id));
    }
  });
});

interface OrgRow {
  id: string;
  code: string;
  name: string;
  shortName: string | null;
  kind: string;
  depth: number;
  sortOrder: number;
  active: boolean;
  parent: { id: string } | null;
  children: { id: string; kind: string; name: string }[];
}

const ORG_FIELDS = `id code name shortName kind depth sortOrder active parent { id } children { id kind name }`;

/** GB 32100-2015 check character of an 18-character 统一社会信用代码, computed independently. */
function creditCodeIsValid(code: string): boolean {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return false;
  let sum = 0;
  let weight = 1;
  for (let i = 0; i < 17; i++) {
    sum += chars.indexOf(code[i]!) * weight;
    weight = (weight * 3) % 31;
  }
  const check = chars[(31 - (sum % 31)) % 31];
  // The embedded 9-character 组织机构代码 (GB 11714-1997) has its own check digit.
  const org = code.slice(8, 17);
  const orgWeights = [3, 7, 9, 10, 5, 8, 4, 2];
  const orgSum = [...org.slice(0, 8)].reduce((acc, c, i) => acc + (/\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55) * orgWeights[i]!, 0);
  const orgCheck = 11 - (orgSum % 11);
  const orgCheckChar = orgCheck === 10 ? 'X' : orgCheck === 11 ? '0' : String(orgCheck);
  return code[17] === check && org[8] === orgCheckChar;
}

describe('Catalog: the org tree', () => {
  let units: OrgRow[];

  beforeAll(async () => {
    units = (await gqlData(`{ orgUnits { ${ORG_FIELDS} } }`)).orgUnits;
  });

  it('starts with the county government at depth 0 and lists each unit after its parent', () => {
    expect(units.length).toBeGreaterThan(20);
    expect(units[0]).toMatchObject({ name: '明光市人民政府', depth: 0, kind: 'COUNTY_GOVERNMENT', parent: null });
    expect(units.filter((u) => u.parent === null)).toHaveLength(1);
    const index = new Map(units.map((u, i) => [u.id, i]));
    const byId = new Map(units.map((u) => [u.id, u]));
    for (const [i, u] of units.entries()) {
      if (!u.parent) continue;
      expect(index.get(u.parent.id), u.name).toBeLessThan(i);
      expect(u.depth, u.name).toBe(byId.get(u.parent.id)!.depth + 1);
    }
  });

  it('lists each subtree contiguously, siblings in sort order (depth-first)', () => {
    const byId = new Map(units.map((u) => [u.id, u]));
    // Recompute the depth-first order from parent links and sortOrder.
    const childrenOf = (id: string | null) =>
      units.filter((u) => (u.parent?.id ?? null) === id).sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh-CN'));
    const expected: string[] = [];
    const visit = (id: string | null) => {
      for (const c of childrenOf(id)) {
        expected.push(c.id);
        visit(c.id);
      }
    };
    visit(null);
    expect(units.map((u) => byId.get(u.id)!.name)).toEqual(expected.map((id) => byId.get(id)!.name));
    // OrgUnit.children agrees with the parent links.
    for (const u of units) expect(u.children.map((c) => c.id), u.name).toEqual(childrenOf(u.id).map((c) => c.id));
  });

  it('gives townships such as 明光市张八岭镇人民政府 their VILLAGE children', () => {
    const townships = units.filter((u) => u.kind === 'TOWNSHIP');
    expect(townships.map((t) => t.name)).toContain('明光市张八岭镇人民政府');
    for (const t of townships) {
      expect(t.depth).toBe(1);
      expect(t.children.length, t.name).toBeGreaterThan(0);
      expect(t.children.every((c) => c.kind === 'VILLAGE'), t.name).toBe(true);
    }
    const zhangbaling = units.find((u) => u.name === '明光市张八岭镇人民政府')!;
    expect(zhangbaling.children.map((c) => c.name)).toEqual(['张八岭镇岭南村村民委员会', '张八岭镇沙坝村村民委员会', '张八岭镇东山村村民委员会']);
  });

  it('gives every unit a unique 18-character code with valid check characters', () => {
    const codes = units.map((u) => u.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const u of units) {
      expect(u.code, u.name).toHaveLength(18);
      expect(creditCodeIsValid(u.code), `${u.name} ${u.code}`).toBe(true);
    }
  });

  it('filters by kinds [TOWNSHIP]', async () => {
    const data = await gqlData(`{ orgUnits(filter: { kinds: [TOWNSHIP] }) { name kind } }`);
    expect(data.orgUnits.map((u: Any) => u.name)).toEqual(units.filter((u) => u.kind === 'TOWNSHIP').map((u) => u.name));
    expect(data.orgUnits.map((u: Any) => u.name)).toEqual([
      '明光市张八岭镇人民政府',
      '明光市三界镇人民政府',
      '明光市女山湖镇人民政府',
      '明光市潘村镇人民政府',
    ]);
    const two = await gqlData(`{ orgUnits(filter: { kinds: [TOWNSHIP, SUBDISTRICT] }) { kind } }`);
    expect(new Set(two.orgUnits.map((u: Any) => u.kind))).toEqual(new Set(['TOWNSHIP', 'SUBDISTRICT']));
    expect(two.orgUnits).toHaveLength(5);
  });

  it('searches names and codes, keeping tree order within the result', async () => {
    const data = await gqlData(`{ orgUnits(filter: { search: "张八岭" }) { name kind } }`);
    expect(data.orgUnits.map((u: Any) => u.name)).toEqual([
      '明光市张八岭镇人民政府',
      '张八岭镇岭南村村民委员会',
      '张八岭镇沙坝村村民委员会',
      '张八岭镇东山村村民委员会',
    ]);
    const office = units.find((u) => u.kind === 'GOVERNMENT_OFFICE')!;
    const byCode = await gqlData(`query($s: String) { orgUnits(filter: { search: $s }) { name } }`, { s: office.code.toLowerCase() });
    expect(byCode.orgUnits.map((u: Any) => u.name)).toEqual([office.name]);
    const none = await gqlData(`{ orgUnits(filter: { search: "不存在的机构" }) { name } }`);
    expect(none.orgUnits).toEqual([]);
  });

  it('finds a unit by code with orgUnit(code:) and answers null for an unknown code', async () => {
    const township = units.find((u) => u.name === '明光市张八岭镇人民政府')!;
    const data = await gqlData(`query($code: String!) { orgUnit(code: $code) { ${ORG_FIELDS} } unknown: orgUnit(code: "000000000000000000") { id } }`, {
      code: township.code,
    });
    expect(data.orgUnit).toEqual(township);
    expect(data.unknown).toBeNull();
  });
});

describe('Catalog: refetching by global id', () => {
  it('refetches a Domain, a Matter, a Standard, a CatalogVersion and an OrgUnit by id with the same data', async () => {
    const source = await gqlData(`{
      domain(code: "LAND_EXPROPRIATION") {
        id code name description sortOrder
        matters { children { id code name level description sortOrder domain { id } parent { id }
          standard { id responsibleText legalBasis { kind title docNo articles } timeLimit { text amount unit trigger }
            catalogVersion { id number title status effectiveFrom }
            responsibleOrg { id code name depth kind parent { id } } } } }
      }
    }`);
    const domain = source.domain;
    const matter = domain.matters[1].children[1];
    const standard = matter.standard;
    const version = standard.catalogVersion;
    const org = standard.responsibleOrg;
    expect(matter.name).toBe('征地批准文件');

    const data = await gqlData(
      `query($ids: [ID!]!, $d: ID!, $m: ID!, $s: ID!, $v: ID!, $o: ID!) {
        d: node(id: $d) { __typename id ... on Domain { code name description sortOrder } }
        m: node(id: $m) { __typename id ... on Matter { code name level description sortOrder domain { id } parent { id } } }
        s: node(id: $s) { __typename id ... on Standard { responsibleText legalBasis { kind title docNo articles } timeLimit { text amount unit trigger } matter { id } } }
        v: node(id: $v) { __typename id ... on CatalogVersion { number title status effectiveFrom } }
        o: node(id: $o) { __typename id ... on OrgUnit { code name depth kind parent { id } } }
        all: nodes(ids: $ids) { __typename id }
      }`,
      { d: domain.id, m: matter.id, s: standard.id, v: version.id, o: org.id, ids: [org.id, domain.id, matter.id] },
    );
    const { matters: _matters, ...domainFields } = domain;
    expect(data.d).toEqual({ __typename: 'Domain', ...domainFields });
    const { standard: _standard, ...matterFields } = matter;
    expect(data.m).toEqual({ __typename: 'Matter', ...matterFields });
    const { catalogVersion: _v, responsibleOrg: _o, ...standardFields } = standard;
    expect(data.s).toEqual({ __typename: 'Standard', ...standardFields, matter: { id: matter.id } });
    expect(data.v).toEqual({ __typename: 'CatalogVersion', ...version });
    expect(data.o).toEqual({ __typename: 'OrgUnit', ...org });
    expect(data.all).toEqual([
      { __typename: 'OrgUnit', id: org.id },
      { __typename: 'Domain', id: domain.id },
      { __typename: 'Matter', id: matter.id },
    ]);
  });

  it('encodes ids as base64url("Type:uuid")', async () => {
    const data = await gqlData(`{ domain(code: "POVERTY_RELIEF") { id } orgUnits(filter: { kinds: [COUNTY_GOVERNMENT] }) { id } }`);
    for (const [id, type] of [
      [data.domain.id, 'Domain'],
      [data.orgUnits[0].id, 'OrgUnit'],
    ] as const) {
      expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(Buffer.from(id, 'base64url').toString('utf8')).toMatch(new RegExp(`^${type}:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`));
    }
  });

  it('answers null for a well-formed id whose type does not match the row', async () => {
    const data = await gqlData(`{ domain(code: "POVERTY_RELIEF") { id } }`);
    const uuid = Buffer.from(data.domain.id, 'base64url').toString('utf8').split(':')[1]!;
    const res = await service.gql<Any>(`query($a: ID!, $b: ID!) { a: node(id: $a) { id } b: node(id: $b) { id } }`, {
      a: globalId('Matter', uuid),
      b: globalId('Domain', uuid),
    });
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ a: null, b: { id: data.domain.id } });
  });
});
