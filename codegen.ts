// GraphQL Code Generator: typed documents for the front-end teams, from the committed
// schema.graphql and the example operations of each client under examples/.
// Run `npm run codegen`; a test validates every example document against the schema.
// `persistedDocuments` also writes examples/__generated__/persisted-documents.json: the
// trusted-documents manifest (sha256 of each document → its text) that the server loads, so a
// channel key can send `{"documentId": "sha256:<hash>"}` instead of query text.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['examples/**/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'examples/__generated__/': {
      preset: 'client',
      config: {
        scalars: { DateTime: 'string', Date: 'string' },
        enumsAsTypes: true,
        useTypeImports: true,
        strictScalars: true,
      },
      presetConfig: { fragmentMasking: false, persistedDocuments: { mode: 'embedHashInDocument', hashAlgorithm: 'sha256' } },
    },
  },
};

export default config;
