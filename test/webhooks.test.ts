// Signed webhooks (issue 11, item 2), against real local HTTP receivers on 127.0.0.1 — allowed
// explicitly by WEBHOOK_ALLOWED_HOSTS, as a deployment would have to. Signatures are checked with
// the Standard Webhooks algorithm written once here (not the server's code). Time is driven by
// settings (tiny back-off, a small failure threshold), never by sleeps: every wait is a poll.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, timingSafeEqual } from 'node:crypto';
import dgram from 'node:dgram';
import dns from 'node:dns';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobQueue } from '../src/jobs/job-queue.js';
import { createLogger } from '../src/logger.js';
import { purgeOldEvents } from '../src/modules/changes/change-feed.js';
import { postJson, refusedBecause, RefusedAddressError, type HostLookup, type OutboundPolicy } from '../src/modules/webhooks/outbound-http.js';
import { deliverEndpoint, dispatchWebhooks, type WebhookRuntime } from '../src/modules/webhooks/webhook-delivery.js';
import { decryptSecret, secretEncryptionKey } from '../src/modules/webhooks/webhook-secrets.js';
import { asAdmin, asAuditor, asEditorOf, anonymous, call, callData, createChannelWithKey, dbIdOf, gid, type Caller, type ChannelWithKey } from './actors.js';
import { startTestService, testDatabaseUrl, TEST_JWT_SECRET, type TestService } from './harness.js';
import { fixture, mutateOk, pollUntil, releaseIn, type Fixture } from './workflow-helpers.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

// ---- the Standard Webhooks verifier (https://www.standardwebhooks.com/), written once -----------

/** The secrets among `secrets` whose signature is in the headers (and the timestamp is fresh). */
function verifiedBy(secrets: readonly string[], headers: http.IncomingHttpHeaders, body: string): string[] {
  const id = String(headers['webhook-id']);
  const timestamp = String(headers['webhook-timestamp']);
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return [];
  const given = String(headers['webhook-signature'] ?? '').split(' ').map((s) => s.split(',')[1] ?? '');
  return secrets.filter((secret) => {
    const expected = createHmac('sha256', Buffer.from(secret.slice('whsec_'.length), 'base64')).update(`${id}.${timestamp}.${body}`).digest();
    return given.some((sig) => {
      const got = Buffer.from(sig, 'base64');
      return got.length === expected.length && timingSafeEqual(got, expected);
    });
  });
}

// ---- a real receiver -------------------------------------------------------------------------------

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  json: Any;
  /** The status it was answered with (undefined while held open). */
  answered?: number;
}

type Behaviour = (r: Received, res: http.ServerResponse, nth: number) => void;

class Receiver {
  readonly received: Received[] = [];
  private readonly behaviours = new Map<string, Behaviour>();
  private readonly counts = new Map<string, number>();
  readonly server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = req.url ?? '/';
      let json: Any;
      try {
        json = JSON.parse(body);
      } catch {
        json = undefined;
      }
      const r: Received = { path, headers: req.headers, body, json };
      this.received.push(r);
      const nth = (this.counts.get(path) ?? 0) + 1;
      this.counts.set(path, nth);
      const behaviour = this.behaviours.get(path) ?? ((_r, res) => res.end('ok'));
      const end = res.end.bind(res);
      res.end = ((...args: Parameters<typeof res.end>) => {
        r.answered = res.statusCode;
        return end(...args);
      }) as typeof res.end;
      behaviour(r, res, nth);
    });
  });

  async start(port = 0): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
    return this;
  }
  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }
  url(p: string): string {
    return `http://127.0.0.1:${this.port}${p}`;
  }
  on(p: string, behaviour: Behaviour): void {
    this.behaviours.set(p, behaviour);
  }
  at(p: string): Received[] {
    return this.received.filter((r) => r.path === p);
  }
  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

// ---- GraphQL documents -----------------------------------------------------------------------------

const ENDPOINT_FIELDS = 'id url eventKinds active disabledAt disabledReason failingSince consecutiveFailures previousSecretExpiresAt';
const DELIVERY_FIELDS = 'id webhookId eventType status attempts responseStatus latencyMs lastError firstAttemptAt lastAttemptAt nextAttemptAt deliveredAt createdAt';
const ERRORS = '... on InputError { code message field } ... on NotFoundError { code message }';

async function createEndpoint(svc: TestService, admin: Caller, input: Record<string, unknown>): Promise<Any> {
  const data = await callData(
    svc,
    admin,
    `mutation($input: CreateWebhookEndpointInput!) { r: createWebhookEndpoint(input: $input) {
      __typename ... on CreateWebhookEndpointPayload { secret endpoint { ${ENDPOINT_FIELDS} } } ${ERRORS} } }`,
    { input },
  );
  return data.r;
}

async function endpointState(svc: TestService, admin: Caller, id: string, status?: string): Promise<Any> {
  const data = await callData(
    svc,
    admin,
    `query($id: ID!, $status: WebhookDeliveryStatus) { node(id: $id) { ... on WebhookEndpoint { ${ENDPOINT_FIELDS}
      deliveries(first: 50, status: $status) { totalCount edges { node { ${DELIVERY_FIELDS} } } } } } }`,
    { id, status: status ?? null },
  );
  return { ...data.node, log: data.node.deliveries.edges.map((e: Any) => e.node) };
}

async function mutation(svc: TestService, admin: Caller, name: string, inputType: string, input: Record<string, unknown>, selection: string): Promise<Any> {
  const data = await callData(svc, admin, `mutation($input: ${inputType}!) { r: ${name}(input: $input) { __typename ${selection} ... on Error { code message } } }`, { input });
  return data.r;
}

const METRICS_TOKEN = 'webhook-test-metrics-token';

