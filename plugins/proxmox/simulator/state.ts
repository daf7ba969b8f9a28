import { ApiError } from './api-error.js'
import type { GuestConfig } from './guest-config.js'
import type { GuestLifecycle as SharedGuestLifecycle } from 'hangar/provider-kit/testing'

/** Guest kinds, named as in the API paths. */
export type GuestType = 'qemu' | 'lxc'

/** A cluster node. */
export interface SimNode {
  name: string
  /** False once taken offline: its guests show `unknown`, proxied calls fail with 595. */
  online: boolean
  cpuModel: string
  sockets: number
  cores: number
  /** Threads (`maxcpu`). */
  cpus: number
  /** Bytes of RAM. */
  memory: number
  /** Bytes of the root filesystem. */
  rootfs: number
  /** Epoch ms the node booted, for `uptime`. */
  bootedAt: number
  /** Node index in the cluster (1-based), used for its IP and fingerprint. */
  index: number
}

/** A storage as configured on one node. */
export interface SimStorage {
  node: string
  storage: string
  /** Plugin type: `dir`, `lvmthin`, `zfspool`, `nfs`, ... */
  type: string
  /** Allowed content types: `images`, `rootdir`, `vztmpl`, `iso`, `backup`, `snippets`. */
  content: string[]
  shared: boolean
  /** Capacity in bytes. */
  total: number
  /** Bytes used besides the guest disks listed in configs. */
  baseUsed: number
}

/** A network interface of a node, as `/etc/network/interfaces` declares it. */
export interface SimNetworkInterface {
  node: string
  iface: string
  /** `eth`, `bridge`, `bond`, `vlan`, `OVSBridge`, ... (the `type` of `GET /nodes/{node}/network`). */
  type: string
  active: boolean
  autostart: boolean
  /** IPv4 method: `static` with an address, `manual` without. */
  method: 'static' | 'manual' | 'dhcp'
  /** `10.0.0.11/24` for an interface with an address. */
  cidr?: string
  gateway?: string
  /** Bridges: the ports (`eno1`), space separated. */
  bridgePorts?: string
  /** Bonds: the slaves, space separated. */
  slaves?: string
  comments?: string
}

/** A static volume on a storage (templates, ISOs, backups, snippets). */
export interface SimVolume {
  node: string
  storage: string
  volid: string
  content: 'vztmpl' | 'iso' | 'backup' | 'snippets' | 'images' | 'rootdir'
  format: string
  size: number
  ctime: number
  vmid?: number
}

/** A command started through the qemu guest agent's `exec`. */
export interface SimExec {
  pid: number
  command: string[]
  startedAt: number
  exitcode: number
  out: string
  err: string
}

/** A snapshot of a guest, as PVE keeps it in the `[snapname]` sections of the guest's config. */
export interface SimSnapshot {
  name: string
  description: string
  /** Epoch seconds it was taken. */
  snaptime: number
  /** The snapshot that was `current`'s parent when this one was taken. */
  parent?: string
  /** qemu only: RAM state saved with it (only ever for a VM that was running). */
  vmstate: boolean
  /** Set while a task is making (`prepare`) or deleting (`delete`) it. */
  snapstate?: 'prepare' | 'delete'
  /** The guest's config at the time, restored by a rollback (no `lock`, no `parent`). */
  config: GuestConfig
}

/** A VM or container. */
export interface SimGuest {
  vmid: number
  node: string
  type: GuestType
  status: 'running' | 'stopped'
  /** qemu only: QMP status (`paused` after suspend). */
  qmpstatus: 'running' | 'paused' | 'stopped'
  /** The config, `lock` included, values as strings like in `/etc/pve`. */
  config: GuestConfig
  /** Epoch ms of the last start (running guests). */
  startedAt?: number
  /** Host PID of the running guest. */
  pid?: number
  /** Guest-agent / interface polls since the last start (drives the agent warm-up). */
  agentPolls: number
  /** Guest-agent exec commands by pid. */
  execs: Map<number, SimExec>
  /** lxc only: the `ssh-public-keys` given at create time (plain, one per line), authorised for `root`. */
  sshPublicKeys?: string
  /**
   * qemu only: created from scratch with new, empty disks (at most an installer ISO), so no OS
   * with a guest agent ever boots: the agent keeps answering `QEMU guest agent is not running`.
   */
  blank?: boolean
  /** Snapshots by name; the config's `parent` names the one the guest runs after. */
  snapshots?: Map<string, SimSnapshot>
}

