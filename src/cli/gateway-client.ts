import type { TypedDocumentNode } from '@graphql-typed-document-node/core'
import { print, type GraphQLFormattedError } from 'graphql'
import { createClient, type Client } from 'graphql-ws'
import WebSocket from 'ws'
import { EXIT, exitCodeOf } from './exit-codes.js'

/** What a gateway's refusal said besides its message, for commands that explain it better. */
export interface CliErrorRefusal {
  /** GraphQL `extensions.code`: `CONFLICT`, `NOT_FOUND`, ... */
  code?: string
  /** GraphQL `extensions.field`: the input that was refused, e.g. `input.framework`. */
  field?: string
}

/** A failure the CLI reports on stderr and exits with. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    readonly refusal: CliErrorRefusal = {},
  ) {
    super(message)
  }
}

/**
 * The CLI's error for a GraphQL error, from a query, a mutation or a subscription alike, so that
 * one refusal (CONFLICT: 6, NOT_FOUND: 3, ...) exits with the same code from every command.
 */
export function cliErrorOf(error: GraphQLFormattedError): CliError {
  const code = typeof error.extensions?.code === 'string' ? error.extensions.code : undefined
  const field = typeof error.extensions?.field === 'string' ? error.extensions.field : undefined
  return new CliError(error.message, exitCodeOf(code), { code, field })
}

/** Where the gateway is and who we are: HANGAR_URL and HANGAR_TOKEN, as in the contract. */
export interface GatewayTarget {
  url: string
  token?: string
}

export function targetFromEnvironment(env: NodeJS.ProcessEnv = process.env): GatewayTarget {
  return { url: (env.HANGAR_URL ?? 'http://127.0.0.1:4000').replace(/\/+$/, ''), token: env.HANGAR_TOKEN || undefined }
}

/** Runs one typed operation; a GraphQL error becomes a {@link CliError} with its exit code. */
export async function request<T, V>(
  target: GatewayTarget,
  document: TypedDocumentNode<T, V>,
  variables: V,
): Promise<T> {
  const answer = await answerOf(target, document, variables)
  const error = answer.errors?.[0]
  if (error) throw cliErrorOf(error)
  return answer.data as T
}

/**
 * Runs one typed operation and gives the whole answer, its data beside its errors, for a query
 * whose nullable fields may fail apart (`providers { resources }`). Throws only when no answer came.
 */
export async function answerOf<T, V>(
  target: GatewayTarget,
  document: TypedDocumentNode<T, V>,
  variables: V,
): Promise<{ data?: T | null; errors?: GraphQLFormattedError[] }> {
  let response: Response
  try {
    response = await fetch(`${target.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        ...(target.token ? { authorization: `Bearer ${target.token}` } : {}),
      },
      body: JSON.stringify({ query: print(document), variables }),
      signal: AbortSignal.timeout(5 * 60_000),
    })
  } catch (error) {
    const reason = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message
    throw new CliError(
      `cannot reach the gateway at ${target.url} (${reason}); is it running? (HANGAR_URL)`,
      EXIT.UNREACHABLE,
    )
  }
  try {
    return (await response.json()) as { data?: T | null; errors?: GraphQLFormattedError[] }
  } catch {
    throw new CliError(`the gateway at ${target.url} answered HTTP ${response.status} without JSON`, EXIT.UNREACHABLE)
  }
}

/**
 * The CLI's error for what a graphql-ws subscription threw, when the gateway refused it (graphql-ws
 * throws the `error` message's GraphQL errors as an array); undefined for a lost connection.
 */
export function subscriptionRefusalOf(thrown: unknown): CliError | undefined {
  if (thrown instanceof CliError) return thrown
  if (Array.isArray(thrown) && typeof (thrown[0] as GraphQLFormattedError | undefined)?.message === 'string')
    return cliErrorOf(thrown[0] as GraphQLFormattedError)
  return undefined
}

/** A graphql-ws client authenticated in connection_init; it retries a dropped connection. */
export function subscriptionClient(target: GatewayTarget): Client {
  return createClient({
    url: `${target.url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: target.token ? { authorization: `Bearer ${target.token}` } : undefined,
    retryAttempts: 5,
    shouldRetry: () => true,
  })
}
