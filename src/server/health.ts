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
  const read = request.method === 'GET' || request.method === 'HEAD'
  // Another method is refused in the same envelope as every refusal, not with a "success" body.
  const body = JSON.stringify(
    read
      ? {
          status: 'success',
          message: 'Hangar is running',
          data: { providers: hangar.providers.map((provider) => provider.name) },
        }
      : { message: `${request.method} /health: use GET or HEAD`, status: 'error', data: null },
  )
  response.writeHead(read ? 200 : 405, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    ...(read ? {} : { allow: 'GET, HEAD' }),
  })
  response.end(request.method === 'HEAD' ? undefined : body)
  return true
}
