import { ApiError, parameterError } from '../api-error.js'
import { int, str } from '../context.js'
import type { RouteContext } from '../context.js'
import { guestResource } from '../guest-metrics.js'
import { nodeListUsage, storageUsed } from '../node-metrics.js'
import type { Route } from '../router.js'

function nodeResources(ctx: RouteContext): Array<Record<string, unknown>> {
  return [...ctx.state.nodes.values()].map((node) => {
    const base = { id: `node/${node.name}`, type: 'node', node: node.name, status: node.online ? 'online' : 'offline' }
    if (!node.online) return { ...base, level: '' }
    return {
      ...base,
      ...nodeListUsage(ctx.state, node),
      level: '',
      'cgroup-mode': 2,
    }
  })
}

function storageResources(ctx: RouteContext): Array<Record<string, unknown>> {
  return ctx.state.storages.map((s) => {
    const online = ctx.state.nodes.get(s.node)?.online ?? false
    const base = {
      id: `storage/${s.node}/${s.storage}`,
      type: 'storage',
      storage: s.storage,
      node: s.node,
      status: online ? 'available' : 'unknown',
      plugintype: s.type,
      content: [...s.content].sort().join(','),
      shared: s.shared ? 1 : 0,
    }
    return online ? { ...base, disk: storageUsed(ctx.state, s), maxdisk: s.total } : base
  })
}

function guestResources(ctx: RouteContext): Array<Record<string, unknown>> {
  return [...ctx.state.guests.values()]
    .sort((a, b) => a.vmid - b.vmid)
    .map((g) => guestResource(g, ctx.state.requireNode(g.node)))
}

function sdnResources(ctx: RouteContext): Array<Record<string, unknown>> {
  return [...ctx.state.nodes.values()].map((n) => ({
    id: `sdn/${n.name}/localnetwork`,
    type: 'sdn',
    sdn: 'localnetwork',
    node: n.name,
    status: n.online ? 'ok' : 'unknown',
  }))
}

/** `/cluster/resources` and `/cluster/nextid`. */
export const clusterRoutes: Route[] = [
  {
    endpoint: 'GET /cluster/resources',
    handler: (ctx) => {
      switch (str(ctx.params, 'type')) {
        case 'vm':
          return guestResources(ctx)
        case 'node':
          return nodeResources(ctx)
        case 'storage':
          return storageResources(ctx)
        case 'sdn':
          return sdnResources(ctx)
        default:
          return [...guestResources(ctx), ...nodeResources(ctx), ...storageResources(ctx), ...sdnResources(ctx)]
      }
    },
  },
  {
    endpoint: 'GET /cluster/nextid',
    handler: (ctx) => {
      const asked = int(ctx.params, 'vmid')
      if (asked !== undefined) {
        if (ctx.state.guests.has(asked)) throw parameterError({ vmid: `VM ${asked} already exists` })
        return String(asked)
      }
      const next = ctx.state.nextFreeVmid()
      if (next > 1_000_000) throw new ApiError(500, 'unable to get any free VMID in range [100, 1000000]')
      // Perl hands the number back as a string.
      return String(next)
    },
  },
]
