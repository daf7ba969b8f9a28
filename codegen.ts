import type { CodegenConfig } from '@graphql-codegen/cli'

/** The client preset, as every output uses it: typed documents, plain types, no fragment masking. */
const typedDocuments = (documents: string[]) => ({
  documents,
  preset: 'client' as const,
  presetConfig: { fragmentMasking: false },
  config: {
    useTypeImports: true,
    enumsAsTypes: true,
    scalars: { DateTime: 'string', JSON: 'unknown' },
  },
})

/**
 * Typed documents: every `graphql(`...`)` call of the REST shim, the CLI and the tests is checked
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
  },
}

export default config
