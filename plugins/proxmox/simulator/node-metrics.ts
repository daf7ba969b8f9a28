import { createHash } from 'node:crypto'
import { guestDisks } from './guest-config.js'
import { guestUsage } from './guest-metrics.js'
import type { SimNode, SimStorage, SimulatorState } from './state.js'

const GiB = 1024 ** 3

/** CPU fraction, used memory and uptime of a node, derived from its running guests. */
export function nodeUsage(state: SimulatorState, node: SimNode): { cpu: number; mem: number; uptime: number } {
  let cpuThreads = 0
  let mem = 3 * GiB + node.index * 512 * 1024 * 1024
  for (const guest of state.guests.values()) {
    if (guest.node !== node.name || guest.status !== 'running') continue
    const usage = guestUsage(guest, node)
    cpuThreads += (usage.cpu ?? 0) * (usage.cpus ?? 1)
    mem += usage.mem ?? 0
  }
  return {
    cpu: Number((0.012 + cpuThreads / node.cpus).toFixed(6)),
    mem: Math.min(mem, node.memory),
    uptime: Math.floor((Date.now() - node.bootedAt) / 1000),
  }
}

/** The usage fields of an online node in `/nodes` and `/cluster/resources`. */
export function nodeListUsage(state: SimulatorState, node: SimNode): Record<string, number> {
  const usage = nodeUsage(state, node)
  return {
    cpu: usage.cpu,
    maxcpu: node.cpus,
    mem: usage.mem,
    maxmem: node.memory,
    disk: nodeRootUsed(node),
    maxdisk: node.rootfs,
    uptime: usage.uptime,
  }
}

/** The SHA-256 fingerprint of the node's (pretend) certificate, as `/nodes` shows it. */
export function nodeFingerprint(node: SimNode): string {
  const hex = createHash('sha256').update(`pve-ssl-${node.name}`).digest('hex').toUpperCase()
  return hex.match(/../g)?.join(':') ?? ''
}

/** Bytes of the root filesystem in use. */
export function nodeRootUsed(node: SimNode): number {
  return 9 * GiB + node.index * 1_234_567_890
}

/** Bytes used on a storage: its static usage plus the volumes and guest disks on it. */
export function storageUsed(state: SimulatorState, storage: SimStorage): number {
  let used = storage.baseUsed
  for (const v of state.volumes) if (v.node === storage.node && v.storage === storage.storage) used += v.size
  for (const guest of state.guests.values()) {
    if (guest.node !== storage.node && !storage.shared) continue
    for (const disk of guestDisks(guest.type, guest.config)) {
      // Thin pools only count what the guest wrote; pretend a third of each disk.
      if (disk.volid.startsWith(`${storage.storage}:`))
        used += storage.type === 'lvmthin' ? Math.floor(disk.size / 3) : disk.size
    }
  }
  return Math.min(used, storage.total)
}
