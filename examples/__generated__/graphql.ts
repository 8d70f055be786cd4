/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** 附件 — a file uploaded here (`fileId` alone), or a link to one hosted elsewhere (name, size, mimeType, sha256 and url). */
export type AttachmentInput = {
  /** 上传文件 — a file you uploaded (beginUpload), or one the content already has. */
  fileId?: string | number | null | undefined;
  /** 类型 — links: MIME type (pdf, ofd, Office, images, …). */
  mimeType?: string | null | undefined;
  /** 文件名 — links: plain file name whose extension fits the type. */
  name?: string | null | undefined;
  /** 校验值 — links: SHA-256, 64 hex digits. */
  sha256?: string | null | undefined;
  /** 大小 — links: bytes. */
  size?: number | null | undefined;
  /** 地址 — links: https URL or site path. */
  url?: string | null | undefined;
};

/** 公开对象 — who the disclosure is for. */
export type Audience =
  /** 全社会 — the whole public. */
  | 'PUBLIC'
  /** 特定群体 — a specific group (see audienceNote). */
  | 'SPECIFIC_GROUP';

/** 上传输入 — the file's name and size. */
export type BeginUploadInput = {
  /** 大小 — bytes; the limit depends on the type (images 20 MiB, documents 100 MiB, video 500 MiB). */
  byteSize: number;
  /** 文件名 — plain file name; its extension must be an allowed type (pdf, ofd, Office, wps, zip, txt, csv, png, jpg, gif, webp, mp3, mp4). */
  fileName: string;
};

/** 变更类型 — what happened; webhooks name the same events in lower case with dots (release.withdrawn). */
export type ChangeKind =
  /** 依申请公开延期 — a disclosure request's time limit was extended (staff of its unit only; `subjectId` is the request). */
  | 'DISCLOSURE_REQUEST_EXTENDED'
  /** 解读发布 — an interpretation was published. */
  | 'INTERPRETATION_PUBLISHED'
  /** 解读更正 — a published interpretation was corrected. */
  | 'INTERPRETATION_UPDATED'
  /** 解读撤回 — an interpretation was withdrawn. */
  | 'INTERPRETATION_WITHDRAWN'
  /** 信息更正 — a published release was corrected (see `correction`). */
  | 'RELEASE_CORRECTED'
  /** 信息发布 — a release was published. */
  | 'RELEASE_PUBLISHED'
  /** 信息废止 — a release was repealed (marked 废止, still readable). */
  | 'RELEASE_REPEALED'
  /** 重新发布 — a release published before was published again. */
  | 'RELEASE_REPUBLISHED'
  /** 信息撤回 — a release was withdrawn; only its notice (`tombstone`) remains. */
  | 'RELEASE_WITHDRAWN'
  /** 到期提醒 — the daily reminder: what of a unit falls due within REMINDER_WORKING_DAYS working days, or is overdue (staff of the unit only; `subjectId` is the org unit). */
  | 'REMINDER_DUE_SOON'
  /** 回应发布 — an answer to a public concern was published. */
  | 'RESPONSE_PUBLISHED'
  /** 回应撤回 — an answer was withdrawn. */
  | 'RESPONSE_WITHDRAWN';

/** 渠道类型 — kind of channel that consumes content. */
export type ChannelKind =
  /** 自助终端 — self-service kiosks of the service centres. */
  | 'KIOSK'
  /** 微信小程序 — the WeChat mini-program. */
  | 'MINI_PROGRAM'
  /** 新媒体 — new-media accounts (两微一端) pulling releases. */
  | 'NEW_MEDIA'
  /** 其他 — another consumer. */
  | 'OTHER'
  /** 政府网站 — the government website. */
  | 'WEBSITE';

/** 联系方式 — how to answer you; seen only by the handling unit's staff, deleted some time after the concern is closed. */
export type ConcernContactInput = {
  /** 地址 — postal address (optional). */
  address?: string | null | undefined;
  /** 邮箱 — e-mail. */
  email?: string | null | undefined;
  /** 姓名/名称 — your name (≤100). */
  name: string;
  /** 电话 — mobile or landline (a phone or an e-mail is required). */
  phone?: string | null | undefined;
  /** 类型 — natural person (default) or organisation. */
  requesterType?: RequesterType | null | undefined;
};

/** 关切类型 — what kind of concern. */
export type ConcernKind =
  /** 投诉 — a complaint (15 working days). */
  | 'COMPLAINT'
  /** 纠错 — a correction of published information (3 working days). */
  | 'CORRECTION'
  /** 依申请公开 — a disclosure request (条例 2019: 20 working days + up to 20). */
  | 'DISCLOSURE_REQUEST'
  /** 舆情 — a public-opinion event registered by staff (24 h if major, else 48 h). */
  | 'PUBLIC_OPINION'
  /** 咨询 — a question (answered within 15 working days by default). */
  | 'QUESTION'
  /** 建议 — a suggestion (7 working days, extendable to 15). */
  | 'SUGGESTION';

