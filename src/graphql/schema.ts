// Assembles the schema: importing a module registers its types with the builder.
import { lexicographicSortSchema, printSchema, type GraphQLInterfaceType, type GraphQLSchema } from 'graphql';
import '../modules/assessment/assessment.schema.js';
import '../modules/audit/audit-event.schema.js';
import '../modules/auth/auth.schema.js';
import '../modules/auth/my-account.schema.js';
import '../modules/auth/oidc.schema.js';
import '../modules/auth/totp.schema.js';
import '../modules/calendar/work-calendar.schema.js';
import '../modules/catalog/domain.schema.js';
import '../modules/changes/change.schema.js';
import '../modules/catalog/matter.schema.js';
import '../modules/catalog/standard.schema.js';
import '../modules/concerns/concern.schema.js';
import '../modules/files/file.schema.js';
import '../modules/interpretations/interpretation.schema.js';
import '../modules/org/org-unit.schema.js';
import '../modules/channels/channel-client.schema.js';
import '../modules/channels/channel-usage.schema.js';
import '../modules/releases/release-preview.schema.js';
import '../modules/releases/release-workflow.schema.js';
import '../modules/releases/release.schema.js';
import '../modules/reports/annual-report.schema.js';
import '../modules/requests/request.schema.js';
import '../modules/users/user.schema.js';
import '../modules/webhooks/webhook.schema.js';
import { builder } from './builder.js';
import { registerNodeTypes } from './global-id.js';
import './error-types.js';
import './scalars.js';

builder.queryType({ description: '查询 — read operations.' });
builder.mutationType({ description: '变更 — write operations; each takes one input object and returns a payload or a typed error.' });

/** The executable schema without permissions (printing, tooling). */
export const baseSchema: GraphQLSchema = builder.toSchema({ sortSchema: true });

// Only ids of node types decode: `node(id: "Foo:…")` is a bad id, not an internal error.
registerNodeTypes(baseSchema.getPossibleTypes(baseSchema.getType('Node') as GraphQLInterfaceType).map((t) => t.name));

export const SCHEMA_HEADER =
  '# 此文件由代码生成，请勿手工修改 — generated from the Pothos schema by `npm run generate`; do not edit.\n' +
  '# A test fails when it differs from the code.\n\n';

export function printSchemaFile(schema: GraphQLSchema = baseSchema): string {
  return SCHEMA_HEADER + printSchema(lexicographicSortSchema(schema)) + '\n';
}
