// The public response cache under load: the same public GET (the website's list) answered by a
// server whose cache holds it, by a server with the cache off (RESPONSE_CACHE_MAX_BYTES=0: every
// request runs GraphQL and the database), and by a bare node:http server sending the same bytes
// (bench/static-server.ts) — each in a process of its own, in interleaved rounds C/U/S after a
// warm-up, loaded from the bench's process. Ratios are per round, reported as median (min–max).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { load, median, spread, type LoadResult } from './load.js';
import { LIST } from './scenarios.js';
import { startServerProcess, type ServerProcess } from './server-process.js';

export interface ResponseCacheBench {
  cached: LoadResult[];
  uncached: LoadResult[];
  bare: LoadResult[];
  bytes: number;
  rss: { cached: number; uncached: number; bare: number };
}

const PATH = `/graphql?${new URLSearchParams({ query: LIST, variables: JSON.stringify({ first: 20 }) })}`;

export async function benchResponseCache(options: {
  startGongkai: (env: Record<string, string>) => Promise<ServerProcess>;
  env: Record<string, string>;
  rounds: number;
  seconds: number;
  connections: number;
}): Promise<ResponseCacheBench> {
  const [cachedServer, uncachedServer] = await Promise.all([
    options.startGongkai({ ...options.env, SEED_ON_START: 'false' }),
    options.startGongkai({ ...options.env, SEED_ON_START: 'false', RESPONSE_CACHE_MAX_BYTES: '0' }),
  ]);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gongkai-bench-static-'));
  let bareServer: ServerProcess | undefined;
  try {
    // The bytes all three send: the answer itself, checked equal (and public) before measuring.
    const answers = await Promise.all([cachedServer, uncachedServer].map(async (s) => {
      const res = await fetch(`${s.url}${PATH}`);
      if (res.status !== 200 || !/^public/.test(res.headers.get('cache-control') ?? '')) throw new Error(`bench: the list GET is not a public answer (${res.status} ${res.headers.get('cache-control')})`);
      return Buffer.from(await res.arrayBuffer());
    }));
    if (!answers[0]!.equals(answers[1]!)) throw new Error('bench: the cached and the uncached server answer the list differently');
    writeFileSync(path.join(dir, 'body.json'), answers[0]!);
    bareServer = await startServerProcess('bench/static-server.ts', { STATIC_BODY_FILE: path.join(dir, 'body.json') });
    const bareAnswer = Buffer.from(await (await fetch(`${bareServer.url}${PATH}`)).arrayBuffer());
    if (!bareAnswer.equals(answers[0]!)) throw new Error('bench: the bare server does not send the same bytes');

    const targets = { cached: cachedServer, uncached: uncachedServer, bare: bareServer };
    const round = (s: ServerProcess, seconds: number) => load({ url: `${s.url}${PATH}`, method: 'GET', seconds, connections: options.connections });
    for (const s of Object.values(targets)) await round(s, 2);
    for (const s of Object.values(targets)) s.resetPeak();
    const results: ResponseCacheBench = { cached: [], uncached: [], bare: [], bytes: answers[0]!.length, rss: { cached: 0, uncached: 0, bare: 0 } };
    for (let i = 0; i < options.rounds; i++) {
      for (const name of ['cached', 'uncached', 'bare'] as const) results[name].push(await round(targets[name], options.seconds));
    }
    for (const name of ['cached', 'uncached', 'bare'] as const) results.rss[name] = targets[name].peakRssMiB();
    for (const r of [...results.cached, ...results.uncached, ...results.bare]) if (r.errors || r.non2xx) throw new Error(`bench: ${r.errors} errors and ${r.non2xx} non-2xx answers under load`);
    return results;
  } finally {
    await Promise.all([cachedServer.stop(), uncachedServer.stop(), bareServer?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  }
}

const rps = (xs: LoadResult[]) => median(xs.map((x) => x.requestsPerSecond));
const latency = (xs: LoadResult[]) => `${median(xs.map((x) => x.p50)).toFixed(1)}/${median(xs.map((x) => x.p95)).toFixed(1)}/${median(xs.map((x) => x.p99)).toFixed(1)}`;
const perRound = (a: LoadResult[], b: LoadResult[]) => a.map((r, i) => r.requestsPerSecond / b[i]!.requestsPerSecond);

/** Prints the comparison; returns the summary line. */
export function reportResponseCache(b: ResponseCacheBench, settings: { rounds: number; seconds: number; connections: number }): string {
  console.log(`\nPublic response cache: GET of the website list (${(b.bytes / 1024).toFixed(1)} KiB, identity), ${settings.rounds} interleaved rounds × ${settings.seconds} s, ${settings.connections} connections`);
  console.log(`${'server'.padEnd(36)} ${'req/s'.padStart(10)}   p50/p95/p99 ms   peak RSS MiB`);
  const rows: [string, LoadResult[], number][] = [
    ['gongkai, cache hit', b.cached, b.rss.cached],
    ['gongkai, cache off (GraphQL + SQL)', b.uncached, b.rss.uncached],
    ['bare node:http, same bytes', b.bare, b.rss.bare],
  ];
  for (const [name, xs, rss] of rows) console.log(`${name.padEnd(36)} ${rps(xs).toFixed(0).padStart(10)}   ${latency(xs).padEnd(15)}  ${rss.toFixed(0)}`);
  const hitOverUncached = spread(perRound(b.cached, b.uncached));
  const hitOverBare = spread(perRound(b.cached, b.bare));
  console.log(`cache hit / cache off: ${hitOverUncached}×   cache hit / bare node:http: ${hitOverBare}×   (per-round ratios: median (min–max))`);
  return `response cache: hit ${hitOverUncached}× cache off, ${hitOverBare}× a bare node:http server sending the same bytes`;
}
