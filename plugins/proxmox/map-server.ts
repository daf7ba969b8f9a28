import type { ServerInfo, ServerState } from 'hangar/provider-kit'
import type { ClusterResource } from './upstream-schemas.js'

const MIB = 1024 * 1024
const GIB = 1024 * MIB

/** Locks that mean the guest is still being built. */
const PROVISIONING_LOCKS = new Set(['clone', 'create'])

/** A guest's state for the gateway, from its status, its lock and (when known) QEMU's own status. */
export function guestState(status: string | undefined, lock: string | undefined, qmpstatus?: string): ServerState {
  if (lock && PROVISIONING_LOCKS.has(lock)) return 'PROVISIONING'
  if (status === 'running') return qmpstatus === 'paused' || qmpstatus === 'suspended' ? 'PAUSED' : 'RUNNING'
  if (status === 'stopped') return lock === 'suspended' ? 'PAUSED' : 'STOPPED'
  return 'UNKNOWN'
}

/** Round to whole units, keeping `null` for what Proxmox did not say. */
function whole(bytes: number | undefined, unit: number): number | null {
  return bytes === undefined ? null : Math.round(bytes / unit)
}

/** Maps one `qemu`/`lxc` item of `/cluster/resources`; the id is Proxmox's own `qemu/101`. */
export function mapGuest(resource: ClusterResource, ips: string[] = []): ServerInfo {
  return {
    nativeId: resource.id,
    name: resource.name ?? `${resource.type}-${resource.vmid}`,
    kind: resource.type === 'lxc' ? 'CONTAINER' : 'VM',
    status: guestState(resource.status, resource.lock),
    location: resource.node ?? null,
    cpu: resource.maxcpu ?? null,
    memoryMb: whole(resource.maxmem, MIB),
    diskGb: whole(resource.maxdisk, GIB),
    ips,
    details: { ...resource },
  }
}

/** True for the guests Hangar lists: VMs and containers that are not templates. */
export function isListedGuest(resource: ClusterResource): boolean {
  return (resource.type === 'qemu' || resource.type === 'lxc') && resource.template !== 1
}
