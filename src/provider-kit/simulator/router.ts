/** One route of a simulated API: a method, a path template such as `/servers/{id}/power`, and what it carries. */
export interface RouteSpec {
  method: string
  /** Literal segments and `{name}` parameters, e.g. `/nodes/{node}/qemu/{vmid}`. */
  path: string
}

/**
 * The outcome of a lookup: a route with its decoded path parameters, a known path with another method (405), or
 * nothing (404).
 */
export type RouteMatch<R extends RouteSpec> =
  | { kind: 'found'; route: R; params: Record<string, string> }
  | { kind: 'method'; allowed: string[] }
  | { kind: 'none' }

function decodeSegment(part: string): string {
  try {
    return decodeURIComponent(part)
  } catch {
    return part
  }
}

/**
 * Matches request paths against the path templates of a simulated API, the way its real server
 * routes: a literal segment before a parameter, HEAD answered by a GET route, 405 with the allowed
 * methods for a known path. Empty segments are ignored (`/servers/` is `/servers`, as Laravel and
 * pve-http-server route). Path parameters are URL-decoded.
 */
export class SimulatorRouter<R extends RouteSpec> {
  private readonly compiled: { route: R; segments: string[] }[]

  constructor(routes: readonly R[]) {
    this.compiled = routes.map((route) => ({ route, segments: route.path.split('/').filter(Boolean) }))
  }

  /** Finds the route for a method and a path (segments still URL-encoded). */
  match(method: string, path: string): RouteMatch<R> {
    const parts = path.split('/').filter(Boolean)
    const allowed: string[] = []
    for (const { route, segments } of this.compiled) {
      const params = matchSegments(segments, parts)
      if (!params) continue
      if (route.method === method || (method === 'HEAD' && route.method === 'GET'))
        return { kind: 'found', route, params }
      allowed.push(route.method)
    }
    return allowed.length > 0 ? { kind: 'method', allowed } : { kind: 'none' }
  }

  /** The routes served, in order (for checks and docs). */
  routes(): R[] {
    return this.compiled.map(({ route }) => route)
  }
}

function matchSegments(segments: string[], parts: string[]): Record<string, string> | undefined {
  if (segments.length !== parts.length) return undefined
  const params: Record<string, string> = {}
  for (let index = 0; index < segments.length; index += 1) {
    const segment = segments[index]!
    const part = parts[index]!
    if (segment.startsWith('{') && segment.endsWith('}')) params[segment.slice(1, -1)] = decodeSegment(part)
    else if (segment !== part) return undefined
  }
  return params
}
