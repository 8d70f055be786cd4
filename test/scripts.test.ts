// The command-line entry points a new installation relies on: `npm run admin:create` (the first
// production administrator) and `npm run worker` (the job queue in its own process).
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.js';
import { dataOf, startTestService, testDatabaseUrl, TEST_JWT_SECRET, type TestService } from './harness.js';

const ROOT = path.resolve(import.meta.dirname, '..');

interface Run {
  code: number | null;
  output: string;
}

/** Runs a TypeScript entry point in a child process with a clean environment plus `env`. */
function run(entry: string, args: string[], env: Record<string, string>, untilOutput?: RegExp): { done: Promise<Run>; stop(): void } {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(base)) if (key.startsWith('VITEST') || key === 'NODE_OPTIONS' || key === 'TEST_DATABASE_URL') delete base[key];
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    cwd: ROOT,
    env: { ...base, LOG_LEVEL: 'info', DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const onData = (d: Buffer) => {
    output += d.toString();
    if (untilOutput?.test(output)) untilOutput = undefined;
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  return {
    done: new Promise((resolve) => child.once('exit', (code) => resolve({ code, output }))),
    stop: () => child.kill('SIGTERM'),
  };
}

describe('npm run admin:create — the first administrator of a production installation', () => {
  let dataDir: string;
  const env = () => ({ NODE_ENV: 'production', JWT_SECRET: TEST_JWT_SECRET, DATA_DIR: dataDir });

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'gongkai-admin-create-'));
    // A production database: reference data only, no demo accounts.
    const seeded = await run('scripts/db-seed.ts', [], env()).done;
    expect(seeded.code, seeded.output).toBe(0);
  }, 240_000);
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  async function accounts() {
    const db = await openDatabase({ url: undefined, dataDir });
    try {
      return await db.prisma.user.findMany({ include: { grants: { include: { orgUnit: { select: { depth: true } } } } } });
    } finally {
      await db.close();
    }
  }

  it('seeds no accounts in production', async () => {
    expect(await accounts()).toEqual([]);
  });

  it('refuses a password that breaks the policy, and creates nothing', async () => {
    const result = await run('scripts/admin-create.ts', ['--username', 'ops.admin'], { ...env(), ADMIN_PASSWORD: 'short' }).done;
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/password/);
    expect(await accounts()).toEqual([]);
  }, 240_000);

  it('refuses to run without a password when there is no terminal to ask in', async () => {
    const result = await run('scripts/admin-create.ts', ['--username', 'ops.admin'], env()).done;
    expect(result.code).toBe(2);
    expect(result.output).toMatch(/ADMIN_PASSWORD/);
  }, 240_000);

  it('creates an ADMIN of the county root who can sign in, and is idempotent', async () => {
    const password = 'first-admin-password-2026';
    const first = await run('scripts/admin-create.ts', ['--username', 'Ops.Admin', '--display-name', '运维管理员'], { ...env(), ADMIN_PASSWORD: password }).done;
    expect(first.code, first.output).toBe(0);
    expect(first.output).toMatch(/created ops\.admin as ADMIN/);
    const again = await run('scripts/admin-create.ts', ['--username', 'ops.admin'], { ...env(), ADMIN_PASSWORD: 'another-password-entirely' }).done;
    expect(again.code, again.output).toBe(0);
    expect(again.output).toMatch(/exists/);

    const users = await accounts();
    expect(users.map((u) => ({ username: u.username, displayName: u.displayName, grants: u.grants.map((g) => [g.role, g.orgUnit.depth]) }))).toEqual([
      { username: 'ops.admin', displayName: '运维管理员', grants: [['ADMIN', 0]] },
    ]);
    // The second run kept the first password.
    const db = await openDatabase({ url: undefined, dataDir });
    try {
      const { verifyPassword } = await import('../src/auth/passwords.js');
      expect(await verifyPassword(users[0]!.passwordHash, password)).toBe(true);
      const audit = await db.prisma.auditEvent.findMany({ where: { action: { in: ['user.created', 'grant.created'] } } });
      expect(audit.map((a) => [a.action, (a.data as { via?: string }).via]).sort()).toEqual([
        ['grant.created', 'admin:create'],
        ['user.created', 'admin:create'],
      ]);
    } finally {
      await db.close();
    }
  }, 240_000);
});

