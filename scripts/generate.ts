// npm run generate — regenerates the Prisma client and the Pothos types, then schema.graphql.
// The Prisma CLI insists on a native schema-engine path even though `generate` never runs it;
// this network cannot download one, so any existing file satisfies the check (ENVIRONMENT.md).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const prisma = spawnSync(process.execPath, [path.join(root, 'node_modules/prisma/build/index.js'), 'generate'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
});
if (prisma.status !== 0) process.exit(prisma.status ?? 1);

if (!process.argv.includes('--prisma-only')) {
  // Imported after generation: the schema depends on the generated client.
  const { printSchemaFile } = await import('../src/graphql/schema.js');
  writeFileSync(path.join(root, 'schema.graphql'), printSchemaFile());
  console.log('generate: wrote schema.graphql');
  // The example client types follow schema.graphql.
  const codegen = spawnSync(process.execPath, [path.join(root, 'node_modules/@graphql-codegen/cli/cjs/bin.js'), '--config', 'codegen.ts', '--silent'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (codegen.status !== 0) process.exit(codegen.status ?? 1);
  console.log('generate: wrote examples/__generated__');
}
