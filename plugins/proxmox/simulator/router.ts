import type { RouteHandler } from './context.js'
import type { ServedEndpoint } from './served-endpoints.js'

/** A route: one served endpoint and its handler. */
export interface Route {
  endpoint: ServedEndpoint
  handler: RouteHandler
}

interface CompiledRoute extends Route {
  method: string
  segments: string[]
}

/** The outcome of a lookup. */
export type RouteMatch =
  | { found: true; route: Route; pathParams: Record<string, string> }
  | { found: false }

/** Matches `/nodes/pve1/qemu/100/status/current` against path templates such as `/nodes/{node}/qemu/{vmid}/status/current`. */
export class Router {
  private readonly routes: CompiledRoute[] = []

  constructor(routes: Route[]) {
    for (const route of routes) {
      const [method = '', template = ''] = route.endpoint.split(' ')
      this.routes.push({ ...route, method, segments: template.split('/').filter(Boolean) })
    }
  }

  /** Finds the route for a method and an api2-relative path (segments still URL-encoded). */
  match(method: string, path: string): RouteMatch {
    const parts = path.split('/').filter(Boolean)
    for (const route of this.routes) {
      if (route.method !== method || route.segments.length !== parts.length) continue
      const pathParams: Record<string, string> = {}
      const ok = route.segments.every((seg, i) => {
        const part = parts[i] ?? ''
        if (seg.startsWith('{')) {
          pathParams[seg.slice(1, -1)] = safeDecode(part)
          return true
        }
        return seg === part
      })
      if (ok) return { found: true, route, pathParams }
    }
    return { found: false }
  }

  /** The endpoints served, for checks and docs. */
  endpoints(): ServedEndpoint[] {
    return this.routes.map((r) => r.endpoint)
  }
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part)
  } catch {
    return part
  }
}
