import { localStoragesOf, volumeStorages } from './guest-storages.js'
import { migrateStep } from './migrate-step.js'
import type { ProxmoxOptions } from './options.js'
import type { Phase } from './provision-phase.js'
import { createStep, guestPathOf, nativeIdOf, onceStep, unlockStep, type GuestUnderWay } from './provision-steps.js'
import { guestConfigSchema, upidSchema } from './upstream-schemas.js'

/** The template or guest a copy is made from. */
export interface CopySource {
  type: 'qemu' | 'lxc'
  vmid: number
  node: string
  /** Its config, when already read; read by the first step otherwise. */
  config?: Record<string, unknown>
}

/** What {@link copyGuestSteps} copies, and how its log lines name it. */
export interface CopyOptions {
  /** Known once the steps before have run (a deployment looks its template up in a step). */
  source(): CopySource
  /** The node the copy ends on. */
  target(): string
  /** The lock wait on the source: its label and how it names the source ("template 9000"). */
  sourceLock: { label: string; what(): string }
  /** The clone's log line, e.g. "cloning template 9000 (debian) to 107 on pve1 (full clone)". */
  describe(vmid: number): string
  /** What sits on local storage, for the migration's log line: "the template's disks". */
  volumesWord(): string
  /** The clone's own parameters besides `newid`, `full`, `target` and `storage` (`name` or `hostname`, `snapname`). */
  params: Record<string, string | undefined>
  storage?: string
}

/**
 * A full clone of a template or a guest, onto `target`: straight there (`target=`) when its
 * volumes are on storage every node reaches or a storage is named for the copy's disks, else on
 * the source's own node and then migrated
 * (PVE cannot clone onto another node from local storage). The vmid comes from
 * `/cluster/nextid` (a taken one is replaced, a lost answer looked up: see `createStep`); the
 * source's lock is waited out before, the copy's after. `guest.node` is where the clone lands,
 * then where it was migrated to.
 */
export function copyGuestSteps(options: ProxmoxOptions, guest: GuestUnderWay, copy: CopyOptions): Phase[] {
  const taskMs = options.taskTimeoutMs
  const poll = options.pollIntervalMs
  const pathOf = (source: CopySource) => `/nodes/${source.node}/${source.type}/${source.vmid}`
  let local: string[] = []
  return [
    onceStep('placement', taskMs, async ({ client, signal }) => {
      const source = copy.source()
      const target = copy.target()
      // With a storage named for the copy's disks, PVE writes them there from the source's node.
      if (target === source.node || copy.storage !== undefined) local = []
      else {
        const config =
          source.config ??
          (await client.request('GET', `${pathOf(source)}/config`, { schema: guestConfigSchema, signal }))
        local = await localStoragesOf(client, source.node, volumeStorages(config), signal)
      }
      guest.node = local.length > 0 ? source.node : target
    }),
    unlockStep(copy.sourceLock.label, taskMs, () => pathOf(copy.source()), copy.sourceLock.what),
    createStep({
      label: 'clone',
      timeoutMs: taskMs,
      pollIntervalMs: poll,
      guest,
      describe: copy.describe,
      create: (vmid, { client, signal }) => {
        const source = copy.source()
        return client.request('POST', `${pathOf(source)}/clone`, {
          params: {
            newid: vmid,
            ...copy.params,
            full: true,
            target: guest.node !== source.node ? guest.node : undefined,
            storage: copy.storage,
          },
          schema: upidSchema,
          signal,
        })
      },
    }),
    unlockStep(
      'clone',
      taskMs,
      () => guestPathOf(guest),
      () => nativeIdOf(guest),
    ),
    migrateStep({
      guest,
      target: copy.target,
      reason: () => `${copy.volumesWord()} are on ${local.join(', ')}, which only ${copy.source().node} reaches`,
      timeoutMs: taskMs,
      pollIntervalMs: poll,
    }),
  ]
}
