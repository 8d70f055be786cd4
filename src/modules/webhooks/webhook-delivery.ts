// The webhook dispatcher and the delivery job.
//
// Dispatcher (job `webhook_dispatch`): reads the change feed from the persistent WebhookCursor
// and, for each event and each endpoint of an active channel client whose kinds and channel take
// it, inserts a WebhookDelivery — and a delivery job for the endpoints that are on — and moves
// the cursor, in ONE transaction. An endpoint that is switched off or disabled gets its
// deliveries queued all the same: they wait (PENDING) until it is on again, so it misses
// nothing. A crash re-runs from the old cursor and the unique (endpointId, eventSequence)
// index drops the duplicates; nothing is queued that is not also remembered. It is woken by the
// change bus (a job with a fixed key, so a burst of changes is one run) and by a crontab line
// every minute, which also re-queues endpoints whose due deliveries have no live job (a process
// killed mid-delivery: graphile-worker would keep that job locked for 4 hours).
//
// Delivery job (`webhook_deliver`, one job key per endpoint): while the endpoint is on (active,
// not disabled) and its channel client is active, sends the endpoint's deliveries one at a time
// in feed order — the oldest PENDING one first; a delivery waiting for its retry holds
// back the later ones, so a receiver sees events in the order they happened. Before sending it
// claims the delivery by setting `nextAttemptAt` to a lease (the request timeout plus a margin):
// a second job for the same endpoint finds it claimed and steps back, so nothing is sent twice
// at once. If the process dies mid-request the lease runs out and the sweep sends it again (the
// same `webhook-id`: receivers de-duplicate by it). The handler never throws for a failed
// attempt: retries are scheduled here, with exponential back-off and full jitter, until
// WEBHOOK_RETRY_WINDOW_SECONDS after the run's first attempt (then FAILED) — unless the endpoint
// is disabled by that attempt's failure: then it and the deliveries behind it stay PENDING and go
// out, in order, when an admin switches it on again. Otherwise the job holds: a switched-off
// endpoint, or one whose channel client is deactivated, keeps its deliveries PENDING (the
// minute's sweep picks them up once the channel is active again). graphile-worker's own
// retry only ever re-runs a handler that hit a database error, and the claim makes that safe.
//
// The payload is computed when it is sent, as the endpoint's channel may read the event now
// (`eventData`): a release withdrawn meanwhile arrives as a tombstone, never its old body. When
// the channel can no longer see the event at all, nothing is sent and the delivery is SKIPPED.
//
// Notices (reminder.due_soon, disclosure_request.extended: NOTICE_EVENT_TYPES) are not public
// and for no channel kind: they go only to endpoints that list the notice's type explicitly (an
// endpoint taking "every kind" never gets one) of channel clients owned by the notice's unit or
// one of its ancestors (ChannelClient.orgUnitId, by OrgUnit.path) — checked when queued and again
// when sent — and carry their payload (counts, ids, due times; no personal data).
import type { Viewer } from '../../auth/viewer.js';
import type { WebhooksConfig } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { ChannelKind } from '../../generated/prisma/enums.js';
import { JobTask, type JobQueue } from '../../jobs/job-queue.js';
import type { Logger } from '../../logger.js';
import { recordAudit } from '../audit/audit.service.js';
import { eventData, noticeEventData } from '../changes/change-event-data.js';
import { eventTypeOf, FEED_START, isNoticeType, readCommittedEvents, visibleTo, type FeedPosition, type OutboxRow } from '../changes/change-feed.js';
import { postJson, RefusedAddressError } from './outbound-http.js';
import { decryptSecret, signatureHeader } from './webhook-secrets.js';

export const DISPATCH_JOB_KEY = 'webhooks:dispatch';
export const endpointJobKey = (endpointId: string) => `webhooks:endpoint:${endpointId}`;
export const USER_AGENT = 'Gongkai-Webhooks/1.0 (+https://www.standardwebhooks.com/)';

/** Events read per dispatcher transaction. */
const DISPATCH_BATCH = 500;
/** Deliveries one job run sends before it hands over to a fresh job (fairness between endpoints). */
const DELIVERIES_PER_RUN = 50;
/** Added to the request timeout for a claim's lease. */
const LEASE_MARGIN_MS = 5_000;

export type WebhookOutcome = 'delivered' | 'retrying' | 'failed' | 'skipped';

export interface WebhookMetrics {
  /** One attempt's outcome; `seconds` for attempts that reached the network. */
  observeWebhookAttempt(outcome: WebhookOutcome, seconds: number | undefined): void;
}

