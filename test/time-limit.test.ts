// parseTimeLimit over the 公开时限 wording of real catalogs (reference/openness-domain.md §2)
// and over every standard of the seeded pilot catalog. Pure unit tests: no database.
import { describe, expect, it } from 'vitest';
import { parseNumber, parseTimeLimit, STATUTORY_DEFAULT, type TimeLimitRule } from '../src/modules/catalog/time-limit.js';
import { catalog } from '../src/seed/data/catalog.js';
import type { SeedMatter, SeedStandard } from '../src/seed/data/catalog.types.js';

type Expected = Partial<TimeLimitRule>;

// [wording as the source catalog writes it, the rule the calculator must apply]
const REAL_WORDINGS: [string, Expected][] = [
  // 条例 第26条, the statutory default
  ['信息形成或者变更之日起20个工作日内', { trigger: 'INFORMATION_FORMED', amount: 20, unit: 'WORKING_DAYS', before: false, displayPeriod: null }],
  // 征地批准文件 (Zhangzhou)
  ['收到征地批准文件之日起10个工作日内公开', { trigger: 'APPROVAL_RECEIVED', amount: 10, unit: 'WORKING_DAYS', before: false, displayPeriod: null }],
  // 拟征收土地告知: due the day the work starts on site
  ['在实地启动拟征收土地工作时，在村公示栏公开', { trigger: 'WORK_STARTED', amount: 0, unit: 'CALENDAR_DAYS', before: false, displayPeriod: null }],
  ['现状调查结束后5个工作日内', { trigger: 'WORK_COMPLETED', amount: 5, unit: 'WORKING_DAYS', before: false, displayPeriod: null }],
  // 听证通知书: due 7 working days BEFORE the hearing
  ['听证通知书在组织听证7个工作日前予以公开', { trigger: 'HEARING_HELD', amount: 7, unit: 'WORKING_DAYS', before: true, displayPeriod: null }],
  // 教师职称评审: a deadline and a minimum display period
  [
    '信息形成(变更)3个工作日内，公示时间不少于7个工作日',
    { trigger: 'INFORMATION_FORMED', amount: 3, unit: 'WORKING_DAYS', before: false, displayPeriod: { amount: 7, unit: 'WORKING_DAYS' } },
  ],
  // the same with full-width brackets, as pasted from a government site
  [
    '信息形成（变更）3个工作日内，公示时间不少于7个工作日',
    { trigger: 'INFORMATION_FORMED', amount: 3, unit: 'WORKING_DAYS', before: false, displayPeriod: { amount: 7, unit: 'WORKING_DAYS' } },
  ],
  ['分配结果确定后20个工作日内', { trigger: 'RESULT_DETERMINED', amount: 20, unit: 'WORKING_DAYS', before: false, displayPeriod: null }],
  // 政府采购招标公告: only 及时 plus a notice period → the statute decides the deadline
  ['及时公开，公告期限为5个工作日', { amount: null, unit: null, before: false, displayPeriod: { amount: 5, unit: 'WORKING_DAYS' } }],
  ['二十个工作日', { amount: 20, unit: 'WORKING_DAYS', before: false, displayPeriod: null }],
  ['24小时内', { amount: 24, unit: 'HOURS', before: false, displayPeriod: null }],
  ['自政府采购合同签订之日起2个工作日内', { trigger: 'CONTRACT_SIGNED', amount: 2, unit: 'WORKING_DAYS', before: false, displayPeriod: null }],
  // 征收土地信息 (xuanhan): the governing clause is the first one, not the 其中… exception
  [
    '信息形成20个工作日内公开；其中行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示',
    { trigger: 'INFORMATION_FORMED', amount: 20, unit: 'WORKING_DAYS', before: false, displayPeriod: null },
  ],
  // 保障性住房 (jmsqyfw / 20153.cn)
  ['信息获取(形成变更)20个工作日内', { trigger: 'INFORMATION_FORMED', amount: 20, unit: 'WORKING_DAYS', before: false }],
  ['20工作日', { amount: 20, unit: 'WORKING_DAYS', before: false }],
  // 扶贫 (tuwife / scnj)
  ['信息形成(变更)20个工作日内', { trigger: 'INFORMATION_FORMED', amount: 20, unit: 'WORKING_DAYS', before: false }],
  // 公共资源交易: 审批核准信息; 资格预审公告 (及时公开 only)
  ['信息形成之日起20个工作日内', { trigger: 'INFORMATION_FORMED', amount: 20, unit: 'WORKING_DAYS', before: false }],
  ['及时公开', { amount: null, unit: null, before: false, displayPeriod: null }],
  // 行政许可 exception on its own
  ['自作出行政决定之日起7个工作日内', { trigger: 'DECISION_MADE', amount: 7, unit: 'WORKING_DAYS', before: false }],
  // 征地补偿安置公告: at least 30 days (Chinese numerals in the display period)
  ['征地补偿安置方案拟定后及时公告，公告时间不少于三十日', { amount: null, unit: null, displayPeriod: { amount: 30, unit: 'CALENDAR_DAYS' } }],
  // 舆情: 48 hours
  ['48小时内', { amount: 48, unit: 'HOURS', before: false }],
];

