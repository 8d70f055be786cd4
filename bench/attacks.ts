// npm run bench:attacks — the hardening issue's figures, measured against a real server process:
//  1. how long each attack of rows 1–4 takes to be answered (median and worst of N sends), each
//     send from an address of its own so that the refusal throttle does not answer for the server;
//  2. the p99 of ordinary reads (the website's list page) alone and beside a burst of those
//     attacks — including an editor saving a near-maximal body — sent from one address (which the
//     refusal throttle soon answers 429) and from a new address per attack (which it cannot), in
//     interleaved rounds, printed as medians with their spread and as ratios.
// The server runs in its own process (embedded database in a temporary folder, or
// BENCH_DATABASE_URL) behind one trusted proxy hop, so X-Forwarded-For names the attacker; the
// ordinary reads come from a load generator in another process, and the attacks from this one.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { median, spread } from './lib/load.js';
import { loadInChildProcess as load } from './lib/load-process.js';
import { buildServer, productionServer, startServerProcess } from './lib/server-process.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const SENDS = Number(process.env.BENCH_SENDS ?? 15);
const databaseUrl = process.env.BENCH_DATABASE_URL;

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gongkai-bench-attacks-'));
// The compiled server with the node flags of `npm start` in production (its bounded heap), as deployed;
// development mode only so that the demo accounts are seeded.
buildServer();
const prod = productionServer();
const server = await startServerProcess(prod.entry, {
  NODE_ENV: 'development',
  DATA_DIR: dataDir,
  DATABASE_URL: databaseUrl ?? '',
  JWT_SECRET: 'bench-only-jwt-secret-0123456789-abcdefghij',
  // Large enough that the GraphQL limits, not the HTTP one, meet the oversize body.
  MAX_BODY_BYTES: '4000000',
  TRUSTED_PROXIES: '1',
}, '/readyz', prod.nodeArgs);

/** The address the attacks come from: one, or a new one per request. */
let attacker: 'one' | 'many' = 'many';
let requests = 0;
const attackerAddress = () => (attacker === 'one' ? '203.0.113.1' : `10.${(++requests >> 16) & 255}.${(requests >> 8) & 255}.${requests & 255}`);

const EDITOR_ADDRESS = '198.51.100.7';

const gql = async (query: string, variables: Record<string, unknown> = {}, token?: string, from = attackerAddress()) => {
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] } };
};

const login = async (username: string) =>
  (await gql('mutation($u: String!) { login(input: { username: $u, password: "gongkai-demo-2026" }) { ... on LoginPayload { accessToken } } }', { u: username })).body.data.login
    .accessToken as string;
const editor = await login('zhangbaling.editor');
const ids = await gql('{ releases(first: 1) { edges { node { id } } } orgUnits(filter: { search: "张八岭镇" }) { id } matters(filter: { search: "征地补偿费用发放" }) { edges { node { id } } } }');
const releaseId: string = ids.body.data.releases.edges[0].node.id;
const publisherId: string = ids.body.data.orgUnits[0].id;
const matterId: string = ids.body.data.matters.edges[0].node.id;
const gid = (type: string, uuid: string) => Buffer.from(`${type}:${uuid}`).toString('base64url');

function fragmentBomb(levels: number): string {
  let doc = 'query Bomb { ...F0 }\n';
  for (let i = 0; i < levels; i++) doc += `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }\n`;
  return `${doc}fragment F${levels} on Query { domains { totalCount } }\n`;
}

const draft = (bodyHtml: string) => ({
  input: { matterId, publisherId, title: `基准测试 ${randomUUID().slice(0, 8)}`, stage: 'RESULT', bodyHtml, targetChannels: ['WEBSITE'] },
});
const CREATE = 'mutation($input: CreateReleaseInput!) { createRelease(input: $input) { __typename } }';
const nearMaximalBody = `<div>${'<p><b>征地补偿</b><i>安置</i><a href="https://example.gov.cn/x">链接</a></p>'.repeat(9_000)}</div>`;

interface Attack {
  row: string;
  name: string;
  send: () => Promise<{ status: number; body: { errors?: { extensions?: { code?: string } }[] } }>;
}

