import type { Server as ServerShape } from '../providers/server-directory.js'
import { filterServers } from '../providers/server-filter.js'
import { builder } from './builder.js'
import { serverId } from './exact-id.js'
import { paginate, type Page } from './page-info.js'

export const ServerStatus = builder.enumType('ServerStatus', {
  values: ['RUNNING', 'STOPPED', 'PAUSED', 'PROVISIONING', 'UNKNOWN'] as const,
})

export const ServerKind = builder.enumType('ServerKind', { values: ['VM', 'CONTAINER'] as const })

export const Server = builder.objectRef<ServerShape>('Server').implement({
  description: 'A VM or container of any provider.',
  fields: (t) => ({
    id: t.exposeID('id', { description: '"<provider name>:<provider\'s own id>", stable across restarts.' }),
    provider: t.exposeString('provider'),
    nativeId: t.exposeString('nativeId'),
    name: t.exposeString('name'),
    kind: t.field({ type: ServerKind, resolve: (server) => server.kind }),
    status: t.field({ type: ServerStatus, resolve: (server) => server.status }),
    location: t.exposeString('location', { nullable: true, description: 'Kamatera datacenter, Proxmox node.' }),
    cpu: t.exposeInt('cpu', { nullable: true, description: 'Cores.' }),
    memoryMb: t.exposeInt('memoryMb', { nullable: true }),
    diskGb: t.exposeInt('diskGb', { nullable: true }),
    ips: t.exposeStringList('ips'),
    details: t.field({
      type: 'JSON',
      description: 'Every property the provider reports.',
      resolve: (server) => server.details,
    }),
  }),
})

type ServerPage = Page<ServerShape> & { unavailableProviders: string[] }

const ServerConnection = builder.connectionObject({
  type: Server,
  name: 'ServerConnection',
  fields: (t) => ({
    totalCount: t.int({ resolve: (page) => (page as ServerPage).totalCount }),
    unavailableProviders: t.stringList({
      description:
        'Providers that could not be read; their servers are missing from this list (see `providers` for why).',
      resolve: (page) => (page as ServerPage).unavailableProviders,
    }),
  }),
})

builder.queryFields((t) => ({
  servers: t.field({
    type: ServerConnection,
    authScopes: { viewer: true },
    description:
      'Servers of every provider, sorted by id. Lists are answered from a short-lived cache (HANGAR_CACHE_TTL_MS) ' +
      "that the gateway's own actions invalidate.",
    args: {
      provider: t.arg.string(),
      status: t.arg({ type: ServerStatus }),
      search: t.arg.string(),
      first: t.arg.int(),
      after: t.arg.string(),
    },
    resolve: async (_root, args, { hangar }) => {
      const { servers, failures } = await hangar.directory.list(args.provider ?? undefined)
      if (failures.length > 0 && failures.length === (args.provider ? 1 : hangar.providers.length))
        throw failures[0]!.error
      // Filtering keeps the directory's order (by id), which paging relies on.
      const chosen = filterServers(servers, { status: args.status, search: args.search })
      return {
        ...paginate(chosen, (server) => server.id, args.first, args.after),
        unavailableProviders: failures.map((failure) => failure.provider),
      }
    },
  }),
  server: t.field({
    type: Server,
    nullable: true,
    authScopes: { viewer: true },
    description: 'One server with everything its provider reports, read fresh from the upstream.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, { hangar }) => hangar.directory.get(serverId(id)),
  }),
}))