describe('parseTimeLimit on real catalog wordings', () => {
  it.each(REAL_WORDINGS)('parses %s', (text, expected) => {
    const rule = parseTimeLimit(text);
    expect(rule).not.toBeNull();
    expect(rule).toMatchObject(expected);
  });

  it('defaults the trigger to 信息形成 when the wording names no event', () => {
    expect(parseTimeLimit('二十个工作日')?.trigger).toBe('INFORMATION_FORMED');
    expect(parseTimeLimit('24小时内')?.trigger).toBe('INFORMATION_FORMED');
  });

  it('reads a 前 deadline only when the period is counted back from the event', () => {
    expect(parseTimeLimit('听证通知书在组织听证7个工作日前予以公开')?.before).toBe(true);
    // "之日起…内" counts forward even though the sentence ends in 公开
    expect(parseTimeLimit('收到征地批准文件之日起10个工作日内公开')?.before).toBe(false);
    expect(parseTimeLimit('现状调查结束后5个工作日内')?.before).toBe(false);
  });

  it('does not mistake a display period for the deadline', () => {
    const rule = parseTimeLimit('信息形成(变更)3个工作日内，公示时间不少于7个工作日');
    expect(rule?.amount).toBe(3);
    expect(rule?.displayPeriod?.amount).toBe(7);
    // 及时 + a notice period: the notice period is not a deadline
    expect(parseTimeLimit('及时公开，公告期限为5个工作日')?.amount).toBeNull();
  });

  it.each(['长期公开', '按规定公开', '依照有关规定执行', '', '   ', '一百个工作日'])('returns null for wording with no period: %j', (text) => {
    expect(parseTimeLimit(text)).toBeNull();
  });

  it('states the statutory default as 20 working days', () => {
    expect(STATUTORY_DEFAULT).toEqual({ amount: 20, unit: 'WORKING_DAYS' });
  });
});

describe('parseNumber', () => {
  it.each([
    ['二十', 20],
    ['十五', 15],
    ['十', 10],
    ['三十五', 35],
    ['两', 2],
    ['七', 7],
    ['九十九', 99],
    ['20', 20],
    ['5', 5],
  ] as const)('%s → %i', (text, value) => {
    expect(parseNumber(text)).toBe(value);
  });

  it.each(['', '一百', '十十', '二二', 'abc', '二十个'])('returns null for %j', (text) => {
    expect(parseNumber(text)).toBeNull();
  });
});

describe('the seeded pilot catalog', () => {
  const standards: { code: string; standard: SeedStandard }[] = [];
  const visit = (m: SeedMatter, parent: string) => {
    const code = `${parent}.${m.code}`;
    if (m.standard) standards.push({ code, standard: m.standard });
    for (const c of m.children ?? []) visit(c, code);
  };
  for (const d of catalog) for (const m of d.matters) visit(m, d.code);

  it('has 8 domains with standards', () => {
    expect(catalog).toHaveLength(8);
    expect(standards.length).toBeGreaterThan(30);
  });

  it.each(standards.map((s) => [s.code, s.standard.timeLimitText] as const))('%s: %s parses', (_code, text) => {
    const rule = parseTimeLimit(text);
    expect(rule).not.toBeNull();
    // The database CHECK: amount and unit are null together; amounts are never negative.
    expect(rule!.amount === null).toBe(rule!.unit === null);
    if (rule!.amount !== null) expect(rule!.amount).toBeGreaterThanOrEqual(0);
    if (rule!.before) expect(rule!.amount).toBeGreaterThan(0);
  });

  it('keeps the statutory default wording parseable to 20 working days from 信息形成', () => {
    const defaults = standards.filter((s) => s.standard.timeLimitText === '信息形成或者变更之日起20个工作日内');
    expect(defaults.length).toBeGreaterThan(0);
    for (const s of defaults) {
      expect(parseTimeLimit(s.standard.timeLimitText)).toEqual({
        trigger: 'INFORMATION_FORMED',
        amount: 20,
        unit: 'WORKING_DAYS',
        before: false,
        displayPeriod: null,
      });
    }
  });
});
