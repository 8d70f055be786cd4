// The pilot county's org tree (明光市, 行政区划代码 341182): the government, its office, the
// departments the pilot plan names for its 8 domains, and townships with villages.
// Codes are 统一社会信用代码 computed with valid check characters; `key` is how seed data
// refers to a unit (codes are data an administrator may correct later; keys are not).
import type { OrgUnitKind } from '../../generated/prisma/enums.js';
import { creditCode } from '../credit-code.js';

export interface SeedOrgUnit {
  key: string;
  name: string;
  shortName?: string;
  kind: OrgUnitKind;
  code: string;
  children?: SeedOrgUnit[];
}

const AREA = '341182';
const gov = (body: string) => creditCode(AREA, body, '11');
const village = (body: string) => creditCode(AREA, body, '54');

export const countyName = '明光市';

export const orgTree: SeedOrgUnit = {
  key: 'county',
  name: '明光市人民政府',
  shortName: '市政府',
  kind: 'COUNTY_GOVERNMENT',
  code: gov('00310001'),
  children: [
    { key: 'office', name: '明光市人民政府办公室', shortName: '市政府办(政务公开办)', kind: 'GOVERNMENT_OFFICE', code: gov('00310002') },
    { key: 'natural-resources', name: '明光市自然资源和规划局', shortName: '市自然资源和规划局', kind: 'DEPARTMENT', code: gov('00310011') },
    { key: 'housing', name: '明光市住房和城乡建设局', shortName: '市住建局', kind: 'DEPARTMENT', code: gov('00310012') },
    { key: 'housing-expropriation', name: '明光市国有土地上房屋征收与补偿管理办公室', shortName: '市房屋征收办', kind: 'DEPARTMENT', code: gov('00310013') },
    { key: 'rural-revitalization', name: '明光市乡村振兴局', shortName: '市乡村振兴局(扶贫办)', kind: 'DEPARTMENT', code: gov('00310014') },
    { key: 'civil-affairs', name: '明光市民政局', shortName: '市民政局', kind: 'DEPARTMENT', code: gov('00310015') },
    { key: 'emergency', name: '明光市应急管理局', shortName: '市应急局', kind: 'DEPARTMENT', code: gov('00310016') },
    { key: 'urban-management', name: '明光市城市管理局', shortName: '市城管局', kind: 'DEPARTMENT', code: gov('00310017') },
    { key: 'resource-trading', name: '明光市公共资源交易中心', shortName: '市公共资源交易中心', kind: 'DEPARTMENT', code: gov('00310018') },
    { key: 'finance', name: '明光市财政局', shortName: '市财政局', kind: 'DEPARTMENT', code: gov('00310019') },
    { key: 'education', name: '明光市教育体育局', shortName: '市教体局', kind: 'DEPARTMENT', code: gov('00310020') },
    {
      key: 'mingguang-subdistrict',
      name: '明光市明光街道办事处',
      shortName: '明光街道',
      kind: 'SUBDISTRICT',
      code: gov('00310101'),
      children: [
        { key: 'mingguang-jiefang', name: '明光街道解放社区居民委员会', shortName: '解放社区', kind: 'COMMUNITY', code: village('00310111') },
        { key: 'mingguang-xinhua', name: '明光街道新华社区居民委员会', shortName: '新华社区', kind: 'COMMUNITY', code: village('00310112') },
      ],
    },
    {
      key: 'zhangbaling',
      name: '明光市张八岭镇人民政府',
      shortName: '张八岭镇',
      kind: 'TOWNSHIP',
      code: gov('00310102'),
      children: [
        { key: 'zhangbaling-lingnan', name: '张八岭镇岭南村村民委员会', shortName: '岭南村', kind: 'VILLAGE', code: village('00310121') },
        { key: 'zhangbaling-shabao', name: '张八岭镇沙坝村村民委员会', shortName: '沙坝村', kind: 'VILLAGE', code: village('00310122') },
        { key: 'zhangbaling-dongshan', name: '张八岭镇东山村村民委员会', shortName: '东山村', kind: 'VILLAGE', code: village('00310123') },
      ],
    },
    {
      key: 'sanjie',
      name: '明光市三界镇人民政府',
      shortName: '三界镇',
      kind: 'TOWNSHIP',
      code: gov('00310103'),
      children: [
        { key: 'sanjie-sanjie', name: '三界镇三界村村民委员会', shortName: '三界村', kind: 'VILLAGE', code: village('00310131') },
        { key: 'sanjie-xinhe', name: '三界镇新河村村民委员会', shortName: '新河村', kind: 'VILLAGE', code: village('00310132') },
      ],
    },
    {
      key: 'nushanhu',
      name: '明光市女山湖镇人民政府',
      shortName: '女山湖镇',
      kind: 'TOWNSHIP',
      code: gov('00310104'),
      children: [
        { key: 'nushanhu-nushan', name: '女山湖镇女山村村民委员会', shortName: '女山村', kind: 'VILLAGE', code: village('00310141') },
        { key: 'nushanhu-huxin', name: '女山湖镇湖心村村民委员会', shortName: '湖心村', kind: 'VILLAGE', code: village('00310142') },
      ],
    },
    {
      key: 'pancun',
      name: '明光市潘村镇人民政府',
      shortName: '潘村镇',
      kind: 'TOWNSHIP',
      code: gov('00310105'),
      children: [
        { key: 'pancun-pancun', name: '潘村镇潘村村民委员会', shortName: '潘村', kind: 'VILLAGE', code: village('00310151') },
        { key: 'pancun-hupan', name: '潘村镇湖畔村村民委员会', shortName: '湖畔村', kind: 'VILLAGE', code: village('00310152') },
      ],
    },
  ],
};
