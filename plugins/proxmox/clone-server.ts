import { type CloneSpec, ConflictError, type TaskHandle } from 'hangar/provider-kit'
import { copyGuestSteps } from './copy-guest-steps.js'
import type { ProxmoxOptions } from './options.js'
import type { Phase } from './provision-phase.js'
import { guestPathOf, madeStep, nativeIdOf, startStep, taskStep, type GuestUnderWay } from './provision-steps.js'
import { createProvisionTask } from './provision-task.js'
import type { ProxmoxClient } from './proxmox-client.js'
import { chooseNode, clusterResources } from './server-image.js'
import { checkGuestName, readServerOptions } from './server-spec-rules.js'
import { nullSchema, upidOrNullSchema } from './upstream-schemas.js'

/** The guest to copy, as the provider located it. */
export interface CloneSource {
  provider: string
  type: 'qemu' | 'lxc'
  vmid: number
  node: string
  status?: string
  name?: string
}

/**
 * Starts copying a guest under a new name: a full clone (`qemu|lxc/{vmid}/clone`) under a vmid
 * from `/cluster/nextid`, straight onto the node `location` names when the source's volumes are on
 * shared storage, else on the source's node and then migrated; then the cores and memory asked
 * for, and a start. A running container is copied from one of its snapshots (`options.snapshot`),
 * as Proxmox requires; without one that is a CONFLICT, and nothing is made. A failure after the
 * copy was made deletes it before the handle reports the failure.
 */
export async function cloneServer(
  client: ProxmoxClient,
  options: ProxmoxOptions,
  source: CloneSource,
  spec: CloneSpec,
  signal?: AbortSignal,
): Promise<TaskHandle> {
  checkGuestName(spec.name)
  const extra = readServerOptions(spec.options)
  const sourceId = `${source.type}/${source.vmid}`
  if (source.type === 'lxc' && source.status === 'running' && extra.snapshot === undefined) {
    throw new ConflictError(
      `${source.provider}: ${sourceId} is running, and Proxmox copies a running container ` +
        `only from a snapshot: stop it first, or name one of its snapshots in options.snapshot`,
      { provider: source.provider },
    )
  }
  const resources = await clusterResources(client, signal)
  const node = chooseNode(resources, spec.location, source.node)
  const guest: GuestUnderWay = { type: source.type, name: spec.name, created: false }
  const taskMs = options.taskTimeoutMs
  const poll = options.pollIntervalMs
  const sizes = [spec.cpu !== undefined && `${spec.cpu} cores`, spec.memoryMb !== undefined && `${spec.memoryMb} MiB`]
    .filter(Boolean)
    .join(', ')
  const copy = copyGuestSteps(options, guest, {
    source: () => source,
    target: () => node,
    sourceLock: { label: 'source lock wait', what: () => sourceId },
    describe: (vmid) =>
      `cloning ${sourceId}${source.name ? ` (${source.name})` : ''} to ${vmid} ` +
      `on ${guest.node} (full clone${extra.snapshot ? ` of snapshot ${extra.snapshot}` : ''})`,
    volumesWord: () => `${sourceId}'s volumes`,
    params: { ...(source.type === 'qemu' ? { name: spec.name } : { hostname: spec.name }), snapname: extra.snapshot },
    storage: extra.storage ?? options.storage,
  })

  const phases: Phase[] = [
    ...copy,
    taskStep('configure', taskMs, poll, async ({ client, signal, log }) => {
      if (!sizes) return null
      log(`configuring ${nativeIdOf(guest)}: ${sizes}`)
      const params = { cores: spec.cpu, memory: spec.memoryMb }
      if (guest.type === 'qemu')
        return client.request('POST', `${guestPathOf(guest)}/config`, {
          params,
          schema: upidOrNullSchema,
          signal,
          idempotent: true,
        })
      return client.request('PUT', `${guestPathOf(guest)}/config`, {
        params,
        schema: nullSchema,
        signal,
        idempotent: true,
      })
    }),
    startStep(guest, spec.powerOn !== false, options.taskTimeoutMs, options.pollIntervalMs),
    madeStep(guest, guest.type === 'qemu' ? 'VM' : 'container', `, a copy of ${sourceId}`),
  ]

  return createProvisionTask(client, {
    guest,
    phases,
    pollIntervalMs: poll,
    timeoutMs: options.provisionTimeoutMs,
    taskTimeoutMs: taskMs,
  })
}
