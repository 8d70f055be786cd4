// Row filters for concerns and responses. Neither is public: staff see those of the units in
// their scope (the handling unit's subtree). The public reaches answered questions only through
// publicQuestions (consented, answered, no personal data) and its own concern through
// concernStatus (tracking number and access code).
import type { Viewer } from '../../auth/viewer.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { scopedWorkspaceWhere } from '../workflow/editorial.permissions.js';

export function concernReadWhere(viewer: Viewer): Prisma.ConcernWhereInput {
  return scopedWorkspaceWhere<Prisma.ConcernWhereInput>(viewer, 'orgUnit');
}

export function responseReadWhere(viewer: Viewer): Prisma.ResponseWhereInput {
  return scopedWorkspaceWhere<Prisma.ResponseWhereInput>(viewer, 'orgUnit');
}

/** Answered questions whose submitters agreed to publish them, with a published answer. */
export function publicQuestionWhere(now: Date): Prisma.ConcernWhereInput {
  return {
    publicConsent: true,
    kind: { in: ['QUESTION', 'CORRECTION', 'SUGGESTION', 'COMPLAINT'] },
    answeredAt: { lte: now },
    responses: { some: { status: 'PUBLISHED', publishedAt: { lte: now } } },
  };
}
