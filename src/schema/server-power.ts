import { BadInputError, NotFoundError } from '../errors/index.js'
import type { PowerAction } from '../providers/contract.js'
import { builder } from './builder.js'
import { serverId } from './exact-id.js'
import { Operation } from './operation.js'
import { providerFor, runOnServer, runOperation } from './run-operation.js'

/** The power mutations and destroy: each answers the Operation that does the work. */
function powerMutation(action: PowerAction, description: string) {
  return builder.mutationField(`${action}Server`, (t) =>
    t.field({
      type: Operation,
      authScopes: { operator: true },
      description,
      args: {
        id: t.arg.id({ required: true }),
        wait: t.arg.boolean({
          defaultValue: false,
          description: 'Answer once the operation has ended rather than at once.',
        }),
      },
      resolve: (_root, { id, wait }, { hangar }) => runOnServer(hangar, serverId(id), wait, { kind: 'power', action }),
    }),
  )
}

powerMutation('start', 'Powers a server on.')
powerMutation('stop', 'Powers a server off (a hard stop).')
powerMutation('reboot', 'Reboots a running server.')

builder.mutationField('destroyServer', (t) =>
  t.field({
    type: Operation,
    authScopes: { admin: true },
    description:
      'Destroys a server and its disks, stopping it first when it runs. Irreversible: `confirm` must repeat the ' +
      "server's id or its name.",
    args: {
      id: t.arg.id({ required: true }),
      confirm: t.arg.string({ required: true }),
      wait: t.arg.boolean({ defaultValue: false }),
    },
    resolve: async (_root, { id, confirm, wait }, { hangar }) => {
      const target = serverId(id)
      const { provider, nativeId } = providerFor(hangar, target, 'destroy')
      const server = await hangar.directory.get(target)
      if (!server) throw new NotFoundError(`id: no server ${target}`, { field: 'id' })
      if (confirm !== server.id && confirm !== server.name) {
        throw new BadInputError(
          `confirm: must be the server's id ("${server.id}") or its name ("${server.name}"); nothing was destroyed`,
          { field: 'confirm' },
        )
      }
      return runOperation(hangar, {
        provider,
        serverId: target,
        action: 'destroy',
        wait,
        request: { kind: 'destroy', nativeId },
      })
    },
  }),
)
