import { freshIdentity, generateMac } from './guest-config.js'
import type { GuestConfig } from './guest-config.js'
import { defaultNodeNetworks } from './node-network.js'
import { SimulatorState } from './state.js'
import type { GuestType, SimNetworkInterface, SimVolume } from './state.js'

const GiB = 1024 ** 3

/** A node of a custom seed. */
export interface SeedNode {
  name: string
  /** Defaults to true. */
  online?: boolean
  cpuModel?: string
  /** Physical cores (default 8); threads are twice that. */
  cores?: number
  /** RAM in bytes (default 64 GiB). */
  memory?: number
}

/** A storage of a custom seed; without `node` it is created on every node. */
export interface SeedStorage {
  node?: string
  storage: string
  type: string
  content: string[]
  shared?: boolean
  /** Capacity in bytes. */
  total: number
  /** Bytes used besides guest disks. */
  used?: number
}

/** A guest of a custom seed. */
export interface SeedGuest {
  vmid: number
  node: string
  type: GuestType
  /** Defaults to `stopped`. */
  status?: 'running' | 'stopped'
  /** The config, values as PVE writes them (`cores: '2'`, `net0: 'virtio=...,bridge=vmbr0'`). */
  config: GuestConfig
  /** lxc only: root's authorised keys, as given to create's `ssh-public-keys` (one per line). */
  sshPublicKeys?: string
}

/** The initial world of a simulator: nodes, storages, static volumes and guests. */
export interface SimulatorSeed {
  clusterName?: string
  nodes: SeedNode[]
  /** Defaults to `local` (dir) and `local-lvm` (lvmthin) on each node. */
  storages?: SeedStorage[]
  /** Templates, ISOs, backups and snippets; guest disks are derived from the guest configs. */
  volumes?: Array<Omit<SimVolume, 'ctime'> & { ctime?: number }>
  guests?: SeedGuest[]
  /** Network interfaces; defaults to `eno1` enslaved to `vmbr0` (the node's address) on each node. */
  networks?: SimNetworkInterface[]
}

const DEFAULT_STORAGES: SeedStorage[] = [
  { storage: 'local', type: 'dir', content: ['iso', 'vztmpl', 'backup', 'snippets'], total: 100 * GiB, used: 14 * GiB },
  { storage: 'local-lvm', type: 'lvmthin', content: ['images', 'rootdir'], total: 800 * GiB, used: 0 },
]

const DEBIAN_CT_TEMPLATE = 'local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst'

/** The size and tags every seeded guest is given. */
interface SeedSize {
  cores: number
  memory: number
  /** GiB of the root disk. */
  disk: number
  tags: string
}

function qemu(
  vmid: number,
  node: string,
  name: string,
  status: NonNullable<SeedGuest['status']>,
  opts: SeedSize & { ostype?: string; extraDisks?: number[]; agent?: boolean },
): SeedGuest {
  const config: GuestConfig = {
    name,
    cores: String(opts.cores),
    sockets: '1',
    memory: String(opts.memory),
    cpu: 'x86-64-v2-AES',
    ostype: opts.ostype ?? 'l26',
    scsihw: 'virtio-scsi-single',
    scsi0: `local-lvm:vm-${vmid}-disk-0,iothread=1,size=${opts.disk}G`,
    net0: `virtio=${generateMac(`seed-${vmid}`)},bridge=vmbr0,firewall=1`,
    boot: 'order=scsi0;net0',
    onboot: status === 'running' ? '1' : '0',
    tags: opts.tags,
    ...freshIdentity(),
  }
  if (opts.agent !== false) config.agent = '1'
  opts.extraDisks?.forEach((size, i) => {
    config[`scsi${i + 1}`] = `local-lvm:vm-${vmid}-disk-${i + 1},iothread=1,size=${size}G`
  })
  return { vmid, node, type: 'qemu', status, config }
}

function lxc(
  vmid: number,
  node: string,
  hostname: string,
  status: NonNullable<SeedGuest['status']>,
  opts: SeedSize,
): SeedGuest {
  const config: GuestConfig = {
    arch: 'amd64',
    hostname,
    cores: String(opts.cores),
    memory: String(opts.memory),
    swap: '512',
    ostype: 'debian',
    rootfs: `local-lvm:vm-${vmid}-disk-0,size=${opts.disk}G`,
    net0: `name=eth0,bridge=vmbr0,firewall=1,hwaddr=${generateMac(`seed-${vmid}`)},ip=dhcp,type=veth`,
    features: 'nesting=1',
    unprivileged: '1',
    onboot: status === 'running' ? '1' : '0',
    tags: opts.tags,
  }
  return { vmid, node, type: 'lxc', status, config }
}

