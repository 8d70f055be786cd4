// Seed data: sample 依申请公开 requests (条例 2019) over about two years before "now", so that the
// 年报 (第三部分 and 第四部分) and the assessment show real numbers on first start: every state a
// request goes through (not yet confirmed, running, 补正中, 征求第三方意见, extended, answered,
// closed, 视为放弃), every outcome and outcome detail of the 年报 format, every requester type and
// receipt method, some answered late, some received in one year and concluded in the next, and
// 行政复议 / 行政诉讼 cases of every result. Invented for demonstration: the people, companies and
// numbers are fictitious (phones in the 139-0000 test range, identity numbers made up with a
// valid check digit).
//
// Days are counted from "now" like the other samples: `receivedDaysAgo` is the local day of receipt,
// every `day` below is in calendar days after it. The clock (dueAt, correctionDueAt) is never
// written here: the seed derives it from the events with requestClock, as the service does.
import type { AppealKind, AppealResult, RequesterType, RequestOutcome, RequestOutcomeDetail, RequestReceiptMethod } from '../../generated/prisma/enums.js';
import type { CreditRegistration } from '../credit-code.js';

export type SeedClockStep =
  | { kind: 'START'; day: number }
  | { kind: 'PAUSE_FOR_CORRECTION'; day: number; workingDays: number; note: string }
  | { kind: 'CORRECTED'; day: number; note?: string }
  | { kind: 'PAUSE_FOR_THIRD_PARTY'; day: number; note: string }
  | { kind: 'RESUME'; day: number; note?: string }
  | { kind: 'EXTEND'; day: number; workingDays: number; approver: string; reason: string }
  /** 视为放弃: recorded by the job on its first run after the correction period ended. */
  | { kind: 'ABANDON' };

export type SeedRequester =
  | { type: 'NATURAL_PERSON'; name: string; birthDate: string; sequence: number; areaCode?: string; phone: string; email?: string; address?: string }
  | { type: Exclude<RequesterType, 'NATURAL_PERSON'>; name: string; registration: CreditRegistration; orgBody: string; areaCode?: string; phone: string; email?: string; address?: string };

export interface SeedAppeal {
  kind: AppealKind;
  afterReconsideration?: boolean;
  /** 案号, `{year}` replaced with the year it was filed in. */
  caseNo: string;
  /** Calendar days after the request was received. */
  filedDay: number;
  result: AppealResult;
  decidedDay?: number;
  note?: string;
}

export interface SeedRequest {
  /** org-tree.ts key of the unit asked. */
  orgKey: string;
  /** Unique: the seed matches existing requests by it. */
  subject: string;
  content: string;
  deliveryPreference: string;
  receiptMethod: RequestReceiptMethod;
  requester: SeedRequester;
  receivedDaysAgo: number;
  clock: SeedClockStep[];
  /** The published answer: the request is concluded that day. */
  answer?: { day: number; outcome: Exclude<RequestOutcome, 'CARRIED_OVER'>; detail?: RequestOutcomeDetail; bodyHtml?: string };
  /** An answer being drafted (the request is IN_PROGRESS). */
  draft?: string;
  appeals?: SeedAppeal[];
}

/** 行政区划代码 of 明光市: requesters without an areaCode of their own are from here. */
export const HOME_AREA = '341182';

// ---- requesters -------------------------------------------------------------------------------

const person = (name: string, birthDate: string, sequence: number, phone: string, extra: { email?: string; address?: string; areaCode?: string } = {}): SeedRequester => ({
  type: 'NATURAL_PERSON', name, birthDate, sequence, phone, ...extra,
});
const org = (type: Exclude<RequesterType, 'NATURAL_PERSON'>, name: string, registration: CreditRegistration, orgBody: string, phone: string, extra: { email?: string; address?: string; areaCode?: string } = {}): SeedRequester => ({
  type, name, registration, orgBody, phone, ...extra,
});

const P = {
  wangJianguo: person('王建国', '19650412', 311, '13900004101', { address: '明光市张八岭镇岭南村王郢组' }),
  chenXiaoyan: person('陈晓燕', '19880923', 244, '13900004102', { email: 'chenxy.test@example.cn' }),
  liuZhiqiang: person('刘志强', '19720108', 135, '13900004103', { address: '明光市明光街道嘉山路东片区' }),
  zhaoGuilan: person('赵桂兰', '19580716', 362, '13900004104', { address: '明光市三界镇新河村' }),
  sunHaitao: person('孙海涛', '19900301', 17, '13900004105', { email: 'sunht.test@example.cn', areaCode: '341102' }),
  zhouMin: person('周敏', '19931127', 428, '13900004106'),
  wuDeming: person('吴德明', '19610530', 253, '13900004107', { address: '明光市潘村镇湖畔村' }),
  zhengLi: person('郑丽', '19850214', 186, '13900004108', { email: 'zhengli.test@example.cn' }),
  heYong: person('何勇', '19770819', 91, '13900004109'),
  maXiuying: person('马秀英', '19690305', 302, '13900004110', { address: '明光市女山湖镇女山村' }),
  huangLei: person('黄磊', '19951011', 75, '13900004111', { email: 'huanglei.test@example.cn', areaCode: '340104' }),
  linFang: person('林芳', '19820628', 168, '13900004112'),
  xuGang: person('徐刚', '19741203', 213, '13900004113', { address: '明光市明光街道解放社区' }),
  guoJing: person('郭静', '19910417', 226, '13900004114'),
  zhuWenhua: person('朱文华', '19600920', 157, '13900004115', { address: '明光市张八岭镇东山村' }),
  yangFan: person('杨帆', '19980707', 39, '13900004116', { email: 'yangfan.test@example.cn' }),
};

