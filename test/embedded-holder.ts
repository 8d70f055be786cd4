// A server stand-in for test/embedded-process.test.ts: opens the embedded database in the folder
// given, commits rows, says so on stdout, then waits to be signalled (SIGINT: it closes the
// database and exits 0) or killed.
import pg from 'pg';
import { startEmbeddedPostgres } from '../src/db/embedded.js';

const [dataDir, rows] = [process.argv[2]!, Number(process.argv[3] ?? 100)];
const embedded = await startEmbeddedPostgres({ dataDir });
const client = new pg.Client({ connectionString: embedded.url });
await client.connect();
await client.query('CREATE TABLE IF NOT EXISTS probe (n int PRIMARY KEY)');
await client.query('INSERT INTO probe SELECT g FROM generate_series(1, $1::int) g ON CONFLICT DO NOTHING', [rows]);
const { count } = (await client.query<{ count: number }>('SELECT count(*)::int AS count FROM probe')).rows[0]!;
process.once('SIGINT', async () => {
  await client.end();
  await embedded.close();
  process.exit(0);
});
console.log(JSON.stringify({ pid: process.pid, database: embedded.pid, committed: count }));
