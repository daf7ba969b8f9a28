import { BadInputError } from '../errors/index.js'
import type { SnapshotInfo } from '../providers/contract.js'
import { builder } from './builder.js'
import { serverId } from './exact-id.js'
import { Operation } from './operation.js'
import { providerNamed, runOnServer } from './run-operation.js'
import { Server } from './server.js'

/** Snapshot names every provider accepts (Proxmox's rule): a letter, then letters, digits, `-` or `_`; at most 40. */
const SNAPSHOT_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,39}$/

const DESCRIPTION_MAX = 1000

/** Upstream reads of a snapshot list give up after this long. */
const READ_TIMEOUT_MS = 60_000

/** Checked before any provider is asked, so a bad name never reaches the upstream. */
function checkSnapshotName(name: string): void {
  if (!SNAPSHOT_NAME.test(name)) {
    throw new BadInputError('name: a letter, then letters, digits, "-" or "_", at most 40 characters in all', {
      field: 'name',
    })
  }
}

export const Snapshot = builder.objectRef<SnapshotInfo>('Snapshot').implement({
  description: 'A saved state of a server that it can be rolled back to.',
  fields: (t) => ({
    name: t.exposeString('name', {
      description: "The id within its server (Proxmox snapname; Kamatera's snapshot name).",
    }),
    description: t.exposeString('description', { nullable: true }),
    createdAt: t.field({ type: 'DateTime', nullable: true, resolve: (snapshot) => snapshot.createdAt }),
    parent: t.exposeString('parent', {
      nullable: true,
      description: 'The snapshot it was taken after, when the provider says.',
    }),
    includesMemory: t.exposeBoolean('includesMemory', {
      description: 'A VM snapshot with RAM state (Proxmox vmstate).',
    }),
  }),
})

builder.objectField(Server, 'snapshots', (t) =>
  t.field({
    type: [Snapshot],
    description:
      "The server's snapshots, oldest first, read fresh from the provider. UNSUPPORTED when the provider keeps none.",
    resolve: (server, _args, { hangar }) => {
      const provider = providerNamed(hangar, server.provider, 'snapshot', 'id')
      return provider.listSnapshots!(server.nativeId, { signal: AbortSignal.timeout(READ_TIMEOUT_MS) })
    },
  }),
)

const waitArg = {
  defaultValue: false,
  description: 'Answer once the operation has ended rather than at once.',
} as const

builder.mutationFields((t) => ({
  createSnapshot: t.field({
    type: Operation,
    authScopes: { operator: true },
    description: 'Takes a snapshot of a server; `includeMemory` also saves the RAM of a running VM (Proxmox).',
    args: {
      id: t.arg.id({ required: true }),
      name: t.arg.string({ required: true }),
      description: t.arg.string(),
      includeMemory: t.arg.boolean({ defaultValue: false }),
      wait: t.arg.boolean(waitArg),
    },
    resolve: (_root, { id, name, description, includeMemory, wait }, { hangar }) => {
      const target = serverId(id)
      checkSnapshotName(name)
      if (description && description.length > DESCRIPTION_MAX) {
        throw new BadInputError(`description: at most ${DESCRIPTION_MAX} characters`, { field: 'description' })
      }
      const spec = { name, description: description ?? undefined, includeMemory: includeMemory ?? false }
      return runOnServer(hangar, target, wait, { kind: 'snapshot', spec })
    },
  }),
  rollbackSnapshot: t.field({
    type: Operation,
    authScopes: { admin: true },
    description:
      'Rolls a server back to a snapshot, losing what changed since. Destructive: `confirm` must repeat the ' +
      "snapshot's name.",
    args: {
      id: t.arg.id({ required: true }),
      name: t.arg.string({ required: true }),
      confirm: t.arg.string({ required: true }),
      wait: t.arg.boolean(waitArg),
    },
    resolve: (_root, { id, name, confirm, wait }, { hangar }) => {
      const target = serverId(id)
      checkSnapshotName(name)
      if (confirm !== name) {
        throw new BadInputError(`confirm: must be the snapshot's name ("${name}"); nothing was rolled back`, {
          field: 'confirm',
        })
      }
      return runOnServer(hangar, target, wait, { kind: 'snapshot-rollback', name })
    },
  }),
  deleteSnapshot: t.field({
    type: Operation,
    authScopes: { admin: true },
    description: 'Deletes a snapshot; the server itself is left as it is.',
    args: {
      id: t.arg.id({ required: true }),
      name: t.arg.string({ required: true }),
      wait: t.arg.boolean(waitArg),
    },
    resolve: (_root, { id, name, wait }, { hangar }) => {
      const target = serverId(id)
      checkSnapshotName(name)
      return runOnServer(hangar, target, wait, { kind: 'snapshot-delete', name })
    },
  }),
}))