/** Two nodes (`pve1`, `pve2`) of cluster `lab`, a dozen guests, a cloud-init template and a CT template. */
export function demoSeed(): SimulatorSeed {
  const templateConfig: GuestConfig = {
    name: 'debian-12-cloudinit',
    template: '1',
    cores: '1',
    sockets: '1',
    memory: '1024',
    cpu: 'x86-64-v2-AES',
    ostype: 'l26',
    agent: '1',
    scsihw: 'virtio-scsi-single',
    scsi0: 'local-lvm:base-9000-disk-0,iothread=1,size=2G',
    ide2: 'local-lvm:vm-9000-cloudinit,media=cdrom',
    net0: `virtio=${generateMac('seed-9000')},bridge=vmbr0`,
    ipconfig0: 'ip=dhcp',
    ciuser: 'debian',
    serial0: 'socket',
    vga: 'serial0',
    boot: 'order=scsi0',
    description: 'Debian 12 generic cloud image with qemu-guest-agent',
    tags: 'template;debian',
    ...freshIdentity(),
  }
  return {
    clusterName: 'lab',
    nodes: [
      { name: 'pve1', cpuModel: 'AMD EPYC 7302P 16-Core Processor', cores: 16, memory: 128 * GiB },
      { name: 'pve2', cpuModel: 'Intel(R) Xeon(R) E-2288G CPU @ 3.70GHz', cores: 8, memory: 64 * GiB },
    ],
    volumes: ['pve1', 'pve2'].flatMap(
      (node): Array<Omit<SimVolume, 'ctime'> & { ctime?: number }> => [
        {
          node,
          storage: 'local',
          volid: DEBIAN_CT_TEMPLATE,
          content: 'vztmpl',
          format: 'tzst',
          size: 126_089_728,
          ctime: 1_727_000_000,
        },
        {
          node,
          storage: 'local',
          volid: 'local:iso/debian-12.8.0-amd64-netinst.iso',
          content: 'iso',
          format: 'iso',
          size: 661_651_456,
          ctime: 1_731_000_000,
        },
        {
          node,
          storage: 'local',
          volid: 'local:snippets/hangar-user-data.yaml',
          content: 'snippets',
          format: 'snippet',
          size: 1_204,
          ctime: 1_733_000_000,
        },
      ],
    ),
    networks: [
      ...defaultNodeNetworks('pve1', 1),
      { node: 'pve1', iface: 'eno2', type: 'eth', active: true, autostart: true, method: 'manual' },
      {
        node: 'pve1',
        iface: 'vmbr1',
        type: 'bridge',
        active: true,
        autostart: true,
        method: 'manual',
        bridgePorts: 'eno2',
        comments: 'lab VLAN trunk',
      },
      ...defaultNodeNetworks('pve2', 2),
    ],
    guests: [
      qemu(100, 'pve1', 'web-01', 'running', { cores: 2, memory: 4096, disk: 32, tags: 'prod;web' }),
      qemu(101, 'pve1', 'web-02', 'running', { cores: 2, memory: 4096, disk: 32, tags: 'prod;web' }),
      qemu(102, 'pve1', 'db-01', 'running', { cores: 4, memory: 16384, disk: 64, tags: 'db;prod', extraDisks: [200] }),
      qemu(103, 'pve1', 'monitoring-01', 'stopped', { cores: 2, memory: 8192, disk: 100, tags: 'infra' }),
      qemu(104, 'pve2', 'db-02', 'running', {
        cores: 4,
        memory: 16384,
        disk: 64,
        tags: 'db;prod;replica',
        extraDisks: [200],
      }),
      qemu(105, 'pve2', 'ci-runner-01', 'stopped', { cores: 8, memory: 16384, disk: 120, tags: 'ci' }),
      qemu(106, 'pve2', 'win-build-01', 'stopped', {
        cores: 4,
        memory: 8192,
        disk: 128,
        tags: 'ci;windows',
        ostype: 'win11',
        agent: false,
      }),
      lxc(200, 'pve1', 'proxy-01', 'running', { cores: 1, memory: 512, disk: 8, tags: 'edge;prod' }),
      lxc(201, 'pve1', 'dns-01', 'running', { cores: 1, memory: 256, disk: 4, tags: 'infra' }),
      lxc(202, 'pve2', 'cache-01', 'running', { cores: 2, memory: 2048, disk: 8, tags: 'prod;redis' }),
      lxc(203, 'pve2', 'backup-01', 'stopped', { cores: 2, memory: 1024, disk: 16, tags: 'infra' }),
      lxc(204, 'pve2', 'staging-app-01', 'stopped', { cores: 2, memory: 2048, disk: 16, tags: 'staging' }),
      { vmid: 9000, node: 'pve1', type: 'qemu', status: 'stopped', config: templateConfig },
    ],
  }
}

