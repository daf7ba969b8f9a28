import type { Role } from './roles.js'
import type { ApiToken, TokenStore } from './token-store.js'

/** Who is asking, as every surface (GraphQL, SSE, WebSocket, REST) sees it. */
export type Auth =
  /** No token exists yet and the gateway listens on loopback only: the local user may do anything. */
  | { kind: 'open' }
  | { kind: 'token'; token: ApiToken }
  /** Not let in; `reason` says why (never echoing what was sent). */
  | { kind: 'refused'; reason: string }

/** The name and role an action is recorded under. */
export function actorOf(auth: Auth): { actor: string; role: Role | null } {
  if (auth.kind === 'open') return { actor: 'local', role: 'admin' }
  if (auth.kind === 'token') return { actor: auth.token.name, role: auth.token.role }
  return { actor: 'anonymous', role: null }
}

/** The role a request acts with; none when refused. */
export function roleOf(auth: Auth): Role | null {
  return auth.kind === 'refused' ? null : actorOf(auth).role
}

/** Options of {@link createAuthenticator}. */
export interface AuthenticatorOptions {
  tokens: TokenStore
  /** True when the gateway listens on loopback only, the one place where "no token yet" is allowed. */
  loopbackOnly: boolean
}

/**
 * How long "does any token exist?" is answered from memory for requests without a token. A token
 * presented is always checked in the database (a revocation takes effect at once); only the first
 * token made by another process (the CLI) may take this long to close the open, loopback-only mode.
 */
const TOKENS_EXIST_TTL_MS = 1_000

/** Reads `Authorization: Bearer <token>` (or the same value from a WebSocket's connection_init). */
export function createAuthenticator({ tokens, loopbackOnly }: AuthenticatorOptions): Authenticate {
  let tokensExist: { at: number; answer: Promise<boolean> } | undefined
  const anyTokens = (): Promise<boolean> => {
    if (!tokensExist || Date.now() - tokensExist.at > TOKENS_EXIST_TTL_MS)
      tokensExist = { at: Date.now(), answer: tokens.hasActiveTokens() }
    return tokensExist.answer
  }
  async function authenticate(authorization: string | null | undefined): Promise<Auth> {
    if (authorization) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization)
      if (!match) return { kind: 'refused', reason: 'the Authorization header must be "Bearer <token>"' }
      const token = await tokens.verify(match[1]!)
      return token ? { kind: 'token', token } : { kind: 'refused', reason: 'the token is unknown, expired or revoked' }
    }
    if (await anyTokens())
      return { kind: 'refused', reason: 'a token is required: send "Authorization: Bearer <token>"' }
    if (loopbackOnly) return { kind: 'open' }
    return {
      kind: 'refused',
      reason: 'no API token exists yet; create one with `hangar token create --role admin --name <you>`',
    }
  }
  /** Forgets the remembered answer, when this process made or revoked a token. */
  authenticate.forget = () => {
    tokensExist = undefined
  }
  return authenticate
}

/**
 * Reads a request's Authorization header: a token's caller, the open mode (no token exists yet,
 * loopback only), or a refusal.
 */
export interface Authenticate {
  (authorization: string | null | undefined): Promise<Auth>
  /** Forgets the remembered answer, when this process made or revoked a token. */
  forget: () => void
}

/** 127.0.0.0/8, ::1 and localhost: addresses nobody else can reach. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase()
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare) || bare === '::ffff:127.0.0.1'
}