/** 办理状态 — where a concern is. */
export type ConcernStatus =
  /** 已放弃 — withdrawn or deemed abandoned. */
  | 'ABANDONED'
  /** 已答复 — answered. */
  | 'ANSWERED'
  /** 补正中 — waiting for the requester to supplement (clock paused). */
  | 'AWAITING_CORRECTION'
  /** 已办结 — closed. */
  | 'CLOSED'
  /** 办理中 — an answer is being prepared. */
  | 'IN_PROGRESS'
  /** 已受理 — received, not yet being answered. */
  | 'RECEIVED'
  /** 征求第三方意见 — consulting a third party (clock paused). */
  | 'THIRD_PARTY_CONSULTATION';

/** 新建输入 — the draft; status, index number and dates of publication cannot be set. */
export type CreateReleaseInput = {
  /** 附件 — uploaded files (fileId) or links; replaces the list. */
  attachments?: Array<AttachmentInput> | null | undefined;
  /** 正文 — HTML, at most 1000000 characters before and after sanitizing; stored sanitized by an allow-list. */
  bodyHtml: string;
  /** 封面 — an image you uploaded; null removes the cover. */
  coverFileId?: string | number | null | undefined;
  /** 文号 — document number. */
  docNo?: string | null | undefined;
  /** 生效日期 — effective date. */
  effectiveAt?: string | null | undefined;
  /** 信息形成日 — when the information was formed or changed (starts the time limit). */
  formedAt?: string | null | undefined;
  /** 体裁分类 — genre. */
  genre?: string | null | undefined;
  /** 幂等键 — retries with the same key return the first result. */
  idempotencyKey?: string | null | undefined;
  /** 成文日期 — issue date. */
  issuedAt?: string | null | undefined;
  /** 关键词 — up to 20 keywords. */
  keywords?: Array<string> | null | undefined;
  /** 公开事项 — the matter. */
  matterId: string | number;
  /** 发布机构 — your unit (or one beneath it). */
  publisherId: string | number;
  /** 五公开 — stage. */
  stage: DisclosureStage;
  /** 内容概述 — written summary; derived from the body when omitted. */
  summary?: string | null | undefined;
  /** 推送渠道 — channel kinds to serve it to. */
  targetChannels: Array<ChannelKind>;
  /** 名称 — title (≤300). */
  title: string;
  /** 主题分类 — subject classification. */
  topic?: string | null | undefined;
};

/** 公开渠道和载体 — a disclosure channel or carrier. */
export type DisclosureChannel =
  /** 招标投标公共服务平台 — bidding public service platform. */
  | 'BIDDING_SERVICE_PLATFORM'
  /** 公示栏(电子屏) — community, enterprise or village bulletin board (or screen). */
  | 'BULLETIN_BOARD'
  /** 便民服务站 — convenience service station. */
  | 'CONVENIENCE_SERVICE_STATION'
  /** 入户/现场 — door to door or on site. */
  | 'DOOR_TO_DOOR_ON_SITE'
  /** 政府公报 — the government gazette. */
  | 'GOVERNMENT_GAZETTE'
  /** 政务服务中心 — government service centre. */
  | 'GOVERNMENT_SERVICE_CENTER'
  /** 政府网站 — the government website. */
  | 'GOVERNMENT_WEBSITE'
  /** 政务服务热线(12345) — the 12345 government service hotline. */
  | 'HOTLINE_12345'
  /** 投资项目在线审批监管平台 — online investment project approval platform. */
  | 'INVESTMENT_APPROVAL_PLATFORM'
  /** 征地信息公开平台 — land expropriation information platform. */
  | 'LAND_EXPROPRIATION_PLATFORM'
  /** 其他 — other channel. */
  | 'OTHER'
  /** 发布会/听证会 — press conference or hearing. */
  | 'PRESS_CONFERENCE_HEARING'
  /** 纸质媒体 — print media. */
  | 'PRINT_MEDIA'
  /** 公开查阅点 — public reading point. */
  | 'PUBLIC_READING_POINT'
  /** 公共资源交易平台 — public resource trading platform. */
  | 'PUBLIC_RESOURCE_TRADING_PLATFORM'
  /** 广播电视 — radio and television. */
  | 'RADIO_TV'
  /** 精准推送 — targeted push to the people concerned. */
  | 'TARGETED_PUSH'
  /** 两微一端 — WeChat, Weibo and the mobile app. */
  | 'WECHAT_WEIBO_APP';

/** 公开层级 — administrative level that discloses. */
export type DisclosureLevel =
  /** 县级 — county level. */
  | 'COUNTY'
  /** 乡级 — township level. */
  | 'TOWNSHIP'
  /** 村级 — village level. */
  | 'VILLAGE';

/** 公开方式 — how the information is disclosed. */
export type DisclosureMode =
  /** 依申请公开 — disclosed on request. */
  | 'ON_REQUEST'
  /** 主动公开 — published proactively. */
  | 'PROACTIVE';

/** 五公开 — the five stages of openness. */
export type DisclosureStage =
  /** 决策公开 — decision-making. */
  | 'DECISION'
  /** 执行公开 — implementation. */
  | 'EXECUTION'
  /** 管理公开 — management. */
  | 'MANAGEMENT'
  /** 结果公开 — results. */
  | 'RESULT'
  /** 服务公开 — services. */
  | 'SERVICE';

