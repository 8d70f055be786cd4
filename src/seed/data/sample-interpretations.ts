// Seed data: sample 政策解读 of the sample policies (sample-releases.ts). One was published on
// time, one late (a day past its deadline); the 防止返贫 notice published
// yesterday has none yet, so it shows in missingInterpretations. Invented for demonstration.
import type { InterpretationForm } from '../../generated/prisma/enums.js';

export interface SeedInterpretation {
  /** Title of the sample policy it interprets. */
  policyTitle: string;
  title: string;
  form: InterpretationForm;
  interpreterName: string;
  bodyHtml: string;
  /** On time: the day after its policy; late: a day after its deadline (whatever holidays lie between). */
  timing: 'ON_TIME' | 'LATE';
}

export const sampleInterpretations: SeedInterpretation[] = [
  {
    policyTitle: '明光市住房和城乡建设局关于印发《明光市公共租赁住房保障管理实施细则》的通知',
    title: '一图读懂《明光市公共租赁住房保障管理实施细则》',
    form: 'QA',
    interpreterName: '市住建局住房保障股负责人',
    bodyHtml: `<h2>问：哪些家庭可以申请公共租赁住房？</h2>
<p>答：具有本市城镇户籍的中等偏下收入住房困难家庭、新就业无房职工和在本市稳定就业的外来务工人员。</p>
<h2>问：租金标准如何确定？</h2>
<p>答：按同地段市场租金的70%左右确定，并实行动态调整。</p>`,
    timing: 'ON_TIME',
  },
  {
    policyTitle: '明光市住房和城乡建设局关于印发《明光市2026年农村低收入群体等重点对象住房安全保障工作实施方案》的通知',
    title: '《明光市2026年农村低收入群体等重点对象住房安全保障工作实施方案》解读',
    form: 'TEXT',
    interpreterName: '市住建局村镇建设股负责人',
    bodyHtml: `<h2>一、制定背景</h2>
<p>为巩固拓展脱贫攻坚成果，保障农村低收入群体等重点对象住房安全，结合我市实际制定本方案。</p>
<h2>二、补助标准</h2>
<p>D级危房拆除重建每户补助不超过3.5万元，C级危房加固改造每户补助不超过1.5万元。</p>`,
    timing: 'LATE',
  },
];
