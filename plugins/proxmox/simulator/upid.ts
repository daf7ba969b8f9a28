/** The fields of a Proxmox task id (pve-common `PVE::UPID`). */
export interface Upid {
  node: string
  pid: number
  pstart: number
  /** Epoch seconds. */
  starttime: number
  type: string
  id: string
  user: string
}

const hex8 = (n: number): string => n.toString(16).toUpperCase().padStart(8, '0')

/** `UPID:{node}:{pid:08X}:{pstart:08X}:{starttime:08X}:{type}:{id}:{user}:` (note the trailing colon). */
export function formatUpid(u: Upid): string {
  return `UPID:${u.node}:${hex8(u.pid)}:${hex8(u.pstart)}:${hex8(u.starttime)}:${u.type}:${u.id}:${u.user}:`
}

const UPID_RE = new RegExp(
  /^UPID:([a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?):([0-9A-F]{8}):([0-9A-F]{8,9}):/.source +
    /([0-9A-F]{8}):([^:\s]+):([^:\s]*):([^:\s]+):$/.source,
)

/** Decodes a UPID like `PVE::Tools::upid_decode`, or returns undefined when it does not parse. */
export function parseUpid(text: string): Upid | undefined {
  const m = UPID_RE.exec(text)
  if (!m) return undefined
  return {
    node: m[1] ?? '',
    pid: parseInt(m[3] ?? '0', 16),
    pstart: parseInt(m[4] ?? '0', 16),
    starttime: parseInt(m[5] ?? '0', 16),
    type: m[6] ?? '',
    id: m[7] ?? '',
    user: m[8] ?? '',
  }
}
