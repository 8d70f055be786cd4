// Draft previews: a token that lets a front end read one release as it is now (any status), so a
// reviewer can show a front-end team how a draft will look without handing over a staff token.
// The token is returned once and stored as the SHA-256 of its secret (src/auth/tokens.ts); the
// authenticator turns it into a `preview` viewer (src/auth/authenticate.ts), which the release
// row filter lets read that one release and which is anonymous in every other respect.
import { staffUserId, type Viewer } from '../../auth/viewer.js';
import { newPreviewToken } from '../../auth/tokens.js';
import type { Db } from '../../db/database.js';
import { InputError, NotFoundError } from '../../errors.js';
import { rolesOn } from '../../permissions/scope.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';

export const DEFAULT_PREVIEW_HOURS = 24;
export const MAX_PREVIEW_HOURS = 168;

/** Who may create, list and revoke previews of a release: its unit's editors and reviewers. */
function canPreview(viewer: Viewer, publisherPath: string): boolean {
  return rolesOn(viewer, publisherPath).some((r) => r === 'EDITOR' || r === 'REVIEWER');
}

/** The release when the viewer may manage its previews; NotFoundError otherwise (unknown and forbidden alike). */
async function previewableRelease(db: Pick<Db, 'release'>, viewer: Viewer, releaseId: string) {
  const release = await db.release.findUnique({ where: { id: releaseId }, select: { id: true, publisherId: true, publisher: { select: { path: true } } } });
  if (!release || !canPreview(viewer, release.publisher.path)) throw new NotFoundError('release');
  return release;
}

/**
 * Creates a preview token for one release, valid for `expiresInHours` (1–168, default 24).
 * Returns the token once; the audit row records the preview's id, prefix and expiry, never the token.
 */
export async function createReleasePreview(
  db: Db,
  viewer: Viewer,
  actor: AuditActor,
  input: { releaseId: string; expiresInHours?: number | null },
  now: Date,
): Promise<{ previewId: string; token: string }> {
  const hours = input.expiresInHours ?? DEFAULT_PREVIEW_HOURS;
  if (!Number.isInteger(hours) || hours < 1 || hours > MAX_PREVIEW_HOURS) {
    throw new InputError('expiresInHours', `有效期须为1至${MAX_PREVIEW_HOURS}小时 — expiresInHours must be between 1 and ${MAX_PREVIEW_HOURS}.`);
  }
  if (viewer.kind !== 'user') throw new NotFoundError('release');
  return db.$transaction(async (tx) => {
    const release = await previewableRelease(tx, viewer, input.releaseId);
    const { token, prefix, hash } = newPreviewToken();
    const expiresAt = new Date(now.getTime() + hours * 3_600_000);
    const preview = await tx.releasePreview.create({
      data: { releaseId: release.id, prefix, tokenHash: hash, expiresAt, createdById: viewer.userId },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: 'release_preview.created',
      entityType: 'ReleasePreview',
      entityId: preview.id,
      orgUnitId: release.publisherId,
      data: { releaseId: release.id, prefix, expiresAt: expiresAt.toISOString() },
    });
    return { previewId: preview.id, token };
  });
}

/** Revokes a preview token at once (idempotent); any editor or reviewer of the release's unit may. */
export async function revokeReleasePreview(db: Db, viewer: Viewer, actor: AuditActor, previewId: string, now: Date): Promise<{ previewId: string }> {
  return db.$transaction(async (tx) => {
    const preview = await tx.releasePreview.findUnique({
      where: { id: previewId },
      select: { id: true, prefix: true, revokedAt: true, release: { select: { id: true, publisherId: true, publisher: { select: { path: true } } } } },
    });
    if (!preview || !canPreview(viewer, preview.release.publisher.path)) throw new NotFoundError('preview');
    if (preview.revokedAt) return { previewId: preview.id };
    await tx.releasePreview.update({ where: { id: preview.id }, data: { revokedAt: now, revokedById: staffUserId(viewer) } });
    await recordAudit(tx, actor, {
      action: 'release_preview.revoked',
      entityType: 'ReleasePreview',
      entityId: preview.id,
      orgUnitId: preview.release.publisherId,
      data: { releaseId: preview.release.id, prefix: preview.prefix },
    });
    return { previewId: preview.id };
  });
}

/** Whether the viewer may list the release's previews: staff holding any role on its unit (auditors included). */
export function mayListPreviews(viewer: Viewer, publisherPath: string): boolean {
  return rolesOn(viewer, publisherPath).length > 0;
}
