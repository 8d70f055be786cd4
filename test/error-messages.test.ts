// Errors people can act on (issue 15, part 6): every top-level error message — GraphQL's and the
// HTTP routes' — is Chinese first with English after, and names no internal function.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, call, callData, httpRequest, type Caller } from './actors.js';
import { expectActionableMessages, expectFieldMessages, INTERNAL_NAMES } from './error-messages.js';
import { databaseLabel, startTestService, type TestService } from './harness.js';
import { draftInput, fixture } from './workflow-helpers.js';

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(() => service.stop());

const messagesOf = (text: string): string[] => (JSON.parse(text) as { errors?: { message: string }[] }).errors?.map((e) => e.message) ?? [];

describe(`top-level error messages (${databaseLabel})`, () => {
  it('the checker knows the server\'s function names (so it can fail) and lets API names through', () => {
    expect(INTERNAL_NAMES.has('decodeGlobalId')).toBe(true);
    expect(INTERNAL_NAMES.has('readBody')).toBe(true);
    expect(INTERNAL_NAMES.has('workspaceReleases')).toBe(false);
    expect(() => expectActionableMessages(["decodeGlobalId: invalid id 'garbage'"], 'probe')).toThrow();
    expect(() => expectActionableMessages(['标识无效 — decodeGlobalId failed'], 'probe')).toThrow();
    expect(() => expectActionableMessages(['输入无效 — dueSoonReleases: withinWorkingDays must be 1–20'], 'probe')).not.toThrow();
    expect(() => expectFieldMessages(['title is required'], 'probe')).toThrow();
    expect(() => expectFieldMessages(['标题不能为空'], 'probe')).toThrow();
    expect(() => expectFieldMessages(['days[2].name 最多50个字符 — days[2].name must be at most 50 characters.'], 'probe')).not.toThrow();
  });

  const graphql: [string, string, Record<string, unknown>?, Caller?][] = [
    ['a syntax error', '{ releases(first: 1) { totalCount }'],
    ['an unknown field', '{ releases(first: 1) { nope } }'],
    ['a malformed id', 'query($id: ID!) { node(id: $id) { id } }', { id: 'garbage' }],
    ['an empty id', 'query($id: ID!) { node(id: $id) { id } }', { id: '' }],
    ['a wrong enum value', 'query { releases(first: 1, filter: { stage: NOPE }) { totalCount } }'],
    ['a bad DateTime', 'query($t: DateTime) { releases(first: 1, filter: { publishedAfter: $t }) { totalCount } }', { t: 'yesterday' }],
    ['a page size out of range', '{ releases(first: 1000) { totalCount } }'],
    ['first with last', '{ releases(first: 1, last: 1) { totalCount } }'],
    ['a staff field for anonymous', '{ workspaceReleases(first: 1) { totalCount } }'],
    ['a bad token', '{ releases(first: 1) { totalCount } }', undefined, { label: 'bad token', authorization: 'Bearer not-a-token' }],
    ['a subscription', 'subscription { releases }'],
  ];
  it.each(graphql)('GraphQL: %s', async (_label, document, variables, caller = anonymous) => {
    const res = await call(service, caller, document, variables);
    const messages = messagesOf(res.text);
    expect(messages.length, res.text).toBeGreaterThan(0);
    expectActionableMessages(messages, res.text);
  });

  const http: [string, Parameters<typeof httpRequest>[1]][] = [
    ['an unknown route', { method: 'GET', path: '/nope' }],
    ['a body that is not JSON', { method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json' }, body: '{not json' }],
    ['a forgeable POST', { method: 'POST', path: '/graphql', headers: { 'content-type': 'text/plain' }, body: '{"query":"{__typename}"}' }],
    ['a credential in the URL', { method: 'GET', path: '/graphql?query=%7B__typename%7D&access_token=x' }],
    ['an oversized body', { method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ __typename } #${'x'.repeat(1_100_000)}` }) }],
    ['a report without a token', { method: 'GET', path: '/reports/annual/2025.csv?orgUnit=x' }],
    ['a POST to a report', { method: 'POST', path: '/reports/annual/2025.csv?orgUnit=x' }],
    ['an unknown file', { method: 'GET', path: '/files/00000000-0000-4000-8000-000000000000/x.pdf' }],
    ['a forged upload link', { method: 'PUT', path: '/uploads/abc.def', body: 'x' }],
  ];
  it.each(http)('HTTP: %s', async (_label, request) => {
    const res = await httpRequest(service, request);
    expect(res.status, res.text).toBeGreaterThanOrEqual(400);
    expect(messagesOf(res.text).length, res.text).toBeGreaterThan(0);
    expectActionableMessages(messagesOf(res.text), res.text);
  });

  it('an InputError lists every bad field of the input at once, with path, code and message', async () => {
    const fx = await fixture(service);
    const CREATE = `mutation($input: CreateReleaseInput!) { createRelease(input: $input) { __typename ... on InputError { field message problems { field code message } } } }`;
    const input = draftInput(fx, {
      title: '   ',
      docNo: '号'.repeat(101),
      targetChannels: [],
      formedAt: '1900-01-01T00:00:00Z',
      attachments: [{ name: 'a.pdf' }, { fileId: 'U3RvcmVkRmlsZTowMDAwMDAwMC0wMDAwLTQwMDAtODAwMC0wMDAwMDAwMDAwMDA' }],
    });
    // Attachments are resolved first: both of their items are named together.
    const first = (await callData(service, fx.editor, CREATE, { input })).createRelease;
    expect(first.__typename).toBe('InputError');
    expect(first.problems.map((p: { field: string; code: string }) => [p.field, p.code])).toEqual([
      ['attachments[0]', 'INVALID'],
      ['attachments[1].fileId', 'INVALID'],
    ]);
    const second = (await callData(service, fx.editor, CREATE, { input: { ...input, attachments: [] } })).createRelease;
    expect(second.problems.map((p: { field: string; code: string }) => [p.field, p.code])).toEqual([
      ['title', 'REQUIRED'],
      ['docNo', 'TOO_LONG'],
      ['targetChannels', 'REQUIRED'],
      ['formedAt', 'INVALID'],
    ]);
    expect(second.field).toBe('title');
    expect(second.message).toMatch(/^4 处输入有误 — 4 fields are invalid: title, docNo, targetChannels, formedAt\.$/);
    expectFieldMessages(second.problems.map((p: { message: string }) => p.message), JSON.stringify(second));
    // One bad field reads as before: field and message are its own.
    const one = (await callData(service, fx.editor, CREATE, { input: { ...input, attachments: [], title: '标题', docNo: null, targetChannels: ['WEBSITE'] } })).createRelease;
    expect(one).toMatchObject({ __typename: 'InputError', field: 'formedAt', problems: [{ field: 'formedAt', code: 'INVALID' }] });
    expect(one.message).toBe(one.problems[0].message);
  });

  const rowCounts = async () => {
    const db = service.service.db.prisma;
    return [await db.user.count(), await db.orgUnit.count(), await db.channelClient.count(), await db.concern.count(), await db.workCalendarDay.count()];
  };
  // Each row: a mutation, an input with several bad fields, and every field the answer must name.
  const several: [string, 'anonymous' | 'admin', string, (fx: Awaited<ReturnType<typeof fixture>>) => Record<string, unknown>, [string, string][]][] = [
    ['createUser', 'admin', 'CreateUserInput', () => ({ username: 'X', displayName: ' ', password: 'short' }), [['username', 'INVALID'], ['displayName', 'REQUIRED'], ['password', 'INVALID']]],
    ['createOrgUnit', 'admin', 'CreateOrgUnitInput', (fx) => ({ parentId: fx.township.id, code: 'a b', name: '', shortName: '简'.repeat(51), kind: 'DEPARTMENT' }), [['code', 'INVALID'], ['name', 'REQUIRED'], ['shortName', 'TOO_LONG']]],
    ['createChannelClient', 'admin', 'CreateChannelClientInput', () => ({ name: '', kind: 'WEBSITE', description: '述'.repeat(501), operationsPerMinute: 0 }), [['name', 'REQUIRED'], ['description', 'TOO_LONG'], ['operationsPerMinute', 'INVALID']]],
    ['submitConcern', 'anonymous', 'SubmitConcernInput', () => ({ kind: 'QUESTION', subject: ' ', content: '', contact: { name: '', email: 'not-an-address' } }), [['subject', 'REQUIRED'], ['content', 'REQUIRED'], ['contact.name', 'REQUIRED'], ['contact.email', 'INVALID']]],
    ['submitDisclosureRequest', 'anonymous', 'SubmitDisclosureRequestInput', () => ({
      description: '', deliveryPreference: '式'.repeat(201),
      requester: { requesterType: 'NATURAL_PERSON', name: '张三', phone: '123', idDocumentType: 'RESIDENT_ID', idDocumentNo: '110101199003071234' },
    }), [['description', 'REQUIRED'], ['requester.phone', 'INVALID'], ['requester.idDocumentNo', 'INVALID'], ['deliveryPreference', 'TOO_LONG']]],
    ['setWorkCalendarYear', 'admin', 'SetWorkCalendarYearInput', () => ({
      year: 2031, days: [{ date: '2030-12-31', kind: 'HOLIDAY' }, { date: '2031-01-06', kind: 'MAKEUP_WORKDAY' }, { date: '2031-01-01', kind: 'HOLIDAY', name: '元'.repeat(51) }],
    }), [['days[0].date', 'INVALID'], ['days[1].kind', 'INVALID'], ['days[2].name', 'TOO_LONG']]],
    ['beginUpload', 'admin', 'BeginUploadInput', () => ({ fileName: 'virus.exe', byteSize: 0 }), [['fileName', 'INVALID'], ['byteSize', 'INVALID']]],
  ];
  it.each(several)('%s names every bad field at once', async (mutation, who, inputType, inputOf, expected) => {
    const fx = await fixture(service);
    const caller = who === 'admin' ? fx.admin : anonymous;
    const document = `mutation($input: ${inputType}!) { ${mutation}(input: $input) { __typename ... on InputError { field message problems { field code message } } } }`;
    const before = await rowCounts();
    const answer = (await callData(service, caller, document, { input: inputOf(fx) }))[mutation];
    expect(answer.__typename, JSON.stringify(answer)).toBe('InputError');
    expect(answer.problems.map((p: { field: string; code: string }) => [p.field, p.code])).toEqual(expected);
    expect(answer.message).toContain(`${expected.length} 处输入有误`);
    expectFieldMessages(answer.problems.map((p: { message: string }) => p.message), JSON.stringify(answer));
    expect(await rowCounts(), 'nothing was written').toEqual(before);
  });
});
