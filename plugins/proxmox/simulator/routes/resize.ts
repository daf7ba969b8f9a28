import { ApiError } from '../api-error.js'
import { required, startGuestTask } from '../context.js'
import type { RouteContext } from '../context.js'
import { configDigest, guestDisks } from '../guest-config.js'
import { formatDiskSize, parseDiskSize, parsePropertyString, printPropertyString } from '../property-string.js'
import type { Route } from '../router.js'
import type { GuestType } from '../state.js'
import { loadUnlockedGuest } from './guest-guards.js'

function resize(ctx: RouteContext, type: GuestType): string | null {
  const guest = loadUnlockedGuest(ctx, type)
  const digest = ctx.params.digest
  if (typeof digest === 'string' && digest !== configDigest(guest.config)) {
    throw new ApiError(500, 'detected modified configuration - file changed by other user? Try again.')
  }
  const key = required(ctx.params, 'disk')
  const disk = guestDisks(type, guest.config).find((d) => d.key === key)
  if (!disk) throw new ApiError(500, `disk '${key}' does not exist`)
  if (disk.cdrom) throw new ApiError(500, "you can't resize a cdrom")
  const sizeText = required(ctx.params, 'size')
  const grow = sizeText.startsWith('+')
  const amount = parseDiskSize(grow ? sizeText.slice(1) : sizeText)
  if (amount === undefined) throw new ApiError(500, `invalid size '${sizeText}'`)
  const newSize = grow ? disk.size + amount : amount
  // The two PVE handlers word the refusal differently (qemu-server vs pve-container).
  if (newSize < disk.size)
    throw new ApiError(500, type === 'qemu' ? 'shrinking disks is not supported' : 'unable to shrink disk size')
  // pve-container returns before forking a task when the size does not change; a VM's task ends at once.
  if (newSize === disk.size && type === 'lxc') return null
  const volname = disk.volid.split(':')[1]?.split('/').pop() ?? ''
  const gib = (b: number): string => (b / 1024 ** 3).toFixed(2)
  const extents = (b: number): number => Math.round(b / (4 * 1024 ** 2))
  const task = startGuestTask(ctx, guest.vmid, {
    node: guest.node,
    type: 'resize',
    id: String(guest.vmid),
    lines:
      newSize === disk.size
        ? []
        : [
            `  Size of logical volume pve/${volname} changed from ${gib(disk.size)} GiB ` +
              `(${extents(disk.size)} extents) to ${gib(newSize)} GiB (${extents(newSize)} extents).`,
            `  Logical volume pve/${volname} successfully resized.`,
          ],
    onSuccess: () => {
      const current = guest.config[key]
      if (current === undefined) return
      const props = parsePropertyString(current, 'volume')
      props.set('size', formatDiskSize(newSize))
      guest.config[key] = printPropertyString(props, 'volume')
    },
  })
  return task.upid
}

/** `PUT /nodes/{node}/{qemu|lxc}/{vmid}/resize` (a `resize` task, or null for a CT whose size stays; grows only). */
export const resizeRoutes: Route[] = [
  { endpoint: 'PUT /nodes/{node}/qemu/{vmid}/resize', handler: (ctx) => resize(ctx, 'qemu') },
  { endpoint: 'PUT /nodes/{node}/lxc/{vmid}/resize', handler: (ctx) => resize(ctx, 'lxc') },
]
