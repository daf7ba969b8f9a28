import { z } from 'zod'
import { graphql } from '../gql/index.js'
import { RestError } from './http-io.js'
import type { RestListServersQuery, RestServerFieldsFragment } from '../gql/graphql.js'
import { runGraphql, type GatewayYoga, type ShimAnswer } from './run-graphql.js'

/** The seed's uniform envelope: `{"message", "status": "success" | "error", "data"}`. */
export interface Envelope {
  message: string
  status: 'success' | 'error'
  data: unknown
}

graphql(`
  fragment RestServerFields on Server {
    id
    provider
    nativeId
    name
    kind
    status
    location
    cpu
    memoryMb
    diskGb
    ips
  }
`)

const ListServers = graphql(`
  query RestListServers($after: String) {
    servers(first: 500, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...RestServerFields
      }
    }
  }
`)

const ServerDetails = graphql(`
  query RestServerDetails($id: ID!) {
    server(id: $id) {
      ...RestServerFields
      details
    }
  }
`)

const PowerActions = {
  start: graphql(`mutation RestStart($id: ID!) { startServer(id: $id) { id action status serverId startedAt } }`),
  stop: graphql(`mutation RestStop($id: ID!) { stopServer(id: $id) { id action status serverId startedAt } }`),
  reboot: graphql(`mutation RestReboot($id: ID!) { rebootServer(id: $id) { id action status serverId startedAt } }`),
}

const Destroy = graphql(`
  mutation RestDestroy($id: ID!, $confirm: String!) {
    destroyServer(id: $id, confirm: $confirm) {
      id
      action
      status
      serverId
      startedAt
    }
  }
`)

type RestServer = RestServerFieldsFragment

/** A server in the seed's terms (`power`, `datacenter`) beside Hangar's own fields. */
function seedServer(server: RestServer & { details?: unknown }) {
  return {
    id: server.id,
    name: server.name,
    power: server.status === 'RUNNING' ? 'on' : server.status === 'STOPPED' ? 'off' : server.status.toLowerCase(),
    datacenter: server.location,
    provider: server.provider,
    native_id: server.nativeId,
    kind: server.kind.toLowerCase(),
    status: server.status.toLowerCase(),
    cpu: server.cpu,
    ram: server.memoryMb,
    disk_gb: server.diskGb,
    ips: server.ips,
    ...(server.details === undefined ? {} : { details: server.details }),
  }
}

/**
 * The seed's server selector: `{"server_id": "ID"}` in the body, or `?server_id=`. An id is a
 * string, read exactly: a number (`100`) is refused rather than turned into `"100"`, which is no
 * server's id anyway (Proxmox guests are `qemu/100`), and so are spaces around it.
 */
export const serverIdSchema = z
  .object({
    server_id: z
      .string({
        error: (issue) =>
          issue.input === undefined ? 'server_id: required' : 'server_id: must be a string, e.g. "proxmox:qemu/100"',
      })
      .min(1, 'server_id: required')
      .refine((id) => id.trim() === id, 'server_id: must not start or end with spaces'),
  })
  .strict()

/** `server_id` from the JSON body or the query string (the seed accepts both); given twice, the two must agree. */
export function serverIdOf(body: Record<string, unknown>, query: URLSearchParams): string {
  const inQuery = query.getAll('server_id')
  if (inQuery.length > 1) throw new RestError(400, 'server_id: given more than once in the query')
  if ('server_id' in body && inQuery.length === 1 && body.server_id !== inQuery[0])
    throw new RestError(400, 'server_id: the body and the query name different servers')
  const parsed = serverIdSchema.safeParse({ ...body, server_id: 'server_id' in body ? body.server_id : inQuery[0] })
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new RestError(
      400,
      issue.code === 'unrecognized_keys'
        ? `${issue.keys.join(', ')}: not a field of this request (only server_id)`
        : issue.message,
    )
  }
  return parsed.data.server_id
}