describe('npm run worker — the job queue in a process of its own', () => {
  it('refuses to start on the embedded database, naming DATABASE_URL', async () => {
    const result = await run('src/worker.ts', [], { NODE_ENV: 'development', JWT_SECRET: TEST_JWT_SECRET }).done;
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/DATABASE_URL/);
  }, 240_000);

  describe.skipIf(!testDatabaseUrl)('on PostgreSQL', () => {
    let service: TestService;
    beforeAll(async () => {
      // The API instance runs no jobs: only the worker process can publish.
      service = await startTestService({ env: { RUN_JOBS: 'false' } });
    });
    afterAll(() => service.stop());

    it('publishes a scheduled release while the API process runs no jobs, and stops cleanly on SIGTERM', async () => {
      const login = async (username: string) =>
        dataOf(await service.gql(`mutation($u: String!) { login(input: { username: $u, password: "gongkai-demo-2026" }) { ... on LoginPayload { accessToken } } }`, { u: username }))
          .login.accessToken as string;
      const editor = await login('zhangbaling.editor');
      const reviewer = await login('zhangbaling.reviewer');
      const org = dataOf(await service.gql(`{ orgUnits(filter: { search: "张八岭镇人民政府" }) { id } }`)).orgUnits[0].id;
      const matter = dataOf(await service.gql(`{ matters(filter: { search: "任务分配" }) { edges { node { id } } } }`)).matters.edges[0].node.id;
      const step = async (mutation: string, input: Record<string, unknown>, token = reviewer) => {
        const r = await service.gql(`mutation($i: ${mutation[0]!.toUpperCase()}${mutation.slice(1)}Input!) { ${mutation}(input: $i) { __typename ... on ReleasePayload { release { id status } } ... on Error { message } } }`, { i: input }, { token });
        const payload = dataOf(r)[mutation];
        expect(payload.__typename, JSON.stringify(payload)).toBe('ReleasePayload');
        return payload.release as { id: string; status: string };
      };
      // Four eyes: the editor writes and submits, the reviewer approves.
      const draft = await step('createRelease', { matterId: matter, publisherId: org, title: '由独立工作进程定时发布', stage: 'RESULT', bodyHtml: '<p>正文</p>', targetChannels: ['WEBSITE'] }, editor);
      await step('submitRelease', { id: draft.id }, editor);
      await step('approveRelease', { id: draft.id });
      expect((await step('publishRelease', { id: draft.id, publishAt: new Date(Date.now() + 2_000).toISOString() })).status).toBe('SCHEDULED');

      const worker = run('src/worker.ts', [], { NODE_ENV: 'development', JWT_SECRET: TEST_JWT_SECRET, DATABASE_URL: service.service.db.url, JOB_POLL_INTERVAL_MS: '300' });
      const id = Buffer.from(draft.id, 'base64url').toString('utf8').split(':')[1]!;
      let status = 'SCHEDULED';
      // Until the worker has published it (the test's timeout is the only bound: a busy machine is slow, not wrong).
      while (status !== 'PUBLISHED') {
        await new Promise((r) => setTimeout(r, 300));
        status = (await service.service.db.prisma.release.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;
      }
      worker.stop();
      const exit = await worker.done;
      expect(status, exit.output).toBe('PUBLISHED');
      expect(exit.code, exit.output).toBe(0);
      const revisions = await service.service.db.prisma.revision.count({ where: { releaseId: id, status: 'PUBLISHED' } });
      expect(revisions).toBe(1);
    }, 240_000);
  });
});
