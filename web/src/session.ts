import { resetSocket } from './graphql-socket.js'
import { storeSessionToken } from './graphql-request.js'

/**
 * Puts `token` in this browser session (sessionStorage, never localStorage) or takes it out, and
 * closes the WebSocket so that the next subscription connects with the token as it is now.
 */
export function changeSessionToken(token: string | undefined): void {
  storeSessionToken(token)
  resetSocket()
}

/**
 * Where to go after signing in: the `next` parameter when it is a path of this dashboard (one
 * leading `/`, not `//host` nor `/\host`, same origin once resolved), else `/`.
 */
export function safeNext(next: string | null): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/'
  try {
    const target = new URL(next, location.origin)
    if (target.origin !== location.origin) return '/'
    // Signing in again right after signing in would be a loop.
    if (target.pathname === '/sign-in') return '/'
    return `${target.pathname}${target.search}${target.hash}`
  } catch {
    return '/'
  }
}

/** The sign-in page's address, sending the person back to `path` afterwards. */
export const signInPath = (path: string): string =>
  path === '/' || path === '/sign-in' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(path)}`
