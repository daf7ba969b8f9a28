import type { TypedDocumentNode } from '@graphql-typed-document-node/core'
import { print, type GraphQLFormattedError } from 'graphql'
import type { FetchAPI } from 'graphql-yoga'

/**
 * What the shim needs of the gateway: Yoga's request handler, which parses, validates and
 * executes a GraphQL request through every GraphQL plugin, in the shim's server context.
 */
export interface GatewayYoga {
  fetchAPI: FetchAPI
  handle(request: Request): Promise<Response> | Response
}

/** A GraphQL answer, with the HTTP status the shim should answer with. */
export interface ShimAnswer<T> {
  data: T | null
  error: { message: string; code: string } | null
  status: number
}

/** The HTTP status of each contract code, for REST callers. */
const STATUS: Record<string, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  // A provider that cannot do what was asked: the caller's choice to change, never a server fault.
  UNSUPPORTED: 400,
  PROVIDER_ERROR: 502,
  PROVIDER_UNAVAILABLE: 503,
}

/**
 * Runs one typed operation against the one schema, as the caller (their Authorization header),
 * so access control, limits and the audit log (source "rest") apply exactly as for GraphQL.
 */
export async function runGraphql<T, V>(
  yoga: GatewayYoga,
  authorization: string | undefined,
  document: TypedDocumentNode<T, V>,
  variables: V,
): Promise<ShimAnswer<T>> {
  const request = new yoga.fetchAPI.Request('http://hangar.internal/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      ...(authorization ? { authorization } : {}),
    },
    body: JSON.stringify({ query: print(document), variables }),
  })
  const response = await yoga.handle(request)
  const answer = (await response.json()) as { data?: T | null; errors?: GraphQLFormattedError[] }
  const first = answer.errors?.[0]
  if (!first) return { data: answer.data ?? null, error: null, status: 200 }
  const code = String(first.extensions?.code ?? 'INTERNAL_SERVER_ERROR')
  return { data: answer.data ?? null, error: { message: first.message, code }, status: STATUS[code] ?? 500 }
}
