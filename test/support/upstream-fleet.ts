import type { Stack } from './start-stack.js'

/** A server as the gateway should list it, in the gateway's terms. */
export interface FleetEntry {
  id: string
  name: string
  status: string
}

/** Locks under which Proxmox is still building a guest. */
const BUILDING = new Set(['clone', 'create'])

/**
 * Every server of the stack's simulators, read from their own state (not through any API), as the
 * gateway's `servers` list should show it, sorted by id: Proxmox guests (templates left out) as
 * `pve-lab:<type>/<vmid>`, Kamatera servers as `kama:<id>`.
 */
export function upstreamFleet(stack: Stack): FleetEntry[] {
  const fleet: FleetEntry[] = []
  for (const guest of stack.simulator.state.guests.values()) {
    if (guest.config.template === '1') continue
    const lock = guest.lock
    const status =
      lock && BUILDING.has(lock)
        ? 'PROVISIONING'
        : guest.status === 'running'
          ? 'RUNNING'
          : lock === 'suspended'
            ? 'PAUSED'
            : 'STOPPED'
    fleet.push({
      id: `pve-lab:${guest.type}/${guest.vmid}`,
      name: guest.config.name ?? guest.config.hostname ?? `${guest.type}-${guest.vmid}`,
      status,
    })
  }
  for (const server of stack.kamatera?.state.servers.values() ?? []) {
    fleet.push({ id: `kama:${server.id}`, name: server.name, status: server.power === 'on' ? 'RUNNING' : 'STOPPED' })
  }
  return fleet.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

/**
 * What a refused request must leave as it was: every upstream server with its sizes and power,
 * and how many tasks and commands the upstreams were ever asked to run.
 */
export function upstreamState(stack: Stack): string {
  const guests = [...stack.simulator.state.guests.values()].map((guest) => {
    const { config } = guest
    return [
      guest.vmid,
      guest.node,
      guest.type,
      guest.status,
      guest.lock ?? null,
      config.name ?? config.hostname ?? null,
      config.cores ?? null,
      config.memory ?? null,
    ]
  })
  const servers = [...(stack.kamatera?.state.servers.values() ?? [])].map((server) => [
    server.id,
    server.name,
    server.power,
    server.cpu,
    server.ram,
    server.diskSizes,
    server.tags,
  ])
  return JSON.stringify({
    guests,
    tasks: stack.simulator.state.tasks.length,
    servers,
    commands: stack.kamatera?.state.commands.length ?? 0,
  })
}
