import { parseDuration } from '../auth/parse-duration.js'
import { isRole } from '../auth/roles.js'
import type { ApiToken as ApiTokenShape, CreatedToken } from '../auth/token-store.js'
import { BadInputError } from '../errors/index.js'
import { builder } from './builder.js'
import { apiTokenId } from './exact-id.js'

export const ApiToken = builder.objectRef<ApiTokenShape>('ApiToken').implement({
  description: 'An API token, without the token itself (it is shown once, when created).',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    role: t.exposeString('role', { description: '"viewer", "operator" or "admin".' }),
    createdAt: t.field({ type: 'DateTime', resolve: (token) => token.createdAt }),
    expiresAt: t.field({ type: 'DateTime', nullable: true, resolve: (token) => token.expiresAt }),
    revokedAt: t.field({ type: 'DateTime', nullable: true, resolve: (token) => token.revokedAt }),
    lastUsedAt: t.field({ type: 'DateTime', nullable: true, resolve: (token) => token.lastUsedAt }),
  }),
})

const CreatedApiToken = builder.objectRef<CreatedToken>('CreatedApiToken').implement({
  fields: (t) => ({
    token: t.exposeString('token', {
      description: 'The token: shown this once, never stored. Send it as "Authorization: Bearer <token>".',
    }),
    apiToken: t.field({ type: ApiToken, resolve: (created) => created.record }),
  }),
})

builder.queryField('apiTokens', (t) =>
  t.field({
    type: [ApiToken],
    authScopes: { admin: true },
    description: 'Every token, revoked and expired ones included.',
    resolve: (_root, _args, { hangar }) => hangar.tokens.list(),
  }),
)

builder.mutationFields((t) => ({
  createApiToken: t.field({
    type: CreatedApiToken,
    authScopes: { admin: true },
    description: 'Makes a token with a role; the answer is the only time the token is shown.',
    args: {
      name: t.arg.string({ required: true }),
      role: t.arg.string({ required: true, description: '"viewer", "operator" or "admin".' }),
      expiresIn: t.arg.string({ description: 'e.g. "90m", "12h", "30d", "1y"; never expires when left out.' }),
    },
    resolve: (_root, { name, role, expiresIn }, { hangar }) => {
      if (!isRole(role)) throw new BadInputError('role: must be viewer, operator or admin', { field: 'role' })
      let expiresAt: Date | null = null
      if (expiresIn) {
        const ms = parseDuration(expiresIn)
        if (ms === undefined)
          throw new BadInputError('expiresIn: a number and a unit, e.g. "90m", "12h", "30d", "1y"', {
            field: 'expiresIn',
          })
        expiresAt = new Date(Date.now() + ms)
      }
      return hangar.tokens.create({ name, role, expiresAt })
    },
  }),
  revokeApiToken: t.field({
    type: ApiToken,
    authScopes: { admin: true },
    description: 'Revokes a token at once; requests carrying it are refused from now on.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, { hangar }) => hangar.tokens.revoke(apiTokenId(id)),
  }),
}))
