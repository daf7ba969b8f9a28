import type { CodegenConfig } from '@graphql-codegen/cli'

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
    'src/gql/': {
      documents: ['src/rest/**/*.ts', 'src/cli/**/*.ts'],
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', JSON: 'unknown' },
      },
    },
    'test/gql/': {
      documents: ['test/**/*.ts', '!test/gql/**'],
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', JSON: 'unknown' },
      },
    },
  },
}

export default config