/** 输入问题类型 — what kind of fault a field has. */
export type InputProblemCode =
  /** 无效 — the value breaks another rule (the message says which). */
  | 'INVALID'
  /** 必填 — the field is required. */
  | 'REQUIRED'
  /** 过长 — the value is longer than allowed. */
  | 'TOO_LONG';

/** 解读形式 — the form of a policy interpretation. */
export type InterpretationForm =
  /** 音频 — an audio interpretation (an audio file attached). */
  | 'AUDIO'
  /** 图解 — an illustrated interpretation (an image attached). */
  | 'GRAPHIC'
  /** 专家访谈 — an expert interview. */
  | 'INTERVIEW'
  /** 新闻发布会 — a press conference. */
  | 'PRESS_CONFERENCE'
  /** 一问一答 — questions and answers. */
  | 'QA'
  /** 文字解读 — a written interpretation. */
  | 'TEXT'
  /** 视频 — a video interpretation (a video file attached). */
  | 'VIDEO';

/** 解读情况 — whether a policy release has the interpretation its standard asks for, and in time. */
export type InterpretationStatus =
  /** 待发布 — required, an interpretation is being prepared, the deadline has not passed. */
  | 'DUE'
  /** 逾期 — no interpretation was published by the deadline (none yet, or one published late). */
  | 'LATE'
  /** 缺少解读 — required, and no interpretation you can see exists yet (the deadline has not passed). */
  | 'MISSING'
  /** 无需解读 — its matter's standard asks for no interpretation. */
  | 'NOT_REQUIRED'
  /** 按时 — an interpretation was published by the deadline. */
  | 'ON_TIME';

/** 依据类型 — kind of legal instrument cited. */
export type LegalBasisKind =
  /** 行政法规 — an administrative regulation (条例) of the State Council. */
  | 'ADMINISTRATIVE_REGULATION'
  /** 法律 — a law of the NPC. */
  | 'LAW'
  /** 地方性法规 — a local regulation. */
  | 'LOCAL_REGULATION'
  /** 规范性文件 — a normative document. */
  | 'NORMATIVE_DOCUMENT'
  /** 其他 — another instrument. */
  | 'OTHER'
  /** 规章 — a departmental or local government rule. */
  | 'RULE';

/** 机构类型 — kind of organisation unit. */
export type OrgUnitKind =
  /** 社区 — an urban community (居委会). */
  | 'COMMUNITY'
  /** 县(市、区)人民政府 — the county-level government. */
  | 'COUNTY_GOVERNMENT'
  /** 县直部门 — a department of the county government. */
  | 'DEPARTMENT'
  /** 政府办公室 — the government office (政务公开办). */
  | 'GOVERNMENT_OFFICE'
  /** 街道办事处 — a subdistrict office. */
  | 'SUBDISTRICT'
  /** 乡镇人民政府 — a township government. */
  | 'TOWNSHIP'
  /** 行政村 — an administrative village (村委会). */
  | 'VILLAGE';

/** 留言类型 — what the public may submit. */
export type PublicConcernKind =
  /** 投诉 — a complaint. */
  | 'COMPLAINT'
  /** 纠错 — a correction of published information. */
  | 'CORRECTION'
  /** 咨询 — a question. */
  | 'QUESTION'
  /** 建议 — a suggestion. */
  | 'SUGGESTION';

/** 公开信息筛选 — filter for published releases. */
export type ReleaseFilter = {
  /** 渠道 — only releases targeted at this channel kind. */
  channel?: ChannelKind | null | undefined;
  /** 领域代码 — only releases of this domain. */
  domainCode?: string | null | undefined;
  /** 含已废止 — include repealed releases (marked 废止); default true. */
  includeRepealed?: boolean | null | undefined;
  /** 含已撤回 — include withdrawn notices; default false. */
  includeWithdrawn?: boolean | null | undefined;
  /** 公开事项 — only releases of this matter or its sub-matters. */
  matterId?: string | number | null | undefined;
  /** 发布起 — published at or after this time. */
  publishedAfter?: string | null | undefined;
  /** 发布止 — published before this time. */
  publishedBefore?: string | null | undefined;
  /** 发布机构 — only releases published by this org unit. */
  publisherId?: string | number | null | undefined;
  /** 标题检索 — part of the title, document number or index number. */
  search?: string | null | undefined;
  /** 五公开 — only releases of this stage. */
  stage?: DisclosureStage | null | undefined;
};

/** 发布状态 — where a release is in its lifecycle. */
export type ReleaseStatus =
  /** 已审核 — approved, not yet published. */
  | 'APPROVED'
  /** 草稿 — being written; visible to its org only. */
  | 'DRAFT'
  /** 待审核 — submitted for review. */
  | 'IN_REVIEW'
  /** 已发布 — public. */
  | 'PUBLISHED'
  /** 已废止 — repealed (废止) on its repeal date. */
  | 'REPEALED'
  /** 定时发布 — approved and scheduled for a publication time. */
  | 'SCHEDULED'
  /** 已撤回 — withdrawn; a notice remains, the body is no longer served. */
  | 'WITHDRAWN';

