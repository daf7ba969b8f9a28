import { builder } from './builder.js'
import { Operation } from './operation.js'
import { pageSize } from './page-info.js'
import { Server } from './server.js'

builder.objectField(Server, 'operations', (t) =>
  t.field({
    type: [Operation],
    authScopes: { viewer: true },
    description:
      'The operations on this server (power actions, snapshots, resizes, ...), newest first, with their logs.',
    args: { first: t.arg.int({ defaultValue: 20, description: 'At most this many, 1 to 100.' }) },
    resolve: (server, { first }, { hangar }) =>
      hangar.operations.listForServer(server.id, pageSize(first, { defaultSize: 20, min: 1, max: 100 })),
  }),
)
