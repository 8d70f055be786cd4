// Atom/RSS feeds and the sitemap over HTTP: /feeds/{releases,interpretations}.{atom,rss}
// (?domain=&org=&channel=), /sitemap.xml and /sitemap-<n>.xml. Public, unauthenticated, read on
// a replica when there is one (like every public read), answered through the shared cacheable
// path (ETag, 304, gzip/br) and kept rendered until the next change (src/http/document-cache.ts).
// What the documents hold is decided in src/modules/channels.
//
// The documents' own absolute URLs (rel="self", an entry's fallback link, the sitemap index's
// <loc>s) come from PUBLIC_API_URL, or without it from the request's Host header — never from
// X-Forwarded-Host/-Proto: the answers are `public, s-maxage`, and a header a shared cache does
// not key on must not change what it keeps for everyone.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { isConnectionError } from '../db/connection-errors.js';
import type { ChangeBus } from '../modules/changes/change-bus.js';
import { ChannelKind } from '../generated/prisma/enums.js';
import { ErrorCode, RETRY_AFTER_SECONDS, SERVICE_UNAVAILABLE_MESSAGE } from '../graphql/errors.js';
import { encodeGlobalId } from '../graphql/global-id.js';
import { renderAtom, renderRss, renderSitemapIndex, renderUrlset, type FeedDocument } from '../modules/channels/feed-xml.js';
import { domainByCode, domainCodes, feedEntries, orgUnitByReference, sitemapPage, sitemapSize, type FeedFilter, type FeedKind } from '../modules/channels/feed.service.js';
import { permalink } from '../modules/channels/permalinks.js';
import { HttpError } from './body.js';
import { DocumentCache, type CachedDocument } from './document-cache.js';
import { publicCacheControl, sendCacheable, varyWith } from './http-cache.js';

export interface FeedRoutesDependencies {
  config: Pick<Config, 'publicSite' | 'publicApiUrl' | 'feeds' | 'httpCache'>;
  db: Pick<Database, 'reader' | 'replicaPools'>;
  /** Every announcement makes the kept documents stale. */
  changes: ChangeBus;
}

export interface FeedRoutes {
  /** Whether the path is a feed or a sitemap. */
  handles(pathname: string): boolean;
  /** Answers a request for such a path (errors are thrown as HttpError, answered by the caller). */
  serve(req: IncomingMessage, res: ServerResponse, url: URL, requestId: string): Promise<void>;
  /** The kept documents (tests). */
  readonly cache: DocumentCache;
  stop(): void;
}

const FEEDS: Record<string, { kind: FeedKind; format: 'atom' | 'rss' }> = {
  '/feeds/releases.atom': { kind: 'releases', format: 'atom' },
  '/feeds/releases.rss': { kind: 'releases', format: 'rss' },
  '/feeds/interpretations.atom': { kind: 'interpretations', format: 'atom' },
  '/feeds/interpretations.rss': { kind: 'interpretations', format: 'rss' },
};
const SITEMAP_PAGE = /^\/sitemap-([1-9][0-9]{0,5})\.xml$/;
const FEED_PARAMS = ['domain', 'org', 'channel'] as const;
const CHANNEL_KINDS = Object.values(ChannelKind) as ChannelKind[];

const CONTENT_TYPE = { atom: 'application/atom+xml; charset=utf-8', rss: 'application/rss+xml; charset=utf-8', sitemap: 'application/xml; charset=utf-8' } as const;
const KIND_TITLE: Record<FeedKind, string> = { releases: '公开信息', interpretations: '政策解读' };
const CHANNEL_TITLE: Record<ChannelKind, string> = { WEBSITE: '政府网站', MINI_PROGRAM: '微信小程序', KIOSK: '自助终端', NEW_MEDIA: '新媒体', OTHER: '其他渠道' };

const badParameter = (message: string) => new HttpError(400, message, ErrorCode.BAD_USER_INPUT);

/** A host[:port] we are willing to write into a document (anything else is replaced by localhost). */
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * Without PUBLIC_API_URL: this server's origin from the connection and its Host header (what
 * shared caches key on), a Host that is not a plain host name giving localhost rather than
 * arbitrary text in a cached document. X-Forwarded-* are ignored even from TRUSTED_PROXIES.
 */
function hostOrigin(req: IncomingMessage): string {
  const host = req.headers.host ?? '';
  return `${(req.socket as TLSSocket).encrypted ? 'https' : 'http'}://${HOST.test(host) ? host.toLowerCase() : 'localhost'}`;
}

