// Body sanitizing and renditions (content.service.ts), and the check characters of
// 组织机构代码 / 统一社会信用代码 (credit-code.ts). Unit tests: no database.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { htmlToText, MAX_BODY_CHARS, renderBody, sanitizeBody, sanitizeBodyWithin, summarize, SUMMARY_MAX_CHARS } from '../src/modules/releases/content.service.js';
import { creditCode, organizationCode } from '../src/seed/credit-code.js';
import { orgTree, type SeedOrgUnit } from '../src/seed/data/org-tree.js';

describe('sanitizeBody: what is removed', () => {
  it('removes script tags together with their content, in any case', () => {
    expect(sanitizeBody('<p>前<script>alert(1)</script>后</p>')).toBe('<p>前后</p>');
    expect(sanitizeBody('<SCRIPT type="text/javascript">document.cookie</SCRIPT><p>ok</p>')).toBe('<p>ok</p>');
    const html = sanitizeBody('<svg><script>alert(1)</script></svg><p>x</p>');
    expect(html).not.toMatch(/script|alert|svg/i);
  });

  it('removes on* event handlers', () => {
    const html = sanitizeBody('<p onclick="steal()" onmouseover="steal()">点</p><img src="https://a.gov.cn/x.png" onerror="steal()">');
    expect(html).toBe('<p>点</p><img src="https://a.gov.cn/x.png" />');
    expect(html).not.toMatch(/\bon\w+=/i);
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java&#x09;script:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    '//evil.example/x',
  ])('removes the href %j from a link but keeps its text', (href) => {
    const html = sanitizeBody(`<a href="${href}">链接</a>`);
    expect(html).not.toContain('href');
    expect(html).not.toMatch(/javascript|vbscript|data:|evil/i);
    expect(html).toContain('链接');
  });

  it.each(['javascript:alert(1)', 'data:image/png;base64,iVBORw0KGgo=', 'http://a.gov.cn/x.png', '//a.gov.cn/x.png', 'vbscript:x'])(
    'removes the img src %j (images must be https)',
    (src) => {
      const html = sanitizeBody(`<img src="${src}" alt="图">`);
      expect(html).not.toContain('src=');
      expect(html).toBe('<img alt="图" />');
    },
  );

  it('keeps an https image with its alt, width and height, and drops srcset', () => {
    expect(sanitizeBody('<img src="https://a.gov.cn/x.png" alt="图" width="100" height="50" srcset="javascript:alert(1)">')).toBe(
      '<img src="https://a.gov.cn/x.png" alt="图" width="100" height="50" />',
    );
  });

  it('removes style attributes and <style>, <link>, <iframe>, <object>, <embed>, <base>, <meta>, <form>', () => {
    const html = sanitizeBody(
      '<p style="color:red;background:url(javascript:x)">s</p><style>p{color:red}</style>' +
        '<link rel="stylesheet" href="https://x.example/y.css"><iframe src="https://evil.example">框</iframe>' +
        '<object data="x.swf">obj</object><embed src="x.swf"><base href="https://evil.example/">' +
        '<meta http-equiv="refresh" content="0;url=https://evil.example"><form action="https://evil.example"><input name="a"></form>',
    );
    expect(html).toBe('<p>s</p>');
  });

  it('removes class, id and data attributes from allowed tags', () => {
    expect(sanitizeBody('<p class="c" id="i" data-x="1" title="t">x</p>')).toBe('<p>x</p>');
  });
});

