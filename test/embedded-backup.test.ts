// Backups of the embedded database (issue 9, part 5): `npm run db:backup` while the server runs
// and keeps writing, `npm run db:restore` into a new folder and over an old one (kept aside), a
// restored database that starts and serves the same data, a restore refused while a server holds
// the folder, and a control channel no other local user can reach.
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { realpathSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { boot, type RunningService } from '../src/boot.js';
import { loadConfig } from '../src/config.js';
import { backupEmbedded, restoreEmbedded } from '../src/db/backup.js';
import { controlSocketPath } from '../src/db/control-channel.js';
import { serveSession } from '../src/db/pglite-session-queue.js';
import { createLogger } from '../src/logger.js';
import { testDatabaseUrl, TEST_JWT_SECRET } from './harness.js';
import { withDatabase } from './global-setup.js';

const ROOT = path.resolve(import.meta.dirname, '..');

/** Runs a script the way `npm run` does, in a child process with a clean environment plus `env`. */
function runScript(entry: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(base)) if (key.startsWith('VITEST') || key === 'NODE_OPTIONS' || key === 'TEST_DATABASE_URL') delete base[key];
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], { cwd: ROOT, env: { ...base, DATABASE_URL: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

interface Started {
  service: RunningService;
  logs: Record<string, any>[];
}

/** Boots the real service on the embedded database in `dataDir` (from the run's seeded template when the folder is new). */
async function startOn(dataDir: string, { fromTemplate = false } = {}): Promise<Started> {
  const template = fromTemplate ? inject('templateDump') : null;
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    JWT_SECRET: TEST_JWT_SECRET,
    METRICS_PORT: 'off',
    // Nothing but this test writes: the tables other than its own must match exactly.
    RUN_JOBS: 'false',
    SEED_ON_START: fromTemplate && !template ? 'true' : 'false',
    LOG_LEVEL: 'info',
  });
  const logs: Record<string, any>[] = [];
  const logger = createLogger('info', {}, { write: (line: string) => void logs.push(JSON.parse(line)) });
  const service = await boot({
    config,
    logger,
    database: { url: undefined, dataDir, ...(template ? { embeddedTemplate: new Blob([await readFile(template)]) } : {}) },
  });
  return { service, logs };
}

/** Row counts of every table of the application (public schema), but this test's probes. */
async function tableCounts(pool: pg.Pool): Promise<Record<string, number>> {
  const tables = await pool.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE 'backup_probe%' ORDER BY 1`);
  const counts: Record<string, number> = {};
  for (const { name } of tables.rows) counts[name] = Number((await pool.query(`SELECT count(*) FROM public."${name}"`)).rows[0].count);
  return counts;
}

async function probe(pool: pg.Pool): Promise<{ rows: number; total: number }> {
  const { rows } = await pool.query('SELECT (SELECT count(*) FROM backup_probe)::int AS rows, (SELECT total FROM backup_probe_total) AS total');
  return rows[0];
}

async function domainsCount(service: RunningService): Promise<number> {
  const res = await fetch(`${service.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ domains { totalCount } }' }) });
  const body = (await res.json()) as { data: { domains: { totalCount: number } } };
  return body.data.domains.totalCount;
}

/** Writes one probe row and bumps the total in the same transaction (four protocol messages). */
async function write(client: pg.PoolClient, n: number): Promise<void> {
  await client.query('BEGIN');
  await client.query('INSERT INTO backup_probe (n) VALUES ($1)', [n]);
  await client.query('UPDATE backup_probe_total SET total = total + 1');
  await client.query('COMMIT');
}

