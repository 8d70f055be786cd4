// HTTP transport and caching of GraphQL answers (issue 11, items 6 and 7): plain GET queries,
// Cache-Control/ETag/304 for public answers, private no-store for everything else, gzip and
// brotli, CORS, and the in-process response cache purged by a withdrawal. One service instance;
// two instances, Redis and LISTEN/NOTIFY are in test/public-cache.test.ts.
import http from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChannelWithKey, dbIdOf, httpRequest, type ChannelWithKey, type HttpResult } from './actors.js';
import { databaseLabel, startTestService, type TestService } from './harness.js';
import { get, getPath, METRICS_TOKEN, metric } from './http-helpers.js';
import { fixture, releaseIn, mutateOk, type Fixture } from './workflow-helpers.js';

/** A list big enough to be compressed (well over 1 KB). */
const LIST = `query List { releases(first: 20) { totalCount edges { node { id indexNo title publishedAt targetChannels } } } }`;
const newestIds = (r: HttpResult): string[] => r.body.data.releases.edges.map((e: { node: { id: string } }) => e.node.id);

/** A GET's status, headers and body bytes exactly as sent (fetch would decode them). */
function rawGet(service: TestService, path: string, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; bytes: Buffer }> {
  return rawRequest(service, 'GET', path, headers);
}

