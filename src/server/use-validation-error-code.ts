import { GraphQLError, Kind, visit, type ASTNode, type DocumentNode, type ValueNode } from 'graphql'
import type { Plugin } from 'graphql-yoga'

/**
 * Where each literal value of a document sits, as the argument path a client would name:
 * `input.cpu` for the `cpu` field of the `input` argument, `input.tags[1]` in a list.
 */
function valuePaths(document: DocumentNode): Map<ASTNode, string> {
  const paths = new Map<ASTNode, string>()
  const walk = (value: ValueNode, path: string) => {
    paths.set(value, path)
    if (value.kind === Kind.OBJECT) {
      for (const field of value.fields) {
        paths.set(field, `${path}.${field.name.value}`)
        walk(field.value, `${path}.${field.name.value}`)
      }
    } else if (value.kind === Kind.LIST) {
      for (const [index, item] of value.values.entries()) walk(item, `${path}[${index}]`)
    }
  }
  visit(document, { Argument: (argument) => walk(argument.value, argument.name.value) })
  return paths
}

/**
 * Gives validation errors (unknown fields, wrong literal types) the contract's BAD_USER_INPUT code
 * instead of Yoga's GRAPHQL_VALIDATION_FAILED, so clients handle one code for "fix your request";
 * and names the argument a refused literal belongs to (`input.cpu: Int cannot represent ...`, with
 * `extensions.field`), which graphql-js leaves out. Validation errors never reach `maskError`,
 * hence a hook of their own.
 */
export function useValidationErrorCode(): Plugin {
  return {
    onValidate({ params }) {
      return ({ valid, result, setResult }) => {
        if (valid) return
        let paths: Map<ASTNode, string> | undefined
        setResult(
          result.map((error) => {
            if (!(error instanceof GraphQLError)) return error
            const extensions = error.extensions as Record<string, unknown>
            extensions.code = 'BAD_USER_INPUT'
            const node = error.nodes?.[0]
            if (!node || extensions.field !== undefined) return error
            paths ??= valuePaths(params.documentAST)
            const field = paths.get(node)
            if (!field) return error
            return new GraphQLError(`${field}: ${error.message}`, {
              nodes: error.nodes,
              originalError: error.originalError,
              extensions: { ...extensions, field },
            })
          }),
        )
      }
    },
  }
}