export interface WebhookRuntime {
  db: Db;
  jobs: JobQueue;
  settings: WebhooksConfig;
  /** AES key of the stored secrets (webhook-secrets.ts). */
  encryptionKey: Buffer;
  logger: Logger;
  metrics?: WebhookMetrics | undefined;
}

type Tx = Prisma.TransactionClient;

/** How a channel client reads: the viewer its endpoints' events are filtered and shaped for. */
export function channelViewer(channel: { id: string; kind: ChannelKind }): Viewer {
  return { kind: 'channel', channelId: channel.id, channelKind: channel.kind, apiKeyId: '' };
}

/** Whether a unit at `unitPath` is the unit at `ownerPath` or beneath it (paths are "/root/…/self/"). */
function withinUnit(unitPath: string | null | undefined, ownerPath: string | null | undefined): boolean {
  return !!unitPath && !!ownerPath && unitPath.startsWith(ownerPath);
}

/**
 * Whether a notice goes to an endpoint: it lists the notice's type (never by "every kind") and its
 * channel client is owned by the notice's unit or an ancestor of it.
 */
function takesNotice(endpoint: { eventKinds: readonly string[] }, type: string, ownerPath: string | null | undefined, unitPath: string | null | undefined): boolean {
  return endpoint.eventKinds.includes(type) && withinUnit(unitPath, ownerPath);
}

/** Asks for a dispatcher run now; calls made while one is waiting coalesce into it. */
export async function requestDispatch(db: Db | Tx, jobs: JobQueue): Promise<void> {
  await jobs.add(db as Tx, JobTask.WEBHOOK_DISPATCH, {}, { runAt: new Date(), jobKey: DISPATCH_JOB_KEY });
}

/**
 * A change-bus listener that asks for a dispatcher run after changes, at most one request in
 * flight per process (a burst of announcements is one `add_job`).
 */
export function dispatchOnChange(db: Db, jobs: JobQueue, logger: Logger): () => void {
  let running = false;
  let again = false;
  const run = async (): Promise<void> => {
    running = true;
    try {
      do {
        again = false;
        await requestDispatch(db, jobs);
      } while (again);
    } catch (error) {
      logger.warn({ err: error }, 'webhooks: could not queue the dispatcher (the crontab runs it within a minute)');
    } finally {
      running = false;
    }
  };
  return () => {
    if (running) again = true;
    else void run();
  };
}

/** Queues (or moves) the delivery job of an endpoint. */
export async function scheduleEndpoint(tx: Db | Tx, jobs: JobQueue, endpointId: string, runAt: Date): Promise<void> {
  await jobs.add(tx as Tx, JobTask.WEBHOOK_DELIVER, { endpointId }, { runAt, jobKey: endpointJobKey(endpointId) });
}

// ---- the dispatcher ----------------------------------------------------------------------------

