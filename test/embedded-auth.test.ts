// The embedded database's loopback port (hardening issue, row 15): PGlite accepts any user and
// password, so the server in front of it asks for a password made new at every start. Anyone
// else on the machine who finds the port is refused before reaching the session.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/db/embedded.js';

let embedded: EmbeddedPostgres;
beforeAll(async () => {
  embedded = await startEmbeddedPostgres({ dataDir: null });
});
afterAll(() => embedded?.close());

async function connectWith(password: string | undefined, user = 'postgres') {
  const url = new URL(embedded.url);
  url.username = user;
  url.password = password ?? '';
  const client = new pg.Client({ connectionString: url.toString() });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.query<{ n: number }>('SELECT 1 AS n')).rows[0]!.n;
  } finally {
    await client.end().catch(() => {});
  }
}

describe('The embedded database port', () => {
  it('serves the password of this start', async () => {
    expect(await connectWith(new URL(embedded.url).password)).toBe(1);
  });

  it('refuses the old fixed password, a wrong one and none, before any query', async () => {
    for (const password of ['postgres', 'wrong-password', undefined]) {
      await expect(connectWith(password), String(password)).rejects.toThrow(/password authentication failed|password|terminated/);
    }
  });

  it('uses a new, long random password at every start', async () => {
    const other = await startEmbeddedPostgres({ dataDir: null });
    try {
      const a = new URL(embedded.url).password;
      const b = new URL(other.url).password;
      expect(a).not.toBe(b);
      expect(a.length).toBeGreaterThanOrEqual(32);
    } finally {
      await other.close();
    }
  });

  it('keeps serving its own clients after refusing others', async () => {
    await expect(connectWith('wrong-password')).rejects.toThrow();
    expect(await connectWith(new URL(embedded.url).password)).toBe(1);
  });
});
