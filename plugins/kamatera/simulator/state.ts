import { guestAddress, type GuestLifecycle } from 'hangar/provider-kit/testing'
import { ProxyException } from './api-error.js'
import { DATACENTERS, findCpuType, wanNetworkName } from './catalog.js'
import { stableServerId } from './ids.js'
import { ServerSnapshots } from './snapshots.js'

/** A network attachment as `server info` shows it: `wan-<dc>` is public, anything else a VLAN. */
export interface SimNetwork {
  network: string
  ips: string[]
}

/** A server of the simulated account. */
export interface SimServer {
  /** UUID-like id. */
  id: string
  name: string
  datacenter: string
  power: 'on' | 'off'
  /** True while suspended (power shows `off`). */
  suspended: boolean
  /** `<cores><type>`, e.g. `2B`. */
  cpu: string
  /** MB. */
  ram: number
  /** GB, disk 0 first. */
  diskSizes: number[]
  networks: SimNetwork[]
  billing: 'hourly' | 'monthly'
  /** Traffic package (`t5000`, `b50`); empty for hourly servers. */
  traffic: string
  managed: boolean
  backup: boolean
  /** Disk image id it was created from (`EU:6000C29...`), or `clone:<source id>`. */
  image: string
  tags: string[]
  /** Root password (kept only so tests can assert on it); the guest's root logs in with it too. */
  password: string
  /** Public keys authorised for root (`authorized_keys` text): the create's `ssh-key`, a clone's source's. */
  sshKeys: string
}

/** A private VLAN of one datacenter, e.g. `10482-backend` on `172.16.10.0/24`. */
export interface SimVlan {
  datacenter: string
  name: string
  /** The first three octets of its /24, e.g. `172.16.10`. */
  subnetPrefix: string
}

/**
 * The public IPv4 /24 each datacenter hands out: `127.<guestSubnet>.<n>.0/24`, one `n` per
 * datacenter (its place in the catalog, from 1), so every public address is a loopback address
 * this host can bind, where the server's guest answers SSH (see `plugins/simulated-guest`).
 */
function publicIndex(datacenter: string, host: number): number {
  const known = DATACENTERS.findIndex((dc) => dc.id === datacenter)
  if (known >= 0) return ((known + 1) << 8) + host
  let h = 0
  for (const ch of datacenter) h = (h * 31 + ch.charCodeAt(0)) % 200
  return ((h + 40) << 8) + host
}

const IGNORE_LIFECYCLE: GuestLifecycle<SimServer> = { started: () => {}, stopped: () => {}, removed: () => {} }

/**
 * Turns a `name` flag into the regex cloudcli-server builds, `/^NAME$/`. A pattern PCRE would refuse
 * (or one holding the `/` delimiter) makes `preg_match` warn, which Laravel turns into an exception.
 */
