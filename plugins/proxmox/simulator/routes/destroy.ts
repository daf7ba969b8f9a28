import { ApiError } from '../api-error.js'
import { bool, startGuestTask } from '../context.js'
import type { RouteContext } from '../context.js'
import { guestDisks } from '../guest-config.js'
import type { Route } from '../router.js'
import type { GuestType } from '../state.js'
import { loadUnlockedGuest, markStopped } from './guest-guards.js'

function destroy(ctx: RouteContext, type: GuestType): string {
  const guest = loadUnlockedGuest(ctx, type)
  if (guest.config.protection === '1') {
    throw new ApiError(500, `can't remove ${type === 'qemu' ? 'VM' : 'CT'} ${guest.vmid} - protection mode enabled`)
  }
  const force = type === 'lxc' && (bool(ctx.params, 'force') ?? false)
  if (guest.status === 'running' && !force) {
    throw new ApiError(
      500,
      type === 'qemu'
        ? `VM ${guest.vmid} is running - destroy failed`
        : `unable to destroy CT ${guest.vmid} - container is running`,
    )
  }
  const lines = guestDisks(type, guest.config).map(
    (d) => `  Logical volume "${d.volid.split(':')[1]?.split('/').pop() ?? ''}" successfully removed.`,
  )
  if (bool(ctx.params, 'purge'))
    lines.push(`purging ${type === 'qemu' ? 'VM' : 'CT'} ${guest.vmid} from related configurations..`)
  if (type === 'lxc') guest.config.lock = 'destroyed'
  const task = startGuestTask(ctx, guest.vmid, {
    node: guest.node,
    type: type === 'qemu' ? 'qmdestroy' : 'vzdestroy',
    id: String(guest.vmid),
    lines: force && guest.status === 'running' ? ['stopping container before destroying it', ...lines] : lines,
    onSuccess: () => {
      markStopped(ctx, guest)
      ctx.state.removeGuest(guest)
    },
    onFailure: () => {
      if (guest.config.lock === 'destroyed') delete guest.config.lock
    },
  })
  return task.upid
}

/** `DELETE /nodes/{node}/{qemu|lxc}/{vmid}`: the guest disappears when the task ends. */
export const destroyRoutes: Route[] = [
  { endpoint: 'DELETE /nodes/{node}/qemu/{vmid}', handler: (ctx) => destroy(ctx, 'qemu') },
  { endpoint: 'DELETE /nodes/{node}/lxc/{vmid}', handler: (ctx) => destroy(ctx, 'lxc') },
]
