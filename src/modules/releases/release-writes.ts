// The row-level writes every path to a release goes through (workflow mutations, seeds):
// a draft with its first revision, and publication with its index number, deadline check and
// published edition. Callers run these inside a transaction and own permissions and audit.
import { Prisma, type ChannelKind, type DisclosureStage, type RevisionKind } from '../../generated/prisma/client.js';
import { uuidv7 } from '../../ids.js';
import { htmlToText, summarize, type BodyRenditions } from './content.service.js';
import { allocateIndexNo } from './index-number.service.js';
import { releaseDeadline } from './release-deadline.service.js';
import type { Attachment } from './release.model.js';
import { SUBJECTS } from '../workflow/editorial-subjects.js';

type Tx = Prisma.TransactionClient;

export interface ReleaseContent {
  title: string;
  docNo?: string | null;
  stage: DisclosureStage;
  topic?: string | null;
  genre?: string | null;
  keywords?: string[];
  bodyHtml: string;
  summary?: string | null;
  attachments?: Attachment[];
  /** 封面 — a hosted image's id. */
  coverFileId?: string | null;
  targetChannels: ChannelKind[];
  issuedAt?: Date | null;
  effectiveAt?: Date | null;
  formedAt?: Date | null;
}

export interface NewDraft extends ReleaseContent {
  matterId: string;
  publisherId: string;
}

type ReleaseRow = Prisma.ReleaseGetPayload<object>;

/**
 * A stored summary if it was written by hand; null if it is the one derived from the body (so
 * an edited body gets a summary derived again, while a hand-written one stays).
 */
export function handWrittenSummary(summary: string | null, bodyText: string): string | null {
  return summary === summarize(bodyText) ? null : summary;
}

/** The content of a stored release, as the base an edit is merged over. */
export function contentOf(r: ReleaseRow): ReleaseContent {
  return {
    title: r.title,
    docNo: r.docNo,
    stage: r.stage,
    topic: r.topic,
    genre: r.genre,
    keywords: r.keywords,
    bodyHtml: r.bodyHtml,
    summary: handWrittenSummary(r.summary, r.bodyText),
    attachments: r.attachments as unknown as Attachment[],
    coverFileId: r.coverFileId,
    targetChannels: r.targetChannels,
    issuedAt: r.issuedAt,
    effectiveAt: r.effectiveAt,
    formedAt: r.formedAt,
  };
}

/** What a revision keeps of a release (its content, built by PostgreSQL from the row): one definition for every writer. */
const SNAPSHOT_OF_RELEASE = SUBJECTS.Release.snapshot;

/** The content a revision kept (the inverse of SNAPSHOT_OF_RELEASE), to restore it. */
export function contentOfSnapshot(snapshot: Record<string, unknown>): ReleaseContent {
  const date = (v: unknown) => (typeof v === 'string' ? new Date(v) : null);
  return {
    title: snapshot.title as string,
    docNo: snapshot.docNo as string | null,
    stage: snapshot.stage as DisclosureStage,
    topic: snapshot.topic as string | null,
    genre: snapshot.genre as string | null,
    keywords: snapshot.keywords as string[],
    bodyHtml: snapshot.bodyHtml as string,
    summary: handWrittenSummary(snapshot.summary as string | null, htmlToText(snapshot.bodyHtml as string)),
    attachments: snapshot.attachments as Attachment[],
    coverFileId: (snapshot.coverFileId as string | null | undefined) ?? null,
    targetChannels: snapshot.targetChannels as ChannelKind[],
    issuedAt: date(snapshot.issuedAt),
    effectiveAt: date(snapshot.effectiveAt),
    formedAt: date(snapshot.formedAt),
  };
}

/**
 * For writes that set the body: the row comes back without it — a maximal body is megabytes read
 * back and parsed on the event loop, for callers that need none of it.
 */
export const BODY_NOT_READ_BACK = { bodyHtml: true, bodyText: true } as const;
export type ReleaseRowWithoutBody = Omit<ReleaseRow, keyof typeof BODY_NOT_READ_BACK>;

/**
 * Column values for content and its rendered body (sanitized HTML, text, summary), which the
 * caller renders off the event loop before its transaction (body-renderer.ts).
 */
export function contentColumns(c: ReleaseContent, { bodyHtml, bodyText, summary }: BodyRenditions) {
  return {
    title: c.title,
    docNo: c.docNo ?? null,
    stage: c.stage,
    topic: c.topic ?? null,
    genre: c.genre ?? null,
    keywords: c.keywords ?? [],
    bodyHtml,
    bodyText,
    summary,
    attachments: (c.attachments ?? []) as unknown as Prisma.InputJsonValue,
    coverFileId: c.coverFileId ?? null,
    targetChannels: c.targetChannels,
    issuedAt: c.issuedAt ?? null,
    effectiveAt: c.effectiveAt ?? null,
    formedAt: c.formedAt ?? null,
  };
}

export async function addRevision(tx: Tx, releaseId: string, kind: RevisionKind, changeNote: string | null, authorId: string | null): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "Revision" ("id", "releaseId", "number", "kind", "changeNote", "status", "snapshot", "authorId")
    SELECT ${uuidv7()}::uuid, r."id",
           COALESCE((SELECT max(v."number") FROM "Revision" v WHERE v."releaseId" = r."id"), 0) + 1,
           ${kind}::"RevisionKind", ${changeNote}, r."status", ${SNAPSHOT_OF_RELEASE}, ${authorId}::uuid
    FROM "Release" r WHERE r."id" = ${releaseId}::uuid`;
}

/** Creates a draft and its first revision; dueAt follows from formedAt and the matter's standard. */
export async function insertDraft(tx: Tx, draft: NewDraft, body: BodyRenditions, authorId: string | null, timeZone: string, now: Date): Promise<ReleaseRowWithoutBody> {
  const deadline = draft.formedAt ? await releaseDeadline(tx, draft.matterId, draft.formedAt, timeZone) : null;
  const release = await tx.release.create({
    data: {
      ...contentColumns(draft, body),
      matterId: draft.matterId,
      publisherId: draft.publisherId,
      status: 'DRAFT',
      dueAt: deadline?.dueAt ?? null,
      generatedAt: now,
      createdById: authorId,
      updatedById: authorId,
    },
    omit: BODY_NOT_READ_BACK,
  });
  await addRevision(tx, release.id, 'MAJOR', '创建草稿', authorId);
  return release;
}

/**
 * Makes a release public at `at`: assigns its 索引号 on first publication, records whether it
 * met its deadline, and stores the published edition as a revision.
 */
export async function markPublished(
  tx: Tx,
  releaseId: string,
  at: Date,
  authorId: string | null,
  timeZone: string,
  changeNote = '发布',
): Promise<ReleaseRow> {
  const current = await tx.release.findUniqueOrThrow({ where: { id: releaseId }, include: { publisher: { select: { id: true, code: true } } } });
  const index = current.indexNo ? null : await allocateIndexNo(tx, current.publisher, at, timeZone);
  const first = current.firstPublishedAt === null;
  const release = await tx.release.update({
    where: { id: releaseId },
    data: {
      status: 'PUBLISHED',
      publishedAt: at,
      publishAt: null,
      ...(index ?? {}),
      ...(first ? { firstPublishedAt: at, publishedOnTime: current.dueAt ? at <= current.dueAt : null } : {}),
      version: { increment: 1 },
      updatedById: authorId,
    },
  });
  await addRevision(tx, release.id, 'MAJOR', changeNote, authorId);
  return release;
}
