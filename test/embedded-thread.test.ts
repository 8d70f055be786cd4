// The embedded database off the event loop (read-path issue, item 6): PGlite runs every statement
// synchronously, so it has a thread of its own; a slow query there must not stall the thread that
// serves HTTP. And it keeps its shared buffers small, since they are resident memory.
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe('The embedded database thread', () => {
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
    // On this thread the loop would stop for the whole query; on its own, it never waits for it.
    expect(longestGap).toBeLessThan(took / 4);
  });

  it(`runs with shared_buffers = ${EMBEDDED_SHARED_BUFFERS}`, async () => {
    expect((await client.query('SHOW shared_buffers')).rows[0].shared_buffers).toBe(EMBEDDED_SHARED_BUFFERS);
  });
});
