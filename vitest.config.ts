import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // Node (and so every library the app loads) resolves `graphql` through "main" to its CommonJS
    // build; Vite would pick the "module" build for test files. One instance, or graphql-js
    // refuses to mix them ("from another module or realm").
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Each file boots its own service on its own database (in-memory PGlite or a PostgreSQL schema).
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
    // Hang guards only: no test waits on them. A loaded machine is slow, not wrong, so they are
    // generous; conditions are awaited, never raced against a clock.
    testTimeout: 240_000,
    hookTimeout: 300_000,
    env: { NODE_ENV: 'test' },
  },
});
