import type { CodegenConfig } from '@graphql-codegen/cli'

/**
 * Typed documents for the tests (and any TypeScript client): every `graphql(`...`)` call under
 * test/ is checked against schema.graphql and gets its result and variable types.
 */
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['test/**/*.ts', '!test/gql/**'],
  ignoreNoDocuments: true,
  emitLegacyCommonJSImports: false,
  generates: {
    'test/gql/': {
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
