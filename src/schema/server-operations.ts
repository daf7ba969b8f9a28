import { BadInputError } from '../errors/index.js'
import { builder } from './builder.js'
import { Operation } from './operation.js'
import { Server } from './server.js'

builder.objectField(Server, 'operations', (t) =>
  t.field({
    type: [Operation],
    authScopes: { viewer: true },
    description: 'The operations on this server (power actions, snapshots, resizes, ...), newest first, with their logs.',
    args: { first: t.arg.int({ defaultValue: 20, description: 'At most this many, 1 to 100.' }) },
    resolve: (server, { first }, { hangar }) => {
      const limit = first ?? 20
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new BadInputError('first: must be between 1 and 100', { field: 'first' })
      return hangar.operations.listForServer(server.id, limit)
    },
  }),
)