const ALLOWED_ENV = {
  WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
  WEBHOOK_RETRY_BASE_MS: '40',
  WEBHOOK_RETRY_MAX_MS: '200',
  WEBHOOK_TIMEOUT_MS: '3000',
  WEBHOOK_CONNECT_TIMEOUT_MS: '1000',
  WEBHOOK_DISABLE_AFTER_FAILURES: '12',
};

// ---- the service with webhooks -----------------------------------------------------------------------

describe('Webhooks: registering, signed delivery, retries, replay, rotation, disabling', () => {
  let svc: TestService;
  let fx: Fixture;
  let admin: Caller;
  let website: ChannelWithKey;
  const receiver = new Receiver();
  const since = new Date(Date.now() - 60_000).toISOString();

  beforeAll(async () => {
    svc = await startTestService({ env: { ...ALLOWED_ENV, METRICS_TOKEN: METRICS_TOKEN } });
    fx = await fixture(svc);
    admin = await asAdmin(svc);
    website = await createChannelWithKey(svc, admin, 'WEBSITE');
    await receiver.start();
  });
  afterAll(async () => {
    await receiver.stop();
    await svc?.stop();
  });

  it('refuses bad input with typed errors: not http(s), private addresses without the allow-list, unknown event kinds', async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ url: 'ftp://example.org/hook' }, 'url', /http/],
      [{ url: 'not a url' }, 'url', /not a URL/],
      [{ url: 'http://10.1.2.3/hook' }, 'url', /WEBHOOK_ALLOWED_HOSTS/],
      [{ url: 'http://169.254.169.254/latest/meta-data' }, 'url', /link-local|private/],
      [{ url: 'http://[::1]:8080/hook' }, 'url', /loopback|private/],
      [{ url: 'https://user:pw@example.org/hook' }, 'url', /credentials/],
      [{ url: receiver.url('/x'), eventKinds: ['release.published', 'release.exploded'] }, 'eventKinds', /release\.exploded/],
    ];
    for (const [input, field, message] of cases) {
      const r = await createEndpoint(svc, admin, { channelClientId: website.channelId, ...input });
      expect(r, JSON.stringify(input)).toMatchObject({ __typename: 'InputError', code: 'INVALID_INPUT', field });
      expect(r.message).toMatch(message);
    }
    expect(await svc.service.db.prisma.webhookEndpoint.count()).toBe(0);
  });

  let main: { id: string; secret: string };

  it('registers an endpoint: the whsec_ secret is shown once and stored only encrypted; the action is audited', async () => {
    const r = await createEndpoint(svc, admin, { channelClientId: website.channelId, url: receiver.url('/main'), description: '县融媒体中心' });
    expect(r.__typename).toBe('CreateWebhookEndpointPayload');
    expect(r.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(r.secret.slice(6), 'base64')).toHaveLength(32);
    expect(r.endpoint).toMatchObject({ url: receiver.url('/main'), eventKinds: [], active: true, consecutiveFailures: 0, disabledAt: null });
    main = { id: r.endpoint.id, secret: r.secret };
    const row = await svc.service.db.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: dbIdOf(main.id) } });
    expect(row.secretCiphertext).not.toContain(r.secret.slice(6, 20));
    expect(row.secretCiphertext).toMatch(/^v1\./);
    expect(decryptSecret(secretEncryptionKey(new TextEncoder().encode(TEST_JWT_SECRET)), row.secretCiphertext)).toBe(r.secret);
    const audit = await svc.service.db.prisma.auditEvent.findFirstOrThrow({ where: { action: 'webhook.created', entityId: row.id } });
    expect(JSON.stringify(audit.data)).not.toContain(r.secret.slice(6, 20));
    // The schema has no field that reads a secret back.
    const read = await call(svc, admin, `query($id: ID!) { node(id: $id) { ... on WebhookEndpoint { secret } } }`, { id: main.id });
    expect(read.errors?.[0]?.message).toMatch(/secret/);
  });

  let published: Any;

  it('a release published through the workflow arrives as release.published with a signature that verifies', async () => {
    published = await releaseIn(fx, 'PUBLISHED');
    const got = await pollUntil('release.published at the receiver', async () => receiver.at('/main').find((r) => r.json?.data?.id === published.id && r.json.type === 'release.published'));
    expect(got.headers['content-type']).toBe('application/json');
    expect(got.headers['user-agent']).toMatch(/^Gongkai-Webhooks\//);
    expect(got.headers['webhook-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(got.headers['webhook-timestamp']).toMatch(/^\d{10}$/);
    expect(got.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(verifiedBy([main.secret], got.headers, got.body)).toEqual([main.secret]);
    expect(verifiedBy(['whsec_' + Buffer.alloc(32, 1).toString('base64')], got.headers, got.body)).toEqual([]);
    expect(verifiedBy([main.secret], got.headers, got.body.replace('release.published', 'release.withdrawn'))).toEqual([]);
    expect(Object.keys(got.json).sort()).toEqual(['data', 'timestamp', 'type']);
    expect(new Date(got.json.timestamp).toISOString()).toBe(got.json.timestamp);
    expect(got.json.data).toMatchObject({ id: published.id, indexNo: published.indexNo });
    const state = await pollUntil('the delivery logged as DELIVERED', async () => {
      const s = await endpointState(svc, admin, main.id);
      return s.log.find((d: Any) => d.webhookId === got.headers['webhook-id'] && d.status === 'DELIVERED') ? s : null;
    });
    const logged = state.log.find((d: Any) => d.webhookId === got.headers['webhook-id']);
    expect(logged).toMatchObject({ eventType: 'release.published', attempts: 1, responseStatus: 200, lastError: null, nextAttemptAt: null });
    expect(logged.latencyMs).toBeGreaterThanOrEqual(0);
    expect(logged.deliveredAt).not.toBeNull();
  });

  it('a withdrawal arrives as release.withdrawn: a tombstone without the body', async () => {
    await mutateOk(svc, fx.reviewer, 'withdraw', { id: published.id, reason: '内容有误，撤回更正' });
    const got = await pollUntil('release.withdrawn', async () => receiver.at('/main').find((r) => r.json?.type === 'release.withdrawn' && r.json.data?.id === published.id));
    expect(verifiedBy([main.secret], got.headers, got.body)).toEqual([main.secret]);
    expect(got.json.data).toMatchObject({ id: published.id, withdrawn: true, reason: '内容有误，撤回更正' });
    expect(got.body).not.toContain('现将征地补偿费用发放明细予以公示');
    expect(got.body).not.toMatch(/bodyHtml|bodyText/);
  });

  it('a receiver that answers 500 and one that refuses connections, once back, get every event exactly once each, in order; retries are logged', async () => {
    receiver.on('/flaky', (_r, res, nth) => {
      res.statusCode = nth <= 4 ? 500 : 204;
      res.end();
    });
    // A port with nobody listening: connection refused until a receiver starts there.
    const later = new Receiver();
    await later.start();
    const port = later.port;
    await later.stop();
    const flaky = await createEndpoint(svc, admin, { channelClientId: website.channelId, url: receiver.url('/flaky'), eventKinds: ['release.published'] });
    const down = await createEndpoint(svc, admin, { channelClientId: website.channelId, url: `http://127.0.0.1:${port}/down`, eventKinds: ['release.published'] });
    const releases: Any[] = [];
    for (let i = 0; i < 3; i++) releases.push(await releaseIn(fx, 'PUBLISHED'));
    const ids = releases.map((r) => r.id);

    await pollUntil('the down receiver retried', async () => (await endpointState(svc, admin, down.endpoint.id)).log.some((d: Any) => d.attempts >= 2 && /ECONNREFUSED/.test(d.lastError ?? '')));
    const back = await new Receiver().start(port);
    try {
      for (const [r, p] of [[receiver, '/flaky'], [back, '/down']] as const) {
        const delivered = await pollUntil(`all three at ${p}`, async () => {
          const ok = r.at(p).filter((x) => x.answered !== undefined && x.answered < 300);
          return ok.length >= 3 ? ok : null;
        });
        expect(delivered.map((x) => x.json.data.id)).toEqual(ids);
        expect(new Set(delivered.map((x) => x.headers['webhook-id'])).size).toBe(3);
      }
      const flakyLog = (await endpointState(svc, admin, flaky.endpoint.id)).log;
      expect(flakyLog.every((d: Any) => d.status === 'DELIVERED')).toBe(true);
      expect(flakyLog.reduce((n: number, d: Any) => n + d.attempts, 0)).toBe(3 + 4);
      const first = flakyLog.find((d: Any) => d.attempts > 1);
      expect(first).toMatchObject({ responseStatus: 204, lastError: null });
      // Retries of one delivery carry the same webhook-id.
      const tries = receiver.at('/flaky').filter((x) => x.headers['webhook-id'] === first.webhookId);
      expect(tries.length).toBe(first.attempts);
      const state = await endpointState(svc, admin, down.endpoint.id);
      expect(state).toMatchObject({ active: true, consecutiveFailures: 0, failingSince: null });
    } finally {
      await back.stop();
    }
  });

  it('replays a delivery with the same webhook-id (audited)', async () => {
    const state = await endpointState(svc, admin, main.id);
    const delivery = state.log.find((d: Any) => d.status === 'DELIVERED');
    const before = receiver.at('/main').filter((r) => r.headers['webhook-id'] === delivery.webhookId).length;
    const r = await mutation(svc, admin, 'replayWebhookDelivery', 'ReplayWebhookDeliveryInput', { id: delivery.id }, '... on ReplayWebhookDeliveryPayload { delivery { status } }');
    expect(r.__typename).toBe('ReplayWebhookDeliveryPayload');
    await pollUntil('the replay', async () => receiver.at('/main').filter((x) => x.headers['webhook-id'] === delivery.webhookId).length > before);
    const replayed = await pollUntil('replay logged', async () => (await endpointState(svc, admin, main.id)).log.find((d: Any) => d.id === delivery.id && d.status === 'DELIVERED' && d.attempts === delivery.attempts + 1));
    expect(replayed.webhookId).toBe(delivery.webhookId);
    expect(await svc.service.db.prisma.auditEvent.count({ where: { action: 'webhook.replayed', entityId: dbIdOf(main.id) } })).toBe(1);
  });

  it('rotates the secret: during the overlap both signatures verify, afterwards only the new one', async () => {
    const r = await mutation(svc, admin, 'rotateWebhookSecret', 'RotateWebhookSecretInput', { id: main.id }, '... on RotateWebhookSecretPayload { secret endpoint { previousSecretExpiresAt } }');
    expect(r.__typename).toBe('RotateWebhookSecretPayload');
    expect(r.secret).not.toBe(main.secret);
    const overlapHours = (Date.parse(r.endpoint.previousSecretExpiresAt) - Date.now()) / 3_600_000;
    expect(overlapHours).toBeGreaterThan(23.9);
    expect(overlapHours).toBeLessThanOrEqual(24);
    const during = await releaseIn(fx, 'PUBLISHED');
    const got = await pollUntil('a delivery during the overlap', async () => receiver.at('/main').find((x) => x.json?.data?.id === during.id));
    expect(String(got.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verifiedBy([r.secret, main.secret], got.headers, got.body)).toEqual([r.secret, main.secret]);

    // The overlap ends (its end time moved into the past, as if a day had gone by).
    await svc.service.db.prisma.webhookEndpoint.update({ where: { id: dbIdOf(main.id) }, data: { previousSecretExpiresAt: new Date(Date.now() - 1000) } });
    const after = await releaseIn(fx, 'PUBLISHED');
    const got2 = await pollUntil('a delivery after the overlap', async () => receiver.at('/main').find((x) => x.json?.data?.id === after.id));
    expect(String(got2.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(verifiedBy([r.secret, main.secret], got2.headers, got2.body)).toEqual([r.secret]);
    main.secret = r.secret;
    expect(await svc.service.db.prisma.auditEvent.count({ where: { action: 'webhook.secret_rotated', entityId: dbIdOf(main.id) } })).toBe(1);
  });

  it('disables an endpoint after sustained failure (audited, visible); its deliveries stay PENDING and new ones queue; re-enabling sends every event, in order', async () => {
    let healthy = false;
    receiver.on('/broken', (_r, res) => {
      res.statusCode = healthy ? 200 : 503;
      res.end('down for maintenance');
    });
    const ep = await createEndpoint(svc, admin, { channelClientId: website.channelId, url: receiver.url('/broken'), eventKinds: ['release.published'] });
    const a = await releaseIn(fx, 'PUBLISHED');
    const b = await releaseIn(fx, 'PUBLISHED');
    // Disabled, with b's delivery queued too (the dispatcher may get to b's event after a has
    // failed its twelve times: a disabled endpoint still gets its deliveries queued).
    const disabled = await pollUntil('disabled, both deliveries queued', async () => {
      const s = await endpointState(svc, admin, ep.endpoint.id);
      return s.active === false && s.disabledAt && s.log.length === 2 ? s : null;
    });
    expect(disabled.disabledReason).toMatch(/12 failed attempts in a row.*HTTP 503/);
    expect(disabled.consecutiveFailures).toBe(12);
    expect(disabled.failingSince).not.toBeNull();
    // Nothing is given up: both are held, PENDING (newest first: b was never tried, a failed twelve times).
    expect(disabled.log.map((d: Any) => d.status)).toEqual(['PENDING', 'PENDING']);
    expect(disabled.log[1]).toMatchObject({ attempts: 12, responseStatus: 503, lastError: 'HTTP 503', nextAttemptAt: null });
    expect(disabled.log[0]).toMatchObject({ attempts: 0, lastError: null });
    const audit = await svc.service.db.prisma.auditEvent.findFirstOrThrow({ where: { action: 'webhook.disabled', entityId: dbIdOf(ep.endpoint.id) } });
    expect(audit.actorUserId).toBeNull();
    expect(audit.data).toMatchObject({ consecutiveFailures: 12 });
    // What was pending at that moment: a, and b if the dispatcher had reached it by then.
    expect([1, 2]).toContain((audit.data as { pendingHeld: number }).pendingHeld);
    expect(receiver.at('/broken')).toHaveLength(12);

    // An event committed while it is disabled is queued for it too (and not sent).
    const c = await releaseIn(fx, 'PUBLISHED');
    const queued = await pollUntil(
      'c queued for the disabled endpoint',
      async () => {
        const s = await endpointState(svc, admin, ep.endpoint.id);
        return s.log.length === 3 ? s : null;
      },
      60_000,
    );
    expect(queued.log.map((d: Any) => d.status)).toEqual(['PENDING', 'PENDING', 'PENDING']);

    healthy = true;
    const on = await mutation(svc, admin, 'updateWebhookEndpoint', 'UpdateWebhookEndpointInput', { id: ep.endpoint.id, active: true }, `... on UpdateWebhookEndpointPayload { endpoint { ${ENDPOINT_FIELDS} } }`);
    expect(on.endpoint).toMatchObject({ active: true, disabledAt: null, disabledReason: null, failingSince: null, consecutiveFailures: 0 });
    const ok = await pollUntil('all three after re-enabling', async () => {
      const got = receiver.at('/broken').filter((x) => x.answered === 200);
      return got.length >= 3 ? got : null;
    });
    expect(ok.map((x) => x.json.data.id)).toEqual([a.id, b.id, c.id]);
    // Nothing was tried while it was disabled: 12 failures, then each event once.
    expect(receiver.at('/broken')).toHaveLength(12 + 3);
    const after = await pollUntil('all DELIVERED', async () => {
      const s = await endpointState(svc, admin, ep.endpoint.id);
      return s.log.every((d: Any) => d.status === 'DELIVERED') ? s : null;
    });

    // A delivery whose retries ran out (FAILED, as after a day of them) is sent again by the batch replay.
    const first = after.log.at(-1);
    await svc.service.db.prisma.webhookDelivery.update({ where: { id: dbIdOf(first.id) }, data: { status: 'FAILED' } });
    const replay = await mutation(svc, admin, 'replayFailedWebhookDeliveries', 'ReplayFailedWebhookDeliveriesInput', { endpointId: ep.endpoint.id, since }, '... on ReplayFailedWebhookDeliveriesPayload { replayed }');
    expect(replay).toMatchObject({ __typename: 'ReplayFailedWebhookDeliveriesPayload', replayed: 1 });
    const again = await pollUntil('the replay', async () => {
      const got = receiver.at('/broken').filter((x) => x.answered === 200 && x.headers['webhook-id'] === first.webhookId);
      return got.length >= 2 ? got : null;
    });
    expect(again[1]!.json.data.id).toBe(a.id);
  });

  it('lists endpoints with their state; update and delete are audited', async () => {
    const list = await callData(svc, admin, `query($c: ID) { webhookEndpoints(channelClientId: $c) { totalCount edges { node { id url active channelClient { id } } } } }`, { c: website.channelId });
    expect(list.webhookEndpoints.totalCount).toBe(4);
    expect(list.webhookEndpoints.edges.map((e: Any) => e.node.url)).toEqual(['/main', '/flaky', `/down`, '/broken'].map((p, i) => (i === 2 ? list.webhookEndpoints.edges[2].node.url : receiver.url(p))));
    const ep = await createEndpoint(svc, admin, { channelClientId: website.channelId, url: receiver.url('/gone') });
    const upd = await mutation(svc, admin, 'updateWebhookEndpoint', 'UpdateWebhookEndpointInput', { id: ep.endpoint.id, url: 'http://192.168.1.1/x' }, '... on InputError { field }');
    expect(upd).toMatchObject({ __typename: 'InputError', field: 'url' });
    const off = await mutation(svc, admin, 'updateWebhookEndpoint', 'UpdateWebhookEndpointInput', { id: ep.endpoint.id, active: false, eventKinds: ['release.withdrawn'] }, `... on UpdateWebhookEndpointPayload { endpoint { ${ENDPOINT_FIELDS} } }`);
    expect(off.endpoint).toMatchObject({ active: false, eventKinds: ['release.withdrawn'], disabledAt: null });
    const del = await mutation(svc, admin, 'deleteWebhookEndpoint', 'DeleteWebhookEndpointInput', { id: ep.endpoint.id }, '... on DeleteWebhookEndpointPayload { deletedEndpointId }');
    expect(del.__typename).toBe('DeleteWebhookEndpointPayload');
    const again = await mutation(svc, admin, 'deleteWebhookEndpoint', 'DeleteWebhookEndpointInput', { id: ep.endpoint.id }, '');
    expect(again).toMatchObject({ __typename: 'NotFoundError' });
    const actions = (await svc.service.db.prisma.auditEvent.findMany({ where: { entityId: dbIdOf(ep.endpoint.id) }, orderBy: { occurredAt: 'asc' } })).map((e) => e.action);
    expect(actions).toEqual(['webhook.created', 'webhook.updated', 'webhook.deleted']);
  });

  it('non-admins see no endpoints, logs or secrets, by list or by id', async () => {
    const delivery = (await endpointState(svc, admin, main.id)).log[0];
    const callers: Caller[] = [anonymous, website, await asAuditor(svc), await asEditorOf(svc, 'zhangbaling'), fx.reviewer];
    for (const who of callers) {
      const list = await call(svc, who, '{ webhookEndpoints { totalCount } }');
      expect(list.errors?.[0]?.extensions?.code, who.label).toBe('FORBIDDEN');
      for (const id of [main.id, delivery.id]) {
        const byId = await call(svc, who, `query($id: ID!) { node(id: $id) { id ... on WebhookEndpoint { url } ... on WebhookDelivery { status } } }`, { id });
        expect(byId.data?.node ?? null, who.label).toBeNull();
      }
      const rotate = await call(svc, who, `mutation($input: RotateWebhookSecretInput!) { rotateWebhookSecret(input: $input) { ... on RotateWebhookSecretPayload { secret } } }`, { input: { id: main.id } });
      expect(rotate.errors?.[0]?.extensions?.code, who.label).toBe('FORBIDDEN');
    }
  });

  it('examples/webhook-receiver.mjs verifies a real delivery and prints it; a forged one is refused', async () => {
    const free = await new Receiver().start();
    const port = free.port;
    await free.stop();
    const ep = await createEndpoint(svc, admin, { channelClientId: website.channelId, url: `http://127.0.0.1:${port}/`, eventKinds: ['release.published'] });
    const child = spawn(process.execPath, ['examples/webhook-receiver.mjs'], { cwd: ROOT, env: { PATH: process.env.PATH, PORT: String(port), WEBHOOK_SECRET: ep.secret }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    try {
      await pollUntil('the example listening', async () => /listening/.test(err), 30_000);
      const forged = await fetch(`http://127.0.0.1:${port}/`, {
        method: 'POST',
        headers: { 'webhook-id': 'x', 'webhook-timestamp': String(Math.floor(Date.now() / 1000)), 'webhook-signature': 'v1,' + Buffer.alloc(32).toString('base64') },
        body: '{}',
      });
      expect(forged.status).toBe(401);
      const release = await releaseIn(fx, 'PUBLISHED');
      const line = await pollUntil('the example printing the event', async () => out.split('\n').find((l) => l.includes(release.id)));
      expect(JSON.parse(line)).toMatchObject({ type: 'release.published', data: { id: release.id } });
      await pollUntil('delivered to the example', async () => (await endpointState(svc, admin, ep.endpoint.id)).log.find((d: Any) => d.status === 'DELIVERED' && d.responseStatus === 204));
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('counts deliveries by outcome and their latency in /metrics', async () => {
    const exposition = await (await fetch(`${svc.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    expect(exposition).toMatch(/gongkai_webhook_deliveries_total\{outcome="delivered"\} [1-9]/);
    expect(exposition).toMatch(/gongkai_webhook_deliveries_total\{outcome="retrying"\} [1-9]/);
    expect(exposition).toMatch(/gongkai_webhook_deliveries_total\{outcome="failed"\} [1-9]/);
    expect(exposition).toMatch(/gongkai_webhook_delivery_duration_seconds_count\{outcome="delivered"\} [1-9]/);
  });
});

// ---- outbound requests: SSRF, redirects, timeouts, size cap ---------------------------------------------

describe('Webhooks: outbound requests refuse internal addresses and bound what they read', () => {
  const target = new Receiver();
  const strict: OutboundPolicy = { allowedHosts: [], connectTimeoutMs: 1000, timeoutMs: 1500, maxResponseBytes: 65_536 };
  let allowed: OutboundPolicy;
  beforeAll(async () => {
    await target.start();
    allowed = { ...strict, allowedHosts: ['127.0.0.1'] };
  });
  afterAll(() => target.stop());

  it('classifies addresses: private, loopback, link-local, CGNAT, multicast, unspecified, and their IPv6 forms are refused', () => {
    for (const a of [
      '127.0.0.1', '127.8.9.10', '10.0.0.1', '172.16.5.4', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '100.127.255.254',
      '0.0.0.0', '224.0.0.1', '239.255.255.250', '255.255.255.255', '240.0.0.1', '198.18.0.1',
      '::', '::1', 'fe80::1', 'fc00::1', 'fd12:3456::1', 'ff02::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.1', '::ffff:a9fe:a9fe',
      '64:ff9b::7f00:1', '2002:7f00:1::1', '::127.0.0.1',
      // IPv4-compatible (::/96) and SIIT (::ffff:0:0:0/96): refused whatever address they carry.
      '::8.8.8.8', '::808:808', '::1.2.3.4', '::ffff:0:8.8.8.8', '::ffff:0:808:808', '::ffff:0:7f00:1', '::ffff:0:0:1',
    ]) expect(refusedBecause(a), a).toBeDefined();
    for (const a of ['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2001:4860:4860::8888', '::ffff:8.8.8.8', '64:ff9b::808:808']) expect(refusedBecause(a), a).toBeUndefined();
    expect(refusedBecause('10.1.2.3', ['10.0.0.0/8'])).toBeUndefined();
    expect(refusedBecause('10.1.2.3', ['10.1.2.4'])).toBeDefined();
  });

  it('refuses loopback, private, metadata and IPv6 loopback URLs and a host name resolving to loopback — before any connection', async () => {
    target.on('/never', (_r, res) => res.end());
    for (const url of [
      target.url('/never'),
      `http://localhost:${target.port}/never`,
      `http://[::1]:${target.port}/never`,
      `http://[::ffff:127.0.0.1]:${target.port}/never`,
      'http://10.0.0.1/hook',
      'http://169.254.169.254/latest/meta-data/',
    ]) {
      await expect(postJson(url, {}, '{}', strict), url).rejects.toBeInstanceOf(RefusedAddressError);
    }
    expect(target.at('/never')).toHaveLength(0);
    // The allow-list names the address: then it is delivered to.
    await expect(postJson(target.url('/never'), {}, '{}', allowed)).resolves.toMatchObject({ status: 200 });
  });

  it('does not follow redirects', async () => {
    target.on('/moved', (_r, res) => {
      res.writeHead(307, { location: '/landing' });
      res.end();
    });
    expect(await postJson(target.url('/moved'), {}, '{}', allowed)).toMatchObject({ status: 307 });
    expect(target.at('/landing')).toHaveLength(0);
  });

  it('gives up on a receiver that does not answer in time', async () => {
    target.on('/slow', () => {
      /* never answers */
    });
    const started = Date.now();
    await expect(postJson(target.url('/slow'), {}, '{}', allowed)).rejects.toThrow(/timed out after 1500 ms/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('counts a slow DNS answer against the overall timeout (an attempt cannot outlive its lease)', async () => {
    // A real DNS server on 127.0.0.1 that takes the query and never answers.
    const server = dgram.createSocket('udp4');
    let queries = 0;
    server.on('message', () => queries++);
    await new Promise<void>((resolve) => server.bind(0, '127.0.0.1', resolve));
    const resolver = new dns.promises.Resolver({ timeout: 60_000, tries: 1 });
    resolver.setServers([`127.0.0.1:${server.address().port}`]);
    const lookup: HostLookup = async (host) => (await resolver.resolve4(host)).map((address) => ({ address, family: 4 }));
    try {
      const started = Date.now();
      await expect(postJson('http://hooks.media.example/x', {}, '{}', { ...allowed, lookup })).rejects.toThrow(/timed out after 1500 ms/);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(queries).toBeGreaterThan(0);
    } finally {
      resolver.cancel();
      server.close();
    }
  });

  it('reads at most the size cap of a huge answer', async () => {
    let written = 0;
    target.on('/huge', (_r, res) => {
      const chunk = Buffer.alloc(64 * 1024, 'x');
      const pump = () => {
        while (written < 50 * 1024 * 1024) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => (written = Number.MAX_SAFE_INTEGER));
      pump();
    });
    const result = await postJson(target.url('/huge'), {}, '{}', { ...allowed, maxResponseBytes: 100_000 });
    expect(result.status).toBe(200);
    expect(result.bytesRead).toBeLessThanOrEqual(100_000);
  });
});

// ---- holding deliveries, audit origins, rotation under concurrency, retention -----------------------

/** The delivery job's runtime on a test service's database, to run `deliverEndpoint` in the test itself. */
function runtimeOf(svc: TestService): WebhookRuntime {
  return {
    db: svc.service.db.prisma,
    jobs: createJobQueue(svc.config.jobs.schema),
    settings: svc.config.webhooks,
    encryptionKey: secretEncryptionKey(svc.config.auth.jwtSecret),
    logger: createLogger('warn'),
  };
}

describe('Webhooks: held while off or the channel is deactivated, URL origins in the audit log, concurrent rotations, retention', () => {
  let svc: TestService;
  let fx: Fixture;
  let admin: Caller;
  let rt: WebhookRuntime;
  const receiver = new Receiver();
  const deliveriesOf = (endpointId: string) =>
    svc.service.db.prisma.webhookDelivery.findMany({ where: { endpointId: dbIdOf(endpointId) }, orderBy: { eventSequence: 'asc' } });

  beforeAll(async () => {
    svc = await startTestService({ env: ALLOWED_ENV });
    fx = await fixture(svc);
    admin = await asAdmin(svc);
    rt = runtimeOf(svc);
    await receiver.start();
  });
  afterAll(async () => {
    await receiver.stop();
    await svc?.stop();
  });

  it('an endpoint switched off gets its events queued and held, and every one when switched on', async () => {
    const channel = await createChannelWithKey(svc, admin, 'WEBSITE');
    const ep = await createEndpoint(svc, admin, { channelClientId: channel.channelId, url: receiver.url('/paused'), eventKinds: ['release.published'], active: false });
    expect(ep.endpoint).toMatchObject({ active: false });
    const r1 = await releaseIn(fx, 'PUBLISHED');
    const r2 = await releaseIn(fx, 'PUBLISHED');
    const held = await pollUntil('both queued for the switched-off endpoint', async () => {
      const rows = await deliveriesOf(ep.endpoint.id);
      return rows.length === 2 ? rows : null;
    }, 60_000);
    expect(held.map((d) => d.status)).toEqual(['PENDING', 'PENDING']);
    // The delivery job holds them.
    await deliverEndpoint(rt, dbIdOf(ep.endpoint.id));
    expect(receiver.at('/paused')).toHaveLength(0);
    expect((await deliveriesOf(ep.endpoint.id)).map((d) => d.status)).toEqual(['PENDING', 'PENDING']);

    await mutation(svc, admin, 'updateWebhookEndpoint', 'UpdateWebhookEndpointInput', { id: ep.endpoint.id, active: true }, '... on UpdateWebhookEndpointPayload { endpoint { active } }');
    const got = await pollUntil('both after switching on', async () => {
      const ok = receiver.at('/paused').filter((x) => x.answered === 200);
      return ok.length >= 2 ? ok : null;
    });
    expect(got.map((x) => x.json.data.id)).toEqual([r1.id, r2.id]);
  });

  it('nothing is sent while the channel client is deactivated (replays held too); activated again, the sweep sends what waited', async () => {
    const channel = await createChannelWithKey(svc, admin, 'WEBSITE');
    const ep = await createEndpoint(svc, admin, { channelClientId: channel.channelId, url: receiver.url('/channel'), eventKinds: ['release.published'] });
    const r = await releaseIn(fx, 'PUBLISHED');
    const first = await pollUntil('delivered', async () => receiver.at('/channel').find((x) => x.json?.data?.id === r.id && x.answered === 200));
    const delivery = await pollUntil('logged DELIVERED', async () => (await deliveriesOf(ep.endpoint.id)).find((d) => d.status === 'DELIVERED'));

    const setActive = (active: boolean) =>
      callData(svc, admin, `mutation($input: UpdateChannelClientInput!) { r: updateChannelClient(input: $input) { __typename } }`, { input: { id: channel.channelId, active } });
    expect((await setActive(false)).r.__typename).toBe('UpdateChannelClientPayload');
    const replay = await mutation(svc, admin, 'replayWebhookDelivery', 'ReplayWebhookDeliveryInput', { id: gid('WebhookDelivery', delivery.id) }, '... on ReplayWebhookDeliveryPayload { delivery { status } }');
    expect(replay).toMatchObject({ __typename: 'ReplayWebhookDeliveryPayload', delivery: { status: 'PENDING' } });
    await deliverEndpoint(rt, dbIdOf(ep.endpoint.id));
    expect(receiver.at('/channel').filter((x) => x.headers['webhook-id'] === first.headers['webhook-id'])).toHaveLength(1);
    expect((await svc.service.db.prisma.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).status).toBe('PENDING');

    expect((await setActive(true)).r.__typename).toBe('UpdateChannelClientPayload');
    await dispatchWebhooks(rt, { sweep: true }); // the crontab's minute, now
    await pollUntil('the replay after reactivation', async () => receiver.at('/channel').filter((x) => x.headers['webhook-id'] === first.headers['webhook-id'] && x.answered === 200).length === 2);
  });

  it('the audit log keeps only the origin of a receiver URL, never its path or query (auditors read it)', async () => {
    const channel = await createChannelWithKey(svc, admin, 'WEBSITE');
    const ep = await createEndpoint(svc, admin, { channelClientId: channel.channelId, url: receiver.url('/hooks/s3cret-path?token=tok-created'), eventKinds: ['release.withdrawn'] });
    expect(ep.__typename).toBe('CreateWebhookEndpointPayload');
    await mutation(svc, admin, 'updateWebhookEndpoint', 'UpdateWebhookEndpointInput', { id: ep.endpoint.id, url: receiver.url('/hooks/other-path?token=tok-updated') }, '');
    await mutation(svc, admin, 'deleteWebhookEndpoint', 'DeleteWebhookEndpointInput', { id: ep.endpoint.id }, '');
    const rows = await svc.service.db.prisma.auditEvent.findMany({ where: { entityId: dbIdOf(ep.endpoint.id) }, orderBy: { occurredAt: 'asc' } });
    expect(rows.map((e) => e.action)).toEqual(['webhook.created', 'webhook.updated', 'webhook.deleted']);
    const origin = `http://127.0.0.1:${receiver.port}`;
    for (const row of rows) {
      const text = JSON.stringify(row.data);
      expect(text, row.action).not.toMatch(/tok-|s3cret|other-path|\/hooks/);
      expect(row.data, row.action).toMatchObject({ origin });
      expect(row.data, row.action).not.toHaveProperty('url');
    }
  });

  // PGlite has one connection: its transactions never overlap, so the race needs PostgreSQL.
  it.skipIf(!testDatabaseUrl)('two rotations at once: the second demotes the first one\'s secret, so no secret is lost', async () => {
    const channel = await createChannelWithKey(svc, admin, 'WEBSITE');
    const ep = await createEndpoint(svc, admin, { channelClientId: channel.channelId, url: receiver.url('/rotate'), eventKinds: ['release.withdrawn'] });
    const id = dbIdOf(ep.endpoint.id);
    const prisma = svc.service.db.prisma;
    // Hold the endpoint's row until both rotations are waiting on it, so they truly overlap.
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const holder = prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1 FROM "WebhookEndpoint" WHERE "id" = ${id}::uuid FOR UPDATE`;
      await gate;
    }, { timeout: 120_000, maxWait: 30_000 });
    const rotate = () => mutation(svc, admin, 'rotateWebhookSecret', 'RotateWebhookSecretInput', { id: ep.endpoint.id, overlapSeconds: 3600 }, '... on RotateWebhookSecretPayload { secret }');
    const rotations = [rotate(), rotate()];
    await pollUntil('both rotations waiting for the row', async () => {
      const rows = await prisma.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%WebhookEndpoint%'`;
      return (rows[0]?.n ?? 0) >= 2;
    }, 60_000, 50);
    open();
    await holder;
    const secrets = (await Promise.all(rotations)).map((r) => r.secret as string);
    expect(secrets.every((s) => /^whsec_/.test(s))).toBe(true);
    const row = await prisma.webhookEndpoint.findUniqueOrThrow({ where: { id } });
    const key = secretEncryptionKey(svc.config.auth.jwtSecret);
    const current = decryptSecret(key, row.secretCiphertext);
    const previous = decryptSecret(key, row.previousSecretCiphertext!);
    // Serialised: the later rotation's secret signs, and beside it the earlier one's — not the original.
    expect(new Set([current, previous])).toEqual(new Set(secrets));
    expect(previous).not.toBe(ep.secret);
  });

  it('retention keeps an event that still has a PENDING delivery, whatever its age', async () => {
    const channel = await createChannelWithKey(svc, admin, 'WEBSITE');
    const ep = await createEndpoint(svc, admin, { channelClientId: channel.channelId, url: receiver.url('/retained'), eventKinds: ['release.published'], active: false });
    const r = await releaseIn(fx, 'PUBLISHED');
    const [pending] = await pollUntil('queued, held', async () => {
      const rows = await deliveriesOf(ep.endpoint.id);
      return rows.length === 1 ? rows : null;
    }, 60_000);
    expect(pending!.status).toBe('PENDING');
    const farFuture = new Date(Date.now() + 10 * 365 * 86_400_000);
    const purged = await purgeOldEvents(svc.service.db.prisma, farFuture, 1);
    expect(purged).toBeGreaterThan(0); // every other event the dispatcher has passed is gone
    expect(await svc.service.db.prisma.outboxEvent.findUnique({ where: { sequence: pending!.eventSequence } })).not.toBeNull();

    await mutation(svc, admin, 'updateWebhookEndpoint', 'UpdateWebhookEndpointInput', { id: ep.endpoint.id, active: true }, '');
    const got = await pollUntil('sent after the purge', async () => receiver.at('/retained').find((x) => x.answered === 200));
    expect(got.json.data.id).toBe(r.id);
  });
});

// ---- a server killed mid-delivery ---------------------------------------------------------------------------

const ROOT = path.resolve(import.meta.dirname, '..');

/**
 * PostgreSQL only: a job worker is a process of its own there (`npm run worker`), which the test
 * can kill outright. With the embedded database the jobs run inside the server process that owns
 * the database folder, so killing it would need the whole server started from a data folder
 * (test/embedded-process.test.ts does that for the database itself); the recovery path — the
 * claim's lease running out and the start-up sweep — is the same code on both databases.
 */
describe.skipIf(!testDatabaseUrl)('Webhooks: a worker killed mid-delivery', () => {
  let svc: TestService;
  const receiver = new Receiver();
  let worker: ChildProcess | undefined;

  const startWorker = () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/worker.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        DATABASE_URL: svc.service.db.url,
        JWT_SECRET: TEST_JWT_SECRET,
        JOB_POLL_INTERVAL_MS: '300',
        ...ALLOWED_ENV,
        WEBHOOK_TIMEOUT_MS: '1500',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    return child;
  };

  beforeAll(async () => {
    svc = await startTestService({ env: { ...ALLOWED_ENV, RUN_JOBS: 'false' } });
    await receiver.start();
  });
  afterAll(async () => {
    if (worker && worker.exitCode === null) {
      worker.kill('SIGKILL');
      await new Promise((r) => worker!.once('exit', r));
    }
    await receiver.stop();
    await svc?.stop();
  });

  it('redelivers after restart (same webhook-id): nothing is lost', async () => {
    const fx = await fixture(svc);
    const admin = await asAdmin(svc);
    const website = await createChannelWithKey(svc, admin, 'WEBSITE');
    let hold = true;
    receiver.on('/hook', (_r, res) => {
      if (!hold) res.end('ok');
    });
    const ep = await createEndpoint(svc, admin, { channelClientId: website.channelId, url: receiver.url('/hook') });
    expect(ep.__typename).toBe('CreateWebhookEndpointPayload');
    worker = startWorker();
    const release = await releaseIn(fx, 'PUBLISHED');
    const first = await pollUntil('the delivery held open at the receiver', async () => receiver.at('/hook').find((r) => r.json?.data?.id === release.id));
    worker.kill('SIGKILL');
    await new Promise((r) => worker!.once('exit', r));
    expect(first.answered).toBeUndefined();
    const row = await svc.service.db.prisma.webhookDelivery.findFirstOrThrow({ where: { endpointId: dbIdOf(ep.endpoint.id) } });
    expect(row.status).toBe('PENDING');

    hold = false;
    worker = startWorker();
    const again = await pollUntil(
      'the redelivery',
      async () => receiver.at('/hook').find((r) => r !== first && r.headers['webhook-id'] === first.headers['webhook-id'] && r.answered === 200),
      120_000,
    );
    expect(verifiedBy([ep.secret], again.headers, again.body)).toEqual([ep.secret]);
    await pollUntil('logged as delivered', async () => (await svc.service.db.prisma.webhookDelivery.findUniqueOrThrow({ where: { id: row.id } })).status === 'DELIVERED');
  });
});
