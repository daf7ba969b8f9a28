import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import { isLoopbackHost } from '../auth/authenticate.js'
import type { Hangar } from '../hangar.js'
import { isApiPath } from '../rest/use-rest-shim.js'

/** A Host header that is only a host and a port (`127.0.0.1:4000`, `[::1]:4000`, `hangar.lan`). */
export const PLAIN_HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/

/** `/health`, or a GitHub delivery's path with a plain deployment id: nothing a URL parser rewrites. */
const HOST_FREE_TARGET = /^(?:\/health|\/hooks\/github\/[0-9]{1,15})(?:\?[^#\\]*)?$/

/**
 * Requests the guard lets through whatever their Host names: `/health` holds nothing a rebound
 * page could use, and a GitHub delivery's signature is its credential. Only when the target is
 * already canonical and the Host is a plain host: Yoga routes on the URL it builds from both, so
 * `\`, dot segments or a Host carrying a path could otherwise make an exempted request reach
 * another route.
 */
export function mayIgnoreHost(target: string | undefined, host: string | undefined): boolean {
  return target !== undefined && HOST_FREE_TARGET.test(target) && (host === undefined || PLAIN_HOST.test(host))
}

/** The host name of a `Host` header (`127.0.0.1:4000`, `[::1]:4000`, `localhost`), without its port. */
function hostName(host: string): string {
  const bracketed = /^\[([^\]]*)\]/.exec(host)
  return bracketed ? bracketed[1]! : host.replace(/:\d*$/, '')
}

/**
 * Whether a request may use the open mode (no token exists yet, loopback only). There the port
 * being reachable is the only credential, and a page on another site can reach it through DNS
 * rebinding: its own host name, made to resolve to 127.0.0.1, then counts as same-origin. So in
 * open mode a request must be addressed to a loopback name (`127.0.0.1`, `localhost`, `[::1]`);
 * once tokens exist, a token is needed whatever the Host says.
 */
export async function mayUseOpenMode(headers: IncomingHttpHeaders, hangar: Hangar): Promise<boolean> {
  const host = headers.host
  if (host === undefined || isLoopbackHost(hostName(host))) return true
  return (await hangar.authenticate(undefined)).kind !== 'open'
}

/**
 * The path Yoga routes `request` on: that of the URL it builds from the Host and the target as
 * written (so `\` and dot segments resolved, percent-escapes kept); the target's own path if that
 * URL does not parse.
 */
function routedPath(request: IncomingMessage): string {
  const target = request.url ?? '/'
  try {
    return new URL(`http://${request.headers.host ?? 'localhost'}${target}`).pathname
  } catch {
    return target.split('?')[0]!
  }
}

/**
 * Answers a request refused by {@link mayUseOpenMode}: 403, in the REST envelope on every path the
 * REST shim claims ({@link isApiPath}), else as a GraphQL error.
 */
export function refuseRebinding(request: IncomingMessage, response: ServerResponse): void {
  const message =
    `Host: ${String(request.headers.host).slice(0, 100)} is not a loopback name; with no API token ` +
    `yet, Hangar answers only requests addressed to 127.0.0.1, localhost or [::1]`
  const body = isApiPath(routedPath(request))
    ? { message, status: 'error', data: null }
    : { errors: [{ message, extensions: { code: 'FORBIDDEN' } }] }
  const text = JSON.stringify(body)
  response.writeHead(403, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text),
  })
  response.end(text)
}