const ATTACKS: Attack[] = [
  { row: '1', name: 'fragment bomb, 24 levels (2^24 paths, <1 KB)', send: () => gql(fragmentBomb(24)) },
  { row: '2', name: 'nodes(ids:) with one id 5,000 times', send: () => gql('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: Array(5_000).fill(releaseId) }) },
  { row: '3', name: 'nodes(ids:) with 14,000 distinct ids', send: () => gql('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: Array.from({ length: 14_000 }, () => gid('Release', randomUUID())) }) },
  { row: '4', name: 'a body of 1,000,001 characters', send: () => gql(CREATE, draft('征'.repeat(1_000_001)), editor) },
  { row: '4', name: 'a body that sanitizing lengthens past the limit', send: () => gql(CREATE, draft('<'.repeat(400_000)), editor) },
];

console.log(`\nGongkai hardening bench — attacks of rows 1–4 against a server process (${databaseUrl ? 'PostgreSQL' : 'embedded database'})\n`);
console.log('row  attack                                               answer                median ms   worst ms');
for (const attack of ATTACKS) {
  const times: number[] = [];
  let answer = '';
  for (let i = 0; i < SENDS; i++) {
    const t0 = performance.now();
    const r = await attack.send();
    times.push(performance.now() - t0);
    answer = `${r.status} ${r.body.errors?.[0]?.extensions?.code ?? 'ok'}`;
  }
  console.log(`${attack.row.padEnd(4)} ${attack.name.padEnd(52)} ${answer.padEnd(21)} ${median(times).toFixed(1).padStart(9)} ${Math.max(...times).toFixed(1).padStart(10)}`);
}
{
  const t0 = performance.now();
  const r = await gql(CREATE, draft(nearMaximalBody), editor);
  console.log(`4    saving a near-maximal body (${(nearMaximalBody.length / 1000).toFixed(0)}k characters, allowed)       ${`${r.status} ${r.body.errors?.[0]?.extensions?.code ?? 'saved'}`.padEnd(21)} ${(performance.now() - t0).toFixed(1).padStart(9)}   (its own wait)`);
}

// Ordinary reads with and without a burst of attacks beside them, interleaved.
const READ = JSON.stringify({ query: '{ releases(first: 20) { totalCount edges { node { id indexNo title publishedAt publisher { name } matter { name domain { name } } } } } }' });
/** Attacks in three closed loops for as long as `going()` says; how many were answered. */
async function burst(going: () => boolean): Promise<number> {
  let sent = 0;
  const loop = async (attacks: Attack['send'][]) => {
    for (let i = 0; going(); i++) {
      await attacks[i % attacks.length]!();
      sent++;
    }
  };
  await Promise.all([
    loop(ATTACKS.slice(0, 3).map((a) => a.send)),
    loop(ATTACKS.slice(3).map((a) => a.send)),
    // The editor is not the attacker: its saves come from an address of its own.
    loop([() => gql(CREATE, draft(nearMaximalBody), editor, EDITOR_ADDRESS)]),
  ]);
  return sent;
}

const alone: number[] = [];
const attacked = { one: [] as number[], many: [] as number[] };
const sentPerRound = { one: [] as number[], many: [] as number[] };
const readLoad = () => load({ url: `${server.url}/graphql`, body: READ, seconds: SECONDS, connections: 4 });
await load({ url: `${server.url}/graphql`, body: READ, seconds: 2 }); // warm-up
for (let round = 0; round < ROUNDS; round++) {
  alone.push((await readLoad()).p99);
  for (const from of ['one', 'many'] as const) {
    attacker = from;
    // The burst starts first and lasts until the reads are over: every read meets it.
    let reading = true;
    const reads = readLoad().finally(() => (reading = false));
    const [{ p99 }, sent] = await Promise.all([reads, burst(() => reading)]);
    attacked[from].push(p99);
    sentPerRound[from].push(sent);
  }
}
console.log(`\nordinary reads (releases, 20 items), 4 connections, ${ROUNDS} interleaved rounds of ${SECONDS} s:`);
console.log(`  p99 alone                                  ${spread(alone, 1)} ms`);
for (const from of ['one', 'many'] as const) {
  const label = from === 'one' ? 'attacks from one address' : 'attacks each from a new address';
  console.log(`  p99 during ${label.padEnd(32)} ${spread(attacked[from], 1)} ms, ratio ${spread(attacked[from].map((a, i) => a / alone[i]!))}× (attacks answered per round: ${spread(sentPerRound[from], 0)})`);
}
console.log(`  peak RSS of the server: ${server.peakRssMiB().toFixed(0)} MiB\n`);

await server.stop();
rmSync(dataDir, { recursive: true, force: true });
