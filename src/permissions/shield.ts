// The operation/field tier of access control. Every schema coordinate has an explicit rule
// (a test walks the schema to prove it); anything unlisted is denied by the fallback.
import type { GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { deny, shield, type IRule, type IRules } from 'graphql-shield';
import { forbidden } from '../graphql/errors.js';
import { isAnyone } from './rules.js';

/** The same rule for each listed field: keeps the map explicit without repeating the rule. */
function fields(rule: IRule, names: readonly string[]): Record<string, IRule> {
  return Object.fromEntries(names.map((n) => [n, rule]));
}

const connectionFields = ['edges', 'pageInfo', 'totalCount'] as const;
const edgeFields = ['cursor', 'node'] as const;

export const ruleTree = {
  Query: {
    ...fields(isAnyone, ['node', 'nodes', 'domains', 'domain', 'matters', 'orgUnits', 'orgUnit', 'releases', 'releaseByIndexNo']),
  },
  PageInfo: fields(isAnyone, ['hasNextPage', 'hasPreviousPage', 'startCursor', 'endCursor']),
  OrgUnit: fields(isAnyone, ['id', 'code', 'name', 'shortName', 'kind', 'depth', 'sortOrder', 'active', 'parent', 'children']),
  Domain: fields(isAnyone, ['id', 'code', 'name', 'description', 'sortOrder', 'matters']),
  QueryDomainsConnection: fields(isAnyone, connectionFields),
  QueryDomainsConnectionEdge: fields(isAnyone, edgeFields),
  Matter: fields(isAnyone, ['id', 'code', 'name', 'description', 'level', 'sortOrder', 'domain', 'parent', 'children', 'standard', 'releases']),
  MatterReleasesConnection: fields(isAnyone, connectionFields),
  MatterReleasesEdge: fields(isAnyone, edgeFields),
  QueryMattersConnection: fields(isAnyone, connectionFields),
  QueryMattersConnectionEdge: fields(isAnyone, edgeFields),
  CatalogVersion: fields(isAnyone, ['id', 'number', 'title', 'changeNote', 'status', 'effectiveFrom']),
  Standard: fields(isAnyone, [
    'id', 'matter', 'catalogVersion', 'legalBasis', 'contentElements', 'responsibleText', 'responsibleOrg',
    'timeLimit', 'requiredChannels', 'optionalChannels', 'audience', 'audienceNote', 'mode', 'levels', 'stages',
  ]),
  LegalCitation: fields(isAnyone, ['kind', 'title', 'docNo', 'articles']),
  ContentElement: fields(isAnyone, ['name', 'required']),
  TimeLimit: fields(isAnyone, ['text', 'trigger', 'amount', 'unit', 'before', 'displayPeriod']),
  Period: fields(isAnyone, ['amount', 'unit']),
  Release: fields(isAnyone, [
    'id', 'indexNo', 'title', 'docNo', 'status', 'stage', 'topic', 'genre', 'keywords', 'summary', 'bodyHtml', 'bodyText',
    'attachments', 'targetChannels', 'issuedAt', 'formedAt', 'dueAt', 'publishedAt', 'firstPublishedAt', 'publishedOnTime',
    'effectiveAt', 'repealedAt', 'matter', 'publisher', 'updatedAt',
  ]),
  Attachment: fields(isAnyone, ['name', 'size', 'mimeType', 'sha256', 'url']),
  QueryReleasesConnection: fields(isAnyone, connectionFields),
  QueryReleasesConnectionEdge: fields(isAnyone, edgeFields),
} satisfies IRules;

export function applyPermissions(schema: GraphQLSchema): GraphQLSchema {
  const permissions = shield(ruleTree, {
    fallbackRule: deny,
    // Resolver errors pass through untouched (they are typed or masked by formatError); only a
    // refusal becomes FORBIDDEN, built fresh per refusal.
    allowExternalErrors: true,
    debug: false,
    fallbackError: () => forbidden(),
  });
  return applyMiddleware(schema, permissions);
}