export function createFeedRoutes({ config, db, changes }: FeedRoutesDependencies): FeedRoutes {
  const cacheControl = publicCacheControl(config.httpCache);
  const site = config.publicSite;
  const cache = new DocumentCache({
    maxBytes: config.httpCache.responseCacheMaxBytes,
    ttlSeconds: config.httpCache.responseCacheSeconds,
    changes,
    // Replicas may lag a change by a second or so (as for the public response cache, src/http/app.ts).
    settleAfterChangeMs: db.replicaPools.length > 0 ? 2_000 : 0,
  });

  /** The base of the documents' own URLs, and whether it came from the request (then the answer varies by Host). */
  function apiBase(req: IncomingMessage): { base: string; fromHost: boolean } {
    return config.publicApiUrl !== undefined ? { base: config.publicApiUrl, fromHost: false } : { base: hostOrigin(req), fromHost: true };
  }

  function send(req: IncomingMessage, res: ServerResponse, requestId: string, doc: CachedDocument, fromHost: boolean): void {
    // Only without PUBLIC_API_URL does the document depend on Host: caches that key on the
    // upstream's name rather than the client's Host (nginx's default proxy_cache_key) keep apart.
    if (fromHost) res.setHeader('vary', varyWith(res, 'Host'));
    sendCacheable(req, res, { contentType: doc.contentType, body: doc.body, etag: doc.etag, encoded: doc.encoded, cacheControl, headers: { 'x-request-id': requestId } });
  }

  /** The query parameters, each at most once and only the known ones. */
  function parameters(url: URL, allowed: readonly string[]): Map<string, string> {
    const found = new Map<string, string>();
    for (const [name, value] of url.searchParams) {
      if (!allowed.includes(name)) {
        throw badParameter(allowed.length === 0 ? `${url.pathname} takes no query parameters, got '${name}'.` : `${url.pathname}: unknown parameter '${name}'; allowed: ${allowed.join(', ')}.`);
      }
      if (found.has(name)) throw badParameter(`${url.pathname}: parameter '${name}' is given twice.`);
      if (value.trim() === '') throw badParameter(`${url.pathname}: parameter '${name}' is empty.`);
      found.set(name, value.trim());
    }
    return found;
  }

  /** The filter the parameters name; unknown domains, org units and channel kinds are refused (400). */
  async function filterOf(params: Map<string, string>): Promise<FeedFilter> {
    const reader = db.reader();
    const filter: FeedFilter = {};
    const channel = params.get('channel');
    if (channel !== undefined) {
      if (!CHANNEL_KINDS.includes(channel as ChannelKind)) throw badParameter(`feeds: channel must be one of ${CHANNEL_KINDS.join(', ')}, got '${channel}'.`);
      filter.channel = channel as ChannelKind;
    }
    const domainCode = params.get('domain');
    const orgReference = params.get('org');
    const [domain, org] = await Promise.all([
      domainCode === undefined ? undefined : domainByCode(reader, domainCode),
      orgReference === undefined ? undefined : orgUnitByReference(reader, orgReference),
    ]);
    if (domainCode !== undefined && !domain) throw badParameter(`feeds: unknown domain '${domainCode}'; domain codes: ${(await domainCodes(reader)).join(', ')}.`);
    if (orgReference !== undefined && !org) throw badParameter(`feeds: unknown org unit '${orgReference}'; org takes an org unit's code (机构代码) or id (see the orgUnits query).`);
    if (domain) filter.domain = domain;
    if (org) filter.org = org;
    return filter;
  }

  async function serveFeed(req: IncomingMessage, res: ServerResponse, url: URL, requestId: string, feed: { kind: FeedKind; format: 'atom' | 'rss' }): Promise<void> {
    const params = parameters(url, FEED_PARAMS);
    // The canonical self URL: known parameters in a fixed order, so equal feeds have one address
    // (and one cache entry).
    const query = new URLSearchParams(FEED_PARAMS.flatMap((p): [string, string][] => (params.has(p) ? [[p, params.get(p)!]] : [])));
    const { base, fromHost } = apiBase(req);
    const selfUrl = `${base}${url.pathname}${query.size > 0 ? `?${query}` : ''}`;
    const doc = await cache.get(selfUrl, () => renderFeed(feed, params, selfUrl));
    send(req, res, requestId, doc, fromHost);
  }

  async function renderFeed(feed: { kind: FeedKind; format: 'atom' | 'rss' }, params: Map<string, string>, selfUrl: string): Promise<{ contentType: string; body: Buffer }> {
    const filter = await filterOf(params);
    const entries = await feedEntries(db.reader(), feed.kind, filter, new Date(), config.feeds.entries);
    const itemKind = feed.kind === 'releases' ? 'release' : 'interpretation';
    const typename = feed.kind === 'releases' ? 'Release' : 'Interpretation';
    const scope = [filter.domain?.name, filter.org?.name, filter.channel ? CHANNEL_TITLE[filter.channel] : undefined].filter(Boolean);
    const doc: FeedDocument = {
      title: [KIND_TITLE[feed.kind], ...scope].join(' · '),
      subtitle: `${KIND_TITLE[feed.kind]}：最新 ${config.feeds.entries} 条，按发布时间倒序；已撤回的标为【已撤回】 — the newest ${config.feeds.entries}, newest first; withdrawn items are marked.`,
      id: selfUrl,
      selfUrl,
      siteUrl: site.siteUrl,
      entries: entries.map((e) => ({ ...e, link: permalink(site, itemKind, e) ?? `${selfUrl}#${encodeGlobalId(typename, e.id)}` })),
    };
    const xml = feed.format === 'atom' ? renderAtom(doc) : renderRss(doc);
    return { contentType: CONTENT_TYPE[feed.format], body: Buffer.from(xml, 'utf8') };
  }

  async function serveSitemap(req: IncomingMessage, res: ServerResponse, url: URL, requestId: string, page: number | undefined): Promise<void> {
    parameters(url, []);
    if (site.siteUrl === undefined) {
      throw new HttpError(404, '站点地图未启用 — the sitemap needs PUBLIC_SITE_URL (the website\'s address) to be configured.', 'NOT_FOUND');
    }
    // Only /sitemap.xml (an index when there are several pages) names this API's address; a
    // page is the same whatever the Host.
    const { base, fromHost } = page === undefined ? apiBase(req) : { base: '', fromHost: false };
    const doc = await cache.get(`${base}${url.pathname}`, () => renderSitemap(url, page, base));
    send(req, res, requestId, doc, fromHost);
  }

  async function renderSitemap(url: URL, page: number | undefined, base: string): Promise<{ contentType: string; body: Buffer }> {
    const reader = db.reader();
    const now = new Date();
    const per = config.feeds.sitemapUrlsPerFile;
    const size = await sitemapSize(reader, now);
    const releasePages = Math.ceil(size.releases / per);
    const pages = releasePages + Math.ceil(size.interpretations / per);
    let xml: string;
    if (page === undefined && pages > 1) {
      xml = renderSitemapIndex(Array.from({ length: pages }, (_v, i) => `${base}/sitemap-${i + 1}.xml`));
    } else {
      const urls =
        page === undefined
          ? [...(await sitemapPage(reader, 'release', 0, per, now)), ...(await sitemapPage(reader, 'interpretation', 0, per, now))]
          : page <= releasePages
            ? await sitemapPage(reader, 'release', page - 1, per, now)
            : page <= pages
              ? await sitemapPage(reader, 'interpretation', page - 1 - releasePages, per, now)
              : undefined;
      if (!urls) throw new HttpError(404, `${url.pathname}: the sitemap has ${Math.max(pages, 1)} page(s).`, 'NOT_FOUND');
      xml = renderUrlset(urls.flatMap((u) => {
        const loc = permalink(site, u.kind, u);
        return loc ? [{ loc, lastmod: u.lastmod }] : [];
      }));
    }
    return { contentType: CONTENT_TYPE.sitemap, body: Buffer.from(xml, 'utf8') };
  }

  return {
    cache,
    stop: () => cache.stop(),
    handles: (pathname) => Object.hasOwn(FEEDS, pathname) || pathname === '/sitemap.xml' || SITEMAP_PAGE.test(pathname),
    async serve(req, res, url, requestId) {
      const method = (req.method ?? 'GET').toUpperCase();
      if (method !== 'GET' && method !== 'HEAD') throw new HttpError(405, `${url.pathname} answers GET and HEAD only.`, 'METHOD_NOT_ALLOWED', { allow: 'GET, HEAD' });
      try {
        const feed = Object.hasOwn(FEEDS, url.pathname) ? FEEDS[url.pathname] : undefined;
        if (feed) return await serveFeed(req, res, url, requestId, feed);
        const page = SITEMAP_PAGE.exec(url.pathname)?.[1];
        return await serveSitemap(req, res, url, requestId, page === undefined ? undefined : Number(page));
      } catch (error) {
        if (isConnectionError(error)) throw new HttpError(503, SERVICE_UNAVAILABLE_MESSAGE, ErrorCode.SERVICE_UNAVAILABLE, { 'retry-after': String(RETRY_AFTER_SECONDS) });
        throw error;
      }
    },
  };
}
