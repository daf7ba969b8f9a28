import { createHash, randomUUID } from 'node:crypto'
import { formatDiskSize, parseDiskSize, parsePropertyString } from './property-string.js'

/** A guest's config as PVE stores it: every value a string, `lock` included. */
export type GuestConfig = Record<string, string>

/** Config keys that hold disks, with the key PVE uses for the volume inside the string. */
const QEMU_DISK = /^(?:scsi|virtio|sata|ide)\d+$|^efidisk0$|^tpmstate0$/
const LXC_DISK = /^rootfs$|^mp\d+$/

/** A disk of a guest config. */
export interface GuestDisk {
  /** Config key: `scsi0`, `rootfs`, `mp0`, ... */
  key: string
  /** Volume id: `local-lvm:vm-100-disk-0`. */
  volid: string
  /** Size in bytes (0 if the config has none). */
  size: number
  /** True for a CD-ROM/cloud-init drive, which is not a disk in the usage sense. */
  cdrom: boolean
}

/** Lists the disks of a guest config (cloud-init drives are included, flagged `cdrom`). */
export function guestDisks(type: 'qemu' | 'lxc', config: GuestConfig): GuestDisk[] {
  const pattern = type === 'qemu' ? QEMU_DISK : LXC_DISK
  const disks: GuestDisk[] = []
  for (const [key, value] of Object.entries(config)) {
    if (!pattern.test(key)) continue
    const props = parsePropertyString(value, 'volume')
    const volid = props.get('volume') ?? props.get('file') ?? ''
    if (volid === '' || volid === 'none' || volid === 'cdrom') continue
    const cdrom = props.get('media') === 'cdrom' || volid.includes('cloudinit')
    disks.push({ key, volid, size: parseDiskSize(props.get('size') ?? '') ?? 0, cdrom })
  }
  return disks
}

/** The root disk: `scsi0`/`virtio0`/`sata0`/`ide0` (first real disk) for qemu, `rootfs` for lxc. */
export function bootDisk(type: 'qemu' | 'lxc', config: GuestConfig): GuestDisk | undefined {
  return guestDisks(type, config).find((d) => !d.cdrom)
}

/** Memory in bytes: qemu `memory` is `[current=]<MiB>` (default 512), lxc `memory` MB (default 512). */
export function memoryBytes(config: GuestConfig): number {
  const raw = config.memory ?? '512'
  const props = parsePropertyString(raw, 'current')
  return Number(props.get('current') ?? 512) * 1024 * 1024
}

/** Number of vCPUs: qemu `cores * sockets` (or `vcpus`), lxc `cores` (default: the node's). */
export function cpuCount(type: 'qemu' | 'lxc', config: GuestConfig, nodeCpus: number): number {
  if (type === 'lxc') return Number(config.cores ?? nodeCpus)
  if (config.vcpus) return Number(config.vcpus)
  return Number(config.cores ?? 1) * Number(config.sockets ?? 1)
}

/** Whether the guest agent is enabled in a qemu config (`agent: 1` or `enabled=1,...`). */
export function agentEnabled(config: GuestConfig): boolean {
  if (config.agent === undefined) return false
  const enabled = parsePropertyString(config.agent, 'enabled').get('enabled') ?? '0'
  return /^(?:1|on|yes|true)$/i.test(enabled)
}

/** A MAC in Proxmox's `BC:24:11` prefix, derived from a seed so runs are reproducible. */
export function generateMac(seed: string): string {
  const hash = createHash('sha1').update(seed).digest()
  const tail = [hash[0], hash[1], hash[2]].map((b) => (b ?? 0).toString(16).padStart(2, '0').toUpperCase())
  return ['BC', '24', '11', ...tail].join(':')
}

/** The MAC of a guest's `net<i>`: qemu `virtio=<mac>` style or `macaddr=`, lxc `hwaddr=`. */
export function netMac(type: 'qemu' | 'lxc', config: GuestConfig, index = 0): string | undefined {
  const net = config[`net${index}`]
  if (!net) return undefined
  const props = parsePropertyString(net, 'model')
  if (type === 'lxc') return props.get('hwaddr')
  if (props.get('macaddr')) return props.get('macaddr')
  for (const [key, value] of props)
    if (/^[0-9A-F]{2}(?::[0-9A-F]{2}){5}$/i.test(value) && key !== 'macaddr') return value
  return undefined
}

/** The IPv6 link-local address of a MAC (EUI-64), as the guest reports it. */
export function linkLocalIpv6(mac: string): string {
  const b = mac.split(':').map((h) => parseInt(h, 16))
  const [b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0] = b
  const hex = (hi: number, lo: number): string => ((hi << 8) | lo).toString(16)
  return `fe80::${hex(b0 ^ 2, b1)}:${hex(b2, 0xff)}:${hex(0xfe, b3)}:${hex(b4, b5)}`
}

/** PVE's config `digest`: a SHA-1 over the config, changing whenever the config does. */
export function configDigest(config: GuestConfig): string {
  const text = Object.keys(config)
    .sort()
    .map((k) => `${k}: ${config[k]}`)
    .join('\n')
  return createHash('sha1').update(text).digest('hex')
}

/** Fresh identity keys a new VM gets (clone, create): `smbios1` uuid and `vmgenid`. */
export function freshIdentity(): { smbios1: string; vmgenid: string } {
  return { smbios1: `uuid=${randomUUID()}`, vmgenid: randomUUID() }
}

/** Rewrites a disk spec for a new owner: `local-lvm:base-9000-disk-0,size=2G` → `...:vm-123-disk-0,...`. */
export function renameDiskForVmid(spec: string, vmid: number, storage?: string): string {
  const props = parsePropertyString(spec, 'volume')
  const volid = props.get('volume') ?? ''
  const m = /^([^:]+):(?:\d+\/)?(base|vm|subvol)-\d+-(.+)$/.exec(volid)
  if (!m) return spec
  const prefix = m[2] === 'base' ? 'vm' : m[2]
  props.set('volume', `${storage ?? m[1]}:${prefix}-${vmid}-${m[3]}`)
  const out = [props.get('volume') ?? '']
  for (const [k, v] of props) if (k !== 'volume') out.push(`${k}=${v}`)
  return out.join(',')
}

/**
 * Turns a new-disk request (`local-lvm:32`, PVE's `STORAGE:SIZE_GiB`) into an allocated
 * volume spec (`local-lvm:vm-123-disk-1,size=32G`); other values are returned unchanged.
 */
export function allocateDisk(spec: string, vmid: number, diskIndex: number, keepOptions = true): string {
  const props = parsePropertyString(spec, 'volume')
  const volid = props.get('volume') ?? ''
  const m = /^([a-z][a-z0-9\-_.]*[a-z0-9]):(\d+(?:\.\d+)?)$/i.exec(volid)
  if (!m) return spec
  const bytes = Math.round(Number(m[2]) * 1024 ** 3)
  const out = [`${m[1]}:vm-${vmid}-disk-${diskIndex}`]
  if (keepOptions) for (const [k, v] of props) if (k !== 'volume' && k !== 'size') out.push(`${k}=${v}`)
  out.push(`size=${formatDiskSize(bytes)}`)
  return out.join(',')
}
