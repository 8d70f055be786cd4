// Atom/RSS feeds, the sitemap and permalinks on the real service: documents checked with a real
// feed parser (@rowanmanning/feed-parser) and an XML validator (fast-xml-parser), content
// published and withdrawn through the GraphQL workflow, filters by domain, org unit and channel
// kind, hostile titles, HTTP caching (ETag, 304, gzip), refused parameters, the sitemap's
// template and index, `url` fields with and without PUBLIC_SITE_URL, the settings' checks, the
// documents' own links (PUBLIC_API_URL or Host, never X-Forwarded-*) and the rendered-document
// cache (kept until a change, single-flight, expiring after RESPONSE_CACHE_SECONDS).
import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { parseFeed } from '@rowanmanning/feed-parser';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { renderAtom, renderRss, xmlText } from '../src/modules/channels/feed-xml.js';
import { permalink, type PermalinkSettings } from '../src/modules/channels/permalinks.js';
import { anonymous, callData, gid } from './actors.js';
import { databaseLabel, startTestService, TEST_JWT_SECRET, testDatabaseUrl, type TestService } from './harness.js';
import { fixture, matterByCode, mutateOk, orgByKey, pollUntil, releaseIn, uuidOf, type Any, type Fixture } from './workflow-helpers.js';

const SITE = 'https://xxgk.example.gov.cn';
/** The API's public address for `bare` (PUBLIC_API_URL, with a path). */
const API = 'https://api.example.gov.cn/gongkai';
/** `bare` forgets rendered documents this fast (RESPONSE_CACHE_SECONDS). */
const BARE_TTL_SECONDS = 3;
/** Small enough that the seeded sample content needs a sitemap index. */
const URLS_PER_FILE = 4;

let site: TestService;
let bare: TestService;
let fx: Fixture;
let bareFx: Fixture;

beforeAll(async () => {
  [site, bare] = await Promise.all([
    // Both behind a trusted proxy: X-Forwarded-Host must still not reach a document.
    startTestService({ env: { PUBLIC_SITE_URL: `${SITE}/`, FEED_ENTRIES: '20', SITEMAP_URLS_PER_FILE: String(URLS_PER_FILE), TRUSTED_PROXIES: '1' } }),
    startTestService({ env: { FEED_ENTRIES: '3', TRUSTED_PROXIES: '1', PUBLIC_API_URL: `${API}/`, RESPONSE_CACHE_SECONDS: String(BARE_TTL_SECONDS) } }),
  ]);
  fx = await fixture(site);
  bareFx = await fixture(bare);
});

afterAll(async () => {
  await Promise.all([site?.stop(), bare?.stop()]);
});

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  raw: Buffer;
  text: string;
}

/** GET on a fresh connection, the body exactly as sent (no transparent decompression). */
function get(service: TestService, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  const url = new URL(path, service.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, raw, text: raw.toString('utf8') });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** A feed fetched, checked well-formed, and parsed by the feed parser. */
async function feed(service: TestService, path: string) {
  const res = await get(service, path);
  expect(res.status, res.text).toBe(200);
  expect(XMLValidator.validate(res.text)).toBe(true);
  return { res, xml: res.text, parsed: parseFeed(res.text) };
}

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['entry', 'item', 'at:deleted-entry', 'url', 'sitemap', 'category'].includes(name) });

const itemOf = (parsed: ReturnType<typeof parseFeed>, releaseUuid: string) => parsed.items.find((i) => i.id === `urn:uuid:${releaseUuid}`);

async function published(f: Fixture, overrides: Record<string, unknown> = {}): Promise<Any> {
  return releaseIn(f, 'PUBLISHED', overrides);
}

