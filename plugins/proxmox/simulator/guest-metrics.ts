import { agentEnabled, bootDisk, cpuCount, memoryBytes } from './guest-config.js'
import type { SimGuest, SimNode } from './state.js'

/** A stable pseudo-random fraction in [0, 1) for a guest, so numbers look varied but steady. */
function wobble(vmid: number, salt: number): number {
  const x = Math.sin(vmid * 12.9898 + salt * 78.233) * 43758.5453
  return x - Math.floor(x)
}

/** Seconds since the guest started (0 when stopped). */
export function guestUptime(guest: SimGuest): number {
  return guest.status === 'running' && guest.startedAt ? Math.floor((Date.now() - guest.startedAt) / 1000) : 0
}

/** The usage fields shared by `/nodes/{node}/{qemu|lxc}`, `status/current` and `/cluster/resources`. */
export function guestUsage(guest: SimGuest, node: SimNode): Record<string, number> {
  const running = guest.status === 'running'
  const uptime = guestUptime(guest)
  const maxmem = memoryBytes(guest.config)
  const maxdisk = bootDisk(guest.type, guest.config)?.size ?? 0
  const cpus = cpuCount(guest.type, guest.config, node.cpus)
  const timeWobble = 0.5 + 0.5 * Math.sin(Date.now() / 7000 + guest.vmid)
  return {
    cpu: running ? Number((0.005 + 0.12 * wobble(guest.vmid, 1) * timeWobble).toFixed(6)) : 0,
    cpus,
    maxcpu: cpus,
    mem: running ? Math.floor(maxmem * (0.25 + 0.45 * wobble(guest.vmid, 2))) : 0,
    maxmem,
    // PVE reports disk usage for containers only; for VMs it is 0.
    disk: running && guest.type === 'lxc' ? Math.floor(maxdisk * (0.15 + 0.4 * wobble(guest.vmid, 3))) : 0,
    maxdisk,
    netin: running ? Math.floor(uptime * (2_000 + 20_000 * wobble(guest.vmid, 4))) : 0,
    netout: running ? Math.floor(uptime * (1_000 + 15_000 * wobble(guest.vmid, 5))) : 0,
    diskread: running ? Math.floor(uptime * (5_000 + 80_000 * wobble(guest.vmid, 6))) : 0,
    diskwrite: running ? Math.floor(uptime * (3_000 + 60_000 * wobble(guest.vmid, 7))) : 0,
    uptime,
  }
}

function optionalFields(guest: SimGuest): Record<string, string | number> {
  const out: Record<string, string | number> = {}
  if (guest.config.name ?? guest.config.hostname) out.name = guest.config.name ?? guest.config.hostname ?? ''
  if (guest.config.lock) out.lock = guest.config.lock
  if (guest.config.tags) out.tags = guest.config.tags
  if (guest.config.template === '1') out.template = 1
  return out
}

/** An item of `GET /nodes/{node}/qemu` (or `/lxc`). */
export function guestListItem(guest: SimGuest, node: SimNode): Record<string, unknown> {
  const usage = guestUsage(guest, node)
  const { maxcpu: _maxcpu, ...rest } = usage
  const item: Record<string, unknown> = {
    vmid: guest.vmid,
    status: guest.status,
    ...optionalFields(guest),
    ...rest,
    type: guest.type,
  }
  if (guest.type === 'qemu') {
    item.qmpstatus = guest.qmpstatus
    if (guest.status === 'running') {
      item.pid = guest.pid
      item['running-machine'] = 'pc-i440fx-9.0+pve0'
      item['running-qemu'] = '9.0.2'
    }
  } else {
    item.maxswap = Number(guest.config.swap ?? 512) * 1024 * 1024
  }
  return item
}

/** `GET .../{vmid}/status/current`. */
export function guestCurrentStatus(guest: SimGuest, node: SimNode): Record<string, unknown> {
  const item = guestListItem(guest, node)
  item.ha = { managed: 0 }
  if (guest.type === 'qemu') {
    if (agentEnabled(guest.config)) item.agent = 1
    item.spice = 0
  }
  return item
}

/** A guest item of `/cluster/resources`. */
export function guestResource(guest: SimGuest, node: SimNode): Record<string, unknown> {
  const usage = guestUsage(guest, node)
  const { cpus: _cpus, ...rest } = usage
  return {
    id: `${guest.type}/${guest.vmid}`,
    type: guest.type,
    vmid: guest.vmid,
    node: guest.node,
    status: node.online ? guest.status : 'unknown',
    ...optionalFields(guest),
    ...rest,
    template: guest.config.template === '1' ? 1 : 0,
  }
}
