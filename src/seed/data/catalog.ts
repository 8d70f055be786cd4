// Seed data: the pilot 基层政务公开标准目录 of 明光市 for its 8 pilot domains (明政办秘〔2017〕156号,
// following 国办发〔2017〕42号 and the 26 试点领域标准指引 under 国办发〔2019〕54号).
//
// Where the rows come from: the project brief's reference/openness-domain.md, §1 (catalog columns and allowed
// values) and §2 (concrete 二级事项 with their 公开时限 wording). That file collects county and township
// catalogs published online; the source pages for each domain are listed in a comment above it.
// 公开时限 wording is kept exactly as the source catalog words it wherever §2 quotes it; otherwise it is
// the statutory default of 条例 第26条 ("信息形成或者变更之日起20个工作日内") or the wording of the
// instrument cited in the row. Rows the reference has no source row for are marked
// "composed, not from a cited catalog": they follow the national guideline style and the cited
// laws, but no local catalog row was found for them.
//
// responsibleOrgKey names the single org unit primarily responsible. Where the catalog names a
// 乡镇 or 行政村 as co-subject ("市住建局、乡镇人民政府"), the key is the county department that leads the
// matter, because the seed catalog is the county's catalog and a row cannot point at every township.
//
// reportItem marks the matters whose releases the 年报 counts in 第二部分 (第二十条第（五）（六）（八）项):
// the pilot catalog holds 行政许可 (the 市政服务 permits) but no 行政处罚, 行政强制 or 行政事业性收费
// matter. recurrence marks the standards expected every period whatever happens (annual plans and
// enrolment rules, quarterly subsidy reviews, the half-yearly 控辍保学 report), for the assessment's
// catalog coverage.
import type { ContentElement, LegalCitation } from '../../modules/catalog/standard.model.js';
import type { SeedDomain } from './catalog.types.js';

const req = (name: string): ContentElement => ({ name, required: true });
const opt = (name: string): ContentElement => ({ name, required: false });

/** 条例 第26条: the statutory default 公开时限. */
const DEFAULT_TIME_LIMIT = '信息形成或者变更之日起20个工作日内';

// ---- Citations used in several domains ------------------------------------------------------
const OGI_REGULATION: LegalCitation = {
  kind: 'ADMINISTRATIVE_REGULATION',
  title: '《中华人民共和国政府信息公开条例》',
  docNo: '国务院令第711号',
};
const LAND_ADMINISTRATION_LAW: LegalCitation = { kind: 'LAW', title: '《中华人民共和国土地管理法》' };
const LAND_ADMINISTRATION_REGULATION: LegalCitation = {
  kind: 'ADMINISTRATIVE_REGULATION',
  title: '《中华人民共和国土地管理法实施条例》',
  docNo: '国务院令第743号',
};
const HOUSE_EXPROPRIATION_REGULATION: LegalCitation = {
  kind: 'ADMINISTRATIVE_REGULATION',
  title: '《国有土地上房屋征收与补偿条例》',
  docNo: '国务院令第590号',
};
const PUBLIC_RENTAL_HOUSING_MEASURES: LegalCitation = {
  kind: 'RULE',
  title: '《公共租赁住房管理办法》',
  docNo: '住房和城乡建设部令第11号',
};
const ADMINISTRATIVE_LICENSING_LAW: LegalCitation = { kind: 'LAW', title: '《中华人民共和国行政许可法》' };
const BIDDING_LAW: LegalCitation = { kind: 'LAW', title: '《中华人民共和国招标投标法》' };
const BIDDING_LAW_REGULATION: LegalCitation = {
  kind: 'ADMINISTRATIVE_REGULATION',
  title: '《中华人民共和国招标投标法实施条例》',
  docNo: '国务院令第613号',
};
const PROCUREMENT_LAW: LegalCitation = { kind: 'LAW', title: '《中华人民共和国政府采购法》' };
const PROCUREMENT_LAW_REGULATION: LegalCitation = {
  kind: 'ADMINISTRATIVE_REGULATION',
  title: '《中华人民共和国政府采购法实施条例》',
  docNo: '国务院令第658号',
};
const COMPULSORY_EDUCATION_LAW: LegalCitation = { kind: 'LAW', title: '《中华人民共和国义务教育法》' };
const NATURAL_DISASTER_RELIEF_REGULATION: LegalCitation = {
  kind: 'ADMINISTRATIVE_REGULATION',
  title: '《自然灾害救助条例》',
};