describe(`feeds: documents (${databaseLabel})`, () => {
  it('serves valid Atom and RSS of releases and interpretations, newest publication first, summary and permalink per entry', async () => {
    const r = await published(fx, { bodyHtml: '<p>正文第一段，不应出现在订阅源中。FULLBODY-MARK</p>', summary: '征地补偿费用发放明细的概述' });
    for (const path of ['/feeds/releases.atom', '/feeds/releases.rss']) {
      const { res, parsed, xml: text } = await feed(site, path);
      expect(res.headers['content-type']).toBe(path.endsWith('.atom') ? 'application/atom+xml; charset=utf-8' : 'application/rss+xml; charset=utf-8');
      expect(parsed.meta.type).toBe(path.endsWith('.atom') ? 'atom' : 'rss');
      expect(parsed.items.length).toBe(20);
      const published = parsed.items.map((i) => i.published!.getTime());
      expect([...published].sort((a, b) => b - a)).toEqual(published);
      const item = itemOf(parsed, uuidOf(r.id))!;
      expect(item.title).toBe(r.title);
      expect(item.description).toBe('征地补偿费用发放明细的概述');
      expect(item.url).toBe(`${SITE}/xxgk/${r.indexNo}`);
      expect(text).not.toContain('FULLBODY-MARK');
      expect(parsed.self).toBe(`${site.url}${path}`);
    }
    const atom = (await feed(site, '/feeds/releases.atom')).parsed;
    // The feed's updated is its newest entry's.
    expect(atom.updated!.getTime()).toBe(Math.max(...atom.items.map((i) => i.updated!.getTime())));
    for (const path of ['/feeds/interpretations.atom', '/feeds/interpretations.rss']) {
      const { parsed } = await feed(site, path);
      expect(parsed.items.length).toBeGreaterThan(0);
      expect(parsed.items[0]!.url).toMatch(new RegExp(`^${SITE}/jd/[A-Za-z0-9_-]+$`));
    }
  });

  it('never lists a draft, a scheduled release, or — on a channel feed — a release of another channel', async () => {
    const draft = await releaseIn(fx, 'DRAFT');
    const scheduled = await releaseIn(fx, 'SCHEDULED');
    const kioskOnly = await published(fx, { targetChannels: ['KIOSK'] });
    const pub = (await feed(site, '/feeds/releases.atom')).parsed;
    const website = (await feed(site, '/feeds/releases.atom?channel=WEBSITE')).parsed;
    const kiosk = (await feed(site, '/feeds/releases.rss?channel=KIOSK')).parsed;
    for (const f of [pub, website, kiosk]) {
      expect(itemOf(f, uuidOf(draft.id))).toBeUndefined();
      expect(itemOf(f, uuidOf(scheduled.id))).toBeUndefined();
    }
    expect(itemOf(pub, uuidOf(kioskOnly.id))).toBeDefined();
    expect(itemOf(kiosk, uuidOf(kioskOnly.id))).toBeDefined();
    expect(itemOf(website, uuidOf(kioskOnly.id))).toBeUndefined();
    // Everything on the WEBSITE feed is targeted at the website (checked in the database).
    const ids = website.items.map((i) => i.id!.replace('urn:uuid:', ''));
    const rows = await site.service.db.prisma.release.findMany({ where: { id: { in: ids } }, select: { targetChannels: true, status: true } });
    expect(rows).toHaveLength(ids.length);
    for (const row of rows) expect(row.targetChannels).toContain('WEBSITE');
  });

  it('filters by domain code and by org unit (its code, database id or API id; its subtree)', async () => {
    const r = await published(fx);
    const housing = await matterByCode(site, 'AFFORDABLE_HOUSING.01.02');
    const inDomain = (await feed(site, '/feeds/releases.atom?domain=LAND_EXPROPRIATION')).parsed;
    const otherDomain = (await feed(site, '/feeds/releases.atom?domain=AFFORDABLE_HOUSING')).parsed;
    expect(itemOf(inDomain, uuidOf(r.id))).toBeDefined();
    expect(inDomain.title).toContain('·');
    expect(inDomain.items.every((i) => i.categories.some((c) => c.term === 'LAND_EXPROPRIATION'))).toBe(true);
    expect(itemOf(otherDomain, uuidOf(r.id))).toBeUndefined();
    expect(otherDomain.items.every((i) => i.categories.some((c) => c.term === 'AFFORDABLE_HOUSING'))).toBe(true);
    expect(housing.uuid).toBeTruthy();

    const county = await orgByKey(site, 'county');
    for (const org of [fx.township.code, fx.township.uuid, fx.township.id, county.code]) {
      const f = (await feed(site, `/feeds/releases.rss?org=${encodeURIComponent(org)}`)).parsed;
      expect(itemOf(f, uuidOf(r.id)), org).toBeDefined();
    }
    const other = (await feed(site, `/feeds/releases.atom?org=${fx.otherTownship.code}`)).parsed;
    expect(itemOf(other, uuidOf(r.id))).toBeUndefined();
    const combined = (await feed(site, `/feeds/releases.atom?domain=LAND_EXPROPRIATION&org=${fx.township.code}&channel=MINI_PROGRAM`)).parsed;
    expect(itemOf(combined, uuidOf(r.id))).toBeDefined();
  });

  it('escapes hostile titles: markup, ampersands, quotes, a CDATA end and CJK come back as written', async () => {
    const title = `<script>alert("x")</script> & ]]> 征地补偿公示 'q' 𠀋 ${Math.random().toString(36).slice(2, 8)}`;
    // A summary is stored as plain text (content.service.ts): entities decoded, tags gone.
    const r = await published(fx, { title, summary: '摘要 a &lt; b <b>&amp;</b> ]]> 结束' });
    for (const path of ['/feeds/releases.atom', '/feeds/releases.rss']) {
      const { parsed, xml: text } = await feed(site, path);
      const item = itemOf(parsed, uuidOf(r.id))!;
      expect(item.title).toBe(title);
      expect(item.description).toBe('摘要 a < b & ]]> 结束');
      expect(text).not.toContain('<script>');
      expect(text).not.toContain(']]>');
    }
  });

  it('drops characters XML forbids (the API refuses control characters already; stored rows may predate that)', () => {
    const hostile = 'a\u0000b\u0001c\u0008d\u000Be\u001Ff\uFFFEg\uFFFFh\uD800i\uDC00j 𠀋\tk\nl';
    expect(xmlText(hostile)).toBe('abcdefghij 𠀋\tk\nl');
    const entry = { id: '01890a5d-ac96-774b-bcce-b302099a8057', indexNo: null, title: hostile, author: '<张>', category: undefined, publishedAt: new Date(0), updatedAt: new Date(0), link: 'https://x/?a=1&b=2' };
    const doc = { title: hostile, subtitle: 's', id: 'https://x/f', selfUrl: 'https://x/f?a=1&b=2', siteUrl: undefined };
    for (const text of [renderAtom({ ...doc, entries: [{ ...entry, state: { kind: 'public', summary: hostile, repealed: false } }] }), renderRss({ ...doc, entries: [{ ...entry, state: { kind: 'withdrawn', at: new Date(0), reason: hostile } }] })]) {
      expect(XMLValidator.validate(text)).toBe(true);
      expect(parseFeed(text).items[0]!.title).toContain('abcdefghij 𠀋');
    }
  });

  it('shows a release withdrawn through the workflow as withdrawn, with its reason and without its old text', async () => {
    const r = await published(fx, { bodyHtml: '<p>旧正文 OLDBODY-7f3a</p>', summary: '旧摘要 OLDSUMMARY-7f3a' });
    const before = itemOf((await feed(site, '/feeds/releases.atom')).parsed, uuidOf(r.id))!;
    expect(before.description).toContain('OLDSUMMARY-7f3a');
    const withdrawn = await mutateOk(site, fx.reviewer, 'withdraw', { id: r.id, reason: '数据有误 & 需核实 <重新发布>' });
    for (const path of ['/feeds/releases.atom', '/feeds/releases.rss']) {
      const { parsed, xml: text } = await feed(site, path);
      const item = itemOf(parsed, uuidOf(r.id))!;
      expect(item.title).toBe(`【已撤回】${r.title}`);
      expect(item.description).toContain('数据有误 & 需核实 <重新发布>');
      expect(item.categories.map((c) => c.term ?? c.label)).toContain('withdrawn');
      expect(text).not.toContain('OLDSUMMARY-7f3a');
      expect(text).not.toContain('OLDBODY-7f3a');
      if (path.endsWith('.atom')) {
        expect(item.updated!.getTime()).toBe(Date.parse(withdrawn.withdrawnAt));
        const doc = xml.parse(text);
        const tombstone = doc.feed['at:deleted-entry'].find((t: Any) => t['@ref'] === `urn:uuid:${uuidOf(r.id)}`);
        expect(Date.parse(tombstone['@when'])).toBe(Date.parse(withdrawn.withdrawnAt));
        expect(tombstone['at:comment']['#text']).toContain('数据有误 & 需核实 <重新发布>');
        expect(doc.feed['@xmlns:at']).toBe('http://purl.org/atompub/tombstones/1.0');
      }
    }
  });

  it('marks a withdrawal of a release published before the window (FEED_ENTRIES=3) too', async () => {
    const old = await published(bareFx, { targetChannels: ['KIOSK'] });
    for (let i = 0; i < 3; i++) await published(bareFx, { targetChannels: ['KIOSK'] });
    const before = (await feed(bare, '/feeds/releases.atom?channel=KIOSK')).parsed;
    expect(before.items).toHaveLength(3);
    expect(itemOf(before, uuidOf(old.id))).toBeUndefined();
    await mutateOk(bare, bareFx.reviewer, 'withdraw', { id: old.id, reason: '过期信息' });
    const { parsed, xml: text } = await feed(bare, '/feeds/releases.atom?channel=KIOSK');
    expect(parsed.items).toHaveLength(4);
    expect(parsed.items[3]!.title).toBe(`【已撤回】${old.title}`);
    expect(text).toContain(`<at:deleted-entry ref="urn:uuid:${uuidOf(old.id)}"`);
    // Without PUBLIC_SITE_URL an entry links to the feed itself (at PUBLIC_API_URL), by the item's API id.
    expect(parsed.items[3]!.url).toBe(`${API}/feeds/releases.atom?channel=KIOSK#${old.id}`);
  });

  it("moves an entry's updated (and the feed's) after a correction", async () => {
    const r = await published(fx);
    const first = (await feed(site, '/feeds/releases.atom')).parsed;
    const before = itemOf(first, uuidOf(r.id))!.updated!;
    await mutateOk(site, fx.reviewer, 'update', { id: r.id, expectedVersion: r.version, title: `${r.title}（更正）`, revisionKind: 'MINOR' });
    const second = (await feed(site, '/feeds/releases.atom')).parsed;
    const item = itemOf(second, uuidOf(r.id))!;
    expect(item.title).toBe(`${r.title}（更正）`);
    expect(item.updated!.getTime()).toBeGreaterThan(before.getTime());
    expect(second.updated!.getTime()).toBeGreaterThanOrEqual(item.updated!.getTime());
    expect(second.updated!.getTime()).toBeGreaterThan(first.updated!.getTime() - 1);
  });

  it('costs at most two SQL statements for a feed, plus one lookup per named domain or org unit', async () => {
    // The process's background work (webhook cursors, the outbox) shares the client: its
    // statements and transactions are left out, and the least of three tries is the feed's own.
    const background = /"(Webhook\w*|Outbox\w*|ChannelUsage)"|^(BEGIN|COMMIT|ROLLBACK)/;
    const cost = async (path: string) => {
      const tries: string[][] = [];
      for (let i = 0; i < 3; i++) {
        // A render, not the kept document: as after a change.
        site.service.changes.changed();
        const { result, sql } = await site.countStatements(() => get(site, path));
        expect(result.status).toBe(200);
        tries.push(sql.filter((q) => !background.test(q)));
      }
      return tries.reduce((a, b) => (b.length < a.length ? b : a));
    };
    const plain = await cost('/feeds/releases.atom');
    expect(plain.length, plain.join('\n')).toBeLessThanOrEqual(2);
    const filtered = await cost(`/feeds/interpretations.rss?domain=AFFORDABLE_HOUSING&org=${fx.township.code}&channel=WEBSITE`);
    expect(filtered.length, filtered.join('\n')).toBeLessThanOrEqual(4);
  });
});