/** Any request, its answer's bytes undecoded. */
function rawRequest(service: TestService, method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; bytes: Buffer }> {
  const url = new URL(path, service.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const varyOf = (r: { headers: Record<string, unknown> }) => String(r.headers['vary'] ?? '').toLowerCase().split(/\s*,\s*/);

describe(`HTTP caching and transport (${databaseLabel})`, () => {
  let service: TestService;
  let fx: Fixture;
  let website: ChannelWithKey;
  let kiosk: ChannelWithKey;

  beforeAll(async () => {
    service = await startTestService({ env: { METRICS_TOKEN, HTTP_CACHE_MAX_AGE_SECONDS: '11', HTTP_CACHE_S_MAXAGE_SECONDS: '22', HTTP_CACHE_STALE_WHILE_REVALIDATE_SECONDS: '33' } });
    fx = await fixture(service);
    website = await createChannelWithKey(service, fx.admin, 'WEBSITE');
    kiosk = await createChannelWithKey(service, fx.admin, 'KIOSK');
    // These keys send query text (new keys default to trusted documents only).
    await service.service.db.prisma.apiKey.updateMany({ where: { id: { in: [website.apiKeyId, kiosk.apiKeyId].map(dbIdOf) } }, data: { trustedDocumentsOnly: false } });
  });
  afterAll(() => service?.stop());

  it('answers a plain GET query without any custom header, as public, with a strong ETag', async () => {
    const r = await get(service, getPath('query Domains { domains(first: 3) { edges { node { code name } } } }'));
    expect(r.status, r.text).toBe(200);
    expect(r.body.data.domains.edges).toHaveLength(3);
    expect(r.headers['cache-control']).toBe('public, max-age=11, s-maxage=22, stale-while-revalidate=33');
    expect(r.headers.etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    // A shared cache keeps answers apart by caller (anonymous, which channel), encoding and media type.
    expect(varyOf(r)).toEqual(expect.arrayContaining(['authorization', 'accept-encoding', 'accept']));
    expect(r.headers['x-request-id']).toBeTruthy();
  });

  it('answers 304 without a body when If-None-Match names the current ETag, the cached and the computed answer alike', async () => {
    const path = getPath(LIST);
    const first = await get(service, path);
    expect(first.status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const again = await get(service, path, { 'if-none-match': first.headers.etag! });
      expect(again.status).toBe(304);
      expect(again.text).toBe('');
      expect(again.headers.etag).toBe(first.headers.etag);
      expect(again.headers['cache-control']).toMatch(/^public/);
    }
    const other = await get(service, path, { 'if-none-match': '"something-else"' });
    expect(other.status).toBe(200);
    expect(other.text).toBe(first.text);
  });

  it('serves gzip and brotli when asked, decoding to the very bytes of the plain answer; small answers are never compressed', async () => {
    const path = getPath(LIST);
    const plain = await rawGet(service, path, {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.bytes.length).toBeGreaterThan(1024);
    const gzip = await rawGet(service, path, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.bytes).equals(plain.bytes)).toBe(true);
    expect(gzip.bytes.length).toBeLessThan(plain.bytes.length);
    const br = await rawGet(service, path, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.bytes).equals(plain.bytes)).toBe(true);
    // Every rendition has the one ETag of the bytes (Vary: Accept-Encoding keeps them apart).
    expect(new Set([plain, gzip, br].map((x) => x.headers.etag)).size).toBe(1);
    const small = await rawGet(service, getPath('{ __typename }'), { 'accept-encoding': 'gzip, br' });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.bytes.toString('utf8'))).toEqual({ data: { __typename: 'Query' } });
  });

  it('compresses large POST answers too, and keeps them private, no-store', async () => {
    const res = await rawRequest(service, 'POST', '/graphql', { 'content-type': 'application/json', 'accept-encoding': 'gzip' }, JSON.stringify({ query: LIST }));
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.headers.etag).toBeUndefined();
    expect(JSON.parse(gunzipSync(res.bytes).toString('utf8')).data.releases.totalCount).toBeGreaterThan(0);
    const small = await rawRequest(service, 'POST', '/graphql', { 'content-type': 'application/json', 'accept-encoding': 'gzip' }, JSON.stringify({ query: '{ __typename }' }));
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.headers['cache-control']).toBe('private, no-store');
  });

  it("keeps a staff user's GET private, no-store (never cached, never given an ETag)", async () => {
    const path = getPath(LIST);
    for (let i = 0; i < 2; i++) {
      const r = await get(service, path, {}, fx.editor);
      expect(r.status).toBe(200);
      expect(r.headers['cache-control']).toBe('private, no-store');
      expect(r.headers.etag).toBeUndefined();
    }
    const viewer = await get(service, getPath('{ viewer { username } }'), {}, fx.editor);
    expect(viewer.body.data.viewer.username).toBe('zhangbaling.editor');
    expect(viewer.headers['cache-control']).toBe('private, no-store');
  });

  it('keeps answers with errors, introspection and secret lookups private', async () => {
    const failed = await get(service, getPath('{ noSuchField }'));
    expect(failed.status).toBe(400);
    expect(failed.headers['cache-control']).toBe('private, no-store');
    const partial = await get(service, getPath('{ users(first: 1) { totalCount } }'));
    expect(partial.body.errors?.length).toBeGreaterThan(0);
    expect(partial.headers['cache-control']).toBe('private, no-store');
    const introspection = await get(service, getPath('{ __schema { queryType { name } } }'));
    expect(introspection.status).toBe(200);
    expect(introspection.headers['cache-control']).toBe('private, no-store');
    const type = await get(service, getPath('{ __type(name: "Release") { name } }'));
    expect(type.headers['cache-control']).toBe('private, no-store');
    const lookup = await get(service, getPath('query($n: String!, $c: String!) { concernStatus(trackingNo: $n, accessCode: $c) { __typename } }', { n: 'GK20260101-ABCDEF', c: 'wrong' }));
    expect(lookup.headers['cache-control']).toBe('private, no-store');
  });

  it('refuses mutations over GET (405) and POSTs a cross-site form could send (text/plain, form-urlencoded, multipart, none)', async () => {
    const mutation = await get(service, getPath('mutation { logout(input: { refreshToken: "x" }) { ok } }'));
    expect(mutation.status).toBe(405);
    expect(mutation.text).not.toContain('"ok"');
    expect(mutation.headers['cache-control']).toBe('private, no-store');
    const body = JSON.stringify({ query: 'mutation { logout(input: { refreshToken: "x" }) { ok } }' });
    for (const contentType of ['text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', undefined]) {
      const r = await httpRequest(service, { body, headers: contentType ? { 'content-type': contentType } : {} });
      expect(r.status, String(contentType)).toBe(400);
      expect(r.errors?.[0]?.message, String(contentType)).toMatch(/Cross-Site Request Forgery/);
      expect(r.text).not.toContain('"ok"');
    }
    // JSON is what a browser can send cross-site only after a preflight (which CORS decides).
    const json = await httpRequest(service, { body: JSON.stringify({ query: '{ __typename }' }), headers: { 'content-type': 'application/json' } });
    expect(json.status).toBe(200);
  });

  it("gives a channel key its kind's answer, public but varying by Authorization, never another caller's cached one", async () => {
    const path = getPath(LIST);
    // Anonymous first, so a cache keyed without the caller would hand this to the channels.
    const anon = await get(service, path);
    const web = await get(service, path, {}, website);
    const kioskAnswer = await get(service, path, {}, kiosk);
    for (const r of [web, kioskAnswer]) {
      expect(r.status, r.text).toBe(200);
      expect(r.headers['cache-control']).toMatch(/^public, /);
      expect(varyOf(r)).toContain('authorization');
    }
    const kinds = (r: HttpResult) => new Set(r.body.data.releases.edges.flatMap((e: { node: { targetChannels: string[] } }) => e.node.targetChannels));
    for (const e of web.body.data.releases.edges) expect(e.node.targetChannels).toContain('WEBSITE');
    for (const e of kioskAnswer.body.data.releases.edges) expect(e.node.targetChannels).toContain('KIOSK');
    expect(kinds(anon).size).toBeGreaterThan(1);
    // (The sample releases all go to the website, so its answer may equal the public one.)
    expect(kioskAnswer.text).not.toBe(anon.text);
    expect(web.text).not.toBe(kioskAnswer.text);
    // A refused key never gets the cached answer.
    const bad = await get(service, path, {}, { label: 'bad key', apiKey: `${website.prefix}.wrongsecret` });
    expect(bad.status).toBe(401);
    expect(bad.body.data ?? null).toBeNull();
  });

  it('answers the second identical GET from the cache, and a withdrawal through the workflow purges it at once', async () => {
    const path = getPath(LIST);
    const release = await releaseIn(fx, 'PUBLISHED');
    const before = await get(service, path);
    expect(newestIds(before)).toContain(release.id);
    const hits = await metric(service, 'gongkai_public_response_cache_lookups_total', { result: 'memory_hit' });
    const again = await get(service, path);
    expect(again.text).toBe(before.text);
    expect(await metric(service, 'gongkai_public_response_cache_lookups_total', { result: 'memory_hit' })).toBe(hits + 1);
    await mutateOk(service, fx.reviewer, 'withdraw', { id: release.id, reason: '内容有误，撤回更正' });
    const after = await get(service, path);
    expect(newestIds(after)).not.toContain(release.id);
    // totalCount moves with it: the count cache and the response cache are purged by the same change.
    expect(after.body.data.releases.totalCount).toBe(before.body.data.releases.totalCount - 1);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    // The client's old copy is no longer current.
    expect((await get(service, path, { 'if-none-match': before.headers.etag! })).status).toBe(200);
  });

  it('keys variables by value, not by spelling', async () => {
    const query = 'query($first: Int!, $domain: String) { releases(first: $first, filter: { domainCode: $domain }) { totalCount } }';
    const a = await get(service, `/graphql?${new URLSearchParams({ query, variables: '{"first":2,"domain":"LAND_EXPROPRIATION"}' })}`);
    const hits = await metric(service, 'gongkai_public_response_cache_lookups_total', { result: 'memory_hit' });
    const b = await get(service, `/graphql?${new URLSearchParams({ variables: '{ "domain": "LAND_EXPROPRIATION", "first": 2 }', query })}`);
    expect(b.text).toBe(a.text);
    expect(await metric(service, 'gongkai_public_response_cache_lookups_total', { result: 'memory_hit' })).toBe(hits + 1);
    const c = await get(service, `/graphql?${new URLSearchParams({ query, variables: '{"first":3}' })}`);
    expect(c.body.data.releases.totalCount).toBeGreaterThanOrEqual(a.body.data.releases.totalCount);
    expect(await metric(service, 'gongkai_public_response_cache_lookups_total', { result: 'memory_hit' })).toBe(hits + 1);
  });
});

