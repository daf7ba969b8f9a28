import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import { ApiError } from './api-error.js'

/** Credentials the simulator accepts. */
export interface AuthOptions {
  /** `user@realm!tokenid` of the one API token. */
  tokenId: string
  tokenSecret: string
  /** `user@realm` allowed to log in with a password. */
  username: string
  password: string
  /** How long a ticket stays valid, in ms. */
  ticketLifetimeMs: number
}

/** Who a request runs as. */
export interface AuthIdentity {
  /** The user as it appears in UPIDs: `root@pam` or `hangar@pve!gateway`. */
  user: string
  /** True for API tokens (no CSRF check). */
  token: boolean
}

/** A freshly issued ticket (the `data` of `POST /access/ticket`). */
export interface TicketGrant {
  username: string
  ticket: string
  CSRFPreventionToken: string
}

/**
 * PVE's two auth schemes: stateless API tokens (`Authorization: PVEAPIToken=...`), and
 * tickets from `POST /access/ticket` sent as cookie `PVEAuthCookie` (or `Authorization:
 * PVEAuthCookie=...`), with a `CSRFPreventionToken` header on every non-GET.
 */
export class Authenticator {
  private readonly key = randomBytes(32)
  private readonly issued = new Map<string, number>()

  constructor(private readonly options: AuthOptions) {}

  /** Authenticates a request, or throws the 401 PVE answers with. */
  authenticate(method: string, headers: IncomingHttpHeaders): AuthIdentity {
    const authorization = headers.authorization ?? ''
    const token = /^PVEAPIToken[= ]([^=\s]+)[=:](\S+)$/.exec(authorization)
    if (token) {
      if (token[1] === this.options.tokenId && safeEqual(token[2] ?? '', this.options.tokenSecret)) {
        return { user: this.options.tokenId, token: true }
      }
      throw new ApiError(401, 'Authentication failed!')
    }
    const ticket = cookieTicket(headers.cookie) ?? /^PVEAuthCookie=(\S+)$/.exec(authorization)?.[1]
    if (!ticket) throw new ApiError(401, 'No ticket')
    const user = this.verifyTicket(decodeURIComponent(ticket))
    if (!user) throw new ApiError(401, 'Authentication failed!')
    if (method !== 'GET') {
      const csrf = headers.csrfpreventiontoken
      if (typeof csrf !== 'string' || !this.verifyCsrf(user, csrf)) {
        throw new ApiError(401, 'Permission denied - invalid csrf token')
      }
    }
    return { user, token: false }
  }

  /**
   * `POST /access/ticket`: a password login, or a renewal when `password` is a valid ticket
   * of the same user. Bad credentials give 401 `authentication failure`.
   */
  login(username: string, password: string, realm?: string): TicketGrant {
    const user = realm && !username.includes('@') ? `${username}@${realm}` : username
    const renewedBy = this.verifyTicket(password)
    const ok = renewedBy
      ? renewedBy === user
      : user === this.options.username && safeEqual(password, this.options.password)
    if (!ok) throw new ApiError(401, 'authentication failure')
    return this.issue(user)
  }

  private issue(user: string): TicketGrant {
    const stamp = Math.floor(Date.now() / 1000)
      .toString(16)
      .toUpperCase()
      .padStart(8, '0')
    const plain = `PVE:${user}:${stamp}`
    // A per-ticket nonce keeps two tickets issued in the same second apart.
    const nonce = randomBytes(6).toString('hex')
    const ticket = `${plain}:${nonce}::${this.sign(`${plain}:${nonce}`)}`
    this.issued.set(ticket, Date.now())
    return { username: user, ticket, CSRFPreventionToken: `${stamp}:${this.sign(`csrf:${user}:${stamp}`)}` }
  }

  private verifyTicket(ticket: string): string | undefined {
    const m = /^(PVE:([^:]+):([0-9A-F]{8}):([0-9a-f]+))::(.+)$/.exec(ticket)
    if (!m || !safeEqual(m[5] ?? '', this.sign(m[1] ?? ''))) return undefined
    const issuedAt = this.issued.get(ticket)
    if (issuedAt === undefined || Date.now() - issuedAt > this.options.ticketLifetimeMs) return undefined
    return m[2]
  }

  private verifyCsrf(user: string, token: string): boolean {
    const m = /^([0-9A-F]{8}):(.+)$/.exec(token)
    return !!m && safeEqual(m[2] ?? '', this.sign(`csrf:${user}:${m[1]}`))
  }

  private sign(text: string): string {
    return createHmac('sha256', this.key).update(text).digest('base64')
  }
}

function cookieTicket(cookie: string | undefined): string | undefined {
  if (!cookie) return undefined
  for (const part of cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=')
    if (name === 'PVEAuthCookie') return rest.join('=')
  }
  return undefined
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}
