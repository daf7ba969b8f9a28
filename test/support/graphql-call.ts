import type { GraphQLFormattedError } from 'graphql'
import { assertNoSecret } from './secrets.js'
import type { JsonAnswer } from './json-answer.js'

/** One GraphQL request as the wire saw it. */
export interface GraphQLCall {
  /** HTTP status; 0 when no answer came (timeout or connection failure). */
  status: number
  data?: JsonAnswer | null
  errors?: GraphQLFormattedError[]
  /** The raw body, for reports. */
  text: string
  ms: number
  /** No answer within the client's timeout. */
  timedOut: boolean
  /** The connection failed (the gateway is gone?). */
  networkError?: string
}

/** Options of {@link callGraphql}. */
export interface GraphQLCallOptions {
  /** The client gives up after this long (a hung request). Default 60 s. */
  timeoutMs?: number
  token?: string
}

/**
 * POSTs one operation with a client-side timeout, and never throws for what the gateway answered:
 * a bad status, a non-JSON body or no answer at all are reported in the result, for the test to
 * judge. Answers are searched for registered secrets.
 */
export async function callGraphql(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  { timeoutMs = 60_000, token }: GraphQLCallOptions = {},
): Promise<GraphQLCall> {
  const started = Date.now()
  const signal = AbortSignal.timeout(timeoutMs)
  try {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
      signal,
    })
    const text = await response.text()
    assertNoSecret(text, 'a GraphQL answer')
    let body: { data?: JsonAnswer | null; errors?: GraphQLFormattedError[] } = {}
    try {
      body = JSON.parse(text) as typeof body
    } catch {
      // Reported through `text`; the caller's assertions see neither data nor errors.
    }
    return {
      status: response.status,
      data: body.data,
      errors: body.errors,
      text,
      ms: Date.now() - started,
      timedOut: false,
    }
  } catch (error) {
    return {
      status: 0,
      text: '',
      ms: Date.now() - started,
      timedOut: signal.aborted,
      networkError: signal.aborted ? undefined : String((error as Error).cause ?? error),
    }
  }
}