describe(`CORS (${databaseLabel})`, () => {
  let open: TestService;
  let listed: TestService;
  beforeAll(async () => {
    [open, listed] = await Promise.all([
      startTestService({ env: { CORS_ORIGINS: '*' } }),
      startTestService({ env: { CORS_ORIGINS: 'https://www.mingguang.gov.cn, https://m.mingguang.gov.cn' } }),
    ]);
  });
  afterAll(() => Promise.all([open?.stop(), listed?.stop()]));

  const exposed = (r: HttpResult) => String(r.headers['access-control-expose-headers'] ?? '').toLowerCase().split(/\s*,\s*/);

  it('CORS_ORIGINS=* lets any site read anonymous GETs, with * and never with credentials', async () => {
    const r = await get(open, getPath('{ domains(first: 1) { totalCount } }'), { origin: 'https://evil.example' });
    expect(r.status).toBe(200);
    expect(r.headers['access-control-allow-origin']).toBe('*');
    expect(r.headers['access-control-allow-credentials']).toBeUndefined();
    expect(exposed(r)).toEqual(expect.arrayContaining(['x-request-id', 'retry-after', 'etag']));
  });

  it('answers a preflight for a JSON POST with an Authorization header, without credentials', async () => {
    const r = await httpRequest(open, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' },
    });
    expect(r.status).toBe(204);
    expect(r.headers['access-control-allow-origin']).toBe('*');
    expect(r.headers['access-control-allow-credentials']).toBeUndefined();
    expect(String(r.headers['access-control-allow-methods'])).toMatch(/GET/);
    expect(String(r.headers['access-control-allow-methods'])).toMatch(/POST/);
    expect(String(r.headers['access-control-allow-headers']).toLowerCase()).toMatch(/authorization/);
  });

  it('a list of origins reflects only those (with Vary: Origin), and no origin elsewhere', async () => {
    const ok = await get(listed, getPath('{ __typename }'), { origin: 'https://m.mingguang.gov.cn' });
    expect(ok.headers['access-control-allow-origin']).toBe('https://m.mingguang.gov.cn');
    expect(ok.headers['access-control-allow-credentials']).toBeUndefined();
    expect(varyOf(ok)).toContain('origin');
    expect(exposed(ok)).toEqual(expect.arrayContaining(['x-request-id', 'retry-after', 'etag']));
    const other = await get(listed, getPath('{ __typename }'), { origin: 'https://evil.example' });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await httpRequest(listed, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' } });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });
});
