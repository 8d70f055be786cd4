// Seed data: sample 公开信息 (releases) for the 8 pilot domains of catalog.ts.
// Every release is invented for demonstration: projects, plots, amounts and people are fictitious,
// and individuals appear only as masked names (张某某). Titles and 文号 follow the forms Anhui
// county sites use. Days are counted back from the moment the seed runs; titles assume a seed run
// around late 2026 (a release published ~380 days ago belongs to late 2025).
//
// Some releases are published late against their matter's 公开时限, so the on-time
// statistics have something to show (marked "late" below):
//   LAND_EXPROPRIATION.02.02 (10 working days), HOUSING_EXPROPRIATION.03.05, AFFORDABLE_HOUSING.02.02
//   (20 working days), RURAL_HOUSING_RENOVATION.03.01 (3 working days), MUNICIPAL_SERVICES.03.01
//   (7 working days), PUBLIC_RESOURCE_TRADING.02.02 (2 working days), COMPULSORY_EDUCATION.03.01
//   (3 working days).
import type { SeedRelease } from './catalog.types.js';

export const sampleReleases: SeedRelease[] = [
  {
    // A policy document published yesterday with no interpretation yet: missingInterpretations.
    matterCode: 'POVERTY_RELIEF.01.01',
    publisherKey: 'rural-revitalization',
    title: '明光市乡村振兴局关于做好2027年防止返贫致贫监测帮扶工作的通知',
    docNo: '明乡振〔2026〕21号',
    stage: 'DECISION',
    topic: '农业、农村',
    genre: '通知',
    keywords: ['防止返贫', '监测帮扶'],
    bodyHtml: `<p>各乡镇人民政府、街道办事处：</p>
<p>为守住不发生规模性返贫致贫底线，现就做好2027年防止返贫致贫监测帮扶工作通知如下：</p>
<ol><li>监测范围：全市农村人口，重点关注脱贫不稳定户、边缘易致贫户和突发严重困难户。</li>
<li>监测标准：年人均纯收入低于8000元的农户纳入监测范围。</li>
<li>帮扶措施：一户一策，落实产业、就业、兜底保障等帮扶措施。</li></ol>`,
    formedDaysAgo: 2,
    publishedDaysAgo: 1,
    targetChannels: ['WEBSITE', 'MINI_PROGRAM'],
  },
  // ---- 征地补偿 ---------------------------------------------------------------------------
  {
    matterCode: 'LAND_EXPROPRIATION.03.01',
    publisherKey: 'zhangbaling',
    title: '明光市2026年第3批次城镇建设用地征收土地预公告(张八岭镇岭南村)',
    stage: 'DECISION',
    topic: '国土资源',
    genre: '公告',
    keywords: ['征收土地预公告', '岭南村', '现状调查'],
    bodyHtml: `<p>因明光市2026年第3批次城镇建设用地需要，拟征收张八岭镇岭南村部分集体土地。根据《中华人民共和国土地管理法》第四十七条和《中华人民共和国土地管理法实施条例》第二十六条规定，现将有关事项预公告如下：</p>
<h2>一、征收目的</h2>
<p>用于张八岭镇产业园区基础设施建设，符合《中华人民共和国土地管理法》第四十五条规定的公共利益情形。</p>
<h2>二、征收范围</h2>
<p>岭南村第二、第五村民组，拟征收面积约4.2136公顷，具体范围以现场界桩和附图为准。</p>
<h2>三、土地现状调查安排</h2>
<p>自本预公告发布之日起，由市自然资源和规划局会同张八岭镇人民政府开展土地现状调查，请相关权利人予以配合。</p>
<h2>四、其他事项</h2>
<ul><li>本预公告时间不少于10个工作日。</li><li>自本预公告发布之日起，任何单位和个人不得在拟征收范围内抢栽抢建；违反规定抢栽抢建的，对抢栽抢建部分不予补偿。</li></ul>`,
    formedDaysAgo: 150,
    publishedDaysAgo: 150,
    targetChannels: ['WEBSITE', 'KIOSK', 'NEW_MEDIA'],
  },
  {
    matterCode: 'LAND_EXPROPRIATION.03.02',
    publisherKey: 'zhangbaling-lingnan',
    title: '岭南村拟征收土地现状调查结果公示',
    stage: 'EXECUTION',
    topic: '国土资源',
    genre: '公示',
    keywords: ['现状调查', '地上附着物', '岭南村'],
    bodyHtml: `<p>根据明光市2026年第3批次城镇建设用地征收土地预公告，拟征收土地现状调查工作已经结束，现将调查结果公示如下：</p>
<table><thead><tr><th>村民组</th><th>地类</th><th>面积(公顷)</th><th>地上附着物和青苗</th></tr></thead>
<tbody><tr><td>第二村民组</td><td>旱地</td><td>2.0471</td><td>青苗(小麦)、机井1眼</td></tr>
<tr><td>第五村民组</td><td>旱地、坑塘水面</td><td>2.1665</td><td>青苗(油菜)、简易棚舍2处</td></tr></tbody></table>
<p>公示期间，权利人对调查结果有异议的，可向村民委员会或张八岭镇人民政府书面提出。</p>`,
    formedDaysAgo: 128,
    publishedDaysAgo: 125,
    targetChannels: ['WEBSITE', 'KIOSK'],
  },
  {
    matterCode: 'LAND_EXPROPRIATION.04.01',
    publisherKey: 'natural-resources',
    title: '明光市2026年第3批次城镇建设用地征地补偿安置公告',
    docNo: '明自然资规〔2026〕12号',
    stage: 'DECISION',
    topic: '国土资源',
    genre: '公告',
    keywords: ['征地补偿安置', '区片综合地价', '社会保障'],
    bodyHtml: `<p>根据《中华人民共和国土地管理法》第四十七条和《中华人民共和国土地管理法实施条例》第二十八条规定，现将明光市2026年第3批次城镇建设用地征地补偿安置方案公告如下：</p>
<h2>一、征收范围和土地现状</h2>
<p>张八岭镇岭南村第二、第五村民组集体土地4.2136公顷，其中旱地4.0210公顷、坑塘水面0.1926公顷。</p>
<h2>二、补偿方式和标准</h2>
<ul><li>土地补偿费和安置补助费按安徽省公布的区片综合地价标准执行。</li><li>地上附着物和青苗按《明光市征收集体土地地上附着物和青苗补偿标准》执行。</li></ul>
<h2>三、社会保障</h2>
<p>被征地农民社会保障费用按规定足额纳入征地补偿安置费用，专款专用。</p>
<p>本公告时间不少于三十日。多数被征地的农村集体经济组织成员认为方案不符合法律、法规规定的，可在公告期内书面申请听证。</p>`,
    formedDaysAgo: 112,
    publishedDaysAgo: 110,
    targetChannels: ['WEBSITE', 'MINI_PROGRAM', 'KIOSK', 'NEW_MEDIA'],
  },
  {
    // late: 10 working days from receipt of the approval
    matterCode: 'LAND_EXPROPRIATION.02.02',
    publisherKey: 'natural-resources',
    title: '明光市自然资源和规划局关于转发《安徽省人民政府关于明光市2026年第3批次城镇建设用地的批复》的通知',
    docNo: '明自然资规〔2026〕15号',
    stage: 'RESULT',
    topic: '国土资源',
    genre: '批复',
    keywords: ['征地批准文件', '农用地转用', '城镇建设用地'],
    bodyHtml: `<p>张八岭镇人民政府，局各相关股室：</p>
<p>现将《安徽省人民政府关于明光市2026年第3批次城镇建设用地的批复》转发给你们，请严格按照批复要求做好征地实施工作。</p>
<h2>批复主要内容</h2>
<ul><li>同意将张八岭镇岭南村集体农用地4.0210公顷转为建设用地并征收，同时征收其他土地0.1926公顷。</li><li>批准用途：城镇建设用地。</li><li>请按规定发布征收土地公告，足额支付征地补偿安置费用。</li></ul>`,
    formedDaysAgo: 75,
    publishedDaysAgo: 52,
    targetChannels: ['WEBSITE', 'MINI_PROGRAM'],
  },
  {
    matterCode: 'LAND_EXPROPRIATION.01.01',
    publisherKey: 'natural-resources',
    title: '明光市2026年第3批次城镇建设用地征收土地公告',
    docNo: '明政地〔2026〕3号',
    stage: 'RESULT',
    topic: '国土资源',
    genre: '公告',
    keywords: ['征收土地公告', '征收土地方案', '岭南村'],
    bodyHtml: `<p>明光市2026年第3批次城镇建设用地已经安徽省人民政府批准。根据《中华人民共和国土地管理法实施条例》有关规定，现将征收土地有关事项公告如下：</p>
<ol><li>征收范围：张八岭镇岭南村第二、第五村民组，面积4.2136公顷。</li><li>征收时间：自本公告发布之日起组织实施。</li><li>征地补偿安置：按已公告的征地补偿安置方案执行；个别未达成协议的，依法作出征地补偿安置决定。</li></ol>
<p>被征收土地的所有权人、使用权人对本公告有异议的，可依法申请行政复议或者提起行政诉讼。</p>`,
    formedDaysAgo: 48,
    publishedDaysAgo: 45,
    targetChannels: ['WEBSITE', 'MINI_PROGRAM', 'KIOSK', 'NEW_MEDIA'],
  },
  {
    // draft
    matterCode: 'LAND_EXPROPRIATION.04.01',
    publisherKey: 'natural-resources',
    title: '明光市2026年第5批次城镇建设用地征地补偿安置公告',
    stage: 'DECISION',
    topic: '国土资源',
    genre: '公告',
    keywords: ['征地补偿安置', '三界镇'],
    bodyHtml: `<p>根据《中华人民共和国土地管理法实施条例》第二十八条规定，现将明光市2026年第5批次城镇建设用地征地补偿安置方案公告如下。</p>
<h2>一、征收范围</h2>
<p>三界镇新河村第一、第三村民组集体土地(面积待测绘成果确认后填写)。</p>
<h2>二、补偿标准</h2>
<p>按安徽省公布的区片综合地价执行，地上附着物和青苗补偿标准附后。</p>`,
    formedDaysAgo: 3,
    targetChannels: ['WEBSITE', 'KIOSK'],
  },

  // ---- 拆迁安置 (国有土地上房屋征收与补偿) ------------------------------------------------------
  {
    matterCode: 'HOUSING_EXPROPRIATION.02.01',
    publisherKey: 'housing-expropriation',
    title: '关于《嘉山路东片区棚户区改造项目国有土地上房屋征收补偿方案(征求意见稿)》公开征求意见的公告',
    stage: 'DECISION',
    topic: '城乡建设',
    genre: '公告',
    keywords: ['房屋征收', '补偿方案', '征求意见'],
    bodyHtml: `<p>为改善群众居住条件，市人民政府拟对嘉山路东片区实施棚户区改造。根据《国有土地上房屋征收与补偿条例》第十条规定，现将征收补偿方案(征求意见稿)予以公布，征求公众意见。</p>
<h2>一、征收范围</h2>
<p>东至新华路、南至嘉山路、西至北大街、北至东风路，涉及住宅约312户、非住宅9处。</p>
<h2>二、征求意见期限</h2>
<p>自本公告发布之日起30日。</p>
<h2>三、意见反馈方式</h2>
<ul><li>书面意见送交市国有土地上房屋征收与补偿管理办公室。</li><li>通过明光市人民政府网站"意见征集"栏目在线提交。</li></ul>`,
    formedDaysAgo: 262,
    publishedDaysAgo: 260,
    targetChannels: ['WEBSITE', 'MINI_PROGRAM', 'KIOSK', 'NEW_MEDIA'],
  },
  {
    matterCode: 'HOUSING_EXPROPRIATION.03.01',
    publisherKey: 'mingguang-subdistrict',
    title: '嘉山路东片区棚户区改造项目房屋调查登记结果公布',
    stage: 'EXECUTION',
    topic: '城乡建设',
    genre: '公示',
    keywords: ['调查登记', '房屋征收', '嘉山路东片区'],
    bodyHtml: `<p>根据《国有土地上房屋征收与补偿条例》第十五条规定，嘉山路东片区房屋征收范围内房屋权属、区位、用途、建筑面积等情况调查登记工作已经结束，现将结果公布如下：</p>
<ul><li>住宅房屋312户，合法登记建筑面积合计27846.35平方米。</li><li>非住宅房屋9处，合法登记建筑面积合计3120.60平方米。</li><li>未经登记建筑共41处，认定工作另行公布。</li></ul>
<p>分户调查登记明细在解放社区、新华社区公示栏张贴，被征收人可现场查阅。</p>`,
    formedDaysAgo: 230,
    publishedDaysAgo: 228,
    targetChannels: ['WEBSITE', 'KIOSK'],
  },
  {
    matterCode: 'HOUSING_EXPROPRIATION.02.03',
    publisherKey: 'housing-expropriation',
    title: '明光市人民政府关于嘉山路东片区棚户区改造项目的房屋征收决定公告',
    docNo: '明政〔2026〕18号',
    stage: 'DECISION',
    topic: '城乡建设',
    genre: '公告',
    keywords: ['房屋征收决定', '棚户区改造', '行政复议'],
    bodyHtml: `<p>因旧城区改建需要，根据《国有土地上房屋征收与补偿条例》有关规定，经市人民政府研究，决定对嘉山路东片区范围内国有土地上房屋实施征收。现公告如下：</p>
<ol><li>征收范围：东至新华路、南至嘉山路、西至北大街、北至东风路。</li><li>房屋征收部门：明光市国有土地上房屋征收与补偿管理办公室；征收实施单位：明光市明光街道办事处。</li><li>征收补偿方案：详见附件，签约期限为本公告发布之日起60日。</li></ol>
<p>被征收人对本征收决定不服的，可以自本公告发布之日起60日内依法申请行政复议，也可以在6个月内依法提起行政诉讼。</p>`,
    formedDaysAgo: 216,
    publishedDaysAgo: 215,
    targetChannels: ['WEBSITE', 'MINI_PROGRAM', 'KIOSK', 'NEW_MEDIA'],
  },
  {
    matterCode: 'HOUSING_EXPROPRIATION.03.03',
    publisherKey: 'mingguang-subdistrict',
    title: '嘉山路东片区棚户区改造项目分户初步评估结果公示',
    stage: 'EXECUTION',
    topic: '城乡建设',
    genre: '公示',
    keywords: ['分户评估', '评估结果', '复核评估'],
    bodyHtml: `<p>受房屋征收部门委托，经被征收人协商选定的房地产价格评估机构已完成嘉山路东片区被征收房屋的分户初步评估，现将结果在征收范围内公示。</p>
<table><thead><tr><th>房屋坐落</th><th>被征收人</th><th>建筑面积(㎡)</th><th>评估单价(元/㎡)</th></tr></thead>
<tbody><tr><td>东风路3号1幢101室</td><td>王某某</td><td>86.42</td><td>5260</td></tr>
<tr><td>东风路3号1幢102室</td><td>李某某</td><td>92.15</td><td>5260</td></tr>
<tr><td>新华路17号</td><td>陈某某</td><td>134.80</td><td>5480</td></tr></tbody></table>
<p>公示期7日。被征收人对评估结果有疑问的，可以要求评估机构作出解释说明；对评估结果有异议的，可以自收到评估报告之日起10日内申请复核评估。</p>`,
    formedDaysAgo: 171,
    publishedDaysAgo: 170,
    targetChannels: ['WEBSITE', 'KIOSK'],
  },
  {
    // late: 20 working days
    matterCode: 'HOUSING_EXPROPRIATION.03.05',
    publisherKey: 'housing-expropriation',
    title: '嘉山路东片区棚户区改造项目分户补偿情况公布(第一批)',
    stage: 'RESULT',
    topic: '城乡建设',
    genre: '公示',
    keywords: ['分户补偿', '货币补偿', '产权调换'],
    bodyHtml: `<p>根据《国有土地上房屋征收与补偿条例》第二十九条规定，现将嘉山路东片区棚户区改造项目第一批已签约被征收人分户补偿情况公布如下：</p>
<table><thead><tr><th>序号</th><th>被征收人</th><th>补偿方式</th><th>补偿金额(元)</th></tr></thead>
<tbody><tr><td>1</td><td>王某某</td><td>货币补偿</td><td>512346</td></tr>
<tr><td>2</td><td>李某某</td><td>产权调换</td><td>差价结算 38710</td></tr>
<tr><td>3</td><td>陈某某</td><td>货币补偿</td><td>801520</td></tr></tbody></table>
<p>第一批共签约186户，其余签约户的补偿情况将分批公布。</p>`,
    formedDaysAgo: 70,
    publishedDaysAgo: 25,
    targetChannels: ['WEBSITE', 'MINI_PROGRAM', 'KIOSK'],
  },
  {
    // draft
    matterCode: 'HOUSING_EXPROPRIATION.03.04',
    publisherKey: 'housing-expropriation',
    title: '关于对嘉山路东片区棚户区改造项目被征收人赵某某作出房屋征收补偿决定的公告',
    stage: 'RESULT',
    topic: '城乡建设',
    genre: '公告',
    keywords: ['补偿决定', '房屋征收'],
    bodyHtml: `<p>嘉山路东片区棚户区改造项目被征收人赵某某在签约期限内未与房屋征收部门达成补偿协议。根据《国有土地上房屋征收与补偿条例》第二十六条规定，市人民政府拟作出补偿决定如下：</p>
<ul><li>补偿方式：货币补偿。</li><li>补偿金额：以评估报告为准(待复核评估结果确定后填写)。</li><li>搬迁期限：自补偿决定送达之日起15日内。</li></ul>
<p>被征收人对补偿决定不服的，可以依法申请行政复议，也可以依法提起行政诉讼。</p>`,
    formedDaysAgo: 5,
    targetChannels: ['WEBSITE', 'KIOSK'],
  },

  // ---- 保障性住房 -------------------------------------------------------------------------
  {
    matterCode: 'AFFORDABLE_HOUSING.01.02',
    publisherKey: 'housing',
    title: '明光市住房和城乡建设局关于印发《明光市公共租赁住房保障管理实施细则》的通知',
    docNo: '明住建〔2026〕5号',
    stage: 'DECISION',
    topic: '城乡建设',
    genre: '通知',
    keywords: ['公共租赁住房', '实施细则', '住房保障'],
    bodyHtml: `<p>各乡镇人民政府、街道办事处，各有关单位：</p>
<p>《明光市公共租赁住房保障管理实施细则》已经市人民政府同意，现印发给你们，请认真贯彻执行。</p>
<h2>主要内容</h2>
<ul><li>保障对象：城镇中等偏下收入住房困难家庭、新就业无房职工和在城镇稳定就业的外来务工人员。</li><li>保障方式：实物配租与租赁补贴相结合。</li><li>申请审核：实行申请、审核、公示、轮候、配租的管理流程。</li></ul>
<p>本细则自2026年3月1日起施行。</p>`,
    formedDaysAgo: 296,
    publishedDaysAgo: 290,
    targetChannels: ['WEBSITE', 'MINI_PROGRAM', 'NEW_MEDIA'],
  },
  {
    matterCode: 'AFFORDABLE_HOUSING.02.01',
    publisherKey: 'housing',
    title: '明光市2026年第三季度城镇住房保障家庭租赁补贴资格审核结果公示',
    stage: 'RESULT',
    topic: '城乡建设',
    genre: '公示',
    keywords: ['租赁补贴', '资格审核', '公示'],
    bodyHtml: `<p>经街道(乡镇)初审、市住房和城乡建设局复核，以下家庭符合2026年第三季度城镇住房保障家庭租赁补贴条件，现予公示。</p>
<table><thead><tr><th>序号</th><th>申请人</th><th>家庭人口</th><th>所在街道(乡镇)</th></tr></thead>
<tbody><tr><td>1</td><td>刘某某</td><td>3</td><td>明光街道</td></tr>
<tr><td>2</td><td>周某某</td><td>2</td><td>明光街道</td></tr>
<tr><td>3</td><td>吴某某</td><td>1</td><td>潘村镇</td></tr></tbody></table>
<p>公示期5个工作日。对公示结果有异议的，可向市住房和城乡建设局住房保障股书面反映。</p>`,
    formedDaysAgo: 50,
    publishedDaysAgo: 45,
    targetChannels: ['WEBSITE', 'MINI_PROGRAM', 'KIOSK'],
  },
  {
    // late: 20 working days
    matterCode: 'AFFORDABLE_HOUSING.02.02',
    publisherKey: 'housing',
    title: '明光市2026年第二批公共租赁住房承租资格审核结果公示',
    stage: 'RESULT',
    topic: '城乡建设',
    genre: '公示',
    keywords: ['公共租赁住房', '承租资格', '轮候'],
    bodyHtml: `<p>根据《公共租赁住房管理办法》和《明光市公共租赁住房保障管理实施细则》，经审核，2026年第二批共有46户申请家庭符合公共租赁住房承租条件，现将名单予以公示。</p>
<p>公示名单按受理先后排序，姓名已作脱敏处理，完整名单在市政务服务中心住房保障窗口公开查阅。</p>
<p>公示无异议或者异议不成立的，登记为公共租赁住房轮候对象，并向社会公开。</p>`,
    formedDaysAgo: 90,
    publishedDaysAgo: 40,
    targetChannels: ['WEBSITE', 'KIOSK'],
  },
  {
    matterCode: 'AFFORDABLE_HOUSING.02.03',
    publisherKey: 'housing',
    title: '明光市2026年第二批公共租赁住房配租结果公告',
    stage: 'RESULT',
    topic: '城乡建设',
    genre: '公告',
    keywords: ['配租结果', '公开摇号', '公共租赁住房'],
    bodyHtml: `<p>2026年第二批公共租赁住房配租工作已按照公开摇号方式完成，摇号全程由公证机构现场公证。现将配租结果公告如下：</p>
<ul><li>配租房源：滨河家园公租房小区2号楼、3号楼，共46套。</li><li>配租对象：2026年第二批轮候家庭46户。</li><li>租金标准：每月每平方米6.5元。</li></ul>
<p>配租家庭应当在公告之日起30日内与运营单位签订租赁合同，逾期未签订的视为放弃。</p>`,
    formedDaysAgo: 12,
    publishedDaysAgo: 10,
    targetChannels: ['WEBSITE', 'MINI_PROGRAM', 'KIOSK', 'NEW_MEDIA'],
  },
  {
    // draft
    matterCode: 'AFFORDABLE_HOUSING.03.01',
    publisherKey: 'housing',
    title: '明光市2027年保障性安居工程建设计划',
    stage: 'DECISION',
    topic: '城乡建设',
    genre: '计划',
    keywords: ['保障性安居工程', '建设计划'],
    bodyHtml: `<p>根据省、滁州市下达的目标任务，拟定明光市2027年保障性安居工程建设计划如下：</p>
<table><thead><tr><th>项目名称</th><th>建设地址</th><th>套数</th></tr></thead>
<tbody><tr><td>城北保障性租赁住房项目</td><td>明光街道(待定)</td><td>300</td></tr>
<tr><td>老旧小区配套公租房改造</td><td>明光街道</td><td>60</td></tr></tbody></table>`,
    formedDaysAgo: 2,
    targetChannels: ['WEBSITE'],
  },

  // ---- 农村危房改造 -----------------------------------------------------------------------
  {
    // A policy document (政策文件): its interpretation (sample-interpretations.ts) came late.
    matterCode: 'RURAL_HOUSING_RENOVATION.01.01',
    publisherKey: 'housing',
    title: '明光市住房和城乡建设局关于印发《明光市2026年农村低收入群体等重点对象住房安全保障工作实施方案》的通知',
    docNo: '明住建〔2026〕3号',
    stage: 'DECISION',
    topic: '城乡建设',
    genre: '通知',
    keywords: ['农村危房改造', '住房安全保障', '实施方案'],
    bodyHtml: `<p>各乡镇人民政府、街道办事处，市直有关单位：</p>
<p>现将《明光市2026年农村低收入群体等重点对象住房安全保障工作实施方案》印发给你们，请认真贯彻执行。</p>
<p>附件：明光市2026年农村低收入群体等重点对象住房安全保障工作实施方案</p>`,
    formedDaysAgo: 342,
    publishedDaysAgo: 340,
    targetChannels: ['WEBSITE', 'MINI_PROGRAM', 'NEW_MEDIA'],
  },
  {
    // late: 解读 within 3 working days of the policy
    matterCode: 'RURAL_HOUSING_RENOVATION.03.01',
    publisherKey: 'housing',
    title: '《明光市2026年农村低收入群体等重点对象住房安全保障工作实施方案》政策解读',
    stage: 'DECISION',
    topic: '城乡建设',
    genre: '解读',
    keywords: ['政策解读', '农村危房改造', '住房安全保障'],
    bodyHtml: `<h2>一、制定背景</h2>
<p>为巩固拓展脱贫攻坚成果，保障农村低收入群体等重点对象住房安全，依据住房和城乡建设部等四部门有关实施意见，结合我市实际制定本方案。</p>
<h2>二、保障对象</h2>
<p>农村易返贫致贫户、低保户、分散供养特困人员、低保边缘家庭等，且住房经鉴定为C级或D级危房。</p>
<h2>三、补助标准</h2>
<ul><li>D级危房拆除重建：每户补助不超过3.5万元。</li><li>C级危房加固改造：每户补助不超过1.5万元。</li></ul>
<h2>四、与往年政策的主要差异</h2>
<p>将低保边缘家庭和因病因灾因意外事故刚性支出较大导致基本生活出现严重困难家庭纳入保障范围。</p>`,
    formedDaysAgo: 340,
    publishedDaysAgo: 331,
    targetChannels: ['WEBSITE', 'MINI_PROGRAM', 'NEW_MEDIA'],
  },
  {
    matterCode: 'RURAL_HOUSING_RENOVATION.02.01',
    publisherKey: 'housing',
    title: '明光市2026年农村低收入群体等重点对象危房改造任务分配结果公告',
    docNo: '明住建〔2026〕11号',
    stage: 'EXECUTION',
    topic: '城乡建设',
    genre: '公告',
    keywords: ['任务分配', '农村危房改造'],
    bodyHtml: `<p>根据2026年省下达我市农村危房改造任务，经研究，现将任务分配结果公告如下：</p>
<table><thead><tr><th>乡镇(街道)</th><th>任务数(户)</th><th>其中D级拆除重建</th></tr></thead>
<tbody><tr><td>张八岭镇</td><td>18</td><td>5</td></tr>
<tr><td>三界镇</td><td>22</td><td>7</td></tr>
<tr><td>女山湖镇</td><td>15</td><td>4</td></tr>
<tr><td>潘村镇</td><td>12</td><td>3</td></tr></tbody></table>
<p>各乡镇要及时公开补助农户名单，接受群众监督。</p>`,
    formedDaysAgo: 250,
    publishedDaysAgo: 244,
    targetChannels: ['WEBSITE', 'MINI_PROGRAM', 'KIOSK'],
  },
  {
    matterCode: 'RURAL_HOUSING_RENOVATION.02.02',
    publisherKey: 'sanjie-xinhe',
    title: '新河村2026年农村危房改造申请农户民主评议结果公示',
    stage: 'EXECUTION',
    topic: '城乡建设',
    genre: '公示',
    keywords: ['民主评议', '危房改造', '新河村'],
    bodyHtml: `<p>经农户申请、村民代表会议民主评议，以下农户拟列为2026年农村危房改造对象，现予公示：</p>
<table><thead><tr><th>村民组</th><th>户主</th><th>对象类别</th><th>鉴定等级</th></tr></thead>
<tbody><tr><td>新河一组</td><td>孙某某</td><td>低保户</td><td>D级</td></tr>
<tr><td>新河四组</td><td>钱某某</td><td>分散供养特困人员</td><td>C级</td></tr></tbody></table>
<p>公示时间7日。如有异议，请向村民委员会或三界镇人民政府反映。</p>`,
    formedDaysAgo: 229,
    publishedDaysAgo: 228,
    targetChannels: ['WEBSITE', 'KIOSK'],
  },
  {
    matterCode: 'RURAL_HOUSING_RENOVATION.02.02',
    publisherKey: 'sanjie',
    title: '三界镇2026年农村危房改造补助对象审核结果公示',
    stage: 'EXECUTION',
    topic: '城乡建设',
    genre: '公示',
    keywords: ['补助对象', '审核结果', '三界镇'],
    bodyHtml: `<p>经各村民主评议并公示无异议，镇人民政府对申报的2026年农村危房改造对象进行了审核，现将审核结果公示如下：</p>
<ul><li>审核通过22户，其中D级拆除重建7户、C级加固改造15户。</li><li>审核未通过1户(住房鉴定为B级，不属于改造范围)。</li></ul>
<p>分户名单附后。公示时间7日，公示期满无异议的报市住房和城乡建设局审批。</p>`,
    formedDaysAgo: 215,
    publishedDaysAgo: 213,
    targetChannels: ['WEBSITE', 'MINI_PROGRAM', 'KIOSK'],
  },
  {
    matterCode: 'RURAL_HOUSING_RENOVATION.02.03',
    publisherKey: 'housing',
    title: '明光市2026年农村危房改造补助资金发放情况公告(第一批)',
    stage: 'RESULT',
    topic: '财政',
    genre: '公告',
    keywords: ['补助资金', '一卡通', '危房改造'],
    bodyHtml: `<p>2026年第一批农村危房改造补助资金已通过财政惠民惠农"一卡通"直接发放到户，现将发放情况公告如下：</p>
<ul><li>发放户数：41户。</li><li>发放金额：合计98.5万元。</li><li>发放时间：2026年8月。</li></ul>
<p>分户发放明细已在各村公示栏公开。</p>`,
    formedDaysAgo: 80,
    publishedDaysAgo: 66,
    targetChannels: ['WEBSITE', 'KIOSK'],
  },
  {
    // draft
    matterCode: 'RURAL_HOUSING_RENOVATION.02.04',
    publisherKey: 'sanjie',
    title: '三界镇2026年农村危房改造竣工验收结果公示',
    stage: 'RESULT',
    topic: '城乡建设',
    genre: '公示',
    keywords: ['竣工验收', '危房改造'],
    bodyHtml: `<p>三界镇2026年农村危房改造项目已全部竣工，镇人民政府组织对改造农户住房进行了竣工验收，现将验收结果公示如下：</p>
<p>验收合格22户，验收不合格0户。</p>
<p>公示期间如有异议，请向三界镇人民政府反映。</p>`,
    formedDaysAgo: 6,
    targetChannels: ['WEBSITE', 'KIOSK'],
  },

  // ---- 扶贫救灾 ---------------------------------------------------------------------------
  {
    matterCode: 'POVERTY_RELIEF.03.02',
    publisherKey: 'rural-revitalization',
    title: '明光市2026年度巩固拓展脱贫攻坚成果和乡村振兴项目库入库项目公告',
    stage: 'DECISION',
    topic: '民政',
    genre: '公告',
    keywords: ['项目库', '衔接资金', '乡村振兴'],
    bodyHtml: `<p>经村申报、乡镇审核、市级行业部门论证，现将明光市2026年度巩固拓展脱贫攻坚成果和乡村振兴项目库入库项目公告如下：</p>
<ul><li>入库项目共86个，其中产业发展类41个、基础设施类33个、就业帮扶类12个。</li><li>计划总投资1.26亿元。</li></ul>
<p>项目明细表附后。公告期10日，对入库项目有意见和建议的，可向市乡村振兴局书面反映。</p>`,
    formedDaysAgo: 385,
    publishedDaysAgo: 380,
    targetChannels: ['WEBSITE', 'MINI_PROGRAM', 'KIOSK', 'NEW_MEDIA'],
  },
  {
    matterCode: 'POVERTY_RELIEF.03.01',
    publisherKey: 'rural-revitalization',
    title: '明光市2026年中央和省级财政衔接推进乡村振兴补助资金分配结果公告',
    docNo: '明乡振〔2026〕6号',
    stage: 'RESULT',
    topic: '财政',
    genre: '公告',
    keywords: ['衔接资金', '资金分配', '巩固拓展脱贫攻坚成果'],
    bodyHtml: `<p>根据《财政专项扶贫资金管理办法》及省有关规定，现将2026年中央和省级财政衔接推进乡村振兴补助资金分配结果公告如下：</p>
<table><thead><tr><th>资金来源</th><th>金额(万元)</th><th>主要用途</th></tr></thead>
<tbody><tr><td>中央财政衔接资金</td><td>4326</td><td>产业发展、小型公益性基础设施</td></tr>
<tr><td>省级财政衔接资金</td><td>1870</td><td>就业帮扶、产业发展</td></tr></tbody></table>
<p>资金分配到项目明细附后，接受社会监督。</p>`,
    formedDaysAgo: 220,
    publishedDaysAgo: 212,
    targetChannels: ['WEBSITE', 'MINI_PROGRAM'],
  },
  {
    matterCode: 'POVERTY_RELIEF.02.01',
    publisherKey: 'zhangbaling-dongshan',
    title: '东山村防止返贫监测对象识别纳入情况公示',
    stage: 'EXECUTION',
    topic: '民政',
    genre: '公示',
    keywords: ['监测对象', '民主评议', '东山村'],
    bodyHtml: `<p>根据农户申请和村民代表会议民主评议，拟将以下农户识别纳入防止返贫监测对象，现予公示：</p>
<table><thead><tr><th>村民组</th><th>户主</th><th>家庭人口</th><th>主要风险</th></tr></thead>
<tbody><tr><td>东山二组</td><td>郑某某</td><td>4</td><td>因病</td></tr>
<tr><td>东山六组</td><td>冯某某</td><td>2</td><td>因灾</td></tr></tbody></table>
<p>公示期5日。对公示对象有异议的，可向村民委员会或张八岭镇人民政府反映。</p>`,
    formedDaysAgo: 150,
    publishedDaysAgo: 148,
    targetChannels: ['WEBSITE', 'KIOSK'],
  },
  {
    matterCode: 'POVERTY_RELIEF.04.01',
    publisherKey: 'emergency',
    title: '明光市应急管理局关于7月中旬强降雨灾情及救灾工作情况的通报',
    stage: 'EXECUTION',
    topic: '民政',
    genre: '通报',
    keywords: ['强降雨', '灾情', '应急响应'],
    bodyHtml: `<p>7月中旬，我市出现持续性强降雨天气过程，部分乡镇出现农田受淹、房屋受损情况。现将灾情及救灾工作情况通报如下：</p>
<h2>一、灾情概况</h2>
<ul><li>受灾乡镇：女山湖镇、潘村镇、三界镇。</li><li>农作物受灾面积约1.2万亩，一般损坏房屋17间，无人员伤亡。</li></ul>
<h2>二、救灾工作</h2>
<p>市减灾委员会启动自然灾害救助Ⅳ级应急响应，紧急转移安置群众63人，调拨折叠床、棉被等救灾物资一批。</p>
<p>请广大群众关注天气预报，远离河道、低洼地带，注意防范次生灾害。</p>`,
    formedDaysAgo: 131,
    publishedDaysAgo: 131,
    targetChannels: ['WEBSITE', 'MINI_PROGRAM', 'KIOSK', 'NEW_MEDIA'],
  },
  {
    matterCode: 'POVERTY_RELIEF.04.03',
    publisherKey: 'zhangbaling',
    title: '张八岭镇2026—2027年度冬春受灾群众生活救助对象公示',
    stage: 'EXECUTION',
    topic: '民政',
    genre: '公示',
    keywords: ['冬春救助', '受灾群众', '张八岭镇'],
    bodyHtml: `<p>经本人申请、村(居)民主评议，现将张八岭镇2026—2027年度冬春受灾群众生活救助对象予以公示：</p>
<table><thead><tr><th>村(社区)</th><th>户主</th><th>救助类别</th></tr></thead>
<tbody><tr><td>岭南村</td><td>何某某</td><td>口粮救助</td></tr>
<tr><td>沙坝村</td><td>许某某</td><td>衣被救助</td></tr>
<tr><td>东山村</td><td>冯某某</td><td>取暖救助</td></tr></tbody></table>
<p>公示时间5日。公示期间如有异议，请向镇人民政府社会事务办反映。</p>`,
    formedDaysAgo: 28,
    publishedDaysAgo: 26,
    // Villagers read township notices in the mini-program, and ask about them there.
    targetChannels: ['WEBSITE', 'MINI_PROGRAM', 'KIOSK'],
  },
  {
    // draft
    matterCode: 'POVERTY_RELIEF.04.02',
    publisherKey: 'emergency',
    title: '明光市2026—2027年度冬春受灾群众生活救助资金分配方案',
    stage: 'EXECUTION',
    topic: '民政',
    genre: '通知',
    keywords: ['冬春救助', '资金分配'],
    bodyHtml: `<p>根据省、滁州市下达的冬春受灾群众生活救助资金，结合各乡镇(街道)受灾程度和需救助人数，拟定资金分配方案如下：</p>
<ul><li>资金总额：待省级资金文件下达后填写。</li><li>分配原则：按需救助人数和灾情权重分配。</li></ul>`,
    formedDaysAgo: 4,
    targetChannels: ['WEBSITE'],
  },
  {
    // draft
    matterCode: 'POVERTY_RELIEF.04.04',
    publisherKey: 'zhangbaling',
    title: '张八岭镇冬春救助款物发放情况公示(第一批)',
    stage: 'RESULT',
    topic: '民政',
    genre: '公示',
    keywords: ['冬春救助', '款物发放'],
    bodyHtml: `<p>张八岭镇第一批冬春受灾群众生活救助款物已发放完毕，现将发放情况公示如下：</p>
<ul><li>发放对象：36户。</li><li>发放款物：救助资金(金额待核对)、棉被36床。</li></ul>`,
    formedDaysAgo: 1,
    targetChannels: ['WEBSITE', 'KIOSK'],
  },

  // ---- 市政服务 ---------------------------------------------------------------------------
  {
    matterCode: 'MUNICIPAL_SERVICES.01.01',
    publisherKey: 'housing',
    title: '燃气经营许可证核发办事指南',
    stage: 'SERVICE',
    topic: '城乡建设',
    genre: '办事指南',
    keywords: ['燃气经营许可', '办事指南', '行政许可'],
    bodyHtml: `<h2>一、设定依据</h2>
<p>《城镇燃气管理条例》第十五条。</p>
<h2>二、申请条件</h2>
<ul><li>符合燃气发展规划要求。</li><li>有符合国家标准的燃气气源和燃气设施。</li><li>有固定的经营场所、完善的安全管理制度和健全的经营方案。</li><li>企业的主要负责人、安全生产管理人员以及运行、维护和抢修人员经专业培训并考核合格。</li></ul>
<h2>三、办理流程</h2>
<ol><li>申请人通过政务服务网或市政务服务中心窗口提交申请。</li><li>受理后组织材料审查和现场核查。</li><li>作出准予或者不予许可的决定。</li></ol>
<p>法定办结时限20个工作日，承诺办结时限10个工作日，不收费。</p>`,
    formedDaysAgo: 265,
    publishedDaysAgo: 262,
    targetChannels: ['WEBSITE', 'MINI_PROGRAM', 'KIOSK', 'NEW_MEDIA'],
  },
  {
    matterCode: 'MUNICIPAL_SERVICES.02.01',
    publisherKey: 'urban-management',
    title: '关于准予明光某某燃气有限公司挖掘城市道路的行政许可决定公示',
    docNo: '明城管许〔2026〕37号',
    stage: 'RESULT',
    topic: '城乡建设',
    genre: '公示',
    keywords: ['挖掘城市道路', '行政许可', '双公示'],
    bodyHtml: `<p>明光某某燃气有限公司申请因中压燃气管道敷设工程挖掘城市道路，经审查符合《城市道路管理条例》第三十三条规定，准予许可。</p>
<ul><li>挖掘地点：体育路(振兴路至工农路段)人行道。</li><li>挖掘面积：约420平方米。</li><li>许可期限：30日。</li></ul>
<p>施工单位应当设置明显标志和安全防护设施，竣工后及时清理现场、恢复道路原状。</p>`,
    formedDaysAgo: 30,
    publishedDaysAgo: 27,
    targetChannels: ['WEBSITE', 'MINI_PROGRAM'],
  },
  {
    // late: 7 working days from the decision
    matterCode: 'MUNICIPAL_SERVICES.03.01',
    publisherKey: 'urban-management',
    title: '城市园林绿化行政许可结果公示(2026年第6期)',
    stage: 'RESULT',
    topic: '城乡建设',
    genre: '公示',
    keywords: ['园林绿化', '迁移树木', '行政许可'],
    bodyHtml: `<p>根据《城市绿化条例》和行政许可信息公示有关规定，现将2026年第6期城市园林绿化行政许可结果公示如下：</p>
<table><thead><tr><th>申请人</th><th>许可事项</th><th>许可结果</th></tr></thead>
<tbody><tr><td>明光市某某建设工程有限公司</td><td>迁移城市树木(香樟6株)</td><td>准予许可，异地补植</td></tr>
<tr><td>明光市某某物业服务有限公司</td><td>临时占用城市绿地(85㎡)</td><td>准予许可，期满恢复</td></tr></tbody></table>`,
    formedDaysAgo: 45,
    publishedDaysAgo: 14,
    targetChannels: ['WEBSITE'],
  },
  {
    matterCode: 'MUNICIPAL_SERVICES.04.01',
    publisherKey: 'urban-management',
    title: '关于嘉山路(部分路段)雨污管网改造施工期间交通组织的公告',
    stage: 'SERVICE',
    topic: '城乡建设',
    genre: '公告',
    keywords: ['雨污分流', '道路施工', '交通组织'],
    bodyHtml: `<p>为推进城区雨污分流改造，嘉山路(北大街至新华路段)将实施雨污管网改造施工，现将有关事项公告如下：</p>
<ul><li>施工时间：自公告发布之日起约45日。</li><li>施工期间该路段实行半幅通行，请过往车辆和行人绕行东风路、体育路。</li><li>沿线商户和居民出入通道保持畅通。</li></ul>
<p>由此带来的不便，敬请谅解。</p>`,
    formedDaysAgo: 2,
    publishedDaysAgo: 1,
    targetChannels: ['WEBSITE', 'MINI_PROGRAM', 'KIOSK', 'NEW_MEDIA'],
  },
  {
    // draft
    matterCode: 'MUNICIPAL_SERVICES.02.02',
    publisherKey: 'urban-management',
    title: '城镇污水排入排水管网许可证核发办事指南(2026年修订)',
    stage: 'SERVICE',
    topic: '城乡建设',
    genre: '办事指南',
    keywords: ['排水许可', '办事指南'],
    bodyHtml: `<h2>一、设定依据</h2>
<p>《城镇排水与污水处理条例》、《城镇污水排入排水管网许可管理办法》。</p>
<h2>二、申请材料</h2>
<ul><li>排水许可申请表。</li><li>排水户内部排水管网、专用检测井、污水排放口位置和口径的图纸及说明材料。</li><li>按规定建设污水预处理设施的有关材料。</li></ul>`,
    formedDaysAgo: 7,
    targetChannels: ['WEBSITE', 'MINI_PROGRAM'],
  },

  // ---- 公共资源交易 -----------------------------------------------------------------------
  {
    matterCode: 'PUBLIC_RESOURCE_TRADING.02.01',
    publisherKey: 'resource-trading',
    title: '明光市教育体育局2026年中小学教室照明改造采购项目公开招标公告',
    stage: 'EXECUTION',
    topic: '财政',
    genre: '公告',
    keywords: ['政府采购', '公开招标', '教室照明'],
    bodyHtml: `<h2>一、项目基本情况</h2>
<ul><li>项目编号：MGCG-2026-058。</li><li>预算金额：386万元；最高限价：386万元。</li><li>采购需求：全市32所中小学教室及黑板照明灯具更换。</li></ul>
<h2>二、供应商资格要求</h2>
<p>满足《中华人民共和国政府采购法》第二十二条规定；本项目专门面向中小企业采购。</p>
<h2>三、获取招标文件</h2>
<p>自本公告发布之日起5个工作日内，通过明光市公共资源交易平台免费下载。</p>
<h2>四、投标截止时间和开标时间</h2>
<p>自招标文件开始发出之日起20日后，具体时间以交易平台公布为准。</p>`,
    formedDaysAgo: 121,
    publishedDaysAgo: 120,
    targetChannels: ['WEBSITE', 'MINI_PROGRAM', 'NEW_MEDIA'],
  },
  {
    // late: 2 working days from the award
    matterCode: 'PUBLIC_RESOURCE_TRADING.02.02',
    publisherKey: 'resource-trading',
    title: '明光市教育体育局2026年中小学教室照明改造采购项目中标结果公告',
    stage: 'RESULT',
    topic: '财政',
    genre: '公告',
    keywords: ['中标结果', '政府采购', '教室照明'],
    bodyHtml: `<ul><li>项目编号：MGCG-2026-058。</li><li>中标供应商：安徽某某照明科技有限公司。</li><li>中标金额：358.62万元。</li></ul>
<p>主要标的：LED教室灯6400套、黑板灯1280套，单价及规格型号详见附件。</p>
<p>评审专家：孙某某(组长)、赵某某、钱某某、周某某、采购人代表吴某某。</p>
<p>本公告期限为1个工作日。</p>`,
    formedDaysAgo: 100,
    publishedDaysAgo: 85,
    targetChannels: ['WEBSITE', 'MINI_PROGRAM'],
  },
  {
    matterCode: 'PUBLIC_RESOURCE_TRADING.02.03',
    publisherKey: 'education',
    title: '明光市教育体育局2026年中小学教室照明改造采购项目政府采购合同公告',
    stage: 'RESULT',
    topic: '教育',
    genre: '公告',
    keywords: ['政府采购合同', '合同公告'],
    bodyHtml: `<ul><li>合同编号：MGJT-2026-HT-019。</li><li>采购人：明光市教育体育局。</li><li>供应商：安徽某某照明科技有限公司。</li><li>合同金额：358.62万元。</li></ul>
<p>合同签订日期见合同文本，合同文本(已删除商业秘密内容)附后。</p>`,
    formedDaysAgo: 84,
    publishedDaysAgo: 82,
    targetChannels: ['WEBSITE'],
  },
  {
    matterCode: 'PUBLIC_RESOURCE_TRADING.01.03',
    publisherKey: 'resource-trading',
    title: '明光市三界镇2026年高标准农田建设项目(施工)招标公告',
    stage: 'EXECUTION',
    topic: '综合政务',
    genre: '公告',
    keywords: ['招标公告', '高标准农田', '工程建设'],
    bodyHtml: `<h2>一、招标条件</h2>
<p>本项目已由明光市农业农村局批准建设，资金来源为财政资金，招标人为明光市三界镇人民政府。</p>
<h2>二、项目概况与招标范围</h2>
<p>建设规模约1.5万亩，主要建设内容包括土地平整、灌溉与排水、田间道路等，共划分1个标段。</p>
<h2>三、投标人资格要求</h2>
<p>具备水利水电工程施工总承包三级及以上资质，并在人员、设备、资金等方面具有相应的施工能力。</p>
<h2>四、招标文件的获取和投标文件的递交</h2>
<p>通过明光市公共资源交易平台获取招标文件；投标截止时间和开标时间以平台公布为准。</p>`,
    formedDaysAgo: 62,
    publishedDaysAgo: 61,
    targetChannels: ['WEBSITE', 'MINI_PROGRAM', 'NEW_MEDIA'],
  },
  {
    matterCode: 'PUBLIC_RESOURCE_TRADING.01.04',
    publisherKey: 'resource-trading',
    title: '明光市三界镇2026年高标准农田建设项目(施工)中标候选人公示',
    stage: 'RESULT',
    topic: '综合政务',
    genre: '公示',
    keywords: ['中标候选人', '评标结果', '高标准农田'],
    bodyHtml: `<table><thead><tr><th>排序</th><th>中标候选人</th><th>投标报价(万元)</th></tr></thead>
<tbody><tr><td>第一</td><td>安徽某某水利建设有限公司</td><td>1986.43</td></tr>
<tr><td>第二</td><td>滁州某某建设工程有限公司</td><td>2011.70</td></tr>
<tr><td>第三</td><td>明光某某建筑安装有限公司</td><td>2035.18</td></tr></tbody></table>
<p>被否决投标情况：1家投标人因投标保证金不符合招标文件要求被否决。</p>
<p>公示期3日。投标人或者其他利害关系人对评标结果有异议的，应当在公示期间向招标人提出。</p>`,
    formedDaysAgo: 36,
    publishedDaysAgo: 35,
    targetChannels: ['WEBSITE', 'MINI_PROGRAM'],
  },
  {
    // draft
    matterCode: 'PUBLIC_RESOURCE_TRADING.01.02',
    publisherKey: 'resource-trading',
    title: '明光市城区污水管网提质增效工程(二期)施工资格预审公告',
    stage: 'EXECUTION',
    topic: '城乡建设',
    genre: '公告',
    keywords: ['资格预审', '污水管网'],
    bodyHtml: `<h2>一、项目概况</h2>
<p>新建及改造污水管网约18公里，招标人为明光市城市管理局。</p>
<h2>二、申请人资格要求</h2>
<p>具备市政公用工程施工总承包二级及以上资质(其余条件待招标人确认)。</p>`,
    formedDaysAgo: 3,
    targetChannels: ['WEBSITE', 'MINI_PROGRAM'],
  },
  {
    // draft
    matterCode: 'PUBLIC_RESOURCE_TRADING.03.01',
    publisherKey: 'natural-resources',
    title: '明光市国有建设用地使用权挂牌出让成交结果公示(明光2026-15号地块)',
    stage: 'RESULT',
    topic: '国土资源',
    genre: '公示',
    keywords: ['土地出让', '挂牌', '成交结果'],
    bodyHtml: `<table><thead><tr><th>地块编号</th><th>面积(㎡)</th><th>用途</th><th>成交价(万元)</th><th>竞得人</th></tr></thead>
<tbody><tr><td>明光2026-15号</td><td>26850</td><td>工业用地</td><td>待填</td><td>待填</td></tr></tbody></table>
<p>本次出让以挂牌方式进行，成交时间待挂牌活动结束后填写。</p>`,
    formedDaysAgo: 2,
    targetChannels: ['WEBSITE'],
  },

  // ---- 义务教育 ---------------------------------------------------------------------------
  {
    matterCode: 'COMPULSORY_EDUCATION.01.01',
    publisherKey: 'education',
    title: '明光市2026年义务教育阶段学校招生入学工作实施方案',
    docNo: '明教体〔2026〕28号',
    stage: 'DECISION',
    topic: '教育',
    genre: '通知',
    keywords: ['招生入学', '随迁子女', '免试就近入学'],
    bodyHtml: `<p>为做好2026年义务教育阶段学校招生入学工作，根据《中华人民共和国义务教育法》和省、滁州市有关要求，制定本方案。</p>
<h2>一、基本原则</h2>
<p>坚持免试就近入学，公办民办学校同步招生，严禁以任何形式的考试、测评选拔学生。</p>
<h2>二、随迁子女入学</h2>
<p>进城务工人员随迁子女以居住证为主要依据，由教育体育局统筹安排在公办学校就读。</p>
<h2>三、工作日程</h2>
<ol><li>6月下旬：线上报名。</li><li>7月上旬：资格审核。</li><li>7月中旬：公布录取结果。</li></ol>`,
    formedDaysAgo: 190,
    publishedDaysAgo: 185,
    targetChannels: ['WEBSITE', 'MINI_PROGRAM', 'KIOSK', 'NEW_MEDIA'],
  },
  {
    matterCode: 'COMPULSORY_EDUCATION.01.02',
    publisherKey: 'education',
    title: '明光市2026年城区义务教育学校招生范围(学区划分)公告',
    stage: 'DECISION',
    topic: '教育',
    genre: '公告',
    keywords: ['招生范围', '学区划分', '城区学校'],
    bodyHtml: `<p>根据城区适龄儿童少年分布和学校办学规模，现将2026年城区义务教育学校招生范围公告如下：</p>
<table><thead><tr><th>学校</th><th>招生范围</th></tr></thead>
<tbody><tr><td>明光市第一小学</td><td>解放社区全域；新华社区嘉山路以北区域</td></tr>
<tr><td>明光市第二小学</td><td>新华社区嘉山路以南区域</td></tr>
<tr><td>明光市第二中学</td><td>明光市第一小学、第二小学对口升学</td></tr></tbody></table>
<p>学区划分详细情况(含街巷门牌号)见附件。</p>`,
    formedDaysAgo: 178,
    publishedDaysAgo: 175,
    targetChannels: ['WEBSITE', 'MINI_PROGRAM', 'KIOSK', 'NEW_MEDIA'],
  },
  {
    matterCode: 'COMPULSORY_EDUCATION.02.01',
    publisherKey: 'education',
    title: '明光市2026年秋季学期义务教育"两免一补"政策告知书',
    stage: 'SERVICE',
    topic: '教育',
    genre: '通知',
    keywords: ['两免一补', '学生资助', '家庭经济困难寄宿生'],
    bodyHtml: `<p>尊敬的家长朋友：</p>
<p>根据国家义务教育经费保障机制有关规定，我市义务教育阶段学生享受以下资助政策：</p>
<ul><li>免除学杂费。</li><li>免费提供国家规定课程教科书。</li><li>补助家庭经济困难寄宿生生活费：小学每生每年1000元，初中每生每年1250元。</li></ul>
<p>符合条件的家庭经济困难寄宿生，由家长向学校提出申请，经学校评议公示后享受补助。</p>`,
    formedDaysAgo: 90,
    publishedDaysAgo: 86,
    targetChannels: ['WEBSITE', 'MINI_PROGRAM', 'NEW_MEDIA'],
  },
  {
    // late: 3 working days
    matterCode: 'COMPULSORY_EDUCATION.03.01',
    publisherKey: 'education',
    title: '2026年度明光市中小学教师中级职称评审结果公示',
    stage: 'RESULT',
    topic: '教育',
    genre: '公示',
    keywords: ['职称评审', '中小学教师', '一级教师'],
    bodyHtml: `<p>经明光市中小学教师中级职称评审委员会评审，以下人员通过一级教师资格评审，现予公示：</p>
<table><thead><tr><th>序号</th><th>姓名</th><th>工作单位</th><th>评审资格</th></tr></thead>
<tbody><tr><td>1</td><td>黄某某</td><td>明光市第一小学</td><td>一级教师</td></tr>
<tr><td>2</td><td>林某某</td><td>张八岭镇中心学校</td><td>一级教师</td></tr>
<tr><td>3</td><td>高某某</td><td>潘村镇初级中学</td><td>一级教师</td></tr></tbody></table>
<p>公示时间不少于7个工作日。如有异议，请以书面形式向市教育体育局人事股实名反映。</p>`,
    formedDaysAgo: 32,
    publishedDaysAgo: 20,
    targetChannels: ['WEBSITE', 'MINI_PROGRAM'],
  },
  {
    matterCode: 'COMPULSORY_EDUCATION.04.01',
    publisherKey: 'pancun',
    title: '潘村镇2026年春季学期控辍保学工作情况通报',
    stage: 'EXECUTION',
    topic: '教育',
    genre: '通报',
    keywords: ['控辍保学', '劝返复学', '潘村镇'],
    bodyHtml: `<p>2026年春季学期，潘村镇严格落实控辍保学"双线四级"责任制，现将工作情况通报如下：</p>
<ul><li>全镇义务教育阶段适龄儿童少年入学率100%。</li><li>排查疑似辍学学生2人，已全部劝返复学。</li><li>为残疾儿童少年提供送教上门服务3人。</li></ul>
<p>各村要持续做好动态监测，发现辍学情况及时报告镇人民政府和学校。</p>`,
    formedDaysAgo: 236,
    publishedDaysAgo: 230,
    targetChannels: ['WEBSITE', 'KIOSK'],
  },
  {
    // draft
    matterCode: 'COMPULSORY_EDUCATION.03.02',
    publisherKey: 'education',
    title: '明光市2026年公开招聘中小学新任教师拟聘用人员名单公示',
    stage: 'RESULT',
    topic: '教育',
    genre: '公示',
    keywords: ['教师招聘', '拟聘用'],
    bodyHtml: `<p>根据明光市2026年公开招聘中小学新任教师公告，经笔试、面试、体检和考察，现将拟聘用人员名单公示如下：</p>
<p>拟聘用人员共58名，名单附后(待考察结果汇总后补充)。</p>
<p>公示期7个工作日。</p>`,
    formedDaysAgo: 6,
    targetChannels: ['WEBSITE', 'MINI_PROGRAM'],
  },
  {
    // draft
    matterCode: 'COMPULSORY_EDUCATION.04.01',
    publisherKey: 'pancun',
    title: '潘村镇2026年秋季学期控辍保学工作情况通报',
    stage: 'EXECUTION',
    topic: '教育',
    genre: '通报',
    keywords: ['控辍保学', '潘村镇'],
    bodyHtml: `<p>2026年秋季学期开学以来，潘村镇持续开展控辍保学动态监测，现将工作情况通报如下：</p>
<ul><li>适龄儿童少年入学情况：待学校报送数据后填写。</li><li>劝返复学情况：待核实。</li></ul>`,
    formedDaysAgo: 9,
    targetChannels: ['WEBSITE', 'KIOSK'],
  },
];
