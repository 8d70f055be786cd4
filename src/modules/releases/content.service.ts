// Body content: stored sanitized by an allow-list, with plain-text and summary renditions
// derived from it. Whatever an editor pastes, only these tags, attributes and URL schemes
// survive: no script, no event handlers, no javascript: URLs, no styles or remote resources.
import sanitizeHtml from 'sanitize-html';

const ALLOWED_TAGS = [
  'p', 'br', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup', 'blockquote',
  'ul', 'ol', 'li', 'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'a', 'img', 'hr', 'span', 'div', 'pre', 'code',
];

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'width', 'height'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan', 'scope'],
    ol: ['start'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['https'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Text inside these is dropped with the tag, not kept as visible text.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'iframe', 'object', 'embed'],
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener noreferrer' } }),
  },
  enforceHtmlBoundary: false,
};
// rel is added by the transform above; it must also be allowed to survive.
(SANITIZE_OPTIONS.allowedAttributes as Record<string, string[]>).a!.push('rel');

/** Block boundaries: a line break on either side, so text never runs into the next block. */
const BLOCK_BOUNDARY = /<\/?(p|h[1-6]|li|tr|blockquote|div|pre|table|thead|tbody|tfoot|caption|ul|ol)\b[^>]*>|<br\s*\/?>|<hr\s*\/?>/gi;

export interface BodyRenditions {
  bodyHtml: string;
  bodyText: string;
  summary: string;
}

export const SUMMARY_MAX_CHARS = 100;

/** Longest body, in characters, as given and as stored (sanitizing can lengthen it: `<` → `&lt;`). */
export const MAX_BODY_CHARS = 1_000_000;

export function sanitizeBody(html: string): string {
  return sanitizeHtml(html, SANITIZE_OPTIONS).trim();
}

const OVER_LIMIT = Symbol('over the limit');

/**
 * `sanitizeBody(html)`, or null as soon as it is certain to exceed `maxChars`: sanitizing can
 * lengthen a body (`<` → `&lt;`), and a body that will be refused should not cost its whole
 * rendering first. The count is a lower bound of the result's length — each text chunk's
 * trimmed length, as it is appended — so nothing within the limit is ever refused.
 */
export function sanitizeBodyWithin(html: string, maxChars: number): string | null {
  let atLeast = 0;
  const textFilter = (text: string) => {
    atLeast += text.trim().length;
    if (atLeast > maxChars) throw OVER_LIMIT;
    return text;
  };
  try {
    const sanitized = sanitizeHtml(html, { ...SANITIZE_OPTIONS, textFilter }).trim();
    return sanitized.length > maxChars ? null : sanitized;
  } catch (error) {
    if (error === OVER_LIMIT) return null;
    throw error;
  }
}

/** Plain text of sanitized HTML: block elements become line breaks, entities decoded. */
export function htmlToText(html: string): string {
  const withBreaks = html.replace(BLOCK_BOUNDARY, (m) => `\n${m}\n`).replace(/<\/t[dh]>/gi, '$&\t');
  const text = sanitizeHtml(withBreaks, { allowedTags: [], allowedAttributes: {}, nonTextTags: SANITIZE_OPTIONS.nonTextTags });
  return decodeEntities(text)
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

function decodeEntities(text: string): string {
  return text
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');
}

/** 内容概述: the first ≤100 characters of the text, cut at a sentence end when one is near. */
export function summarize(text: string, max = SUMMARY_MAX_CHARS): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  if (chars.length <= max) return flat;
  const head = chars.slice(0, max).join('');
  const cut = Math.max(head.lastIndexOf('。'), head.lastIndexOf('；'), head.lastIndexOf('！'), head.lastIndexOf('？'));
  return cut >= max * 0.6 ? head.slice(0, cut + 1) : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * The stored renditions of a body, or null when the sanitized body would exceed `maxChars`.
 * A hand-written summary wins over the derived one but is itself reduced to plain text and capped.
 */
export function renderBody(html: string, summary?: string | null, maxChars = MAX_BODY_CHARS): BodyRenditions | null {
  const bodyHtml = sanitizeBodyWithin(html, maxChars);
  if (bodyHtml === null) return null;
  const bodyText = htmlToText(bodyHtml);
  const given = summary?.trim() ? summarize(htmlToText(sanitizeBody(summary))) : '';
  return { bodyHtml, bodyText, summary: given || summarize(bodyText) };
}
