// A submitter's personal data: how it is checked on the way in and masked on the way out.
// Staff of the handling unit see it masked (138****5678) unless they ask for it explicitly,
// which is audited (concern.service.ts).
import { checkedInput, InputError } from '../../errors.js';
import type { RequesterType } from '../../generated/prisma/enums.js';
import { textField } from '../../validation.js';

export interface SubmitterInput {
  name?: string | null;
  phone?: string | null;
  email?: string | null;
  address?: string | null;
  requesterType?: RequesterType | null;
}

export interface Submitter {
  name: string;
  phone: string | null;
  email: string | null;
  address: string | null;
  requesterType: RequesterType;
  /** 身份证明 of a disclosure requester (requests/identity-documents.ts). */
  idDocumentType?: string | null;
  idDocumentNo?: string | null;
}

const PHONE = /^(\+?86[- ]?)?(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;
const EMAIL = /^[^\s@<>()"']{1,64}@[A-Za-z0-9.-]{1,190}\.[A-Za-z]{2,24}$/;

/** The contact data of a submission: a name and a phone number or an e-mail address to answer to. `field`: the input that holds it. */
export function validatedSubmitter(input: SubmitterInput | null | undefined, field = 'contact'): Submitter {
  return checkedInput((p) => {
    const name = p.check(() => textField(`${field}.name`, input?.name, 100, true)!);
    const phone = p.check(() => textField(`${field}.phone`, input?.phone, 40));
    const email = p.check(() => textField(`${field}.email`, input?.email, 200));
    const address = p.check(() => textField(`${field}.address`, input?.address, 300));
    p.check(() => {
      // undefined: that field failed already (and says so).
      if (phone === null && email === null) throw new InputError(field, '请留下电话或邮箱 — give a phone number or an e-mail address to answer to.');
      if (phone && !PHONE.test(phone.replace(/\s/g, ''))) throw new InputError(`${field}.phone`, '电话号码格式不正确 — not a mainland mobile or landline number.');
    });
    p.check(() => {
      if (email && !EMAIL.test(email)) throw new InputError(`${field}.email`, '邮箱格式不正确 — not an e-mail address.');
    });
    return { name, phone: phone?.replace(/\s/g, '') ?? null, email, address, requesterType: input?.requesterType ?? 'NATURAL_PERSON' };
  });
}

/** 张三 → 张*, 欧阳小明 → 欧***; a single character stays as it is. */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? name : chars[0] + '*'.repeat(chars.length - 1);
}

/** 13812345678 → 138****5678; a landline keeps its first 3 and last 2 digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length >= 11) return `${digits.slice(-11, -8)}****${digits.slice(-4)}`;
  return digits.length > 5 ? `${digits.slice(0, 3)}${'*'.repeat(digits.length - 5)}${digits.slice(-2)}` : '*'.repeat(digits.length);
}

/** zhang.san@example.cn → z***@example.cn */
export function maskEmail(email: string): string {
  const [local, domain] = email.split('@');
  return `${local!.slice(0, 1)}***@${domain}`;
}

/**
 * An identity document number: an 18-character one keeps its first 4 (the area) and last 4
 * (1101**********1234), a shorter one (a passport) only its last 2.
 */
export function maskIdDocumentNo(no: string): string {
  if (no.length >= 15) return `${no.slice(0, 4)}${'*'.repeat(no.length - 8)}${no.slice(-4)}`;
  return no.length > 4 ? `${'*'.repeat(no.length - 2)}${no.slice(-2)}` : '*'.repeat(no.length);
}

/** An address keeps its first 6 characters (the district), the rest is hidden. */
export function maskAddress(address: string): string {
  const chars = [...address];
  return chars.length <= 6 ? '*'.repeat(chars.length) : chars.slice(0, 6).join('') + '*'.repeat(Math.min(chars.length - 6, 10));
}

export function masked(s: Submitter): Submitter {
  return {
    name: maskName(s.name),
    phone: s.phone ? maskPhone(s.phone) : null,
    email: s.email ? maskEmail(s.email) : null,
    address: s.address ? maskAddress(s.address) : null,
    requesterType: s.requesterType,
    idDocumentType: s.idDocumentType ?? null,
    idDocumentNo: s.idDocumentNo ? maskIdDocumentNo(s.idDocumentNo) : null,
  };
}
