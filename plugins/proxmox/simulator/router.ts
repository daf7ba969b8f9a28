import { SimulatorRouter } from 'hangar/provider-kit/testing'
import type { RouteHandler } from './context.js'
import type { ServedEndpoint } from './served-endpoints.js'

/** A route: one served endpoint (`GET /nodes/{node}/qemu`) and its handler. */
export interface Route {
  endpoint: ServedEndpoint
  handler: RouteHandler
}

/** The kit's router over api2-relative paths, keyed by the endpoints of the PVE API schema. */
export function createRouter(routes: Route[]): SimulatorRouter<Route & { method: string; path: string }> {
  return new SimulatorRouter(
    routes.map((route) => {
      const [method = '', path = ''] = route.endpoint.split(' ')
      return { ...route, method, path }
    }),
  )
}

export type Router = ReturnType<typeof createRouter>
