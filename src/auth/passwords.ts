// Password hashing with argon2id at OWASP's parameters (m=19 MiB, t=2, p=1). Hashes are PHC
// strings, so the parameters travel with each hash and outdated ones are re-hashed at login.
import { hash, verify } from '@node-rs/argon2';

/** Algorithm.Argon2id of @node-rs/argon2 (a const enum, which isolated modules cannot import). */
const ARGON2ID = 2;

export const PASSWORD_PARAMS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
export const PASSWORD_MIN_LENGTH = 12;
/** Caps the work an attacker can make argon2 do with one request. */
export const PASSWORD_MAX_LENGTH = 128;

export class PasswordPolicyError extends Error {
  override name = 'PasswordPolicyError';
}

/** Throws PasswordPolicyError with a message fit for the user. */
export function checkPasswordPolicy(password: string, username?: string): void {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) throw new PasswordPolicyError(`密码至少${PASSWORD_MIN_LENGTH}个字符 — the password must have at least ${PASSWORD_MIN_LENGTH} characters.`);
  if (length > PASSWORD_MAX_LENGTH) throw new PasswordPolicyError(`密码最多${PASSWORD_MAX_LENGTH}个字符 — the password must have at most ${PASSWORD_MAX_LENGTH} characters.`);
  if (username && password.toLowerCase().includes(username.toLowerCase())) {
    throw new PasswordPolicyError('密码不能包含用户名 — the password must not contain the username.');
  }
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID, ...PASSWORD_PARAMS });
}

export async function verifyPassword(phc: string, password: string): Promise<boolean> {
  if (password.length > PASSWORD_MAX_LENGTH * 4) return false;
  try {
    return await verify(phc, password);
  } catch {
    return false;
  }
}

/** True when `phc` was made with other parameters (or another algorithm) than the current ones. */
export function needsRehash(phc: string): boolean {
  const m = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(phc);
  return !m || Number(m[1]) !== PASSWORD_PARAMS.memoryCost || Number(m[2]) !== PASSWORD_PARAMS.timeCost || Number(m[3]) !== PASSWORD_PARAMS.parallelism;
}

let dummy: Promise<string> | undefined;
/** A real hash to verify against when the user does not exist, so both paths take as long. */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword('gongkai-timing-equaliser-not-a-password');
  return dummy;
}
