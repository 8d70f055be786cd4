// Backends terminated under a running server on the real PostgreSQL (hardening issue: the CI
// failure "terminating connection due to administrator command", 57P01). Two deterministic
// reproductions of what a failover, pg_terminate_backend or DROP DATABASE … WITH (FORCE) does:
// every connection of the service — idle pool clients, a client checked out between statements,
// the job queue's listener — is terminated while the service runs, and while its stop is held
// up. Nothing may become an unhandled error (Vitest fails the run on one), and the service must
// go on serving. The embedded database's equivalent is in database-outage.test.ts.
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { armPause, disarmFaults } from '../src/faults.js';
import { startTestService, testDatabaseUrl, type TestService } from './harness.js';

const onPostgres = describe.skipIf(!testDatabaseUrl);

let admin: pg.Client;
beforeAll(async () => {
  if (!testDatabaseUrl) return;
  admin = new pg.Client({ connectionString: testDatabaseUrl });
  admin.on('error', () => {});
  await admin.connect();
});
afterAll(async () => {
  await admin?.end();
});
afterEach(() => disarmFaults());

const databaseOf = (svc: TestService) => new URL(svc.service.db.url).pathname.slice(1);

/** Terminates every backend connected to the service's database; returns how many. */
async function terminateBackends(svc: TestService): Promise<number> {
  const { rows } = await admin.query<{ n: number }>(
    'SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
    [databaseOf(svc)],
  );
  return rows[0]!.n;
}

async function backends(svc: TestService, where = 'true'): Promise<number> {
  const { rows } = await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND ${where}`, [databaseOf(svc)]);
  return rows[0]!.n;
}

const until = async (probe: () => Promise<boolean> | boolean) => {
  while (!(await probe())) await new Promise((r) => setTimeout(r, 25));
};

onPostgres('Backends terminated under a running service (PostgreSQL)', () => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService();
  });
  afterAll(async () => {
    await svc?.stop();
  });

  it('survives the termination of idle clients, a checked-out client and the job queue\'s listener, and serves on', async () => {
    const pool = svc.service.db.pool;
    // Several pooled connections, idle once these finish.
    await Promise.all(Array.from({ length: 4 }, () => svc.gql('{ domains { totalCount } }')));
    await until(async () => (await backends(svc, "query LIKE 'LISTEN%'")) > 0);
    const lost: Error[] = [];
    const onIdleError = (error: Error) => lost.push(error);
    pool.on('error', onIdleError);
    // A client checked out between statements (as in a transaction or under an advisory lock)
    // when its backend is terminated: pg emits 'error' on the client itself.
    await svc.service.db.withAdvisoryLock(424242, async () => {
      const idle = pool.idleCount;
      expect(idle).toBeGreaterThan(0);
      // The idle ones, the held one and the job queue's.
      expect(await terminateBackends(svc)).toBeGreaterThanOrEqual(idle + 2);
      await until(() => lost.length >= idle);
    });
    pool.off('error', onIdleError);
    expect(lost.every((e) => /terminating connection|Connection terminated/.test(e.message))).toBe(true);

    for (let i = 0; i < 5; i++) {
      const r = await svc.gql('{ domains { totalCount } }');
      expect(r.status, JSON.stringify(r.errors)).toBe(200);
    }
    // The job queue listens again on a connection of its own.
    await until(async () => (await backends(svc, "query LIKE 'LISTEN%'")) > 0);
    expect((await fetch(`${svc.url}/readyz`)).status).toBe(200);
  });

  it('answers every request of a load during which all backends are terminated with 200 or a retryable 503', async () => {
    const load = Array.from({ length: 30 }, () => svc.gql('{ releases(first: 5) { totalCount edges { node { title publisher { name } } } } }'));
    await terminateBackends(svc);
    for (const r of await Promise.all(load)) {
      if (r.status === 503) {
        expect(r.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
        expect(r.headers.get('retry-after')).toBe('5');
      } else {
        expect(r.status, JSON.stringify(r.errors)).toBe(200);
      }
    }
    let last = await svc.gql('{ domains { totalCount } }');
    while (last.status === 503) last = await svc.gql('{ domains { totalCount } }');
    expect(last.status).toBe(200);
  });
});

onPostgres('A stop held up while its database is dropped (PostgreSQL)', () => {
  it('completes the stop and leaves no unhandled error when DROP DATABASE … WITH (FORCE) runs mid-stop', async () => {
    const svc = await startTestService();
    await Promise.all(Array.from({ length: 3 }, () => svc.gql('{ releases(first: 3) { edges { node { title } } } }')));
    await until(async () => (await backends(svc, "query LIKE 'LISTEN%'")) > 0);
    const pause = armPause('service.stop');
    const stopping = svc.service.stop();
    await pause.reached;
    // What the harness did when a stop lost its race against a timeout: drop under open connections.
    await admin.query(`DROP DATABASE ${databaseOf(svc)} WITH (FORCE)`);
    pause.release();
    await stopping;
    // The harness's own drop finds nothing left to drop.
    await svc.stop();
  });
});
