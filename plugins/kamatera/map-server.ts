import type { ResourceInfo, ServerInfo, ServerState } from 'hangar/provider-kit'
import type { KamateraServerInfo } from './upstream-schemas.js'

/** `"on"` runs; `"off"` is stopped; anything else (suspended, ...) is not known to us. */
export function powerState(power: string): ServerState {
  if (power === 'on') return 'RUNNING'
  if (power === 'off') return 'STOPPED'
  return 'UNKNOWN'
}

/** `"2B"` → 2 cores (the letter is the CPU type). */
export function coresOf(cpu: string | undefined): number | null {
  const match = /^(\d+)[A-Za-z]$/.exec(cpu ?? '')
  return match ? Number(match[1]) : null
}

/** Public addresses (networks named `wan-*`) first, then private VLAN ones. */
export function ipsOf(info: Pick<KamateraServerInfo, 'networks'>): string[] {
  const networks = info.networks ?? []
  const isPublic = (name: string) => name.startsWith('wan')
  return [
    ...networks.filter((network) => isPublic(network.network)),
    ...networks.filter((network) => !isPublic(network.network)),
  ].flatMap((network) => network.ips)
}

/** A server from its list entry, with its details when the info call had them. */
export function mapServer(
  summary: { id: string; name: string; power: string; datacenter: string },
  info?: KamateraServerInfo,
): ServerInfo {
  const disks = info?.diskSizes ?? []
  return {
    nativeId: summary.id,
    name: summary.name,
    kind: 'VM',
    status: powerState(summary.power),
    location: summary.datacenter,
    cpu: coresOf(info?.cpu),
    memoryMb: info?.ram ?? null,
    diskGb: disks.length > 0 ? disks.reduce((total, size) => total + size, 0) : null,
    ips: info ? ipsOf(info) : [],
    details: { ...summary, ...info },
  }
}

/** One resource per datacenter in use, with the cores and memory its servers were given. */
export function mapResources(servers: ServerInfo[]): ResourceInfo[] {
  const byDatacenter = new Map<string, ServerInfo[]>()
  for (const server of servers) {
    const datacenter = server.location ?? 'unknown'
    byDatacenter.set(datacenter, [...(byDatacenter.get(datacenter) ?? []), server])
  }
  return [...byDatacenter.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, members]) => {
      const running = members.filter((server) => server.status === 'RUNNING')
      const gib = (servers: ServerInfo[]) =>
        Math.round((servers.reduce((total, server) => total + (server.memoryMb ?? 0), 0) / 1024) * 100) / 100
      return {
        name,
        status: 'online' as const,
        // A cloud datacenter has no fixed capacity to show: cores and memory are what this
        // account's servers were given there, and "used" is what the running ones hold.
        cpu: { cores: members.reduce((total, server) => total + (server.cpu ?? 0), 0), usage: null },
        memory: { total: gib(members), used: gib(running), free: null },
        vms: { total: members.length, running: running.length },
        containers: { total: 0, running: 0 },
      }
    })
}
