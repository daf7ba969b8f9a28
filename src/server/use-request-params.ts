import { GraphQLError } from 'graphql'
import type { Plugin } from 'graphql-yoga'

/** The GraphQL-over-HTTP parameters of one request, before they are checked. */
type RawParams = Record<string, unknown>

/** A mistake in the request itself: 400, BAD_USER_INPUT, naming the parameter. */
function requestError(field: string, message: string): GraphQLError {
  return new GraphQLError(`${field}: ${message}`, {
    extensions: { code: 'BAD_USER_INPUT', field, http: { status: 400 } },
  })
}

const kindOf = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`

/**
 * Where JSON.parse stopped, without the text itself: V8 quotes the input in some messages, and
 * a request may hold a password.
 */
function whereJsonFails(error: unknown): string {
  const message = (error as Error).message ?? ''
  const position = / at position (\d+)/.exec(message)?.[1]
  if (position) return `at character ${Number(position) + 1}`
  if (/end of JSON input/.test(message)) return 'it ends too early'
  const token = /^Unexpected token '(.)'/u.exec(message)?.[1]
  return token ? `unexpected ${JSON.stringify(token)}` : 'malformed'
}

/** A JSON text that must hold an object (or nothing), named `field` in the refusal. */
function jsonObject(field: string, text: string | null): unknown {
  if (!text) return undefined
  try {
    return JSON.parse(text)
  } catch (error) {
    throw requestError(
      field,
      `not valid JSON (${whereJsonFails(error)}); send a JSON object, ` +
        `e.g. ${field === 'variables' ? '{"id": "1"}' : '{}'}`,
    )
  }
}

/** `query`, `operationName`, `variables` and `extensions` from a URL's query string or a form body. */
function fromSearchParams(search: URLSearchParams): RawParams {
  return {
    query: search.get('query') || undefined,
    operationName: search.get('operationName') || undefined,
    variables: jsonObject('variables', search.get('variables')),
    extensions: jsonObject('extensions', search.get('extensions')),
  }
}

/** Reads the body, passing on the body-size limit's own 413. */
async function bodyText(request: Request): Promise<string> {
  try {
    return await request.text()
  } catch (error) {
    if (error instanceof GraphQLError) throw error
    throw requestError('body', 'could not be read')
  }
}

function contentTypeIs(request: Request, ...types: string[]): boolean {
  const type = (request.headers.get('content-type') ?? '').split(',')[0]!.split(';')[0]!.trim().toLowerCase()
  return types.includes(type)
}

async function fromJsonBody(request: Request): Promise<RawParams> {
  const text = await bodyText(request)
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch (error) {
    throw requestError('body', `not valid JSON (${whereJsonFails(error)}); send {"query": "...", "variables": {...}}`)
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw requestError(
      'body',
      `must be a JSON object {"query": "...", "variables": {...}}, not ` +
        `${kindOf(body)}${Array.isArray(body) ? ' (batches are not supported)' : ''}`,
    )
  }
  return body as RawParams
}

/** Checks what every request must hold, whichever way it came. */
function checkParams(params: RawParams): void {
  if (params.query === undefined || params.query === null || params.query === '')
    throw requestError('query', 'required: the GraphQL document to run, as a string')
  if (typeof params.query !== 'string') throw requestError('query', `must be a string, not ${kindOf(params.query)}`)
  if (params.operationName !== undefined && params.operationName !== null && typeof params.operationName !== 'string') {
    throw requestError('operationName', `must be a string, not ${kindOf(params.operationName)}`)
  }
  for (const field of ['variables', 'extensions'] as const) {
    const value = params[field]
    if (value !== undefined && value !== null && (typeof value !== 'object' || Array.isArray(value))) {
      throw requestError(
        field,
        `must be a JSON object, not ${kindOf(value)}${field === 'variables' ? ', e.g. {"id": "1"}' : ''}`,
      )
    }
  }
}

/**
 * Reads GraphQL-over-HTTP requests (a GET's query string, a JSON or form body) so that a client's
 * mistake in them (malformed JSON in `variables` or `extensions`, a body that is not an object, no
 * `query`) is a 400 BAD_USER_INPUT naming the parameter, not a parser's exception that the error
 * masker would have to treat as a crash. Replaces Yoga's own parsers for these content types.
 */
export function useRequestParams(): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser }) {
      if (request.method === 'GET') {
        setRequestParser((get) => fromSearchParams(new URL(get.url, 'http://localhost').searchParams))
      } else if (request.method === 'POST' && contentTypeIs(request, 'application/json', 'application/graphql+json')) {
        setRequestParser(fromJsonBody)
      } else if (request.method === 'POST' && contentTypeIs(request, 'application/x-www-form-urlencoded')) {
        setRequestParser(async (post) => fromSearchParams(new URLSearchParams(await bodyText(post))))
      } else if (request.method === 'POST' && !requestParser) {
        // No parser takes this media type: Yoga would answer an empty 415; say what to send instead.
        const given = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().slice(0, 100)
        setRequestParser(() => {
          throw new GraphQLError(
            `content-type: ${JSON.stringify(given)} is not a GraphQL request; send application/json`,
            {
              extensions: { code: 'BAD_USER_INPUT', field: 'content-type', http: { status: 415 } },
            },
          )
        })
      }
    },
    onParams({ params }) {
      checkParams(params as RawParams)
    },
  }
}
