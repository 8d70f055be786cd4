// Builds one migrated and seeded database per test run, which every test file then copies:
// PostgreSQL files get their own database made with CREATE DATABASE … TEMPLATE, embedded
// files an in-memory PGlite loaded from a dump. Seeding once instead of per file keeps the
// suite fast; each file still owns an isolated database.
import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { jobRunnerOptions, migrateJobQueue } from '../src/jobs/runner.js';
import { createLogger } from '../src/logger.js';
import { seed } from '../src/seed/seed.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PostgreSQL mode: name of the template database on TEST_DATABASE_URL's server. */
    templateDatabase: string | null;
    /** Embedded mode: file holding the dump of the template database. */
    templateDump: string | null;
  }
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL || undefined;
  const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(32), LOG_LEVEL: 'silent' });
  const logger = createLogger('silent');
  const prepare = async (db: Awaited<ReturnType<typeof openDatabase>>) => {
    await db.migrate();
    await migrateJobQueue(jobRunnerOptions(config, db, logger), db);
    await seed(db.prisma, { production: false, timeZone: config.timeZone, demoPassword: config.demoPassword });
  };

  if (url) {
    const name = `gongkai_tpl_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name}`);
      const db = await openDatabase({ url: withDatabase(url, name), poolMax: 4 });
      try {
        await prepare(db);
      } finally {
        await db.close();
      }
    } catch (error) {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
      await admin.end();
      throw error;
    }
    project.provide('templateDatabase', name);
    project.provide('templateDump', null);
    return async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
      await admin.end();
    };
  }

  const db = await openDatabase({ url: undefined, dataDir: null });
  const file = path.join(os.tmpdir(), `gongkai-template-${process.pid}-${randomBytes(4).toString('hex')}.tar`);
  try {
    await prepare(db);
    await writeFile(file, Buffer.from(await (await db.dumpEmbedded()).arrayBuffer()));
  } finally {
    await db.close();
  }
  project.provide('templateDatabase', null);
  project.provide('templateDump', file);
  return () => rm(file, { force: true });
}