/** 申请人类型 — who submitted it (年报 categories). */
export type RequesterType =
  /** 商业企业 — a commercial enterprise. */
  | 'COMMERCIAL_ENTERPRISE'
  /** 法律服务机构 — a legal-service organisation. */
  | 'LEGAL_SERVICE_ORGANIZATION'
  /** 自然人 — a natural person. */
  | 'NATURAL_PERSON'
  /** 其他 — another organisation. */
  | 'OTHER_ORGANIZATION'
  /** 社会公益组织 — a public-interest organisation. */
  | 'PUBLIC_INTEREST_ORGANIZATION'
  /** 科研机构 — a research institution. */
  | 'RESEARCH_INSTITUTION';

/** 留言输入 — the concern and how to answer you. */
export type SubmitConcernInput = {
  /** 联系方式 — how to answer you. */
  contact: ConcernContactInput;
  /** 内容 — your question (≤5000). */
  content: string;
  /** 幂等键 — a double tap with the same key files once and shows the same receipt. */
  idempotencyKey?: string | null | undefined;
  /** 类型 — kind. */
  kind: PublicConcernKind;
  /** 公开事项 — the matter it is about (routes it to the responsible unit). */
  matterId?: string | number | null | undefined;
  /** 同意公开 — publish the question and its answer (without your name or contact data); default false. */
  publicConsent?: boolean | null | undefined;
  /** 公开信息 — the release it is about (a correction names it). */
  releaseId?: string | number | null | undefined;
  /** 标题 — subject (≤300). */
  subject: string;
};

/** 时限单位 — unit of a time limit. */
export type TimeLimitUnit =
  /** 自然日 — calendar days. */
  | 'CALENDAR_DAYS'
  /** 小时 — hours. */
  | 'HOURS'
  /** 工作日 — working days (statutory holidays and 调休 honoured). */
  | 'WORKING_DAYS';

export type CreateReleaseDraftMutationVariables = Exact<{
  input: CreateReleaseInput;
}>;


export type CreateReleaseDraftMutation = { createRelease:
    | { __typename: 'IdempotencyKeyReusedError', code: string, message: string }
    | { __typename: 'InputError', message: string, code: string, problems: Array<{ field: string, code: InputProblemCode, message: string }> }
    | { __typename: 'InvalidTransitionError', code: string, message: string }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'ReleasePayload', release: { id: string, status: ReleaseStatus, version: number | null, title: string, attachments: Array<{ name: string, size: number, mimeType: string, hosted: boolean, url: string }>, cover: { url: string } | null } | null }
    | { __typename: 'VersionConflictError', code: string, message: string }
   };

export type BeginUploadMutationVariables = Exact<{
  input: BeginUploadInput;
}>;


export type BeginUploadMutation = { beginUpload:
    | { __typename: 'BeginUploadPayload', uploadUrl: string, expiresAt: string, maxBytes: number, mimeType: string }
    | { __typename: 'InputError', message: string, code: string, problems: Array<{ field: string, code: InputProblemCode, message: string }> }
    | { __typename: 'NotFoundError', code: string, message: string }
   };

export type KioskPublicQuestionsQueryVariables = Exact<{
  first?: number | null | undefined;
}>;


export type KioskPublicQuestionsQuery = { publicQuestions: { edges: Array<{ node: { subject: string, question: string, answerHtml: string, answeredAt: string | null, unit: { shortName: string | null, name: string } } }> } };

export type KioskFollowQueryVariables = Exact<{
  trackingNo: string;
  accessCode: string;
}>;


export type KioskFollowQuery = { concernStatus: { trackingNo: string, status: ConcernStatus, dueAt: string | null, answeredAt: string | null, answerHtml: string | null } | null };

export type KioskInterpretationsQueryVariables = Exact<{
  first?: number | null | undefined;
}>;


export type KioskInterpretationsQuery = { interpretations: { edges: Array<{ node: { title: string, bodyHtml: string, publishedAt: string | null } }> } };

export type KioskDomainQueryVariables = Exact<{
  code: string;
}>;


export type KioskDomainQuery = { domain: { name: string, matters: Array<{ name: string, children: Array<{ id: string, name: string, standard: { responsibleText: string, mode: DisclosureMode, audience: Audience, timeLimit: { text: string } } | null }> }> } | null };

export type KioskMatterReleasesQueryVariables = Exact<{
  matterId: string | number;
  first?: number | null | undefined;
}>;


export type KioskMatterReleasesQuery = { releases: { edges: Array<{ node: { id: string, title: string, publishedAt: string | null, bodyText: string } }> } };

export type KioskTownshipReleasesQueryVariables = Exact<{
  publisherId: string | number;
}>;


export type KioskTownshipReleasesQuery = { releases: { edges: Array<{ node: { indexNo: string | null, title: string, publishedAt: string | null } }> } };

export type MiniProgramFeedQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  domainCode?: string | null | undefined;
}>;


export type MiniProgramFeedQuery = { releases: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, title: string, summary: string, publishedAt: string | null, publisher: { shortName: string | null, name: string } } }> } };

export type MiniProgramDomainTabsQueryVariables = Exact<{ [key: string]: never; }>;


export type MiniProgramDomainTabsQuery = { domains: { edges: Array<{ node: { code: string, name: string } }> } };

