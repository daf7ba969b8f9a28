import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import { isLoopbackHost } from '../auth/authenticate.js'
import type { Hangar } from '../hangar.js'

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

/** Answers a request refused by {@link mayUseOpenMode}: 403, in the REST envelope under `/api`. */
export function refuseRebinding(request: IncomingMessage, response: ServerResponse): void {
  const message =
    `Host: ${String(request.headers.host).slice(0, 100)} is not a loopback name; with no API token ` +
    `yet, Hangar answers only requests addressed to 127.0.0.1, localhost or [::1]`
  const path = (request.url ?? '/').split('?')[0]!.toLowerCase()
  const body =
    path === '/api' || path.startsWith('/api/')
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
