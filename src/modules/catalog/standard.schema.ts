import { builder } from '../../graphql/builder.js';
import { nodeVisibility } from '../../graphql/node-loading.js';
import {
  AudienceEnum,
  CatalogVersionStatusEnum,
  DisclosureChannelEnum,
  DisclosureLevelEnum,
  DisclosureModeEnum,
  DisclosureStageEnum,
  LegalBasisKindEnum,
  TimeLimitTriggerEnum,
  TimeLimitUnitEnum,
} from './catalog-enums.schema.js';
import { parseContentElements, parseLegalBasis, type ContentElement, type LegalCitation } from './standard.model.js';
import type { TimeLimitRule } from './time-limit.js';

const LegalCitationRef = builder.objectRef<LegalCitation>('LegalCitation').implement({
  description: '公开依据 — one legal instrument a standard cites.',
  fields: (t) => ({
    kind: t.expose('kind', { type: LegalBasisKindEnum, description: '类型 — kind of instrument.' }),
    title: t.exposeString('title', { description: '名称 — title, e.g. 《中华人民共和国政府信息公开条例》.' }),
    docNo: t.exposeString('docNo', { nullable: true, description: '文号 — document number, e.g. 国务院令第711号.' }),
    articles: t.exposeString('articles', { nullable: true, description: '条款 — the articles cited.' }),
  }),
});

const ContentElementRef = builder.objectRef<ContentElement>('ContentElement').implement({
  description: '公开要素 — an element the disclosure must (●) or may (〇) contain.',
  fields: (t) => ({
    name: t.exposeString('name', { description: '名称 — the element.' }),
    required: t.exposeBoolean('required', { description: '必选 — true for ● required, false for 〇 optional.' }),
  }),
});

interface TimeLimitShape extends TimeLimitRule {
  text: string;
}

const PeriodRef = builder.objectRef<{ amount: number; unit: 'WORKING_DAYS' | 'CALENDAR_DAYS' | 'HOURS' }>('Period').implement({
  description: '期间 — an amount of time.',
  fields: (t) => ({
    amount: t.exposeInt('amount', { description: '数量 — N.' }),
    unit: t.expose('unit', { type: TimeLimitUnitEnum, description: '单位 — unit of N.' }),
  }),
});

const TimeLimitRef = builder.objectRef<TimeLimitShape>('TimeLimit').implement({
  description: '公开时限 — the time limit as written, with the rule parsed from it.',
  fields: (t) => ({
    text: t.exposeString('text', { description: '原文 — the wording of the catalog, verbatim.' }),
    trigger: t.expose('trigger', { type: TimeLimitTriggerEnum, description: '起算事件 — what starts the clock.' }),
    amount: t.exposeInt('amount', {
      nullable: true,
      description: '时长 — N; null when the wording says only 及时 (then the statutory 20 working days apply).',
    }),
    unit: t.expose('unit', { type: TimeLimitUnitEnum, nullable: true, description: '单位 — unit of N.' }),
    before: t.exposeBoolean('before', { description: '事前 — true when due N units BEFORE the trigger (e.g. before a hearing).' }),
    displayPeriod: t.field({
      type: PeriodRef,
      nullable: true,
      description: '公示期 — minimum display period, when the wording sets one.',
      resolve: (tl) => tl.displayPeriod,
    }),
  }),
});

builder.prismaNode('CatalogVersion', {
  findUnique: nodeVisibility('CatalogVersion'),
  // Select mode: nested in every item of a list, it loads only the columns asked for.
  select: { id: true },
  description: '目录版本 — a version of the standard catalog; each 动态调整 is a new version with a change note.',
  id: { field: 'id' },
  nullable: true,
  fields: (t) => ({
    number: t.exposeInt('number', { description: '版本号 — 1, 2, 3 …' }),
    title: t.exposeString('title', { description: '标题 — title of the version.' }),
    changeNote: t.exposeString('changeNote', { description: '调整说明 — what changed and why.' }),
    status: t.expose('status', { type: CatalogVersionStatusEnum, description: '状态 — draft, in force or superseded.' }),
    effectiveFrom: t.expose('effectiveFrom', { type: 'Date', description: '生效日期 — the day this version takes effect.' }),
  }),
});

export const StandardRef = builder.prismaNode('Standard', {
  findUnique: nodeVisibility('Standard'),
  description: '公开标准 — how one matter must be disclosed (依据、内容、主体、时限、渠道、对象、方式、层级), as of one catalog version.',
  id: { field: 'id' },
  nullable: true,
  // Select mode: nested in every release of a list, a standard loads only what is asked for.
  select: { id: true },
  fields: (t) => ({
    matter: t.relation('matter', { description: '公开事项 — the matter this standard governs.' }),
    catalogVersion: t.relation('catalogVersion', { description: '目录版本 — the catalog version this standard belongs to.' }),
    legalBasis: t.field({
      type: [LegalCitationRef],
      description: '公开依据 — the legal instruments requiring this disclosure.',
      select: { legalBasis: true },
      resolve: (s) => parseLegalBasis(s.legalBasis),
    }),
    contentElements: t.field({
      type: [ContentElementRef],
      description: '公开内容(要素) — what the disclosure must or may contain.',
      select: { contentElements: true },
      resolve: (s) => parseContentElements(s.contentElements),
    }),
    responsibleText: t.exposeString('responsibleText', { description: '公开主体 — the responsible body, as the catalog words it.' }),
    responsibleOrg: t.relation('responsibleOrg', { nullable: true, description: '主体机构 — the org unit primarily responsible, when named.' }),
    timeLimit: t.field({
      type: TimeLimitRef,
      description: '公开时限 — the time limit, verbatim and parsed.',
      select: {
        timeLimitText: true,
        timeLimitTrigger: true,
        timeLimitAmount: true,
        timeLimitUnit: true,
        timeLimitBefore: true,
        displayPeriodAmount: true,
        displayPeriodUnit: true,
      },
      resolve: (s) => ({
        text: s.timeLimitText,
        trigger: s.timeLimitTrigger,
        amount: s.timeLimitAmount,
        unit: s.timeLimitUnit,
        before: s.timeLimitBefore,
        displayPeriod:
          s.displayPeriodAmount !== null && s.displayPeriodUnit !== null
            ? { amount: s.displayPeriodAmount, unit: s.displayPeriodUnit }
            : null,
      }),
    }),
    requiredChannels: t.expose('requiredChannels', {
      type: [DisclosureChannelEnum],
      description: '必选渠道 — ■ channels the disclosure must use.',
    }),
    optionalChannels: t.expose('optionalChannels', {
      type: [DisclosureChannelEnum],
      description: '可选渠道 — □ channels the disclosure may use.',
    }),
    audience: t.expose('audience', { type: AudienceEnum, description: '公开对象 — the whole public or a specific group.' }),
    audienceNote: t.exposeString('audienceNote', { nullable: true, description: '特定群体 — who the specific group is.' }),
    mode: t.expose('mode', { type: DisclosureModeEnum, description: '公开方式 — proactive or on request.' }),
    levels: t.expose('levels', { type: [DisclosureLevelEnum], description: '公开层级 — the levels that disclose.' }),
    stages: t.expose('stages', { type: [DisclosureStageEnum], description: '五公开 — the stages this matter covers.' }),
    requiresInterpretation: t.exposeBoolean('requiresInterpretation', { description: '需要解读 — whether its releases are policy documents (规范性文件 …) that need a 政策解读.' }),
  }),
});
