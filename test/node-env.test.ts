// The server's speed must not depend on NODE_ENV (read-path issue, item 5): its entry loads
// graphql-js in production mode whatever NODE_ENV says, and leaves NODE_ENV as it found it.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');

/** What graphql's instanceOf does with a look-alike from "another realm", and NODE_ENV after. */
function probe(nodeEnv: string, preload: boolean): { lookAlike: string; nodeEnv: string } {
  const script = `
    ${preload ? "await import('./src/graphql-production-mode.ts');" : ''}
    const { instanceOf } = await import('graphql/jsutils/instanceOf.js');
    const { GraphQLSchema } = await import('graphql');
    let lookAlike;
    try { lookAlike = String(instanceOf({ [Symbol.toStringTag]: 'GraphQLSchema', constructor: { name: 'GraphQLSchema' } }, GraphQLSchema)); }
    catch { lookAlike = 'development check'; }
    console.log(JSON.stringify({ lookAlike, nodeEnv: process.env.NODE_ENV }));`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: nodeEnv },
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').pop()!);
}

describe('graphql-js mode', () => {
  it('runs graphql-js development checks when NODE_ENV says so, without the server entry (the control)', () => {
    expect(probe('development', false)).toEqual({ lookAlike: 'development check', nodeEnv: 'development' });
  });

  it('loads graphql-js in production mode under the server entry, leaving NODE_ENV as it was', () => {
    expect(probe('development', true)).toEqual({ lookAlike: 'false', nodeEnv: 'development' });
    expect(probe('test', true)).toEqual({ lookAlike: 'false', nodeEnv: 'test' });
  });
});
