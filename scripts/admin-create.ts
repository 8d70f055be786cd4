// npm run admin:create -- --username <name> [--display-name <name>]
// Creates the first administrator (ADMIN on the county root) — the way in for a production
// install, which seeds no accounts. The password comes from ADMIN_PASSWORD or is asked for.
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { InputError } from '../src/errors.js';
import { createLogger } from '../src/logger.js';
import { normalizeUsername } from '../src/modules/auth/login.service.js';
import { provisionAccount } from '../src/modules/users/user.service.js';

const { values } = parseArgs({ options: { username: { type: 'string' }, 'display-name': { type: 'string' } } });
if (!values.username) {
  console.error('usage: npm run admin:create -- --username <name> [--display-name <name>]   (password: ADMIN_PASSWORD or prompt)');
  process.exit(2);
}

async function askPassword(): Promise<string> {
  if (process.env.ADMIN_PASSWORD) return process.env.ADMIN_PASSWORD;
  if (!process.stdin.isTTY) {
    console.error('admin:create: set ADMIN_PASSWORD when not running in a terminal');
    process.exit(2);
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  // Hide the typed characters.
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
  process.stdout.write('Password (12–128 characters): ');
  const password = await rl.question('');
  rl.close();
  process.stdout.write('\n');
  return password;
}

const config = loadConfig();
const db = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, logger: createLogger(config.logLevel) });
try {
  await db.migrate();
  const root = await db.prisma.orgUnit.findFirst({ where: { depth: 0, active: true }, orderBy: { createdAt: 'asc' } });
  if (!root) throw new Error('admin:create: the org tree is empty — start the server once (or run npm run db:seed) first');
  const { created } = await provisionAccount(
    db.prisma,
    { username: values.username, displayName: values['display-name'] ?? values.username, password: await askPassword(), role: 'ADMIN', orgUnitId: root.id },
    'admin:create',
  );
  const username = normalizeUsername(values.username);
  console.log(created ? `admin:create: created ${username} as ADMIN of ${root.name}` : `admin:create: ${username} exists (password unchanged); ensured ADMIN of ${root.name}`);
} catch (error) {
  console.error(error instanceof InputError ? `admin:create: ${error.field}: ${error.message}` : (error as Error).message);
  process.exitCode = 1;
} finally {
  await db.close();
}
