import { imagesOf, wanNetworkName } from './catalog.js'
import { stableServerId } from './ids.js'
import { KamateraState } from './state.js'
import type { SimNetwork, SimServer } from './state.js'

/** A VLAN of a custom seed. */
export interface SeedVlan {
  datacenter: string
  /** As `server info` shows it, e.g. `10482-backend` (lower case). */
  name: string
  /** First three octets of its /24; default `172.16.<n>`. */
  subnetPrefix?: string
}

/** A server of a custom seed; everything but name and datacenter has a default. */
export interface SeedServer {
  /** Default: a UUID-like id derived from datacenter and name (stable across runs). */
  id?: string
  name: string
  datacenter: string
  /** Default `on`. */
  power?: 'on' | 'off'
  /** Default `1B`. */
  cpu?: string
  /** MB, default 1024. */
  ram?: number
  /** GB, default `[20]`. */
  diskSizes?: number[]
  /**
   * Default one `wan` network. `wan` stands for `wan-<dc>`; any other name must be a seed VLAN.
   * IPs left out are allocated from the datacenter's public pool or the VLAN's subnet.
   */
  networks?: Array<{ network: string; ips?: string[] }>
  /** Default `hourly`. */
  billing?: 'hourly' | 'monthly'
  /** Default `t5000` for monthly servers, empty for hourly ones. */
  traffic?: string
  managed?: boolean
  backup?: boolean
  /** Default: the datacenter's Ubuntu 22.04 image. */
  image?: string
  tags?: string[]
}

/** The initial account of a simulator. */
export interface KamateraSeed {
  vlans?: SeedVlan[]
  servers: SeedServer[]
}

/** No servers, no VLANs. */
export function emptySeed(): KamateraSeed {
  return { servers: [] }
}

/** A dozen servers in EU, US-NY2 and IL, on and off, hourly and monthly, some on a private VLAN. */
export function demoSeed(): KamateraSeed {
  const wan = { network: 'wan' }
  return {
    vlans: [
      { datacenter: 'EU', name: '10482-backend', subnetPrefix: '172.16.10' },
      { datacenter: 'US-NY2', name: '20731-db-private', subnetPrefix: '172.16.20' },
      { datacenter: 'IL', name: '30517-internal', subnetPrefix: '172.16.30' },
    ],
    servers: [
      {
        name: 'web-eu-01',
        datacenter: 'EU',
        cpu: '2B',
        ram: 4096,
        diskSizes: [20],
        networks: [wan, { network: '10482-backend' }],
        tags: ['web'],
      },
      {
        name: 'web-eu-02',
        datacenter: 'EU',
        cpu: '2B',
        ram: 4096,
        diskSizes: [20],
        networks: [wan, { network: '10482-backend' }],
        tags: ['web'],
      },
      {
        name: 'api-eu-01',
        datacenter: 'EU',
        cpu: '4B',
        ram: 8192,
        diskSizes: [40],
        networks: [wan, { network: '10482-backend' }],
        billing: 'monthly',
        traffic: 't5000',
      },
      { name: 'worker-eu-01', datacenter: 'EU', power: 'off', cpu: '1A', ram: 2048, diskSizes: [20] },
      {
        name: 'db-eu-01',
        datacenter: 'EU',
        cpu: '4D',
        ram: 16384,
        diskSizes: [50, 200],
        networks: [wan, { network: '10482-backend' }],
        billing: 'monthly',
        traffic: 'b50',
        backup: true,
      },
      { name: 'web-ny-01', datacenter: 'US-NY2', cpu: '2B', ram: 4096, diskSizes: [30], tags: ['web'] },
      {
        name: 'api-ny-01',
        datacenter: 'US-NY2',
        cpu: '4B',
        ram: 8192,
        diskSizes: [40],
        networks: [wan, { network: '20731-db-private' }],
        billing: 'monthly',
        traffic: 't5000',
      },
      {
        name: 'db-ny-01',
        datacenter: 'US-NY2',
        cpu: '8D',
        ram: 32768,
        diskSizes: [100, 500],
        networks: [wan, { network: '20731-db-private' }],
        billing: 'monthly',
        traffic: 't10000',
        backup: true,
        managed: true,
      },
      { name: 'cache-ny-01', datacenter: 'US-NY2', power: 'off', cpu: '2T', ram: 2048, diskSizes: [20] },
      { name: 'vpn-il-01', datacenter: 'IL', cpu: '1B', ram: 1024, diskSizes: [10] },
      {
        name: 'ci-il-01',
        datacenter: 'IL',
        power: 'off',
        cpu: '8B',
        ram: 16384,
        diskSizes: [100],
        networks: [wan, { network: '30517-internal' }],
      },
      {
        name: 'build-il-01',
        datacenter: 'IL',
        cpu: '4T',
        ram: 8192,
        diskSizes: [60],
        networks: [wan, { network: '30517-internal' }],
      },
    ],
  }
}

/** Builds the simulator state from a seed. */
export function buildState(seed: KamateraSeed, guestSubnet?: number): KamateraState {
  const state = new KamateraState(guestSubnet)
  ;(seed.vlans ?? []).forEach((v, i) => {
    state.vlans.push({
      datacenter: v.datacenter,
      name: v.name.toLowerCase(),
      subnetPrefix: v.subnetPrefix ?? `172.16.${100 + i}`,
    })
  })
  for (const s of seed.servers) {
    const billing = s.billing ?? 'hourly'
    const server: SimServer = {
      id: s.id ?? stableServerId(`seed:${s.datacenter}:${s.name}`),
      name: s.name,
      datacenter: s.datacenter,
      power: s.power ?? 'on',
      suspended: false,
      cpu: s.cpu ?? '1B',
      ram: s.ram ?? 1024,
      diskSizes: [...(s.diskSizes ?? [20])],
      networks: [],
      billing,
      traffic: billing === 'monthly' ? (s.traffic ?? 't5000') : '',
      managed: s.managed ?? false,
      backup: s.backup ?? false,
      image: s.image ?? imagesOf(s.datacenter).find((i) => i.code === '22.04 64bit')?.id ?? '',
      tags: [...(s.tags ?? [])],
      password: 'Seeded-Passw0rd',
      sshKeys: '',
    }
    if (state.servers.has(server.id)) throw new Error(`duplicate seed server id ${server.id}`)
    // Insert first so allocation sees the addresses taken by earlier networks of the same server.
    // Guests are started by the simulator once its runtime is there.
    state.servers.set(server.id, server)
    for (const n of s.networks ?? [{ network: 'wan' }]) server.networks.push(seedNetwork(state, server.datacenter, n))
  }
  return state
}

function seedNetwork(state: KamateraState, datacenter: string, n: { network: string; ips?: string[] }): SimNetwork {
  if (n.network === 'wan' || n.network === wanNetworkName(datacenter)) {
    return { network: wanNetworkName(datacenter), ips: n.ips ?? [state.allocatePublicIp(datacenter)] }
  }
  const vlan = state.findVlan(datacenter, n.network.toLowerCase())
  if (!vlan) throw new Error(`seed network ${n.network} is not a VLAN of ${datacenter}`)
  return { network: vlan.name, ips: n.ips ?? [state.allocateVlanIp(vlan)] }
}
