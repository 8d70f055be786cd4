// A server under test in a process of its own: `npm start` (src/server.ts) or any other entry,
// on a free loopback port, with its peak resident memory (its own and its children's: the embedded
// database's process) sampled from /proc while it runs. The
// load generator never shares a process (or an event loop) with what it measures.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface ServerProcess {
  url: string;
  pid: number;
  /** Highest RSS seen since start (or since `resetPeak`), in MiB. */
  peakRssMiB(): number;
  resetPeak(): void;
  output(): string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** `pid` and every process below it (the embedded database runs in a child of the server). */
function processTree(pid: number): number[] {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(/\s+/).filter(Boolean).map(Number);
  } catch {
    // gone
  }
  return [pid, ...children.flatMap(processTree)];
}

/** Resident memory of the server and its children together, in MiB. */
function rssMiB(pid: number): number {
  let kb = 0;
  for (const p of processTree(pid)) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // exited meanwhile
    }
  }
  return kb / 1024;
}

/**
 * The production server as `NODE_ENV=production npm start` runs it: dist/server.js (what
 * scripts/start.js loads in production) with the node flags (the heap limit) of the `start`
 * script, so the bench measures exactly what is deployed. Build it first (`npm run build`).
 */
export function productionServer(): { entry: string; nodeArgs: string[] } {
  const scripts = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const words = /\bnode\s+(.*)$/.exec(scripts.start ?? '')?.[1]?.split(/\s+/) ?? [];
  if (words.slice(-2).join(' ') !== 'scripts/start.js server') throw new Error(`bench: cannot read the node flags of "start": ${scripts.start}`);
  return { entry: 'dist/server.js', nodeArgs: words.slice(0, -2) };
}

/** Compiles the server to dist/ (npm run build). */
export function buildServer(): void {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
}

/**
 * Starts `entry` (relative to the project root, run with the tsx loader unless it is .js) and
 * waits until GET `readyPath` answers 200.
 */
export async function startServerProcess(entry: string, env: Record<string, string>, readyPath = '/readyz', nodeArgs: string[] = []): Promise<ServerProcess> {
  const port = await freePort();
  const args = [...nodeArgs, ...(entry.endsWith('.js') ? [entry] : ['--import', 'tsx', entry])];
  const proc: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    // METRICS_PORT off: production's internal metrics port is fixed, and servers run side by side here.
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', METRICS_PORT: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  proc.stderr!.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  let exited = false;
  const exit = new Promise<void>((resolve) => proc.once('exit', () => ((exited = true), resolve())));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (exited) throw new Error(`bench: ${entry} exited before it was ready:\n${out}`);
    try {
      if ((await fetch(`${url}${readyPath}`)).status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(proc.pid!))), 100);
  return {
    url,
    pid: proc.pid!,
    peakRssMiB: () => Math.max(peak, rssMiB(proc.pid!)),
    resetPeak: () => (peak = rssMiB(proc.pid!)),
    output: () => out,
    async stop() {
      clearInterval(sampler);
      if (!exited) proc.kill('SIGTERM');
      await exit;
    },
  };
}
