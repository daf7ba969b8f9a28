import SchemaBuilder from '@pothos/core'
import RelayPlugin from '@pothos/plugin-relay'
import ScopeAuthPlugin from '@pothos/plugin-scope-auth'
import { DateTimeResolver, JSONResolver } from 'graphql-scalars'
import { roleAtLeast, type Role } from '../auth/roles.js'
import { roleOf } from '../auth/authenticate.js'
import { ForbiddenError } from '../errors/index.js'
import type { GatewayContext } from './context.js'

/** The one Pothos builder; every `src/schema/<type>.ts` adds its type and fields to it. */
export const builder = new SchemaBuilder<{
  Context: GatewayContext
  /** One scope per role; a field names the least role that may use it. */
  AuthScopes: Record<Role, boolean>
  DefaultFieldNullability: false
  DefaultEdgesNullability: false
  DefaultNodeNullability: false
  Scalars: {
    DateTime: { Input: Date; Output: Date }
    JSON: { Input: unknown; Output: unknown }
  }
}>({
  plugins: [ScopeAuthPlugin, RelayPlugin],
  defaultFieldNullability: false,
  // Connections (`builder.connectionObject`) with a `nodes` shortcut; ids stay the API's own (no
  // global ids, no `node` / `nodes` root fields).
  relay: {
    nodesOnConnection: true,
    nodeQueryOptions: false,
    nodesQueryOptions: false,
    cursorType: 'String',
  },
  scopeAuth: {
    authorizeOnSubscribe: true,
    authScopes: ({ auth }) => {
      const role = roleOf(auth)
      return {
        viewer: role !== null && roleAtLeast(role, 'viewer'),
        operator: role !== null && roleAtLeast(role, 'operator'),
        admin: role !== null && roleAtLeast(role, 'admin'),
      }
    },
    unauthorizedError: (_parent, context, info) => {
      const role = roleOf(context.auth) ?? 'none'
      return new ForbiddenError(`${info.fieldName}: the ${role} role may not do this`, { role })
    },
  },
})

builder.addScalarType('DateTime', DateTimeResolver)
builder.addScalarType('JSON', JSONResolver)

builder.queryType({})
builder.mutationType({})
builder.subscriptionType({})
