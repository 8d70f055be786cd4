// Transactional outbox: events written in the transaction of the change that caused them.
// Channel feeds and webhooks read them in sequence order, so a consumer can resume from the
// last sequence it saw and never sees an event for a change that was rolled back.
import type { Prisma } from '../../generated/prisma/client.js';

export type OutboxTopic =
  | 'release.published'
  | 'release.updated'
  | 'release.withdrawn'
  | 'release.repealed'
  | 'interpretation.published'
  | 'interpretation.updated'
  | 'interpretation.withdrawn'
  | 'response.published'
  | 'response.withdrawn';

export async function emitEvent(
  tx: Prisma.TransactionClient,
  topic: OutboxTopic,
  aggregate: { type: string; id: string },
  payload: Prisma.InputJsonObject,
): Promise<void> {
  await tx.outboxEvent.create({ data: { topic, aggregateType: aggregate.type, aggregateId: aggregate.id, payload }, select: { sequence: true } });
}
