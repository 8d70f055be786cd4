// Shape of the seeded catalog: 领域 → 一级事项 → 二级事项 (→ 三级事项), each leaf with its standard.
import type {
  AnnualReportItem,
  Audience,
  DisclosureChannel,
  DisclosureLevel,
  DisclosureMode,
  DisclosureStage,
  StandardRecurrence,
} from '../../generated/prisma/enums.js';
import type { ContentElement, LegalCitation } from '../../modules/catalog/standard.model.js';

export interface SeedStandard {
  legalBasis: LegalCitation[];
  contentElements: ContentElement[];
  /** 公开主体 as the catalog words it. */
  responsibleText: string;
  /** `key` of the org unit in org-tree.ts primarily responsible. */
  responsibleOrgKey: string;
  /** 公开时限 exactly as written in the source catalog; parsed by parseTimeLimit. */
  timeLimitText: string;
  requiredChannels: DisclosureChannel[];
  optionalChannels: DisclosureChannel[];
  audience: Audience;
  audienceNote?: string;
  mode: DisclosureMode;
  levels: DisclosureLevel[];
  stages: DisclosureStage[];
  /** Policy documents whose releases need a 政策解读. */
  requiresInterpretation?: boolean;
  /** Expected every month/quarter/half-year/year whatever happens (the assessment's catalog coverage). */
  recurrence?: StandardRecurrence;
}

export interface SeedMatter {
  /** Two digits, unique among siblings; the full code is <DOMAIN>.<01>.<02>. */
  code: string;
  name: string;
  description?: string;
  /** The 年报 第二部分 row its releases count in (行政许可 …), when its releases are such decisions. */
  reportItem?: AnnualReportItem;
  /** Leaves (二级/三级事项) carry a standard; 一级事项 carry children. */
  standard?: SeedStandard;
  children?: SeedMatter[];
}

export interface SeedDomain {
  code: string;
  name: string;
  description: string;
  matters: SeedMatter[];
}

export interface SeedRelease {
  /** Full matter code, e.g. LAND_EXPROPRIATION.01.02 */
  matterCode: string;
  /** org-tree.ts key of the publishing unit. */
  publisherKey: string;
  title: string;
  docNo?: string;
  stage: DisclosureStage;
  topic: string;
  genre?: string;
  keywords: string[];
  /** Body HTML (simple: p, h2, h3, ul/ol/li, table, strong). */
  bodyHtml: string;
  /** Days before "now" the information was formed (信息形成日). */
  formedDaysAgo: number;
  /** Days before "now" it was published; absent = a draft. */
  publishedDaysAgo?: number;
  targetChannels: ('WEBSITE' | 'MINI_PROGRAM' | 'KIOSK' | 'NEW_MEDIA' | 'OTHER')[];
}
