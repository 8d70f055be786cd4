// 身份证明 of a disclosure requester (条例 第29条: 申请人的姓名或者名称、身份证明、联系方式).
// Numbers with a check digit are verified here, so a typo is caught at the counter rather than
// when the answer is posted; the number is personal data and is shown masked to staff.
import { checkedInput, InputError } from '../../errors.js';
import type { RequesterType } from '../../generated/prisma/enums.js';
import { textField } from '../../validation.js';

export const ID_DOCUMENT_TYPES = ['RESIDENT_ID', 'PASSPORT', 'HK_MACAO_TAIWAN_PERMIT', 'CREDIT_CODE', 'OTHER'] as const;
export type IdDocumentType = (typeof ID_DOCUMENT_TYPES)[number];

const RESIDENT_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** The check character of a 居民身份证号码 (GB 11643-1999, ISO 7064 MOD 11-2) for its first 17 digits. */
export function residentIdCheckChar(body: string): string {
  const sum = [...body].reduce((acc, c, i) => acc + Number(c) * RESIDENT_ID_WEIGHTS[i]!, 0);
  return '10X98765432'[sum % 11]!;
}

/** 居民身份证号码: 18 characters, a real birth date, the check character. */
export function validResidentId(no: string): boolean {
  if (!/^\d{17}[\dX]$/.test(no)) return false;
  const birth = new Date(`${no.slice(6, 10)}-${no.slice(10, 12)}-${no.slice(12, 14)}T00:00:00Z`);
  if (Number.isNaN(birth.getTime()) || birth.toISOString().slice(0, 10).replaceAll('-', '') !== no.slice(6, 14)) return false;
  if (birth.getUTCFullYear() < 1900 || birth.getTime() > Date.now()) return false;
  return residentIdCheckChar(no.slice(0, 17)) === no[17];
}

export const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character of a 统一社会信用代码 (GB 32100-2015, MOD 31) for its first 17 characters. */
export function creditCodeCheckChar(body: string): string {
  const sum = [...body].reduce((acc, c, i) => acc + CREDIT_CHARS.indexOf(c) * CREDIT_WEIGHTS[i]!, 0);
  return CREDIT_CHARS[(31 - (sum % 31)) % 31]!;
}

/** 统一社会信用代码: 18 characters of its alphabet, the check character. */
export function validCreditCode(code: string): boolean {
  if (code.length !== 18 || [...code].some((c) => !CREDIT_CHARS.includes(c))) return false;
  return creditCodeCheckChar(code.slice(0, 17)) === code[17];
}

/** The document a requester of `requesterType` identifies with, checked; the number normalised to upper case. */
export function validatedIdDocument(requesterType: RequesterType, type: IdDocumentType, rawNo: string, field = 'requester'): { idDocumentType: IdDocumentType; idDocumentNo: string } {
  const typeField = `${field}.idDocumentType`;
  const noField = `${field}.idDocumentNo`;
  return checkedInput((p) => {
    const no = p.check(() => textField(noField, rawNo, 64, true)!.replace(/\s/g, '').toUpperCase());
    const person = requesterType === 'NATURAL_PERSON';
    const typeFits = p.check(() => {
      if (person && type === 'CREDIT_CODE') throw new InputError(typeField, '自然人请提供身份证件 — a natural person identifies with an identity document, not a credit code.');
      if (!person && type !== 'CREDIT_CODE' && type !== 'OTHER') throw new InputError(typeField, '法人或其他组织请提供统一社会信用代码 — an organisation identifies with its unified social credit code.');
      return true;
    });
    if (no !== undefined && typeFits) {
      p.check(() => {
        if (type === 'RESIDENT_ID' && !validResidentId(no)) throw new InputError(noField, '身份证号码不正确 — not a valid resident identity card number (check digit or birth date).');
        if (type === 'CREDIT_CODE' && !validCreditCode(no)) throw new InputError(noField, '统一社会信用代码不正确 — not a valid unified social credit code.');
      });
    }
    return { idDocumentType: type, idDocumentNo: no };
  });
}
