import { required } from '../context.js'
import { guestCurrentStatus, guestListItem } from '../guest-metrics.js'
import type { Route } from '../router.js'
import type { GuestType } from '../state.js'
import { loadGuest } from './guest-guards.js'

function listRoute(type: GuestType): Route {
  return {
    endpoint: `GET /nodes/{node}/${type}` as Route['endpoint'],
    handler: (ctx) => {
      const node = ctx.state.requireNode(required(ctx.params, 'node'))
      return [...ctx.state.guests.values()]
        .filter((g) => g.node === node.name && g.type === type)
        .sort((a, b) => a.vmid - b.vmid)
        .map((g) => guestListItem(g, node))
    },
  }
}

function currentRoute(type: GuestType): Route {
  return {
    endpoint: `GET /nodes/{node}/${type}/{vmid}/status/current` as Route['endpoint'],
    handler: (ctx) => {
      const guest = loadGuest(ctx, type)
      return guestCurrentStatus(guest, ctx.state.requireNode(guest.node))
    },
  }
}

/** Guest lists and `status/current`. */
export const guestStatusRoutes: Route[] = [
  listRoute('qemu'),
  listRoute('lxc'),
  currentRoute('qemu'),
  currentRoute('lxc'),
]