/** Two bare nodes of cluster `lab`, with their default storages and nothing else. */
export function emptySeed(): SimulatorSeed {
  return { clusterName: 'lab', nodes: [{ name: 'pve1' }, { name: 'pve2' }] }
}

/** Builds the simulator's state from a seed. */
export function buildState(seed: SimulatorSeed, allocatePid: () => number = () => 0): SimulatorState {
  const state = new SimulatorState(seed.clusterName ?? 'lab')
  const now = Date.now()
  seed.nodes.forEach((n, i) => {
    const cores = n.cores ?? 8
    state.nodes.set(n.name, {
      name: n.name,
      online: n.online ?? true,
      cpuModel: n.cpuModel ?? 'AMD Ryzen 9 5950X 16-Core Processor',
      sockets: 1,
      cores,
      cpus: cores * 2,
      memory: n.memory ?? 64 * GiB,
      rootfs: 100 * GiB,
      bootedAt: now - (864_000 + i * 3_600) * 1000,
      index: i + 1,
    })
  })
  for (const s of seed.storages ?? DEFAULT_STORAGES) {
    for (const node of s.node ? [s.node] : [...state.nodes.keys()]) {
      state.storages.push({
        node,
        storage: s.storage,
        type: s.type,
        content: [...s.content],
        shared: s.shared ?? false,
        total: s.total,
        baseUsed: s.used ?? 0,
      })
    }
  }
  const networks = seed.networks ?? seed.nodes.flatMap((n, i) => defaultNodeNetworks(n.name, i + 1))
  for (const n of networks) state.networks.push({ ...n })
  for (const v of seed.volumes ?? []) state.volumes.push({ ...v, ctime: v.ctime ?? Math.floor(now / 1000) })
  for (const g of seed.guests ?? []) {
    const running = g.status === 'running'
    state.guests.set(g.vmid, {
      vmid: g.vmid,
      node: g.node,
      type: g.type,
      status: running ? 'running' : 'stopped',
      qmpstatus: running ? 'running' : 'stopped',
      config: { ...g.config },
      ...(running ? { startedAt: now - (3 * 86_400 + g.vmid * 97) * 1000, pid: allocatePid() } : {}),
      // Seeded running guests have long been up, so their agent already answers.
      agentPolls: running ? Number.MAX_SAFE_INTEGER / 2 : 0,
      execs: new Map(),
      ...(g.sshPublicKeys !== undefined ? { sshPublicKeys: g.sshPublicKeys } : {}),
    })
  }
  return state
}

/**
 * The demo cluster grown to `guests` guests spread over `nodes` nodes (two VMs for each container,
 * two thirds running), for benchmarks and for trying Hangar on a fleet-sized list.
 */
export function fleetSeed(guests: number, nodes = 4): SimulatorSeed {
  // The demo's interfaces name only pve1 and pve2: every fleet node gets the defaults instead.
  const { networks: _demoNetworks, ...base } = demoSeed()
  const nodeNames = Array.from({ length: nodes }, (_, index) => `pve${index + 1}`)
  const roles = ['web', 'api', 'worker', 'db', 'cache', 'build']
  const generated = Array.from({ length: guests }, (_, index): SeedGuest => {
    const vmid = 1000 + index
    const node = nodeNames[index % nodes]!
    const role = roles[index % roles.length]!
    const status = index % 3 === 2 ? 'stopped' : 'running'
    const name = `${role}-${String(index + 1).padStart(4, '0')}`
    return index % 3 === 1
      ? lxc(vmid, node, name, status, { cores: 1 + (index % 4), memory: 512 * (1 + (index % 4)), disk: 8, tags: role })
      : qemu(vmid, node, name, status, {
          cores: 2 + (index % 3) * 2,
          memory: 2048 * (1 + (index % 4)),
          disk: 32,
          tags: role,
        })
  })
  return {
    ...base,
    nodes: nodeNames.map((name, index) => ({ name, cores: 16, memory: (index % 2 === 0 ? 256 : 128) * GiB })),
    volumes: nodeNames.flatMap((node) =>
      (base.volumes ?? []).filter((volume) => volume.node === 'pve1').map((volume) => ({ ...volume, node })),
    ),
    guests: [...(base.guests ?? []).filter((guest) => guest.vmid === 9000), ...generated],
  }
}
