import { AppError } from '../../errors.js';

/** The one message for an unknown user, a wrong password and a deactivated account. */
export class InvalidCredentialsError extends AppError {
  readonly code = 'INVALID_CREDENTIALS';
  constructor() {
    super('用户名或密码错误 — wrong username or password.');
  }
}

export class TooManyAttemptsError extends AppError {
  readonly code = 'TOO_MANY_ATTEMPTS';
  constructor(readonly retryAfterSeconds: number) {
    super(`尝试次数过多，请${retryAfterSeconds}秒后再试 — too many attempts; retry in ${retryAfterSeconds} s.`);
  }
}

/** What a throttled service step answers; the resolvers turn it into TooManyAttemptsError. */
export type Throttled = { kind: 'throttled'; retryAfterSeconds: number };

/** The outcome, or TooManyAttemptsError while a throttle holds. */
export function unlessThrottled<T extends { kind: string }>(outcome: T | Throttled): Exclude<T, Throttled> {
  if (outcome.kind === 'throttled') throw new TooManyAttemptsError((outcome as Throttled).retryAfterSeconds);
  return outcome as Exclude<T, Throttled>;
}

export class InvalidRefreshTokenError extends AppError {
  readonly code = 'INVALID_REFRESH_TOKEN';
  constructor() {
    super('登录已失效，请重新登录 — the session is no longer valid; sign in again.');
  }
}

export class InvalidSecondFactorError extends AppError {
  readonly code = 'INVALID_SECOND_FACTOR';
  constructor() {
    super('验证码错误或已使用 — the code is wrong, expired or already used.');
  }
}

export class LoginChallengeInvalidError extends AppError {
  readonly code = 'LOGIN_CHALLENGE_INVALID';
  constructor() {
    super('登录验证已失效，请重新登录 — the sign-in challenge is invalid or has expired; sign in again.');
  }
}
