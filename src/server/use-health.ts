import type { Plugin } from 'graphql-yoga'
import type { Hangar } from '../hangar.js'

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }

/**
 * `GET /health`: the process is up and serving. It reads no upstream, so a slow or unreachable
 * provider never makes a load balancer think the gateway itself is down; the providers' own
 * state is in the `providers` query and `GET /api/status`, and whether the gateway can serve
 * (its database answers) in `GET /ready` ({@link useReadiness}).
 */
export function useHealth(hangar: Hangar): Plugin {
  return {
    onRequest({ url, request, endResponse, fetchAPI }) {
      if (url.pathname !== '/health') return
      const read = request.method === 'GET' || request.method === 'HEAD'
      // Another method is refused in the same envelope as every refusal, not with a "success" body.
      const body = read
        ? { status: 'success', message: 'Hangar is running', data: { providers: hangar.providers.map((p) => p.name) } }
        : { message: `${request.method} /health: use GET or HEAD`, status: 'error', data: null }
      endResponse(
        new fetchAPI.Response(request.method === 'HEAD' ? null : JSON.stringify(body), {
          status: read ? 200 : 405,
          headers: read ? JSON_HEADERS : { ...JSON_HEADERS, allow: 'GET, HEAD' },
        }),
      )
    },
  }
}