/** Statements reading content (what a render costs), leaving out the process's background work. */
const contentSql = (sql: string[]) => sql.filter((q) => /"(Release|Interpretation|Domain|OrgUnit)"/.test(q) && !/Webhook|Outbox|ChannelUsage/.test(q));

describe(`feeds: own links (${databaseLabel})`, () => {
  const hostile = { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' };

  it('never writes X-Forwarded-Host into self, fallback links or the sitemap index, even from a trusted proxy; without PUBLIC_API_URL the Host is used and named in Vary', async () => {
    site.service.changes.changed();
    const poisoned = await get(site, '/feeds/releases.atom', hostile);
    expect(poisoned.status).toBe(200);
    expect(poisoned.text).not.toContain('evil.example');
    expect(parseFeed(poisoned.text).self).toBe(`${site.url}/feeds/releases.atom`);
    expect(poisoned.headers.vary).toMatch(/\bHost\b/);
    // What everyone else gets afterwards is the same document.
    const plain = await get(site, '/feeds/releases.atom');
    expect(plain.headers.etag).toBe(poisoned.headers.etag);
    // Another Host is another document (and another cache entry), never the first one's.
    const other = await get(site, '/feeds/releases.atom', { host: 'feeds.example.org:8443', ...hostile });
    expect(parseFeed(other.text).self).toBe('http://feeds.example.org:8443/feeds/releases.atom');
    expect(parseFeed((await get(site, '/feeds/releases.atom')).text).self).toBe(`${site.url}/feeds/releases.atom`);
    // A Host that is not a host name is not written at all.
    const odd = await get(site, '/feeds/releases.rss', { host: 'a b"<x>' });
    expect(odd.status).toBe(200);
    expect(parseFeed(odd.text).self).toBe('http://localhost/feeds/releases.rss');

    const index = await get(site, '/sitemap.xml', hostile);
    expect(index.text).not.toContain('evil.example');
    const pages: string[] = xml.parse(index.text).sitemapindex.sitemap.map((s: Any) => s.loc);
    expect(pages.every((p) => p.startsWith(`${site.url}/sitemap-`))).toBe(true);
    expect(index.headers.vary).toMatch(/\bHost\b/);
    // A sitemap page names only the website: it does not vary by Host.
    expect((await get(site, '/sitemap-1.xml')).headers.vary).not.toMatch(/\bHost\b/);
  });

  it('with PUBLIC_API_URL builds them from it alone (path kept), whatever Host and X-Forwarded-* say, without Vary: Host', async () => {
    const r = await published(bareFx, { targetChannels: ['NEW_MEDIA'] });
    const res = await get(bare, '/feeds/releases.rss?channel=NEW_MEDIA', { host: 'evil.example', ...hostile });
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('evil.example');
    const parsed = parseFeed(res.text);
    expect(parsed.self).toBe(`${API}/feeds/releases.rss?channel=NEW_MEDIA`);
    expect(itemOf(parsed, uuidOf(r.id))!.url).toBe(`${API}/feeds/releases.rss?channel=NEW_MEDIA#${r.id}`);
    expect(res.headers.vary).not.toMatch(/\bHost\b/);
    expect(res.headers.vary).toContain('Accept-Encoding');
  });
});

describe(`feeds: rendered once until a change (${databaseLabel})`, () => {
  it('answers a repeated feed or sitemap without SQL, renders concurrent misses once, and shows a withdrawal through the workflow at once', async () => {
    const r = await published(fx, { summary: '缓存测试摘要 CACHED-9c1e' });
    const first = await feed(site, '/feeds/releases.atom');
    expect(itemOf(first.parsed, uuidOf(r.id))!.description).toContain('CACHED-9c1e');
    const again = await site.countStatements(() => get(site, '/feeds/releases.atom'));
    expect(contentSql(again.sql)).toEqual([]);
    expect(again.result.headers.etag).toBe(first.res.headers.etag);
    expect(again.result.text).toBe(first.xml);
    // Kept with its renditions: gzip is answered from memory too.
    const gz = await site.countStatements(() => get(site, '/feeds/releases.atom', { 'accept-encoding': 'gzip' }));
    expect(contentSql(gz.sql)).toEqual([]);
    expect(gunzipSync(gz.result.raw).toString('utf8')).toBe(first.xml);

    for (const path of ['/sitemap.xml', '/sitemap-1.xml']) {
      const once = await get(site, path);
      const twice = await site.countStatements(() => get(site, path));
      expect(contentSql(twice.sql), path).toEqual([]);
      expect(twice.result.text).toBe(once.text);
    }

    // Five requests at once after a change: one render (a render of this feed is at most two statements).
    site.service.changes.changed();
    const burst = await site.countStatements(() => Promise.all(Array.from({ length: 5 }, () => get(site, '/feeds/releases.rss?channel=WEBSITE'))));
    expect(burst.result.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(burst.result.map((a) => a.text)).size).toBe(1);
    expect(contentSql(burst.sql).length, contentSql(burst.sql).join('\n')).toBeLessThanOrEqual(2);

    await mutateOk(site, fx.reviewer, 'withdraw', { id: r.id, reason: '缓存测试撤回' });
    const after = (await feed(site, '/feeds/releases.atom')).parsed;
    expect(itemOf(after, uuidOf(r.id))!.title).toBe(`【已撤回】${r.title}`);
    expect(itemOf(after, uuidOf(r.id))!.description).not.toContain('CACHED-9c1e');
  });

  it('forgets a document after RESPONSE_CACHE_SECONDS, so changes nobody announces (an org unit renamed) show then', async () => {
    const path = `/feeds/releases.atom?org=${bareFx.township.code}`;
    const p = bare.service.db.prisma;
    const { name } = await p.orgUnit.findUniqueOrThrow({ where: { id: bareFx.township.uuid }, select: { name: true } });
    const renamed = `${name}（更名 ${Math.random().toString(36).slice(2, 6)}）`;
    bare.service.changes.changed();
    const renderedAt = Date.now();
    expect((await feed(bare, path)).parsed.title).toContain(name);
    const generation = bare.service.changes.generation;
    try {
      // Straight to the database: no outbox event, no announcement.
      await p.orgUnit.update({ where: { id: bareFx.township.uuid }, data: { name: renamed } });
      const soon = await bare.countStatements(() => get(bare, path));
      if (bare.service.changes.generation === generation && Date.now() - renderedAt < (BARE_TTL_SECONDS - 0.5) * 1000) {
        expect(contentSql(soon.sql)).toEqual([]);
        expect(parseFeed(soon.result.text).title).not.toContain(renamed);
      }
      const fresh = await pollUntil('the renamed org unit in the feed', async () => {
        const title = parseFeed((await get(bare, path)).text).title;
        return title?.includes(renamed) ? title : null;
      }, 30_000);
      expect(fresh).toContain(renamed);
      expect(Date.now() - renderedAt).toBeGreaterThanOrEqual(bare.service.changes.generation === generation ? BARE_TTL_SECONDS * 1000 - 50 : 0);
    } finally {
      await p.orgUnit.update({ where: { id: bareFx.township.uuid }, data: { name } });
    }
  });
});

describe(`feeds: HTTP (${databaseLabel})`, () => {
  it('answers an ETag, 304 on If-None-Match, HEAD without a body, public caching and gzip when asked', async () => {
    const first = await get(site, '/feeds/releases.atom');
    const etag = first.headers.etag!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(first.headers['cache-control']).toMatch(/^public, max-age=\d+, s-maxage=\d+, stale-while-revalidate=\d+$/);
    expect(first.headers.vary).toContain('Accept-Encoding');
    const again = await get(site, '/feeds/releases.atom', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.raw.length).toBe(0);
    expect(again.headers.etag).toBe(etag);
    const head = await get(site, '/feeds/releases.atom', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.raw.length).toBe(0);
    const gzipped = await get(site, '/feeds/releases.atom', { 'accept-encoding': 'gzip' });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzipped.raw).toString('utf8')).toBe(first.text);
    expect(gzipped.raw.length).toBeLessThan(first.raw.length);
  });

  it('refuses unknown or malformed parameters with 400 and a JSON error naming what is allowed', async () => {
    const cases: [string, RegExp][] = [
      ['/feeds/releases.atom?channel=TIKTOK', /channel must be one of WEBSITE, MINI_PROGRAM, KIOSK, NEW_MEDIA, OTHER/],
      ['/feeds/releases.rss?domain=NO_SUCH_DOMAIN', /unknown domain 'NO_SUCH_DOMAIN'; domain codes: .*LAND_EXPROPRIATION/],
      ['/feeds/interpretations.atom?org=nobody', /unknown org unit 'nobody'/],
      ['/feeds/releases.atom?org=' + gid('OrgUnit', '00000000-0000-7000-8000-000000000000'), /unknown org unit/],
      ['/feeds/releases.atom?page=2', /unknown parameter 'page'; allowed: domain, org, channel/],
      ['/feeds/releases.atom?channel=KIOSK&channel=WEBSITE', /given twice/],
      ['/feeds/releases.atom?domain=', /is empty/],
      ['/sitemap.xml?x=1', /takes no query parameters/],
    ];
    for (const [path, message] of cases) {
      const res = await get(site, path);
      expect(res.status, path).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      const body = JSON.parse(res.text);
      expect(body.errors[0].message, path).toMatch(message);
      expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', requestId: expect.any(String) });
    }
    const post = await get(site, '/feeds/releases.atom', {}, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });
});

