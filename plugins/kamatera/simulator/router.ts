import type { Route } from './context.js'

/** The outcome of a lookup: a route, a known path with another method (405), or nothing (404). */
export type RouteMatch = { kind: 'found'; route: Route } | { kind: 'method'; allowed: string[] } | { kind: 'none' }

/** Exact-path routing, like the Laravel routes cloudcli-server registers from its schema. */
export class Router {
  private readonly byPath = new Map<string, Route[]>()

  constructor(routes: Route[]) {
    for (const route of routes) this.byPath.set(route.path, [...(this.byPath.get(route.path) ?? []), route])
  }

  /** Finds the route for a method and path (a trailing slash is ignored, as Laravel does). */
  match(method: string, path: string): RouteMatch {
    const routes = this.byPath.get(path.length > 1 ? path.replace(/\/+$/, '') : path)
    if (!routes) return { kind: 'none' }
    const route = routes.find((r) => r.method === method || (method === 'HEAD' && r.method === 'GET'))
    return route ? { kind: 'found', route } : { kind: 'method', allowed: routes.map((r) => r.method) }
  }
}
