import { createHash, randomBytes } from 'node:crypto'
import type { Kysely, Selectable } from 'kysely'
import { dateOrNull } from '../db/nullable-date.js'
import type { ApiTokensTable, HangarTables } from '../db/tables.js'
import { BadInputError, NotFoundError } from '../errors/index.js'
import { isRole, type Role } from './roles.js'

/** A token as listed: everything but the token itself, which is never stored. */
export interface ApiToken {
  id: string
  name: string
  role: Role
  createdAt: Date
  expiresAt: Date | null
  revokedAt: Date | null
  lastUsedAt: Date | null
}

/** What {@link TokenStore.create} returns: the token, to be shown once, and its record. */
export interface CreatedToken {
  token: string
  record: ApiToken
}

/** Options of {@link TokenStore.create}. */
export interface NewToken {
  name: string
  role: Role
  expiresAt?: Date | null
}

/**
 * API tokens: random, shown once, stored only as a SHA-256 hash (they carry 256 bits of
 * randomness, so a slow password hash would add nothing), checked on every request so that a
 * revocation, even from another process such as the CLI, takes effect at once.
 */
export interface TokenStore {
  create(token: NewToken): Promise<CreatedToken>
  list(): Promise<ApiToken[]>
  /** Revokes a token; revoking twice keeps the first time. Throws NotFoundError for an unknown id. */
  revoke(id: string): Promise<ApiToken>
  /** The token's record when it is valid now (known, not revoked, not expired), else undefined. */
  verify(token: string): Promise<ApiToken | undefined>
  /** Whether any token is valid now; with none, the gateway runs open on loopback only. */
  hasActiveTokens(): Promise<boolean>
}

const TOKEN_PREFIX = 'hgr_'
const NAME = /^[A-Za-z0-9][A-Za-z0-9 ._@-]{0,63}$/

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex')

/** How often `last_used_at` is written for one token, so busy tokens do not write on every request. */
const LAST_USED_RESOLUTION_MS = 60_000

function toToken(row: Selectable<ApiTokensTable>): ApiToken {
  return {
    id: row.id,
    name: row.name,
    role: isRole(row.role) ? row.role : 'viewer',
    createdAt: new Date(row.created_at),
    expiresAt: dateOrNull(row.expires_at),
    revokedAt: dateOrNull(row.revoked_at),
    lastUsedAt: dateOrNull(row.last_used_at),
  }
}

/** Options of {@link createTokenStore}. */
export interface TokenStoreOptions {
  /** Told after a token was made or revoked. */
  onChange?: () => void
}

export function createTokenStore(db: Kysely<HangarTables>, { onChange }: TokenStoreOptions = {}): TokenStore {
  const active = (now: string) =>
    db
      .selectFrom('api_tokens')
      .selectAll()
      .where('revoked_at', 'is', null)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))

  return {
    async create({ name, role, expiresAt = null }) {
      if (!NAME.test(name))
        throw new BadInputError('name: 1 to 64 letters, digits, spaces or ._@- characters', { field: 'name' })
      if (!isRole(role)) throw new BadInputError('role: must be viewer, operator or admin', { field: 'role' })
      if (expiresAt && expiresAt.getTime() <= Date.now())
        throw new BadInputError('expires: must be in the future', { field: 'expires' })
      const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`
      const row = await db
        .insertInto('api_tokens')
        .values({
          id: `tok_${randomBytes(6).toString('hex')}`,
          name,
          role,
          token_hash: hashToken(token),
          created_at: new Date().toISOString(),
          expires_at: expiresAt?.toISOString() ?? null,
          revoked_at: null,
          last_used_at: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow()
      onChange?.()
      return { token, record: toToken(row) }
    },

    async list() {
      const rows = await db
        .selectFrom('api_tokens')
        .selectAll()
        .orderBy('created_at', 'asc')
        .orderBy('id', 'asc')
        .execute()
      return rows.map(toToken)
    },

    async revoke(id) {
      const row = await db
        .updateTable('api_tokens')
        .set((eb) => ({ revoked_at: eb.fn.coalesce('revoked_at', eb.val(new Date().toISOString())) }))
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst()
      if (!row) throw new NotFoundError(`id: no token ${id}`, { field: 'id' })
      onChange?.()
      return toToken(row)
    },

    async verify(token) {
      if (!token.startsWith(TOKEN_PREFIX)) return undefined
      const now = new Date().toISOString()
      const row = await active(now).where('token_hash', '=', hashToken(token)).executeTakeFirst()
      if (!row) return undefined
      if (!row.last_used_at || Date.now() - Date.parse(row.last_used_at) > LAST_USED_RESOLUTION_MS) {
        await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute()
      }
      return toToken(row)
    },

    async hasActiveTokens() {
      const row = await active(new Date().toISOString()).select('id').limit(1).executeTakeFirst()
      return row !== undefined
    },
  }
}