/** One dispatcher run: everything committed so far gets its deliveries. Returns how many were queued. */
export async function dispatchWebhooks(rt: Pick<WebhookRuntime, 'db' | 'jobs'>, { sweep = false }: { sweep?: boolean } = {}): Promise<number> {
  const { db, jobs } = rt;
  await db.$executeRaw`INSERT INTO "WebhookCursor" ("id", "txid", "sequence") VALUES (1, 0, 0) ON CONFLICT ("id") DO NOTHING`;
  let queued = 0;
  for (;;) {
    const { more, count } = await db.$transaction(async (tx) => {
      // One dispatcher at a time (several processes may run jobs): the cursor row is the lock.
      const [cursor] = await tx.$queryRaw<FeedPosition[]>`SELECT "txid", "sequence" FROM "WebhookCursor" WHERE "id" = 1 FOR UPDATE`;
      const after = cursor ?? FEED_START;
      const { events, next } = await readCommittedEvents(tx as unknown as Db, after, DISPATCH_BATCH);
      let count = 0;
      if (events.length > 0) {
        // Endpoints that are off included: their deliveries wait for them (see the top).
        const endpoints = await tx.webhookEndpoint.findMany({
          where: { channelClient: { active: true } },
          select: { id: true, active: true, disabledAt: true, eventKinds: true, createdAt: true, channelClient: { select: { id: true, kind: true, orgUnit: { select: { path: true } } } } },
        });
        const on = new Set(endpoints.filter((e) => e.active && e.disabledAt === null).map((e) => e.id));
        // The units of the batch's notices, for the ownership check.
        const noticeUnits = [...new Set(events.filter((ev) => isNoticeType(eventTypeOf(ev)) && ev.orgUnitId).map((ev) => ev.orgUnitId!))];
        const unitPaths = new Map(
          noticeUnits.length === 0 ? [] : (await tx.orgUnit.findMany({ where: { id: { in: noticeUnits } }, select: { id: true, path: true } })).map((u) => [u.id, u.path] as const),
        );
        const rows: Prisma.WebhookDeliveryCreateManyInput[] = [];
        for (const event of events) {
          const type = eventTypeOf(event);
          const notice = isNoticeType(type);
          for (const e of endpoints) {
            if (event.occurredAt < e.createdAt) continue;
            if (notice) {
              if (takesNotice(e, type, e.channelClient.orgUnit?.path, event.orgUnitId ? unitPaths.get(event.orgUnitId) : null)) rows.push({ endpointId: e.id, eventSequence: event.sequence, topic: type });
              continue;
            }
            if (e.eventKinds.length > 0 && !e.eventKinds.includes(type)) continue;
            if (!visibleTo(event, channelViewer(e.channelClient))) continue;
            rows.push({ endpointId: e.id, eventSequence: event.sequence, topic: type });
          }
        }
        if (rows.length > 0) {
          count = (await tx.webhookDelivery.createMany({ data: rows, skipDuplicates: true })).count;
          const now = new Date();
          for (const id of new Set(rows.map((r) => r.endpointId))) if (on.has(id)) await scheduleEndpoint(tx, jobs, id, now);
        }
      }
      if (next.txid !== after.txid || next.sequence !== after.sequence) {
        await tx.webhookCursor.update({ where: { id: 1 }, data: { txid: next.txid, sequence: next.sequence, movedAt: new Date() } });
      }
      return { more: events.length === DISPATCH_BATCH, count };
    });
    queued += count;
    if (!more) break;
  }
  if (sweep) await requeueStranded(rt);
  return queued;
}

/**
 * Every endpoint that may send (on, and its channel client active) with pending deliveries gets
 * its delivery job again, due when its next
 * delivery is (or its claim's lease runs out): the job that had it may have died with its
 * process, and graphile-worker would keep a dead process's job locked for hours. A job that is
 * alive is not disturbed (a locked job keeps running; a waiting one is moved to the same time),
 * and a duplicate finds the delivery claimed.
 */
async function requeueStranded({ db, jobs }: Pick<WebhookRuntime, 'db' | 'jobs'>): Promise<void> {
  const endpoints = await db.$queryRaw<{ endpointId: string }[]>`
    SELECT DISTINCT d."endpointId"::text AS "endpointId"
    FROM "WebhookDelivery" d JOIN "WebhookEndpoint" e ON e."id" = d."endpointId" JOIN "ChannelClient" c ON c."id" = e."channelClientId"
    WHERE d."status" = 'PENDING' AND e."active" AND e."disabledAt" IS NULL AND c."active"`;
  for (const { endpointId } of endpoints) await scheduleFromHead(db, jobs, endpointId);
}

/**
 * Queues the endpoint's job for when its oldest pending delivery is due, reading that under the
 * endpoint's row lock: every attempt's outcome is written under the same lock, so a job that
 * looked at the delivery a moment ago cannot move the job to a time that is no longer true
 * (e.g. push a retry out to the end of a lease that just ended).
 */