// Like every public read (src/graphql/read-routing.ts): on a replica when one is configured.
// Needs TEST_REPLICA_URL (a hot standby of TEST_DATABASE_URL's server, as .ci/run starts one).
const replicaUrl = process.env.TEST_REPLICA_URL || undefined;
describe.skipIf(!testDatabaseUrl || !replicaUrl)('feeds: on a read replica (PostgreSQL streaming replica)', () => {
  let replicated: TestService;
  beforeAll(async () => {
    replicated = await startTestService({ replicaUrl, env: { PUBLIC_SITE_URL: SITE } });
  });
  afterAll(async () => {
    await replicated?.stop();
  });

  it('reads feeds, filters and the sitemap without a statement on the primary', async () => {
    for (const path of ['/feeds/releases.atom', `/feeds/interpretations.rss?domain=AFFORDABLE_HOUSING&channel=WEBSITE`, '/sitemap.xml']) {
      const { result, sql } = await replicated.countStatements(() => get(replicated, path));
      expect(result.status, path).toBe(200);
      expect(sql.filter((q) => /"(Release|Interpretation|Domain|OrgUnit)"/.test(q) && !/Webhook|Outbox/.test(q)), path).toEqual([]);
    }
  });
});

describe(`sitemap (${databaseLabel})`, () => {
  it('lists every website page by the permalink template, in an index of pages of at most SITEMAP_URLS_PER_FILE keyset-paged URLs', async () => {
    const withdrawnRelease = await releaseIn(fx, 'WITHDRAWN');
    const index = await get(site, '/sitemap.xml');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(XMLValidator.validate(index.text)).toBe(true);
    const pages: string[] = xml.parse(index.text).sitemapindex.sitemap.map((s: Any) => s.loc);
    expect(pages[0]).toBe(`${site.url}/sitemap-1.xml`);
    const locs: string[] = [];
    for (const [i, page] of pages.entries()) {
      expect(page).toBe(`${site.url}/sitemap-${i + 1}.xml`);
      const res = await get(site, new URL(page).pathname);
      expect(res.status).toBe(200);
      expect(XMLValidator.validate(res.text)).toBe(true);
      const urls = xml.parse(res.text).urlset.url ?? [];
      expect(urls.length).toBeGreaterThan(0);
      expect(urls.length).toBeLessThanOrEqual(URLS_PER_FILE);
      for (const u of urls) expect(Number.isNaN(Date.parse(u.lastmod))).toBe(false);
      locs.push(...urls.map((u: Any) => u.loc));
    }
    expect((await get(site, `/sitemap-${pages.length + 1}.xml`)).status).toBe(404);
    // Independently: what the website shows (published or repealed, targeted at WEBSITE).
    const now = new Date();
    const p = site.service.db.prisma;
    const releases = await p.release.findMany({ where: { status: { in: ['PUBLISHED', 'REPEALED'] }, publishedAt: { lte: now }, targetChannels: { has: 'WEBSITE' } }, select: { indexNo: true } });
    const interpretations = await p.interpretation.findMany({ where: { status: 'PUBLISHED', publishedAt: { lte: now }, targetChannels: { has: 'WEBSITE' } }, select: { id: true } });
    const expected = [...releases.map((r) => `${SITE}/xxgk/${r.indexNo}`), ...interpretations.map((i) => `${SITE}/jd/${gid('Interpretation', i.id)}`)];
    expect([...locs].sort()).toEqual([...expected].sort());
    expect(new Set(locs).size).toBe(locs.length);
    expect(locs).not.toContain(`${SITE}/xxgk/${withdrawnRelease.indexNo}`);
  });

  it('is absent (404 with a clear message) without PUBLIC_SITE_URL', async () => {
    for (const path of ['/sitemap.xml', '/sitemap-1.xml']) {
      const res = await get(bare, path);
      expect(res.status).toBe(404);
      expect(JSON.parse(res.text).errors[0].message).toMatch(/PUBLIC_SITE_URL/);
    }
  });
});

