import { z } from 'zod'
import type { ProxmoxOptions } from './options.js'
import type { HttpMethod, ParamValue } from './proxmox-client.js'

/** Headers that authenticate one request, by token or by ticket. */
export interface ProxmoxAuth {
  headers(method: HttpMethod): Promise<Record<string, string>>
  /** True for ticket auth, where a 401 is worth one fresh login. */
  readonly canRenew: boolean
  reset(): Promise<void>
}

const ticketSchema = z.object({
  ticket: z.string(),
  CSRFPreventionToken: z.string(),
  username: z.string(),
})

interface Session {
  ticket: string
  csrf: string
  obtainedAt: number
}

/**
 * API tokens are stateless and need no CSRF token. Tickets last two hours: they are renewed
 * (by posting the current ticket as the password) once `ticketRenewAfterMs` old, and every
 * non-GET request made with one carries the CSRF token.
 */
export function createProxmoxAuth(
  options: ProxmoxOptions,
  post: (path: string, params: Record<string, ParamValue>) => Promise<unknown>,
): ProxmoxAuth {
  if (options.tokenId && options.tokenSecret) {
    const header = `PVEAPIToken=${options.tokenId}=${options.tokenSecret}`
    return { canRenew: false, headers: async () => ({ authorization: header }), reset: async () => {} }
  }

  let session: Session | undefined
  let pending: Promise<Session> | undefined

  async function login(password: string): Promise<Session> {
    const data = ticketSchema.parse(await post('/access/ticket', { username: options.username, password }))
    return { ticket: data.ticket, csrf: data.CSRFPreventionToken, obtainedAt: Date.now() }
  }

  async function current(): Promise<Session> {
    const age = session ? Date.now() - session.obtainedAt : Infinity
    if (session && age < options.ticketRenewAfterMs) return session
    // One login at a time, shared by every request that needs it.
    pending ??= (async () => {
      try {
        if (session) {
          try {
            return await login(session.ticket)
          } catch {
            // A ticket that can no longer be renewed: fall back to the password.
          }
        }
        return await login(options.password ?? '')
      } finally {
        pending = undefined
      }
    })()
    session = await pending
    return session
  }

  return {
    canRenew: true,
    async headers(method) {
      const { ticket, csrf } = await current()
      const headers: Record<string, string> = { cookie: `PVEAuthCookie=${encodeURIComponent(ticket)}` }
      if (method !== 'GET') headers.csrfpreventiontoken = csrf
      return headers
    },
    async reset() {
      session = undefined
    },
  }
}
