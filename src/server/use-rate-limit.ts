import { GraphQLError } from 'graphql'
import type { Plugin } from 'graphql-yoga'
import { createMutationLimiter } from '../auth/mutation-limiter.js'
import type { Hangar } from '../hangar.js'
import type { GatewayContext } from '../schema/context.js'
import { mutationCalls } from './mutation-calls.js'

/** Options of {@link useRateLimit}. */
export interface RateLimitOptions {
  hangar: Hangar
  /** Mutations one token may run per minute; 0: no limit. */
  mutationsPerMinute: number
}

/**
 * Holds each token to its mutation rate (each root field of a mutation counts once), across
 * gateways when they share Redis. Over the limit: RATE_LIMITED, HTTP 429 with `Retry-After`, and
 * nothing runs. Queries and subscriptions are not counted.
 */
export function useRateLimit({ hangar, mutationsPerMinute }: RateLimitOptions): Plugin<GatewayContext> {
  const limiter = createMutationLimiter(mutationsPerMinute, hangar.redis, hangar.logger)
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      const { auth } = args.contextValue as GatewayContext
      if (auth.kind === 'refused') return
      const variables = (args.variableValues ?? {}) as Record<string, unknown>
      const count = mutationCalls(args.schema, args.document, args.operationName, variables).length
      if (count === 0) return
      const decision = await limiter.take(auth.kind === 'token' ? auth.token.id : 'local', count)
      if (decision.allowed) return
      const wait = decision.retryAfterSeconds
      const message = `too many mutations: this token may run ${mutationsPerMinute} a minute; retry in ${wait} s`
      const extensions = {
        code: 'RATE_LIMITED',
        retryAfterSeconds: wait,
        http: { status: 429, headers: { 'retry-after': String(wait) } },
      }
      setResultAndStopExecution({ errors: [new GraphQLError(message, { extensions })] })
    },
  }
}
