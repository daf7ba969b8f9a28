import { CloudcliError } from '../api-error.js'
import type { Route } from '../context.js'
import { SERVERS_INFO_FAILURE } from '../faults.js'
import { phpTruthy } from '../php-values.js'
import { serverPrices } from '../pricing.js'
import { selectServers } from '../server-selector.js'
import type { SimServer } from '../state.js'

/** A server as `POST /service/server/info` shows it (backend fields plus the proxy's prices). */
export function serverInfo(server: SimServer): Record<string, unknown> {
  return {
    id: server.id,
    name: server.name,
    datacenter: server.datacenter,
    power: server.power,
    cpu: server.cpu,
    ram: server.ram,
    diskSizes: [...server.diskSizes],
    networks: server.networks.map((n) => ({ network: n.network, ips: [...n.ips] })),
    billing: server.billing,
    traffic: server.traffic,
    managed: server.managed ? '1' : '0',
    backup: server.backup ? '1' : '0',
    ...serverPrices(server),
  }
}

/** `GET /service/servers` and `POST /service/server/info`. */
export const serverRoutes: Route[] = [
  {
    method: 'GET',
    path: '/service/servers',
    failure: 'Failed to run command method (listServers)',
    authErrorAs200: true,
    handler: ({ state }) =>
      [...state.servers.values()].map((s) => ({ id: s.id, name: s.name, power: s.power, datacenter: s.datacenter })),
  },
  {
    method: 'POST',
    path: '/service/server/info',
    failure: SERVERS_INFO_FAILURE,
    handler: (ctx) => {
      if (ctx.faults.takeServersInfoFailure()) throw new CloudcliError(500, SERVERS_INFO_FAILURE)
      const selection = selectServers(ctx)
      if (selection.servers.length === 0) return []
      // The proxy checks `dryrun` for every multi-server command, info included.
      if (phpTruthy(ctx.input.raw('dryrun'))) return { dryrun: true, 'server-names': selection.names }
      return selection.servers.map(serverInfo)
    },
  },
]