export type MiniProgramReleaseQueryVariables = Exact<{
  id: string | number;
}>;


export type MiniProgramReleaseQuery = { node:
    | { title: string, publishedAt: string | null, bodyHtml: string, publisher: { name: string } }
    | Record<PropertyKey, never>
   | null };

export type MiniProgramAskMutationVariables = Exact<{
  input: SubmitConcernInput;
}>;


export type MiniProgramAskMutation = { submitConcern:
    | { __typename: 'IdempotencyKeyReusedError', message: string }
    | { __typename: 'InputError', field: string, message: string }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'SubmitConcernPayload', receipt: { trackingNo: string, accessCode: string, receivedAt: string, dueAt: string | null } }
    | { __typename: 'TooManyAttemptsError', retryAfterSeconds: number }
   };

export type MiniProgramFollowQueryVariables = Exact<{
  trackingNo: string;
  accessCode: string;
}>;


export type MiniProgramFollowQuery = { concernStatus: { trackingNo: string, subject: string, status: ConcernStatus, receivedAt: string, dueAt: string | null, answeredAt: string | null, answerHtml: string | null, unit: { name: string } } | null };

export type NewMediaChangesQueryVariables = Exact<{
  after?: string | null | undefined;
  first?: number | null | undefined;
}>;


export type NewMediaChangesQuery = { changes:
    | { __typename: 'ChangeConnection', pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { kind: ChangeKind, occurredAt: string, subjectId: string, tombstone: { indexNo: string | null, title: string | null, reason: string | null, withdrawnAt: string | null } | null, correction: { major: boolean, changeNote: string | null } | null, release: { id: string, indexNo: string | null, title: string, summary: string, status: ReleaseStatus, publishedAt: string | null, url: string | null, publisher: { name: string } } | null, interpretation: { id: string, title: string, url: string | null } | null } }> }
    | { __typename: 'ChangeCursorExpiredError', code: string, message: string, retentionDays: number }
    | { __typename: 'InputError', code: string, message: string, field: string }
   };

export type WebsiteCatalogQueryVariables = Exact<{ [key: string]: never; }>;


export type WebsiteCatalogQuery = { domains: { edges: Array<{ node: { code: string, name: string, description: string | null, matters: Array<{ code: string, name: string, children: Array<{ code: string, name: string, standard: { responsibleText: string, requiredChannels: Array<DisclosureChannel>, optionalChannels: Array<DisclosureChannel>, audience: Audience, audienceNote: string | null, mode: DisclosureMode, levels: Array<DisclosureLevel>, stages: Array<DisclosureStage>, legalBasis: Array<{ kind: LegalBasisKind, title: string, docNo: string | null, articles: string | null }>, contentElements: Array<{ name: string, required: boolean }>, timeLimit: { text: string, amount: number | null, unit: TimeLimitUnit | null, displayPeriod: { amount: number, unit: TimeLimitUnit } | null } } | null }> }> } }> } };

export type WebsiteOrgTreeQueryVariables = Exact<{ [key: string]: never; }>;


export type WebsiteOrgTreeQuery = { orgUnits: Array<{ id: string, code: string, name: string, kind: OrgUnitKind, depth: number, parent: { id: string } | null }> };

export type WebsitePolicyWithInterpretationsQueryVariables = Exact<{
  id: string | number;
}>;


export type WebsitePolicyWithInterpretationsQuery = { node:
    | { title: string, docNo: string | null, indexNo: string | null, publishedAt: string | null, bodyHtml: string, interpretationStatus: InterpretationStatus, interpretations: Array<{ id: string, title: string, form: InterpretationForm, interpreterName: string | null, publishedAt: string | null, interpretingOrg: { name: string } }> }
    | Record<PropertyKey, never>
   | null };

export type WebsiteInterpretationColumnQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type WebsiteInterpretationColumnQuery = { interpretations: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, title: string, form: InterpretationForm, publishedAt: string | null, policies: Array<{ id: string, title: string, docNo: string | null }> } }> } };

export type WebsiteInterpretationQueryVariables = Exact<{
  id: string | number;
}>;


export type WebsiteInterpretationQuery = { node:
    | { title: string, form: InterpretationForm, interpreterName: string | null, publishedAt: string | null, bodyHtml: string, interpretingOrg: { name: string }, attachments: Array<{ name: string, mimeType: string, url: string }>, policies: Array<{ title: string, docNo: string | null }> }
    | Record<PropertyKey, never>
   | null };

export type WebsitePublicQuestionsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type WebsitePublicQuestionsQuery = { publicQuestions: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, kind: ConcernKind, subject: string, question: string, answerHtml: string, receivedAt: string, answeredAt: string | null, unit: { name: string } } }> } };

export type WebsiteSubmitMessageMutationVariables = Exact<{
  input: SubmitConcernInput;
}>;


export type WebsiteSubmitMessageMutation = { submitConcern:
    | { __typename: 'IdempotencyKeyReusedError' }
    | { __typename: 'InputError', field: string, message: string }
    | { __typename: 'NotFoundError' }
    | { __typename: 'SubmitConcernPayload', receipt: { trackingNo: string, accessCode: string, dueAt: string | null } }
    | { __typename: 'TooManyAttemptsError', retryAfterSeconds: number, message: string }
   };

