// Trusted documents (GraphQL-over-HTTP "persisted documents", Appendix A): the client preset's
// manifest (`npm run codegen` → examples/__generated__/persisted-documents.json, sha256 of each
// document → its text) is loaded at start-up, and a request may name a document by its id —
// `{"documentId": "sha256:<hex>", "variables": …}` in a POST body, `?documentId=…&variables=…` in
// a GET — instead of sending its text. The id is turned into the text here, before Apollo reads
// the request, so the rest of the pipeline (limits, cost, caching of parsed documents) is the
// same for both. This is an allow-list, not a cache: documents are only ever added by deploying
// a manifest; Apollo's automatic persisted queries stay off (anyone could register those).
//
// Who may still send text (security checklist G13): staff always (the playground), anonymous
// callers unless ANONYMOUS_QUERY_TEXT=trusted-only (then only the sign-in mutations, so staff can
// still sign in), channel keys only when their `trustedDocumentsOnly` flag is off (keys issued
// before trusted documents existed).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { GraphQLError, Kind, parse } from 'graphql';
import type { Viewer } from '../auth/viewer.js';
import { ConfigError, type TrustedDocumentsConfig } from '../config.js';
import { ErrorCode } from '../graphql/errors.js';
import { HttpError } from './body.js';

/** Mutations an anonymous caller may send as text even when ANONYMOUS_QUERY_TEXT=trusted-only. */
const SIGN_IN_FIELDS = new Set(['login', 'refreshToken', 'logout']);

const SHA256_ID = /^sha256:[0-9a-f]{64}$/;

/** The documents a server accepts by id, from one or more manifests. */
export class TrustedDocuments {
  private constructor(private readonly documents: ReadonlyMap<string, string>) {}

  /**
   * Reads the manifests (JSON objects of id → document text). A file that cannot be read, or an
   * entry whose id is not the sha256 of its text, fails the start: a manifest that does not say
   * what it allows is worse than none.
   */
  static load(files: readonly string[]): TrustedDocuments {
    const documents = new Map<string, string>();
    for (const file of files) {
      let manifest: unknown;
      try {
        manifest = JSON.parse(readFileSync(file, 'utf8'));
      } catch (error) {
        throw new ConfigError(`config: trusted-documents manifest '${file}' could not be read (${(error as Error).message}); run \`npm run codegen\` or fix TRUSTED_DOCUMENTS_MANIFEST`);
      }
      if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) {
        throw new ConfigError(`config: trusted-documents manifest '${file}' must be a JSON object of "sha256:<hex>": "<document>"`);
      }
      for (const [id, text] of Object.entries(manifest)) {
        if (typeof text !== 'string' || !SHA256_ID.test(id) || id !== documentIdOf(text)) {
          throw new ConfigError(`config: trusted-documents manifest '${file}': entry '${id.slice(0, 80)}' is not "sha256:<hex of its text>": "<document>"`);
        }
        documents.set(id, text);
      }
    }
    return new TrustedDocuments(documents);
  }

  get size(): number {
    return this.documents.size;
  }

  /** The text of a trusted document, if `id` names one. */
  lookup(id: string): string | undefined {
    return this.documents.get(id);
  }
}

/** The GraphQL-over-HTTP SHA256 hex document identifier of a document's text. */
export function documentIdOf(text: string): string {
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}

/** A request with any documentId replaced by its text, and how the document came. */
export interface ResolvedDocument {
  search: string;
  body: unknown;
  /** The id the request named (undefined when it sent text, or neither). */
  documentId: string | undefined;
  /** The query text the caller sent itself (undefined when it named a document, or sent none). */
  queryText: string | undefined;
}

function notFound(id: string): HttpError {
  return new HttpError(
    400,
    `未知的可信文档 — no trusted document has the id '${id.slice(0, 80)}'. Send an id from the manifest the server was deployed with ` +
      '(`npm run codegen` writes examples/__generated__/persisted-documents.json).',
    'PERSISTED_DOCUMENT_NOT_FOUND',
  );
}