describe('Backups of the embedded database (npm run db:backup / db:restore)', () => {
  let work: string;
  let dirA: string;
  let dirB: string;
  let a: Started | undefined;
  let b: Started | undefined;
  let sqlBackup: string;
  /** Probe rows committed when the backup began and when it was done. */
  let committedBefore = 0;
  let committedAfterBackup = 0;
  let committedAtEnd = 0;
  let countsOfA: Record<string, number>;
  let domainsOfA: number;

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'gongkai-backup-'));
    dirA = path.join(work, 'a');
    dirB = path.join(work, 'b');
    a = await startOn(dirA, { fromTemplate: true });
    // Others may traverse the data folder: only the control channel's own modes keep them out.
    await chmod(work, 0o755);
    await chmod(dirA, 0o755);
    await a.service.db.pool.query('CREATE TABLE backup_probe (n int PRIMARY KEY); CREATE TABLE backup_probe_total (total int NOT NULL); INSERT INTO backup_probe_total VALUES (0)');
  });
  afterAll(async () => {
    await a?.service.stop();
    await b?.service.stop();
    await rm(work, { recursive: true, force: true });
  });

  it('backs up the running server while it keeps writing, as one committed state', async () => {
    const { pool } = a!.service.db;
    const client = await pool.connect();
    let n = 0;
    try {
      for (; n < 20; n++) await write(client, n);
      committedBefore = n;
      sqlBackup = path.join(work, 'backup.sql');
      let backingUp = true;
      const backup = runScript('scripts/db-backup.ts', [sqlBackup], { DATA_DIR: dirA }).finally(() => (backingUp = false));
      // Keep writing until the backup is done: its snapshot lands somewhere in this stream.
      while (backingUp) await write(client, n++);
      committedAfterBackup = n;
      const result = await backup;
      expect(result.code, result.output).toBe(0);
      // The folder is the server's: the snapshot came from it, not from a second opening.
      expect(result.output).toContain(`snapshot taken by the running server, process ${process.pid}`);
      expect(committedAfterBackup).toBeGreaterThan(committedBefore);
      for (let i = 0; i < 10; i++) await write(client, n++);
      committedAtEnd = n;
    } finally {
      client.release();
    }
    countsOfA = await tableCounts(pool);
    domainsOfA = await domainsCount(a!.service);
    const sql = await readFile(sqlBackup, 'utf8');
    expect(sql).toMatch(/^-- PostgreSQL database dump/m);
    expect(sql).toMatch(/^-- Dumped from database version 18\./m);
    // Portable to PostgreSQL 15/16, and free of PGlite's single role.
    expect(sql).not.toMatch(/transaction_timeout/);
    expect(sql).not.toMatch(/OWNER TO|^GRANT /m);
  });

  it('restores it into a new folder; a server started there serves the same data, consistent', async () => {
    const restored = await runScript('scripts/db-restore.ts', [sqlBackup], { DATA_DIR: dirB });
    expect(restored.code, restored.output).toBe(0);
    expect(restored.output).not.toMatch(/kept in/);
    b = await startOn(dirB);
    // Nothing to migrate: the restored database carries its migration history.
    expect(b.logs.some((l) => l.msg === 'database: migrations applied')).toBe(false);
    const { rows, total } = await probe(b.service.db.pool);
    // One committed state: every row with its total, nothing torn, and a moment of the backup.
    expect(rows).toBe(total);
    expect(rows).toBeGreaterThanOrEqual(committedBefore);
    expect(rows).toBeLessThanOrEqual(committedAfterBackup);
    expect(await tableCounts(b.service.db.pool)).toEqual(countsOfA);
    expect(domainsOfA).toBeGreaterThan(0);
    expect(await domainsCount(b.service)).toBe(domainsOfA);
  });

  it('refuses to restore while a server holds the folder, naming it, and changes nothing', async () => {
    const before = await readdir(dirB);
    const refused = await runScript('scripts/db-restore.ts', [sqlBackup], { DATA_DIR: dirB });
    expect(refused.code).toBe(1);
    expect(refused.output).toContain(`is in use by process ${process.pid}`);
    expect(refused.output).toMatch(/stop that server first/);
    expect(await readdir(dirB)).toEqual(before);
    expect((await probe(b!.service.db.pool)).rows).toBeLessThanOrEqual(committedAfterBackup);
  });

  it('a data-folder tarball of the running server restores exactly, over an old database that is kept aside', async () => {
    const tarball = path.join(work, 'backup.tar.gz');
    const made = await backupEmbedded({ dataDir: dirA, file: tarball });
    expect(made).toMatchObject({ format: 'tar', madeBy: process.pid });
    const oldRows = (await probe(b!.service.db.pool)).rows;
    expect(oldRows).toBeLessThan(committedAtEnd);
    await b!.service.stop();
    b = undefined;
    const { format, setAside } = await restoreEmbedded({ dataDir: dirB, file: tarball });
    expect(format).toBe('tar');
    expect(setAside).toMatch(/pglite\.replaced-/);
    b = await startOn(dirB);
    // Taken after the last writes: exactly what A holds.
    expect(await probe(b.service.db.pool)).toEqual({ rows: committedAtEnd, total: committedAtEnd });
    expect(await tableCounts(b.service.db.pool)).toEqual(countsOfA);
    await b.service.stop();
    b = undefined;
    // The database set aside is the one that was there, whole: it starts (in a DATA_DIR of its own).
    const keptDir = path.join(work, 'kept');
    await mkdir(keptDir);
    await rename(setAside!, path.join(keptDir, 'pglite'));
    const kept = await startOn(keptDir);
    try {
      expect((await probe(kept.service.db.pool)).rows).toBe(oldRows);
    } finally {
      await kept.service.stop();
    }
  });

  it('backs up a folder no server holds by opening it itself', async () => {
    const file = path.join(work, 'offline.tar');
    const made = await backupEmbedded({ dataDir: dirB, file });
    expect(made.madeBy).toBe('this process');
    expect((await readFile(file)).subarray(257, 262).toString('latin1')).toBe('ustar');
  });

  it("keeps the control channel to the folder's owner: a 0600 socket file in a 0700 folder", async () => {
    const socket = controlSocketPath(dirA);
    expect(socket.startsWith(realpathSync(dirA))).toBe(true);
    expect((await stat(socket)).isSocket()).toBe(true);
    expect((await stat(socket)).mode & 0o777).toBe(0o600);
    expect((await stat(path.dirname(socket))).mode & 0o777).toBe(0o700);
  });

  it.skipIf(process.getuid?.() !== 0)('another local user cannot connect to it (while one can reach a socket that is not protected)', async () => {
    const tryConnect = (file: string) =>
      new Promise<string>((resolve, reject) =>
        execFile(
          process.execPath,
          ['-e', `require('net').connect(${JSON.stringify(file)}).on('connect', () => { console.log('connected'); process.exit(0) }).on('error', (e) => { console.log(e.code); process.exit(0) })`],
          { uid: 65534, gid: 65534, cwd: '/' },
          (error, stdout) => (error ? reject(error) : resolve(stdout.trim())),
        ),
      );
    // The control: an open socket next to it, which the same user can reach.
    const open = path.join(dirA, `open-${randomBytes(3).toString('hex')}.sock`);
    const server = net.createServer((s) => s.end());
    await new Promise<void>((resolve) => server.listen(open, resolve));
    await chmod(open, 0o777);
    try {
      expect(await tryConnect(open)).toBe('connected');
      expect(await tryConnect(controlSocketPath(dirA))).toBe('EACCES');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it.skipIf(!testDatabaseUrl)('the SQL dump restores into the PostgreSQL server with psql (ON_ERROR_STOP), and the service runs on it', async () => {
    const name = `t_restore_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: testDatabaseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = withDatabase(testDatabaseUrl!, name);
    let service: RunningService | undefined;
    try {
      const result = await new Promise<{ code: number; output: string }>((resolve) =>
        execFile('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '--single-transaction', '-o', '/dev/null', '-f', sqlBackup, url], (error, stdout, stderr) =>
          resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, output: stdout + stderr }),
        ),
      );
      expect(result.code, result.output).toBe(0);
      const config = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATABASE_URL: url, JWT_SECRET: TEST_JWT_SECRET, METRICS_PORT: 'off', RUN_JOBS: 'false', SEED_ON_START: 'false', LOG_LEVEL: 'silent' });
      service = await boot({ config, logger: createLogger('silent') });
      const { rows, total } = await probe(service.db.pool);
      expect(rows).toBe(total);
      expect(rows).toBeGreaterThanOrEqual(committedBefore);
      expect(await tableCounts(service.db.pool)).toEqual(countsOfA);
      expect(await domainsCount(service)).toBe(domainsOfA);
    } finally {
      await service?.stop();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});

describe("The embedded server's snapshots see one committed state", () => {
  it("wait for a client's open transaction to end, whatever state it is in", async () => {
    const db = await PGlite.create();
    const password = randomBytes(12).toString('hex');
    const server = await serveSession(db, '127.0.0.1', 0, 10, password);
    const client = new pg.Client({ host: '127.0.0.1', port: server.port, user: 'postgres', password, database: 'postgres' });
    await client.connect();
    try {
      await client.query('CREATE TABLE t (n int)');
      await client.query('BEGIN');
      await client.query('INSERT INTO t VALUES (1)');
      // A failed statement leaves the transaction aborted: nothing would run inside it.
      await expect(client.query('SELECT 1/0')).rejects.toThrow(/division by zero/);
      const seen: string[] = [];
      // Asked for while the client's transaction is open (enqueued at once, in this thread).
      const snapshot = server.exclusive(async () => {
        seen.push(`in transaction: ${db.isInTransaction()}`);
        await db.exec('CHECKPOINT');
        return (await db.query<{ count: number }>('SELECT count(*)::int AS count FROM t')).rows[0]!.count;
      });
      await client.query('ROLLBACK');
      // It ran once the client's ROLLBACK had ended the transaction (inside the aborted one it
      // would have failed, and would have counted the uncommitted row in an open one).
      expect(await snapshot).toBe(0);
      expect(seen).toEqual(['in transaction: false']);
      // And the client goes on as before.
      expect((await client.query('SELECT count(*)::int AS count FROM t')).rows[0].count).toBe(0);
    } finally {
      await client.end();
      await server.close();
      await db.close();
    }
  });
});