describe(`permalinks (${databaseLabel})`, () => {
  const URLS = `query($id: ID!) {
    node(id: $id) { ... on Release { url indexNo } }
    interpretations(first: 1) { edges { node { id url } } }
    publicQuestions(first: 1) { edges { node { id url } } }
  }`;

  it('gives Release.url, Interpretation.url and the public Q&A url from the templates when PUBLIC_SITE_URL is set', async () => {
    const r = await published(fx);
    const data = await callData(site, anonymous, URLS, { id: r.id });
    expect(data.node.url).toBe(`${SITE}/xxgk/${r.indexNo}`);
    expect(data.node.url).toMatch(/\/xxgk\/[0-9A-Z]+\/\d{6}-\d{5}$/);
    const i = data.interpretations.edges[0].node;
    expect(i.url).toBe(`${SITE}/jd/${i.id}`);
    const q = data.publicQuestions.edges[0].node;
    expect(q.url).toBe(`${SITE}/hygq/${q.id}`);
    // Never published: no page yet.
    const draft = await releaseIn(fx, 'DRAFT');
    const staff = await callData(site, fx.editor, `query($id: ID!) { node(id: $id) { ... on Release { url } } }`, { id: draft.id });
    expect(staff.node.url).toBeNull();
  });

  it('answers null for every url without PUBLIC_SITE_URL', async () => {
    const r = await published(bareFx);
    const data = await callData(bare, anonymous, URLS, { id: r.id });
    expect(data.node.url).toBeNull();
    expect(data.interpretations.edges[0].node.url).toBeNull();
    expect(data.publicQuestions.edges[0].node.url).toBeNull();
  });

  it('encodes each part of an index number as a path segment and {id} as one', () => {
    const settings: PermalinkSettings = { siteUrl: 'https://example.gov.cn/portal', releasePath: '/xxgk/{indexNo}.html?from={id}', interpretationPath: '/jd/{id}', questionPath: '/q/{id}' };
    const id = '01890a5d-ac96-774b-bcce-b302099a8057';
    expect(permalink(settings, 'release', { id, indexNo: '11341182 A/202611-00001' })).toBe(`https://example.gov.cn/portal/xxgk/11341182%20A/202611-00001.html?from=${gid('Release', id)}`);
    expect(permalink(settings, 'release', { id, indexNo: null })).toBeNull();
    expect(permalink(settings, 'question', { id })).toBe(`https://example.gov.cn/portal/q/${gid('PublicQuestion', id)}`);
  });
});

