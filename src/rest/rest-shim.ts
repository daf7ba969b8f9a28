import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Logger } from '../logger.js'
import { handleDeployRoute } from './deploy-routes.js'
import { readJsonBody, RestError, sendJson } from './http-io.js'
import { openApiDocument } from './openapi.js'
import type { GatewayYoga } from './run-graphql.js'
import { handleServersRoute } from './servers-routes.js'

/** Options of {@link createRestShim}. */
export interface RestShimOptions {
  yoga: GatewayYoga
  logger: Logger
  maxBodyBytes: number
}

/**
 * `/api`: the two seed tools' documented endpoints, as thin translations to GraphQL operations on
 * the one schema (so access control, limits and the audit log apply as they do there). Every
 * error is JSON, `{"message", "status": "error", "data": null}`, with a message naming the field.
 */
export function createRestShim({ yoga, logger, maxBodyBytes }: RestShimOptions) {
  return (request: IncomingMessage, response: ServerResponse): boolean => {
    const url = new URL(request.url ?? '/', 'http://hangar.internal')
    if (url.pathname !== '/api' && !url.pathname.startsWith('/api/')) return false
    const method = request.method ?? 'GET'
    const authorization = request.headers.authorization
    const path = url.pathname.replace(/\/+$/, '')
    const body = () => readJsonBody(request, maxBodyBytes)
    void (async () => {
      try {
        // The description is public, like the seeds' own documentation.
        if (method === 'GET' && path === '/api/openapi.json') return sendJson(response, 200, openApiDocument(`http://${request.headers.host ?? 'localhost'}`))
        const answer =
          (await handleServersRoute(yoga, authorization, method, path, url.searchParams, body)) ??
          (await handleDeployRoute(yoga, authorization, method, path, body))
        if (!answer) throw new RestError(404, `${method} ${url.pathname}: no such endpoint`)
        sendJson(response, answer.status, answer.body)
      } catch (error) {
        if (error instanceof RestError) return sendJson(response, error.status, { message: error.message, status: 'error', data: null })
        logger.error({ err: error, path }, 'REST shim failed')
        sendJson(response, 500, { message: 'internal error', status: 'error', data: null })
      }
    })()
    return true
  }
}
