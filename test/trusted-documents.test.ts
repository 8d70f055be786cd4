// Trusted documents (security checklist G13): the codegen manifest is loaded at start-up and a
// request may name a document by id (GraphQL-over-HTTP persisted documents, GET and POST); a
// channel key that is trusted-documents-only (the default for new keys) has its query text
// refused before anything runs; legacy keys, staff and — unless ANONYMOUS_QUERY_TEXT says
// otherwise — anonymous callers may still send text. The manifest is checked against codegen.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { executeCodegen } from '@graphql-codegen/cli';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import codegenConfig from '../codegen.js';
import { loadConfig } from '../src/config.js';
import { documentIdOf, TrustedDocuments } from '../src/http/trusted-documents.js';
import { anonymous, asAdmin, asEditorOf, call, callData, createChannelWithKey, httpRequest, LOGIN, DEMO_PASSWORD, type Caller, type HttpResult } from './actors.js';
import { databaseLabel, startTestService, type TestService } from './harness.js';

const root = path.resolve(import.meta.dirname, '..');
const MANIFEST_FILE = 'examples/__generated__/persisted-documents.json';
const manifest = JSON.parse(readFileSync(path.join(root, MANIFEST_FILE), 'utf8')) as Record<string, string>;

/** The id of the manifest's document of this operation name. */
function idOf(operationName: string): string {
  const found = Object.entries(manifest).find(([, text]) => new RegExp(`^(query|mutation) ${operationName}\\b`).test(text));
  if (!found) throw new Error(`no ${operationName} in the manifest`);
  return found[0];
}

const DOMAIN_TABS = idOf('MiniProgramDomainTabs');
const FEED = idOf('MiniProgramFeed');
const ASK = idOf('MiniProgramAsk');

function post(service: TestService, caller: Caller, body: Record<string, unknown>, from?: string): Promise<HttpResult> {
  const auth = caller.apiKey ? `ApiKey ${caller.apiKey}` : caller.token ? `Bearer ${caller.token}` : undefined;
  return httpRequest(service, {
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
    ...(from ? { from } : {}),
  });
}

function get(service: TestService, caller: Caller, params: Record<string, string>): Promise<HttpResult> {
  const auth = caller.apiKey ? `ApiKey ${caller.apiKey}` : caller.token ? `Bearer ${caller.token}` : undefined;
  return httpRequest(service, {
    method: 'GET',
    path: `/graphql?${new URLSearchParams(params).toString()}`,
    // Any GET must work for a browser or a CDN; the header does no harm where it is not needed.
    headers: { accept: 'application/json', 'apollo-require-preflight': 'true', ...(auth ? { authorization: auth } : {}) },
  });
}

const codeOf = (res: HttpResult) => res.errors?.[0]?.extensions?.code;

