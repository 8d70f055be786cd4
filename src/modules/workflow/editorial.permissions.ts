// Row filters shared by every kind of published content: the viewer becomes a Prisma `where`
// that is ANDed into every list, count, node and relation lookup of that kind.
// - public: the kind's public rows;
// - a channel: public rows targeted at its kind;
// - staff: public rows plus everything owned by the org subtrees of their grants.
// A user without grants sees only what the public sees (C9: an empty scope grants nothing).
import type { Viewer } from '../../auth/viewer.js';
import type { ChannelKind } from '../../generated/prisma/enums.js';

/** The relation from a content row to the org unit that owns it. */
export type OwnerRelation = 'publisher' | 'interpretingOrg' | 'orgUnit';

function ownedBy<W>(viewer: Extract<Viewer, { kind: 'user' }>, owner: OwnerRelation): W[] {
  return viewer.grants.map((g) => ({ [owner]: { path: { startsWith: g.orgPath } } }) as W);
}

const NOTHING = { id: { in: [] as string[] } };

/** Which rows of a kind `viewer` may read, given what is public of it. */
export function scopedReadWhere<W extends object>(viewer: Viewer, publicRows: W, owner: OwnerRelation): W {
  switch (viewer.kind) {
    case 'anonymous':
    // A draft preview token sees what the public sees; its one release is added by the release row filter.
    case 'preview':
      return publicRows;
    case 'channel':
      return { ...publicRows, targetChannels: { has: viewer.channelKind satisfies ChannelKind } } as W;
    case 'user': {
      const owned = ownedBy<W>(viewer, owner);
      return owned.length === 0 ? publicRows : ({ OR: [publicRows, ...owned] } as W);
    }
  }
}

/** Rows of a kind in the org subtrees of the viewer's grants, any status: the staff workspace. */
export function scopedWorkspaceWhere<W extends object>(viewer: Viewer, owner: OwnerRelation): W {
  if (viewer.kind !== 'user') return NOTHING as W;
  const owned = ownedBy<W>(viewer, owner);
  return (owned.length === 0 ? NOTHING : { OR: owned }) as W;
}
