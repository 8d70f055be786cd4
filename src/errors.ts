// Expected failures of mutations. Services throw these plain classes; src/graphql/error-types.ts
// exposes them as typed members of each mutation's result union. Anything else stays an error.

export abstract class AppError extends Error {
  abstract readonly code: string;
}

/** Unknown id, or an object the caller may not touch: the two answer identically. */
export class NotFoundError extends AppError {
  readonly code = 'NOT_FOUND';
  constructor(readonly what: string) {
    super(`找不到对象 — no such ${what}.`);
  }
}

/** An input value that breaks a rule; `field` names the input field. */
export class InputError extends AppError {
  readonly code = 'INVALID_INPUT';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** A unique value (username, org code …) that is taken. */
export class AlreadyExistsError extends AppError {
  readonly code = 'ALREADY_EXISTS';
  constructor(readonly field: string) {
    super(`已存在 — this ${field} is already taken.`);
  }
}