const O = {
  hengda: org('COMMERCIAL_ENTERPRISE', '明光市恒达建材有限公司', '91', '60012345', '0550-8123401', { address: '明光市工业园区纬三路8号' }),
  ruiqi: org('COMMERCIAL_ENTERPRISE', '滁州瑞祺燃气工程有限公司', '91', '60023456', '0550-3123402', { areaCode: '341100' }),
  jiayuan: org('COMMERCIAL_ENTERPRISE', '安徽嘉源市政工程有限公司', '91', '60034567', '0551-6123403', { areaCode: '340100', email: 'legal.test@example.cn' }),
  institute: org('RESEARCH_INSTITUTION', '安徽省城乡规划研究所', '12', '60045678', '0551-6123404', { areaCode: '340000' }),
  university: org('RESEARCH_INSTITUTION', '滁州学院地方治理研究中心', '12', '60056789', '0550-3123405', { areaCode: '341100' }),
  ruralAid: org('PUBLIC_INTEREST_ORGANIZATION', '明光市乡村助学公益服务中心', '52', '60067890', '13900004201'),
  greenHuai: org('PUBLIC_INTEREST_ORGANIZATION', '滁州市绿色淮河环保志愿者协会', '52', '60078901', '13900004202', { areaCode: '341100' }),
  lawFirm: org('LEGAL_SERVICE_ORGANIZATION', '安徽明律律师事务所', '31', '60089012', '0550-8123406', { email: 'minglv.test@example.cn' }),
  legalAid: org('LEGAL_SERVICE_ORGANIZATION', '明光市法律援助中心', '12', '60090123', '0550-8123407'),
  coop: org('OTHER_ORGANIZATION', '明光市涧溪镇丰禾农民专业合作社', '93', '60101234', '13900004203'),
};

// ---- clock steps ------------------------------------------------------------------------------

const start = (day = 0): SeedClockStep => ({ kind: 'START', day });
const correction = (day: number, note: string, workingDays = 15): SeedClockStep => ({ kind: 'PAUSE_FOR_CORRECTION', day, workingDays, note });
const corrected = (day: number): SeedClockStep => ({ kind: 'CORRECTED', day, note: '申请人已提交补正后的申请' });
const thirdParty = (day: number, note: string): SeedClockStep => ({ kind: 'PAUSE_FOR_THIRD_PARTY', day, note });
const resume = (day: number, note = '第三方已书面答复'): SeedClockStep => ({ kind: 'RESUME', day, note });
const extend = (day: number, workingDays: number, approver: string, reason: string): SeedClockStep => ({ kind: 'EXTEND', day, workingDays, approver, reason });
const abandon: SeedClockStep = { kind: 'ABANDON' };

const DELIVERY = {
  email: '电子邮件',
  post: '邮寄纸质件',
  pickup: '当面领取纸质件',
  online: '网上获取（政府网站依申请公开系统）',
  disk: '刻录光盘邮寄',
};

