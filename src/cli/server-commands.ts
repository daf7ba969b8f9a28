import { print } from 'graphql'
import { graphql } from '../gql/index.js'
import type { CliListServersQuery } from '../gql/graphql.js'
import { confirmByTyping, refuseUnlessAskable } from './confirm-by-typing.js'
import { EXIT } from './exit-codes.js'
import { onInterrupt } from './exit-on-signal.js'
import {
  CliError,
  cliErrorOf,
  request,
  subscriptionClient,
  subscriptionRefusalOf,
  type GatewayTarget,
} from './gateway-client.js'
import { colourStatus, dim, printJson, printList, progress } from './output.js'

const ListServers = graphql(`
  query CliListServers($after: String, $provider: String, $status: ServerStatus) {
    servers(first: 200, after: $after, provider: $provider, status: $status) {
      unavailableProviders
      pageInfo { hasNextPage endCursor }
      nodes { id provider nativeId name kind status location cpu memoryMb diskGb ips }
    }
  }
`)

const ServerDetails = graphql(`
  query CliServerDetails($id: ID!) {
    server(id: $id) { id provider nativeId name kind status location cpu memoryMb diskGb ips details }
  }
`)

const Start = graphql(`mutation CliStart($id: ID!) { startServer(id: $id) { id status error logs } }`)
const Stop = graphql(`mutation CliStop($id: ID!) { stopServer(id: $id) { id status error logs } }`)
const Reboot = graphql(`mutation CliReboot($id: ID!) { rebootServer(id: $id) { id status error logs } }`)
const Destroy = graphql(
  `mutation CliDestroy($id: ID!, $confirm: String!) {
    destroyServer(id: $id, confirm: $confirm) { id status error logs }
  }`,
)
const WatchOperation = graphql(`
  subscription CliWatchOperation($id: ID!) { operation(id: $id) { id action status error logs serverId finishedAt } }
`)

type Server = CliListServersQuery['servers']['nodes'][number]

async function allServers(
  target: GatewayTarget,
  filters: { provider?: string; status?: string } = {},
): Promise<{ servers: Server[]; unavailable: string[] }> {
  const servers: Server[] = []
  let after: string | null = null
  let unavailable: string[] = []
  for (;;) {
    const page: CliListServersQuery = await request(target, ListServers, {
      after,
      provider: filters.provider,
      status: filters.status?.toUpperCase() as never,
    })
    servers.push(...page.servers.nodes)
    unavailable = page.servers.unavailableProviders
    if (!page.servers.pageInfo.hasNextPage) return { servers, unavailable }
    after = page.servers.pageInfo.endCursor ?? null
  }
}

/** A gateway id, or a provider's own id when exactly one server has it. */
export async function resolveServer(target: GatewayTarget, given: string): Promise<Server> {
  const { servers } = await allServers(target)
  const matches = given.includes(':')
    ? servers.filter((server) => server.id === given)
    : servers.filter((server) => server.nativeId === given)
  if (matches.length === 0) throw new CliError(`no server ${given} (see \`hangar list\`)`, EXIT.NOT_FOUND)
  if (matches.length > 1)
    throw new CliError(`${given} is ambiguous: ${matches.map((server) => server.id).join(', ')}`, EXIT.USAGE)
  return matches[0]!
}

export async function listCommand(
  target: GatewayTarget,
  options: { json?: boolean; provider?: string; status?: string },
): Promise<number> {
  const { servers, unavailable } = await allServers(target, options)
  printList(servers, options.json, ['ID', 'NAME', 'STATUS', 'KIND', 'LOCATION', 'CPU', 'MEMORY', 'IPS'], (server) => [
    server.id,
    server.name,
    colourStatus(server.status),
    server.kind,
    server.location ?? '-',
    String(server.cpu ?? '-'),
    server.memoryMb ? `${server.memoryMb} MB` : '-',
    server.ips.join(', ') || dim('-'),
  ])
  if (unavailable.length > 0)
    console.error(`warning: not reachable, their servers are missing: ${unavailable.join(', ')}`)
  return 0
}

