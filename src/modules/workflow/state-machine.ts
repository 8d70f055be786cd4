// The editorial lifecycle of everything published — releases, interpretations (解读) and
// responses (回应) — as one explicit state machine. Every workflow mutation asks it first;
// nothing else decides which transitions exist or which roles may make them.
//
//   DRAFT ──submit──► IN_REVIEW ──approve──► APPROVED ──publish──► PUBLISHED ──withdraw──► WITHDRAWN
//     ▲                   │                     │  ▲                   │
//     └──────reject───────┴─────────reject──────┘  │                   └──repeal (废止)──► REPEALED
//                                        schedule ─┴─► SCHEDULED ─(job at publishAt)─► PUBLISHED
//                                                       └─unschedule─► APPROVED
// Interpretations and responses take the same path without scheduling and repeal (an
// interpretation is published with or after its policy; an answer is not "in force").
import type { ReleaseStatus, Role } from '../../generated/prisma/enums.js';

/** The content types that go through the editorial workflow. */
export type EditorialKind = 'Release' | 'Interpretation' | 'Response';

export const ReleaseAction = {
  UPDATE: 'UPDATE',
  SUBMIT: 'SUBMIT',
  APPROVE: 'APPROVE',
  REJECT: 'REJECT',
  PUBLISH: 'PUBLISH',
  SCHEDULE: 'SCHEDULE',
  UNSCHEDULE: 'UNSCHEDULE',
  WITHDRAW: 'WITHDRAW',
  REPEAL: 'REPEAL',
  DELETE: 'DELETE',
  RESTORE: 'RESTORE',
} as const;
export type ReleaseAction = (typeof ReleaseAction)[keyof typeof ReleaseAction];

const WRITERS: Role[] = ['EDITOR', 'REVIEWER', 'ADMIN'];
const PUBLISHERS: Role[] = ['REVIEWER', 'ADMIN'];

interface Rule {
  from: ReleaseStatus[];
  /** The resulting state; undefined = unchanged (UPDATE, RESTORE) or gone (DELETE). */
  to?: ReleaseStatus;
  roles: Role[];
}

/** Per action, the rules in order; the first whose `from` holds the current state applies. */
const RULES: Record<ReleaseAction, Rule[]> = {
  UPDATE: [
    { from: ['DRAFT'], roles: WRITERS },
    // A correction of a published release goes live at once: publishers only.
    { from: ['PUBLISHED'], roles: PUBLISHERS },
  ],
  SUBMIT: [{ from: ['DRAFT'], to: 'IN_REVIEW', roles: WRITERS }],
  APPROVE: [{ from: ['IN_REVIEW'], to: 'APPROVED', roles: PUBLISHERS }],
  REJECT: [{ from: ['IN_REVIEW', 'APPROVED'], to: 'DRAFT', roles: PUBLISHERS }],
  PUBLISH: [{ from: ['APPROVED'], to: 'PUBLISHED', roles: PUBLISHERS }],
  SCHEDULE: [{ from: ['APPROVED'], to: 'SCHEDULED', roles: PUBLISHERS }],
  UNSCHEDULE: [{ from: ['SCHEDULED'], to: 'APPROVED', roles: PUBLISHERS }],
  WITHDRAW: [{ from: ['PUBLISHED'], to: 'WITHDRAWN', roles: PUBLISHERS }],
  REPEAL: [{ from: ['PUBLISHED'], to: 'REPEALED', roles: PUBLISHERS }],
  DELETE: [{ from: ['DRAFT'], roles: WRITERS }],
  // From a draft: its content is replaced; from anything public: a new draft release is made.
  RESTORE: [{ from: ['DRAFT', 'PUBLISHED', 'WITHDRAWN', 'REPEALED'], roles: WRITERS }],
};

/** Actions a kind of content does not have at all (in any state). */
const UNSUPPORTED: Record<EditorialKind, ReadonlySet<ReleaseAction>> = {
  Release: new Set(),
  Interpretation: new Set(['SCHEDULE', 'UNSCHEDULE', 'REPEAL', 'RESTORE']),
  Response: new Set(['SCHEDULE', 'UNSCHEDULE', 'REPEAL', 'RESTORE']),
};

export type TransitionCheck = { ok: true; to: ReleaseStatus | undefined } | { ok: false; reason: 'STATE' | 'ROLE' };

/**
 * Whether someone holding `roles` (on the owning unit's subtree) may apply `action` to content
 * of `kind` in `status`. A state that allows the action for other roles answers ROLE; an action
 * the kind does not have answers STATE.
 */
export function checkTransition(action: ReleaseAction, status: ReleaseStatus, roles: readonly Role[], kind: EditorialKind = 'Release'): TransitionCheck {
  if (UNSUPPORTED[kind].has(action)) return { ok: false, reason: 'STATE' };
  const rule = RULES[action].find((r) => r.from.includes(status));
  if (!rule) return { ok: false, reason: 'STATE' };
  if (!rule.roles.some((r) => roles.includes(r))) return { ok: false, reason: 'ROLE' };
  return { ok: true, to: rule.to };
}

/** Statuses published content is visible to the public in (body hidden when WITHDRAWN). */
export const PUBLIC_STATUSES: ReleaseStatus[] = ['PUBLISHED', 'WITHDRAWN', 'REPEALED'];