describe(`Trusted documents (${databaseLabel})`, () => {
  let service: TestService;
  let admin: Caller;

  beforeAll(async () => {
    service = await startTestService();
    admin = await asAdmin(service);
  });
  afterAll(async () => {
    await service?.stop();
  });

  /** A channel with a key issued through the API with its default flag (trusted-documents-only). */
  async function trustedOnlyChannel() {
    const channel = await createChannelWithKey(service, admin, 'MINI_PROGRAM', { key: {} });
    // createChannelWithKey asks for a text-capable test key; reissue one with the API's default.
    const data = await callData(
      service,
      admin,
      `mutation($input: IssueApiKeyInput!) { issueApiKey(input: $input) { __typename ... on IssueApiKeyPayload { key apiKey { id trustedDocumentsOnly } } } }`,
      { input: { channelClientId: channel.channelId, label: 'default flag' } },
    );
    return { ...channel, apiKey: data.issueApiKey.key as string, apiKeyId: data.issueApiKey.apiKey.id as string, flag: data.issueApiKey.apiKey.trustedDocumentsOnly as boolean };
  }

  it('a new key is trusted-documents-only by default; its query text is refused with a clear error and nothing runs', async () => {
    const channel = await trustedOnlyChannel();
    expect(channel.flag).toBe(true);
    const before = await service.service.db.prisma.concern.count();
    const res = await call(service, channel, `mutation($input: SubmitConcernInput!) { submitConcern(input: $input) { __typename } }`, {
      input: { kind: 'QUESTION', subject: '文本查询', content: '这条不应被受理', contact: { name: '钱多多', phone: '13912345678' } },
    });
    expect(res.status).toBe(400);
    expect(codeOf(res)).toBe('PERSISTED_DOCUMENT_REQUIRED');
    expect(res.errors![0]!.message).toMatch(/documentId/);
    expect(res.errors![0]!.message).toMatch(/npm run codegen/);
    expect(res.errors![0]!.extensions!.requestId).toBeTypeOf('string');
    expect(res.data).toBeUndefined();
    expect(await service.service.db.prisma.concern.count()).toBe(before);
    // Garbage text is refused the same way: it is never even parsed.
    const garbage = await call(service, channel, '{ this is not graphql');
    expect([garbage.status, codeOf(garbage)]).toEqual([400, 'PERSISTED_DOCUMENT_REQUIRED']);
  });

  it('accepts a manifest id over POST, with variables and operation name, and runs mutations by id', async () => {
    const channel = await trustedOnlyChannel();
    const tabs = await post(service, channel, { documentId: DOMAIN_TABS });
    expect(tabs.status).toBe(200);
    expect(tabs.errors).toBeUndefined();
    expect(tabs.data.domains.edges.length).toBeGreaterThan(0);
    const feed = await post(service, channel, { documentId: FEED, operationName: 'MiniProgramFeed', variables: { first: 2 } });
    expect(feed.errors).toBeUndefined();
    expect(feed.data.releases.edges.length).toBe(2);
    const before = await service.service.db.prisma.concern.count();
    const asked = await post(service, channel, {
      documentId: ASK,
      variables: { input: { kind: 'QUESTION', subject: '可信文档提交', content: '通过可信文档提交的问题', contact: { name: '钱多多', phone: '13912345678' } } },
    }, '127.0.0.31');
    expect(asked.errors).toBeUndefined();
    expect(asked.data.submitConcern.__typename).toBe('SubmitConcernPayload');
    expect(await service.service.db.prisma.concern.count()).toBe(before + 1);
  });

  it('accepts a manifest id as a GET parameter (documentId=, variables=, operationName=); a mutation by GET is refused', async () => {
    const channel = await trustedOnlyChannel();
    const feed = await get(service, channel, { documentId: FEED, variables: JSON.stringify({ first: 3 }), operationName: 'MiniProgramFeed' });
    expect(feed.status).toBe(200);
    expect(feed.errors).toBeUndefined();
    expect(feed.data.releases.edges.length).toBe(3);
    const anonymousGet = await get(service, anonymous, { documentId: DOMAIN_TABS });
    expect(anonymousGet.status).toBe(200);
    expect(anonymousGet.data.domains.edges.length).toBeGreaterThan(0);
    const mutation = await get(service, channel, { documentId: ASK, variables: JSON.stringify({ input: {} }) });
    expect(mutation.status).toBe(405);
    expect(mutation.data ?? null).toBeNull();
    // Text over GET from this key is refused like text over POST.
    const text = await get(service, channel, { query: '{ domains(first: 1) { totalCount } }' });
    expect([text.status, codeOf(text)]).toEqual([400, 'PERSISTED_DOCUMENT_REQUIRED']);
  });

  it('answers an unknown id with PERSISTED_DOCUMENT_NOT_FOUND (POST and GET), and refuses a request with both text and id', async () => {
    const channel = await trustedOnlyChannel();
    const unknown = documentIdOf('{ __typename }');
    for (const res of [await post(service, channel, { documentId: unknown }), await get(service, anonymous, { documentId: unknown })]) {
      expect(res.status).toBe(400);
      expect(codeOf(res)).toBe('PERSISTED_DOCUMENT_NOT_FOUND');
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0]!.message).toContain(unknown);
      expect(res.errors![0]!.message).toMatch(/manifest/);
    }
    const both = await post(service, admin, { documentId: DOMAIN_TABS, query: '{ __typename }' });
    expect([both.status, codeOf(both)]).toEqual([400, 'BAD_REQUEST']);
    const notString = await post(service, admin, { documentId: 42 });
    expect([notString.status, codeOf(notString)]).toEqual([400, 'BAD_REQUEST']);
  });

  it('a legacy key (trustedDocumentsOnly false) may send text; an admin can switch the flag and it applies at the next request', async () => {
    const channel = await createChannelWithKey(service, admin, 'WEBSITE', { key: { trustedDocumentsOnly: false } });
    const q = '{ domains(first: 1) { totalCount } }';
    expect((await call(service, channel, q)).status).toBe(200);
    const UPDATE = `mutation($input: UpdateApiKeyInput!) { updateApiKey(input: $input) { __typename ... on UpdateApiKeyPayload { apiKey { id trustedDocumentsOnly } } ... on Error { code } } }`;
    const on = await callData(service, admin, UPDATE, { input: { apiKeyId: channel.apiKeyId, trustedDocumentsOnly: true } });
    expect(on.updateApiKey.apiKey.trustedDocumentsOnly).toBe(true);
    expect(codeOf(await call(service, channel, q))).toBe('PERSISTED_DOCUMENT_REQUIRED');
    expect((await post(service, channel, { documentId: DOMAIN_TABS })).status).toBe(200);
    await callData(service, admin, UPDATE, { input: { apiKeyId: channel.apiKeyId, trustedDocumentsOnly: false } });
    expect((await call(service, channel, q)).errors).toBeUndefined();
    // The flag is shown on the key, and the change is in the audit log.
    const keys = await callData(service, admin, `query($id: ID!) { node(id: $id) { ... on ChannelClient { apiKeys { id trustedDocumentsOnly } } } }`, { id: channel.channelId });
    expect(keys.node.apiKeys).toEqual([{ id: channel.apiKeyId, trustedDocumentsOnly: false }]);
    const audits = await service.service.db.prisma.auditEvent.count({ where: { action: 'api_key.updated' } });
    expect(audits).toBeGreaterThanOrEqual(2);
  });

  it('only admins may change a key: an editor is refused and the flag stays', async () => {
    const channel = await trustedOnlyChannel();
    const UPDATE = `mutation($input: UpdateApiKeyInput!) { updateApiKey(input: $input) { __typename } }`;
    const editor = await call(service, await asEditorOf(service, 'zhangbaling'), UPDATE, {
      input: { apiKeyId: channel.apiKeyId, trustedDocumentsOnly: false },
    });
    expect(codeOf(editor)).toBe('FORBIDDEN');
    const row = await service.service.db.prisma.apiKey.findUniqueOrThrow({ where: { prefix: channel.apiKey.split('_')[1]! } });
    expect(row.trustedDocumentsOnly).toBe(true);
  });

  it('staff may always send text, and anonymous callers may by default', async () => {
    expect((await call(service, admin, '{ viewer { username } }')).data.viewer.username).toBe('admin');
    expect((await call(service, anonymous, '{ domains(first: 1) { totalCount } }')).errors).toBeUndefined();
  });
});