export function nameRegex(name: string): RegExp {
  if (/(^|[^\\])\//.test(name)) throw new ProxyException(`preg_match(): Unknown modifier in /^${name}$/`)
  try {
    return new RegExp(`^${name}$`)
  } catch (err) {
    throw new ProxyException(`preg_match(): Compilation failed: ${String(err)}`)
  }
}

/** The mutable world: servers (in creation order), VLANs and address pools. */
export class KamateraState {
  readonly servers = new Map<string, SimServer>()
  readonly vlans: SimVlan[] = []
  /** Names of servers whose create command is still running (for the `(1)` suffix). */
  readonly pendingNames = new Set<string>()
  /** Snapshot trees by server id (made on first use). */
  readonly snapshots = new Map<string, ServerSnapshots>()
  /** Who is told about servers powering on and off and being terminated (their guests). */
  lifecycle: GuestLifecycle<SimServer> = IGNORE_LIFECYCLE
  private createdCount = 0
  private snapshotCount = 0

  /** @param guestSubnet second octet of the public addresses, `127.<guestSubnet>.x.y`. */
  constructor(readonly guestSubnet = 240) {}

  /** Adds a server (seed, create, clone); a powered-on one starts its guest. */
  addServer(server: SimServer): void {
    this.servers.set(server.id, server)
    if (server.power === 'on') this.lifecycle.started(server)
  }

  /** Terminates a server: it leaves the list and its guest goes. False when it was not there. */
  removeServer(id: string): boolean {
    const server = this.servers.get(id)
    if (!server) return false
    this.servers.delete(id)
    this.lifecycle.removed(server)
    return true
  }

  /** Powers a server on or off (`suspended` as given); its guest starts or stops only on a change. */
  setPower(server: SimServer, power: 'on' | 'off', suspended = false): void {
    const was = server.power
    server.power = power
    server.suspended = suspended
    if (was === power) return
    if (power === 'on') this.lifecycle.started(server)
    else this.lifecycle.stopped(server)
  }

  /** Reboots a running server: its guest starts afresh. */
  reboot(server: SimServer): void {
    if (server.power === 'on') this.lifecycle.started(server)
  }

  /** The snapshot tree of a server, empty until its first snapshot. */
  snapshotsOf(serverId: string): ServerSnapshots {
    let tree = this.snapshots.get(serverId)
    if (!tree) {
      tree = new ServerSnapshots()
      this.snapshots.set(serverId, tree)
    }
    return tree
  }

  /** A snapshot id unused in the whole account. */
  nextSnapshotId(): number {
    this.snapshotCount += 1
    return 1_000 + this.snapshotCount
  }

  /** Every server whose whole name matches the anchored regex, in list order. */
  matchName(name: string): SimServer[] {
    const re = nameRegex(name)
    return [...this.servers.values()].filter((s) => re.test(s.name))
  }

  /** An unused name: `name` itself, or `name(1)`, `name(2)`, ... */
  freeName(name: string): string {
    const taken = (n: string): boolean =>
      this.pendingNames.has(n) || [...this.servers.values()].some((s) => s.name === n)
    if (!taken(name)) return name
    for (let i = 1; ; i++) if (!taken(`${name}(${i})`)) return `${name}(${i})`
  }

  /** A stable id for the next server created through the API. */
  nextServerId(): string {
    this.createdCount += 1
    return stableServerId(`created:${this.createdCount}`)
  }

  /** A free public IP in the datacenter's pool. */
  allocatePublicIp(datacenter: string): string {
    const network = wanNetworkName(datacenter)
    for (let host = 10; host < 255; host++) {
      const ip = guestAddress(publicIndex(datacenter, host), this.guestSubnet)
      if (!this.ipInUse(network, ip)) return ip
    }
    throw new ProxyException(`address pool ${guestAddress(publicIndex(datacenter, 0), this.guestSubnet)}/24 exhausted`)
  }

  /** A free IP on a VLAN (or `undefined` for an unknown VLAN). */
  allocateVlanIp(vlan: SimVlan): string {
    return this.allocate(vlan.subnetPrefix, vlan.name, 10)
  }

  /** Whether an IP is in use on a network. */
  ipInUse(network: string, ip: string): boolean {
    return [...this.servers.values()].some((s) => s.networks.some((n) => n.network === network && n.ips.includes(ip)))
  }

  /** A VLAN of a datacenter by (lower-case) name. */
  findVlan(datacenter: string, name: string): SimVlan | undefined {
    return this.vlans.find((v) => v.datacenter === datacenter && v.name.toLowerCase() === name)
  }

  /** VLAN names by datacenter, for the options map. */
  vlanNames(): Map<string, string[]> {
    const out = new Map<string, string[]>()
    for (const v of this.vlans) out.set(v.datacenter, [...(out.get(v.datacenter) ?? []), v.name])
    return out
  }

  private allocate(prefix: string, network: string, from: number): string {
    for (let host = from; host < 255; host++) {
      const ip = `${prefix}.${host}`
      if (!this.ipInUse(network, ip)) return ip
    }
    throw new ProxyException(`address pool ${prefix}.0/24 exhausted`)
  }
}

/** Whether `cpu` is `<cores><type>` with cores allowed for that type. */
export function validCpu(cpu: string): boolean {
  const match = /^(\d+)([A-Z])$/.exec(cpu)
  const type = match ? findCpuType(match[2] ?? '') : undefined
  return Boolean(match && type?.cpuCores.includes(Number(match[1])))
}

/** Whether `ram` (MB) is allowed for the CPU type of `cpu`. */
export function validRam(cpu: string, ram: number): boolean {
  const type = findCpuType(cpu.slice(-1))
  return Boolean(type?.ramMB.includes(ram))
}
