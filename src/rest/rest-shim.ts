import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Logger } from '../logger.js'
import { createCrossSitePolicy } from './cross-site-policy.js'
import { handleDeployRoute } from './deploy-routes.js'
import { errorEnvelope, readJsonBody, RestError, sendJson } from './http-io.js'
import { openApiDocument } from './openapi.js'
import type { GatewayYoga } from './run-graphql.js'
import { handleServersRoute } from './servers-routes.js'

/** Options of {@link createRestShim}. */
export interface RestShimOptions {
  yoga: GatewayYoga
  logger: Logger
  maxBodyBytes: number
  /** `HANGAR_CORS_ORIGINS`: origins a browser may call `/api` from (see `cross-site-policy.ts`). */
  corsOrigins?: string[]
}

/**
 * Whether a path is the shim's: `/api` and below, in any letter case or percent-encoding, so that
 * `/API/servers` gets the envelope (a 404) rather than falling through to GraphQL's handler.
 */
export function isApiPath(pathname: string): boolean {
  const first = pathname.split('/')[1] ?? ''
  let decoded = first
  try {
    decoded = decodeURIComponent(first)
  } catch {
    // Malformed escapes are simply not "api".
  }
  return decoded.toLowerCase() === 'api'
}

/**
 * A path `new URL` would leave as it is: no escapes, dots, backslashes, doubled slashes, white
 * space or control characters (which it removes).
 */
const PLAIN_PATH = /^\/(?!\/)[^%.\\\s\x00-\x1f\x7f]*$/
/** A path whose first segment is `api`, in any case. */
const API_PREFIX = /^\/api(?:[/?#]|$)/i

/**
 * `/api`: the two seed tools' documented endpoints, as thin translations to GraphQL operations on
 * the one schema (so access control, limits and the audit log apply as they do there). Every
 * error is JSON, `{"message", "status": "error", "data": null}`, with a message naming the field.
 */
export function createRestShim({ yoga, logger, maxBodyBytes, corsOrigins = [] }: RestShimOptions) {
  const policy = createCrossSitePolicy({ corsOrigins })
  return (request: IncomingMessage, response: ServerResponse): boolean => {
    const target = request.url ?? '/'
    // Most requests (every GraphQL one) are told apart without building a URL: a plain path whose
    // first segment is not `api`. Anything with escapes, dots or doubled slashes is read in full.
    if (PLAIN_PATH.test(target) && !API_PREFIX.test(target)) return false
    const url = new URL(target, 'http://hangar.internal')
    if (!isApiPath(url.pathname)) return false
    const method = request.method ?? 'GET'
    const authorization = request.headers.authorization
    const path = url.pathname.replace(/\/+$/, '')
    const body = () => readJsonBody(request, maxBodyBytes)
    const cors = policy.corsHeaders(request.headers)
    void (async () => {
      try {
        if (method === 'OPTIONS') {
          const preflight = policy.preflight(request.headers)
          if (preflight instanceof RestError) throw preflight
          response.writeHead(preflight.status, { ...preflight.headers, 'content-length': '0' })
          return void response.end()
        }
        // Before anything reads the request, so a refused one changes nothing.
        const refused = policy.refusalOf(method, request.headers)
        if (refused) throw refused
        // The description is public, like the seeds' own documentation.
        if (method === 'GET' && path === '/api/openapi.json')
          return sendJson(response, 200, openApiDocument(`http://${request.headers.host ?? 'localhost'}`), cors)
        const answer =
          (await handleServersRoute(yoga, authorization, method, path, url.searchParams, body)) ??
          (await handleDeployRoute(yoga, authorization, method, path, body))
        if (!answer) {
          const lower = path.toLowerCase()
          // Like the seeds (FastAPI, Flask), paths are case-sensitive; say which one was meant.
          throw new RestError(
            404,
            `${method} ${url.pathname}: no such ` +
              `endpoint${lower !== path && lower.startsWith('/api') ? ` (paths are lower case: ${lower})` : ''}`,
          )
        }
        sendJson(response, answer.status, answer.body, cors)
      } catch (error) {
        if (error instanceof RestError)
          return sendJson(response, error.status, errorEnvelope(error.message), { ...cors, ...error.headers })
        logger.error({ err: error, path }, 'REST shim failed')
        sendJson(response, 500, errorEnvelope('internal error'), cors)
      }
    })()
    return true
  }
}
