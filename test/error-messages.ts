// What every top-level error message must be (issue 15, part 6): Chinese first, English after,
// and never the name of one of the server's own functions (`decodeGlobalId: …`). Names of the
// API — fields, arguments, types — may appear: a client can act on those.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isInputObjectType, isObjectType, type GraphQLSchema } from 'graphql';
import { expect } from 'vitest';
import { baseSchema } from '../src/graphql/schema.js';

function apiNames(schema: GraphQLSchema): Set<string> {
  const names = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    names.add(type.name);
    if (isObjectType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        names.add(field.name);
        for (const arg of 'args' in field ? field.args : []) names.add(arg.name);
      }
    }
  }
  return names;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? (e.name === 'generated' ? [] : sourceFiles(path.join(dir, e.name))) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

/** camelCase names of functions and constants declared in src/ that are not names of the API. */
export const INTERNAL_NAMES: ReadonlySet<string> = (() => {
  const api = apiNames(baseSchema);
  const found = new Set<string>();
  for (const file of sourceFiles(path.join(import.meta.dirname, '..', 'src'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\b(?:function\*?|const|let|class)\s+([a-z][a-z0-9]*[A-Z][A-Za-z0-9]*)\b/g)) {
      if (!api.has(m[1]!)) found.add(m[1]!);
    }
  }
  return found;
})();

const CHINESE_FIRST = /^[\u3400-\u9fff]/;

/** Asserts that each message starts in Chinese and names no internal function. */
export function expectActionableMessages(messages: readonly string[], context: string): void {
  for (const message of messages) {
    expect(message, `not Chinese first: ${context}`).toMatch(CHINESE_FIRST);
    const internal = [...message.matchAll(/\b[a-z][a-z0-9]*[A-Z][A-Za-z0-9]*\b/g)].map((m) => m[0]).filter((w) => INTERNAL_NAMES.has(w));
    expect(internal, `names internal functions: ${message}\n${context}`).toEqual([]);
  }
}

/**
 * Asserts what a form shows beside a field: Chinese before " — " and English after (the Chinese
 * may open with the field's path or the value at fault, "days[2].name 最多50个字符"), no internal names.
 */
export function expectFieldMessages(messages: readonly string[], context: string): void {
  for (const message of messages) {
    const [chinese, english] = message.split(' — ');
    expect(chinese, `no Chinese before the English: ${message}\n${context}`).toMatch(/^(\S+ )?[\u3400-\u9fff]/);
    expect(english, `no English after the Chinese: ${message}\n${context}`).toMatch(/[a-z]{2,}/);
    expectActionableMessages([message.replace(/^\S+ (?=[\u3400-\u9fff])/, '')], context);
  }
}
