// 统一社会信用代码 (GB 32100-2015) with its embedded 组织机构代码 (GB 11714-1997), used as the
// org codes of the seeded county, so the 索引号 look like those on real county sites; and the
// 居民身份证号码 (GB 11643-1999) of the fictitious requesters of the sample disclosure requests.

import { creditCodeCheckChar, residentIdCheckChar } from '../modules/requests/identity-documents.js';

export type CreditRegistration = '11' | '12' | '31' | '52' | '54' | '91' | '93';

const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

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
 * @param registration registration authority + kind: 11 = 机构编制/机关, 12 = 事业单位, 31 = 律师事务所
 *   (司法行政), 52 = 民办非企业单位 (民政), 54 = 村(居)民委员会, 91 = 企业 (市场监管), 93 = 农民专业合作社
 */
export function creditCode(areaCode: string, orgBody: string, registration: CreditRegistration = '11'): string {
  const base = `${registration}${areaCode}${organizationCode(orgBody)}`;
  return base + creditCodeCheckChar(base);
}

/**
 * An 18-digit 居民身份证号码 (GB 11643-1999) with its ISO 7064 MOD 11-2 check digit, for fictitious
 * seeded requesters: area + birth date (YYYYMMDD) + a 3-digit sequence (odd for men, even for women).
 */
export function residentIdNumber(areaCode: string, birthDate: string, sequence: number): string {
  const base = `${areaCode}${birthDate}${String(sequence).padStart(3, '0')}`;
  if (!/^\d{17}$/.test(base)) throw new Error(`residentIdNumber: '${base}' is not 6 + 8 + 3 digits`);
  return base + residentIdCheckChar(base);
}
