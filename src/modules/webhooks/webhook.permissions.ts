// Row filters for webhook endpoints and their delivery logs: admins only (auditors do not see
// them either — an endpoint's URL may carry a receiver's token), of the channels they manage.
import type { Viewer } from '../../auth/viewer.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { coversEverything, scopePaths } from '../../permissions/scope.js';

const ADMIN = ['ADMIN'] as const;

/** Channels whose webhooks the viewer manages: county-wide admins all; subtree admins those owned in it. */
function managedChannelWhere(viewer: Viewer): Prisma.ChannelClientWhereInput {
  if (coversEverything(viewer, ADMIN)) return {};
  const paths = scopePaths(viewer, ADMIN);
  if (paths.length === 0) return { id: { in: [] } };
  return { OR: paths.map((p) => ({ orgUnit: { path: { startsWith: p } } })) };
}

export function webhookEndpointReadWhere(viewer: Viewer): Prisma.WebhookEndpointWhereInput {
  return { channelClient: managedChannelWhere(viewer) };
}

export function webhookDeliveryReadWhere(viewer: Viewer): Prisma.WebhookDeliveryWhereInput {
  return { endpoint: webhookEndpointReadWhere(viewer) };
}
