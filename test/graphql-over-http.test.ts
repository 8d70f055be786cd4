// GraphQL-over-HTTP conformance (graphql-http's server audits), against the real server.
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from './harness.js';

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(() => service.stop());

// The audits are defined before the server's URL is known: point them at it lazily.
const audits = serverAudits({ url: () => `${service.url}/graphql`, fetchFn: fetch });

describe('GraphQL over HTTP', () => {
  it.each(audits.map((a) => [a.name, a] as const))('%s', async (_name, audit) => {
    const result = await audit.fn();
    // 'warn' and 'notice' are SHOULD/MAY items; a MUST that fails is an 'error'.
    if (result.status === 'error') throw new Error(result.reason);
    expect(['ok', 'warn', 'notice']).toContain(result.status);
  });
});
