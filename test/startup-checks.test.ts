// Start-up checks (issue 9, part 5): a taken port is reported before the database is opened,
// migrated and seeded, naming PORT; production on the embedded database says, once, why that is
// a poor fit and what to set.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boot } from '../src/boot.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { withDatabase } from './global-setup.js';
import { databaseLabel, startTestService, testDatabaseUrl, TEST_JWT_SECRET } from './harness.js';

const ROOT = path.resolve(import.meta.dirname, '..');

describe('A port that is taken', () => {
  let blocker: net.Server;
  let taken: number;
  let dataDir: string;

  beforeAll(async () => {
    blocker = net.createServer((s) => s.destroy());
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    taken = (blocker.address() as net.AddressInfo).port;
    dataDir = await mkdtemp(path.join(tmpdir(), 'gongkai-port-'));
  });
  afterAll(async () => {
    await new Promise((resolve) => blocker.close(resolve));
    await rm(dataDir, { recursive: true, force: true });
  });

  const configWith = (env: Record<string, string>) =>
    loadConfig({ NODE_ENV: 'test', HOST: '127.0.0.1', DATA_DIR: dataDir, JWT_SECRET: TEST_JWT_SECRET, METRICS_PORT: 'off', LOG_LEVEL: 'silent', ...env });

  it('fails the start before the embedded database is even opened, naming PORT', async () => {
    const started = boot({ config: configWith({ PORT: String(taken) }), logger: createLogger('silent'), database: { url: undefined, dataDir } });
    await expect(started).rejects.toThrow(ConfigError);
    await expect(started).rejects.toThrow(`config: port ${taken} is in use (on 127.0.0.1) — set PORT to a free port (or stop the other process)`);
    // Opening the folder would have created the database in it (and its control channel).
    expect(await readdir(dataDir)).toEqual([]);
  });

  it(`fails it before connecting to a PostgreSQL server (${databaseLabel} run)`, async () => {
    // A database that does not exist: reaching it at all would fail with another error.
    const url = withDatabase(testDatabaseUrl ?? 'postgresql://postgres@127.0.0.1:1/unused', `never_created_${randomBytes(4).toString('hex')}`);
    const started = boot({ config: configWith({ PORT: String(taken), DATABASE_URL: url }), logger: createLogger('silent') });
    await expect(started).rejects.toThrow(/port \d+ is in use .* set PORT to a free port/);
  });

  it('names METRICS_PORT when that is the one taken', async () => {
    const started = boot({ config: configWith({ PORT: '0', METRICS_PORT: String(taken) }), logger: createLogger('silent'), database: { url: undefined, dataDir } });
    await expect(started).rejects.toThrow(`config: port ${taken} is in use (on 127.0.0.1) — set METRICS_PORT to a free port (or stop the other process)`);
    expect(existsSync(path.join(dataDir, 'pglite'))).toBe(false);
  });

  it('makes npm start exit at once with that one line, without migrating', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const key of Object.keys(env)) if (key.startsWith('VITEST') || key === 'NODE_OPTIONS' || key === 'TEST_DATABASE_URL') delete env[key];
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: ROOT,
      env: { ...env, NODE_ENV: 'development', DATABASE_URL: '', DATA_DIR: dataDir, PORT: String(taken), HOST: '127.0.0.1', METRICS_PORT: 'off', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(output).toContain(`port ${taken} is in use`);
    expect(output).toContain('set PORT to a free port');
    expect(output).not.toMatch(/migrations applied|seed/i);
    expect(existsSync(path.join(dataDir, 'pglite'))).toBe(false);
  });

  it('is held only until the server listens on it', async () => {
    const free = net.createServer();
    await new Promise<void>((resolve) => free.listen(0, '127.0.0.1', resolve));
    const port = (free.address() as net.AddressInfo).port;
    await new Promise((resolve) => free.close(resolve));
    const service = await startTestService({ env: { PORT: String(port) } });
    try {
      expect(service.url).toBe(`http://127.0.0.1:${port}`);
      expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
    } finally {
      await service.stop();
    }
  });
});

describe(`Production on the embedded database (${databaseLabel} run)`, () => {
  const warning = (logs: Record<string, any>[]) => logs.filter((l) => l.level === 40 && /embedded database/.test(String(l.msg)));

  it(testDatabaseUrl ? 'says nothing on a PostgreSQL server' : 'warns at start-up, saying why and to set DATABASE_URL', async () => {
    const service = await startTestService({ captureLogs: true, env: { NODE_ENV: 'production' } });
    try {
      if (testDatabaseUrl) {
        expect(warning(service.logs)).toEqual([]);
      } else {
        const [line, ...more] = warning(service.logs);
        expect(more).toEqual([]);
        expect(line?.msg).toMatch(/one process only/);
        expect(line?.msg).toMatch(/Set DATABASE_URL to a PostgreSQL 15\+ server/);
      }
    } finally {
      await service.stop();
    }
  });

  it('is not warned about outside production', async () => {
    const service = await startTestService({ captureLogs: true });
    try {
      expect(service.service.db.kind).toBe(testDatabaseUrl ? 'postgresql' : 'embedded');
      expect(warning(service.logs)).toEqual([]);
    } finally {
      await service.stop();
    }
  });
});
