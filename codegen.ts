import type { CodegenConfig } from '@graphql-codegen/cli'

/**
 * The client preset, as every output uses it: typed documents, plain types, no fragment masking.
 * `string` documents are the query text itself (for the browser, which then needs no graphql-js).
 */
const typedDocuments = (documents: string[], documentMode: 'documentNode' | 'string' = 'documentNode') => ({
  documents,
  preset: 'client' as const,
  presetConfig: { fragmentMasking: false },
  config: {
    useTypeImports: true,
    enumsAsTypes: true,
    documentMode,
    scalars: { DateTime: 'string', JSON: 'unknown' },
  },
})

/**
 * Typed documents: every `graphql(`...`)` call of the REST shim, the CLI, the web dashboard and the tests is checked
 * against schema.graphql and gets its result and variable types.
 */
const config: CodegenConfig = {
  schema: 'schema.graphql',
  ignoreNoDocuments: true,
  emitLegacyCommonJSImports: false,
  generates: {
    // The REST shim and the CLI run typed operations against the one schema.
    'src/gql/': typedDocuments(['src/rest/**/*.ts', 'src/cli/**/*.ts']),
    'test/gql/': typedDocuments(['test/**/*.ts', '!test/gql/**']),
    // The web dashboard sends the query text over fetch and graphql-ws.
    'web/src/gql/': typedDocuments(['web/src/**/*.{ts,tsx}', '!web/src/gql/**'], 'string'),
  },
}

export default config
