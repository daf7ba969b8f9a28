import type { CommandQueue, CommandSpec, SimCommand } from './commands.js'
import type { KamateraFaults } from './faults.js'
import type { RequestInput } from './php-values.js'
import type { KamateraState } from './state.js'

/** Tunables the routes read. */
export interface BehaviourOptions {
  /** Give a create whose name is taken the final name `name(1)` (`name(2)`, ...). */
  nameClashSuffix: boolean
}

/** What every route handler gets: the world, the queue, the faults and the request input. */
export interface RouteContext {
  state: KamateraState
  commands: CommandQueue
  faults: KamateraFaults
  behaviour: BehaviourOptions
  input: RequestInput
  /** The raw query string parameters (GET endpoints read these). */
  query: URLSearchParams
}

/** A route handler: returns the JSON body of a 200, or throws a `CloudcliError` / `ProxyException`. */
export type RouteHandler = (ctx: RouteContext) => unknown

/** One endpoint of the cloudcli API. */
export interface Route {
  method: 'GET' | 'POST'
  /** Exact path, e.g. `/service/server/info`. */
  path: string
  /**
   * The 500 message of an exception inside the proxy: `Failed to run command method (serversInfo)`,
   * or `Failed to run command (rename)` for schema commands whose method is `post`.
   */
  failure: string
  /** Bad credentials pass the backend's error body through with HTTP 200 (`GET /service/servers`). */
  authErrorAs200?: boolean
  handler: RouteHandler
}

/** Queues a command for a server, letting a pending `failNextCommand` fault decide how it ends. */
export function startServerCommand(
  ctx: RouteContext,
  server: { id?: string; name: string },
  spec: Omit<CommandSpec, 'server' | 'serverId' | 'forcedError'>,
  extraFaultKeys: string[] = [],
): SimCommand {
  const forcedError = ctx.faults.takeCommandFailure([server.id, server.name, ...extraFaultKeys])
  return ctx.commands.start({
    ...spec,
    server: server.name,
    serverId: server.id,
    ...(forcedError !== undefined ? { forcedError } : {}),
  })
}
