// graphql-shield rules. Each rule checks one thing, is named uniquely, and is cheap: identity
// rules cache per request ('contextual' is safe only because they ignore parent and args).
// Row-level decisions are NOT made here but in the *.permissions.ts row filters.
import { rule } from 'graphql-shield';
import type { Context } from '../context.js';

/** Anyone, including anonymous callers and channels (public reference data, published content). */
export const isAnyone = rule('isAnyone', { cache: 'contextual' })(() => true);

/** A signed-in staff user (any role). */
export const isStaffUser = rule('isStaffUser', { cache: 'contextual' })((_p, _a, ctx: Context) => ctx.viewer.kind === 'user');