describe('permalink settings', () => {
  const base = { NODE_ENV: 'test', JWT_SECRET: TEST_JWT_SECRET };
  it('normalizes PUBLIC_SITE_URL and keeps the default templates', () => {
    const config = loadConfig({ ...base, PUBLIC_SITE_URL: 'https://www.mingguang.gov.cn/xxgk/' });
    expect(config.publicSite).toEqual({ siteUrl: 'https://www.mingguang.gov.cn/xxgk', releasePath: '/xxgk/{indexNo}', interpretationPath: '/jd/{id}', questionPath: '/hygq/{id}' });
    expect(loadConfig(base).publicSite.siteUrl).toBeUndefined();
    expect(loadConfig({ ...base, PUBLIC_RELEASE_PATH: '/content/{id}.html' }).publicSite.releasePath).toBe('/content/{id}.html');
    expect(loadConfig(base).feeds).toEqual({ entries: 50, sitemapUrlsPerFile: 50_000 });
    expect(loadConfig(base).publicApiUrl).toBeUndefined();
    expect(loadConfig({ ...base, PUBLIC_API_URL: 'https://api.mingguang.gov.cn/gongkai/' }).publicApiUrl).toBe('https://api.mingguang.gov.cn/gongkai');
  });

  it('refuses a bad site URL, templates without a placeholder, unknown placeholders and bad feed sizes with a clear ConfigError', () => {
    const refused: [Record<string, string>, RegExp][] = [
      [{ PUBLIC_SITE_URL: 'www.mingguang.gov.cn' }, /PUBLIC_SITE_URL must be an absolute http:\/\/ or https:\/\/ URL/],
      [{ PUBLIC_SITE_URL: 'ftp://mingguang.gov.cn' }, /PUBLIC_SITE_URL must be an http:\/\/ or https:\/\/ URL/],
      [{ PUBLIC_SITE_URL: 'https://mingguang.gov.cn/?a=1' }, /PUBLIC_SITE_URL must not have a query/],
      [{ PUBLIC_RELEASE_PATH: '/xxgk/' }, /PUBLIC_RELEASE_PATH must contain \{indexNo\} or \{id\}/],
      [{ PUBLIC_RELEASE_PATH: 'xxgk/{id}' }, /PUBLIC_RELEASE_PATH must start with '\/'/],
      [{ PUBLIC_INTERPRETATION_PATH: '/jd/{indexNo}' }, /PUBLIC_INTERPRETATION_PATH has the unknown placeholder \{indexNo\} \(allowed: \{id\}\)/],
      [{ PUBLIC_QUESTION_PATH: '/hygq/{id} x' }, /PUBLIC_QUESTION_PATH may hold only URL path characters/],
      [{ FEED_ENTRIES: '0' }, /FEED_ENTRIES must be an integer between 1 and 500/],
      [{ SITEMAP_URLS_PER_FILE: '50001' }, /SITEMAP_URLS_PER_FILE must be an integer between 1 and 50000/],
      [{ PUBLIC_API_URL: 'api.mingguang.gov.cn' }, /PUBLIC_API_URL must be an absolute http:\/\/ or https:\/\/ URL/],
      [{ PUBLIC_API_URL: 'https://api.mingguang.gov.cn/#x' }, /PUBLIC_API_URL must not have a query or fragment/],
    ];
    for (const [env, message] of refused) {
      expect(() => loadConfig({ ...base, ...env }), JSON.stringify(env)).toThrow(message);
      try {
        loadConfig({ ...base, ...env });
      } catch (error) {
        expect((error as Error).name).toBe('ConfigError');
      }
    }
  });
});
