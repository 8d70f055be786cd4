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

/** One bad field of an input: where, what kind of fault, and what to do. */
export interface InputProblem {
  /** The input field's path, e.g. `title`, `attachments[2].fileId`. */
  field: string;
  /** REQUIRED, TOO_LONG or INVALID. */
  code: 'REQUIRED' | 'TOO_LONG' | 'INVALID';
  message: string;
}

/** Input values that break rules: every bad field at once (`problems`); `field` and `message` tell the first, or sum them up. */
export class InputError extends AppError {
  readonly code = 'INVALID_INPUT';
  readonly problems: InputProblem[];
  constructor(
    readonly field: string,
    message: string,
    problems?: InputProblem[],
    problemCode: InputProblem['code'] = 'INVALID',
  ) {
    super(message);
    this.problems = problems ?? [{ field, code: problemCode, message }];
  }

  /** One error for every problem found (a single problem reads as if thrown alone). */
  static of(problems: InputProblem[]): InputError {
    const first = problems[0]!;
    if (problems.length === 1) return new InputError(first.field, first.message, problems);
    const fields = problems.map((p) => p.field).join(', ');
    return new InputError(first.field, `${problems.length} 处输入有误 — ${problems.length} fields are invalid: ${fields}.`, problems);
  }
}

/**
 * Collects the problems of an input so that a form learns every bad field in one answer:
 * `check` runs one field's validation (an InputError is noted, anything else thrown),
 * `throwIfAny` ends the validation.
 */
export class InputProblems {
  private readonly found: InputProblem[] = [];

  check<T>(validate: () => T): T {
    try {
      return validate();
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      this.found.push(...error.problems);
      // undefined, typed as T for the callers' sake: a failed value only tells dependent checks
      // to skip (`value !== undefined`); throwIfAny throws before anything else can use it.
      return undefined as T;
    }
  }

  /** `check` for a validation that awaits (a receiver URL's address lookup …). */
  async checkAsync<T>(validate: () => Promise<T>): Promise<T> {
    try {
      return await validate();
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      this.found.push(...error.problems);
      return undefined as T;
    }
  }

  throwIfAny(): void {
    if (this.found.length > 0) throw InputError.of(this.found);
  }
}

/** Runs `checks` (each field through `problems.check`) and throws one InputError for every field that failed. */
export function checkedInput<T>(checks: (problems: InputProblems) => T): T {
  const problems = new InputProblems();
  const value = checks(problems);
  problems.throwIfAny();
  return value;
}

/** A unique value (username, org code …) that is taken. */
export class AlreadyExistsError extends AppError {
  readonly code = 'ALREADY_EXISTS';
  constructor(readonly field: string) {
    super(`已存在 — this ${field} is already taken.`);
  }
}
