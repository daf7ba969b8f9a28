import type { TypedDocumentString } from './gql/graphql.js'

/** Where the session's API token is kept (the browser session only, never localStorage). */
const TOKEN_KEY = 'hangar.token'

/** The API token of this browser session, when one was given. */
export function sessionToken(): string | undefined {
  return sessionStorage.getItem(TOKEN_KEY) ?? undefined
}

/** Keeps `token` for this browser session (sessionStorage only), or forgets it when undefined. */
export function storeSessionToken(token: string | undefined): void {
  if (token === undefined) sessionStorage.removeItem(TOKEN_KEY)
  else sessionStorage.setItem(TOKEN_KEY, token)
}

/** A GraphQL error as the gateway answered it: its message and its `extensions.code`. */
export class GraphQLRequestError extends Error {
  constructor(
    message: string,
    /** `UNAUTHENTICATED`, `FORBIDDEN`, `NOT_FOUND`, `BAD_USER_INPUT`, ...; `NETWORK` when no answer came. */
    readonly code: string,
    /** The input field a `BAD_USER_INPUT` names (`input.name`, `input.options.bridge`), when it names one. */
    readonly field?: string,
  ) {
    super(message)
    this.name = 'GraphQLRequestError'
  }
}

interface GraphQLAnswer<Result> {
  data?: Result | null
  errors?: { message: string; extensions?: { code?: string; field?: string } }[]
}

/**
 * Runs one typed operation against the gateway's `/graphql` (same origin, POST). The CSRF header
 * Yoga asks of requests a page could send without a preflight goes along always, and the session's
 * token when there is one. Throws {@link GraphQLRequestError} with the first error's code.
 */
export async function request<Result, Variables>(
  document: TypedDocumentString<Result, Variables>,
  variables: Variables,
): Promise<Result> {
  const { data, errors, status } = await answerOf(document, variables)
  const first = errors[0]
  if (first) throw first
  if (!data) throw new GraphQLRequestError(`The gateway answered ${status} with no data`, 'INTERNAL_SERVER_ERROR')
  return data
}

/**
 * Runs one typed operation as {@link request} does, and gives its data beside its errors, for a
 * query whose nullable fields may fail apart (`providers { resources }`). Throws only when no
 * GraphQL answer came.
 */
export async function answerOf<Result, Variables>(
  document: TypedDocumentString<Result, Variables>,
  variables: Variables,
): Promise<{ data: Result | null; errors: GraphQLRequestError[]; status: number }> {
  const token = sessionToken()
  let response: Response
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        'x-graphql-yoga-csrf': '1',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query: document.toString(), variables }),
    })
  } catch {
    throw new GraphQLRequestError('The gateway does not answer; is Hangar still running?', 'NETWORK')
  }
  let answer: GraphQLAnswer<Result>
  try {
    answer = (await response.json()) as GraphQLAnswer<Result>
  } catch {
    throw new GraphQLRequestError(`The gateway answered ${response.status} without a GraphQL body`, 'NETWORK')
  }
  return { data: answer.data ?? null, errors: (answer.errors ?? []).map(errorOf), status: response.status }
}

/** A GraphQL error of an answer as a {@link GraphQLRequestError}. */
const errorOf = (error: NonNullable<GraphQLAnswer<unknown>['errors']>[number]) =>
  new GraphQLRequestError(
    error.message,
    error.extensions?.code ?? 'INTERNAL_SERVER_ERROR',
    typeof error.extensions?.field === 'string' ? error.extensions.field : undefined,
  )

/** Why something could not be read: the message, and the gateway's code when it answered one. */
export interface LoadFailure {
  message: string
  code?: string
}

/** A caught error as a {@link LoadFailure}. */
export const failureOf = (error: unknown): LoadFailure => ({
  message: (error as Error).message,
  code: error instanceof GraphQLRequestError ? error.code : undefined,
})
