import type { ResourceInfo } from 'hangar/provider-kit'
import type { ClusterResource } from './upstream-schemas.js'

const GIB = 1024 ** 3

function gib(bytes: number | undefined): number | null {
  return bytes === undefined ? null : Math.round((bytes / GIB) * 100) / 100
}

/** One resource per node, with its usage and guest counts, from a single `/cluster/resources`. */
export function mapResources(items: ClusterResource[]): ResourceInfo[] {
  const guests = items.filter((item) => (item.type === 'qemu' || item.type === 'lxc') && item.template !== 1)
  return items
    .filter((item) => item.type === 'node' && item.node)
    .sort((a, b) => a.node!.localeCompare(b.node!))
    .map((node) => {
      const on = guests.filter((guest) => guest.node === node.node)
      const count = (type: string) => {
        const of = on.filter((guest) => guest.type === type)
        return { total: of.length, running: of.filter((guest) => guest.status === 'running').length }
      }
      const total = gib(node.maxmem)
      const used = gib(node.mem)
      const status = node.status === 'online' || node.status === 'offline' ? node.status : 'unknown'
      return {
        name: node.node!,
        status,
        cpu: {
          cores: node.maxcpu ?? null,
          usage: node.cpu === undefined ? null : Math.round(node.cpu * 1000) / 10,
        },
        memory: { total, used, free: total !== null && used !== null ? Math.round((total - used) * 100) / 100 : null },
        vms: count('qemu'),
        containers: count('lxc'),
      }
    })
}
