import { CloudcliError } from '../api-error.js'
import { DEFAULT_TRAFFIC_PACKAGE } from '../catalog.js'
import type { Route, RouteContext } from '../context.js'
import { parseCreateFields } from '../create-spec.js'
import type { CreateDefaults } from '../create-spec.js'
import type { SimServer } from '../state.js'
import { queueCreate } from './create.js'

/**
 * The clone source: `source-id`, or `source-name` (an anchored regex) matching exactly one server.
 * Both or neither is a 400 (the proxy's clone source checks); no match / several matches are the
 * usual 500 `No servers found (...)` / `Too many matching servers (...)`.
 */
function cloneSource(ctx: RouteContext): SimServer {
  const id = ctx.input.str('source-id')
  const name = ctx.input.str('source-name')
  if (id && name) throw new CloudcliError(400, 'invalid flag value (source-id / source-name: choose only one)')
  if (!id && !name) throw new CloudcliError(400, 'missing required flag (source-id / source-name)')
  const matches = id
    ? [ctx.state.servers.get(id)].filter((s): s is SimServer => s !== undefined)
    : ctx.state.matchName(name)
  const label = id ? `id='${id}'` : `name='${name}'`
  if (matches.length === 0) throw new CloudcliError(500, `No servers found (${label})`)
  if (matches.length > 1) throw new CloudcliError(500, `Too many matching servers (${label})`)
  return matches[0] as SimServer
}

/** Defaults copied from the source (`/svc/serverCreate/configuration?sourceServerId=`). */
function copiedDefaults(source: SimServer): CreateDefaults {
  return {
    datacenter: source.datacenter,
    cpu: source.cpu,
    ram: String(source.ram),
    disk: source.diskSizes.map((size, i) => `id=${i},size=${size}`).join(' '),
    network:
      source.networks
        .map((n, i) => `id=${i},name=${n.network.startsWith('wan-') ? 'wan' : n.network},ip=auto`)
        .join(' ') || 'id=0,name=wan,ip=auto',
    dailybackup: source.backup ? 'yes' : 'no',
    managed: source.managed ? 'yes' : 'no',
    billingcycle: source.billing,
    monthlypackage: source.traffic || DEFAULT_TRAFFIC_PACKAGE,
  }
}

/** `POST /service/cloneServer`: create fields minus datacenter/image, plus the source. */
export const cloneRoutes: Route[] = [
  {
    method: 'POST',
    path: '/service/cloneServer',
    failure: 'Failed to run command method (cloneServer)',
    handler: (ctx) => {
      const source = cloneSource(ctx)
      const spec = parseCreateFields(ctx.input, ctx.state, copiedDefaults(source))
      return queueCreate(ctx, spec, {
        datacenter: source.datacenter,
        image: `clone:${source.id}`,
        imageText: `clone of ${source.name}`,
        description: 'Clone Server',
        sshKeys: source.sshKeys,
      })
    },
  },
]
