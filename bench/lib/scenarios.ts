// The read-path scenarios, each as the GraphQL request the project's server gets and the path of
// the hand-written baseline (bench/baseline-server.ts) that answers the same JSON bytes.

export interface Scenario {
  name: string;
  /** Sent to the project's server: POST /graphql with this body. */
  graphql: { query: string; variables?: Record<string, unknown> };
  /** Sent to the baseline: POST /<baseline> with the same body. */
  baseline: string;
}

const LIST_NODE = 'id indexNo title publishedAt publisher { name } matter { name domain { name } }';

export const LIST = `query List($first: Int!, $after: String, $domain: String) {
  releases(first: $first, after: $after, filter: { domainCode: $domain }) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { ${LIST_NODE} } }
  }
}`;

export const LIST_WITH_STANDARDS = `query ListWithStandards($first: Int!) {
  releases(first: $first) {
    totalCount edges { node { id indexNo title docNo publishedAt summary publisher { name }
      matter { name domain { name } standard { responsibleText timeLimit { text } requiredChannels } } } }
  }
}`;

export const NODE = `query Node($id: ID!) { node(id: $id) { ... on Release { id title indexNo publishedAt bodyHtml publisher { name } } } }`;

export const TYPENAME = '{ __typename }';

/** The scenarios, given ids and cursors read from the data set. */
export function scenarios(fixtures: { page51After: string; nodeId: string; domainCode: string }): Scenario[] {
  return [
    { name: 'website list (20)', graphql: { query: LIST, variables: { first: 20 } }, baseline: 'list' },
    { name: '50-item page with standards', graphql: { query: LIST_WITH_STANDARDS, variables: { first: 50 } }, baseline: 'list-with-standards' },
    { name: 'page 51 via after:', graphql: { query: LIST, variables: { first: 20, after: fixtures.page51After } }, baseline: 'list' },
    { name: 'domain filter (20)', graphql: { query: LIST, variables: { first: 20, domain: fixtures.domainCode } }, baseline: 'list' },
    { name: '{ __typename }', graphql: { query: TYPENAME }, baseline: 'typename' },
    { name: 'node lookup', graphql: { query: NODE, variables: { id: fixtures.nodeId } }, baseline: 'node' },
  ];
}