export type WebsiteReleaseListQueryVariables = Exact<{
  filter?: ReleaseFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type WebsiteReleaseListQuery = { releases: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, indexNo: string | null, title: string, docNo: string | null, publishedAt: string | null, stage: DisclosureStage, publisher: { name: string }, matter: { name: string, domain: { code: string, name: string } } } }> } };

export type WebsiteReleaseDetailQueryVariables = Exact<{
  indexNo: string;
}>;


export type WebsiteReleaseDetailQuery = { releaseByIndexNo: { id: string, indexNo: string | null, title: string, docNo: string | null, topic: string | null, genre: string | null, keywords: Array<string>, issuedAt: string | null, publishedAt: string | null, effectiveAt: string | null, repealedAt: string | null, status: ReleaseStatus, publishedOnTime: boolean | null, summary: string, bodyHtml: string, attachments: Array<{ name: string, size: number, mimeType: string, sha256: string, url: string }>, publisher: { name: string, code: string }, matter: { code: string, name: string, domain: { name: string }, standard: { responsibleText: string, timeLimit: { text: string } } | null } } | null };


export const CreateReleaseDraftDocument = {"__meta__":{"hash":"sha256:be22c72af5af4cf98ee7c96f8fdeb6feedc7e3fb6b22a88956553c885b976984"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateReleaseDraft"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateReleaseInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createRelease"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ReleasePayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"release"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"attachments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"mimeType"}},{"kind":"Field","name":{"kind":"Name","value":"hosted"}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cover"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"rendition"},"value":{"kind":"EnumValue","value":"THUMBNAIL"}}]}]}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InputError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"problems"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<CreateReleaseDraftMutation, CreateReleaseDraftMutationVariables>;
export const BeginUploadDocument = {"__meta__":{"hash":"sha256:1e07714963e618be3cf81cd6f77c691e4f581968049318b203a29701b1d46d2d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"BeginUpload"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"BeginUploadInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"beginUpload"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BeginUploadPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"uploadUrl"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"maxBytes"}},{"kind":"Field","name":{"kind":"Name","value":"mimeType"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InputError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"problems"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<BeginUploadMutation, BeginUploadMutationVariables>;
export const KioskPublicQuestionsDocument = {"__meta__":{"hash":"sha256:b7a05604f532f76bf657fa05d91db36ea7a406f7ecb29dfb259b4477d4831128"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"KioskPublicQuestions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"publicQuestions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"question"}},{"kind":"Field","name":{"kind":"Name","value":"answerHtml"}},{"kind":"Field","name":{"kind":"Name","value":"answeredAt"}},{"kind":"Field","name":{"kind":"Name","value":"unit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"shortName"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<KioskPublicQuestionsQuery, KioskPublicQuestionsQueryVariables>;
export const KioskFollowDocument = {"__meta__":{"hash":"sha256:9778423f1959af41d836322bf98bbc79b7a77f25ddaad9fa7b20bcba646d2d53"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"KioskFollow"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"trackingNo"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"accessCode"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"concernStatus"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"trackingNo"},"value":{"kind":"Variable","name":{"kind":"Name","value":"trackingNo"}}},{"kind":"Argument","name":{"kind":"Name","value":"accessCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"accessCode"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trackingNo"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"answeredAt"}},{"kind":"Field","name":{"kind":"Name","value":"answerHtml"}}]}}]}}]} as unknown as DocumentNode<KioskFollowQuery, KioskFollowQueryVariables>;
export const KioskInterpretationsDocument = {"__meta__":{"hash":"sha256:c0dcb58ce0eac3d2dc7a2a8adb1514d3dd429feff0cd9af0ced62a1bb94cea3f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"KioskInterpretations"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"interpretations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"form"},"value":{"kind":"EnumValue","value":"QA"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"bodyHtml"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}}]}}]}}]}}]}}]} as unknown as DocumentNode<KioskInterpretationsQuery, KioskInterpretationsQueryVariables>;
export const KioskDomainDocument = {"__meta__":{"hash":"sha256:c32d6b8a41ed52e790514e3a040c60f7700289c8b8ae56ce21c10b92add0f8eb"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"KioskDomain"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"code"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"domain"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"code"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"matters"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"children"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"standard"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"responsibleText"}},{"kind":"Field","name":{"kind":"Name","value":"timeLimit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"text"}}]}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"audience"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<KioskDomainQuery, KioskDomainQueryVariables>;
export const KioskMatterReleasesDocument = {"__meta__":{"hash":"sha256:a6aec3a9713e19341bdb7b8492ae0560e4947b6e168fe17969be43ba10a57a9c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"KioskMatterReleases"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"matterId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"releases"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"matterId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"matterId"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"channel"},"value":{"kind":"EnumValue","value":"KIOSK"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"bodyText"}}]}}]}}]}}]}}]} as unknown as DocumentNode<KioskMatterReleasesQuery, KioskMatterReleasesQueryVariables>;
export const KioskTownshipReleasesDocument = {"__meta__":{"hash":"sha256:27652942af538b7ac2df843aac437433b93e64502f4c3e38e94328543bbd1e1d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"KioskTownshipReleases"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"publisherId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"releases"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"publisherId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"publisherId"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"channel"},"value":{"kind":"EnumValue","value":"KIOSK"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"indexNo"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}}]}}]}}]}}]}}]} as unknown as DocumentNode<KioskTownshipReleasesQuery, KioskTownshipReleasesQueryVariables>;
export const MiniProgramFeedDocument = {"__meta__":{"hash":"sha256:c4dff48962308c1e8a51f9f17838eb4fb1330155f2e495e437df3ba2521b4fc4"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MiniProgramFeed"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"10"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"domainCode"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"releases"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"channel"},"value":{"kind":"EnumValue","value":"MINI_PROGRAM"}},{"kind":"ObjectField","name":{"kind":"Name","value":"domainCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"domainCode"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"publisher"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"shortName"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<MiniProgramFeedQuery, MiniProgramFeedQueryVariables>;
export const MiniProgramDomainTabsDocument = {"__meta__":{"hash":"sha256:250801912542220ca6c449aa42e8f6d27f31e1c996809cdd39f5666eac7c48ff"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MiniProgramDomainTabs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"domains"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<MiniProgramDomainTabsQuery, MiniProgramDomainTabsQueryVariables>;
export const MiniProgramReleaseDocument = {"__meta__":{"hash":"sha256:15fae5a595f3177d6c4e3bb1dcfa86a082a95ca186a39f7a7015ca3c787a1f80"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MiniProgramRelease"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Release"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"bodyHtml"}},{"kind":"Field","name":{"kind":"Name","value":"publisher"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<MiniProgramReleaseQuery, MiniProgramReleaseQueryVariables>;
export const MiniProgramAskDocument = {"__meta__":{"hash":"sha256:0aa85cd1baaa075c70724c462e382b770cae2e21c658b5e7296ad41b6a39dd37"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MiniProgramAsk"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SubmitConcernInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"submitConcern"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SubmitConcernPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"receipt"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trackingNo"}},{"kind":"Field","name":{"kind":"Name","value":"accessCode"}},{"kind":"Field","name":{"kind":"Name","value":"receivedAt"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InputError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NotFoundError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TooManyAttemptsError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"IdempotencyKeyReusedError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<MiniProgramAskMutation, MiniProgramAskMutationVariables>;
export const MiniProgramFollowDocument = {"__meta__":{"hash":"sha256:3881ff468ccf88471a061450ac399a611cdf8d5ff158571b662197faf84df6cd"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MiniProgramFollow"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"trackingNo"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"accessCode"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"concernStatus"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"trackingNo"},"value":{"kind":"Variable","name":{"kind":"Name","value":"trackingNo"}}},{"kind":"Argument","name":{"kind":"Name","value":"accessCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"accessCode"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trackingNo"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"receivedAt"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"answeredAt"}},{"kind":"Field","name":{"kind":"Name","value":"answerHtml"}},{"kind":"Field","name":{"kind":"Name","value":"unit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<MiniProgramFollowQuery, MiniProgramFollowQueryVariables>;
export const NewMediaChangesDocument = {"__meta__":{"hash":"sha256:a24ab7b2a04969e5711791dfe2d0737a2b72066740b089046c81d4584892838d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NewMediaChanges"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"channel"},"value":{"kind":"EnumValue","value":"NEW_MEDIA"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeConnection"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"subjectId"}},{"kind":"Field","name":{"kind":"Name","value":"tombstone"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"indexNo"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"withdrawnAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"correction"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"major"}},{"kind":"Field","name":{"kind":"Name","value":"changeNote"}}]}},{"kind":"Field","name":{"kind":"Name","value":"release"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"indexNo"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"publisher"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"interpretation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}}]}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeCursorExpiredError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"retentionDays"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InputError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<NewMediaChangesQuery, NewMediaChangesQueryVariables>;
export const WebsiteCatalogDocument = {"__meta__":{"hash":"sha256:6529504a19e6c513ca4dce3454a39221cfa1cf42e5c775f4d8782910f1c95eef"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebsiteCatalog"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"domains"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"matters"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"children"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"standard"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"legalBasis"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"docNo"}},{"kind":"Field","name":{"kind":"Name","value":"articles"}}]}},{"kind":"Field","name":{"kind":"Name","value":"contentElements"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"required"}}]}},{"kind":"Field","name":{"kind":"Name","value":"responsibleText"}},{"kind":"Field","name":{"kind":"Name","value":"timeLimit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}},{"kind":"Field","name":{"kind":"Name","value":"displayPeriod"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"requiredChannels"}},{"kind":"Field","name":{"kind":"Name","value":"optionalChannels"}},{"kind":"Field","name":{"kind":"Name","value":"audience"}},{"kind":"Field","name":{"kind":"Name","value":"audienceNote"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"levels"}},{"kind":"Field","name":{"kind":"Name","value":"stages"}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<WebsiteCatalogQuery, WebsiteCatalogQueryVariables>;
export const WebsiteOrgTreeDocument = {"__meta__":{"hash":"sha256:cc65919c061ee0ac7f4d8a9004908e760af4730e92bf456fcdb466dbd32fb956"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebsiteOrgTree"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orgUnits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"depth"}},{"kind":"Field","name":{"kind":"Name","value":"parent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<WebsiteOrgTreeQuery, WebsiteOrgTreeQueryVariables>;
export const WebsitePolicyWithInterpretationsDocument = {"__meta__":{"hash":"sha256:9fa76c65c31ac7bf2300afdf508dbbe3e33933dcf888818acd305fe2ee63eba6"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebsitePolicyWithInterpretations"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Release"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"docNo"}},{"kind":"Field","name":{"kind":"Name","value":"indexNo"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"bodyHtml"}},{"kind":"Field","name":{"kind":"Name","value":"interpretationStatus"}},{"kind":"Field","name":{"kind":"Name","value":"interpretations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"form"}},{"kind":"Field","name":{"kind":"Name","value":"interpreterName"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"interpretingOrg"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<WebsitePolicyWithInterpretationsQuery, WebsitePolicyWithInterpretationsQueryVariables>;
export const WebsiteInterpretationColumnDocument = {"__meta__":{"hash":"sha256:496557acfc64c6500ddc19e03fa02375092a2ec23466d82103e7ff628effbab8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebsiteInterpretationColumn"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"interpretations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"form"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"policies"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"docNo"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<WebsiteInterpretationColumnQuery, WebsiteInterpretationColumnQueryVariables>;
export const WebsiteInterpretationDocument = {"__meta__":{"hash":"sha256:2c1efeb1da4429f0c1e78a7ac9c1bd6c175c6cd64e0f04f85e1c31fec0136cb8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebsiteInterpretation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Interpretation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"form"}},{"kind":"Field","name":{"kind":"Name","value":"interpreterName"}},{"kind":"Field","name":{"kind":"Name","value":"interpretingOrg"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"bodyHtml"}},{"kind":"Field","name":{"kind":"Name","value":"attachments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"mimeType"}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}},{"kind":"Field","name":{"kind":"Name","value":"policies"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"docNo"}}]}}]}}]}}]}}]} as unknown as DocumentNode<WebsiteInterpretationQuery, WebsiteInterpretationQueryVariables>;
export const WebsitePublicQuestionsDocument = {"__meta__":{"hash":"sha256:71e22a320b39d2b904cc8a91f9a0ac3d5faaedfca67240c76b7208b5b03e11cd"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebsitePublicQuestions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"publicQuestions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"question"}},{"kind":"Field","name":{"kind":"Name","value":"answerHtml"}},{"kind":"Field","name":{"kind":"Name","value":"receivedAt"}},{"kind":"Field","name":{"kind":"Name","value":"answeredAt"}},{"kind":"Field","name":{"kind":"Name","value":"unit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<WebsitePublicQuestionsQuery, WebsitePublicQuestionsQueryVariables>;
export const WebsiteSubmitMessageDocument = {"__meta__":{"hash":"sha256:1d350ce51eb16314c8a66212fc55cfdd1ef81c1bf1ca0d43629621cd71e3762b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebsiteSubmitMessage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SubmitConcernInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"submitConcern"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SubmitConcernPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"receipt"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trackingNo"}},{"kind":"Field","name":{"kind":"Name","value":"accessCode"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InputError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TooManyAttemptsError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<WebsiteSubmitMessageMutation, WebsiteSubmitMessageMutationVariables>;
export const WebsiteReleaseListDocument = {"__meta__":{"hash":"sha256:05ac8affdf2204bd2a1e24c1648796260d602ed5ca8d3a0d44ece1807281f4da"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebsiteReleaseList"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ReleaseFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"releases"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"indexNo"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"docNo"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"publisher"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"matter"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"domain"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<WebsiteReleaseListQuery, WebsiteReleaseListQueryVariables>;
export const WebsiteReleaseDetailDocument = {"__meta__":{"hash":"sha256:be6bc196921ffc37664abca3b0e64f83a55114bec501003e23cc9a2f105ac0dd"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebsiteReleaseDetail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"indexNo"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"releaseByIndexNo"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"indexNo"},"value":{"kind":"Variable","name":{"kind":"Name","value":"indexNo"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"indexNo"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"docNo"}},{"kind":"Field","name":{"kind":"Name","value":"topic"}},{"kind":"Field","name":{"kind":"Name","value":"genre"}},{"kind":"Field","name":{"kind":"Name","value":"keywords"}},{"kind":"Field","name":{"kind":"Name","value":"issuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"effectiveAt"}},{"kind":"Field","name":{"kind":"Name","value":"repealedAt"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"publishedOnTime"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"bodyHtml"}},{"kind":"Field","name":{"kind":"Name","value":"attachments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"mimeType"}},{"kind":"Field","name":{"kind":"Name","value":"sha256"}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}},{"kind":"Field","name":{"kind":"Name","value":"publisher"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"matter"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"domain"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"standard"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"responsibleText"}},{"kind":"Field","name":{"kind":"Name","value":"timeLimit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"text"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<WebsiteReleaseDetailQuery, WebsiteReleaseDetailQueryVariables>;