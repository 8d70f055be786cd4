// The load generator in a process of its own, for a bench that does other work meanwhile (the
// attack bench builds and sends megabyte bodies): sharing an event loop with that work would
// delay reading responses and count the client's stalls as the server's latency.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { load, type LoadOptions, type LoadResult } from './load.js';

const SELF = path.join(import.meta.dirname, 'load-process.ts');

export function loadInChildProcess(options: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SELF], {
      env: { ...process.env, BENCH_LOAD_OPTIONS: JSON.stringify(options) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (out += text));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as LoadResult) : reject(new Error(`load process exited with ${code}`))));
  });
}

if (process.env.BENCH_LOAD_OPTIONS && process.argv[1] === SELF) {
  process.stdout.write(JSON.stringify(await load(JSON.parse(process.env.BENCH_LOAD_OPTIONS) as LoadOptions)));
}
