// The embedded database off the event loop (read-path issue, item 6): PGlite runs every statement
// synchronously, so it has a process of its own; a slow query there must not stall the thread that
// serves HTTP. And it keeps its shared buffers small, since they are resident memory. A process
// rather than a thread since V8 aborted in CI with PGlite beside the server's own isolate
// (embedded.process.ts): so the folder's lock is shared with it, and it outlives a killed server
// only to flush.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataDirHolder } from '../src/db/data-dir-lock.js';
import { EMBEDDED_SHARED_BUFFERS, startEmbeddedPostgres, type EmbeddedPostgres } from '../src/db/embedded.js';

let embedded: EmbeddedPostgres;
let client: pg.Client;
beforeAll(async () => {
  embedded = await startEmbeddedPostgres({ dataDir: null });
  client = new pg.Client({ connectionString: embedded.url });
  await client.connect();
});
afterAll(async () => {
  await client?.end();
  await embedded?.close();
});

describe('The embedded database process', () => {
  it('keeps this event loop turning while a long query runs', async () => {
    let running = true;
    let longestGap = 0;
    const started = performance.now();
    const query = client.query('SELECT count(*)::int AS n FROM generate_series(1, 5000000)').finally(() => (running = false));
    let last = performance.now();
    while (running) {
      await new Promise((resolve) => setImmediate(resolve));
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }
    const took = performance.now() - started;
    expect((await query).rows[0].n).toBe(5_000_000);
    // In this process the loop would stop for the whole query; in its own, it never waits for it.
    expect(longestGap).toBeLessThan(took / 4);
  });

  it(`runs with shared_buffers = ${EMBEDDED_SHARED_BUFFERS}`, async () => {
    expect((await client.query('SHOW shared_buffers')).rows[0].shared_buffers).toBe(EMBEDDED_SHARED_BUFFERS);
  });
});

/** Starts test/embedded-holder.ts on `dataDir` in a process group of its own; resolves once it has committed. */
async function startHolder(dataDir: string, rows: number) {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(base)) if (key.startsWith('VITEST') || key === 'NODE_OPTIONS') delete base[key];
  const proc = spawn(process.execPath, ['--import', 'tsx', 'test/embedded-holder.ts', dataDir, String(rows)], {
    cwd: path.resolve(import.meta.dirname, '..'),
    env: base,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal })));
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
    void exited.then(({ code }) => reject(new Error(`embedded holder exited (${code}) before it was ready:\n${output}`)));
  });
  const said = JSON.parse(line) as { pid: number; database: number; committed: number };
  return { ...said, proc, exited, output: () => output };
}

const alive = (pid: number) => existsSync(`/proc/${pid}`) && !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));

describe.skipIf(process.platform !== 'linux')('The embedded database process and its server', () => {
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'gongkai-embedded-'));
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('runs apart from this process (no second JavaScript thread beside the server) and ends when it is closed', () => {
    expect(embedded.pid).not.toBe(process.pid);
    expect(alive(embedded.pid)).toBe(true);
  });

  it('a server killed outright: its database flushes and ends, and the next one waits for that, then has every committed row', async () => {
    const dir = path.join(work, 'killed');
    const holder = await startHolder(dir, 500);
    expect(holder.committed).toBe(500);
    expect(await dataDirHolder(dir)).toBe(holder.pid);
    process.kill(holder.pid, 'SIGKILL');
    await holder.exited;
    // Opened at once: the lock is still the orphaned database's until it has closed the folder.
    const next = await startEmbeddedPostgres({ dataDir: dir });
    try {
      expect(alive(holder.database)).toBe(false);
      const client = new pg.Client({ connectionString: next.url });
      await client.connect();
      try {
        expect((await client.query('SELECT count(*)::int AS n FROM probe')).rows[0].n).toBe(500);
      } finally {
        await client.end();
      }
    } finally {
      await next.close();
    }
  });

  it('Ctrl-C in a terminal (SIGINT to the whole process group) leaves the database to its server, which closes it: exit 0, nothing lost', async () => {
    const dir = path.join(work, 'interrupted');
    const first = await startHolder(dir, 300);
    process.kill(-first.pid, 'SIGINT');
    expect(await first.exited).toEqual({ code: 0, signal: null });
    expect(first.output()).toBe('');
    expect(alive(first.database)).toBe(false);
    const second = await startHolder(dir, 0);
    try {
      expect(second.committed).toBe(300);
    } finally {
      process.kill(-second.pid, 'SIGINT');
      await second.exited;
    }
  });
});
