import { NotFoundError } from '../errors/index.js'
import { RESYNC } from '../events/event-bus.js'
import type { Hangar } from '../hangar.js'
import { isFinal, type OperationView } from '../operations/operation-service.js'
import { builder } from './builder.js'
import { operationId } from './exact-id.js'
import { Server } from './server.js'

export const OperationStatus = builder.enumType('OperationStatus', {
  values: ['PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED'] as const,
})

export const Operation = builder.objectRef<OperationView>('Operation')

Operation.implement({
  description: 'One long-running upstream action (a Proxmox task, a Kamatera command), kept after it ends.',
  fields: (t) => ({
    id: t.exposeID('id'),
    provider: t.exposeString('provider'),
    action: t.exposeString('action', { description: '"start", "stop", "reboot", "destroy", ...' }),
    status: t.field({ type: OperationStatus, resolve: (operation) => operation.status }),
    serverId: t.exposeID('serverId', {
      nullable: true,
      description: 'The server acted on, also after it was destroyed.',
    }),
    server: t.field({
      type: Server,
      nullable: true,
      description: 'The server acted on, as listed now; null once it is gone.',
      resolve: async (operation, _args, { hangar }) => {
        if (!operation.serverId) return null
        const { servers } = await hangar.directory.list(operation.provider).catch(() => ({ servers: [] }))
        return servers.find((server) => server.id === operation.serverId) ?? null
      },
    }),
    startedAt: t.field({ type: 'DateTime', resolve: (operation) => operation.startedAt }),
    finishedAt: t.field({ type: 'DateTime', nullable: true, resolve: (operation) => operation.finishedAt }),
    error: t.exposeString('error', { nullable: true }),
    logs: t.exposeStringList('logs', { description: 'The upstream task log, line by line.' }),
  }),
})

builder.queryField('operation', (t) =>
  t.field({
    type: Operation,
    nullable: true,
    authScopes: { viewer: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, { hangar }) => hangar.operations.view(operationId(id)),
  }),
)

/** The current state first, then every change, ending after the final one. */
async function* watchOperation(hangar: Hangar, id: string): AsyncGenerator<OperationView> {
  const stop = new AbortController()
  try {
    // Subscribe before reading, so a change that lands in between is not lost.
    const changes = hangar.events.subscribe(id, stop.signal)
    const current = await hangar.operations.view(id)
    if (!current) throw new NotFoundError(`id: no operation ${id}`, { field: 'id' })
    yield current
    if (isFinal(current)) return
    for await (const change of changes) {
      // Changes may have been missed (Redis was away): the stored state says where it is.
      const next = change === RESYNC ? await hangar.operations.view(id) : change
      if (!next) return
      yield next
      if (isFinal(next)) return
    }
  } finally {
    stop.abort()
  }
}

builder.subscriptionField('operation', (t) =>
  t.field({
    type: Operation,
    authScopes: { viewer: true },
    description: 'The operation now, then every change (new log lines, status) until it has ended.',
    args: { id: t.arg.id({ required: true }) },
    subscribe: (_root, { id }, { hangar }) => watchOperation(hangar, operationId(id)),
    resolve: (operation) => operation,
  }),
)
