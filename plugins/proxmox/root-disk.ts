/** Disk keys a VM boots from, in the order they are looked for when `boot` names none. */
export const VM_DISK_KEYS = ['scsi0', 'virtio0', 'sata0', 'ide0']

/** A guest's main disk: its config key and its size in GiB (fractional for `512M`). */
export interface RootDisk {
  key: string
  sizeGb: number
}

const GIB_PER_UNIT: Record<string, number> = { '': 1 / 1024 ** 3, K: 1 / 1024 ** 2, M: 1 / 1024, G: 1, T: 1024 }

/** The `size=` of a disk property string in GiB, 0 when it has none. */
function sizeOf(value: unknown): number {
  const size = /(?:^|,)size=(\d+(?:\.\d+)?)([KMGT]?)(?:,|$)/.exec(String(value))
  return size ? Number(size[1]) * GIB_PER_UNIT[size[2] ?? '']! : 0
}

/**
 * The disk a guest runs from: for a VM the first disk of its boot order (else of
 * {@link VM_DISK_KEYS}) that is not a CD-ROM; for a container `rootfs`.
 */
export function rootDisk(type: 'qemu' | 'lxc', config: Record<string, unknown>): RootDisk | undefined {
  if (type === 'lxc')
    return typeof config.rootfs === 'string' ? { key: 'rootfs', sizeGb: sizeOf(config.rootfs) } : undefined
  const bootOrder = /order=([^,]+)/.exec(String(config.boot ?? ''))?.[1]?.split(';') ?? []
  const key = [...bootOrder, ...VM_DISK_KEYS].find((candidate) => {
    const value = config[candidate]
    return /^(?:scsi|virtio|sata|ide)\d+$/.test(candidate) && typeof value === 'string' && !/media=cdrom/.test(value)
  })
  return key ? { key, sizeGb: sizeOf(config[key]) } : undefined
}
