// Applies the committed SQL migrations in prisma/migrations, in Prisma's own layout and with
// Prisma's own history table (_prisma_migrations), so `prisma migrate deploy` stays
// interchangeable with this runner wherever the native engine is available.
//
// Why our own runner instead of the schema engine's applyMigrations: we need a session
// advisory lock (several instances starting at once) and each migration in its own
// transaction, so a failing migration leaves the database exactly as it was.
import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';

export const migrationsDir = path.resolve(import.meta.dirname, '../../prisma/migrations');

/** Same key `prisma migrate` uses, so our runner and the CLI also exclude each other. */
export const MIGRATION_LOCK_KEY = 72707369;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationFileSet {
  lockfile: string | null;
  migrations: MigrationFile[];
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

export async function readMigrations(dir = migrationsDir): Promise<MigrationFileSet> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const migrations = await Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
  const lockfile = await readFile(path.join(dir, 'migration_lock.toml'), 'utf8').catch(() => null);
  return { lockfile, migrations };
}

const HISTORY_TABLE_DDL = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

interface HistoryRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
}

/** Which migrations are applied and which are pending, without changing anything. */
export async function migrationStatus(client: pg.ClientBase, files?: MigrationFileSet): Promise<MigrationStatus> {
  const { migrations } = files ?? (await readMigrations());
  const exists = await client.query<{ t: string | null }>(`SELECT to_regclass('_prisma_migrations')::text AS t`);
  const rows = exists.rows[0]?.t
    ? (await client.query<HistoryRow>(`SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`)).rows
    : [];
  const done = new Set(rows.filter((r) => r.finished_at && !r.rolled_back_at).map((r) => r.migration_name));
  return {
    applied: migrations.filter((m) => done.has(m.name)).map((m) => m.name),
    pending: migrations.filter((m) => !done.has(m.name)).map((m) => m.name),
  };
}

/**
 * Applies every pending migration. Holds a session advisory lock for the whole run, so
 * concurrent callers wait and then find nothing left to do. Each migration runs in its own
 * transaction together with its history row: it is applied completely or not at all.
 * @returns the names of the migrations applied by this call.
 */
export async function applyMigrations(
  client: pg.ClientBase,
  { dir = migrationsDir, log = (_: string) => {} }: { dir?: string; log?: (message: string) => void } = {},
): Promise<string[]> {
  const { migrations } = await readMigrations(dir);
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
  try {
    await client.query(HISTORY_TABLE_DDL);
    const { rows } = await client.query<HistoryRow>(
      `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const failed = rows.filter((r) => !r.finished_at);
    if (failed.length > 0) {
      throw new MigrationError(
        `applyMigrations: migration ${failed.map((r) => r.migration_name).join(', ')} is recorded as failed ` +
          `(by another tool). Repair the database, then mark it rolled back or applied.`,
      );
    }
    const applied = new Map(rows.map((r) => [r.migration_name, r.checksum]));
    const known = new Set(migrations.map((m) => m.name));
    const unknown = [...applied.keys()].filter((name) => !known.has(name));
    if (unknown.length > 0) {
      throw new MigrationError(
        `applyMigrations: the database has migrations this code does not know (${unknown.join(', ')}); ` +
          `is it newer than this build?`,
      );
    }
    const done: string[] = [];
    for (const m of migrations) {
      const checksum = applied.get(m.name);
      if (checksum !== undefined) {
        if (checksum !== m.checksum) log(`migration ${m.name} was edited after it was applied (checksum differs)`);
        continue;
      }
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
           VALUES ($1, $2, now(), $3, now(), 1)`,
          [randomUUID(), m.checksum, m.name],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw new MigrationError(
          `applyMigrations: migration ${m.name} failed and was rolled back; the database is unchanged. ` +
            `Cause: ${(error as Error).message}`,
        );
      }
      log(`applied migration ${m.name}`);
      done.push(m.name);
    }
    return done;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
  }
}
