// Seed data: sample 关切 (concerns) of every public kind in every state they reach without a
// disclosure request — received, in progress, answered and closed — one overdue, one 舆情, and
// public Q&A (answered with the submitter's consent). Invented for demonstration; names and
// numbers are fictitious (the phone numbers are in the 139-0000 test range).
import type { ConcernKind } from '../../generated/prisma/enums.js';

export interface SeedConcern {
  kind: Exclude<ConcernKind, 'DISCLOSURE_REQUEST'>;
  /** Org unit (org-tree.ts key) that handles it. */
  orgKey: string;
  matterCode?: string;
  /** Title of the sample release it is about. */
  releaseTitle?: string;
  subject: string;
  content: string;
  contact?: { name: string; phone?: string; email?: string };
  publicConsent: boolean;
  major?: boolean;
  receivedDaysAgo: number;
  state: 'RECEIVED' | 'IN_PROGRESS' | 'ANSWERED' | 'CLOSED';
  /** The answer: published for ANSWERED/CLOSED, a draft for IN_PROGRESS. */
  answer?: { bodyHtml: string; daysAfterReceipt: number; justified?: boolean; correctsRelease?: boolean };
}

export const sampleConcerns: SeedConcern[] = [
  {
    kind: 'QUESTION',
    orgKey: 'housing',
    matterCode: 'AFFORDABLE_HOUSING.02.01',
    subject: '外地户籍在明光工作能否申请公租房？',
    content: '我是外地户籍，在明光市工业园区工作两年，已缴纳社保，请问能否申请公共租赁住房？需要准备哪些材料？',
    contact: { name: '李某某', phone: '13900001111' },
    publicConsent: true,
    receivedDaysAgo: 20,
    state: 'CLOSED',
    answer: {
      bodyHtml: '<p>您好！在本市稳定就业的外来务工人员，连续缴纳社会保险满1年且本人及家庭成员在本市无自有住房的，可以申请公共租赁住房。申请材料包括身份证、劳动合同、社保缴费证明和住房情况声明，可到市政务服务中心住建窗口提交。</p>',
      daysAfterReceipt: 4,
    },
  },
  {
    kind: 'QUESTION',
    orgKey: 'education',
    matterCode: 'COMPULSORY_EDUCATION.01.01',
    subject: '随迁子女入学需要哪些证明？',
    content: '孩子今年秋季上小学，我们是随迁家庭，请问需要提供哪些证明材料？',
    contact: { name: '王某', email: 'wang.test@example.cn' },
    publicConsent: true,
    receivedDaysAgo: 9,
    state: 'ANSWERED',
    answer: { bodyHtml: '<p>您好！随迁子女入学需提供居住证、父母一方的劳动合同或营业执照、户口簿和儿童预防接种证明。具体以当年招生公告为准。</p>', daysAfterReceipt: 2 },
  },
  {
    kind: 'QUESTION',
    orgKey: 'zhangbaling',
    subject: '征地补偿款什么时候发放？',
    content: '我家承包地在这次征地范围内，请问补偿款什么时候能发放到户？',
    contact: { name: '赵某某', phone: '13900002222' },
    publicConsent: false,
    receivedDaysAgo: 6,
    state: 'ANSWERED',
    answer: { bodyHtml: '<p>您好！补偿款将在补偿安置方案公告期满、协议签订后3个月内发放到户，请留意镇村公示。</p>', daysAfterReceipt: 3 },
  },
  {
    kind: 'CORRECTION',
    orgKey: 'housing',
    releaseTitle: '明光市2026年第二批公共租赁住房承租资格审核结果公示',
    subject: '公示名单中姓名有误',
    content: '公示名单第12行申请人姓名的第二个字写错了，请核实更正。',
    contact: { name: '孙某', phone: '13900003333' },
    publicConsent: true,
    receivedDaysAgo: 5,
    state: 'CLOSED',
    answer: { bodyHtml: '<p>感谢您的纠错！经核实，公示名单中该姓名录入有误，已更正并重新发布。</p>', daysAfterReceipt: 1, justified: true, correctsRelease: true },
  },
  {
    kind: 'CORRECTION',
    orgKey: 'natural-resources',
    releaseTitle: '明光市2026年第3批次城镇建设用地征地补偿安置公告',
    subject: '公告中的地块面积与批复不一致？',
    content: '公告中征收土地面积与省政府批复的面积似乎不一致，请核实。',
    contact: { name: '周某某', phone: '13900004444' },
    publicConsent: false,
    receivedDaysAgo: 0,
    state: 'RECEIVED',
  },
  {
    kind: 'SUGGESTION',
    orgKey: 'urban-management',
    subject: '建议增加老城区公共停车位',
    content: '老城区停车难，建议利用边角地块增设公共停车位，并公开停车场建设计划。',
    contact: { name: '吴某', email: 'wu.test@example.cn' },
    publicConsent: true,
    receivedDaysAgo: 3,
    state: 'IN_PROGRESS',
    answer: { bodyHtml: '<p>感谢您的建议！我局正在会同自然资源和规划局梳理老城区可利用地块……（草稿）</p>', daysAfterReceipt: 1 },
  },
  {
    kind: 'COMPLAINT',
    orgKey: 'resource-trading',
    subject: '招标文件获取渠道不畅',
    content: '某项目招标文件只能现场领取，网上无法下载，不符合公开要求。',
    contact: { name: '郑某某公司', phone: '0550-8000000' },
    publicConsent: false,
    // Overdue: 15 working days are long past, even across the Spring Festival.
    receivedDaysAgo: 45,
    state: 'RECEIVED',
  },
  {
    kind: 'PUBLIC_OPINION',
    orgKey: 'emergency',
    subject: '网传某镇发生化工厂爆炸',
    content: '微博、抖音出现“某镇化工厂爆炸”的视频，转发量较大，需核实并发布权威信息。',
    publicConsent: false,
    major: true,
    receivedDaysAgo: 0,
    state: 'IN_PROGRESS',
  },
];
