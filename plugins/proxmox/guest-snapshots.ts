import { BadInputError, ConflictError, NotFoundError, type SnapshotInfo, type SnapshotSpec } from 'hangar/provider-kit'
import type { ProxmoxClient } from './proxmox-client.js'
import { snapshotListSchema, upidSchema, type SnapshotListItem } from './upstream-schemas.js'

/** A located guest: the node it lives on now and its type. */
export interface SnapshotGuest {
  node: string
  type: string
  vmid: number
  /** `qemu/101`, for messages. */
  id: string
}

/** Names PVE keeps for itself in the snapshot list and refuses to create. */
const RESERVED = new Set(['current', 'pending'])

function basePath(guest: SnapshotGuest): string {
  return `/nodes/${guest.node}/${guest.type}/${guest.vmid}/snapshot`
}

/** Ancestors of a snapshot, so one taken in the same second as its parent still sorts after it. */
function depth(item: SnapshotListItem, byName: Map<string, SnapshotListItem>): number {
  let count = 0
  const seen = new Set<string>()
  for (
    let parent = item.parent;
    parent && byName.has(parent) && !seen.has(parent);
    parent = byName.get(parent)?.parent
  ) {
    seen.add(parent)
    count += 1
  }
  return count
}

function toSnapshotInfo(item: SnapshotListItem): SnapshotInfo {
  return {
    name: item.name,
    description: item.description ? item.description : null,
    createdAt: item.snaptime ? new Date(item.snaptime * 1000) : null,
    parent: item.parent ?? null,
    includesMemory: item.vmstate === true || Number(item.vmstate ?? 0) === 1,
  }
}

/** Reads a guest's snapshots, oldest first, leaving out the `current` ("You are here!") entry. */
export async function listGuestSnapshots(
  client: ProxmoxClient,
  guest: SnapshotGuest,
  signal?: AbortSignal,
): Promise<SnapshotInfo[]> {
  const items = (await client.request('GET', basePath(guest), { schema: snapshotListSchema, signal })).filter(
    (item) => item.name !== 'current',
  )
  const byName = new Map(items.map((item) => [item.name, item]))
  return items
    .map((item) => ({ item, depth: depth(item, byName) }))
    .sort(
      (a, b) =>
        (a.item.snaptime ?? 0) - (b.item.snaptime ?? 0) || a.depth - b.depth || a.item.name.localeCompare(b.item.name),
    )
    .map(({ item }) => toSnapshotInfo(item))
}

/**
 * PVE checks the snapshot name inside the task it forks, so a clash or an unknown name would only
 * show as a failed task; asking first gives the caller CONFLICT or NOT_FOUND before anything starts.
 */
async function existing(
  client: ProxmoxClient,
  guest: SnapshotGuest,
  name: string,
  signal?: AbortSignal,
): Promise<boolean> {
  return (await listGuestSnapshots(client, guest, signal)).some((snapshot) => snapshot.name === name)
}

async function requireSnapshot(
  client: ProxmoxClient,
  guest: SnapshotGuest,
  name: string,
  providerName: string,
  signal?: AbortSignal,
): Promise<void> {
  if (!(await existing(client, guest, name, signal))) {
    throw new NotFoundError(`${providerName}: snapshot '${name}' of ${guest.id} does not exist`, {
      provider: providerName,
      field: 'name',
    })
  }
}

/** Refuses, as BAD_USER_INPUT, the names the core's rule allows but Proxmox does not. Makes no call. */
export function checkProxmoxSnapshotName(name: string): void {
  if (RESERVED.has(name.toLowerCase())) {
    throw new BadInputError(`name: "${name}" is reserved by Proxmox; choose another name`, { field: 'name' })
  }
  // PVE's configid format wants a second character; the core's rule allows one.
  if (name.length < 2) throw new BadInputError('name: Proxmox needs at least 2 characters', { field: 'name' })
}

/** Starts a `qmsnapshot`/`vzsnapshot` task; RAM state is asked for VMs only. Returns its UPID. */
export async function createGuestSnapshot(
  client: ProxmoxClient,
  guest: SnapshotGuest,
  spec: SnapshotSpec,
  providerName: string,
  signal?: AbortSignal,
): Promise<string> {
  checkProxmoxSnapshotName(spec.name)
  if (await existing(client, guest, spec.name, signal)) {
    throw new ConflictError(`${providerName}: snapshot name '${spec.name}' already used on ${guest.id}`, {
      provider: providerName,
      field: 'name',
    })
  }
  return client.request('POST', basePath(guest), {
    params: {
      snapname: spec.name,
      description: spec.description || undefined,
      // Containers have no RAM state: the parameter does not exist for them.
      vmstate: guest.type === 'qemu' && spec.includeMemory ? true : undefined,
    },
    schema: upidSchema,
    signal,
  })
}

/** The request of each task on an existing snapshot, after the snapshot's own path. */
const SNAPSHOT_TASKS = {
  rollback: { method: 'POST', suffix: '/rollback' },
  delete: { method: 'DELETE', suffix: '' },
} as const

/**
 * Starts a rollback to, or a delete of, the snapshot `name`; NOT_FOUND when the guest has no such
 * snapshot. Returns the task's UPID.
 */
export async function startSnapshotTask(
  client: ProxmoxClient,
  guest: SnapshotGuest,
  action: keyof typeof SNAPSHOT_TASKS,
  name: string,
  providerName: string,
  signal?: AbortSignal,
): Promise<string> {
  await requireSnapshot(client, guest, name, providerName, signal)
  const { method, suffix } = SNAPSHOT_TASKS[action]
  return client.request(method, `${basePath(guest)}/${encodeURIComponent(name)}${suffix}`, {
    schema: upidSchema,
    signal,
  })
}