describe(`Trusted documents: ANONYMOUS_QUERY_TEXT=trusted-only and extra manifests (${databaseLabel})`, () => {
  let service: TestService;
  const extraText = 'query ExtraKioskClock { workCalendar(year: 2026) { year } }';

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gongkai-manifest-'));
    const extra = path.join(dir, 'extra.json');
    writeFileSync(extra, JSON.stringify({ [documentIdOf(extraText)]: extraText }));
    service = await startTestService({ env: { ANONYMOUS_QUERY_TEXT: 'trusted-only', TRUSTED_DOCUMENTS_EXTRA_MANIFESTS: extra } });
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('refuses anonymous text, accepts anonymous ids (of the codegen manifest and of the extra one)', async () => {
    const text = await call(service, anonymous, '{ domains(first: 1) { totalCount } }');
    expect([text.status, codeOf(text)]).toEqual([400, 'PERSISTED_DOCUMENT_REQUIRED']);
    expect(text.errors![0]!.message).toMatch(/sign in/);
    const byId = await post(service, anonymous, { documentId: DOMAIN_TABS });
    expect(byId.errors).toBeUndefined();
    const extra = await post(service, anonymous, { documentId: documentIdOf(extraText) });
    expect(extra.errors).toBeUndefined();
    expect(extra.data.workCalendar.year).toBe(2026);
  });

  it('still lets staff sign in with text, and staff send text once signed in', async () => {
    const login = await call(service, anonymous, LOGIN, { input: { username: 'admin', password: DEMO_PASSWORD } });
    expect(login.errors).toBeUndefined();
    expect(login.data.login.__typename).toBe('LoginPayload');
    const me = await call(service, { label: 'admin', token: login.data.login.accessToken }, '{ viewer { username } }');
    expect(me.data.viewer.username).toBe('admin');
    // A sign-in mutation does not smuggle other fields past the rule.
    const smuggled = await call(service, anonymous, `mutation { login(input: { username: "x", password: "y" }) { __typename } submitConcern(input: { kind: QUESTION, subject: "s", content: "c", contact: { name: "n" } }) { __typename } }`);
    expect(codeOf(smuggled)).toBe('PERSISTED_DOCUMENT_REQUIRED');
  });
});

describe('Trusted documents: the manifest', () => {
  it('has every entry keyed by the sha256 of its text, the way the server checks it at start-up', () => {
    expect(Object.keys(manifest).length).toBeGreaterThanOrEqual(15);
    for (const [id, text] of Object.entries(manifest)) expect(id).toBe(documentIdOf(text));
    expect(TrustedDocuments.load([path.join(root, MANIFEST_FILE)]).size).toBe(Object.keys(manifest).length);
  });

  it('is what codegen writes now (run `npm run codegen` after changing examples/)', async () => {
    const { result: outputs, error } = await executeCodegen({ ...codegenConfig, cwd: root, silent: true });
    expect(error).toBeNull();
    const generated = outputs.find((o) => o.filename.endsWith('persisted-documents.json'));
    expect(generated, 'codegen.ts must have persistedDocuments on').toBeDefined();
    expect(readFileSync(path.join(root, MANIFEST_FILE), 'utf8')).toBe(generated!.content);
  }, 240_000);

  it('is the default manifest of the configuration; a missing or tampered manifest fails the start', () => {
    expect(loadConfig({ JWT_SECRET: 'x'.repeat(40) }).trustedDocuments.manifests).toEqual([path.join(root, MANIFEST_FILE)]);
    const dir = mkdtempSync(path.join(tmpdir(), 'gongkai-manifest-'));
    const tampered = path.join(dir, 'tampered.json');
    writeFileSync(tampered, JSON.stringify({ [documentIdOf('{ a }')]: '{ b }' }));
    expect(() => TrustedDocuments.load([tampered])).toThrow(/not "sha256:<hex of its text>"/);
    expect(() => TrustedDocuments.load([path.join(dir, 'missing.json')])).toThrow(/could not be read/);
  });
});
