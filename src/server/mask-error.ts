import { GraphQLError } from 'graphql'
import { ERROR_CODES, type ErrorCode, type HangarError, isHangarError } from '../errors/index.js'
import type { Logger } from '../logger.js'

/** The errors GraphQL wraps `error` in, outermost first, down to the one thrown (a resolver's, a coercion's). */
function causeChain(error: unknown): unknown[] {
  const chain = [error]
  let current = error
  while (current instanceof GraphQLError && current.originalError) {
    current = current.originalError
    chain.push(current)
  }
  return chain
}

/** graphql-js' refusal of a value in `variables`: `Variable "$input" got invalid value "x" at "input.cpu"; ...`. */
const VARIABLE_ERROR = /^Variable "\$([_A-Za-z][_0-9A-Za-z]*)"/

/**
 * The path in `variables` a variable-coercion message is about: `input.cpu` for `... at
 * "input.cpu"; ...`, `input.framework` for `...; Field "framework" of required type ... was not
 * provided.`, else the variable itself.
 */
export function variableField(message: string): string | undefined {
  const variable = VARIABLE_ERROR.exec(message)?.[1]
  if (!variable) return undefined
  const at = / at "([^"]+)";/.exec(message)?.[1] ?? variable
  const field = /; Field "([_A-Za-z][_0-9A-Za-z]*)" (?:of required type|is not defined by type)/.exec(message)?.[1]
  return field ? `${at}.${field}` : at
}

/**
 * A variable-coercion message without the refused value when that value is an object or a list:
 * graphql-js prints the whole input there (`got invalid value { name: "web", password: "..." };
 * Field "image" ... was not provided.`), which may hold a secret, and is then in the answer and the
 * audit log. A refused leaf ("x" at "input.cpu") is kept: it is what the client has to fix, unless it
 * is a deployment variable's (`... at "input.variables[0].value"`), which may be a secret.
 */
export function withoutVariableValue(error: GraphQLError): string {
  const { message, originalError } = error
  const head = /^Variable "\$[_A-Za-z][_0-9A-Za-z]*" got invalid value /.exec(message)?.[0]
  // graphql-js writes `<head><value>[ at "<path>"]; <the inner error's message>`; the value may hold "; ".
  const tail = originalError ? `; ${originalError.message}` : undefined
  if (!head || !tail || !message.endsWith(tail)) return message
  const valueAndPath = message.slice(head.length, message.length - tail.length)
  const path = / at "[_A-Za-z][\w.[\]]*"$/.exec(valueAndPath)?.[0] ?? ''
  const value = valueAndPath.slice(0, valueAndPath.length - path.length)
  // A deployment variable's value may be a secret, whatever its type.
  const secretLeaf = /\.value"$|variables/i.test(path)
  if (!value.startsWith('{') && !value.startsWith('[') && !secretLeaf) return message
  const hidden = value.startsWith('{') ? '{…}' : value.startsWith('[') ? '[…]' : '…'
  // A scalar handed an object quotes it again in its own message ("ID cannot represent value: {...}").
  return `${head}${hidden}${path}${tail.split(value).join(hidden)}`
}

/**
 * Shows the client the errors it is meant to handle, each with one of CONTRACT.md's
 * `extensions.code`: a {@link HangarError} as it is; GraphQL's own errors about the request
 * (syntax, validation, variable coercion) as BAD_USER_INPUT, with the outermost message, which is
 * the one that says which variable and field; everything else masked as INTERNAL_SERVER_ERROR,
 * with the original logged.
 */
export function createErrorMasker(logger: Logger) {
  return (error: unknown, message: string): Error => {
    const location = error instanceof GraphQLError ? { nodes: error.nodes, path: error.path } : {}
    const chain = causeChain(error)
    const cause = chain.at(-1)
    const hangarError = chain.find((link): link is HangarError => isHangarError(link))
    if (hangarError) {
      return new GraphQLError(hangarError.message, {
        ...location,
        extensions: { ...hangarError.extensions, code: hangarError.code },
      })
    }
    // A variable's value that a scalar refused is the client's mistake even when the scalar threw a
    // plain Error: graphql-js has already put it into words naming the variable and the field.
    const refusedVariable = error instanceof GraphQLError && !error.path && VARIABLE_ERROR.test(error.message)
    if (cause instanceof GraphQLError || refusedVariable) {
      const outer = error as GraphQLError
      const extensions = { ...(cause instanceof GraphQLError ? cause.extensions : {}), ...outer.extensions }
      const code = extensions.code as ErrorCode | undefined
      const shown = withoutVariableValue(outer)
      const field = extensions.field ?? variableField(shown)
      return new GraphQLError(shown, {
        nodes: outer.nodes ?? location.nodes,
        path: location.path,
        extensions: {
          ...extensions,
          ...(field ? { field } : {}),
          code: code && ERROR_CODES.has(code) ? code : 'BAD_USER_INPUT',
        },
      })
    }
    logger.error({ err: cause }, 'unexpected error')
    return new GraphQLError(message, { path: location.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } })
  }
}