/**
 * A refusal of a GraphQL operation on server `id`, in the seed's terms: GraphQL names the argument
 * `id`, the seed's callers know it as `server_id`; an unknown server says which one.
 */
function serverRefusal(answer: ShimAnswer<unknown>, id: string): RestError {
  const message = answer.error!.message
  if (/^id:/.test(message)) return new RestError(answer.status, message.replace(/^id:/, 'server_id:'))
  if (answer.status === 404) return new RestError(404, `server_id: no server ${id} (${message})`)
  return new RestError(answer.status, message)
}

async function allServers(yoga: GatewayYoga, authorization: string | undefined): Promise<RestServer[]> {
  const servers: RestServer[] = []
  let after: string | null = null
  for (;;) {
    const answer: ShimAnswer<RestListServersQuery> = await runGraphql(yoga, authorization, ListServers, { after })
    if (answer.error) throw new RestError(answer.status, answer.error.message)
    const page: RestListServersQuery['servers'] = answer.data!.servers
    servers.push(...(page.nodes as RestServer[]))
    if (!page.pageInfo.hasNextPage) return servers
    after = page.pageInfo.endCursor ?? null
  }
}

/** A gateway id (`provider:native`), or a provider's own id when exactly one server has it. */
async function resolveServerId(yoga: GatewayYoga, authorization: string | undefined, given: string): Promise<string> {
  if (given.includes(':')) return given
  const matches = (await allServers(yoga, authorization)).filter((server) => server.nativeId === given)
  if (matches.length === 0) throw new RestError(404, `server_id: no server ${given}`)
  if (matches.length > 1)
    throw new RestError(
      400,
      `server_id: ${given} is ambiguous; use one of ${matches.map((server) => server.id).join(', ')}`,
    )
  return matches[0]!.id
}

/** The Kamatera seed's endpoints, answering in its envelope. */
export async function handleServersRoute(
  yoga: GatewayYoga,
  authorization: string | undefined,
  method: string,
  path: string,
  query: URLSearchParams,
  body: () => Promise<Record<string, unknown>>,
): Promise<{ status: number; body: Envelope } | undefined> {
  if (method === 'GET' && path === '/api/servers') {
    const servers = await allServers(yoga, authorization)
    return {
      status: 200,
      body: { message: `${servers.length} servers`, status: 'success', data: servers.map(seedServer) },
    }
  }
  if (method === 'GET' && path === '/api/server') {
    const id = await resolveServerId(yoga, authorization, serverIdOf({}, query))
    const answer = await runGraphql(yoga, authorization, ServerDetails, { id })
    if (answer.error) throw serverRefusal(answer, id)
    if (!answer.data?.server) throw new RestError(404, `server_id: no server ${id}`)
    return {
      status: 200,
      body: {
        message: `server ${id}`,
        status: 'success',
        data: seedServer(answer.data.server as RestServer & { details: unknown }),
      },
    }
  }
  const action = /^\/api\/(start|stop|reboot|destroy)$/.exec(path)?.[1]
  if (action && method === 'POST') {
    const id = await resolveServerId(yoga, authorization, serverIdOf(await body(), query))
    // The seed's destroy names the server it destroys; that is its confirmation.
    const answer: ShimAnswer<unknown> =
      action === 'destroy'
        ? await runGraphql(yoga, authorization, Destroy, { id, confirm: id })
        : action === 'start'
          ? await runGraphql(yoga, authorization, PowerActions.start, { id })
          : action === 'stop'
            ? await runGraphql(yoga, authorization, PowerActions.stop, { id })
            : await runGraphql(yoga, authorization, PowerActions.reboot, { id })
    if (answer.error) throw serverRefusal(answer, id)
    const operation = Object.values(answer.data as Record<string, unknown>)[0]
    return { status: 200, body: { message: `${action} requested for ${id}`, status: 'success', data: operation } }
  }
  return undefined
}
