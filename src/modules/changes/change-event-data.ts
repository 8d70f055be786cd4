// What an event says to a reader who may see it (webhook `data`): thin — ids, index number,
// title, times, the correction's note — never a body. The subject is read as it stands now,
// through the same row filters as every other read, so an event for a release since withdrawn
// says "withdrawn" and carries its tombstone, not what it used to say.
import type { Viewer } from '../../auth/viewer.js';
import type { Db } from '../../db/database.js';
import { encodeGlobalId } from '../../graphql/global-id.js';
import { publicQuestionWhere } from '../concerns/concern.permissions.js';
import { interpretationReadWhere } from '../interpretations/interpretation.permissions.js';
import { releaseReadWhere } from '../releases/release.permissions.js';
import { eventTypeOf, isNoticeType, visibleTo, type OutboxRow } from './change-feed.js';

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

/** A withdrawn subject: what it was and why it went, nothing of what it said. */
function tombstone(row: OutboxRow, current: { indexNo?: string | null; title?: string | null; withdrawnAt?: Date | null; withdrawalReason?: string | null } | null) {
  const p = row.payload;
  return {
    withdrawn: true,
    indexNo: current?.indexNo ?? (p.indexNo as string | undefined) ?? null,
    title: current?.title ?? (p.title as string | undefined) ?? null,
    withdrawnAt: iso(current?.withdrawnAt) ?? (p.withdrawnAt as string | undefined) ?? null,
    reason: current?.withdrawalReason ?? (p.withdrawalReason as string | undefined) ?? null,
  };
}

/**
 * A notice's data (reminder.due_soon, disclosure_request.extended): its payload as written —
 * counts, ids, due times, tracking numbers, never personal data — under the common keys.
 */
export function noticeEventData(row: OutboxRow): Record<string, unknown> {
  return {
    ...row.payload,
    type: eventTypeOf(row),
    occurredAt: row.occurredAt.toISOString(),
    id: encodeGlobalId(row.aggregateType, row.aggregateId),
    orgUnitId: row.orgUnitId,
  };
}

/**
 * The event's data as `viewer` may read it now (JSON-ready); null when the viewer may not see
 * the event, or no longer sees its subject at all.
 */
export async function eventData(db: Db, row: OutboxRow, viewer: Viewer, now = new Date(), staffUnitIds?: ReadonlySet<string>): Promise<Record<string, unknown> | null> {
  if (!visibleTo(row, viewer, staffUnitIds)) return null;
  const type = eventTypeOf(row);
  if (isNoticeType(type)) return noticeEventData(row);
  const base = { type, occurredAt: row.occurredAt.toISOString(), id: encodeGlobalId(row.aggregateType, row.aggregateId) };
  switch (row.aggregateType) {
    case 'Release': {
      const r = await db.release.findFirst({
        where: { id: row.aggregateId, AND: [releaseReadWhere(viewer, now)] },
        select: { indexNo: true, title: true, status: true, publishedAt: true, withdrawnAt: true, withdrawalReason: true, repealedAt: true, targetChannels: true, version: true },
      });
      if (!r) return type === 'release.withdrawn' ? { ...base, ...tombstone(row, null) } : null;
      if (r.status === 'WITHDRAWN') return { ...base, status: r.status, ...tombstone(row, r) };
      return {
        ...base,
        status: r.status,
        indexNo: r.indexNo,
        title: r.title,
        publishedAt: iso(r.publishedAt),
        repealedAt: r.repealedAt?.toISOString().slice(0, 10) ?? null,
        channels: r.targetChannels,
        version: r.version,
        ...(type === 'release.corrected' ? { revisionKind: row.payload.revisionKind ?? null, changeNote: row.payload.changeNote ?? null } : {}),
      };
    }
    case 'Interpretation': {
      const i = await db.interpretation.findFirst({
        where: { id: row.aggregateId, AND: [interpretationReadWhere(viewer, now)] },
        select: { title: true, form: true, status: true, publishedAt: true, withdrawnAt: true, withdrawalReason: true, targetChannels: true, version: true, policies: { select: { releaseId: true } } },
      });
      if (!i) return type === 'interpretation.withdrawn' ? { ...base, ...tombstone(row, null) } : null;
      if (i.status === 'WITHDRAWN') return { ...base, status: i.status, ...tombstone(row, i) };
      return {
        ...base,
        status: i.status,
        title: i.title,
        form: i.form,
        publishedAt: iso(i.publishedAt),
        policyIds: i.policies.map((p) => encodeGlobalId('Release', p.releaseId)),
        channels: i.targetChannels,
        version: i.version,
      };
    }
    case 'Response': {
      // The public know an answer only as public Q&A (no personal data); staff of the unit by id.
      const response = await db.response.findUnique({ where: { id: row.aggregateId }, select: { status: true, publishedAt: true, withdrawnAt: true, concernId: true } });
      if (!response) return null;
      const question = await db.concern.findFirst({ where: { id: response.concernId, AND: [publicQuestionWhere(now)] }, select: { id: true } });
      return {
        ...base,
        status: response.status,
        publishedAt: iso(response.publishedAt),
        withdrawnAt: iso(response.withdrawnAt),
        questionId: question ? encodeGlobalId('PublicQuestion', question.id) : null,
      };
    }
    default:
      return null;
  }
}
