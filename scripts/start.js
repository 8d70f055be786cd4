// npm start / npm run worker: the entry point named by the argument (server or worker), from the
// compiled JavaScript in dist/ when NODE_ENV=production (run `npm run build` first) and from the
// TypeScript sources otherwise — so a fresh clone starts with no build step, and production loads
// no TypeScript loader at all. The entry runs in this same process (signals reach it directly).
import { existsSync } from 'node:fs';

const entry = process.argv[2];
if (entry !== 'server' && entry !== 'worker') {
  console.error('usage: node scripts/start.js server|worker');
  process.exit(2);
}
if (process.env.NODE_ENV === 'production') {
  const compiled = new URL(`../dist/${entry}.js`, import.meta.url);
  if (!existsSync(compiled)) {
    console.error(`gongkai: NODE_ENV=production runs the compiled ${entry} (dist/${entry}.js), which is missing: run \`npm run build\` first.`);
    process.exit(1);
  }
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL(`../src/${entry}.ts`, import.meta.url).href);
}