async function scheduleFromHead(db: Db, jobs: JobQueue, endpointId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "WebhookEndpoint" WHERE "id" = ${endpointId}::uuid FOR UPDATE`;
    const head = await tx.webhookDelivery.findFirst({ where: { endpointId, status: 'PENDING' }, orderBy: [{ eventSequence: 'asc' }], select: { nextAttemptAt: true } });
    if (!head) return;
    const now = new Date();
    await scheduleEndpoint(tx, jobs, endpointId, head.nextAttemptAt && head.nextAttemptAt > now ? head.nextAttemptAt : now);
  });
}

// ---- the delivery job -----------------------------------------------------------------------------

/** Exponential back-off with full jitter: a random delay up to base·2^(n−1), capped. */
export function retryDelayMs(settings: Pick<WebhooksConfig, 'retryBaseMs' | 'retryMaxMs'>, failedAttempts: number, random = Math.random): number {
  const ceiling = Math.min(settings.retryMaxMs, settings.retryBaseMs * 2 ** Math.min(failedAttempts - 1, 30));
  return Math.round(random() * ceiling);
}

const truncate = (text: string, max = 1000) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function outboxRowOf(e: { sequence: bigint; txid: bigint; topic: string; aggregateType: string; aggregateId: string; public: boolean; channels: ChannelKind[]; orgUnitId: string | null; payload: unknown; occurredAt: Date }): OutboxRow {
  return { ...e, payload: (e.payload ?? {}) as Record<string, unknown> };
}

/**
 * Sends the endpoint's due deliveries in order (the `webhook_deliver` job). Holds — sends
 * nothing, leaves them PENDING — while the endpoint is switched off or disabled, or its channel
 * client is deactivated (replays included).
 */
export async function deliverEndpoint(rt: WebhookRuntime, endpointId: string): Promise<void> {
  const { db } = rt;
  for (let sent = 0; sent < DELIVERIES_PER_RUN; sent++) {
    const endpoint = await db.webhookEndpoint.findUnique({ where: { id: endpointId }, include: { channelClient: { select: { id: true, kind: true, active: true } } } });
    if (!endpoint || !endpoint.active || endpoint.disabledAt !== null || !endpoint.channelClient.active) return;
    const head = await db.webhookDelivery.findFirst({ where: { endpointId, status: 'PENDING' }, orderBy: [{ eventSequence: 'asc' }] });
    if (!head) return;
    const now = new Date();
    if (head.nextAttemptAt && head.nextAttemptAt > now) {
      // Waiting for a retry, or claimed by another job (which schedules what follows).
      await scheduleFromHead(db, rt.jobs, endpointId);
      return;
    }
    const lease = new Date(now.getTime() + rt.settings.timeoutMs + LEASE_MARGIN_MS);
    const claimed = await db.webhookDelivery.updateMany({
      where: { id: head.id, status: 'PENDING', OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }] },
      data: { nextAttemptAt: lease },
    });
    if (claimed.count === 0) return; // another job has it
    const settled = await attempt(rt, endpoint, head);
    if (settled === 'retrying' || settled === 'disabled') return;
  }
  await scheduleEndpoint(db, rt.jobs, endpointId, new Date());
}

type EndpointRow = NonNullable<Awaited<ReturnType<Db['webhookEndpoint']['findUnique']>>> & { channelClient: { id: string; kind: ChannelKind; active: boolean } };
type DeliveryRow = NonNullable<Awaited<ReturnType<Db['webhookDelivery']['findFirst']>>>;

/** A notice's data for the endpoint, if it still takes it (its kinds and its channel's owner may have changed). */
async function noticeFor(db: Db, endpoint: EndpointRow, row: OutboxRow): Promise<Record<string, unknown> | null> {
  if (!row.orgUnitId) return null;
  const [owner, unit] = await Promise.all([
    db.channelClient.findUnique({ where: { id: endpoint.channelClient.id }, select: { orgUnit: { select: { path: true } } } }),
    db.orgUnit.findUnique({ where: { id: row.orgUnitId }, select: { path: true } }),
  ]);
  return takesNotice(endpoint, eventTypeOf(row), owner?.orgUnit?.path, unit?.path) ? noticeEventData(row) : null;
}

async function attempt(rt: WebhookRuntime, endpoint: EndpointRow, delivery: DeliveryRow): Promise<'done' | 'retrying' | 'disabled'> {
  const { db, settings } = rt;
  const event = await db.outboxEvent.findUnique({ where: { sequence: delivery.eventSequence } });
  if (!event) {
    await db.webhookDelivery.update({ where: { id: delivery.id }, data: { status: 'FAILED', nextAttemptAt: null, lastError: 'the event is no longer kept (past the change feed retention)' } });
    rt.metrics?.observeWebhookAttempt('failed', undefined);
    return 'done';
  }
  const row = outboxRowOf(event);
  const data = isNoticeType(eventTypeOf(row)) ? await noticeFor(db, endpoint, row) : await eventData(db, row, channelViewer(endpoint.channelClient));
  if (data === null) {
    await db.webhookDelivery.update({ where: { id: delivery.id }, data: { status: 'SKIPPED', nextAttemptAt: null, lastError: 'not sent: the channel can no longer see this event' } });
    rt.metrics?.observeWebhookAttempt('skipped', undefined);
    return 'done';
  }
  const body = JSON.stringify({ type: eventTypeOf(row), timestamp: row.occurredAt.toISOString(), data });
  const startedAt = new Date();
  const timestamp = Math.floor(startedAt.getTime() / 1000);
  const secrets = [decryptSecret(rt.encryptionKey, endpoint.secretCiphertext)];
  if (endpoint.previousSecretCiphertext && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > startedAt) {
    secrets.push(decryptSecret(rt.encryptionKey, endpoint.previousSecretCiphertext));
  }
  const headers = {
    'content-type': 'application/json',
    'user-agent': USER_AGENT,
    'webhook-id': delivery.id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signatureHeader(secrets, delivery.id, timestamp, body),
  };
  let status: number | null = null;
  let latencyMs: number | null = null;
  let error: string | null = null;
  try {
    const result = await postJson(endpoint.url, headers, body, settings);
    status = result.status;
    latencyMs = result.latencyMs;
    if (status < 200 || status > 299) error = status >= 300 && status < 400 ? `HTTP ${status} (redirects are not followed)` : `HTTP ${status}`;
  } catch (e) {
    latencyMs = Date.now() - startedAt.getTime();
    error = e instanceof RefusedAddressError ? `refused: ${e.message}` : (e as Error).message || String(e);
  }
  const now = new Date();
  const firstAttemptAt = delivery.firstAttemptAt ?? startedAt;
  const attempts = delivery.attempts + 1;
  const common = { attempts, lastAttemptAt: startedAt, firstAttemptAt, responseStatus: status, latencyMs };
  if (error === null) {
    await db.$transaction([
      db.webhookDelivery.update({ where: { id: delivery.id }, data: { ...common, status: 'DELIVERED', deliveredAt: now, nextAttemptAt: null, lastError: null } }),
      db.webhookEndpoint.update({ where: { id: endpoint.id }, data: { failingSince: null, consecutiveFailures: 0 } }),
    ]);
    rt.metrics?.observeWebhookAttempt('delivered', latencyMs / 1000);
    return 'done';
  }
  const retryAt = new Date(now.getTime() + retryDelayMs(settings, attempts));
  const exhausted = retryAt.getTime() > firstAttemptAt.getTime() + settings.retryWindowSeconds * 1000;
  const outcome = await db.$transaction(async (tx) => {
    await tx.webhookDelivery.update({
      where: { id: delivery.id },
      data: { ...common, lastError: truncate(error), status: exhausted ? 'FAILED' : 'PENDING', nextAttemptAt: exhausted ? null : retryAt },
    });
    const ep = await tx.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: { consecutiveFailures: { increment: 1 }, failingSince: endpoint.failingSince ?? startedAt },
      select: { consecutiveFailures: true, failingSince: true, channelClient: { select: { orgUnitId: true } } },
    });
    const failingFor = now.getTime() - (ep.failingSince ?? startedAt).getTime();
    if (ep.consecutiveFailures >= settings.disableAfterFailures || failingFor >= settings.disableAfterSeconds * 1000) {
      const reason = truncate(
        `自动停用 — disabled after ${ep.consecutiveFailures} failed attempts in a row over ${Math.round(failingFor / 1000)} s; last error: ${error}`,
        500,
      );
      await tx.webhookEndpoint.update({ where: { id: endpoint.id }, data: { active: false, disabledAt: now, disabledReason: reason } });
      // Nothing is given up: this delivery (its retry window notwithstanding) and the ones behind
      // it stay PENDING, held until an admin switches the endpoint on again, then sent in order.
      await tx.webhookDelivery.update({ where: { id: delivery.id }, data: { status: 'PENDING', nextAttemptAt: null } });
      const held = await tx.webhookDelivery.count({ where: { endpointId: endpoint.id, status: 'PENDING' } });
      await recordAudit(tx, {}, {
        action: 'webhook.disabled',
        entityType: 'WebhookEndpoint',
        entityId: endpoint.id,
        orgUnitId: ep.channelClient.orgUnitId,
        data: { reason, consecutiveFailures: ep.consecutiveFailures, pendingHeld: held },
      });
      return 'disabled' as const;
    }
    if (!exhausted) await scheduleEndpoint(tx, rt.jobs, endpoint.id, retryAt);
    return exhausted ? ('done' as const) : ('retrying' as const);
  });
  rt.metrics?.observeWebhookAttempt(outcome === 'retrying' ? 'retrying' : 'failed', latencyMs / 1000);
  if (outcome === 'disabled') rt.logger.warn({ endpointId: endpoint.id }, 'webhooks: endpoint disabled after sustained failure');
  return outcome;
}
