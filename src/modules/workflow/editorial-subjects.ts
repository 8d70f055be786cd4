// What the editorial workflow needs to know of each kind of published content: its table, the
// column naming its owning org unit (row permissions and four-eyes follow that unit), its
// foreign key on Revision and ReviewNote, its audit prefix, and what a revision keeps of it.
import { Prisma } from '../../generated/prisma/client.js';
import type { EditorialKind } from './state-machine.js';

export interface SubjectSpec {
  table: Prisma.Sql;
  ownerColumn: Prisma.Sql;
  /** Column of Revision and ReviewNote that points at this kind. */
  foreignKey: 'releaseId' | 'interpretationId' | 'responseId';
  auditPrefix: 'release' | 'interpretation' | 'response';
  /** What NotFoundError names. */
  noun: string;
  /**
   * The revision snapshot, built by PostgreSQL from the row `r` as it stands: content, never
   * workflow state, and a maximal body is not sent back and forth. Dates are ISO-8601 strings as
   * `Date#toISOString` writes them.
   */
  snapshot: Prisma.Sql;
}

const ISO_INSTANT = (column: string) => Prisma.raw(`to_char(r."${column}" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);
const ISO_DAY = (column: string) => Prisma.raw(`to_char(r."${column}", 'YYYY-MM-DD') || 'T00:00:00.000Z'`);

export const SUBJECTS: Record<EditorialKind, SubjectSpec> = {
  Release: {
    table: Prisma.raw('"Release"'),
    ownerColumn: Prisma.raw('"publisherId"'),
    foreignKey: 'releaseId',
    auditPrefix: 'release',
    noun: 'release',
    snapshot: Prisma.sql`jsonb_build_object(
      'title', r."title", 'docNo', r."docNo", 'stage', r."stage", 'topic', r."topic", 'genre', r."genre",
      'keywords', COALESCE(to_jsonb(r."keywords"), '[]'::jsonb), 'summary', r."summary", 'bodyHtml', r."bodyHtml",
      'attachments', r."attachments", 'targetChannels', COALESCE(to_jsonb(r."targetChannels"), '[]'::jsonb),
      'issuedAt', ${ISO_DAY('issuedAt')}, 'effectiveAt', ${ISO_DAY('effectiveAt')}, 'formedAt', ${ISO_INSTANT('formedAt')},
      'matterId', r."matterId", 'coverFileId', r."coverFileId")`,
  },
  Interpretation: {
    table: Prisma.raw('"Interpretation"'),
    ownerColumn: Prisma.raw('"interpretingOrgId"'),
    foreignKey: 'interpretationId',
    auditPrefix: 'interpretation',
    noun: 'interpretation',
    snapshot: Prisma.sql`jsonb_build_object(
      'title', r."title", 'form', r."form", 'interpreterName', r."interpreterName", 'summary', r."summary",
      'bodyHtml', r."bodyHtml", 'attachments', r."attachments", 'coverFileId', r."coverFileId",
      'targetChannels', COALESCE(to_jsonb(r."targetChannels"), '[]'::jsonb),
      'policyIds', (SELECT COALESCE(jsonb_agg(p."releaseId" ORDER BY p."releaseId"), '[]'::jsonb) FROM "InterpretationPolicy" p WHERE p."interpretationId" = r."id"))`,
  },
  Response: {
    table: Prisma.raw('"Response"'),
    ownerColumn: Prisma.raw('"orgUnitId"'),
    foreignKey: 'responseId',
    auditPrefix: 'response',
    noun: 'response',
    snapshot: Prisma.sql`jsonb_build_object(
      'bodyHtml', r."bodyHtml", 'attachments', r."attachments", 'justified', r."justified",
      'correctedReleaseId', r."correctedReleaseId")`,
  },
};
