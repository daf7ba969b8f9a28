import { userInfo } from 'node:os'
import { parseArgs } from 'node:util'
import { type AuditStore, createAuditStore } from '../audit/audit-store.js'
import { parseDuration } from '../auth/parse-duration.js'
import { isRole } from '../auth/roles.js'
import { type ApiToken, createTokenStore, type TokenStore } from '../auth/token-store.js'
import { isHangarError } from '../errors/index.js'
import { asksForHelp, TOKEN_USAGE } from './local-command-help.js'
import { openCliDatabase } from './open-cli-database.js'
import { table } from './output.js'

const day = (date: Date | null) => (date ? date.toISOString().replace('T', ' ').slice(0, 16) : '-')
const stateOf = (token: ApiToken) =>
  token.revokedAt ? 'revoked' : token.expiresAt && token.expiresAt <= new Date() ? 'expired' : 'active'
const asJson = (token: ApiToken) => ({
  id: token.id,
  name: token.name,
  role: token.role,
  createdAt: token.createdAt.toISOString(),
  expiresAt: token.expiresAt?.toISOString() ?? null,
  revokedAt: token.revokedAt?.toISOString() ?? null,
  lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
  state: stateOf(token),
})

/** `hangar token ...`: exit 0 on success, 2 for a usage mistake, 1 when the action fails. */
export async function runToken(args: string[]): Promise<number> {
  if (asksForHelp(args, { whenEmpty: true })) {
    console.log(TOKEN_USAGE)
    return 0
  }
  const [action, ...rest] = args
  let parsed: { values: { role?: string; name?: string; expires?: string; json: boolean }; positionals: string[] }
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        role: { type: 'string' },
        name: { type: 'string' },
        expires: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    })
  } catch (error) {
    console.error(`hangar token: ${(error as Error).message}\n\n${TOKEN_USAGE}`)
    return 2
  }
  const { values, positionals } = parsed
  if (action === 'create') {
    if (!values.role || !isRole(values.role)) return usage('--role must be viewer, operator or admin')
    if (!values.name) return usage('--name is required (who or what uses the token, e.g. "ci")')
    const ms = values.expires === undefined ? undefined : parseDuration(values.expires)
    if (values.expires !== undefined && ms === undefined)
      return usage('--expires must be a number and a unit: 90m, 12h, 30d, 2w, 1y')
    return withStores(async ({ tokens, audit }) => {
      const { token, record } = await tokens.create({
        name: values.name!,
        role: values.role as ApiToken['role'],
        expiresAt: ms ? new Date(Date.now() + ms) : null,
      })
      await recordCliAction(audit, 'createApiToken', record.name, `${record.id} (${record.role})`)
      if (values.json) {
        console.log(
          JSON.stringify({
            id: record.id,
            name: record.name,
            role: record.role,
            token,
            expiresAt: record.expiresAt?.toISOString() ?? null,
          }),
        )
      } else {
        console.log(
          `Created ${record.id} "${record.name}" (${record.role}), ` +
            `${record.expiresAt ? `expires ${day(record.expiresAt)} UTC` : 'never expires'}.`,
        )
        console.log(token)
        console.log('Store it now: it is shown only this once. Send it as "Authorization: Bearer <token>".')
      }
    })
  }
  if (action === 'list') {
    return withStores(async ({ tokens }) => {
      const list = await tokens.list()
      if (values.json) return console.log(JSON.stringify(list.map(asJson)))
      if (list.length === 0) return console.log('No API tokens: the gateway runs open, on loopback only.')
      table(
        ['ID', 'NAME', 'ROLE', 'STATE', 'CREATED', 'EXPIRES', 'LAST USED'],
        list.map((token) => [
          token.id,
          token.name,
          token.role,
          stateOf(token),
          day(token.createdAt),
          day(token.expiresAt),
          day(token.lastUsedAt),
        ]),
      )
    })
  }
  if (action === 'revoke') {
    const id = positionals[0]
    if (!id) return usage('give the id of the token to revoke (see `hangar token list`)')
    return withStores(async ({ tokens, audit }) => {
      const record = await tokens.revoke(id)
      await recordCliAction(audit, 'revokeApiToken', record.id, null)
      console.log(
        `Revoked ${record.id} "${record.name}" (${record.role}); requests carrying it are refused from now on.`,
      )
    })
  }
  return usage(`unknown action "${action}"`)
}

function usage(problem: string): number {
  console.error(`hangar token: ${problem}\n\n${TOKEN_USAGE}`)
  return 2
}

/** Audits an action done here, on the database directly: by the local user, with no role or token to check. */
function recordCliAction(audit: AuditStore, action: string, target: string, detail: string | null) {
  return audit.record({
    actor: `cli:${userInfo().username}`,
    role: null,
    action,
    target,
    outcome: 'ALLOWED',
    operationId: null,
    source: 'cli',
    detail,
  })
}

async function withStores(
  work: (stores: { tokens: TokenStore; audit: AuditStore }) => Promise<unknown>,
): Promise<number> {
  const database = await openCliDatabase()
  try {
    await work({ tokens: createTokenStore(database.db), audit: createAuditStore(database.db) })
    return 0
  } catch (error) {
    if (isHangarError(error)) {
      console.error(`hangar token: ${error.message}`)
      return 1
    }
    throw error
  } finally {
    await database.close()
  }
}