export const catalog: SeedDomain[] = [
  // ==========================================================================================
  // 征地补偿 (2019 guideline name: 农村集体土地征收)
  // Sources: http://xuanhan.gov.cn/news-show-27384.html;
  //   http://hbxq.suqian.gov.cn/hbxq/jczwgk/202111/483f645520ee4295b250699258b11840.shtml;
  //   http://cmzd.zhangzhou.gov.cn/cms/html/zzzsjjjjskfq/2021-06-23/292867468.html;
  //   https://youhaodoor.com/wgs/wgsml/content/post_2459427.html;
  //   土地管理法实施条例 第26、28条: http://crsrw.com/falvyuanzhu/66995.html
  // ==========================================================================================
  {
    code: 'LAND_EXPROPRIATION',
    name: '征地补偿',
    description: '农村集体土地征收的报批、实施和补偿安置信息，保障被征地农民的知情权、参与权和监督权。',
    matters: [
      {
        code: '01',
        name: '征收土地信息',
        children: [
          {
            code: '01',
            name: '征收土地信息',
            description: '征收土地报批和批后实施形成的"一书四方案"、告知、公告等信息。',
            standard: {
              legalBasis: [
                { ...LAND_ADMINISTRATION_LAW, articles: '第四十七条' },
                LAND_ADMINISTRATION_REGULATION,
                OGI_REGULATION,
              ],
              contentElements: [
                req('征地告知书'),
                opt('报批前程序证明'),
                req('建设项目用地呈报说明书'),
                req('农用地转用方案'),
                req('补充耕地方案'),
                req('征收土地方案'),
                opt('供地方案'),
                req('征地公告'),
              ],
              responsibleText: '市自然资源和规划局、乡镇人民政府',
              responsibleOrgKey: 'natural-resources',
              timeLimitText:
                '信息形成20个工作日内公开；其中行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示',
              requiredChannels: ['GOVERNMENT_WEBSITE', 'LAND_EXPROPRIATION_PLATFORM'],
              optionalChannels: ['PUBLIC_READING_POINT', 'BULLETIN_BOARD', 'WECHAT_WEIBO_APP'],
              audience: 'PUBLIC',
              mode: 'PROACTIVE',
              levels: ['COUNTY', 'TOWNSHIP'],
              stages: ['DECISION', 'RESULT'],
            },
          },
        ],
      },
      {
        code: '02',
        name: '征地审查报批',
        children: [
          {
            code: '01',
            name: '征地报批材料',
            standard: {
              legalBasis: [LAND_ADMINISTRATION_LAW, LAND_ADMINISTRATION_REGULATION, OGI_REGULATION],
              contentElements: [
                req('建设用地报批请示'),
                req('建设项目用地呈报说明书'),
                req('征收土地方案'),
                opt('社会稳定风险评估结论'),
                opt('征地补偿安置协议签订情况'),
              ],
              responsibleText: '市自然资源和规划局',
              responsibleOrgKey: 'natural-resources',
              timeLimitText: DEFAULT_TIME_LIMIT,
              requiredChannels: ['GOVERNMENT_WEBSITE', 'LAND_EXPROPRIATION_PLATFORM'],
              optionalChannels: ['PUBLIC_READING_POINT'],
              audience: 'PUBLIC',
              mode: 'PROACTIVE',
              levels: ['COUNTY'],
              stages: ['DECISION'],
            },
          },
          {
            code: '02',
            name: '征地批准文件',
            description: '有批准权的人民政府对征收土地的批复，以及本级转发批复的文件。',
            standard: {
              legalBasis: [LAND_ADMINISTRATION_LAW, LAND_ADMINISTRATION_REGULATION, OGI_REGULATION],
              contentElements: [
                req('批准机关'),
                req('批准文号'),
                req('批准时间'),
                req('批准用途'),
                req('征收范围和面积'),
                opt('转发批复文件'),
              ],
              responsibleText: '市自然资源和规划局',
              responsibleOrgKey: 'natural-resources',
              timeLimitText: '收到征地批准文件之日起10个工作日内公开',
              requiredChannels: ['GOVERNMENT_WEBSITE', 'LAND_EXPROPRIATION_PLATFORM'],
              optionalChannels: ['BULLETIN_BOARD', 'PUBLIC_READING_POINT'],
              audience: 'PUBLIC',
              mode: 'PROACTIVE',
              levels: ['COUNTY'],
              stages: ['RESULT'],
            },
          },
        ],
      },
      {
        code: '03',
        name: '征收土地前期工作',
        children: [
          {
            code: '01',
            name: '拟征收土地告知',
            description: '征收土地预公告(启动公告)，预公告时间不少于10个工作日(实施条例 第二十六条)。',
            standard: {
              legalBasis: [
                { ...LAND_ADMINISTRATION_REGULATION, articles: '第二十六条' },
                { ...LAND_ADMINISTRATION_LAW, articles: '第四十七条' },
              ],
              contentElements: [
                req('征收目的'),
                req('征收范围'),
                req('开展土地现状调查的安排'),
                req('抢栽抢建管控要求'),
                opt('预公告期限'),
              ],
              responsibleText: '市自然资源和规划局、乡镇人民政府',
              responsibleOrgKey: 'natural-resources',
              timeLimitText: '在实地启动拟征收土地工作时，在村公示栏公开',
              requiredChannels: ['BULLETIN_BOARD', 'GOVERNMENT_WEBSITE'],
              optionalChannels: ['DOOR_TO_DOOR_ON_SITE', 'LAND_EXPROPRIATION_PLATFORM'],
              audience: 'SPECIFIC_GROUP',
              audienceNote: '被征地农村集体经济组织成员',
              mode: 'PROACTIVE',
              levels: ['TOWNSHIP', 'VILLAGE'],
              stages: ['DECISION'],
            },
          },
          {
            code: '02',
            name: '拟征收土地现状调查',
            standard: {
              legalBasis: [{ ...LAND_ADMINISTRATION_REGULATION, articles: '第二十六条' }, LAND_ADMINISTRATION_LAW],
              contentElements: [
                req('土地位置和权属'),
                req('地类和面积'),
                req('农村村民住宅及其他地上附着物和青苗的权属、种类、数量'),
                req('调查结果确认情况'),
                opt('调查工作人员及联系方式'),
              ],
              responsibleText: '市自然资源和规划局、乡镇人民政府、村民委员会',
              responsibleOrgKey: 'natural-resources',
              timeLimitText: '现状调查结束后5个工作日内',
              requiredChannels: ['BULLETIN_BOARD'],
              optionalChannels: ['GOVERNMENT_WEBSITE', 'DOOR_TO_DOOR_ON_SITE'],
              audience: 'SPECIFIC_GROUP',
              audienceNote: '被征地农村集体经济组织成员及地上附着物和青苗所有权人',
              mode: 'PROACTIVE',
              levels: ['TOWNSHIP', 'VILLAGE'],
              stages: ['EXECUTION'],
            },
          },
        ],
      },
      {
        code: '04',
        name: '征收土地补偿安置',
        children: [
          {
            code: '01',
            name: '征地补偿安置方案公告',
            standard: {
              legalBasis: [
                { ...LAND_ADMINISTRATION_LAW, articles: '第四十七条' },
                { ...LAND_ADMINISTRATION_REGULATION, articles: '第二十八条' },
              ],
              contentElements: [
                req('征收范围'),
                req('土地现状'),
                req('征收目的'),
                req('补偿方式和标准'),
                req('安置对象和安置方式'),
                req('社会保障'),
                opt('异议反馈渠道'),
              ],
              responsibleText: '市人民政府(市自然资源和规划局承办)、乡镇人民政府',
              responsibleOrgKey: 'natural-resources',
              // The statutory wording of 实施条例 第二十八条.
              timeLimitText: '征地补偿安置方案拟定后及时公告，公告时间不少于三十日',
              requiredChannels: ['GOVERNMENT_WEBSITE', 'BULLETIN_BOARD', 'LAND_EXPROPRIATION_PLATFORM'],
              optionalChannels: ['DOOR_TO_DOOR_ON_SITE', 'WECHAT_WEIBO_APP'],
              audience: 'PUBLIC',
              mode: 'PROACTIVE',
              levels: ['COUNTY', 'TOWNSHIP', 'VILLAGE'],
              stages: ['DECISION', 'EXECUTION'],
            },
          },
          {
            code: '02',
            name: '征地补偿安置听证',
            standard: {
              legalBasis: [
                { ...LAND_ADMINISTRATION_LAW, articles: '第四十七条' },
                { ...LAND_ADMINISTRATION_REGULATION, articles: '第二十八条' },
              ],
              contentElements: [
                req('听证通知书'),
                req('听证事项'),
                req('听证时间和地点'),
                opt('听证笔录'),
                opt('根据听证情况修改方案的情况'),
              ],
              responsibleText: '市自然资源和规划局、乡镇人民政府',
              responsibleOrgKey: 'natural-resources',
              timeLimitText: '听证通知书在组织听证7个工作日前予以公开',
              requiredChannels: ['BULLETIN_BOARD', 'GOVERNMENT_WEBSITE'],
              optionalChannels: ['DOOR_TO_DOOR_ON_SITE', 'PRESS_CONFERENCE_HEARING'],
              audience: 'SPECIFIC_GROUP',
              audienceNote: '被征地农村集体经济组织成员及其他利害关系人',
              mode: 'PROACTIVE',
              levels: ['TOWNSHIP', 'VILLAGE'],
              stages: ['DECISION'],
            },
          },
          {
            code: '03',
            name: '征地补偿费用发放明细',
            description:
              '分户补偿费用发放明细涉及个人信息，向被征地农户依申请提供；汇总情况在村务公开栏主动公开。' +
              '(composed, not from a cited catalog)',
            standard: {
              legalBasis: [LAND_ADMINISTRATION_REGULATION, OGI_REGULATION],
              contentElements: [
                req('补偿对象'),
                req('补偿项目和标准'),
                req('补偿金额'),
                req('发放时间和方式'),
                opt('社会保障费用缴纳情况'),
              ],
              responsibleText: '乡镇人民政府、村民委员会',
              responsibleOrgKey: 'natural-resources',
              timeLimitText: '信息形成或者变更之日起20个工作日内；依申请公开的，自收到申请之日起20个工作日内答复',
              requiredChannels: ['DOOR_TO_DOOR_ON_SITE'],
              optionalChannels: ['PUBLIC_READING_POINT', 'OTHER'],
              audience: 'SPECIFIC_GROUP',
              audienceNote: '被征地农村集体经济组织成员',
              mode: 'ON_REQUEST',
              levels: ['TOWNSHIP', 'VILLAGE'],
              stages: ['EXECUTION', 'RESULT'],
            },
          },
        ],
      },
    ],
  },

  // ==========================================================================================
  // 拆迁安置 (2019 guideline name: 国有土地上房屋征收与补偿)
  // The reference has no item-level rows for this domain: every 二级事项 below is
  // composed, not from a cited catalog. Each follows the duty of disclosure written in
  // 《国有土地上房屋征收与补偿条例》 (第十条、第十一条、第十三条、第十五条、第二十条、第二十六条、第二十九条).
  // ==========================================================================================
  {
    code: 'HOUSING_EXPROPRIATION',
    name: '拆迁安置',
    description: '国有土地上房屋征收决定、补偿方案、评估和分户补偿信息，让被征收人全程知情、参与和监督。',
    matters: [
      {
        code: '01',
        name: '征收补偿政策',
        children: [
          {
            code: '01',
            name: '法律法规及政策文件',
            standard: {
              // A policy document (政策文件): its releases need a 政策解读 within 3 working days.
              requiresInterpretation: true,
              legalBasis: [HOUSE_EXPROPRIATION_REGULATION, OGI_REGULATION],
              contentElements: [req('文件名称'), req('文号'), req('发布部门'), req('发布日期'), req('正文'), opt('政策解读')],
              responsibleText: '市国有土地上房屋征收与补偿管理办公室',
              responsibleOrgKey: 'housing-expropriation',
              timeLimitText: DEFAULT_TIME_LIMIT,
              requiredChannels: ['GOVERNMENT_WEBSITE'],
              optionalChannels: ['GOVERNMENT_GAZETTE', 'WECHAT_WEIBO_APP', 'PUBLIC_READING_POINT'],
              audience: 'PUBLIC',
              mode: 'PROACTIVE',
              levels: ['COUNTY'],
              stages: ['DECISION'],
            },
          },
        ],
      },
      {
        code: '02',
        name: '房屋征收决定',
        children: [
          {
            code: '01',
            name: '征收补偿方案征求意见',
            standard: {
              legalBasis: [{ ...HOUSE_EXPROPRIATION_REGULATION, articles: '第十条' }],
              contentElements: [
                req('征收范围'),
                req('征收目的'),
                req('征收补偿方案(征求意见稿)'),
                req('征求意见期限'),
                req('意见反馈方式'),
              ],
              responsibleText: '市人民政府(市国有土地上房屋征收与补偿管理办公室承办)',
              responsibleOrgKey: 'housing-expropriation',
              timeLimitText: '征收补偿方案论证后及时公布征求公众意见，公告期限不少于30日',
              requiredChannels: ['GOVERNMENT_WEBSITE', 'BULLETIN_BOARD'],
              optionalChannels: ['WECHAT_WEIBO_APP', 'PRINT_MEDIA', 'DOOR_TO_DOOR_ON_SITE'],
              audience: 'PUBLIC',
              mode: 'PROACTIVE',
              levels: ['COUNTY', 'TOWNSHIP'],
              stages: ['DECISION'],
            },
          },
          {
            code: '02',
            name: '征求意见情况和修改情况',
            standard: {
              legalBasis: [{ ...HOUSE_EXPROPRIATION_REGULATION, articles: '第十一条' }],
              contentElements: [req('征求意见情况'), req('根据公众意见修改的情况'), opt('听证会情况')],
              responsibleText: '市国有土地上房屋征收与补偿管理办公室',
              responsibleOrgKey: 'housing-expropriation',
              timeLimitText: '及时公布',
              requiredChannels: ['GOVERNMENT_WEBSITE'],
              optionalChannels: ['BULLETIN_BOARD', 'PRESS_CONFERENCE_HEARING'],
              audience: 'PUBLIC',
              mode: 'PROACTIVE',
              levels: ['COUNTY'],
              stages: ['DECISION'],
            },
          },
          {
            code: '03',
            name: '房屋征收决定公告',
            standard: {
              legalBasis: [{ ...HOUSE_EXPROPRIATION_REGULATION, articles: '第十三条' }],
              contentElements: [
                req('征收范围'),
                req('征收补偿方案'),
                req('行政复议、行政诉讼权利'),
                req('征收实施单位'),
                opt('签约期限'),
              ],
              responsibleText: '市人民政府',
              responsibleOrgKey: 'housing-expropriation',
              timeLimitText: '作出房屋征收决定后及时公告',
              requiredChannels: ['GOVERNMENT_WEBSITE', 'BULLETIN_BOARD'],
              optionalChannels: ['GOVERNMENT_GAZETTE', 'PRINT_MEDIA', 'DOOR_TO_DOOR_ON_SITE'],
              audience: 'PUBLIC',
              mode: 'PROACTIVE',
              levels: ['COUNTY'],
              stages: ['DECISION', 'RESULT'],
            },
          },
        ],
      },
      {
        code: '03',
        name: '征收补偿实施',
        children: [
          {
            code: '01',
            name: '房屋调查登记结果',
            standard: {
              legalBasis: [{ ...HOUSE_EXPROPRIATION_REGULATION, articles: '第十五条' }],
              contentElements: [req('房屋权属'), req('区位'), req('用途'), req('建筑面积'), opt('未经登记建筑认定结果')],
              responsibleText: '市国有土地上房屋征收与补偿管理办公室、街道办事处',
              responsibleOrgKey: 'housing-expropriation',
              timeLimitText: '房屋调查登记结束后及时在征收范围内公布',
              requiredChannels: ['BULLETIN_BOARD'],
              optionalChannels: ['GOVERNMENT_WEBSITE', 'DOOR_TO_DOOR_ON_SITE'],
              audience: 'SPECIFIC_GROUP',
              audienceNote: '被征收人',
              mode: 'PROACTIVE',
              levels: ['COUNTY', 'TOWNSHIP'],
              stages: ['EXECUTION'],
            },
          },
          {
            code: '02',
            name: '房地产价格评估机构选定',
            standard: {
              legalBasis: [
                { ...HOUSE_EXPROPRIATION_REGULATION, articles: '第二十条' },
                { kind: 'NORMATIVE_DOCUMENT', title: '《国有土地上房屋征收评估办法》', docNo: '建房〔2011〕77号' },
              ],
              contentElements: [req('选定方式'), req('选定结果'), req('评估机构资质'), opt('协商或投票情况')],
              responsibleText: '市国有土地上房屋征收与补偿管理办公室',
              responsibleOrgKey: 'housing-expropriation',
              timeLimitText: '评估机构确定后及时公布',
              requiredChannels: ['BULLETIN_BOARD', 'GOVERNMENT_WEBSITE'],
              optionalChannels: ['DOOR_TO_DOOR_ON_SITE'],
              audience: 'SPECIFIC_GROUP',
              audienceNote: '被征收人',
              mode: 'PROACTIVE',
              levels: ['COUNTY'],
              stages: ['EXECUTION'],
            },
          },
          {
            code: '03',
            name: '分户初步评估结果',
            standard: {
              legalBasis: [{ kind: 'NORMATIVE_DOCUMENT', title: '《国有土地上房屋征收评估办法》', docNo: '建房〔2011〕77号' }],
              contentElements: [req('被征收房屋位置'), req('评估价值'), req('评估时点'), opt('复核评估申请方式')],
              responsibleText: '市国有土地上房屋征收与补偿管理办公室、街道办事处',
              responsibleOrgKey: 'housing-expropriation',
              timeLimitText: '收到分户初步评估结果后及时在征收范围内公示，公示期不少于7日',
              requiredChannels: ['BULLETIN_BOARD'],
              optionalChannels: ['GOVERNMENT_WEBSITE', 'DOOR_TO_DOOR_ON_SITE'],
              audience: 'SPECIFIC_GROUP',
              audienceNote: '被征收人',
              mode: 'PROACTIVE',
              levels: ['COUNTY', 'TOWNSHIP'],
              stages: ['EXECUTION'],
            },
          },
          {
            code: '04',
            name: '补偿决定',
            standard: {
              legalBasis: [{ ...HOUSE_EXPROPRIATION_REGULATION, articles: '第二十六条' }],
              contentElements: [
                req('被征收人'),
                req('补偿方式和金额'),
                req('用于产权调换房屋的地点和面积'),
                req('搬迁期限和过渡方式'),
                req('行政复议、行政诉讼权利'),
              ],
              responsibleText: '市人民政府(市国有土地上房屋征收与补偿管理办公室承办)',
              responsibleOrgKey: 'housing-expropriation',
              timeLimitText: '作出补偿决定后及时在房屋征收范围内公告',
              requiredChannels: ['BULLETIN_BOARD', 'GOVERNMENT_WEBSITE'],
              optionalChannels: ['DOOR_TO_DOOR_ON_SITE'],
              audience: 'PUBLIC',
              mode: 'PROACTIVE',
              levels: ['COUNTY'],
              stages: ['RESULT'],
            },
          },
          {
            code: '05',
            name: '分户补偿情况',
            standard: {
              legalBasis: [{ ...HOUSE_EXPROPRIATION_REGULATION, articles: '第二十九条' }, OGI_REGULATION],
              contentElements: [
                req('被征收人(姓名脱敏)'),
                req('被征收房屋面积'),
                req('补偿方式'),
                req('补偿金额'),
                opt('产权调换房屋情况'),
                opt('奖励和补助'),
              ],
              responsibleText: '市国有土地上房屋征收与补偿管理办公室',
              responsibleOrgKey: 'housing-expropriation',
              timeLimitText: DEFAULT_TIME_LIMIT,
              requiredChannels: ['BULLETIN_BOARD', 'GOVERNMENT_WEBSITE'],
              optionalChannels: ['PUBLIC_READING_POINT'],
              audience: 'SPECIFIC_GROUP',
              audienceNote: '被征收人',
              mode: 'PROACTIVE',
              levels: ['COUNTY'],
              stages: ['RESULT'],
            },
          },
        ],
      },
    ],
  },

  // ==========================================================================================
  // 保障性住房
  // Sources: https://m.jmsqyfw.com/ztzl/zczwgkml/26gzdly/bzxzf (elements ●/〇, 时限 wording);
  //   https://20153.cn/xjgl/c115617/202311/47b1d2cfed304fe6a32cd187ba979422.shtml (资格确认, "20工作日", 县级)
  // ==========================================================================================
  {
    code: 'AFFORDABLE_HOUSING',
    name: '保障性住房',
    description: '公共租赁住房、租赁补贴等住房保障的政策、资格审核、配租和建设信息。',
    matters: [
      {
        code: '01',
        name: '法规政策',
        children: [
          {
            code: '01',
            name: '法律法规',
            standard: {
              legalBasis: [OGI_REGULATION, PUBLIC_RENTAL_HOUSING_MEASURES],
              contentElements: [req('文件名称'), req('文号'), req('发布部门'), req('发布日期'), req('实施日期'), req('正文')],
              responsibleText: '市住房和城乡建设局',
              responsibleOrgKey: 'housing',
              timeLimitText: '信息获取(形成变更)20个工作日内',
              requiredChannels: ['GOVERNMENT_WEBSITE'],
              optionalChannels: ['WECHAT_WEIBO_APP', 'GOVERNMENT_SERVICE_CENTER'],
              audience: 'PUBLIC',
              mode: 'PROACTIVE',
              levels: ['COUNTY'],
              stages: ['DECISION'],
            },
          },
          {
            code: '02',
            name: '政策文件',
            standard: {
              // A policy document (政策文件): its releases need a 政策解读 within 3 working days.
              requiresInterpretation: true,
              legalBasis: [
                OGI_REGULATION,
                PUBLIC_RENTAL_HOUSING_MEASURES,
                {
                  kind: 'NORMATIVE_DOCUMENT',
                  title: '《国务院办公厅关于加快发展保障性租赁住房的意见》',
                  docNo: '国办发〔2021〕22号',
                },
              ],
              contentElements: [req('文件名称'), req('文号'), req('发布部门'), req('发布日期'), req('实施日期'), req('正文')],
              responsibleText: '市住房和城乡建设局',
              responsibleOrgKey: 'housing',
              timeLimitText: '信息获取(形成变更)20个工作日内',
              requiredChannels: ['GOVERNMENT_WEBSITE'],
              optionalChannels: ['WECHAT_WEIBO_APP', 'GOVERNMENT_SERVICE_CENTER', 'PUBLIC_READING_POINT'],
              audience: 'PUBLIC',
              mode: 'PROACTIVE',
              levels: ['COUNTY'],
              stages: ['DECISION'],
            },
          },
        ],
      },
      {
        code: '02',
        name: '公租房保障',
        children: [
          {
            code: '01',
            name: '公租房租赁补贴资格确认',
            standard: {
              legalBasis: [PUBLIC_RENTAL_HOUSING_MEASURES, OGI_REGULATION],
              contentElements: [
                req('申请条件'),
                req('申请材料'),
                req('办理流程'),
                req('办理时限'),
                req('补贴标准'),
                req('审核结果'),
                opt('咨询及监督方式'),
              ],
              responsibleText: '市住房和城乡建设局',
              responsibleOrgKey: 'housing',
              timeLimitText: '20工作日',
              requiredChannels: ['GOVERNMENT_WEBSITE', 'GOVERNMENT_SERVICE_CENTER'],
              optionalChannels: ['BULLETIN_BOARD', 'WECHAT_WEIBO_APP'],
              audience: 'PUBLIC',
              mode: 'PROACTIVE',
              levels: ['COUNTY'],
              stages: ['SERVICE', 'RESULT'],
              recurrence: 'QUARTERLY',
            },
          },
          {
            code: '02',
            name: '公租房承租资格确认',
            standard: {
              legalBasis: [PUBLIC_RENTAL_HOUSING_MEASURES, OGI_REGULATION],
              contentElements: [
                req('申请条件'),
                req('申请材料'),
                req('办理流程'),
                req('办理时限'),
                req('审核结果'),
                opt('轮候情况'),
              ],
              responsibleText: '市住房和城乡建设局',
              responsibleOrgKey: 'housing',
              timeLimitText: '20工作日',
              requiredChannels: ['GOVERNMENT_WEBSITE', 'GOVERNMENT_SERVICE_CENTER'],
              optionalChannels: ['BULLETIN_BOARD', 'WECHAT_WEIBO_APP'],
              audience: 'PUBLIC',
              mode: 'PROACTIVE',
              levels: ['COUNTY'],
              stages: ['SERVICE', 'RESULT'],
            },
          },
          {
            code: '03',
            name: '公租房配租结果',
            description: 'composed, not from a cited catalog (公共租赁住房管理办法 requires 配租结果 to be made public).',
            standard: {
              legalBasis: [PUBLIC_RENTAL_HOUSING_MEASURES],
              contentElements: [req('配租房源'), req('配租对象(姓名脱敏)'), req('配租方式'), req('租金标准'), opt('摇号或排序过程')],
              responsibleText: '市住房和城乡建设局',
              responsibleOrgKey: 'housing',
              timeLimitText: '配租结果确定后20个工作日内',
              requiredChannels: ['GOVERNMENT_WEBSITE'],
              optionalChannels: ['BULLETIN_BOARD', 'GOVERNMENT_SERVICE_CENTER'],
              audience: 'PUBLIC',
              mode: 'PROACTIVE',
              levels: ['COUNTY'],
              stages: ['RESULT'],
            },
          },
        ],
      },
      {
        code: '03',
        name: '保障性住房建设',
        children: [
          {
            code: '01',
            name: '年度建设计划及进展',
            description: 'composed, not from a cited catalog.',
            standard: {
              legalBasis: [OGI_REGULATION],
              contentElements: [req('项目名称'), req('建设地址'), req('建设套数'), req('开竣工时间'), opt('项目进度')],
              responsibleText: '市住房和城乡建设局',
              responsibleOrgKey: 'housing',
              timeLimitText: DEFAULT_TIME_LIMIT,
              requiredChannels: ['GOVERNMENT_WEBSITE'],
              optionalChannels: ['WECHAT_WEIBO_APP'],
              audience: 'PUBLIC',
              mode: 'PROACTIVE',
              levels: ['COUNTY'],
              stages: ['DECISION', 'EXECUTION'],
              recurrence: 'YEARLY',
            },
          },
        ],
      },
    ],
  },

  // ==========================================================================================
  // 农村危房改造
  // Sources: https://xjwqx.gov.cn/xjwqx/c104433/202304/30dc3ed6f5124994bd5c92cecd0366f3.shtml;
  //   http://www.jiangyou.gov.cn/zwgk/jczwgkbzml/jd/zbjdbsc/25098451.html
  // ==========================================================================================
  {
    code: 'RURAL_HOUSING_RENOVATION',
    name: '农村危房改造',
    description: '农村低收入群体等重点对象危房改造的政策标准、任务分配、补助对象和验收信息。',
    matters: [
      {
        code: '01',
        name: '政策与标准',
        children: [
          {
            code: '01',
            name: '政策文件',
            standard: {
              // A policy document (政策文件): its releases need a 政策解读 within 3 working days.
              requiresInterpretation: true,
              legalBasis: [
                OGI_REGULATION,
                {
                  kind: 'NORMATIVE_DOCUMENT',
                  title: '《住房和城乡建设部 财政部 民政部 国家乡村振兴局关于做好农村低收入群体等重点对象住房安全保障工作的实施意见》',
                },
              ],
              contentElements: [req('文件名称'), req('文号'), req('发布日期'), req('正文')],
              responsibleText: '市住房和城乡建设局',
              responsibleOrgKey: 'housing',
              timeLimitText: DEFAULT_TIME_LIMIT,
              requiredChannels: ['GOVERNMENT_WEBSITE'],
              optionalChannels: ['WECHAT_WEIBO_APP', 'BULLETIN_BOARD'],
              audience: 'PUBLIC',
              mode: 'PROACTIVE',
              levels: ['COUNTY'],
              stages: ['DECISION'],
            },
          },
          {
            code: '02',
            name: '条件与标准',
            standard: {
              legalBasis: [
                OGI_REGULATION,
                {
                  kind: 'NORMATIVE_DOCUMENT',
                  title: '《住房和城乡建设部 财政部 民政部 国家乡村振兴局关于做好农村低收入群体等重点对象住房安全保障工作的实施意见》',
                },
              ],
              contentElements: [req('危房等级评定标准'), req('对象申请条件'), req('资金补助标准'), req('竣工合格标准')],
              responsibleText: '市住房和城乡建设局、乡镇人民政府',
              responsibleOrgKey: 'housing',
              timeLimitText: DEFAULT_TIME_LIMIT,
              requiredChannels: ['GOVERNMENT_WEBSITE', 'BULLETIN_BOARD'],
              optionalChannels: ['WECHAT_WEIBO_APP', 'CONVENIENCE_SERVICE_STATION'],
              audience: 'PUBLIC',
              mode: 'PROACTIVE',
              levels: ['COUNTY', 'TOWNSHIP'],
              stages: ['DECISION', 'SERVICE'],
            },
          },
        ],
      },
      {
        code: '02',
        name: '计划实施',
        children: [
          {
            code: '01',
            name: '任务分配',
            description: '及时公开农村危房改造补助农户名单。',
            standard: {
              legalBasis: [OGI_REGULATION],
              contentElements: [req('年度任务总量'), req('各乡镇任务分配结果'), req('补助农户名单'), opt('补助资金安排')],
              responsibleText: '市住房和城乡建设局、乡镇人民政府',
              responsibleOrgKey: 'housing',
              timeLimitText: '分配结果确定后20个工作日内',
              requiredChannels: ['GOVERNMENT_WEBSITE'],
              optionalChannels: ['BULLETIN_BOARD', 'WECHAT_WEIBO_APP'],
              audience: 'PUBLIC',
              mode: 'PROACTIVE',
              levels: ['COUNTY', 'TOWNSHIP'],
              stages: ['EXECUTION', 'RESULT'],
            },
          },
          {
            code: '02',
            name: '补助对象审核',
            description:
              '农户申请、村民民主评议、乡镇审核、县级审批各环节的结果公示。composed, not from a cited catalog.',
            standard: {
              legalBasis: [OGI_REGULATION],
              contentElements: [
                req('申请农户(姓名脱敏)'),
                req('所属对象类别'),
                req('危房等级鉴定结果'),
                req('评议或审核结果'),
                req('公示期和异议反馈方式'),
              ],
              responsibleText: '乡镇人民政府、村民委员会',
              responsibleOrgKey: 'housing',
              timeLimitText: '评议结果确定后5个工作日内，公示时间不少于7日',
              requiredChannels: ['BULLETIN_BOARD'],
              optionalChannels: ['GOVERNMENT_WEBSITE', 'DOOR_TO_DOOR_ON_SITE'],
              audience: 'PUBLIC',
              mode: 'PROACTIVE',
              levels: ['TOWNSHIP', 'VILLAGE'],
              stages: ['EXECUTION', 'RESULT'],
            },
          },
          {
            code: '03',
            name: '补助资金发放',
            description: 'composed, not from a cited catalog.',
            standard: {
              legalBasis: [OGI_REGULATION],
              contentElements: [req('补助对象(姓名脱敏)'), req('补助标准'), req('补助金额'), req('拨付时间'), opt('拨付方式')],
              responsibleText: '市住房和城乡建设局、市财政局、乡镇人民政府',
              responsibleOrgKey: 'housing',
              timeLimitText: '发放结束后20个工作日内',
              requiredChannels: ['GOVERNMENT_WEBSITE', 'BULLETIN_BOARD'],
              optionalChannels: ['TARGETED_PUSH'],
              audience: 'PUBLIC',
              mode: 'PROACTIVE',
              levels: ['COUNTY', 'TOWNSHIP', 'VILLAGE'],
              stages: ['EXECUTION', 'RESULT'],
            },
          },
          {
            code: '04',
            name: '竣工验收结果',
            description: 'composed, not from a cited catalog.',
            standard: {
              legalBasis: [OGI_REGULATION],
              contentElements: [req('改造农户(姓名脱敏)'), req('改造方式'), req('验收时间'), req('验收结论'), opt('验收人员')],
              responsibleText: '乡镇人民政府',
              responsibleOrgKey: 'housing',
              timeLimitText: '竣工验收完成后20个工作日内',
              requiredChannels: ['BULLETIN_BOARD'],
              optionalChannels: ['GOVERNMENT_WEBSITE'],
              audience: 'PUBLIC',
              mode: 'PROACTIVE',
              levels: ['TOWNSHIP', 'VILLAGE'],
              stages: ['RESULT'],
            },
          },
        ],
      },
      {
        code: '03',
        name: '政策解读',
        children: [
          {
            code: '01',
            name: '本级政策解读',
            description: '解读材料与政策文件同步起草、同步审签、同步发布，最迟于文件公布后3个工作日内发布。',
            standard: {
              legalBasis: [
                OGI_REGULATION,
                {
                  kind: 'NORMATIVE_DOCUMENT',
                  title: '《〈关于全面推进政务公开工作的意见〉实施细则》',
                  docNo: '国办发〔2016〕80号',
                },
              ],
              contentElements: [
                req('背景依据'),
                req('目标任务'),
                req('主要内容'),
                req('涉及范围'),
                req('执行标准'),
                opt('注意事项'),
                opt('关键词诠释'),
                opt('新旧政策差异'),
              ],
              responsibleText: '市住房和城乡建设局',
              responsibleOrgKey: 'housing',
              timeLimitText: '政策文件公布之日起3个工作日内',
              requiredChannels: ['GOVERNMENT_WEBSITE'],
              optionalChannels: ['WECHAT_WEIBO_APP', 'RADIO_TV', 'PRESS_CONFERENCE_HEARING'],
              audience: 'PUBLIC',
              mode: 'PROACTIVE',
              levels: ['COUNTY'],
              stages: ['DECISION'],
            },
          },
        ],
      },
    ],
  },

  // ==========================================================================================
  // 扶贫救灾 (split in 2019 into 扶贫 and 救灾; 扶贫 later renamed 乡村振兴 in many places)
  // Sources (扶贫): https://tuwife.com/info/1475/44081.htm;
  //   https://scnj.gov.cn/ztzl/sdlyjczwgkbzmlbz/xjbm/13787848.html
  // 救灾 (一级事项 04): the reference retrieved no item-level rows; those rows are
  //   composed, not from a cited catalog, following 《自然灾害救助条例》.
  // ==========================================================================================
  {
    code: 'POVERTY_RELIEF',
    name: '扶贫救灾',
    description: '扶贫(巩固拓展脱贫攻坚成果)政策、对象、资金项目，以及自然灾害灾情和救助款物信息。',
    matters: [
      {
        code: '01',
        name: '政策文件',
        children: [
          {
            code: '01',
            name: '扶贫政策文件',
            standard: {
              // A policy document (政策文件): its releases need a 政策解读 within 3 working days.
              requiresInterpretation: true,
              legalBasis: [
                OGI_REGULATION,
                { kind: 'NORMATIVE_DOCUMENT', title: '《中共中央 国务院关于打赢脱贫攻坚战的决定》', docNo: '中发〔2015〕34号' },
              ],
              contentElements: [req('行政法规规章'), req('规范性文件'), opt('其他政策文件')],
              responsibleText: '市乡村振兴局',
              responsibleOrgKey: 'rural-revitalization',
              timeLimitText: '信息形成(变更)20个工作日内',
              requiredChannels: ['GOVERNMENT_WEBSITE'],
              optionalChannels: ['WECHAT_WEIBO_APP', 'BULLETIN_BOARD', 'PUBLIC_READING_POINT'],
              audience: 'PUBLIC',
              mode: 'PROACTIVE',
              levels: ['COUNTY'],
              stages: ['DECISION'],
            },
          },
        ],
      },
      {
        code: '02',
        name: '扶贫对象',
        children: [
          {
            code: '01',
            name: '贫困人口识别',
            standard: {
              legalBasis: [OGI_REGULATION, { kind: 'NORMATIVE_DOCUMENT', title: '《扶贫开发建档立卡工作方案》' }],
              contentElements: [
                req('识别标准'),
                req('识别程序(农户申请、民主评议、公示公告、逐级审核)'),
                req('识别结果(名单、数量)'),
                opt('监督举报方式'),
              ],
              responsibleText: '贫困人口所在行政村',
              responsibleOrgKey: 'rural-revitalization',
              timeLimitText: '信息形成(变更)20个工作日内',
              requiredChannels: ['BULLETIN_BOARD'],
              optionalChannels: ['GOVERNMENT_WEBSITE', 'DOOR_TO_DOOR_ON_SITE'],
              audience: 'PUBLIC',
              mode: 'PROACTIVE',
              levels: ['TOWNSHIP', 'VILLAGE'],
              stages: ['EXECUTION', 'RESULT'],
            },
          },
          {
            code: '02',
            name: '贫困人口退出',
            standard: {
              legalBasis: [
                OGI_REGULATION,
                { kind: 'NORMATIVE_DOCUMENT', title: '《关于建立贫困退出机制的意见》', docNo: '厅字〔2016〕16号' },
              ],
              contentElements: [req('退出计划'), req('退出标准'), req('退出程序'), req('退出结果(名单、数量)')],
              responsibleText: '贫困人口所在行政村、乡镇人民政府',
              responsibleOrgKey: 'rural-revitalization',
              timeLimitText: '信息形成(变更)20个工作日内',
              requiredChannels: ['BULLETIN_BOARD'],
              optionalChannels: ['GOVERNMENT_WEBSITE', 'DOOR_TO_DOOR_ON_SITE'],
              audience: 'PUBLIC',
              mode: 'PROACTIVE',
              levels: ['TOWNSHIP', 'VILLAGE'],
              stages: ['EXECUTION', 'RESULT'],
            },
          },
        ],
      },
      {
        code: '03',
        name: '扶贫资金项目',
        children: [
          {
            code: '01',
            name: '扶贫资金',
            standard: {
              legalBasis: [
                OGI_REGULATION,
                { kind: 'NORMATIVE_DOCUMENT', title: '《财政专项扶贫资金管理办法》', docNo: '财农〔2017〕8号' },
              ],
              contentElements: [req('资金来源'), req('资金规模'), req('分配结果'), req('使用管理情况'), opt('绩效目标')],
              responsibleText: '市乡村振兴局、市财政局',
              responsibleOrgKey: 'rural-revitalization',
              timeLimitText: '信息形成(变更)20个工作日内',
              requiredChannels: ['GOVERNMENT_WEBSITE'],
              optionalChannels: ['BULLETIN_BOARD', 'WECHAT_WEIBO_APP'],
              audience: 'PUBLIC',
              mode: 'PROACTIVE',
              levels: ['COUNTY', 'TOWNSHIP'],
              stages: ['EXECUTION', 'RESULT'],
            },
          },
          {
            code: '02',
            name: '扶贫项目',
            standard: {
              legalBasis: [
                OGI_REGULATION,
                { kind: 'NORMATIVE_DOCUMENT', title: '《财政专项扶贫资金管理办法》', docNo: '财农〔2017〕8号' },
              ],
              contentElements: [
                req('项目名称'),
                req('实施地点'),
                req('建设内容和规模'),
                req('资金规模和来源'),
                req('实施单位'),
                req('带贫减贫机制'),
                opt('项目验收结果'),
              ],
              responsibleText: '市乡村振兴局、项目实施乡镇人民政府',
              responsibleOrgKey: 'rural-revitalization',
              timeLimitText: '信息形成(变更)20个工作日内',
              requiredChannels: ['GOVERNMENT_WEBSITE', 'BULLETIN_BOARD'],
              optionalChannels: ['WECHAT_WEIBO_APP'],
              audience: 'PUBLIC',
              mode: 'PROACTIVE',
              levels: ['COUNTY', 'TOWNSHIP', 'VILLAGE'],
              stages: ['DECISION', 'EXECUTION', 'RESULT'],
              recurrence: 'YEARLY',
            },
          },
        ],
      },
      {
        // 救灾: composed, not from a cited catalog.
        code: '04',
        name: '救灾',
        children: [
          {
            code: '01',
            name: '灾情和救灾工作信息',
            description: 'composed, not from a cited catalog.',
            standard: {
              legalBasis: [
                NATURAL_DISASTER_RELIEF_REGULATION,
                { kind: 'LAW', title: '《中华人民共和国突发事件应对法》' },
              ],
              contentElements: [
                req('灾害种类和发生时间'),
                req('受灾范围'),
                req('受灾人口和损失情况'),
                req('应急响应和救灾工作开展情况'),
                opt('避险提示'),
              ],
              responsibleText: '市应急管理局',
              responsibleOrgKey: 'emergency',
              timeLimitText: '灾害发生后及时发布',
              requiredChannels: ['GOVERNMENT_WEBSITE', 'WECHAT_WEIBO_APP'],
              optionalChannels: ['RADIO_TV', 'TARGETED_PUSH', 'PRESS_CONFERENCE_HEARING'],
              audience: 'PUBLIC',
              mode: 'PROACTIVE',
              levels: ['COUNTY'],
              stages: ['EXECUTION'],
            },
          },
          {
            code: '02',
            name: '救灾资金物资分配',
            description: 'composed, not from a cited catalog.',
            standard: {
              legalBasis: [NATURAL_DISASTER_RELIEF_REGULATION, OGI_REGULATION],
              contentElements: [req('资金(物资)来源'), req('分配原则'), req('分配结果'), req('用途'), opt('监督举报方式')],
              responsibleText: '市应急管理局、市财政局',
              responsibleOrgKey: 'emergency',
              timeLimitText: '资金分配方案确定后20个工作日内',
              requiredChannels: ['GOVERNMENT_WEBSITE'],
              optionalChannels: ['WECHAT_WEIBO_APP'],
              audience: 'PUBLIC',
              mode: 'PROACTIVE',
              levels: ['COUNTY'],
              stages: ['EXECUTION', 'RESULT'],
            },
          },
          {
            code: '03',
            name: '受灾人员救助对象',
            description: '冬春生活救助、倒损住房恢复重建等救助对象的评议公示。composed, not from a cited catalog.',
            standard: {
              legalBasis: [NATURAL_DISASTER_RELIEF_REGULATION],
              contentElements: [
                req('救助对象(姓名脱敏)'),
                req('救助类别'),
                req('救助标准'),
                req('评议程序'),
                req('公示期和异议反馈方式'),
              ],
              responsibleText: '乡镇人民政府、村(居)民委员会',
              responsibleOrgKey: 'emergency',
              timeLimitText: '民主评议结束后3个工作日内公示，公示时间不少于5日',
              requiredChannels: ['BULLETIN_BOARD'],
              optionalChannels: ['GOVERNMENT_WEBSITE', 'CONVENIENCE_SERVICE_STATION'],
              audience: 'SPECIFIC_GROUP',
              audienceNote: '本村(社区)居民',
              mode: 'PROACTIVE',
              levels: ['TOWNSHIP', 'VILLAGE'],
              stages: ['EXECUTION', 'RESULT'],
            },
          },
          {
            code: '04',
            name: '救灾款物发放',
            description: 'composed, not from a cited catalog.',
            standard: {
              legalBasis: [NATURAL_DISASTER_RELIEF_REGULATION, OGI_REGULATION],
              contentElements: [req('发放对象(姓名脱敏)'), req('款物种类和数量'), req('发放时间'), opt('发放方式')],
              responsibleText: '乡镇人民政府',
              responsibleOrgKey: 'emergency',
              timeLimitText: '发放结束后20个工作日内',
              requiredChannels: ['BULLETIN_BOARD'],
              optionalChannels: ['GOVERNMENT_WEBSITE'],
              audience: 'PUBLIC',
              mode: 'PROACTIVE',
              levels: ['TOWNSHIP', 'VILLAGE'],
              stages: ['RESULT'],
            },
          },
        ],
      },
    ],
  },

  // ==========================================================================================
  // 市政服务
  // Sources: http://shchangye.com/info/3092/122636.htm; http://www.fsxf.gov.cn/zfxxgk/ins.asp?s=10332&i=4275
  // The "；其中许可结果…7个工作日内" clause follows the 行政许可 双公示 rule quoted in the 征地补偿 row
  // of §2. 一级事项 04 (市政公用服务信息) is composed, not from a cited catalog.
  // ==========================================================================================
  {
    code: 'MUNICIPAL_SERVICES',
    name: '市政服务',
    description: '燃气、城市道路、排水、园林绿化等市政公用领域的行政许可办事指南、结果和公用服务信息。',
    matters: [
      {
        code: '01',
        name: '城镇燃气管理',
        children: [
          {
            code: '01',
            name: '燃气经营许可证核发',
            reportItem: 'ADMINISTRATIVE_LICENSE',
            standard: {
              legalBasis: [
                { kind: 'ADMINISTRATIVE_REGULATION', title: '《城镇燃气管理条例》', docNo: '国务院令第583号', articles: '第十五条' },
                ADMINISTRATIVE_LICENSING_LAW,
              ],
              contentElements: [
                req('申请条件'),
                req('申请材料'),
                req('办理流程'),
                req('法定依据'),
                req('办理时限'),
                req('许可结果'),
                opt('收费标准'),
              ],
              responsibleText: '市住房和城乡建设局',
              responsibleOrgKey: 'housing',
              timeLimitText: '信息形成或者变更之日起20个工作日内；其中许可结果自作出行政决定之日起7个工作日内公开',
              requiredChannels: ['GOVERNMENT_WEBSITE', 'GOVERNMENT_SERVICE_CENTER'],
              optionalChannels: ['WECHAT_WEIBO_APP', 'HOTLINE_12345'],
              audience: 'PUBLIC',
              mode: 'PROACTIVE',
              levels: ['COUNTY'],
              stages: ['SERVICE', 'RESULT'],
            },
          },
          {
            code: '02',
            name: '燃气经营者改动市政燃气设施审批',
            reportItem: 'ADMINISTRATIVE_LICENSE',
            standard: {
              legalBasis: [
                { kind: 'ADMINISTRATIVE_REGULATION', title: '《城镇燃气管理条例》', docNo: '国务院令第583号', articles: '第三十八条' },
                ADMINISTRATIVE_LICENSING_LAW,
              ],
              contentElements: [req('申请条件'), req('申请材料'), req('办理流程'), req('办理时限'), req('审批结果')],
              responsibleText: '市住房和城乡建设局',
              responsibleOrgKey: 'housing',
              timeLimitText: '信息形成或者变更之日起20个工作日内；其中许可结果自作出行政决定之日起7个工作日内公开',
              requiredChannels: ['GOVERNMENT_WEBSITE', 'GOVERNMENT_SERVICE_CENTER'],
              optionalChannels: ['WECHAT_WEIBO_APP'],
              audience: 'PUBLIC',
              mode: 'PROACTIVE',
              levels: ['COUNTY'],
              stages: ['SERVICE', 'RESULT'],
            },
          },
        ],
      },
      {
        code: '02',
        name: '市政设施建设类审批',
        children: [
          {
            code: '01',
            name: '占用、挖掘城市道路审批',
            reportItem: 'ADMINISTRATIVE_LICENSE',
            standard: {
              legalBasis: [
                {
                  kind: 'ADMINISTRATIVE_REGULATION',
                  title: '《城市道路管理条例》',
                  docNo: '国务院令第198号',
                  articles: '第三十条、第三十一条、第三十三条',
                },
                ADMINISTRATIVE_LICENSING_LAW,
              ],
              contentElements: [
                req('申请条件'),
                req('申请材料'),
                req('办理流程'),
                req('办理时限'),
                req('审批结果'),
                opt('占用期限和恢复要求'),
              ],
              responsibleText: '市城市管理局',
              responsibleOrgKey: 'urban-management',
              timeLimitText: '信息形成或者变更之日起20个工作日内；其中许可结果自作出行政决定之日起7个工作日内公开',
              requiredChannels: ['GOVERNMENT_WEBSITE', 'GOVERNMENT_SERVICE_CENTER'],
              optionalChannels: ['WECHAT_WEIBO_APP', 'HOTLINE_12345'],
              audience: 'PUBLIC',
              mode: 'PROACTIVE',
              levels: ['COUNTY'],
              stages: ['SERVICE', 'RESULT'],
            },
          },
          {
            code: '02',
            name: '城镇污水排入排水管网许可证核发',
            reportItem: 'ADMINISTRATIVE_LICENSE',
            standard: {
              legalBasis: [
                { kind: 'ADMINISTRATIVE_REGULATION', title: '《城镇排水与污水处理条例》', docNo: '国务院令第641号' },
                { kind: 'RULE', title: '《城镇污水排入排水管网许可管理办法》', docNo: '住房和城乡建设部令第21号' },
              ],
              contentElements: [req('申请条件'), req('申请材料'), req('办理流程'), req('办理时限'), req('许可结果')],
              responsibleText: '市城市管理局',
              responsibleOrgKey: 'urban-management',
              timeLimitText: '信息形成或者变更之日起20个工作日内；其中许可结果自作出行政决定之日起7个工作日内公开',
              requiredChannels: ['GOVERNMENT_WEBSITE', 'GOVERNMENT_SERVICE_CENTER'],
              optionalChannels: ['WECHAT_WEIBO_APP'],
              audience: 'PUBLIC',
              mode: 'PROACTIVE',
              levels: ['COUNTY'],
              stages: ['SERVICE', 'RESULT'],
            },
          },
        ],
      },
      {
        code: '03',
        name: '城市园林绿化',
        children: [
          {
            code: '01',
            name: '城市园林绿化审批',
            reportItem: 'ADMINISTRATIVE_LICENSE',
            description: '临时占用城市绿地，砍伐、迁移城市树木等审批的结果公开。',
            standard: {
              legalBasis: [
                { kind: 'ADMINISTRATIVE_REGULATION', title: '《城市绿化条例》', docNo: '国务院令第100号' },
                ADMINISTRATIVE_LICENSING_LAW,
              ],
              contentElements: [
                req('申请人'),
                req('审批事项'),
                req('审批结果'),
                req('审批日期'),
                opt('补植或恢复要求'),
              ],
              responsibleText: '市城市管理局',
              responsibleOrgKey: 'urban-management',
              timeLimitText: '作出行政决定之日起7个工作日内',
              requiredChannels: ['GOVERNMENT_WEBSITE'],
              optionalChannels: ['GOVERNMENT_SERVICE_CENTER', 'WECHAT_WEIBO_APP'],
              audience: 'PUBLIC',
              mode: 'PROACTIVE',
              levels: ['COUNTY'],
              stages: ['RESULT'],
            },
          },
        ],
      },
      {
        code: '04',
        name: '市政公用服务信息',
        children: [
          {
            code: '01',
            name: '市政设施施工和停水停气信息',
            description: 'composed, not from a cited catalog.',
            standard: {
              legalBasis: [
                { kind: 'ADMINISTRATIVE_REGULATION', title: '《城市道路管理条例》', docNo: '国务院令第198号' },
                { kind: 'ADMINISTRATIVE_REGULATION', title: '《城镇燃气管理条例》', docNo: '国务院令第583号' },
              ],
              contentElements: [req('施工或停供范围'), req('起止时间'), req('交通组织或替代措施'), opt('咨询方式')],
              responsibleText: '市城市管理局、市住房和城乡建设局',
              responsibleOrgKey: 'urban-management',
              timeLimitText: '信息形成后及时发布',
              requiredChannels: ['GOVERNMENT_WEBSITE', 'WECHAT_WEIBO_APP'],
              optionalChannels: ['RADIO_TV', 'BULLETIN_BOARD', 'TARGETED_PUSH'],
              audience: 'PUBLIC',
              mode: 'PROACTIVE',
              levels: ['COUNTY'],
              stages: ['SERVICE'],
            },
          },
        ],
      },
    ],
  },

  // ==========================================================================================
  // 公共资源交易
  // Sources: http://shchangye.com/info/3093/122666.htm (审批核准, 资格预审公告, 招标公告);
  //   http://www.jinxiang.gov.cn/art/2024/6/5/art_63224_2743063.html (政府采购招标公告).
  // 中标(成交)结果 and 合同 wording: the reference marks them unverified, from 财政部令第87号 and
  //   政府采购法实施条例. 中标候选人公示 quotes 招标投标法实施条例 第五十四条; 土地出让结果 follows
  //   《招标拍卖挂牌出让国有建设用地使用权规定》 — both rows composed, not from a cited catalog.
  // ==========================================================================================
  {
    code: 'PUBLIC_RESOURCE_TRADING',
    name: '公共资源交易',
    description: '工程建设项目招标投标、政府采购和国有土地使用权出让等公共资源交易的全过程信息。',
    matters: [
      {
        code: '01',
        name: '工程建设项目招标投标信息',
        children: [
          {
            code: '01',
            name: '审批核准信息',
            standard: {
              legalBasis: [
                BIDDING_LAW,
                BIDDING_LAW_REGULATION,
                { kind: 'ADMINISTRATIVE_REGULATION', title: '《政府投资条例》', docNo: '国务院令第712号' },
              ],
              contentElements: [
                req('项目名称'),
                req('审批(核准)部门'),
                req('批复文号'),
                req('招标范围'),
                req('招标方式'),
                req('招标组织形式'),
              ],
              responsibleText: '项目审批(核准)部门',
              responsibleOrgKey: 'resource-trading',
              timeLimitText: '信息形成之日起20个工作日内',
              requiredChannels: ['GOVERNMENT_WEBSITE', 'INVESTMENT_APPROVAL_PLATFORM'],
              optionalChannels: ['PUBLIC_RESOURCE_TRADING_PLATFORM'],
              audience: 'PUBLIC',
              mode: 'PROACTIVE',
              levels: ['COUNTY'],
              stages: ['DECISION'],
            },
          },
          {
            code: '02',
            name: '资格预审公告',
            standard: {
              legalBasis: [
                BIDDING_LAW_REGULATION,
                { kind: 'RULE', title: '《招标公告和公示信息发布管理办法》', docNo: '国家发展和改革委员会令第10号' },
              ],
              contentElements: [
                req('招标项目名称、内容、范围、规模、资金来源'),
                req('申请人资格条件'),
                req('资格预审文件获取时间和方式'),
                req('资格预审申请文件提交截止时间和方式'),
                req('招标人及其招标代理机构'),
                opt('监督部门'),
              ],
              responsibleText: '招标人、市公共资源交易中心',
              responsibleOrgKey: 'resource-trading',
              timeLimitText: '及时公开',
              requiredChannels: ['BIDDING_SERVICE_PLATFORM', 'PUBLIC_RESOURCE_TRADING_PLATFORM'],
              optionalChannels: ['GOVERNMENT_WEBSITE'],
              audience: 'PUBLIC',
              mode: 'PROACTIVE',
              levels: ['COUNTY'],
              stages: ['EXECUTION'],
            },
          },
          {
            code: '03',
            name: '招标公告',
            standard: {
              legalBasis: [
                { ...BIDDING_LAW, articles: '第十六条' },
                BIDDING_LAW_REGULATION,
                { kind: 'RULE', title: '《招标公告和公示信息发布管理办法》', docNo: '国家发展和改革委员会令第10号' },
              ],
              contentElements: [
                req('招标项目名称、内容、范围、规模、资金来源'),
                req('投标资格能力要求'),
                req('招标文件获取时间和方式'),
                req('投标截止时间、开标时间和地点'),
                req('招标人及其招标代理机构'),
                opt('电子招标投标的相关要求'),
              ],
              responsibleText: '招标人、市公共资源交易中心',
              responsibleOrgKey: 'resource-trading',
              timeLimitText: '及时公开',
              requiredChannels: ['BIDDING_SERVICE_PLATFORM', 'PUBLIC_RESOURCE_TRADING_PLATFORM'],
              optionalChannels: ['GOVERNMENT_WEBSITE'],
              audience: 'PUBLIC',
              mode: 'PROACTIVE',
              levels: ['COUNTY'],
              stages: ['EXECUTION'],
            },
          },
          {
            code: '04',
            name: '中标候选人公示',
            description: 'composed, not from a cited catalog; wording of 招标投标法实施条例 第五十四条.',
            standard: {
              legalBasis: [{ ...BIDDING_LAW_REGULATION, articles: '第五十四条' }],
              contentElements: [
                req('中标候选人排序、名称、投标报价'),
                req('中标候选人的资格能力条件'),
                req('被否决投标的原因'),
                req('提出异议的渠道和方式'),
                opt('评标委员会成员名单'),
              ],
              responsibleText: '招标人、市公共资源交易中心',
              responsibleOrgKey: 'resource-trading',
              timeLimitText: '自收到评标报告之日起3日内公示中标候选人，公示期不得少于3日',
              requiredChannels: ['BIDDING_SERVICE_PLATFORM', 'PUBLIC_RESOURCE_TRADING_PLATFORM'],
              optionalChannels: ['GOVERNMENT_WEBSITE'],
              audience: 'PUBLIC',
              mode: 'PROACTIVE',
              levels: ['COUNTY'],
              stages: ['RESULT'],
            },
          },
        ],
      },
      {
        code: '02',
        name: '政府采购信息',
        children: [
          {
            code: '01',
            name: '招标公告',
            standard: {
              legalBasis: [
                PROCUREMENT_LAW,
                PROCUREMENT_LAW_REGULATION,
                { kind: 'RULE', title: '《政府采购货物和服务招标投标管理办法》', docNo: '财政部令第87号' },
              ],
              contentElements: [
                req('采购人及采购代理机构'),
                req('采购项目名称、预算金额和最高限价'),
                req('采购需求'),
                req('供应商资格要求'),
                req('获取招标文件的时间、地点和方式'),
                req('投标截止时间和开标时间、地点'),
                opt('落实政府采购政策需满足的要求'),
              ],
              responsibleText: '采购人、市公共资源交易中心',
              responsibleOrgKey: 'resource-trading',
              timeLimitText: '及时公开，公告期限为5个工作日',
              requiredChannels: ['PUBLIC_RESOURCE_TRADING_PLATFORM', 'GOVERNMENT_WEBSITE'],
              optionalChannels: ['WECHAT_WEIBO_APP'],
              audience: 'PUBLIC',
              mode: 'PROACTIVE',
              levels: ['COUNTY'],
              stages: ['EXECUTION'],
            },
          },
          {
            code: '02',
            name: '中标(成交)结果',
            description: '中标、成交结果公告期限为1个工作日(财政部令第87号)。',
            standard: {
              legalBasis: [
                { ...PROCUREMENT_LAW_REGULATION, articles: '第四十三条' },
                { kind: 'RULE', title: '《政府采购货物和服务招标投标管理办法》', docNo: '财政部令第87号' },
              ],
              contentElements: [
                req('采购人及采购代理机构'),
                req('项目名称和编号'),
                req('中标(成交)供应商名称、地址和中标(成交)金额'),
                req('主要标的名称、规格型号、数量、单价'),
                req('评审专家名单'),
                opt('代理服务收费标准及金额'),
              ],
              responsibleText: '采购人、市公共资源交易中心',
              responsibleOrgKey: 'resource-trading',
              timeLimitText: '自中标、成交供应商确定之日起2个工作日内',
              requiredChannels: ['PUBLIC_RESOURCE_TRADING_PLATFORM', 'GOVERNMENT_WEBSITE'],
              optionalChannels: ['WECHAT_WEIBO_APP'],
              audience: 'PUBLIC',
              mode: 'PROACTIVE',
              levels: ['COUNTY'],
              stages: ['RESULT'],
            },
          },
          {
            code: '03',
            name: '政府采购合同',
            standard: {
              legalBasis: [
                { ...PROCUREMENT_LAW_REGULATION, articles: '第五十条' },
                { kind: 'RULE', title: '《政府采购信息发布管理办法》', docNo: '财政部令第101号' },
              ],
              contentElements: [
                req('合同编号和名称'),
                req('采购人和供应商'),
                req('合同标的和金额'),
                req('合同签订日期'),
                opt('合同文本(删除涉密和商业秘密内容)'),
              ],
              responsibleText: '采购人',
              responsibleOrgKey: 'finance',
              timeLimitText: '自政府采购合同签订之日起2个工作日内',
              requiredChannels: ['PUBLIC_RESOURCE_TRADING_PLATFORM', 'GOVERNMENT_WEBSITE'],
              optionalChannels: [],
              audience: 'PUBLIC',
              mode: 'PROACTIVE',
              levels: ['COUNTY'],
              stages: ['RESULT'],
            },
          },
        ],
      },
      {
        code: '03',
        name: '土地使用权出让',
        children: [
          {
            code: '01',
            name: '国有建设用地使用权出让结果',
            description: 'composed, not from a cited catalog.',
            standard: {
              legalBasis: [
                { kind: 'RULE', title: '《招标拍卖挂牌出让国有建设用地使用权规定》', docNo: '国土资源部令第39号' },
                LAND_ADMINISTRATION_LAW,
              ],
              contentElements: [
                req('地块编号和位置'),
                req('出让面积和用途'),
                req('出让方式'),
                req('成交价'),
                req('竞得人'),
                opt('成交时间'),
              ],
              responsibleText: '市自然资源和规划局、市公共资源交易中心',
              responsibleOrgKey: 'natural-resources',
              timeLimitText: '招标拍卖挂牌活动结束后10个工作日内',
              requiredChannels: ['PUBLIC_RESOURCE_TRADING_PLATFORM', 'GOVERNMENT_WEBSITE'],
              optionalChannels: ['PRINT_MEDIA'],
              audience: 'PUBLIC',
              mode: 'PROACTIVE',
              levels: ['COUNTY'],
              stages: ['RESULT'],
            },
          },
        ],
      },
    ],
  },

  // ==========================================================================================
  // 义务教育
  // Sources: http://www.xiangan.gov.cn/mlxa/ztzl/jczw/zjsd/xsjd/202408/t20240809_1063200.htm (招生管理);
  //   http://qzlj.gov.cn/zwgk/ztzl/rdzt/lhzt/jzzwgkbzml/hsx_50823/202011/t20201114_2455665.htm
  //   (资助政策, 教师职称评审); https://www.tonghai.gov.cn/thxzfxxgk/jljd/20240816/1549045.html (控辍保学)
  // 教师招聘 is composed, not from a cited catalog.
  // ==========================================================================================
  {
    code: 'COMPULSORY_EDUCATION',
    name: '义务教育',
    description: '义务教育招生入学、学生资助、教师管理和控辍保学等政策与执行情况信息。',
    matters: [
      {
        code: '01',
        name: '招生管理',
        children: [
          {
            code: '01',
            name: '招生政策',
            standard: {
              legalBasis: [{ ...COMPULSORY_EDUCATION_LAW, articles: '第十二条' }, OGI_REGULATION],
              contentElements: [req('招生入学政策'), req('随迁子女入学办法'), req('招生工作日程安排'), opt('咨询监督方式')],
              responsibleText: '市教育体育局',
              responsibleOrgKey: 'education',
              timeLimitText: DEFAULT_TIME_LIMIT,
              requiredChannels: ['GOVERNMENT_WEBSITE', 'WECHAT_WEIBO_APP'],
              optionalChannels: ['RADIO_TV', 'BULLETIN_BOARD', 'PRINT_MEDIA'],
              audience: 'PUBLIC',
              mode: 'PROACTIVE',
              levels: ['COUNTY'],
              stages: ['DECISION', 'SERVICE'],
              recurrence: 'YEARLY',
            },
          },
          {
            code: '02',
            name: '招生范围',
            standard: {
              legalBasis: [{ ...COMPULSORY_EDUCATION_LAW, articles: '第十二条' }, OGI_REGULATION],
              contentElements: [req('招生范围'), req('学区划分详细情况'), opt('招生计划')],
              responsibleText: '市教育体育局',
              responsibleOrgKey: 'education',
              timeLimitText: DEFAULT_TIME_LIMIT,
              requiredChannels: ['GOVERNMENT_WEBSITE', 'WECHAT_WEIBO_APP'],
              optionalChannels: ['RADIO_TV', 'BULLETIN_BOARD'],
              audience: 'PUBLIC',
              mode: 'PROACTIVE',
              levels: ['COUNTY'],
              stages: ['DECISION', 'SERVICE'],
              recurrence: 'YEARLY',
            },
          },
        ],
      },
      {
        code: '02',
        name: '学生管理',
        children: [
          {
            code: '01',
            name: '资助政策',
            description: '义务教育"两免一补"(免学杂费、免费提供教科书、补助家庭经济困难寄宿生生活费)。',
            standard: {
              legalBasis: [
                COMPULSORY_EDUCATION_LAW,
                {
                  kind: 'NORMATIVE_DOCUMENT',
                  title: '《国务院关于进一步完善城乡义务教育经费保障机制的通知》',
                  docNo: '国发〔2015〕67号',
                },
              ],
              contentElements: [req('资助项目'), req('资助对象和条件'), req('资助标准'), req('申请程序'), opt('咨询方式')],
              responsibleText: '市教育体育局、义务教育学校',
              responsibleOrgKey: 'education',
              timeLimitText: DEFAULT_TIME_LIMIT,
              requiredChannels: ['GOVERNMENT_WEBSITE'],
              optionalChannels: ['WECHAT_WEIBO_APP', 'BULLETIN_BOARD', 'TARGETED_PUSH'],
              audience: 'PUBLIC',
              mode: 'PROACTIVE',
              levels: ['COUNTY'],
              stages: ['SERVICE'],
            },
          },
        ],
      },
      {
        code: '03',
        name: '教师管理',
        children: [
          {
            code: '01',
            name: '教师职称评审',
            standard: {
              legalBasis: [
                { kind: 'LAW', title: '《中华人民共和国教师法》' },
                {
                  kind: 'NORMATIVE_DOCUMENT',
                  title: '《关于深化中小学教师职称制度改革的指导意见》',
                  docNo: '人社部发〔2015〕79号',
                },
              ],
              contentElements: [req('评审政策'), req('评审条件'), req('申报推荐人选'), req('评审结果'), opt('监督方式')],
              responsibleText: '市教育体育局',
              responsibleOrgKey: 'education',
              timeLimitText: '信息形成(变更)3个工作日内，公示时间不少于7个工作日',
              requiredChannels: ['GOVERNMENT_WEBSITE'],
              optionalChannels: ['BULLETIN_BOARD'],
              audience: 'SPECIFIC_GROUP',
              audienceNote: '教师',
              mode: 'PROACTIVE',
              levels: ['COUNTY'],
              stages: ['MANAGEMENT', 'RESULT'],
            },
          },
          {
            code: '02',
            name: '教师招聘',
            description: 'composed, not from a cited catalog.',
            standard: {
              legalBasis: [{ kind: 'LAW', title: '《中华人民共和国教师法》' }, OGI_REGULATION],
              contentElements: [
                req('招聘计划和岗位'),
                req('报考条件'),
                req('招聘程序'),
                req('考试成绩'),
                req('拟聘用人员名单'),
              ],
              responsibleText: '市教育体育局',
              responsibleOrgKey: 'education',
              timeLimitText: DEFAULT_TIME_LIMIT,
              requiredChannels: ['GOVERNMENT_WEBSITE'],
              optionalChannels: ['WECHAT_WEIBO_APP', 'PRINT_MEDIA'],
              audience: 'PUBLIC',
              mode: 'PROACTIVE',
              levels: ['COUNTY'],
              stages: ['MANAGEMENT', 'RESULT'],
            },
          },
        ],
      },
      {
        code: '04',
        name: '重要政策执行情况',
        children: [
          {
            code: '01',
            name: '控辍保学',
            standard: {
              legalBasis: [
                { ...COMPULSORY_EDUCATION_LAW, articles: '第五条、第十三条' },
                {
                  kind: 'NORMATIVE_DOCUMENT',
                  title: '《国务院办公厅关于进一步加强控辍保学提高义务教育巩固水平的通知》',
                  docNo: '国办发〔2017〕72号',
                },
              ],
              contentElements: [req('控辍保学工作方案'), req('工作责任人'), req('劝返复学情况'), opt('举报方式')],
              responsibleText: '市教育体育局、乡镇人民政府',
              responsibleOrgKey: 'education',
              timeLimitText: DEFAULT_TIME_LIMIT,
              requiredChannels: ['GOVERNMENT_WEBSITE'],
              optionalChannels: ['BULLETIN_BOARD', 'WECHAT_WEIBO_APP'],
              audience: 'PUBLIC',
              mode: 'PROACTIVE',
              levels: ['COUNTY', 'TOWNSHIP'],
              stages: ['EXECUTION'],
              recurrence: 'HALF_YEARLY',
            },
          },
        ],
      },
    ],
  },
];
