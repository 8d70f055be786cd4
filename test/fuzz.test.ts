// Fuzzing the GraphQL inputs (hardening issue): random operations built from the schema itself —
// any root field, any arguments with values of the right type, of the wrong type, at and past
// their limits, hostile strings (NUL, lone surrogates, bidi overrides, 12k characters), ids of
// every node type and garbage — sent over HTTP by every kind of caller. Whatever the input, the
// answer is data or an error the caller can act on: never INTERNAL_SERVER_ERROR, never a 500.
// The seed is fixed so CI is repeatable; FUZZ_SEED and FUZZ_RUNS explore further.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isScalarType,
  isUnionType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseSchema } from '../src/graphql/schema.js';
import { anonymous, call, createChannelWithKey, gid, type Caller } from './actors.js';
import { databaseLabel, startTestService, type TestService } from './harness.js';
import { fixture, type Fixture } from './workflow-helpers.js';
import { expectActionableMessages } from './error-messages.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const RUNS = Number(process.env.FUZZ_RUNS ?? 400);
/** Runs per root field in the pass that takes every field in turn (random draws may miss one). */
const RUNS_PER_FIELD = Number(process.env.FUZZ_RUNS_PER_FIELD ?? 3);

let service: TestService;
let fx: Fixture;
let callers: Caller[];

beforeAll(async () => {
  service = await startTestService();
  fx = await fixture(service);
  callers = [anonymous, fx.editor, fx.reviewer, fx.admin, fx.auditor, await createChannelWithKey(service, fx.admin, 'WEBSITE')];
  const db = service.service.db.prisma;
  const pick = async (type: string, rows: Promise<{ id: string }[]>) => existingIds.push(...(await rows).map((r) => gid(type, r.id)));
  await pick('Release', db.release.findMany({ select: { id: true }, take: 30 }));
  await pick('Matter', db.matter.findMany({ select: { id: true }, take: 15 }));
  await pick('OrgUnit', db.orgUnit.findMany({ select: { id: true }, take: 10 }));
  await pick('User', db.user.findMany({ select: { id: true }, take: 10 }));
  await pick('RoleGrant', db.roleGrant.findMany({ select: { id: true }, take: 5 }));
  await pick('Revision', db.revision.findMany({ select: { id: true }, take: 10 }));
});

afterAll(async () => {
  await service?.stop();
});

const NODE_TYPES = ['Release', 'Matter', 'Domain', 'OrgUnit', 'Standard', 'User', 'RoleGrant', 'Revision', 'AuditEvent', 'ChannelClient', 'ApiKey', 'CatalogVersion'];

const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('', ' ', '\u0000', 'a\u0000b', '\ud800', 'x\udfff', '\u202e.pdf', '%', '_', '\\', "'; DROP TABLE \"Release\";--", '<script>alert(1)</script>', '征地补偿', '明政办秘〔2017〕156号'),
  fc.integer({ min: 9_990, max: 12_000 }).map((n) => '长'.repeat(n)),
);