/** Told when Proxmox guests start, stop and disappear (see `proxmox-guests.ts`). */
export type GuestLifecycle = SharedGuestLifecycle<SimGuest>

const IGNORE_LIFECYCLE: GuestLifecycle = { started: () => {}, stopped: () => {}, removed: () => {} }

/** The mutable world of the simulator. */
export class SimulatorState {
  clusterName: string
  readonly nodes = new Map<string, SimNode>()
  readonly storages: SimStorage[] = []
  readonly volumes: SimVolume[] = []
  /** Network interfaces of all nodes. */
  readonly networks: SimNetworkInterface[] = []
  readonly guests = new Map<number, SimGuest>()
  /** Who is told about guests starting, stopping and disappearing. */
  lifecycle: GuestLifecycle = IGNORE_LIFECYCLE
  private nextPid = 200_000

  constructor(clusterName: string) {
    this.clusterName = clusterName
  }

  /** A fresh host PID. */
  allocatePid(): number {
    this.nextPid += 1 + Math.floor(Math.random() * 40)
    return this.nextPid
  }

  /** The node named in a path; unknown nodes fail like pveproxy's node lookup. */
  requireNode(name: string): SimNode {
    const node = this.nodes.get(name)
    if (!node)
      throw new ApiError(
        500,
        `hostname lookup '${name}' failed - failed to get address info for: ${name}: Name or service not known`,
      )
    return node
  }

  /**
   * The guest `vmid` of `type` on `node`. PVE reads `/etc/pve/nodes/<node>/<dir>/<vmid>.conf`,
   * so a vmid on another node or of the other type fails the same way as an unknown one.
   */
  requireGuest(node: string, type: GuestType, vmid: number): SimGuest {
    const guest = this.guests.get(vmid)
    if (!guest || guest.node !== node || guest.type !== type) {
      const file = type === 'qemu' ? `nodes/${node}/qemu-server/${vmid}.conf` : `nodes/${node}/lxc/${vmid}.conf`
      throw new ApiError(500, `Configuration file '${file}' does not exist`)
    }
    return guest
  }

  /** Storages of one node. */
  nodeStorages(node: string): SimStorage[] {
    return this.storages.filter((s) => s.node === node)
  }

  /** One storage of a node, or a 500 like PVE's `storage 'x' does not exist`. */
  requireStorage(node: string, storage: string): SimStorage {
    const found = this.storages.find((s) => s.node === node && s.storage === storage)
    if (!found) throw new ApiError(500, `storage '${storage}' does not exist`)
    return found
  }

  /**
   * Checks that `bridge` is a bridge on `node`, failing like qemu-server's and pve-container's
   * tap/veth setup: `bridge 'vmbr9' does not exist`.
   */
  requireBridge(node: string, bridge: string): void {
    const found = this.networks.some(
      (n) => n.node === node && n.iface === bridge && (n.type === 'bridge' || n.type === 'OVSBridge'),
    )
    if (!found) throw new ApiError(500, `bridge '${bridge}' does not exist`)
  }

  /** Removes `guest` if it is still the one under its vmid, telling the lifecycle listener. */
  removeGuest(guest: SimGuest): void {
    if (this.guests.get(guest.vmid) !== guest) return
    this.guests.delete(guest.vmid)
    this.lifecycle.removed(guest)
  }

  /** The lowest free vmid from 100 up. */
  nextFreeVmid(): number {
    let id = 100
    while (this.guests.has(id)) id += 1
    return id
  }
}
