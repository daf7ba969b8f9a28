import type { AuditEntry as AuditEntryShape } from '../audit/audit-store.js'
import { BadInputError } from '../errors/index.js'
import { builder } from './builder.js'
import { type Page, pageOf, pageSize } from './page-info.js'

export const AuditEntry = builder.objectRef<AuditEntryShape>('AuditEntry').implement({
  description: 'One action, allowed or refused: who did what to what, and how it ended. Never holds a secret.',
  fields: (t) => ({
    id: t.exposeID('id'),
    at: t.field({ type: 'DateTime', resolve: (entry) => entry.at }),
    actor: t.exposeString('actor', {
      description: 'The token\'s name; "local" without tokens on loopback; "anonymous" when refused.',
    }),
    role: t.exposeString('role', { nullable: true }),
    action: t.exposeString('action', { description: 'The mutation (e.g. "stopServer") or REST action.' }),
    target: t.exposeString('target', { nullable: true }),
    outcome: t.exposeString('outcome', { description: '"ALLOWED", "DENIED" or "FAILED".' }),
    operationId: t.exposeID('operationId', { nullable: true }),
    source: t.exposeString('source', { description: '"graphql", "rest" or "cli".' }),
    detail: t.exposeString('detail', {
      nullable: true,
      description: 'The error code and message of a refusal or failure.',
    }),
  }),
})

const AuditEntryConnection = builder.connectionObject({
  type: AuditEntry,
  name: 'AuditEntryConnection',
  fields: (t) => ({ totalCount: t.int({ resolve: (page) => (page as Page<AuditEntryShape>).totalCount }) }),
})

const cursorOf = (id: string) => Buffer.from(id, 'utf8').toString('base64url')

builder.queryField('auditLog', (t) =>
  t.field({
    type: AuditEntryConnection,
    authScopes: { admin: true },
    description: 'Every mutation and REST action, allowed or refused, newest first.',
    args: { first: t.arg.int(), after: t.arg.string(), actor: t.arg.string(), action: t.arg.string() },
    resolve: async (_root, { first, after, actor, action }, { hangar }) => {
      const size = pageSize(first)
      const before = after ? Buffer.from(after, 'base64url').toString('utf8') : undefined
      if (after && (!before?.startsWith('aud_') || cursorOf(before) !== after))
        throw new BadInputError('after: not a cursor this API gave out', { field: 'after' })
      const { entries, hasMore, totalCount } = await hangar.audit.list({
        first: size,
        before,
        actor: actor ?? undefined,
        action: action ?? undefined,
      })
      return pageOf(entries, (node) => cursorOf(node.id), {
        hasNextPage: hasMore,
        hasPreviousPage: Boolean(after),
        totalCount,
      })
    },
  }),
)