const dateLike = fc.oneof(
  fc.date({ min: new Date('0001-01-01'), max: new Date('9999-12-31'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.date({ min: new Date('1800-01-01'), max: new Date('2300-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom('9999-12-31T23:59:59-14:00', '0100-01-01T00:00:00Z', '2026-02-30', '2026-13-01T00:00:00Z', 'yesterday', '2026-11-28T10:00:00+08:00'),
);

const idLike = fc.oneof(
  fc.tuple(fc.constantFrom(...NODE_TYPES), fc.uuid()).map(([type, uuid]) => gid(type, uuid)),
  fc.constantFrom('garbage', '', 'UmVsZWFzZTpub3QtYS11dWlk', gid('Nope', randomUUID())),
  hostileString,
);

/** Ids of rows that exist (filled once the service is up), so that plain runs find things. */
const existingIds: string[] = [];
const knownId = fc.oneof({ weight: 4, arbitrary: fc.nat().map((i) => existingIds[i % existingIds.length] ?? gid('Release', randomUUID())) }, { weight: 1, arbitrary: idLike });

const anyJson = fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 }));

const plainString = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('征地', '补偿', 'LAND_EXPROPRIATION', 'zhangbaling', 'admin', '2026'));

/**
 * A value for an input type. Plain: of that type and within its limits, so that resolvers run.
 * Hostile: sometimes of another type, at or past the limits, with hostile strings.
 */
function valueFor(type: GraphQLInputType, hostile: boolean, depth = 0): fc.Arbitrary<unknown> {
  const nullable = getNullableType(type) as GraphQLInputType;
  const wrong = anyJson;
  const text = hostile ? hostileString : plainString;
  if (isListType(nullable)) {
    const item = valueFor(nullable.ofType, hostile, depth + 1);
    if (!hostile) return fc.array(item, { maxLength: 4 });
    return fc.oneof(
      { weight: 6, arbitrary: fc.array(item, { maxLength: 4 }) },
      { weight: 1, arbitrary: fc.integer({ min: 100, max: 150 }).chain((n) => fc.array(item, { minLength: n, maxLength: n })) },
      { weight: 1, arbitrary: wrong },
    );
  }
  if (isInputObjectType(nullable)) {
    if (depth > 3) return fc.constant(null);
    const fields = Object.values(nullable.getFields());
    const record = Object.fromEntries(fields.map((f) => [f.name, valueFor(f.type, hostile, depth + 1)]));
    const object = fc.record(record, { requiredKeys: fields.filter((f) => isNonNullType(f.type)).map((f) => f.name) });
    return hostile ? fc.oneof({ weight: 8, arbitrary: object }, { weight: 1, arbitrary: wrong }) : object;
  }
  if (isEnumType(nullable)) {
    const values = fc.constantFrom(...nullable.getValues().map((v) => v.name));
    return hostile ? fc.oneof({ weight: 6, arbitrary: values }, { weight: 1, arbitrary: hostileString }) : values;
  }
  if (isScalarType(nullable)) {
    switch (nullable.name) {
      case 'Int':
        return hostile ? fc.oneof(fc.integer({ min: -5, max: 150 }), fc.constantFrom(0, -1, 2 ** 31, -(2 ** 31) - 1, 1e15, 1.5), wrong) : fc.integer({ min: 1, max: 30 });
      case 'Float':
        return fc.oneof(fc.double(), wrong);
      case 'Boolean':
        return hostile ? fc.oneof({ weight: 6, arbitrary: fc.boolean() }, { weight: 1, arbitrary: wrong }) : fc.boolean();
      case 'ID':
        return hostile ? idLike : knownId;
      case 'DateTime':
        return hostile ? dateLike : fc.date({ min: new Date('2020-01-01'), max: new Date('2027-12-31'), noInvalidDate: true }).map((d) => d.toISOString());
      case 'Date':
        return hostile ? dateLike : fc.date({ min: new Date('2020-01-01'), max: new Date('2027-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
      default:
        return hostile ? fc.oneof({ weight: 6, arbitrary: text }, { weight: 1, arbitrary: wrong }) : text;
    }
  }
  return wrong;
}

/** A selection set for an output type, a few fields deep, through unions and interfaces. */
function selectionFor(type: GraphQLOutputType, depth: number): fc.Arbitrary<string> {
  const named: GraphQLNamedType = getNamedType(type);
  if (isScalarType(named) || isEnumType(named)) return fc.constant('');
  if (depth > 2) return fc.constant('{ __typename }');
  if (isUnionType(named) || isInterfaceType(named)) {
    const possible = baseSchema.getPossibleTypes(named);
    return fc
      .subarray(possible as GraphQLObjectType[], { minLength: 1, maxLength: Math.min(3, possible.length) })
      .chain((types) => fc.tuple(...types.map((t) => selectionFor(t, depth + 1).map((s) => `... on ${t.name} ${s}`))))
      .map((parts) => `{ __typename ${parts.join(' ')} }`);
  }
  const fields = Object.values((named as GraphQLObjectType).getFields());
  return fc
    .subarray(fields, { minLength: 1, maxLength: Math.min(4, fields.length) })
    .chain((chosen) => fc.tuple(...chosen.map((f) => fieldSelection(f, depth + 1))))
    .map((parts) => `{ ${parts.join(' ')} }`);
}

function fieldSelection(field: GraphQLField<unknown, unknown>, depth: number): fc.Arbitrary<string> {
  // Nested arguments as literals would double the generator; page arguments are what matter.
  const args = field.args.some((a) => a.name === 'first') ? fc.constantFrom('', '(first: 2)', '(first: 100)', '(last: 3)') : fc.constant('');
  return fc.tuple(args, selectionFor(field.type, depth)).map(([a, s]) => `${field.name}${a} ${s}`);
}

interface Operation {
  document: string;
  variables: Record<string, unknown>;
}

function operationFor(root: GraphQLObjectType, kind: 'query' | 'mutation', fields = Object.values(root.getFields())): fc.Arbitrary<Operation> {
  return fc.tuple(fc.constantFrom(...fields), fc.boolean()).chain(([field, hostile]) => {
    const declared = field.args.map((a, i) => ({ name: a.name, variable: `v${i}`, typeName: String(a.type) }));
    const required = hostile ? [] : field.args.flatMap((a, i) => (isNonNullType(a.type) ? [`v${i}`] : []));
    const values = fc.record(Object.fromEntries(field.args.map((a, i) => [`v${i}`, valueFor(a.type, hostile)])), { requiredKeys: required });
    return fc.tuple(values, selectionFor(field.type, 1)).map(([variables, selection]) => {
      const defs = declared.length ? `(${declared.map((d) => `$${d.variable}: ${d.typeName}`).join(', ')})` : '';
      const args = declared.length ? `(${declared.map((d) => `${d.name}: $${d.variable}`).join(', ')})` : '';
      return { document: `${kind} Fuzz${defs} { ${field.name}${args} ${selection} }`, variables };
    });
  });
}

async function answerIsSound(caller: Caller, op: Operation): Promise<void> {
  const res = await call(service, caller, op.document, op.variables);
  const codes = (res.errors ?? []).map((e) => e.extensions?.code);
  const context = `${caller.label}\n${op.document}\n${JSON.stringify(op.variables).slice(0, 600)}\n→ ${res.status} ${res.text.slice(0, 600)}`;
  expect(res.status, context).not.toBe(500);
  expect(codes, context).not.toContain('INTERNAL_SERVER_ERROR');
  expect(res.text, context).not.toMatch(/prisma|stacktrace|    at /i);
  expectActionableMessages((res.errors ?? []).map((e) => e.message), context);
}

describe(`Fuzzing GraphQL inputs (${databaseLabel}; seed ${SEED})`, () => {
  it(`no query answers INTERNAL_SERVER_ERROR (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 5 }), operationFor(baseSchema.getQueryType()!, 'query'), (who, op) => answerIsSound(callers[who]!, op)),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
  }, 600_000);

  it(`no mutation answers INTERNAL_SERVER_ERROR (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 5 }), operationFor(baseSchema.getMutationType()!, 'mutation'), (who, op) => answerIsSound(callers[who]!, op)),
      { seed: SEED + 1, numRuns: RUNS, endOnFailure: true },
    );
  }, 600_000);

  it(`no root field answers INTERNAL_SERVER_ERROR, each taken in turn (${RUNS_PER_FIELD} runs each)`, async () => {
    for (const [root, kind] of [[baseSchema.getQueryType()!, 'query'], [baseSchema.getMutationType()!, 'mutation']] as const) {
      for (const field of Object.values(root.getFields())) {
        await fc.assert(
          fc.asyncProperty(fc.nat({ max: 5 }), operationFor(root, kind, [field]), (who, op) => answerIsSound(callers[who]!, op)),
          { seed: SEED + 2, numRuns: RUNS_PER_FIELD, endOnFailure: true },
        );
      }
    }
  }, 600_000);
});

