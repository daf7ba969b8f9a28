import { BadInputError, ConflictError, ProviderError, type ServerChange } from 'hangar/provider-kit'
import type { ProxmoxClient } from './proxmox-client.js'
import { rootDisk } from './root-disk.js'
import { guestConfigSchema, nullSchema, upidOrNullSchema } from './upstream-schemas.js'

/** The guest to resize, as the provider located it. */
export interface ResizeTarget {
  /** The provider instance, for messages (`pve-lab: VM is locked (backup)`). */
  provider: string
  node: string
  type: string
  vmid: number
}

/** What a resize started: a task to follow, or (`upid` null) a change Proxmox already made. */
export interface StartedResize {
  upid: string | null
  /** One line for the operation's log saying what was asked of Proxmox. */
  summary: string
}

/** A size in GiB as people read it: `32`, `2.5`. */
const gib = (value: number): string => String(Math.round(value * 100) / 100)

/**
 * Sets cores or memory with one config write: `POST .../qemu/{vmid}/config` (a `qmconfig` task,
 * or null on older releases), `PUT .../lxc/{vmid}/config` (synchronous, null). The value is
 * absolute, so a repeated write changes nothing.
 */
async function writeConfig(
  client: ProxmoxClient,
  path: string,
  type: string,
  params: Record<string, number>,
  signal?: AbortSignal,
): Promise<string | null> {
  if (type === 'qemu')
    return client.request('POST', `${path}/config`, { params, schema: upidOrNullSchema, signal, idempotent: true })
  return client.request('PUT', `${path}/config`, { params, schema: nullSchema, signal, idempotent: true })
}

/**
 * Grows the main disk (a VM's boot disk, a container's `rootfs`) to `diskGb` GiB with
 * `PUT .../resize` and an absolute size. The current size is read first: Proxmox cannot
 * shrink a disk, and an equal size would be a no-op, so both are refused before anything is sent.
 */
async function growDisk(
  client: ProxmoxClient,
  path: string,
  guest: ResizeTarget,
  diskGb: number,
  signal?: AbortSignal,
): Promise<StartedResize> {
  const config = await client.request('GET', `${path}/config`, { schema: guestConfigSchema, signal })
  const disk = rootDisk(guest.type === 'lxc' ? 'lxc' : 'qemu', config)
  if (!disk)
    throw new ProviderError(`${guest.provider}: ${guest.type}/${guest.vmid} has no disk to grow`, {
      provider: guest.provider,
    })
  if (diskGb <= disk.sizeGb) {
    throw new BadInputError(
      `input.diskGb: ${diskGb} GB does not grow disk ${disk.key}, which is ${gib(disk.sizeGb)} GB now; disks only grow`,
      { field: 'input.diskGb', currentGb: disk.sizeGb },
    )
  }
  // On 8.x a resize answers with a task, whose checks may run inside it (a locked guest would then
  // show as a failed task); the config just read already says so: CONFLICT, like other locked writes.
  if (typeof config.lock === 'string' && config.lock) {
    throw new ConflictError(`${guest.provider}: ${guest.type === 'lxc' ? 'CT' : 'VM'} is locked (${config.lock})`, {
      provider: guest.provider,
      lock: config.lock,
    })
  }
  const upid = await client.request('PUT', `${path}/resize`, {
    params: { disk: disk.key, size: `${diskGb}G` },
    schema: upidOrNullSchema,
    signal,
    // An absolute size: sending it twice changes nothing.
    idempotent: true,
  })
  return { upid, summary: `growing disk ${disk.key} from ${gib(disk.sizeGb)} GiB to ${diskGb} GiB` }
}

/** Starts one change of a guest's size; see {@link ServerChange}. */
export async function resizeGuest(
  client: ProxmoxClient,
  guest: ResizeTarget,
  change: ServerChange,
  signal?: AbortSignal,
): Promise<StartedResize> {
  const path = `/nodes/${guest.node}/${guest.type}/${guest.vmid}`
  if ('diskGb' in change) return growDisk(client, path, guest, change.diskGb, signal)
  if ('cpu' in change) {
    const upid = await writeConfig(client, path, guest.type, { cores: change.cpu }, signal)
    return { upid, summary: `setting cores to ${change.cpu}` }
  }
  const upid = await writeConfig(client, path, guest.type, { memory: change.memoryMb }, signal)
  return { upid, summary: `setting memory to ${change.memoryMb} MiB` }
}
