// graphql-shield and graphql-middleware, loaded through their CommonJS builds.
// WARNING: graphql-shield 7.6.5 (its last release) has an ES-module build that imports
// `isUndefined` from 'util', which Node 23 removed: on Node 24 `import … from 'graphql-shield'`
// fails before any code runs ("does not provide an export named 'isUndefined'"). Its CommonJS
// build reads util.isUndefined only when a chain or race rule runs, so it loads on every Node;
// the removed function is put back, with its old meaning, for those rules.
// graphql-middleware must come from the same (CommonJS) build that graphql-shield requires:
// applyMiddleware recognises shield's middleware generator with instanceof.
import { createRequire } from 'node:module';
import util from 'node:util';

const legacyUtil = util as unknown as { isUndefined?: (value: unknown) => boolean };
legacyUtil.isUndefined ??= (value) => value === undefined;

const require = createRequire(import.meta.url);
const graphqlShield = require('graphql-shield') as typeof import('graphql-shield');
const graphqlMiddleware = require('graphql-middleware') as typeof import('graphql-middleware');

export const { deny, rule, shield } = graphqlShield;
export const { applyMiddleware } = graphqlMiddleware;
export type { IRule, IRules } from 'graphql-shield';