describe('sanitizeBody: what is kept', () => {
  it('keeps p, h2, table, strong, ul/li and https links', () => {
    const input =
      '<h2>征地补偿标准</h2><p><strong>一、</strong>补偿范围</p><ul><li>土地补偿费</li><li>安置补助费</li></ul>' +
      '<table><tbody><tr><th scope="col">地类</th><td colspan="2">水田</td></tr></tbody></table>';
    expect(sanitizeBody(input)).toBe(input);
  });

  it('adds rel="noopener noreferrer" to links, replacing whatever rel was given, and drops target', () => {
    expect(sanitizeBody('<a href="https://www.gov.cn/" title="中国政府网">政府网</a>')).toBe(
      '<a href="https://www.gov.cn/" title="中国政府网" rel="noopener noreferrer">政府网</a>',
    );
    expect(sanitizeBody('<a href="https://www.gov.cn/" rel="opener" target="_blank">x</a>')).toBe(
      '<a href="https://www.gov.cn/" rel="noopener noreferrer">x</a>',
    );
  });

  it('keeps mailto: and tel: links', () => {
    expect(sanitizeBody('<a href="mailto:zwgk@mingguang.gov.cn">信箱</a>')).toContain('href="mailto:zwgk@mingguang.gov.cn"');
    expect(sanitizeBody('<a href="tel:0550-8888888">电话</a>')).toContain('href="tel:0550-8888888"');
  });
});

/** renderBody for bodies well within the limit, which always render. */
const rendered = (html: string, summary?: string | null) => renderBody(html, summary)!;

