// 统一社会信用代码 (GB 32100-2015) with its embedded 组织机构代码 (GB 11714-1997), used as the
// org codes of the seeded county, so the 索引号 look like those on real county sites.

const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

function orgCharValue(c: string): number {
  return /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55;
}

/** The 9-character 组织机构代码 for an 8-character body. */
export function organizationCode(body: string): string {
  if (!/^[0-9A-Z]{8}$/.test(body)) throw new Error(`organizationCode: body must be 8 characters 0-9A-Z, got '${body}'`);
  const sum = [...body].reduce((acc, c, i) => acc + orgCharValue(c) * ORG_CODE_WEIGHTS[i]!, 0);
  const check = 11 - (sum % 11);
  return body + (check === 10 ? 'X' : check === 11 ? '0' : String(check));
}

/**
 * The 18-character 统一社会信用代码.
 * @param areaCode 6-digit 行政区划代码, e.g. 341182 (明光市)
 * @param orgBody 8-character body of the 组织机构代码
 * @param registration registration authority + kind: 11 = 机构编制/机关, 54 = 村(居)民委员会
 */
export function creditCode(areaCode: string, orgBody: string, registration: '11' | '12' | '54' = '11'): string {
  const base = `${registration}${areaCode}${organizationCode(orgBody)}`;
  const sum = [...base].reduce((acc, c, i) => acc + CREDIT_CHARS.indexOf(c) * CREDIT_WEIGHTS[i]!, 0);
  const check = (31 - (sum % 31)) % 31;
  return base + CREDIT_CHARS[check];
}
