import { GraphQLError } from 'graphql'
import { HangarError, type ErrorCode } from '../errors/index.js'
import type { Logger } from '../logger.js'

const CONTRACT_CODES = new Set<ErrorCode>([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'UNSUPPORTED',
  'PROVIDER_UNAVAILABLE',
  'PROVIDER_ERROR',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'INTERNAL_SERVER_ERROR',
])

/** The error at the bottom of GraphQL's wrapping (a resolver's throw, a coercion failure). */
function rootCause(error: unknown): unknown {
  let current = error
  while (current instanceof GraphQLError && current.originalError) current = current.originalError
  return current
}

/**
 * Shows the client the errors it is meant to handle, each with one of CONTRACT.md's
 * `extensions.code`: a {@link HangarError} as it is; GraphQL's own errors about the request
 * (syntax, validation, variable coercion) as BAD_USER_INPUT; everything else masked as
 * INTERNAL_SERVER_ERROR, with the original logged.
 */
export function createErrorMasker(logger: Logger) {
  return (error: unknown, message: string): Error => {
    const location = error instanceof GraphQLError ? { nodes: error.nodes, path: error.path } : {}
    const cause = rootCause(error)
    if (cause instanceof HangarError) {
      return new GraphQLError(cause.message, { ...location, extensions: { ...cause.extensions, code: cause.code } })
    }
    if (cause instanceof GraphQLError) {
      const code = cause.extensions.code as ErrorCode | undefined
      return new GraphQLError(cause.message, {
        nodes: cause.nodes ?? location.nodes,
        path: location.path,
        extensions: { ...cause.extensions, code: code && CONTRACT_CODES.has(code) ? code : 'BAD_USER_INPUT' },
      })
    }
    logger.error({ err: cause }, 'unexpected error')
    return new GraphQLError(message, { path: location.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } })
  }
}
