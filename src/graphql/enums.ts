// Exposes a Prisma enum as a GraphQL enum, forcing a Chinese-first description for every value.
import type { EnumRef, SchemaTypes } from '@pothos/core';
import { builder } from './builder.js';

type BuilderTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T extends SchemaTypes> ? T : never;

export function enumFromPrisma<const E extends Record<string, string>>(
  name: string,
  prismaEnum: E,
  description: string,
  valueDescriptions: { [K in keyof E]: string },
): EnumRef<BuilderTypes, E[keyof E], E[keyof E]> {
  const values = Object.fromEntries(Object.keys(prismaEnum).map((key) => [key, { description: valueDescriptions[key as keyof E] }]));
  return builder.enumType(prismaEnum as Record<string, string>, { name, description, values }) as never;
}
