// graphql-shield rules. Each rule checks one thing about the caller and is synchronous and cheap;
// 'contextual' caching is safe for those that look at neither parent nor args. Row-level decisions are
// not made here but by the row filters (*.permissions.ts) and item checks in services.
import { rule } from './shield-loader.js';
import type { Context } from '../context.js';
import { hasRole } from './scope.js';

/** Anyone, including anonymous callers and channels: public reference data, published content. */
export const isAnyone = rule('isAnyone', { cache: 'contextual' })(() => true);

/**
 * Anyone but a draft preview token: the public mutations (sign-in, submitting a concern). A
 * preview token reads one release and runs nothing.
 */
export const isNotPreview = rule('isNotPreview', { cache: 'contextual' })((_p, _a, ctx: Context) => ctx.viewer.kind !== 'preview');

/** A signed-in staff user (any role, or none). */
export const isStaffUser = rule('isStaffUser', { cache: 'contextual' })((_p, _a, ctx: Context) => ctx.viewer.kind === 'user');

/** A user holding ADMIN somewhere (the mutation then checks the item's unit). */
export const isAdmin = rule('isAdmin', { cache: 'contextual' })((_p, _a, ctx: Context) => hasRole(ctx.viewer, ['ADMIN']));

/** A user holding ADMIN or AUDITOR somewhere (the row filter then limits the rows). */
export const isAdminOrAuditor = rule('isAdminOrAuditor', { cache: 'contextual' })((_p, _a, ctx: Context) =>
  hasRole(ctx.viewer, ['ADMIN', 'AUDITOR']),
);

/**
 * The account itself, or an admin or auditor: a user's own security settings (whether TOTP is
 * on), which colleagues who merely meet the account as an author need not learn. Looks at the
 * parent (a User row), hence 'strict' caching.
 */
export const isSelfOrAdminOrAuditor = rule('isSelfOrAdminOrAuditor', { cache: 'strict' })((user: { id: string }, _a, ctx: Context) =>
  (ctx.viewer.kind === 'user' && ctx.viewer.userId === user.id) || hasRole(ctx.viewer, ['ADMIN', 'AUDITOR']),
);
