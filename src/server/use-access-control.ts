import { GraphQLError } from 'graphql'
import type { Plugin } from 'graphql-yoga'
import type { GatewayContext } from '../schema/context.js'

function unauthenticated(reason: string): GraphQLError {
  return new GraphQLError(reason, {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: { 'www-authenticate': 'Bearer' } } },
  })
}

/**
 * Keeps out requests whose token was refused: 401 before anything runs, for queries, mutations
 * and subscriptions alike. Which role may do what is declared on the schema's fields (scope
 * auth); this plugin only turns away a token that is not valid at all (unknown, revoked, expired).
 */
export function useAccessControl(): Plugin<GatewayContext> {
  return {
    onSubscribe({ args, setResultAndStopExecution }) {
      const { auth } = args.contextValue as GatewayContext
      if (auth.kind === 'refused') setResultAndStopExecution({ errors: [unauthenticated(auth.reason)] })
    },
    onExecute({ args, setResultAndStopExecution }) {
      const { auth } = args.contextValue as GatewayContext
      if (auth.kind === 'refused') setResultAndStopExecution({ errors: [unauthenticated(auth.reason)] })
    },
  }
}
