// Loads Prisma's schema engine compiled to WebAssembly. The Prisma CLI would download a native
// engine binary, which this network cannot reach; the Wasm build is the same engine.
// Used only by developer tooling (creating migrations, the drift check), never at run time.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SchemaEngine as WasmSchemaEngine } from '@prisma/schema-engine-wasm';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { migrationsDir, readMigrations, type MigrationFileSet } from './migrations.js';

export const schemaDir = path.resolve(import.meta.dirname, '../../prisma/schema');

/** The .prisma files of the project, as the engine wants them. */
export async function readSchemaFiles(): Promise<{ path: string; content: string }[]> {
  const { readdir } = await import('node:fs/promises');
  const names = (await readdir(schemaDir)).filter((n) => n.endsWith('.prisma')).sort();
  return Promise.all(
    names.map(async (n) => ({ path: path.join(schemaDir, n), content: await readFile(path.join(schemaDir, n), 'utf8') })),
  );
}

// Node has WebAssembly, but its types live in lib.dom; declare the little we use.
interface WasmRuntime {
  compile(bytes: Uint8Array): Promise<unknown>;
  instantiate(module: unknown, imports: Record<string, unknown>): Promise<{ exports: Record<string, unknown> }>;
}
const { WebAssembly: wasmRuntime } = globalThis as unknown as { WebAssembly: WasmRuntime };

let enginePromise: Promise<typeof import('@prisma/schema-engine-wasm/schema_engine_bg')> | undefined;

async function loadWasm() {
  // Node cannot import the .wasm as an ES module: compile it ourselves and hand it to the bindings.
  const bg = await import('@prisma/schema-engine-wasm/schema_engine_bg');
  const require = createRequire(import.meta.url);
  const wasmPath = path.join(path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')), 'schema_engine_bg.wasm');
  const module = await wasmRuntime.compile(await readFile(wasmPath));
  const instance = await wasmRuntime.instantiate(module, { './schema_engine_bg.js': bg });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return bg;
}

/**
 * Opens the schema engine on a throw-away in-memory PGlite (which also serves as the shadow
 * database). Call `close()` when done.
 */
export async function openSchemaEngine(): Promise<{ engine: WasmSchemaEngine; close: () => Promise<void> }> {
  enginePromise ??= loadWasm();
  const bg = await enginePromise;
  const pglite = new PGlite();
  const factory = bindMigrationAwareSqlAdapterFactory(new PrismaPGlite(pglite));
  const datamodels = (await readSchemaFiles()).map((f) => [f.path, f.content] as [string, string]);
  const engine = await bg.SchemaEngine.new({ datamodels }, () => {}, factory);
  return {
    engine,
    close: async () => {
      engine.free();
      await pglite.close();
    },
  };
}

function toMigrationList(migrations: MigrationFileSet) {
  return {
    baseDir: migrationsDir,
    lockfile: { path: 'migration_lock.toml', content: migrations.lockfile },
    shadowDbInitScript: '',
    migrationDirectories: migrations.migrations.map((m) => ({
      path: m.name,
      migrationFile: { path: 'migration.sql', content: { tag: 'ok' as const, value: m.sql } },
    })),
  };
}

/**
 * SQL that takes a database built from the committed migrations to the current Prisma schema.
 * Empty when they agree (no drift).
 */
export async function diffMigrationsToSchema(): Promise<string> {
  const { engine, close } = await openSchemaEngine();
  try {
    const migrations = await readMigrations();
    const from = migrations.migrations.length === 0 ? { tag: 'empty' as const } : { tag: 'migrations' as const, ...toMigrationList(migrations) };
    const result = await engine.diff({
      from,
      to: { tag: 'schemaDatamodel', files: await readSchemaFiles() },
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    const sql = result.stdout ?? '';
    return /^\s*(-- This is an empty migration\.)?\s*$/.test(sql) ? '' : sql;
  } finally {
    await close();
  }
}