export const sampleRequests: SeedRequest[] = [
  // ==== received in the earlier year ==========================================================
  {
    orgKey: 'natural-resources',
    subject: '申请公开张八岭镇岭南村征地补偿费用发放明细',
    content: '本人系岭南村王郢组村民，承包地被列入城镇建设用地征收范围。申请公开岭南村王郢组征地补偿费用（土地补偿费、安置补助费、青苗补偿费）的发放明细。',
    deliveryPreference: DELIVERY.pickup,
    receiptMethod: 'IN_PERSON',
    requester: P.wangJianguo,
    receivedDaysAgo: 672,
    clock: [start()],
    answer: { day: 12, outcome: 'DISCLOSED' },
  },
  {
    orgKey: 'housing-expropriation',
    subject: '申请公开嘉山路东片区棚户区改造项目房屋征收补偿方案及征收决定',
    content: '本人房屋位于嘉山路东片区，申请公开该项目的房屋征收补偿方案、社会稳定风险评估结论和房屋征收决定。',
    deliveryPreference: DELIVERY.post,
    receiptMethod: 'POST',
    requester: P.liuZhiqiang,
    receivedDaysAgo: 650,
    clock: [start()],
    answer: { day: 10, outcome: 'DISCLOSED' },
  },
  {
    orgKey: 'natural-resources',
    subject: '申请公开本人承包地所在地块的征地批准文件及勘测定界图',
    content: '申请公开涉及本人承包地（三界镇新河村东洼）的征地批准文件、勘测定界图及征地红线图。',
    deliveryPreference: DELIVERY.post,
    receiptMethod: 'ONLINE',
    requester: P.zhaoGuilan,
    receivedDaysAgo: 640,
    clock: [start(1)],
    answer: { day: 15, outcome: 'PARTIALLY_DISCLOSED', bodyHtml: '<p>经审查，征地批准文件予以公开（见附件）；勘测定界图中涉及的测绘成果坐标数据依法不予公开，其余部分予以公开。</p>' },
    appeals: [
      { kind: 'RECONSIDERATION', caseNo: '明政复〔{year}〕11号', filedDay: 40, result: 'UPHELD', decidedDay: 95, note: '复议机关维持原答复' },
      { kind: 'LITIGATION', afterReconsideration: true, caseNo: '（{year}）皖1182行初37号', filedDay: 120, result: 'OTHER', decidedDay: 290, note: '原告撤回起诉，法院裁定准许' },
    ],
  },
  {
    orgKey: 'housing',
    subject: '申请公开某燃气公司燃气经营许可申请材料',
    content: '申请公开明光市某燃气有限公司申请燃气经营许可时提交的全部申请材料，包括企业资质、安全评价报告和设施设备清单。',
    deliveryPreference: DELIVERY.email,
    receiptMethod: 'ONLINE',
    requester: O.ruiqi,
    receivedDaysAgo: 628,
    clock: [start(1), thirdParty(6, '申请公开的信息涉及第三方商业秘密，书面征求该公司意见'), resume(20, '第三方书面答复不同意公开')],
    answer: { day: 26, outcome: 'NOT_DISCLOSED', detail: 'THIRD_PARTY_RIGHTS' },
    appeals: [{ kind: 'LITIGATION', caseNo: '（{year}）皖1182行初52号', filedDay: 60, result: 'CORRECTED', decidedDay: 200, note: '判决撤销答复，责令重新答复' }],
  },
  {
    orgKey: 'urban-management',
    subject: '申请公开城区地下管网中涉及军事设施的分布图',
    content: '申请公开明光市城区地下综合管网分布图，包括其中经过军事管理区的管线走向。',
    deliveryPreference: DELIVERY.post,
    receiptMethod: 'LETTER',
    requester: P.heYong,
    receivedDaysAgo: 615,
    clock: [start(2)],
    answer: { day: 14, outcome: 'NOT_DISCLOSED', detail: 'STATE_SECRET' },
  },
  {
    orgKey: 'finance',
    subject: '申请公开全市个人所得税纳税人名单及纳税额',
    content: '申请公开明光市上一年度个人所得税纳税人名单及每人纳税金额。',
    deliveryPreference: DELIVERY.email,
    receiptMethod: 'ONLINE',
    requester: P.sunHaitao,
    receivedDaysAgo: 600,
    clock: [start(1)],
    answer: { day: 12, outcome: 'NOT_DISCLOSED', detail: 'PROHIBITED_BY_LAW' },
  },
  {
    orgKey: 'urban-management',
    subject: '申请公开城区水厂取水口及加压泵站的安保布防方案',
    content: '申请公开明光市城区水厂取水口、加压泵站的安保力量部署和视频监控点位布防方案。',
    deliveryPreference: DELIVERY.post,
    receiptMethod: 'FAX',
    requester: P.linFang,
    receivedDaysAgo: 590,
    clock: [start(1)],
    answer: { day: 16, outcome: 'NOT_DISCLOSED', detail: 'ENDANGERS_SECURITY_STABILITY' },
  },
  {
    orgKey: 'housing',
    subject: '申请公开市住建局干部年度考核测评原始记录',
    content: '申请公开明光市住房和城乡建设局上一年度干部年度考核民主测评的原始记录和打分表。',
    deliveryPreference: DELIVERY.pickup,
    receiptMethod: 'IN_PERSON',
    requester: P.xuGang,
    receivedDaysAgo: 575,
    clock: [start()],
    answer: { day: 9, outcome: 'NOT_DISCLOSED', detail: 'INTERNAL_AFFAIRS' },
  },
  {
    orgKey: 'housing-expropriation',
    subject: '申请公开征收补偿方案论证会会议纪要及各方讨论意见',
    content: '受委托人委托，申请公开嘉山路东片区棚户区改造项目征收补偿方案论证会的会议纪要、参会单位讨论意见和专家意见。',
    deliveryPreference: DELIVERY.post,
    receiptMethod: 'POST',
    requester: O.lawFirm,
    receivedDaysAgo: 560,
    clock: [start()],
    answer: { day: 15, outcome: 'NOT_DISCLOSED', detail: 'PROCESS_INFORMATION' },
    appeals: [{ kind: 'RECONSIDERATION', caseNo: '明政复〔{year}〕23号', filedDay: 45, result: 'CORRECTED', decidedDay: 110, note: '复议决定责令被申请人对已形成的最终论证结论予以重新答复' }],
  },
  {
    orgKey: 'urban-management',
    subject: '申请公开对本人违法建设作出行政处罚的全部案卷材料',
    content: '申请公开市城市管理局对本人住宅加层违法建设立案查处的全部案卷材料，包括现场勘验笔录、询问笔录和内部审批表。',
    deliveryPreference: DELIVERY.pickup,
    receiptMethod: 'IN_PERSON',
    requester: P.liuZhiqiang,
    receivedDaysAgo: 545,
    clock: [start()],
    answer: { day: 13, outcome: 'NOT_DISCLOSED', detail: 'ENFORCEMENT_FILE' },
    appeals: [{ kind: 'LITIGATION', caseNo: '（{year}）皖1182行初64号', filedDay: 50, result: 'UPHELD', decidedDay: 170, note: '判决驳回原告诉讼请求' }],
  },
  {
    orgKey: 'sanjie',
    subject: '申请公开新河村土地流转合同中本人地块的情况',
    content: '申请公开三界镇新河村土地流转中本人承包地的相关情况。',
    deliveryPreference: DELIVERY.pickup,
    receiptMethod: 'IN_PERSON',
    requester: P.zhaoGuilan,
    receivedDaysAgo: 540,
    clock: [start(), correction(3, '申请内容不明确，请写明所需信息的名称、文号或者便于查询的其他特征性描述', 10), corrected(12)],
    answer: { day: 25, outcome: 'UNABLE_TO_PROVIDE', detail: 'STILL_UNCLEAR' },
  },
  {
    orgKey: 'natural-resources',
    subject: '查询本人名下不动产登记信息',
    content: '申请查询本人名下在明光市范围内的全部不动产登记信息及抵押情况。',
    deliveryPreference: DELIVERY.online,
    receiptMethod: 'ONLINE',
    requester: P.chenXiaoyan,
    receivedDaysAgo: 530,
    clock: [start(1)],
    answer: { day: 5, outcome: 'NOT_DISCLOSED', detail: 'ADMINISTRATIVE_INQUIRY' },
  },
  {
    orgKey: 'sanjie',
    subject: '申请公开原三界镇农机站改制时的资产评估报告',
    content: '申请公开原三界镇农机站改制时的资产评估报告和职工安置方案。',
    deliveryPreference: DELIVERY.post,
    receiptMethod: 'LETTER',
    requester: P.wuDeming,
    receivedDaysAgo: 515,
    clock: [start(3)],
    answer: { day: 17, outcome: 'UNABLE_TO_PROVIDE', detail: 'NOT_HELD' },
    appeals: [{ kind: 'RECONSIDERATION', caseNo: '明政复〔{year}〕30号', filedDay: 40, result: 'OTHER', decidedDay: 62, note: '申请人撤回复议申请，复议终止' }],
  },
  {
    orgKey: 'housing',
    subject: '申请提供近十年全市农村危房改造资金按村按年度汇总统计表',
    content: '为开展课题研究，申请提供近十年明光市农村危房改造补助资金按村、按年度汇总的统计表。',
    deliveryPreference: DELIVERY.email,
    receiptMethod: 'ONLINE',
    requester: O.institute,
    receivedDaysAgo: 500,
    clock: [start(1)],
    answer: { day: 18, outcome: 'UNABLE_TO_PROVIDE', detail: 'NEEDS_CREATION' },
  },
  {
    orgKey: 'zhangbaling',
    subject: '申请公开沙坝村村级道路硬化工程资金使用情况',
    content: '申请公开沙坝村村级道路硬化工程的资金来源和使用情况。',
    deliveryPreference: DELIVERY.online,
    receiptMethod: 'ONLINE',
    requester: P.zhuWenhua,
    receivedDaysAgo: 500,
    clock: [start(1), correction(5, '请补充提供申请人身份证明及所需信息的具体时间范围'), abandon],
  },
  {
    orgKey: 'housing',
    subject: '要求查处某小区物业违规收费并公开处理结果',
    content: '本人居住的小区物业公司擅自提高物业费，要求住建局查处并公开处理结果。',
    deliveryPreference: DELIVERY.online,
    receiptMethod: 'ONLINE',
    requester: P.zhouMin,
    receivedDaysAgo: 488,
    clock: [start(1)],
    answer: { day: 7, outcome: 'NOT_PROCESSED', detail: 'PETITION_COMPLAINT' },
  },
  {
    orgKey: 'office',
    subject: '申请提供《明光年鉴》近三年卷册',
    content: '申请提供近三年出版的《明光年鉴》纸质卷册各一册。',
    deliveryPreference: DELIVERY.post,
    receiptMethod: 'POST',
    requester: O.university,
    receivedDaysAgo: 470,
    clock: [start()],
    answer: { day: 6, outcome: 'NOT_PROCESSED', detail: 'PUBLICATION_REQUESTED' },
  },
  {
    orgKey: 'rural-revitalization',
    subject: '申请公开乡村振兴项目库入库项目及资金安排',
    content: '申请公开本年度巩固拓展脱贫攻坚成果和乡村振兴项目库入库项目清单及各项目资金安排。',
    deliveryPreference: DELIVERY.email,
    receiptMethod: 'ONLINE',
    requester: O.ruralAid,
    receivedDaysAgo: 455,
    clock: [start(1)],
    answer: { day: 10, outcome: 'DISCLOSED' },
  },
  {
    orgKey: 'natural-resources',
    subject: '申请复制全市建设用地审批档案',
    content: '申请复制明光市近十年全部建设用地审批档案（含报批材料和批复文件）的纸质复印件。',
    deliveryPreference: DELIVERY.post,
    receiptMethod: 'POST',
    requester: O.hengda,
    receivedDaysAgo: 440,
    clock: [start(), extend(20, 15, '吴立新（局办公室主任）', '申请数量巨大，需调取、复制大量档案')],
    answer: { day: 40, outcome: 'OTHER', detail: 'FEE_UNPAID' },
  },
  {
    orgKey: 'education',
    subject: '申请公开城区义务教育学校学区划分依据',
    content: '申请公开城区义务教育学校学区划分的依据、论证过程材料和征求意见情况。',
    deliveryPreference: DELIVERY.pickup,
    receiptMethod: 'IN_PERSON',
    requester: P.guoJing,
    receivedDaysAgo: 425,
    clock: [start()],
    // answered after the time limit
    answer: { day: 45, outcome: 'DISCLOSED' },
  },
  {
    orgKey: 'rural-revitalization',
    subject: '申请公开衔接资金项目的招投标及验收资料',
    content: '申请公开本社所在村衔接推进乡村振兴补助资金项目（高标准农田配套设施）的招投标文件和竣工验收资料。',
    deliveryPreference: DELIVERY.disk,
    receiptMethod: 'ONLINE',
    requester: O.coop,
    receivedDaysAgo: 410,
    clock: [start(1), extend(22, 20, '钱永和（局分管负责人）', '需向多个项目实施单位调取资料')],
    answer: { day: 38, outcome: 'PARTIALLY_DISCLOSED', bodyHtml: '<p>经审查，招投标文件和竣工验收结论予以公开；投标人报价明细涉及商业秘密，不予公开。</p>' },
    appeals: [
      { kind: 'RECONSIDERATION', caseNo: '明政复〔{year}〕41号', filedDay: 60, result: 'UPHELD', decidedDay: 118 },
      { kind: 'LITIGATION', afterReconsideration: true, caseNo: '（{year}）皖1182行初9号', filedDay: 130, result: 'UPHELD', decidedDay: 260, note: '判决驳回原告诉讼请求' },
    ],
  },
  {
    orgKey: 'zhangbaling',
    subject: '申请公开张八岭镇冬春受灾群众生活救助对象名单',
    content: '申请公开张八岭镇本年度冬春受灾群众生活救助对象名单及救助标准。',
    deliveryPreference: DELIVERY.pickup,
    receiptMethod: 'IN_PERSON',
    requester: P.maXiuying,
    receivedDaysAgo: 395,
    clock: [start()],
    answer: { day: 3, outcome: 'DISCLOSED' },
  },
  {
    orgKey: 'housing-expropriation',
    subject: '再次申请公开嘉山路东片区房屋征收补偿方案',
    content: '再次申请公开嘉山路东片区棚户区改造项目的房屋征收补偿方案。',
    deliveryPreference: DELIVERY.post,
    receiptMethod: 'ONLINE',
    requester: P.liuZhiqiang,
    receivedDaysAgo: 380,
    clock: [start(1)],
    answer: { day: 4, outcome: 'NOT_PROCESSED', detail: 'REPEATED' },
  },
  {
    orgKey: 'office',
    subject: '申请公开市政府近二十年全部会议纪要及公文',
    content: '申请公开明光市人民政府近二十年来的全部常务会议纪要、全部发文和收文。',
    deliveryPreference: DELIVERY.email,
    receiptMethod: 'ONLINE',
    requester: P.huangLei,
    receivedDaysAgo: 365,
    clock: [start(1)],
    answer: { day: 12, outcome: 'NOT_PROCESSED', detail: 'VEXATIOUS' },
  },
  {
    orgKey: 'housing-expropriation',
    subject: '要求确认征收补偿协议复印件与原件一致并加盖公章',
    content: '本人已取得房屋征收补偿协议复印件，要求征收办确认其与原件一致并加盖公章。',
    deliveryPreference: DELIVERY.pickup,
    receiptMethod: 'IN_PERSON',
    requester: P.xuGang,
    receivedDaysAgo: 358,
    clock: [start()],
    answer: { day: 6, outcome: 'NOT_PROCESSED', detail: 'CONFIRMATION_REQUESTED' },
    // filed in one year, decided in the next: 尚未审结 in the earlier year's report
    appeals: [{ kind: 'RECONSIDERATION', caseNo: '明政复〔{year}〕58号', filedDay: 20, result: 'UPHELD', decidedDay: 75 }],
  },
  // ---- received late in the earlier year, concluded in the next (结转) ----
  {
    orgKey: 'urban-management',
    subject: '申请公开城镇污水处理费征收使用情况',
    content: '申请公开本年度城镇污水处理费的征收总额和使用情况。',
    deliveryPreference: DELIVERY.email,
    receiptMethod: 'ONLINE',
    requester: O.greenHuai,
    receivedDaysAgo: 350,
    clock: [start(1)],
    answer: { day: 24, outcome: 'DISCLOSED' },
  },
  {
    orgKey: 'natural-resources',
    subject: '申请公开女山湖镇砂石开采权出让情况',
    content: '申请公开女山湖镇砂石开采相关情况。',
    deliveryPreference: DELIVERY.online,
    receiptMethod: 'ONLINE',
    requester: P.yangFan,
    receivedDaysAgo: 345,
    // no correction in time: 视为放弃 early in the next year
    clock: [start(1), correction(4, '请写明所需信息的名称、文号或者特征性描述及时间范围'), abandon],
  },
  {
    orgKey: 'pancun',
    subject: '申请公开潘村镇湖畔村集体资产清产核资结果',
    content: '申请公开湖畔村集体资产清产核资结果及集体经营性资产量化情况。',
    deliveryPreference: DELIVERY.post,
    receiptMethod: 'LETTER',
    requester: P.wuDeming,
    receivedDaysAgo: 344,
    clock: [start(2)],
    answer: { day: 20, outcome: 'OTHER', detail: 'OTHER', bodyHtml: '<p>申请人于办理期间书面撤回本次政府信息公开申请，本机关终止办理。</p>' },
  },
  {
    orgKey: 'housing',
    subject: '申请公开公共租赁住房项目代建企业的结算审计报告',
    content: '申请公开城东公共租赁住房项目代建企业的工程结算审计报告。',
    deliveryPreference: DELIVERY.post,
    receiptMethod: 'POST',
    requester: P.zhengLi,
    receivedDaysAgo: 338,
    clock: [start(), thirdParty(5, '审计报告涉及代建企业商业信息，书面征求其意见'), resume(19)],
    answer: { day: 30, outcome: 'PARTIALLY_DISCLOSED', bodyHtml: '<p>经征求第三方意见，审计结论部分予以公开；涉及企业成本构成的商业秘密部分不予公开。</p>' },
  },
  // ==== received in the later year =============================================================
  {
    orgKey: 'education',
    subject: '申请公开城区义务教育学校招生计划数',
    content: '申请公开本年度城区各义务教育学校一年级、七年级的招生计划数。',
    deliveryPreference: DELIVERY.email,
    receiptMethod: 'ONLINE',
    requester: P.chenXiaoyan,
    receivedDaysAgo: 300,
    clock: [start(1)],
    answer: { day: 9, outcome: 'DISCLOSED' },
  },
  {
    orgKey: 'housing',
    subject: '申请公开公共租赁住房轮候名单',
    content: '申请公开本市公共租赁住房当前的轮候名单及本人的轮候序号。',
    deliveryPreference: DELIVERY.pickup,
    receiptMethod: 'IN_PERSON',
    requester: P.zhouMin,
    receivedDaysAgo: 280,
    clock: [start()],
    answer: { day: 5, outcome: 'DISCLOSED' },
  },
  {
    orgKey: 'natural-resources',
    subject: '申请公开征地补偿安置听证会笔录',
    content: '受委托人委托，申请公开城镇建设用地征地补偿安置听证会的听证笔录和听证报告。',
    deliveryPreference: DELIVERY.post,
    receiptMethod: 'POST',
    requester: O.legalAid,
    receivedDaysAgo: 265,
    clock: [start()],
    answer: { day: 16, outcome: 'PARTIALLY_DISCLOSED', bodyHtml: '<p>经审查，听证报告予以公开；听证笔录中涉及其他被征地农户个人信息的部分已作区分处理。</p>' },
    appeals: [{ kind: 'RECONSIDERATION', caseNo: '明政复〔{year}〕19号', filedDay: 30, result: 'CORRECTED', decidedDay: 85, note: '复议决定责令被申请人重新作出答复' }],
  },
  {
    orgKey: 'emergency',
    subject: '申请公开战备应急物资储备库位置和储备清单',
    content: '申请公开明光市战备应急物资储备库的具体位置、储备品种和数量清单。',
    deliveryPreference: DELIVERY.email,
    receiptMethod: 'ONLINE',
    requester: P.heYong,
    receivedDaysAgo: 250,
    clock: [start(1)],
    answer: { day: 11, outcome: 'NOT_DISCLOSED', detail: 'STATE_SECRET' },
    appeals: [{ kind: 'LITIGATION', caseNo: '（{year}）皖1182行初21号', filedDay: 60, result: 'PENDING' }],
  },
  {
    orgKey: 'education',
    subject: '申请公开中小学教师职称评审专家评议意见',
    content: '为开展教师评价研究，申请公开本年度中小学教师中级职称评审中评审专家的个人评议意见和投票记录。',
    deliveryPreference: DELIVERY.email,
    receiptMethod: 'ONLINE',
    requester: O.university,
    receivedDaysAgo: 230,
    clock: [start(1)],
    answer: { day: 14, outcome: 'NOT_DISCLOSED', detail: 'PROCESS_INFORMATION' },
    appeals: [
      { kind: 'RECONSIDERATION', caseNo: '明政复〔{year}〕27号', filedDay: 30, result: 'UPHELD', decidedDay: 80 },
      { kind: 'LITIGATION', afterReconsideration: true, caseNo: '（{year}）皖1182行初33号', filedDay: 95, result: 'PENDING' },
    ],
  },
  {
    orgKey: 'zhangbaling',
    subject: '申请公开东山村土地二轮承包原始台账',
    content: '申请公开东山村土地第二轮承包时的原始台账中本户的登记情况。',
    deliveryPreference: DELIVERY.pickup,
    receiptMethod: 'IN_PERSON',
    requester: P.zhuWenhua,
    receivedDaysAgo: 215,
    clock: [start()],
    answer: { day: 10, outcome: 'UNABLE_TO_PROVIDE', detail: 'NOT_HELD' },
  },
  {
    orgKey: 'urban-management',
    subject: '投诉夜间施工噪音并要求公开处理情况',
    content: '嘉山路雨污管网改造工地夜间施工噪音扰民，要求查处并公开处理情况。',
    deliveryPreference: DELIVERY.online,
    receiptMethod: 'ONLINE',
    requester: P.linFang,
    receivedDaysAgo: 200,
    clock: [start(1)],
    answer: { day: 5, outcome: 'NOT_PROCESSED', detail: 'PETITION_COMPLAINT' },
  },
  {
    orgKey: 'finance',
    subject: '申请公开教室照明改造采购项目合同履约验收情况',
    content: '申请公开中小学教室照明改造采购项目的政府采购合同履约验收报告。',
    deliveryPreference: DELIVERY.email,
    receiptMethod: 'ONLINE',
    requester: O.jiayuan,
    receivedDaysAgo: 190,
    clock: [start(1)],
    answer: { day: 8, outcome: 'DISCLOSED' },
  },
  {
    orgKey: 'rural-revitalization',
    subject: '申请公开防止返贫监测对象的帮扶措施',
    content: '申请公开本村防止返贫监测对象的帮扶措施及落实情况（不含个人信息）。',
    deliveryPreference: DELIVERY.post,
    receiptMethod: 'LETTER',
    requester: P.maXiuying,
    receivedDaysAgo: 175,
    clock: [start(3)],
    // answered after the time limit
    answer: { day: 55, outcome: 'DISCLOSED' },
  },
  {
    orgKey: 'housing-expropriation',
    subject: '申请公开棚户区改造项目安置房分配方案及分配结果',
    content: '申请公开嘉山路东片区棚户区改造项目安置房的分配方案、选房规则和分配结果。',
    deliveryPreference: DELIVERY.email,
    receiptMethod: 'ONLINE',
    requester: O.ruralAid,
    receivedDaysAgo: 160,
    clock: [start(1), extend(20, 20, '陈立平（征收办主任）', '分配结果涉及多个安置点，需逐一核对')],
    answer: { day: 40, outcome: 'DISCLOSED' },
  },
  {
    orgKey: 'office',
    subject: '申请公开市政府办公室内部管理制度汇编',
    content: '申请公开明光市人民政府办公室的内部人事管理、后勤管理制度汇编。',
    deliveryPreference: DELIVERY.email,
    receiptMethod: 'ONLINE',
    requester: P.sunHaitao,
    receivedDaysAgo: 140,
    clock: [start(1)],
    answer: { day: 10, outcome: 'NOT_DISCLOSED', detail: 'INTERNAL_AFFAIRS' },
  },
  {
    orgKey: 'mingguang-subdistrict',
    subject: '申请公开本户及相邻住户的分户初步评估结果',
    content: '申请公开嘉山路东片区本户及相邻住户的房屋分户初步评估结果。',
    deliveryPreference: DELIVERY.pickup,
    receiptMethod: 'IN_PERSON',
    requester: P.liuZhiqiang,
    receivedDaysAgo: 120,
    clock: [start()],
    answer: { day: 12, outcome: 'PARTIALLY_DISCLOSED', bodyHtml: '<p>本户评估结果予以公开；相邻住户的评估结果涉及他人个人隐私，不予公开。</p>' },
    appeals: [{ kind: 'LITIGATION', caseNo: '（{year}）皖1182行初47号', filedDay: 30, result: 'OTHER', decidedDay: 90, note: '法院裁定驳回起诉' }],
  },
  {
    orgKey: 'education',
    subject: '申请公开校外培训机构审批材料',
    content: '申请公开校外培训机构审批的相关材料。',
    deliveryPreference: DELIVERY.online,
    receiptMethod: 'ONLINE',
    requester: P.yangFan,
    receivedDaysAgo: 110,
    clock: [start(1), correction(3, '请写明所需信息涉及的培训机构名称或审批文号'), abandon],
  },
  {
    orgKey: 'office',
    subject: '申请提供《明光市志》续编本',
    content: '申请提供已正式出版的《明光市志》续编本一套。',
    deliveryPreference: DELIVERY.post,
    receiptMethod: 'POST',
    requester: P.wangJianguo,
    receivedDaysAgo: 95,
    clock: [start()],
    answer: { day: 6, outcome: 'NOT_PROCESSED', detail: 'PUBLICATION_REQUESTED' },
  },
  {
    orgKey: 'pancun',
    subject: '申请公开潘村镇秋季学期控辍保学工作情况',
    content: '申请公开潘村镇本学期控辍保学工作的开展情况和劝返复学人数。',
    deliveryPreference: DELIVERY.pickup,
    receiptMethod: 'IN_PERSON',
    requester: P.wuDeming,
    receivedDaysAgo: 80,
    clock: [start()],
    answer: { day: 2, outcome: 'DISCLOSED' },
  },
  {
    orgKey: 'housing',
    subject: '申请公开保障性租赁住房项目的建设单位与施工合同',
    content: '申请公开本年度保障性租赁住房项目的建设单位、施工合同主要条款及履约保证情况。',
    deliveryPreference: DELIVERY.email,
    receiptMethod: 'ONLINE',
    requester: P.chenXiaoyan,
    receivedDaysAgo: 90,
    clock: [start(1), thirdParty(8, '施工合同涉及施工企业商业信息，书面征求其意见'), resume(20)],
    // answered after the time limit
    answer: { day: 62, outcome: 'DISCLOSED' },
  },
  {
    orgKey: 'urban-management',
    subject: '申请公开对本公司作出行政处罚的调查取证材料',
    content: '申请公开市城市管理局对本公司渣土运输违规作出行政处罚的调查取证材料和集体讨论记录。',
    deliveryPreference: DELIVERY.post,
    receiptMethod: 'POST',
    requester: O.hengda,
    receivedDaysAgo: 70,
    clock: [start()],
    answer: { day: 14, outcome: 'NOT_DISCLOSED', detail: 'ENFORCEMENT_FILE' },
    appeals: [{ kind: 'RECONSIDERATION', caseNo: '明政复〔{year}〕66号', filedDay: 40, result: 'PENDING' }],
  },
  {
    orgKey: 'finance',
    subject: '申请提供全市历年政府采购项目按品目汇总分析',
    content: '为开展研究，申请提供明光市历年政府采购项目按品目、按采购方式汇总的分析数据。',
    deliveryPreference: DELIVERY.email,
    receiptMethod: 'ONLINE',
    requester: O.institute,
    receivedDaysAgo: 60,
    clock: [start(1)],
    answer: { day: 15, outcome: 'UNABLE_TO_PROVIDE', detail: 'NEEDS_CREATION' },
  },
  {
    orgKey: 'sanjie',
    subject: '申请公开三界镇农村危房改造竣工验收结果',
    content: '申请公开三界镇本年度农村危房改造竣工验收结果及补助资金拨付情况。',
    deliveryPreference: DELIVERY.pickup,
    receiptMethod: 'IN_PERSON',
    requester: P.zhaoGuilan,
    receivedDaysAgo: 11,
    clock: [start()],
    // answered this week: still ANSWERED, not yet closed
    answer: { day: 8, outcome: 'DISCLOSED' },
  },
  // ==== open ==================================================================================
  {
    orgKey: 'housing',
    subject: '申请公开公共租赁住房租金标准调整依据',
    content: '申请公开本市公共租赁住房租金标准调整的依据和成本测算材料。',
    deliveryPreference: DELIVERY.email,
    receiptMethod: 'ONLINE',
    requester: P.guoJing,
    receivedDaysAgo: 1,
    clock: [], // not yet confirmed with the requester
  },
  {
    orgKey: 'zhangbaling',
    subject: '申请公开岭南村征地补偿款村集体留存部分的使用情况',
    content: '申请公开岭南村征地补偿款中村集体留存部分的使用和分配情况。',
    deliveryPreference: DELIVERY.post,
    receiptMethod: 'LETTER',
    requester: P.wangJianguo,
    receivedDaysAgo: 2,
    clock: [], // an ordinary letter, not yet confirmed
  },
  {
    orgKey: 'natural-resources',
    subject: '申请公开国有建设用地使用权挂牌出让的竞买资格审查情况',
    content: '申请公开明光2026-15号地块挂牌出让的竞买资格审查结果和竞价记录。',
    deliveryPreference: DELIVERY.email,
    receiptMethod: 'FAX',
    requester: O.jiayuan,
    receivedDaysAgo: 1,
    clock: [], // a fax, not yet confirmed
  },
  {
    orgKey: 'education',
    subject: '申请公开新任教师招聘面试成绩',
    content: '申请公开本年度公开招聘中小学新任教师的面试成绩及排名。',
    deliveryPreference: DELIVERY.pickup,
    receiptMethod: 'IN_PERSON',
    requester: P.zhengLi,
    receivedDaysAgo: 4,
    clock: [start()],
  },
  {
    orgKey: 'sanjie',
    subject: '申请公开高标准农田建设项目的施工合同',
    content: '申请公开三界镇高标准农田建设项目（施工）的中标通知书和施工合同。',
    deliveryPreference: DELIVERY.post,
    receiptMethod: 'POST',
    requester: O.coop,
    receivedDaysAgo: 12,
    clock: [start()],
    draft: '<p>经审查，您申请公开的中标通知书和施工合同属于公开范围，现予以公开（见附件）。</p>',
  },
  {
    orgKey: 'urban-management',
    subject: '申请公开嘉山路雨污管网改造工程的环境影响评价文件',
    content: '申请公开嘉山路（部分路段）雨污管网改造工程的环境影响评价文件及批复。',
    deliveryPreference: DELIVERY.email,
    receiptMethod: 'ONLINE',
    requester: O.greenHuai,
    receivedDaysAgo: 50,
    clock: [start(1)],
    // past its time limit and still being drafted
    draft: '<p>经审查，您申请公开的环境影响评价登记表予以公开（见附件）。</p>',
  },
  {
    orgKey: 'natural-resources',
    subject: '申请公开本村土地征收成片开发方案',
    content: '申请公开涉及本村的土地征收成片开发方案。',
    deliveryPreference: DELIVERY.pickup,
    receiptMethod: 'IN_PERSON',
    requester: P.maXiuying,
    receivedDaysAgo: 6,
    clock: [start(), correction(2, '请写明所在村名称及开发方案的年度或批次')],
  },
  {
    orgKey: 'housing-expropriation',
    subject: '申请公开征收项目房地产价格评估机构的评估报告',
    content: '申请公开嘉山路东片区棚户区改造项目房地产价格评估机构出具的整体评估报告。',
    deliveryPreference: DELIVERY.email,
    receiptMethod: 'ONLINE',
    requester: O.ruiqi,
    receivedDaysAgo: 20,
    clock: [start(1), thirdParty(9, '评估报告涉及评估机构的技术秘密，书面征求其意见')],
  },
  {
    orgKey: 'rural-revitalization',
    subject: '申请公开乡村振兴衔接资金分配测算依据',
    content: '受委托人委托，申请公开本年度中央和省级财政衔接推进乡村振兴补助资金分配的测算依据和因素权重。',
    deliveryPreference: DELIVERY.post,
    receiptMethod: 'POST',
    requester: O.lawFirm,
    receivedDaysAgo: 30,
    clock: [start(), extend(21, 15, '钱永和（局分管负责人）', '需会同财政部门核对测算资料')],
    draft: '<p>经审查，资金分配测算依据予以公开（见附件）。</p>',
  },
  {
    orgKey: 'office',
    subject: '申请公开市政府常务会议关于城区停车收费的议定事项',
    content: '申请公开市政府常务会议关于城区公共停车场收费标准调整的议定事项。',
    deliveryPreference: DELIVERY.email,
    receiptMethod: 'ONLINE',
    requester: P.huangLei,
    receivedDaysAgo: 18,
    clock: [start(1), correction(3, '请写明会议的大致时间或议题名称'), corrected(10)],
  },
];

