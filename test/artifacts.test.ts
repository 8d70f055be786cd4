// Generated artifacts stay in step with the code, and the schema documents itself.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { executeCodegen } from '@graphql-codegen/cli';
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  parse,
  validate,
  type GraphQLNamedType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import codegenConfig from '../codegen.js';
import { baseSchema, printSchemaFile } from '../src/graphql/schema.js';

const root = path.resolve(import.meta.dirname, '..');
const committed = readFileSync(path.join(root, 'schema.graphql'), 'utf8');

function examples(): { file: string; source: string }[] {
  const dir = path.join(root, 'examples');
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.graphql'))
    .map((f) => ({ file: f, source: readFileSync(path.join(dir, f), 'utf8') }));
}

describe('schema.graphql', () => {
  it('matches the schema the code builds (run `npm run generate` after changing the API)', () => {
    expect(printSchemaFile()).toBe(committed);
  });

  it('starts with a do-not-edit header', () => {
    expect(committed.split('\n')[0]).toMatch(/^# .*do not edit/);
  });

  it('is printed in sorted order', () => {
    const typeNames = [...committed.matchAll(/^(?:type|input|enum|interface|union|scalar) (\w+)/gm)].map((m) => m[1]!);
    expect(typeNames.length).toBeGreaterThan(40);
    expect(typeNames).toEqual([...typeNames].sort());
  });
});

describe('schema descriptions', () => {
  const startsWithChinese = /^[\u4e00-\u9fff]/;
  const missing: string[] = [];
  const check = (coordinate: string, description: string | null | undefined) => {
    if (!description || !startsWithChinese.test(description)) missing.push(coordinate);
  };
  for (const type of Object.values(baseSchema.getTypeMap()) as GraphQLNamedType[]) {
    if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
    check(type.name, type.description);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        check(`${type.name}.${field.name}`, field.description);
        for (const arg of field.args) check(`${type.name}.${field.name}(${arg.name})`, arg.description);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) check(`${type.name}.${field.name}`, field.description);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) check(`${type.name}.${value.name}`, value.description);
    } else if (isUnionType(type)) {
      // the union's own description was checked above
    }
  }

  it('gives every type, field, argument and enum value a description that starts with the Chinese term', () => {
    expect(missing).toEqual([]);
  });
});

describe('client examples and codegen', () => {
  const schema = buildSchema(committed);

  it('has example documents for the website, the mini-program, the kiosk and new-media channels, and the staff forms', () => {
    const dirs = new Set(examples().map((e) => e.file.split(path.sep)[0]));
    expect([...dirs].sort()).toEqual(['admin', 'kiosk', 'mini-program', 'new-media', 'website']);
  });

  it.each(examples().map((e) => [e.file, e.source] as const))('%s validates against schema.graphql', (_file, source) => {
    expect(validate(schema, parse(source)).map((e) => e.message)).toEqual([]);
  });

  it('has committed client types that codegen would produce unchanged (run `npm run codegen`)', async () => {
    const { result: outputs, error } = await executeCodegen({ ...codegenConfig, cwd: root, silent: true });
    expect(error).toBeNull();
    expect(outputs.length).toBeGreaterThan(0);
    for (const output of outputs) {
      expect(readFileSync(path.join(root, output.filename), 'utf8'), output.filename).toBe(output.content);
    }
  }, 240_000);
});
