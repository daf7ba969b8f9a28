import { GraphQLError, type ExecutionResult } from 'graphql'
import type { Plugin } from 'graphql-yoga'
import type { AuditOutcome } from '../audit/audit-store.js'
import { actorOf } from '../auth/authenticate.js'
import { isHangarError } from '../errors/index.js'
import type { Hangar } from '../hangar.js'
import type { GatewayContext } from '../schema/context.js'
import { withoutVariableValue } from './mask-error.js'
import { type MutationCall, mutationCalls } from './mutation-calls.js'

function codeOf(error: GraphQLError): string {
  let cause: unknown = error
  while (cause instanceof GraphQLError && cause.originalError) cause = cause.originalError
  if (isHangarError(cause)) return cause.code
  if (cause instanceof GraphQLError) return String(cause.extensions.code ?? 'BAD_USER_INPUT')
  return 'INTERNAL_SERVER_ERROR'
}

function describe(error: GraphQLError): string {
  const code = codeOf(error)
  // Only errors meant for clients carry a message worth keeping; the rest are masked anyway.
  return code === 'INTERNAL_SERVER_ERROR' ? code : `${code}: ${withoutVariableValue(error)}`
}

const DENYING_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'RATE_LIMITED'])

/** How one call ended, as the audit log keeps it. */
interface CallOutcome {
  outcome: AuditOutcome
  detail: string | null
  operationId: string | null
}

/** What became of each call, read from the request's result. */
function outcomeOf(call: MutationCall, { data, errors = [] }: ExecutionResult): CallOutcome {
  // An error without a path refused the whole request (a refused token, the rate limit, a variable
  // that does not coerce): nothing ran.
  const refusal = data ? undefined : errors.find((candidate) => !candidate.path)
  const error = errors.find((candidate) => candidate.path?.[0] === call.responseKey) ?? refusal
  if (error) {
    return {
      outcome: DENYING_CODES.has(codeOf(error)) ? 'DENIED' : 'FAILED',
      detail: describe(error),
      operationId: null,
    }
  }
  const answer = (data as Record<string, { id?: unknown } | null> | null | undefined)?.[call.responseKey]
  return {
    outcome: 'ALLOWED',
    detail: null,
    operationId: call.returnsOperation && answer?.id ? String(answer.id) : null,
  }
}

/**
 * Writes every mutation to the audit log once it has ended: allowed (with the operation it
 * started), denied (no valid token, a role that may not, the rate limit) or failed, with who asked
 * and from where (GraphQL or the REST shim). It must come before the plugins that refuse a
 * request, so that it sees their refusals: envelop hands every plugin's `onExecuteDone` the final
 * result, also when a later plugin stopped the execution.
 */
export function useAuditLog(hangar: Hangar): Plugin<GatewayContext> {
  async function record(context: GatewayContext, calls: MutationCall[], result: ExecutionResult) {
    const { actor, role } = actorOf(context.auth)
    // The REST shim runs its operations with `source: 'rest'` in the server context.
    const source = (context as GatewayContext & { source?: string }).source === 'rest' ? 'rest' : 'graphql'
    try {
      for (const call of calls) {
        await hangar.audit.record({
          actor,
          role,
          action: call.action,
          target: call.target,
          source,
          ...outcomeOf(call, result),
        })
      }
    } catch (error) {
      hangar.logger.error({ error: (error as Error).message }, 'could not write the audit log')
    }
  }

  return {
    onExecute({ args }) {
      const variables = (args.variableValues ?? {}) as Record<string, unknown>
      const calls = mutationCalls(args.schema, args.document, args.operationName, variables)
      if (calls.length === 0) return
      return {
        async onExecuteDone({ result }) {
          if (Symbol.asyncIterator in result) return
          await record(args.contextValue as GatewayContext, calls, result as ExecutionResult)
        },
      }
    },
  }
}
