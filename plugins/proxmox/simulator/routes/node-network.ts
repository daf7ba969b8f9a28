import { required, str } from '../context.js'
import { networkItem, networkTypeMatches } from '../node-network.js'
import type { Route } from '../router.js'

/**
 * `GET /nodes/{node}/network`: the node's interfaces, optionally only one `type` (`bridge`, `any_bridge`, `eth`, ...).
 */
export const nodeNetworkRoutes: Route[] = [
  {
    endpoint: 'GET /nodes/{node}/network',
    handler: (ctx) => {
      const node = ctx.state.requireNode(required(ctx.params, 'node'))
      const type = str(ctx.params, 'type')
      return ctx.state.networks
        .filter((n) => n.node === node.name && networkTypeMatches(type, n.type))
        .sort((a, b) => a.iface.localeCompare(b.iface))
        .map(networkItem)
    },
  },
]
