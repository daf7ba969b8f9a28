import { GraphQLError } from 'graphql'
import { HangarError } from '../errors/index.js'
import type { Logger } from '../logger.js'

/**
 * Shows the client the errors it is meant to handle (a {@link HangarError}, with its
 * `extensions.code`) and masks everything else as INTERNAL_SERVER_ERROR, logging the original.
 */
export function createErrorMasker(logger: Logger) {
  return (error: unknown, message: string): Error => {
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error
    if (original instanceof HangarError) {
      return new GraphQLError(original.message, {
        nodes: error instanceof GraphQLError ? error.nodes : undefined,
        path: error instanceof GraphQLError ? error.path : undefined,
        extensions: { ...original.extensions, code: original.code },
      })
    }
    // A GraphQLError without an original error is the client's own (syntax, validation, variables).
    if (error instanceof GraphQLError && !error.originalError) {
      return new GraphQLError(error.message, {
        nodes: error.nodes,
        path: error.path,
        extensions: { ...error.extensions, code: error.extensions.code ?? 'BAD_USER_INPUT' },
      })
    }
    logger.error({ err: original }, 'unexpected error in a resolver')
    return new GraphQLError(message, {
      path: error instanceof GraphQLError ? error.path : undefined,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    })
  }
}
