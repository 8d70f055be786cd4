// Prisma CLI configuration. Only `prisma generate` runs through the CLI here: migrations are
// created and applied by src/db/migrations (the Wasm schema engine and our own runner),
// because the CLI's native schema engine cannot be downloaded on this network.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema',
  migrations: { path: 'prisma/migrations' },
});
