import type { Plugin, YogaServer } from 'graphql-yoga'
import type { Logger } from '../logger.js'
import { createCrossSitePolicy } from './cross-site-policy.js'
import { handleDeployRoute } from './deploy-routes.js'
import { errorEnvelope, jsonResponse, readJsonBody, RestError } from './http-io.js'
import { openApiDocument } from './openapi.js'
import type { GatewayYoga } from './run-graphql.js'
import { handleServersRoute } from './servers-routes.js'

/** Options of {@link useRestShim}. */
export interface RestShimOptions {
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
 * `/api`: the two seed tools' documented endpoints, as thin translations to GraphQL operations on
 * the one schema, run through the Yoga server's request handler (so access control, limits, the
 * audit log and the GraphQL metrics, `graphql_envelop_*` by operation name, apply as they do
 * there). The HTTP metric `graphql_yoga_http_duration` counts neither the `/api` request (ended
 * here, in `onRequest`, before any GraphQL is parsed for it) nor the inner GraphQL requests (the
 * Yoga server's handler runs no `onRequest`/`onResponse` hooks). Every error is JSON,
 * `{"message", "status": "error", "data": null}`, with a message naming the field.
 *
 * It must come before any plugin that answers `OPTIONS` (CORS): the shim's cross-site policy
 * decides its own preflights.
 */
export function useRestShim({ logger, maxBodyBytes, corsOrigins = [] }: RestShimOptions): Plugin {
  const policy = createCrossSitePolicy({ corsOrigins })
  let server: YogaServer<Record<string, unknown>, Record<string, unknown>> | undefined

  async function answer(request: Request, url: URL, yoga: GatewayYoga): Promise<Response> {
    const { fetchAPI } = yoga
    const method = request.method
    const authorization = request.headers.get('authorization') ?? undefined
    const path = url.pathname.replace(/\/+$/, '')
    const cors = policy.corsHeaders(request.headers)
    try {
      if (method === 'OPTIONS') {
        const preflight = policy.preflight(request.headers)
        if (preflight instanceof RestError) throw preflight
        return new fetchAPI.Response(null, {
          status: preflight.status,
          headers: { ...preflight.headers, 'content-length': '0' },
        })
      }
      // Before anything reads the request, so a refused one changes nothing.
      const refused = policy.refusalOf(method, request.headers)
      if (refused) throw refused
      // The description is public, like the seeds' own documentation.
      if (method === 'GET' && path === '/api/openapi.json') {
        const host = request.headers.get('host') ?? 'localhost'
        return jsonResponse(fetchAPI, 200, openApiDocument(`http://${host}`), cors)
      }
      const body = () => readJsonBody(request, maxBodyBytes)
      const routed =
        (await handleServersRoute(yoga, authorization, method, path, url.searchParams, body)) ??
        (await handleDeployRoute(yoga, authorization, method, path, body))
      if (!routed) {
        const lower = path.toLowerCase()
        // Like the seeds (FastAPI, Flask), paths are case-sensitive; say which one was meant.
        throw new RestError(
          404,
          `${method} ${url.pathname}: no such ` +
            `endpoint${lower !== path && lower.startsWith('/api') ? ` (paths are lower case: ${lower})` : ''}`,
        )
      }
      return jsonResponse(fetchAPI, routed.status, routed.body, cors)
    } catch (error) {
      if (error instanceof RestError)
        return jsonResponse(fetchAPI, error.status, errorEnvelope(error.message), { ...cors, ...error.headers })
      logger.error({ err: error, path }, 'REST shim failed')
      return jsonResponse(fetchAPI, 500, errorEnvelope('internal error'), cors)
    }
  }

  return {
    onYogaInit({ yoga }) {
      server = yoga
    },
    async onRequest({ request, url, fetchAPI, serverContext, endResponse }) {
      if (!isApiPath(url.pathname)) return
      // The audit log records the shim's calls with source "rest".
      const context = { waitUntil: serverContext.waitUntil, source: 'rest' }
      const yoga = { fetchAPI, handle: (graphql: Request) => server!.handle(graphql, context) }
      endResponse(await answer(request, url, yoga))
    },
  }
}
