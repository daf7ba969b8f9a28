import { contentTypeOf, parseFormEncoded, readRequestBody } from 'hangar/provider-kit/testing'
import type { IncomingMessage } from 'node:http'
import { ApiError } from './api-error.js'

/** Largest request body pveproxy accepts (64 KiB of parameters; bigger gives 501). */
const MAX_BODY_BYTES = 64 * 1024

/** Decoded request parameters and where they came from. */
export interface ParsedParams {
  /** Parameter values: strings, arrays of strings (repeated keys) or any JSON value. */
  values: Record<string, unknown>
  /** True when the body was JSON, so real booleans are allowed. */
  json: boolean
}

/**
 * Collects the parameters of a request: the query string for every method, plus the body
 * for POST/PUT, where query values win on a clash. A body on GET/DELETE is refused with 501.
 */
export async function parseRequestParams(req: IncomingMessage, query: string): Promise<ParsedParams> {
  const method = req.method ?? 'GET'
  const queryValues = parseFormEncoded(query)
  const body = await readRequestBody(req, MAX_BODY_BYTES, () => new ApiError(501, 'Request too large'))
  if (method === 'GET' || method === 'DELETE') {
    if (body.length > 0) throw new ApiError(501, `Unexpected content for method '${method}'`)
    return { values: queryValues, json: false }
  }
  const contentType = contentTypeOf(req)
  let bodyValues: Record<string, unknown> = {}
  let json = false
  if (body.length > 0) {
    if (contentType === 'application/json') {
      let parsed: unknown
      try {
        parsed = JSON.parse(body.toString('utf8'))
      } catch {
        throw new ApiError(400, 'malformed JSON string')
      }
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
        throw new ApiError(400, 'JSON body is not an object')
      }
      bodyValues = parsed as Record<string, unknown>
      json = true
    } else if (contentType === '' || contentType === 'application/x-www-form-urlencoded') {
      bodyValues = parseFormEncoded(body.toString('utf8'))
    } else {
      throw new ApiError(501, `Unsupported content type '${contentType}'`)
    }
  }
  return { values: { ...bodyValues, ...queryValues }, json }
}
