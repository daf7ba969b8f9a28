import type { Plugin } from 'graphql-yoga'
import type { Hangar } from '../hangar.js'

/**
 * `GET /ready`: 200 when the gateway can serve (its database answers), 503 with what failed
 * otherwise, for a load balancer or an orchestrator to stop sending requests. `GET /health` says
 * only that the process is up.
 */
export function useReadiness(hangar: Hangar): Plugin {
  return {
    async onRequest({ url, request, endResponse, fetchAPI }) {
      if (url.pathname !== '/ready') return
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        endResponse(
          new fetchAPI.Response(
            JSON.stringify({ message: `${request.method} /ready: use GET or HEAD`, status: 'error', data: null }),
            { status: 405, headers: { allow: 'GET, HEAD', 'content-type': 'application/json; charset=utf-8' } },
          ),
        )
        return
      }
      const readiness = await hangar.ready()
      const body = readiness.ready
        ? { status: 'success', message: 'Hangar is ready', data: readiness.checks }
        : {
            status: 'error',
            message: `not ready: ${Object.entries(readiness.checks)
              .filter(([, check]) => !check.ok)
              .map(([name, check]) => `${name}: ${check.error}`)
              .join('; ')}`,
            data: readiness.checks,
          }
      endResponse(
        new fetchAPI.Response(request.method === 'HEAD' ? null : JSON.stringify(body), {
          status: readiness.ready ? 200 : 503,
          headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
        }),
      )
    },
  }
}
