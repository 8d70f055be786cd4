// Transactional outbox: events written in the transaction of the change that caused them.
// The change feed and the webhook dispatcher read them in a gap-free order
// (src/modules/changes/change-feed.ts), so a consumer can resume from the last position it saw
// and never sees an event for a change that was rolled back.
import type { Prisma } from '../../generated/prisma/client.js';
import type { ChannelKind } from '../../generated/prisma/enums.js';

export type OutboxTopic =
  | 'release.published'
  | 'release.corrected'
  | 'release.withdrawn'
  | 'release.repealed'
  | 'release.republished'
  | 'interpretation.published'
  | 'interpretation.updated'
  | 'interpretation.withdrawn'
  | 'response.published'
  | 'response.withdrawn'
  | 'disclosure_request.extended'
  | 'reminder.due_soon';

/** Who an event is for: the feed and webhooks filter on these columns, never on the payload. */
export interface EventAudience {
  /** The org unit that owns the content (its staff see the event even when it is not public). */
  orgUnitId: string | null;
  /** The channel kinds the content is for. */
  channels: readonly ChannelKind[];
  /** Whether anyone outside the owning unit may see it (default true). */
  public?: boolean;
}

export async function emitEvent(
  tx: Prisma.TransactionClient,
  topic: OutboxTopic,
  aggregate: { type: string; id: string },
  audience: EventAudience,
  payload: Prisma.InputJsonObject,
): Promise<void> {
  await tx.outboxEvent.create({
    data: {
      topic,
      aggregateType: aggregate.type,
      aggregateId: aggregate.id,
      orgUnitId: audience.orgUnitId,
      channels: [...audience.channels],
      public: audience.public ?? true,
      payload,
    },
    select: { sequence: true },
  });
}
