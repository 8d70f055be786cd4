// The query cost estimate: page sizes from literals and variables alike.
import { Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { baseSchema } from '../src/graphql/schema.js';
import { operationCost } from '../src/graphql/query-cost.js';

const options = { maxCost: 100_000, defaultPageSize: 20, listSize: 5 };

function cost(source: string, variables: Record<string, unknown> = {}): number {
  const document = parse(source);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  return operationCost(baseSchema, operation, fragments, variables, options);
}

const page = (first: string) => `{ releases(first: ${first}) { edges { node { id title indexNo publishedAt } } } }`;

describe('Query cost estimate', () => {
  it('counts each resolved value once and multiplies a page by its size', () => {
    // releases (1) + 10 × (edges + node + 4 scalars)
    expect(cost(page('10'))).toBe(1 + 10 * 6);
    expect(cost(page('100'))).toBe(1 + 100 * 6);
  });

  it('takes the page size from a variable exactly as from a literal', () => {
    const viaVariable = cost('query($n: Int) { releases(first: $n) { edges { node { id title indexNo publishedAt } } } }', { n: 100 });
    expect(viaVariable).toBe(cost(page('100')));
  });

  it('assumes the default page size when no first/last is given', () => {
    expect(cost('{ releases { edges { node { id } } } }')).toBe(1 + 20 * 3);
  });

  it('counts fields inside fragments and inline fragments', () => {
    const withFragment = cost('query { releases(first: 10) { edges { node { ...F } } } } fragment F on Release { id title indexNo publishedAt }');
    const inline = cost('{ releases(first: 10) { edges { node { ... on Release { id title indexNo publishedAt } } } } }');
    expect(withFragment).toBe(cost(page('10')));
    expect(inline).toBe(cost(page('10')));
  });

  it('multiplies nested pages and plain lists, so nested lists of pages become expensive', () => {
    const nested = `{ domains(first: 100) { edges { node { matters { children { releases(first: 100) { edges { node { id title bodyHtml } } } } } } } } }`;
    expect(cost(nested)).toBeGreaterThan(options.maxCost);
    // The website's catalog page stays well inside the limit.
    expect(cost('{ domains(first: 10) { edges { node { code name matters { name children { name standard { responsibleText timeLimit { text } } } } } } } }')).toBeLessThan(options.maxCost / 10);
  });
});