function resolveId(documents: TrustedDocuments, id: unknown, hasQuery: boolean): string {
  if (hasQuery) throw new HttpError(400, 'Send either `query` or `documentId`, not both.', 'BAD_REQUEST');
  if (typeof id !== 'string') throw new HttpError(400, '`documentId` must be a string such as "sha256:<hex>".', 'BAD_REQUEST');
  const text = documents.lookup(id);
  if (text === undefined) throw notFound(id);
  return text;
}

/**
 * Replaces a `documentId` (POST JSON body or GET parameter) by the document's text, so Apollo sees
 * an ordinary request. An unknown id is answered 400 PERSISTED_DOCUMENT_NOT_FOUND (HttpError).
 */
export function resolveTrustedDocument(documents: TrustedDocuments, method: string, search: string, body: unknown): ResolvedDocument {
  if (method === 'GET') {
    const params = new URLSearchParams(search);
    if (!params.has('documentId')) return { search, body, documentId: undefined, queryText: params.get('query') ?? undefined };
    const id = params.get('documentId');
    params.set('query', resolveId(documents, id, params.has('query')));
    params.delete('documentId');
    return { search: `?${params.toString()}`, body, documentId: id!, queryText: undefined };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { search, body, documentId: undefined, queryText: undefined };
  }
  const { documentId, ...rest } = body as Record<string, unknown>;
  if (documentId === undefined) {
    return { search, body, documentId: undefined, queryText: typeof rest.query === 'string' ? rest.query : undefined };
  }
  const text = resolveId(documents, documentId, rest.query !== undefined);
  return { search, body: { ...rest, query: text }, documentId: documentId as string, queryText: undefined };
}

function persistedDocumentRequired(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.PERSISTED_DOCUMENT_REQUIRED, http: { status: 400 } } });
}

/** Whether a document's operations are only the sign-in mutations (login, refreshToken, logout). */
function onlySignIn(text: string): boolean {
  try {
    const document = parse(text, { maxTokens: 200 });
    return document.definitions.every(
      (d) =>
        d.kind === Kind.OPERATION_DEFINITION &&
        d.operation === 'mutation' &&
        d.selectionSet.selections.every((s) => s.kind === Kind.FIELD && (SIGN_IN_FIELDS.has(s.name.value) || s.name.value === '__typename')),
    );
  } catch {
    return false;
  }
}

/**
 * Refuses query text from callers that may only name trusted documents — before anything is
 * parsed or run. Called once the caller is known (Apollo's context), with the request as resolved
 * by resolveTrustedDocument.
 */
export function admitQueryText(viewer: Viewer, document: Pick<ResolvedDocument, 'documentId' | 'queryText'>, config: Pick<TrustedDocumentsConfig, 'anonymousQueryText'>): void {
  if (document.documentId !== undefined) return;
  if (viewer.kind === 'channel' && viewer.trustedDocumentsOnly) {
    throw persistedDocumentRequired(
      '须使用可信文档 — this API key accepts only trusted documents: send {"documentId": "sha256:<hex>"} with an id from the manifest ' +
        '(`npm run codegen` writes examples/__generated__/persisted-documents.json), or ask an admin to allow query text for the key (updateApiKey).',
    );
  }
  // A draft preview token counts as anonymous here, as everywhere but its one release.
  if ((viewer.kind === 'anonymous' || viewer.kind === 'preview') && config.anonymousQueryText === 'trusted-only' && !(document.queryText !== undefined && onlySignIn(document.queryText))) {
    throw persistedDocumentRequired(
      '须使用可信文档 — anonymous callers may only send trusted documents here: send {"documentId": "sha256:<hex>"} with an id from the manifest ' +
        '(`npm run codegen` writes examples/__generated__/persisted-documents.json), or sign in.',
    );
  }
}