describe('sanitizeBodyWithin: a body that sanitizing lengthens past the limit', () => {
  it('is refused (null) without rendering it whole, and a body within the limit is kept', () => {
    expect(sanitizeBodyWithin('<'.repeat(400_000), MAX_BODY_CHARS)).toBeNull();
    expect(sanitizeBodyWithin('&'.repeat(200_000), MAX_BODY_CHARS)).toBe('&amp;'.repeat(200_000));
    expect(sanitizeBodyWithin('&'.repeat(200_001), MAX_BODY_CHARS)).toBeNull();
    expect(sanitizeBodyWithin('<p>a < b</p>', 15)).toBe('<p>a &lt; b</p>');
    expect(sanitizeBodyWithin('<p>a < b</p>', 14)).toBeNull();
    expect(renderBody('<a href="https://a.gov.cn/">x</a>'.repeat(40), null, 1000)).toBeNull();
  });

  // The early refusal counts a lower bound of the result's length: it must never refuse what fits.
  it('is null exactly when the sanitized result is longer than the limit (any HTML, any limit)', () => {
    const piece = fc.constantFrom('<', '>', '&', '&lt;', ' ', '\n', '征', 'a', '<p>', '</p>', '<b>', '<script>', '</script>', '<a href="https://a.gov.cn/">', '</a>', '<!--', '-->', '<br>', '"', '<noscript>', '</noscript>');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), fc.nat(120), (pieces, limit) => {
        const html = pieces.join('');
        const full = sanitizeBody(html);
        expect(sanitizeBodyWithin(html, limit)).toBe(full.length > limit ? null : full);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('renderBody: bodyText and summary', () => {
  it('decodes entities in bodyText', () => {
    const { bodyText } = rendered('<p>A &amp; B &lt;c&gt; &quot;d&quot; &#39;e&#39;&nbsp;f &#20013; &amp;lt;</p>');
    expect(bodyText).toBe(`A & B <c> "d" 'e' f 中 &lt;`);
  });

  it('puts line breaks between blocks and at <br>, and none inside a block', () => {
    const { bodyText } = rendered(
      '<h2>标题</h2><p>第一段<strong>加粗</strong>文字</p><p>第二段</p><ul><li>一</li><li>二</li></ul><table><tr><td>甲</td><td>乙</td></tr></table>第三行<br>第四行',
    );
    expect(bodyText).toBe('标题\n第一段加粗文字\n第二段\n一\n二\n甲 乙\n第三行\n第四行');
  });

  // Text before a block's opening tag must not run into the block.
  it('breaks the line before a block that follows inline text (nested lists, text before <p>/<table>/<hr>)', () => {
    expect(rendered('<ul><li>一、补偿标准<ul><li>（一）土地补偿费</li><li>（二）安置补助费</li></ul></li></ul>').bodyText).toBe(
      '一、补偿标准\n（一）土地补偿费\n（二）安置补助费',
    );
    expect(rendered('<h3>附件</h3>说明如下<p>正文</p>').bodyText).toBe('附件\n说明如下\n正文');
    expect(rendered('<div>补偿明细<table><tr><td>甲</td><td>乙</td></tr></table></div>').bodyText).toBe('补偿明细\n甲 乙');
    expect(rendered('段落一<hr>段落二').bodyText).toBe('段落一\n段落二');
  });

  it('keeps no text of removed script/style elements', () => {
    expect(htmlToText('<p>正文</p><script>var secret = 1;</script><style>p{}</style>')).toBe('正文');
    expect(rendered('<p>正文</p><script>var secret = 1;</script>').bodyText).toBe('正文');
  });

  it('derives a summary of at most 100 characters', () => {
    expect(SUMMARY_MAX_CHARS).toBe(100);
    const body = `<p>${'明光市张八岭镇岭南村'.repeat(30)}</p>`;
    const { summary } = rendered(body);
    expect([...summary].length).toBeLessThanOrEqual(100);
    expect([...summary].length).toBeGreaterThanOrEqual(90);
    expect(summary.endsWith('…')).toBe(true);
  });

  it('cuts the summary at a sentence end (。) when one is near the limit', () => {
    const first = '为进一步做好明光市基层政务公开标准化规范化工作，根据国务院办公厅有关文件要求，结合我市实际，现就征地补偿信息公开有关事项通知如下。';
    expect([...first].length).toBe(65);
    const text = first + '一、公开范围包括征地告知书、征地公告、征地补偿安置方案公告等内容，各乡镇应当按照规定时限予以公开。'.repeat(3);
    expect(summarize(text)).toBe(first);
    expect(rendered(`<p>${first}</p><p>${text.slice(first.length)}</p>`).summary).toBe(first);
  });

  it('does not cut at a sentence end that is far from the limit', () => {
    const text = '本通知自发布之日起施行。' + '这是一段很长的没有句号的说明文字'.repeat(10);
    const summary = summarize(text);
    expect([...summary].length).toBe(100);
    expect(summary.endsWith('…')).toBe(true);
    expect(summary.startsWith('本通知自发布之日起施行。这是')).toBe(true);
  });

  it('keeps a short text whole as its own summary', () => {
    expect(rendered('<p>正文内容。</p>').summary).toBe('正文内容。');
  });

  it('reduces a hand-written summary with HTML to plain text', () => {
    const r = rendered('<p>正文内容。</p>', '<b>手写</b>摘要<script>alert(1)</script> &amp; <a href="javascript:x">说明</a>');
    expect(r.summary).toBe('手写摘要 & 说明');
  });

  it('caps a hand-written summary at 100 characters', () => {
    const r = rendered('<p>正文。</p>', '摘'.repeat(150));
    expect([...r.summary].length).toBe(100);
  });

  it('falls back to the derived summary when the hand-written one is blank', () => {
    expect(rendered('<p>正文内容。</p>', '   ').summary).toBe('正文内容。');
    expect(rendered('<p>正文内容。</p>', null).summary).toBe('正文内容。');
  });
});

// ---- 组织机构代码 (GB 11714-1997) and 统一社会信用代码 (GB 32100-2015) -------------------------

/** Independent check of a 9-character 组织机构代码: weights 3 7 9 10 5 8 4 2, C9 = 11 − (Σ mod 11). */
function isValidOrganizationCode(code: string): boolean {
  const w = [3, 7, 9, 10, 5, 8, 4, 2];
  const value = (c: string) => parseInt(c, 36); // 0-9 → 0-9, A → 10 … Z → 35
  const sum = [...code.slice(0, 8)].reduce((a, c, i) => a + value(c) * w[i]!, 0);
  const c9 = 11 - (sum % 11);
  return code[8] === (c9 === 10 ? 'X' : c9 === 11 ? '0' : String(c9));
}

/** Independent check of an 18-character 统一社会信用代码: weights 3^i mod 31, check = (31 − Σ mod 31) mod 31. */
function isValidCreditCode(code: string): boolean {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  if (code.length !== 18 || [...code].some((c) => !chars.includes(c))) return false;
  let weight = 1;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += chars.indexOf(code[i]!) * weight;
    weight = (weight * 3) % 31;
  }
  return code[17] === chars[(31 - (sum % 31)) % 31];
}

describe('organizationCode (GB 11714)', () => {
  it("gives the standard's example D2143569 the check character X", () => {
    // By hand: D = 13.  13·3 + 2·7 + 1·9 + 4·10 + 3·5 + 5·8 + 6·4 + 9·2
    //        = 39 + 14 + 9 + 40 + 15 + 40 + 24 + 18 = 199;  199 mod 11 = 1;  11 − 1 = 10 → 'X'.
    expect(organizationCode('D2143569')).toBe('D2143569X');
  });

  it('gives 19220382 (华为技术有限公司) the check digit 1', () => {
    // 1·3 + 9·7 + 2·9 + 2·10 + 0·5 + 3·8 + 8·4 + 2·2 = 3+63+18+20+0+24+32+4 = 164;
    // 164 mod 11 = 10;  11 − 10 = 1.
    expect(organizationCode('19220382')).toBe('192203821');
  });

  it('writes 0 when 11 − (Σ mod 11) is 11', () => {
    expect(organizationCode('00000000')).toBe('000000000');
  });

  it('changes the check character when any digit of the body changes', () => {
    // Weights are non-zero mod 11 and a digit changes by 1–9, so the sum mod 11 always changes.
    const body = '19220382';
    const check = organizationCode(body).at(-1);
    for (let i = 0; i < 8; i++) {
      for (const d of '0123456789') {
        if (d === body[i]) continue;
        const changed = body.slice(0, i) + d + body.slice(i + 1);
        expect(organizationCode(changed).at(-1), changed).not.toBe(check);
      }
    }
  });

  it('rejects bodies that are not 8 characters of 0-9A-Z', () => {
    expect(() => organizationCode('1922038')).toThrow();
    expect(() => organizationCode('1922038a')).toThrow();
    expect(() => organizationCode('192203821')).toThrow();
  });
});

describe('creditCode (GB 32100)', () => {
  it('reproduces a real 统一社会信用代码: 华为技术有限公司 914403001922038216', () => {
    // 9 1 | 4 4 0 3 0 0 | 1 9 2 2 0 3 8 2 1, weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28:
    // 9 + 3 + 36 + 108 + 0 + 78 + 0 + 0 + 20 + 261 + 50 + 26 + 0 + 72 + 80 + 60 + 28 = 831;
    // 831 mod 31 = 25;  31 − 25 = 6 → '6'.
    // Registration 91 (工商, 企业) is outside the seed's type; the arithmetic is the same.
    expect(creditCode('440300', '19220382', '91' as unknown as '11')).toBe('914403001922038216');
    expect(isValidCreditCode('914403001922038216')).toBe(true);
  });

  it('changes the check character when any digit of the area code or the registration changes', () => {
    // Weights are 1–30 and 31 is prime: a one-character change always moves the sum mod 31.
    const area = '341182';
    const base = creditCode(area, '00310001', '11');
    for (let i = 0; i < 6; i++) {
      for (const d of '0123456789') {
        if (d === area[i]) continue;
        const changed = area.slice(0, i) + d + area.slice(i + 1);
        expect(creditCode(changed, '00310001', '11').at(-1), changed).not.toBe(base.at(-1));
      }
    }
    expect(creditCode(area, '00310001', '12').at(-1)).not.toBe(base.at(-1));
    expect(creditCode(area, '00310001', '54').at(-1)).not.toBe(base.at(-1));
  });

  it('embeds the 组织机构代码 with its own check character', () => {
    const code = creditCode('341182', 'D2143569', '11');
    expect(code.slice(0, 8)).toBe('11341182');
    expect(code.slice(8, 17)).toBe('D2143569X');
    expect(isValidCreditCode(code)).toBe(true);
  });

  it('gives every seeded org unit a valid 统一社会信用代码', () => {
    const codes: string[] = [];
    const visit = (u: SeedOrgUnit) => {
      codes.push(u.code);
      (u.children ?? []).forEach(visit);
    };
    visit(orgTree);
    expect(codes.length).toBeGreaterThan(20);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) {
      expect(isValidCreditCode(code), code).toBe(true);
      expect(isValidOrganizationCode(code.slice(8, 17)), code).toBe(true);
      expect(code.slice(2, 8), code).toBe('341182');
    }
  });
});