/** The answer's text when a sample does not give its own, by outcome (and detail). */
export const ANSWER_TEXT: Record<string, string> = {
  DISCLOSED: '<p>经审查，您申请获取的政府信息属于公开范围，根据《中华人民共和国政府信息公开条例》第三十六条第（二）项的规定，现予以公开，已按您要求的形式提供（见附件）。</p>',
  PARTIALLY_DISCLOSED: '<p>经审查，您申请获取的政府信息中部分内容不应当公开，根据《中华人民共和国政府信息公开条例》第三十七条的规定，本机关已作区分处理，向您提供可以公开的部分。</p>',
  'NOT_DISCLOSED.STATE_SECRET': '<p>经审查，您申请获取的政府信息经依法确定为国家秘密，根据《中华人民共和国政府信息公开条例》第十四条的规定，不予公开。</p>',
  'NOT_DISCLOSED.PROHIBITED_BY_LAW': '<p>经审查，您申请获取的信息属于法律、行政法规禁止公开的信息（纳税人的纳税信息依法应当保密），根据《中华人民共和国政府信息公开条例》第十四条的规定，不予公开。</p>',
  'NOT_DISCLOSED.ENDANGERS_SECURITY_STABILITY': '<p>经审查，您申请获取的政府信息公开后可能危及公共安全，根据《中华人民共和国政府信息公开条例》第十四条的规定，不予公开。</p>',
  'NOT_DISCLOSED.THIRD_PARTY_RIGHTS': '<p>经征求第三方意见，第三方不同意公开，且该信息涉及其商业秘密，不公开不会对公共利益造成重大影响，根据《中华人民共和国政府信息公开条例》第十五条、第三十二条的规定，不予公开。</p>',
  'NOT_DISCLOSED.INTERNAL_AFFAIRS': '<p>经审查，您申请获取的信息属于本机关的人事管理、后勤管理、内部工作流程等内部事务信息，根据《中华人民共和国政府信息公开条例》第十六条第一款的规定，可以不予公开。</p>',
  'NOT_DISCLOSED.PROCESS_INFORMATION': '<p>经审查，您申请获取的信息属于本机关在履行职责过程中形成的讨论记录、过程稿等过程性信息，根据《中华人民共和国政府信息公开条例》第十六条第二款的规定，可以不予公开。</p>',
  'NOT_DISCLOSED.ENFORCEMENT_FILE': '<p>经审查，您申请获取的信息属于行政执法案卷信息，根据《中华人民共和国政府信息公开条例》第十六条第二款的规定，可以不予公开。</p>',
  'NOT_DISCLOSED.ADMINISTRATIVE_INQUIRY': '<p>您申请查询的事项属于不动产登记资料查询，有专门的查询途径，请持身份证明到市不动产登记中心按照《不动产登记资料查询暂行办法》办理，本机关不作为政府信息公开申请处理。</p>',
  'UNABLE_TO_PROVIDE.NOT_HELD': '<p>经检索查找，本机关未制作或获取您申请的政府信息，根据《中华人民共和国政府信息公开条例》第三十六条第（四）项的规定，告知您该政府信息不存在。</p>',
  'UNABLE_TO_PROVIDE.NEEDS_CREATION': '<p>您申请获取的信息需要本机关对现有政府信息进行加工、分析后另行制作，根据《中华人民共和国政府信息公开条例》第三十八条的规定，本机关可以不予提供。</p>',
  'UNABLE_TO_PROVIDE.STILL_UNCLEAR': '<p>本机关已一次性告知您补正申请，补正后的申请内容仍不明确，无法确定您所需的政府信息，根据《中华人民共和国政府信息公开条例》第三十条的规定，无法提供。</p>',
  'NOT_PROCESSED.PETITION_COMPLAINT': '<p>您提出的是投诉、举报请求，根据《中华人民共和国政府信息公开条例》第三十九条第一款的规定，本机关不作为政府信息公开申请处理，已转交相关业务科室依法处理，并告知您相应渠道。</p>',
  'NOT_PROCESSED.REPEATED': '<p>您此次申请的政府信息与此前申请的内容相同，本机关已作出答复，根据《中华人民共和国政府信息公开条例》第三十六条第（六）项的规定，不予重复处理。</p>',
  'NOT_PROCESSED.PUBLICATION_REQUESTED': '<p>您要求提供的是已正式出版的公开出版物，根据《中华人民共和国政府信息公开条例》第三十九条第二款的规定，本机关可以告知获取的途径，请通过市图书馆、新华书店等途径获取。</p>',
  'NOT_PROCESSED.VEXATIOUS': '<p>您申请公开的政府信息数量、频次明显超过合理范围，且未说明理由，根据《中华人民共和国政府信息公开条例》第三十五条的规定，本机关不予处理。</p>',
  'NOT_PROCESSED.CONFIRMATION_REQUESTED': '<p>您要求本机关确认或者重新出具已获取的信息，根据《中华人民共和国政府信息公开条例》第三十九条第二款的规定，本机关不作为政府信息公开申请处理。</p>',
  'OTHER.FEE_UNPAID': '<p>本机关已向您送达收取信息处理费通知，您未在规定期限内缴纳，根据《中华人民共和国政府信息公开条例》第四十二条及《政府信息公开信息处理费管理办法》的规定，本机关不再处理该申请。</p>',
  'OTHER.OTHER': '<p>本机关终止办理该申请。</p>',
};
