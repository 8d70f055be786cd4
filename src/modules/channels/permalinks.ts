// Permalinks (链接): where the county's website shows a release, an interpretation or a public
// Q&A, from PUBLIC_SITE_URL and a path template. One module, used by the schema's `url` fields,
// the feeds and the sitemap, so the three always agree.
//
// Placeholders: `{id}` is the item's API id (the global id `node(id:)` takes, URL-safe base64),
// `{indexNo}` a release's 索引号. An index number holds a `/` (`<orgCode>/<YYYYMM>-<serial>`): it
// is kept as a path separator and each part is percent-encoded on its own, so
// `/xxgk/{indexNo}` gives `/xxgk/113411820031000197/202611-00001`. An encoded `%2F` inside one
// segment is refused or decoded by many web servers and proxies (Apache's AllowEncodedSlashes,
// some CDNs), which would break the link.
import { encodeGlobalId } from '../../graphql/global-id.js';

export type PermalinkKind = 'release' | 'interpretation' | 'question';

export interface PermalinkSettings {
  /** Absolute http(s) URL of the public website, without a trailing slash; undefined = no permalinks. */
  siteUrl: string | undefined;
  releasePath: string;
  interpretationPath: string;
  questionPath: string;
}

export const DEFAULT_PATHS = { release: '/xxgk/{indexNo}', interpretation: '/jd/{id}', question: '/hygq/{id}' } as const;

/** Which placeholders each kind's template may use (interpretations and Q&A have no index number). */
export const PLACEHOLDERS: Record<PermalinkKind, readonly string[]> = {
  release: ['indexNo', 'id'],
  interpretation: ['id'],
  question: ['id'],
};

/** The API type whose global id `{id}` stands for. */
const TYPE_NAME: Record<PermalinkKind, string> = { release: 'Release', interpretation: 'Interpretation', question: 'PublicQuestion' };

/** Characters a path template may hold outside placeholders (RFC 3986 pchar, `/` and a query). */
const TEMPLATE_TEXT = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]*$/;

/**
 * What is wrong with a path template for `kind`, or undefined when it is usable: it must start
 * with `/`, name at least one placeholder of the kind, no other, and hold only URL characters.
 */
export function pathTemplateProblem(template: string, kind: PermalinkKind): string | undefined {
  const allowed = PLACEHOLDERS[kind];
  const names = [...template.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]!);
  const unknown = names.filter((n) => !allowed.includes(n));
  if (!template.startsWith('/')) return `must start with '/', got '${template}'`;
  if (unknown.length > 0) return `has the unknown placeholder {${unknown[0]}} (allowed: ${allowed.map((a) => `{${a}}`).join(', ')})`;
  if (names.length === 0) return `must contain ${allowed.map((a) => `{${a}}`).join(' or ')}, got '${template}'`;
  const text = template.replace(/\{[^{}]*\}/g, '');
  if (!TEMPLATE_TEXT.test(text) || /%(?![0-9A-Fa-f]{2})/.test(text)) return `may hold only URL path characters besides its placeholders, got '${template}'`;
  return undefined;
}

/** What is wrong with PUBLIC_SITE_URL, or the normalized URL (no trailing slash). */
export function parseSiteUrl(raw: string): { url: string } | { problem: string } {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    return { problem: `must be an absolute http:// or https:// URL, got '${raw}'` };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { problem: `must be an http:// or https:// URL, got '${raw}'` };
  if (parsed.username || parsed.password) return { problem: 'must not contain credentials' };
  if (parsed.search || parsed.hash || raw.includes('?') || raw.includes('#')) return { problem: `must not have a query or fragment, got '${raw}'` };
  return { url: `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}` };
}

/** The item a permalink names: its database id, and for releases the index number. */
export interface PermalinkSubject {
  id: string;
  indexNo?: string | null;
}

/**
 * The item's public address, or null when no site is configured or the template needs an index
 * number the release does not have yet (it was never published).
 */
export function permalink(settings: PermalinkSettings, kind: PermalinkKind, subject: PermalinkSubject): string | null {
  if (settings.siteUrl === undefined) return null;
  const template = kind === 'release' ? settings.releasePath : kind === 'interpretation' ? settings.interpretationPath : settings.questionPath;
  let missing = false;
  const path = template.replace(/\{(indexNo|id)\}/g, (_m, name: string) => {
    if (name === 'id') return encodeURIComponent(encodeGlobalId(TYPE_NAME[kind], subject.id));
    if (!subject.indexNo) {
      missing = true;
      return '';
    }
    return subject.indexNo.split('/').map(encodeURIComponent).join('/');
  });
  return missing ? null : settings.siteUrl + path;
}
