import { imagesOf } from './catalog.js'
import { demoSeed } from './seed.js'
import type { KamateraSeed, SeedServer } from './seed.js'

const DATACENTERS = ['EU', 'US-NY2', 'IL'] as const
const ROLES = ['web', 'api', 'worker', 'db', 'cache', 'build'] as const
const CPUS = ['1B', '2B', '4B', '2A', '4D', '2T'] as const

/**
 * The demo account grown to `servers` servers over the demo's three datacenters (two thirds
 * powered on), for benchmarks and for trying Hangar on a fleet-sized list. Each server's address
 * is given rather than allocated: a datacenter's public pool is one /24, and allocating scans
 * every server.
 */
export function fleetSeed(servers: number): KamateraSeed {
  const images = new Map(
    DATACENTERS.map((datacenter) => [
      datacenter,
      imagesOf(datacenter).find((image) => image.code === '22.04 64bit')?.id,
    ]),
  )
  const generated = Array.from({ length: servers }, (_, index): SeedServer => {
    const datacenter = DATACENTERS[index % DATACENTERS.length]!
    const role = ROLES[index % ROLES.length]!
    const image = images.get(datacenter)
    return {
      name: `${role}-${datacenter.toLowerCase()}-${String(index + 1).padStart(5, '0')}`,
      datacenter,
      power: index % 3 === 2 ? 'off' : 'on',
      cpu: CPUS[index % CPUS.length]!,
      ram: 1024 * (1 + (index % 4)),
      diskSizes: [20 * (1 + (index % 3))],
      networks: [{ network: 'wan', ips: [`10.${index >> 16}.${(index >> 8) & 255}.${index & 255}`] }],
      ...(image ? { image } : {}),
      tags: [role],
    }
  })
  return { vlans: demoSeed().vlans, servers: generated }
}
