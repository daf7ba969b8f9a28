import {
  getArgumentValues,
  getNamedType,
  getOperationAST,
  GraphQLError,
  Kind,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql'
import type { Plugin } from 'graphql-yoga'
import type { AuditOutcome } from '../audit/audit-store.js'
import { actorOf } from '../auth/authenticate.js'
import { createMutationLimiter } from '../auth/mutation-limiter.js'
import type { Hangar } from '../hangar.js'
import type { GatewayContext } from '../schema/context.js'
import { isHangarError } from '../errors/index.js'
import { withoutVariableValue } from './mask-error.js'

/** One root field of a mutation request, as the audit log records it. */
interface MutationCall {
  responseKey: string
  action: string
  target: string | null
  /** The field answers an object with an `id` worth recording as the operation started. */
  returnsOperation: boolean
}

/** The object an action is about: a server or operation id, else a name. */
function targetOf(args: Record<string, unknown>): string | null {
  const input = args.input as Record<string, unknown> | undefined
  const value = args.id ?? args.name ?? input?.name ?? input?.githubUrl
  return value === undefined || value === null ? null : String(value)
}

/** The root fields of the request's operation when it is a mutation, with their arguments. */
function mutationCalls(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown>,
): MutationCall[] {
  const operation = getOperationAST(document, operationName)
  const mutationType = schema.getMutationType()
  if (operation?.operation !== 'mutation' || !mutationType) return []
  const calls: MutationCall[] = []
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) continue
    const field = mutationType.getFields()[selection.name.value]
    if (!field) continue
    let args: Record<string, unknown> = {}
    try {
      args = getArgumentValues(field, selection, variables)
    } catch {
      // Arguments that do not coerce fail the request anyway; record the action without a target.
    }
    calls.push({
      responseKey: selection.alias?.value ?? selection.name.value,
      action: selection.name.value,
      target: targetOf(args),
      returnsOperation: getNamedType(field.type).name === 'Operation',
    })
  }
  return calls
}

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

function unauthenticated(reason: string): GraphQLError {
  return new GraphQLError(reason, {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: { 'www-authenticate': 'Bearer' } } },
  })
}

/** Options of {@link useAccessControl}. */
export interface AccessControlOptions {
  hangar: Hangar
  /** Mutations one token may run per minute; 0: no limit. */
  mutationsPerMinute: number
}

/**
 * Keeps out requests whose token was refused (401, before anything runs), holds each token to its
 * mutation rate, and writes every mutation to the audit log, allowed, denied or failed. Field
 * rules (which role may do what) are declared on the schema; this records what they decided.
 */
export function useAccessControl({ hangar, mutationsPerMinute }: AccessControlOptions): Plugin<GatewayContext> {
  const limiter = createMutationLimiter(mutationsPerMinute, hangar.redis, hangar.logger)
  async function record(
    context: GatewayContext,
    calls: MutationCall[],
    outcomeOf: (call: MutationCall) => { outcome: AuditOutcome; detail: string | null; operationId: string | null },
  ) {
    const { actor, role } = actorOf(context.auth)
    // The REST shim runs its operations with `source: 'rest'` in the server context.
    const source = (context as GatewayContext & { source?: string }).source === 'rest' ? 'rest' : 'graphql'
    try {
      for (const call of calls) {
        await hangar.audit.record({ actor, role, action: call.action, target: call.target, source, ...outcomeOf(call) })
      }
    } catch (error) {
      hangar.logger.error({ error: (error as Error).message }, 'could not write the audit log')
    }
  }

  return {
    onSubscribe({ args, setResultAndStopExecution }) {
      const { auth } = args.contextValue as GatewayContext
      if (auth.kind === 'refused') setResultAndStopExecution({ errors: [unauthenticated(auth.reason)] })
    },

    async onExecute({ args, setResultAndStopExecution }) {
      const context = args.contextValue as GatewayContext
      const { auth } = context
      const calls = mutationCalls(
        args.schema,
        args.document,
        args.operationName,
        (args.variableValues ?? {}) as Record<string, unknown>,
      )
      if (auth.kind === 'refused') {
        setResultAndStopExecution({ errors: [unauthenticated(auth.reason)] })
        await record(context, calls, () => ({
          outcome: 'DENIED',
          detail: `UNAUTHENTICATED: ${auth.reason}`,
          operationId: null,
        }))
        return
      }
      if (calls.length === 0) return
      const key = auth.kind === 'token' ? auth.token.id : 'local'
      const decision = await limiter.take(key, calls.length)
      if (!decision.allowed) {
        const wait = decision.retryAfterSeconds
        const message = `too many mutations: this token may run ${mutationsPerMinute} a minute; retry in ${wait} s`
        setResultAndStopExecution({
          errors: [
            new GraphQLError(message, {
              extensions: {
                code: 'RATE_LIMITED',
                retryAfterSeconds: wait,
                http: { status: 429, headers: { 'retry-after': String(wait) } },
              },
            }),
          ],
        })
        await record(context, calls, () => ({
          outcome: 'DENIED',
          detail: `RATE_LIMITED: ${message}`,
          operationId: null,
        }))
        return
      }
      return {
        async onExecuteDone({ result }) {
          if (Symbol.asyncIterator in result) return
          const { data, errors = [] } = result as ExecutionResult
          // An error without a path refused the whole request (a variable that does not coerce): nothing ran.
          const refusal = data ? undefined : errors.find((candidate) => !candidate.path)
          await record(context, calls, (call) => {
            const error = errors.find((candidate) => candidate.path?.[0] === call.responseKey) ?? refusal
            if (error)
              return {
                outcome: DENYING_CODES.has(codeOf(error)) ? 'DENIED' : 'FAILED',
                detail: describe(error),
                operationId: null,
              }
            const answer = (data as Record<string, { id?: unknown } | null> | null | undefined)?.[call.responseKey]
            return {
              outcome: 'ALLOWED',
              detail: null,
              operationId: call.returnsOperation && answer?.id ? String(answer.id) : null,
            }
          })
        },
      }
    },
  }
}
