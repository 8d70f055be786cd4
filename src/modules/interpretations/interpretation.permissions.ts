// Row filters for interpretations, from the shared editorial filters: public are published
// ones and withdrawn notices; channels see those targeted at them; staff also their units' own.
import type { Viewer } from '../../auth/viewer.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { scopedReadWhere, scopedWorkspaceWhere } from '../workflow/editorial.permissions.js';

export function publicInterpretationWhere(now: Date): Prisma.InterpretationWhereInput {
  return { status: { in: ['PUBLISHED', 'WITHDRAWN'] }, publishedAt: { lte: now } };
}

export function interpretationReadWhere(viewer: Viewer, now: Date): Prisma.InterpretationWhereInput {
  return scopedReadWhere<Prisma.InterpretationWhereInput>(viewer, publicInterpretationWhere(now), 'interpretingOrg');
}

export function interpretationWorkspaceWhere(viewer: Viewer): Prisma.InterpretationWhereInput {
  return scopedWorkspaceWhere<Prisma.InterpretationWhereInput>(viewer, 'interpretingOrg');
}
