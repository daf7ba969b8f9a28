import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Hangar } from '../hangar.js'

/**
 * `GET /health`: the process is up and serving. It reads no upstream, so a slow or unreachable
 * provider never makes a load balancer think the gateway itself is down; the providers' own
 * state is in the `providers` query and `GET /api/status`.
 */
export function handleHealth(request: IncomingMessage, response: ServerResponse, hangar: Hangar): boolean {
  const path = (request.url ?? '').split('?')[0]
  if (path !== '/health') return false
  const body = JSON.stringify({
    status: 'success',
    message: 'Hangar is running',
    data: { providers: hangar.providers.map((provider) => provider.name) },
  })
  response.writeHead(request.method === 'GET' || request.method === 'HEAD' ? 200 : 405, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  })
  response.end(request.method === 'HEAD' ? undefined : body)
  return true
}
