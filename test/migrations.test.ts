// The migration runner (src/db/migrations.ts) on a real database: the embedded PGlite by
// default, a fresh PostgreSQL schema per database when TEST_DATABASE_URL is set.
import { createHash, randomBytes } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/db/database.js';
import { applyMigrations, MigrationError, migrationsDir, migrationStatus } from '../src/db/migrations.js';
import { diffMigrationsToSchema } from '../src/db/schema-engine.js';

const pgUrl = process.env.TEST_DATABASE_URL || undefined;
const label = pgUrl ? 'PostgreSQL' : 'embedded PGlite';

const opened: Database[] = [];
const schemas = new Set<string>();

/** A fresh, empty database: a new in-memory PGlite, or a new schema on the PostgreSQL server. */
async function freshDatabase(schema = `t_${randomBytes(6).toString('hex')}`): Promise<Database> {
  const db = pgUrl ? await openDatabase({ url: pgUrl, schema, poolMax: 3 }) : await openDatabase({ url: undefined, dataDir: null });
  if (pgUrl) schemas.add(schema);
  opened.push(db);
  return db;
}

async function committedMigrations(): Promise<{ name: string; checksum: string }[]> {
  const names = (await readdir(migrationsDir, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => ({
      name,
      // sha256 of the file's bytes, as Prisma records it
      checksum: createHash('sha256').update(await readFile(path.join(migrationsDir, name, 'migration.sql'))).digest('hex'),
    })),
  );
}

interface HistoryRow {
  id: string;
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
  started_at: Date;
}

async function history(db: Database): Promise<HistoryRow[]> {
  return (await db.pool.query<HistoryRow>('SELECT * FROM "_prisma_migrations" ORDER BY migration_name')).rows;
}

async function tables(db: Database): Promise<string[]> {
  const { rows } = await db.pool.query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`,
  );
  return rows.map((r) => r.tablename);
}

async function advisoryLocksHeldBy(client: { query: Database['pool']['query'] }): Promise<number> {
  const { rows } = await client.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted`,
  );
  return Number(rows[0]!.n);
}

afterAll(async () => {
  for (const db of opened) {
    if (db.kind === 'postgresql' && db.schema !== 'public' && schemas.has(db.schema)) {
      await db.pool.query(`DROP SCHEMA IF EXISTS ${db.schema} CASCADE`).catch(() => {});
      schemas.delete(db.schema);
    }
    await db.close();
  }
});

