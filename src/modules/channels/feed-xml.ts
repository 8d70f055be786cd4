// Atom (RFC 4287, with RFC 6721 tombstones), RSS 2.0 and sitemaps-protocol documents from feed
// entries. Text is escaped, never wrapped in CDATA (a `]]>` in a title cannot end anything),
// and characters XML 1.0 forbids (control characters, lone surrogates, U+FFFE/U+FFFF) are
// dropped. The output depends only on its input, so equal content gives equal bytes (ETags).
import type { FeedEntry } from './feed.service.js';

/** Characters not allowed in an XML 1.0 document (a lone surrogate included). */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `value` as XML character data or an attribute value (quotes escaped too). */
export function xmlText(value: string): string {
  return value
    .replace(FORBIDDEN, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const WITHDRAWN_PREFIX = '【已撤回】';
const REPEALED_PREFIX = '【已废止】';

export interface FeedDocument {
  /** Feed title (e.g. 公开信息 · 征地补偿). */
  title: string;
  subtitle: string;
  /** Stable identifier of the feed (its canonical URL). */
  id: string;
  /** The feed's own URL (rel="self"). */
  selfUrl: string;
  /** The website (rel="alternate"), when configured. */
  siteUrl: string | undefined;
  entries: readonly RenderedEntry[];
}

export interface RenderedEntry extends FeedEntry {
  /** Where a reader goes: the permalink, or the fallback `<feed URL>#<id>`. */
  link: string;
}

/** A stable, location-independent entry id: the database id as a UUID URN (survives a new site URL). */
const entryId = (e: FeedEntry) => `urn:uuid:${e.id}`;

const titleOf = (e: FeedEntry) => (e.state.kind === 'withdrawn' ? WITHDRAWN_PREFIX : e.state.repealed ? REPEALED_PREFIX : '') + e.title;

/** The withdrawal notice's text: the reason, never anything of the old body. */
const noticeOf = (reason: string) => `已撤回。撤回原因：${reason || '未说明'}`;

/** The newest `updated` of the entries; the epoch for an empty feed (a constant, so the bytes stay stable). */
export function feedUpdated(entries: readonly FeedEntry[]): Date {
  return new Date(Math.max(0, ...entries.map((e) => e.updatedAt.getTime())));
}

/** Atom 1.0; a withdrawn item is an entry titled 【已撤回】 with the reason, plus an RFC 6721 tombstone. */
export function renderAtom(doc: FeedDocument): string {
  const lines: string[] = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:at="http://purl.org/atompub/tombstones/1.0" xml:lang="zh-CN">',
    `  <id>${xmlText(doc.id)}</id>`,
    `  <title type="text">${xmlText(doc.title)}</title>`,
    `  <subtitle type="text">${xmlText(doc.subtitle)}</subtitle>`,
    `  <updated>${feedUpdated(doc.entries).toISOString()}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlText(doc.selfUrl)}"/>`,
    ...(doc.siteUrl ? [`  <link rel="alternate" type="text/html" href="${xmlText(doc.siteUrl)}"/>`] : []),
    '  <generator>Gongkai</generator>',
  ];
  for (const e of doc.entries) {
    lines.push(
      '  <entry>',
      `    <id>${xmlText(entryId(e))}</id>`,
      `    <title type="text">${xmlText(titleOf(e))}</title>`,
      `    <link rel="alternate" type="text/html" href="${xmlText(e.link)}"/>`,
      `    <published>${e.publishedAt.toISOString()}</published>`,
      `    <updated>${e.updatedAt.toISOString()}</updated>`,
      `    <author><name>${xmlText(e.author)}</name></author>`,
    );
    if (e.category) lines.push(`    <category term="${xmlText(e.category.term)}" label="${xmlText(e.category.label)}"/>`);
    if (e.state.kind === 'withdrawn') {
      lines.push('    <category scheme="urn:gongkai:status" term="withdrawn" label="已撤回"/>', `    <summary type="text">${xmlText(noticeOf(e.state.reason))}</summary>`);
    } else {
      if (e.state.repealed) lines.push('    <category scheme="urn:gongkai:status" term="repealed" label="已废止"/>');
      lines.push(`    <summary type="text">${xmlText(e.state.summary)}</summary>`);
    }
    lines.push('  </entry>');
  }
  for (const e of doc.entries) {
    if (e.state.kind !== 'withdrawn') continue;
    lines.push(
      `  <at:deleted-entry ref="${xmlText(entryId(e))}" when="${e.state.at.toISOString()}">`,
      `    <link rel="alternate" type="text/html" href="${xmlText(e.link)}"/>`,
      `    <at:comment xml:lang="zh-CN">${xmlText(noticeOf(e.state.reason))}</at:comment>`,
      '  </at:deleted-entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}

/** RFC 822 date, as RSS 2.0 wants it. */
const rfc822 = (d: Date) => d.toUTCString();

/** RSS 2.0; a withdrawn item is titled 【已撤回】, carries the reason and `<category domain="urn:gongkai:status">withdrawn</category>`. */
export function renderRss(doc: FeedDocument): string {
  const lines: string[] = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '  <channel>',
    `    <title>${xmlText(doc.title)}</title>`,
    `    <link>${xmlText(doc.siteUrl ?? doc.selfUrl)}</link>`,
    `    <description>${xmlText(doc.subtitle)}</description>`,
    '    <language>zh-CN</language>',
    `    <lastBuildDate>${rfc822(feedUpdated(doc.entries))}</lastBuildDate>`,
    `    <atom:link rel="self" type="application/rss+xml" href="${xmlText(doc.selfUrl)}"/>`,
    '    <generator>Gongkai</generator>',
  ];
  for (const e of doc.entries) {
    lines.push(
      '    <item>',
      `      <title>${xmlText(titleOf(e))}</title>`,
      `      <link>${xmlText(e.link)}</link>`,
      `      <guid isPermaLink="false">${xmlText(entryId(e))}</guid>`,
      // A withdrawal notice is news of its own: dated when it was withdrawn.
      `      <pubDate>${rfc822(e.state.kind === 'withdrawn' ? e.state.at : e.publishedAt)}</pubDate>`,
    );
    if (e.category) lines.push(`      <category domain="urn:gongkai:domain">${xmlText(e.category.label)}</category>`);
    if (e.state.kind === 'withdrawn') {
      lines.push('      <category domain="urn:gongkai:status">withdrawn</category>', `      <description>${xmlText(noticeOf(e.state.reason))}</description>`);
    } else {
      if (e.state.repealed) lines.push('      <category domain="urn:gongkai:status">repealed</category>');
      lines.push(`      <description>${xmlText(e.state.summary)}</description>`);
    }
    lines.push('    </item>');
  }
  lines.push('  </channel>', '</rss>', '');
  return lines.join('\n');
}

/** A sitemaps.org `<urlset>`. */
export function renderUrlset(urls: readonly { loc: string; lastmod: Date }[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...urls.map((u) => `  <url><loc>${xmlText(u.loc)}</loc><lastmod>${u.lastmod.toISOString()}</lastmod></url>`),
    '</urlset>',
    '',
  ].join('\n');
}

/** A sitemaps.org `<sitemapindex>`. */
export function renderSitemapIndex(locs: readonly string[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...locs.map((loc) => `  <sitemap><loc>${xmlText(loc)}</loc></sitemap>`),
    '</sitemapindex>',
    '',
  ].join('\n');
}
