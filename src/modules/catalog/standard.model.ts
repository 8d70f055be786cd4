// Shapes of the structured (JSON) columns of a disclosure standard, and their validation.
// Stored as JSON because each is an ordered list read whole; validated on every write.

export const LegalBasisKind = {
  /** 【法律】 */
  LAW: 'LAW',
  /** 【行政法规】/【条例】 */
  ADMINISTRATIVE_REGULATION: 'ADMINISTRATIVE_REGULATION',
  /** 【地方性法规】 */
  LOCAL_REGULATION: 'LOCAL_REGULATION',
  /** 【规章】 (部门规章、地方政府规章) */
  RULE: 'RULE',
  /** 【规范性文件】 */
  NORMATIVE_DOCUMENT: 'NORMATIVE_DOCUMENT',
  OTHER: 'OTHER',
} as const;
export type LegalBasisKind = (typeof LegalBasisKind)[keyof typeof LegalBasisKind];

/** 公开依据: one cited instrument. */
export interface LegalCitation {
  kind: LegalBasisKind;
  /** 《中华人民共和国政府信息公开条例》 */
  title: string;
  /** 文号, e.g. 国务院令第711号 */
  docNo?: string | null;
  /** Cited articles, e.g. 第二十条 */
  articles?: string | null;
}

/** 公开内容(要素): ● required or 〇 optional element. */
export interface ContentElement {
  name: string;
  required: boolean;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const optionalString = (v: unknown) => v === undefined || v === null || typeof v === 'string';

/** Parses stored or submitted legal-basis JSON; throws with the position of the first bad item. */
export function parseLegalBasis(value: unknown): LegalCitation[] {
  if (!Array.isArray(value)) throw new TypeError('legalBasis: expected a list');
  return value.map((item, i) => {
    if (
      !isRecord(item) ||
      typeof item.kind !== 'string' ||
      !(item.kind in LegalBasisKind) ||
      typeof item.title !== 'string' ||
      item.title.trim() === '' ||
      !optionalString(item.docNo) ||
      !optionalString(item.articles)
    ) {
      throw new TypeError(`legalBasis[${i}]: expected { kind, title, docNo?, articles? }`);
    }
    return {
      kind: item.kind as LegalBasisKind,
      title: item.title,
      docNo: (item.docNo as string | undefined) ?? null,
      articles: (item.articles as string | undefined) ?? null,
    };
  });
}

export function parseContentElements(value: unknown): ContentElement[] {
  if (!Array.isArray(value)) throw new TypeError('contentElements: expected a list');
  return value.map((item, i) => {
    if (!isRecord(item) || typeof item.name !== 'string' || item.name.trim() === '' || typeof item.required !== 'boolean') {
      throw new TypeError(`contentElements[${i}]: expected { name, required }`);
    }
    return { name: item.name, required: item.required };
  });
}
