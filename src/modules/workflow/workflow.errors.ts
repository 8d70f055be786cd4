import { AppError } from '../../errors.js';
import type { ReleaseStatus } from '../../generated/prisma/enums.js';
import type { EditorialKind, ReleaseAction } from './state-machine.js';

const NOUN: Record<EditorialKind, string> = { Release: 'release', Interpretation: 'interpretation', Response: 'response' };

/** Someone saved a newer version first; reload `currentVersion` and redo the edit. */
export class VersionConflictError extends AppError {
  readonly code = 'VERSION_CONFLICT';
  constructor(
    readonly expectedVersion: number,
    readonly currentVersion: number,
  ) {
    super(`版本冲突：当前为第${currentVersion}版 — it was saved meanwhile; current version is ${currentVersion}, not ${expectedVersion}.`);
  }
}

/**
 * The state machine (reason STATE), the caller's role (reason ROLE) or the four-eyes rule
 * (reason FOUR_EYES: the caller created, last edited or submitted the release) does not allow it.
 */
export class InvalidTransitionError extends AppError {
  readonly code = 'INVALID_TRANSITION';
  constructor(
    readonly action: ReleaseAction,
    readonly currentStatus: ReleaseStatus,
    readonly reason: 'STATE' | 'ROLE' | 'FOUR_EYES',
    kind: EditorialKind = 'Release',
  ) {
    const noun = NOUN[kind];
    super(
      reason === 'STATE'
        ? `状态不允许：当前为${currentStatus} — cannot ${action.toLowerCase()} a ${noun} that is ${currentStatus}.`
        : reason === 'ROLE'
          ? `角色不允许：当前为${currentStatus} — your role may not ${action.toLowerCase()} this ${noun} (it is ${currentStatus}).`
          : `须由他人审核 — you created, last edited or submitted this ${noun}: another reviewer must approve it.`,
    );
  }
}

/** The idempotency key was used before with a different input. */
export class IdempotencyKeyReusedError extends AppError {
  readonly code = 'IDEMPOTENCY_KEY_REUSED';
  constructor() {
    super('幂等键已用于不同的请求 — this idempotency key was already used with a different input.');
  }
}