export async function detailsCommand(target: GatewayTarget, id: string, options: { json?: boolean }): Promise<number> {
  const server = await resolveServer(target, id)
  const answer = await request(target, ServerDetails, { id: server.id })
  if (!answer.server) throw new CliError(`no server ${id}`, EXIT.NOT_FOUND)
  if (options.json) {
    printJson(answer.server)
    return 0
  }
  const { details, ...summary } = answer.server
  for (const [key, value] of Object.entries(summary)) {
    const shown =
      key === 'status' ? colourStatus(String(value)) : Array.isArray(value) ? value.join(', ') : String(value ?? '-')
    console.log(`${key.padEnd(10)} ${shown}`)
  }
  console.log(dim('details:'))
  for (const [key, value] of Object.entries((details ?? {}) as Record<string, unknown>))
    console.log(`  ${key.padEnd(18)} ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
  return 0
}

const isSocketEvent = (thrown: unknown) =>
  typeof thrown === 'object' &&
  thrown !== null &&
  ['error', 'close'].includes((thrown as { type?: unknown }).type as string)

/** An operation as `follow` last saw it. */
export interface FollowedOperation {
  id: string
  action: string
  status: string
  error?: string | null
  logs: string[]
  /** The server acted on; for a create or a clone, the new server once the provider made it. */
  serverId?: string | null
  finishedAt?: string | null
}

/**
 * Follows an operation to its end, showing its last log line: `code` 0 when it succeeded, 1 when
 * it ended FAILED. Interrupted, it says that the operation goes on in the gateway.
 */
export async function followOperation(
  target: GatewayTarget,
  operationId: string,
  label: string,
): Promise<{ code: number; operation: FollowedOperation | undefined }> {
  const spinner = progress(`${label}…`)
  const forget = onInterrupt(() =>
    spinner.stop(`${label}: stopped following; the operation goes on in the gateway (operation ${operationId})`),
  )
  const client = subscriptionClient(target)
  let last: FollowedOperation | undefined
  let shown = 0
  try {
    for await (const event of client.iterate({ query: print(WatchOperation), variables: { id: operationId } })) {
      if (event.errors) throw cliErrorOf(event.errors[0]!)
      last = (event.data as { operation: FollowedOperation }).operation
      // Several lines can come in one event: each is shown, so a pipe gets the whole log.
      if (last.logs.length < shown) shown = 0
      if (last.logs.length === shown) spinner.update(`${label}: ${last.logs.at(-1) ?? last.status.toLowerCase()}`)
      for (const line of last.logs.slice(shown)) spinner.update(`${label}: ${line}`)
      shown = last.logs.length
    }
  } catch (error) {
    spinner.stop()
    const refusal = subscriptionRefusalOf(error)
    if (refusal) throw refusal
    // graphql-ws gives up with the socket's last ErrorEvent or CloseEvent.
    if (isSocketEvent(error))
      throw new CliError(
        `lost the connection to ${target.url} while following ${label}; ` +
          `the operation goes on in the gateway (operation ${operationId})`,
        EXIT.UNREACHABLE,
      )
    throw error
  } finally {
    forget()
    await client.dispose()
  }
  if (last?.status === 'SUCCEEDED') {
    spinner.success(`${label}: done`)
    return { code: 0, operation: last }
  }
  spinner.error(`${label}: ${last?.error ?? 'failed'}`)
  return { code: EXIT.FAILED, operation: last }
}

/** {@link followOperation}, printing the finished operation as JSON when asked. */
async function follow(target: GatewayTarget, operationId: string, label: string, json: boolean): Promise<number> {
  const { code, operation } = await followOperation(target, operationId, label)
  if (json) printJson(operation)
  return code
}

/**
 * Starts an action on a server. A refusal because of the server's state (CONFLICT, whichever
 * provider says it) exits 6 and names the action, the server and its state.
 */
export async function act<T>(server: Server, action: string, mutation: () => Promise<T>): Promise<T> {
  try {
    return await mutation()
  } catch (error) {
    if (error instanceof CliError && error.refusal.code === 'CONFLICT') {
      const state = server.status === 'UNKNOWN' ? '' : ` while it is ${server.status.toLowerCase()}`
      throw new CliError(
        `cannot ${action} ${server.name} (${server.id})${state}: ${error.message}`,
        EXIT.CONFLICT,
        error.refusal,
      )
    }
    throw error
  }
}

export async function powerCommand(
  target: GatewayTarget,
  action: 'start' | 'stop' | 'reboot',
  id: string,
  options: { json?: boolean },
): Promise<number> {
  const server = await resolveServer(target, id)
  const operationId = await act(server, action, async () =>
    action === 'start'
      ? (await request(target, Start, { id: server.id })).startServer.id
      : action === 'stop'
        ? (await request(target, Stop, { id: server.id })).stopServer.id
        : (await request(target, Reboot, { id: server.id })).rebootServer.id,
  )
  return follow(target, operationId, `${action} ${server.name}`, Boolean(options.json))
}

export async function destroyCommand(
  target: GatewayTarget,
  id: string,
  options: { yes?: boolean; json?: boolean },
): Promise<number> {
  const server = await resolveServer(target, id)
  if (!options.yes) {
    refuseUnlessAskable(`destroy ${server.id}`)
    await confirmByTyping(
      `Destroy ${server.id} (${server.name}) and its disks? Type its name to confirm: `,
      server.name,
      'nothing was destroyed',
    )
  }
  const answer = await act(server, 'destroy', () => request(target, Destroy, { id: server.id, confirm: server.name }))
  return follow(target, answer.destroyServer.id, `destroy ${server.name}`, Boolean(options.json))
}
