import {
  Audience,
  CatalogVersionStatus,
  DisclosureChannel,
  DisclosureLevel,
  DisclosureMode,
  DisclosureStage,
  TimeLimitTrigger,
  TimeLimitUnit,
} from '../../generated/prisma/enums.js';
import { enumFromPrisma } from '../../graphql/enums.js';
import { LegalBasisKind } from './standard.model.js';

export const DisclosureStageEnum = enumFromPrisma('DisclosureStage', DisclosureStage, '五公开 — the five stages of openness.', {
  DECISION: '决策公开 — decision-making.',
  EXECUTION: '执行公开 — implementation.',
  MANAGEMENT: '管理公开 — management.',
  SERVICE: '服务公开 — services.',
  RESULT: '结果公开 — results.',
});

export const DisclosureChannelEnum = enumFromPrisma('DisclosureChannel', DisclosureChannel, '公开渠道和载体 — a disclosure channel or carrier.', {
  GOVERNMENT_WEBSITE: '政府网站 — the government website.',
  GOVERNMENT_GAZETTE: '政府公报 — the government gazette.',
  WECHAT_WEIBO_APP: '两微一端 — WeChat, Weibo and the mobile app.',
  PRESS_CONFERENCE_HEARING: '发布会/听证会 — press conference or hearing.',
  RADIO_TV: '广播电视 — radio and television.',
  PRINT_MEDIA: '纸质媒体 — print media.',
  PUBLIC_READING_POINT: '公开查阅点 — public reading point.',
  GOVERNMENT_SERVICE_CENTER: '政务服务中心 — government service centre.',
  CONVENIENCE_SERVICE_STATION: '便民服务站 — convenience service station.',
  DOOR_TO_DOOR_ON_SITE: '入户/现场 — door to door or on site.',
  BULLETIN_BOARD: '公示栏(电子屏) — community, enterprise or village bulletin board (or screen).',
  TARGETED_PUSH: '精准推送 — targeted push to the people concerned.',
  HOTLINE_12345: '政务服务热线(12345) — the 12345 government service hotline.',
  PUBLIC_RESOURCE_TRADING_PLATFORM: '公共资源交易平台 — public resource trading platform.',
  BIDDING_SERVICE_PLATFORM: '招标投标公共服务平台 — bidding public service platform.',
  LAND_EXPROPRIATION_PLATFORM: '征地信息公开平台 — land expropriation information platform.',
  INVESTMENT_APPROVAL_PLATFORM: '投资项目在线审批监管平台 — online investment project approval platform.',
  OTHER: '其他 — other channel.',
});

export const AudienceEnum = enumFromPrisma('Audience', Audience, '公开对象 — who the disclosure is for.', {
  PUBLIC: '全社会 — the whole public.',
  SPECIFIC_GROUP: '特定群体 — a specific group (see audienceNote).',
});

export const DisclosureModeEnum = enumFromPrisma('DisclosureMode', DisclosureMode, '公开方式 — how the information is disclosed.', {
  PROACTIVE: '主动公开 — published proactively.',
  ON_REQUEST: '依申请公开 — disclosed on request.',
});

export const DisclosureLevelEnum = enumFromPrisma('DisclosureLevel', DisclosureLevel, '公开层级 — administrative level that discloses.', {
  COUNTY: '县级 — county level.',
  TOWNSHIP: '乡级 — township level.',
  VILLAGE: '村级 — village level.',
});

export const TimeLimitTriggerEnum = enumFromPrisma('TimeLimitTrigger', TimeLimitTrigger, '时限起算事件 — the event that starts the time-limit clock.', {
  INFORMATION_FORMED: '信息形成或者变更之日 — the information was formed or changed.',
  DECISION_MADE: '作出决定之日 — an administrative decision was made.',
  APPROVAL_RECEIVED: '收到批准文件之日 — the approval document was received.',
  WORK_STARTED: '工作启动时 — the work started on site.',
  WORK_COMPLETED: '工作结束之日 — the survey or work was completed.',
  RESULT_DETERMINED: '结果确定之日 — the result (allocation, award) was determined.',
  CONTRACT_SIGNED: '合同签订之日 — the contract was signed.',
  HEARING_HELD: '听证之日 — the hearing takes place (deadline falls before it).',
  POLICY_PUBLISHED: '政策发布之日 — the interpreted policy was published.',
});

export const TimeLimitUnitEnum = enumFromPrisma('TimeLimitUnit', TimeLimitUnit, '时限单位 — unit of a time limit.', {
  WORKING_DAYS: '工作日 — working days (statutory holidays and 调休 honoured).',
  CALENDAR_DAYS: '自然日 — calendar days.',
  HOURS: '小时 — hours.',
});

export const CatalogVersionStatusEnum = enumFromPrisma('CatalogVersionStatus', CatalogVersionStatus, '目录版本状态 — state of a catalog version.', {
  DRAFT: '草稿 — being prepared, not in force.',
  ACTIVE: '现行 — the version in force.',
  SUPERSEDED: '已替代 — replaced by a later version; kept as history.',
});

export const LegalBasisKindEnum = enumFromPrisma('LegalBasisKind', LegalBasisKind, '依据类型 — kind of legal instrument cited.', {
  LAW: '法律 — a law of the NPC.',
  ADMINISTRATIVE_REGULATION: '行政法规 — an administrative regulation (条例) of the State Council.',
  LOCAL_REGULATION: '地方性法规 — a local regulation.',
  RULE: '规章 — a departmental or local government rule.',
  NORMATIVE_DOCUMENT: '规范性文件 — a normative document.',
  OTHER: '其他 — another instrument.',
});