describe(`migrations on ${label}`, () => {
  let db: Database;
  let committed: { name: string; checksum: string }[];

  beforeAll(async () => {
    committed = await committedMigrations();
    db = await freshDatabase();
  });

  it('has at least one committed migration', () => {
    expect(committed.length).toBeGreaterThan(0);
  });

  it('applies every committed migration to an empty database and records it like Prisma', async () => {
    expect(await tables(db)).toEqual([]);
    const client = await db.pool.connect();
    try {
      const applied = await applyMigrations(client);
      expect(applied).toEqual(committed.map((m) => m.name));
      expect(await advisoryLocksHeldBy(client)).toBe(0);
    } finally {
      client.release();
    }
    const rows = await history(db);
    expect(rows.map((r) => r.migration_name)).toEqual(committed.map((m) => m.name));
    for (const [i, row] of rows.entries()) {
      expect(row.checksum).toBe(committed[i]!.checksum);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
    }
    // The schema is really there.
    expect(await tables(db)).toEqual(expect.arrayContaining(['Domain', 'Matter', 'Release', 'AuditEvent', '_prisma_migrations']));
  });

  it('applies nothing on a second call and reports no pending migration', async () => {
    const before = await history(db);
    const client = await db.pool.connect();
    try {
      expect(await applyMigrations(client)).toEqual([]);
      const status = await migrationStatus(client);
      expect(status.pending).toEqual([]);
      expect(status.applied).toEqual(committed.map((m) => m.name));
    } finally {
      client.release();
    }
    expect(await db.migrate()).toEqual([]);
    expect(await history(db)).toEqual(before);
    expect(await db.isReady()).toBe(true);
  });

  it('rolls a failing migration back completely and names it in a MigrationError', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'gongkai-migrations-'));
    try {
      await cp(migrationsDir, dir, { recursive: true });
      await mkdir(path.join(dir, '99999999999999_broken'));
      await writeFile(
        path.join(dir, '99999999999999_broken', 'migration.sql'),
        'CREATE TABLE "Broken" (id int); SELECT * FROM no_such_table;',
      );
      const tablesBefore = await tables(db);
      const historyBefore = await history(db);

      const client = await db.pool.connect();
      let error: unknown;
      try {
        const status = await migrationStatus(client, {
          lockfile: null,
          migrations: [...committed.map((m) => ({ ...m, sql: '' })), { name: '99999999999999_broken', sql: '', checksum: '' }],
        });
        expect(status.pending).toEqual(['99999999999999_broken']);
        error = await applyMigrations(client, { dir }).then(
          () => undefined,
          (e: unknown) => e,
        );
        // The session is usable again (not left inside an aborted transaction) and holds no lock.
        expect((await client.query('SELECT 1 AS one')).rows[0].one).toBe(1);
        expect(await advisoryLocksHeldBy(client)).toBe(0);
      } finally {
        client.release();
      }
      expect(error).toBeInstanceOf(MigrationError);
      expect((error as Error).message).toContain('99999999999999_broken');
      expect((error as Error).message).toContain('no_such_table');

      // The database is as it was: no "Broken" table, no history row for the broken migration.
      const { rows } = await db.pool.query<{ t: string | null }>(`SELECT to_regclass('"Broken"')::text AS t`);
      expect(rows[0]!.t).toBeNull();
      expect(await tables(db)).toEqual(tablesBefore);
      expect(await history(db)).toEqual(historyBefore);
      expect(historyBefore.some((r) => r.migration_name === '99999999999999_broken')).toBe(false);
      expect(await db.isReady()).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('keeps the audit log append-only: INSERT works, UPDATE, DELETE and TRUNCATE fail', async () => {
    const event = await db.prisma.auditEvent.create({ data: { action: 'test.append-only', data: { n: 1 } } });
    expect(event.id).toBeTruthy();

    await expect(db.pool.query(`UPDATE "AuditEvent" SET "action" = 'tampered' WHERE "id" = $1`, [event.id])).rejects.toThrow(/append-only/);
    await expect(db.pool.query(`DELETE FROM "AuditEvent" WHERE "id" = $1`, [event.id])).rejects.toThrow(/append-only/);
    await expect(db.pool.query(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/);
    // Through Prisma too.
    await expect(db.prisma.auditEvent.update({ where: { id: event.id }, data: { action: 'tampered' } })).rejects.toThrow();
    await expect(db.prisma.auditEvent.deleteMany({})).rejects.toThrow();

    const after = await db.prisma.auditEvent.findUniqueOrThrow({ where: { id: event.id } });
    expect(after.action).toBe('test.append-only');
    expect(await db.prisma.auditEvent.count()).toBe(1);
  });

  it('refuses to run against a database migrated by a newer build', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'gongkai-migrations-'));
    try {
      await cp(migrationsDir, dir, { recursive: true });
      await mkdir(path.join(dir, '99999999999998_newer'));
      await writeFile(path.join(dir, '99999999999998_newer', 'migration.sql'), 'CREATE TABLE "Newer" (id int);');
      const client = await db.pool.connect();
      try {
        expect(await applyMigrations(client, { dir })).toEqual(['99999999999998_newer']);
        await expect(applyMigrations(client)).rejects.toThrow(MigrationError);
        await expect(applyMigrations(client)).rejects.toThrow(/99999999999998_newer/);
      } finally {
        client.release();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe(`upgrading an outbox written before the change feed (${label})`, () => {
  it('gives old events the audience of what they are about: channels, owning unit, and answers public only with consent', async () => {
    const feedMigration = (await committedMigrations()).find((m) => m.name.endsWith('_channel_delivery'))!.name;
    const before = await mkdtemp(path.join(tmpdir(), 'gongkai-migrations-'));
    try {
      for (const m of await committedMigrations()) if (m.name < feedMigration) await cp(path.join(migrationsDir, m.name), path.join(before, m.name), { recursive: true });
      const db = await freshDatabase();
      const client = await db.pool.connect();
      try {
        await applyMigrations(client, { dir: before });
        const q = (sql: string, params: unknown[] = []) => client.query(sql, params);
        const org = (await q(`INSERT INTO "OrgUnit" ("id", "code", "name", "kind", "path", "depth", "updatedAt") VALUES (gen_random_uuid(), 'T1', '镇', 'TOWNSHIP', '/t1/', 1, now()) RETURNING "id"`)).rows[0].id;
        const domain = (await q(`INSERT INTO "Domain" ("id", "code", "name", "updatedAt") VALUES (gen_random_uuid(), 'D', '领域', now()) RETURNING "id"`)).rows[0].id;
        const matter = (await q(`INSERT INTO "Matter" ("id", "domainId", "code", "name", "level", "updatedAt") VALUES (gen_random_uuid(), $1, 'D.01', '事项', 1, now()) RETURNING "id"`, [domain])).rows[0].id;
        const release = (await q(
          `INSERT INTO "Release" ("id", "matterId", "publisherId", "title", "stage", "targetChannels", "updatedAt") VALUES (gen_random_uuid(), $1, $2, '标题', 'RESULT', ARRAY['KIOSK']::"ChannelKind"[], now()) RETURNING "id"`,
          [matter, org],
        )).rows[0].id;
        const concern = (await q(
          `INSERT INTO "Concern" ("id", "trackingNo", "accessCodeHash", "kind", "subject", "content", "orgUnitId", "publicConsent", "receivedAt", "updatedAt") VALUES (gen_random_uuid(), 'GK1', 'h', 'QUESTION', 's', 'c', $1, false, now(), now()) RETURNING "id"`,
          [org],
        )).rows[0].id;
        const response = (await q(`INSERT INTO "Response" ("id", "concernId", "orgUnitId", "updatedAt") VALUES (gen_random_uuid(), $1, $2, now()) RETURNING "id"`, [concern, org])).rows[0].id;
        await q(`INSERT INTO "OutboxEvent" ("topic", "aggregateType", "aggregateId", "payload") VALUES ('release.published', 'Release', $1, '{}'), ('response.withdrawn', 'Response', $2, '{}')`, [release, response]);
        await applyMigrations(client);
        const rows = (await q(`SELECT "aggregateType", "orgUnitId", "channels"::text[] AS channels, "public" FROM "OutboxEvent" ORDER BY "sequence"`)).rows;
        expect(rows[0]).toEqual({ aggregateType: 'Release', orgUnitId: org, channels: ['KIOSK'], public: true });
        expect(rows[1]).toMatchObject({ aggregateType: 'Response', orgUnitId: org, public: false });
        expect(rows[1].channels).toHaveLength(5);
      } finally {
        client.release();
      }
    } finally {
      await rm(before, { recursive: true, force: true });
    }
  });
});

describe(`concurrent callers on ${label}`, () => {
  // Two instances (PostgreSQL: two pools on one schema) or two callers in the one process that
  // owns the embedded database (one pool).
  let a: Database;
  let b: Database;

  beforeAll(async () => {
    if (pgUrl) {
      const schema = `t_${randomBytes(6).toString('hex')}`;
      a = await freshDatabase(schema);
      b = await freshDatabase(schema);
    } else {
      a = await freshDatabase();
      b = a;
    }
    // Warm the pools so that both callers get a connection at once (as a busy service would)
    // instead of one of them still connecting while the other already runs.
    await Promise.all([a.pool.query('SELECT 1'), b.pool.query('SELECT 1')]);
  });

  // On the embedded database pglite-socket runs every connection in ONE PostgreSQL session, where
  // advisory locks are re-entrant: openDatabase must also queue same-key work in-process, or both
  // callers read an empty history and the second fails with 'type "UserStatus" already exists'.
  it(
    pgUrl
      ? 'two instances migrate at once: both finish and each migration is applied exactly once'
      : 'two concurrent migrate() calls on the embedded database both finish and each migration is applied exactly once',
    async () => {
      const committed = await committedMigrations();
      const results = await Promise.all([a.migrate(), b.migrate()]);
      expect([...results[0], ...results[1]].sort()).toEqual(committed.map((m) => m.name));
      // One caller did the work, the other found nothing left to do.
      expect(results.filter((r) => r.length === 0)).toHaveLength(1);
      const rows = await history(a);
      expect(rows.map((r) => r.migration_name)).toEqual(committed.map((m) => m.name));
      expect(rows.every((r) => r.finished_at !== null && r.applied_steps_count === 1)).toBe(true);
      expect(await a.isReady()).toBe(true);
      expect(await b.isReady()).toBe(true);
    },
  );

  // boot() relies on withAdvisoryLock so that only one caller seeds, on the embedded database too.
  it(
    pgUrl
      ? 'withAdvisoryLock lets one holder in at a time'
      : 'withAdvisoryLock lets one holder in at a time on the embedded database',
    async () => {
      let inside = 0;
      let most = 0;
      const work = async () => {
        inside++;
        most = Math.max(most, inside);
        await new Promise((r) => setTimeout(r, 300));
        inside--;
      };
      await Promise.all([a.withAdvisoryLock(987_654, work), b.withAdvisoryLock(987_654, work)]);
      expect(inside).toBe(0);
      expect(most).toBe(1);
    },
  );
});

describe('the committed migrations and prisma/schema', () => {
  it('do not drift: diffMigrationsToSchema() is empty', { timeout: 240_000 }, async () => {
    expect(await diffMigrationsToSchema()).toBe('');
  });
});
