/**
 * Reading and writing the comma-separated `key=value` property strings of guest configs
 * (`virtio=BC:24:11:00:00:01,bridge=vmbr0`, `local-lvm:vm-100-disk-0,size=32G`).
 */

/** A parsed property string; the bare leading value (if any) is under `defaultKey`. */
export type PropertyMap = Map<string, string>

/** Splits `text` into key/value pairs; a part without `=` is stored under `defaultKey`. */
export function parsePropertyString(text: string, defaultKey = '_'): PropertyMap {
  const map: PropertyMap = new Map()
  for (const part of text.split(',')) {
    if (part.trim() === '') continue
    const eq = part.indexOf('=')
    if (eq === -1) map.set(defaultKey, part)
    else map.set(part.slice(0, eq), part.slice(eq + 1))
  }
  return map
}

/** Joins pairs back into a property string; the default key's value goes first, bare. */
export function printPropertyString(map: PropertyMap, defaultKey = '_'): string {
  const parts: string[] = []
  const bare = map.get(defaultKey)
  if (bare !== undefined) parts.push(bare)
  for (const [key, value] of map) if (key !== defaultKey) parts.push(`${key}=${value}`)
  return parts.join(',')
}

const UNITS: Record<string, number> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4 }

/** Parses a PVE disk size (`32G`, `512M`, `1.5T`, plain bytes) into bytes. */
export function parseDiskSize(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([KMGT]?)$/.exec(text)
  if (!m) return undefined
  return Math.round(Number(m[1]) * (UNITS[m[2] ?? ''] ?? 1))
}

/** Formats bytes the way PVE writes `size=` (largest whole unit: `32G`, `512M`). */
export function formatDiskSize(bytes: number): string {
  for (const unit of ['T', 'G', 'M', 'K'] as const) {
    const factor = UNITS[unit] ?? 1
    if (bytes >= factor && bytes % factor === 0) return `${bytes / factor}${unit}`
  }
  return String(bytes)
}
