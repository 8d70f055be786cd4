// The admin playground: served from the project itself (no request leaves the machine, fonts
// included), under a strict CSP, with a sign-in bar whose session refreshes itself, and one-click
// operations for each role; introspection for signed-in staff only in production. The browser
// part drives Debian's Chromium with playwright-core; .ci/run installs it.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { readFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readExampleOperations } from '../src/http/example-operations.js';
import { PLAYGROUND_CSP } from '../src/http/playground.js';
import { anonymous, asAdmin, call, callData, createChannelWithKey } from './actors.js';
import { startTestService, type TestService } from './harness.js';

// The browser's globals, as the functions passed to page.evaluate see them (this file's scope only).
declare const document: { querySelector(s: string): { textContent: string | null } | null; querySelectorAll(s: string): ArrayLike<unknown> & Iterable<unknown>; body: { innerText: string } };
declare const sessionStorage: { getItem(k: string): string | null };
declare const localStorage: { getItem(k: string): string | null } & Record<string, unknown>;

const ROOT = path.resolve(import.meta.dirname, '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Where the screenshot is kept (CI keeps the folder as an artifact; git ignores it). */
const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const INTROSPECT = '{ __schema { queryType { name } } }';

function page(service: TestService, pathname: string, headers: Record<string, string> = { accept: 'text/html' }): Promise<Response> {
  return fetch(`${service.url}${pathname}`, { headers });
}

describe('the example operations', () => {
  const schema = buildSchema(readFileSync(path.join(ROOT, 'schema.graphql'), 'utf8'));
  const operations = readExampleOperations();

  it('are all valid against the schema, each with the fragments it uses', () => {
    expect(operations.length).toBeGreaterThan(20);
    for (const op of operations) {
      expect(validate(schema, parse(op.document)).map((e) => e.message), `${op.source} ${op.name}`).toEqual([]);
      if (op.variables) expect(() => JSON.parse(op.variables), op.name).not.toThrow();
    }
  });

  it('cover every staff role and every front end', () => {
    const groups = new Set(operations.map((o) => o.group));
    for (const g of ['管理员 ADMIN', '编辑 EDITOR', '审核 REVIEWER', '审计员 AUDITOR', '政府网站', '微信小程序', '政务服务中心自助终端']) expect(groups, g).toContain(g);
    const create = operations.find((o) => o.name === 'CreateOrgUnit')!;
    expect(create.kind).toBe('mutation');
    expect(JSON.parse(create.variables).input.kind).toBe('COMMUNITY');
    expect(create.description).toMatch(/新建机构/);
  });
});

describe('the playground over HTTP', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ env: { NODE_ENV: 'production' } });
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('answers a browser at /graphql and /playground with a page whose every asset is served here', async () => {
    for (const pathname of ['/graphql', '/playground']) {
      const res = await page(service, pathname);
      expect(res.status, pathname).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('content-security-policy')).toBe(PLAYGROUND_CSP);
      const html = await res.text();
      // Nothing refers to another origin, and nothing runs inline.
      expect(html).not.toMatch(/(https?:)?\/\/[a-z]/i);
      expect(html).not.toMatch(/<script>|<script(?![^>]*\bsrc=)[^>]*>/);
      // Same-origin paths (the favicon is an empty data: URL, so the browser asks for none).
      const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!).filter((a) => a !== 'data:,');
      expect(assets.every((a) => a.startsWith('/playground/assets/')), assets.join(' ')).toBe(true);
      expect(assets.length).toBeGreaterThanOrEqual(6);
      for (const asset of assets) {
        const a = await page(service, asset, { 'accept-encoding': 'gzip' });
        expect(a.status, asset).toBe(200);
        expect(a.headers.get('etag'), asset).toBeTruthy();
        expect((await a.arrayBuffer()).byteLength, asset).toBeGreaterThan(100);
      }
    }
    const operations = (await (await page(service, '/playground/assets/operations.json', {})).json()) as { name: string }[];
    expect(operations.map((o) => o.name)).toContain('CreateOrgUnit');
  });

  it('keeps the policy strict: scripts from this server only, no inline script or style, no other origin', () => {
    expect(PLAYGROUND_CSP).toContain("script-src 'self'");
    expect(PLAYGROUND_CSP).toContain("default-src 'none'");
    expect(PLAYGROUND_CSP).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });

  it('revalidates an asset with its ETag, and answers other paths 404', async () => {
    const first = await page(service, '/playground/assets/graphiql.js', {});
    const again = await page(service, '/playground/assets/graphiql.js', { 'if-none-match': first.headers.get('etag')! });
    expect(again.status).toBe(304);
    expect((await page(service, '/playground/assets/../../package.json', {})).status).toBe(404);
    expect((await page(service, '/playground/assets/nope.js', {})).status).toBe(404);
  });

  it('still answers GraphQL GETs and POSTs at /graphql as before', async () => {
    const get = await fetch(`${service.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers: { accept: 'application/json', 'apollo-require-preflight': '1' } });
    expect(await get.json()).toEqual({ data: { __typename: 'Query' } });
    expect((await callData(service, anonymous, '{ __typename }')).__typename).toBe('Query');
  });

  it('in production, lets signed-in staff introspect and refuses anonymous and channel callers', async () => {
    expect(service.config.introspection).toBe('staff');
    for (const q of [INTROSPECT, '{ __type(name: "Query") { name } }', '{ releases(first: 1) { totalCount } ...F } fragment F on Query { __schema { types { name } } }']) {
      const res = await call(service, anonymous, q);
      expect(res.status, q).toBe(403);
      expect(res.errors?.[0]?.extensions?.code, q).toBe('FORBIDDEN');
      expect(res.data ?? null, q).toBeNull();
    }
    const admin = await asAdmin(service);
    const channel = await createChannelWithKey(service, admin, 'WEBSITE');
    expect((await call(service, channel, INTROSPECT)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await callData(service, admin, INTROSPECT)).__schema.queryType.name).toBe('Query');
    // __typename is not introspection: everyone may ask it.
    expect((await callData(service, anonymous, '{ __typename releases(first: 1) { totalCount } }')).__typename).toBe('Query');
  });
});

describe('settings: PLAYGROUND=false and GRAPHQL_INTROSPECTION=off', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ env: { NODE_ENV: 'production', PLAYGROUND: 'false', GRAPHQL_INTROSPECTION: 'off' } });
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('serves no page and no assets, and refuses introspection to staff too', async () => {
    const res = await page(service, '/graphql');
    expect(res.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
    expect((await page(service, '/playground')).status).toBe(404);
    expect((await page(service, '/playground/assets/graphiql.js')).status).toBe(404);
    const admin = await asAdmin(service);
    const refused = await call(service, admin, INTROSPECT);
    expect(refused.errors?.[0]?.extensions?.code).toMatch(/GRAPHQL_VALIDATION_FAILED|FORBIDDEN/);
  });
});

// Chromium comes from Debian (.ci/run installs it). Elsewhere the browser test says it did not run;
// under CI its absence fails the run.
const haveBrowser = existsSync(CHROMIUM);
if (!haveBrowser && process.env.CI) throw new Error(`playground test: no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`);

describe.skipIf(!haveBrowser)('the playground in headless Chromium, production mode, no request leaving 127.0.0.1', () => {
  let service: TestService;
  let browser: Browser;
  let tab: Page;
  const leaving: string[] = [];
  const violations: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    service = await startTestService({ env: { NODE_ENV: 'production' } });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      // Chromium's own background traffic (updates, sync, safe browsing) is off, so what is
      // seen below is the page's.
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    });
    const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
    const origin = new URL(service.url).origin;
    // Every request the page makes passes here: one to any other origin is recorded and refused.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(`${origin}/`) || url.startsWith('data:')) return route.continue();
      leaving.push(url);
      return route.abort();
    });
    tab = await context.newPage();
    tab.on('pageerror', (e) => pageErrors.push(e.message));
    tab.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await tab.clock.install();
  });
  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  it('loads with no external request, and an anonymous visitor gets no schema', async () => {
    const schemaAnswers: number[] = [];
    tab.on('response', (r) => {
      if (r.url().endsWith('/graphql') && r.request().postData()?.includes('__schema')) schemaAnswers.push(r.status());
    });
    await tab.goto(`${service.url}/graphql`);
    await tab.waitForSelector('.graphiql-container');
    await tab.waitForSelector('#gk-signin');
    await tab.waitForFunction(() => document.body.innerText.length > 0);
    await expect.poll(() => schemaAnswers.length).toBeGreaterThan(0);
    expect(schemaAnswers.every((s) => s === 403)).toBe(true);
    expect(leaving).toEqual([]);
  });

  it('signs an admin in, shows who they are, loads the schema docs and runs createOrgUnit from the examples', async () => {
    const admin = await asAdmin(service);
    const county = (await callData(service, admin, '{ orgUnits { id depth } }')).orgUnits.find((u: { depth: number }) => u.depth === 0).id as string;

    await tab.fill('#gk-username', 'admin');
    await tab.fill('#gk-password', 'gongkai-demo-2026');
    await tab.click('#gk-signin');
    await tab.waitForSelector('#gk-identity');
    expect(await tab.textContent('#gk-identity')).toMatch(/admin/);
    expect(await tab.textContent('#gk-roles')).toMatch(/ADMIN/);
    // The token is kept for the tab, not in localStorage.
    expect(await tab.evaluate(() => Object.keys(localStorage).some((k) => /token|session/i.test(localStorage.getItem(k) ?? '')))).toBe(false);
    expect(await tab.evaluate(() => JSON.parse(sessionStorage.getItem('gongkai.playground.session')!).viewer.username)).toBe('admin');

    // Signed in, the schema loads: the docs explorer lists the root types with their Chinese descriptions.
    await tab.click('.graphiql-sidebar button[aria-label*="Documentation"]');
    await tab.waitForSelector('.graphiql-doc-explorer-content >> text=Query');

    // One click loads the example; its variables name the county as parent.
    await tab.click('.graphiql-sidebar button[aria-label*="示例操作"]');
    await tab.click('[data-operation="CreateOrgUnit"]');
    await tab.waitForFunction(() => document.querySelector('.graphiql-query-editor')?.textContent?.includes('createOrgUnit'));
    await tab.evaluate((parentId) => {
      type Cm = { getValue(): string; setValue(v: string): void };
      const editors = [...document.querySelectorAll('.CodeMirror')].map((e) => (e as unknown as { CodeMirror: Cm }).CodeMirror);
      const variables = editors.find((cm) => cm.getValue().includes('"parentId"'))!;
      variables.setValue(variables.getValue().replace('<OrgUnit id>', parentId).replace('XC-01', 'PGTEST-01'));
    }, county);
    await tab.click('.graphiql-execute-button');
    await tab.waitForFunction(() => document.querySelector('.graphiql-response')?.textContent?.includes('CreateOrgUnitPayload'));
    expect(await tab.textContent('.graphiql-response')).toContain('PGTEST-01');
    const units = (await callData(service, admin, '{ orgUnits { code parent { id } } }')).orgUnits as { code: string; parent: { id: string } | null }[];
    expect(units.find((u) => u.code === 'PGTEST-01')?.parent?.id).toBe(county);

    await mkdir(ARTIFACTS, { recursive: true });
    await tab.screenshot({ path: path.join(ARTIFACTS, 'playground-admin.png') });
    expect(leaving).toEqual([]);
  });

  it('refreshes the access token before it expires, and the new one works', async () => {
    const before = await tab.evaluate(() => JSON.parse(sessionStorage.getItem('gongkai.playground.session')!) as { accessToken: string; refreshToken: string });
    // 14½ minutes later on the page's clock: past the refresh point, a minute before expiry.
    await tab.clock.fastForward('14:30');
    await tab.waitForFunction((old) => JSON.parse(sessionStorage.getItem('gongkai.playground.session') ?? 'null')?.accessToken !== old, before.accessToken);
    const after = await tab.evaluate(() => JSON.parse(sessionStorage.getItem('gongkai.playground.session')!) as { accessToken: string; refreshToken: string });
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect((await callData(service, { label: 'refreshed', token: after.accessToken }, '{ viewer { username } }')).viewer.username).toBe('admin');
  });

  it('signs out: the session ends on the server and the form is back', async () => {
    const { refreshToken } = await tab.evaluate(() => JSON.parse(sessionStorage.getItem('gongkai.playground.session')!) as { refreshToken: string });
    await tab.click('#gk-signout');
    await tab.waitForSelector('#gk-signin');
    expect(await tab.evaluate(() => sessionStorage.getItem('gongkai.playground.session'))).toBeNull();
    const reuse = await callData(service, anonymous, 'mutation($input: RefreshTokenInput!) { refreshToken(input: $input) { __typename } }', { input: { refreshToken } });
    expect(reuse.refreshToken.__typename).toBe('InvalidRefreshTokenError');
  });

  it('saw no CSP violation, no page error and no request leave the machine', () => {
    expect(violations).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(leaving).toEqual([]);
  });
});
