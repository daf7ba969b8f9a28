import { CloudcliError, backendErrors, flagError } from '../api-error.js'
import { startServerCommand } from '../context.js'
import type { Route, RouteContext } from '../context.js'
import { phpBoolField, phpTruthy } from '../php-values.js'
import { selectServers } from '../server-selector.js'
import type { SimServer } from '../state.js'

/** One server's part of a multi-server action: checks (may throw) and the command to queue. */
type ServerAction = (ctx: RouteContext, server: SimServer) => string

/**
 * The shape every multi-server action shares: resolve `id`/`name`, answer `[]` for no servers with
 * `allow-no-servers`, answer the dry run, then queue one command per server and answer their ids as
 * strings. A refusal for one server stops the loop, but commands already queued for earlier servers
 * stay queued (the proxy calls the backend server by server).
 */
export function multiServerAction(ctx: RouteContext, action: ServerAction): unknown {
  const selection = selectServers(ctx)
  if (selection.servers.length === 0) return []
  if (phpTruthy(ctx.input.raw('dryrun'))) return { dryrun: true, 'server-names': selection.names }
  return selection.servers.map((server) => action(ctx, server))
}

/** Looks a server up again when its command completes; it may have been terminated meanwhile. */
function live(ctx: RouteContext, id: string): SimServer | undefined {
  return ctx.state.servers.get(id)
}

function powerCommand(kind: 'on' | 'off' | 'restart' | 'suspend' | 'resume'): ServerAction {
  return (ctx, server) => {
    const descriptions = {
      on: 'Power On Server',
      off: 'Power Off Server',
      restart: 'Reboot Server',
      suspend: 'Suspend Server',
      resume: 'Resume Server',
    }
    const lines = {
      on: ['Powering on server...', 'Server powered on'],
      off: ['Powering off server...', 'Server powered off'],
      restart: ['Rebooting server...', 'Server rebooted'],
      suspend: ['Suspending server...', 'Server suspended'],
      resume: ['Resuming server...', 'Server resumed'],
    }
    const command = startServerCommand(ctx, server, {
      description: descriptions[kind],
      lines: lines[kind],
      apply: () => {
        const s = live(ctx, server.id)
        if (!s) return 'Server not found'
        if (kind === 'on') {
          ctx.state.setPower(s, 'on')
        } else if (kind === 'off') {
          ctx.state.setPower(s, 'off', s.suspended)
        } else if (kind === 'restart') {
          if (s.power !== 'on') return 'Cannot reboot a server that is powered off'
          ctx.state.reboot(s)
        } else if (kind === 'suspend') {
          if (s.power === 'on') ctx.state.setPower(s, 'off', true)
        } else if (s.suspended) {
          ctx.state.setPower(s, 'on')
        }
        return undefined
      },
    })
    return String(command.id)
  }
}

/**
 * Terminate: a powered-on server is refused unless `force` is `true` / `"true"`. The refusal is the
 * backend's error as the proxy flattens it: HTTP 500 `{"message": "<info> (<code>)"}`.
 */
const terminate: ServerAction = (ctx, server) => {
  const force = phpBoolField(ctx.input.raw('force'))
  if (server.power === 'on' && !force) {
    const error = backendErrors(26, 'Server is powered on, power it off first or terminate with force')
    throw new CloudcliError(500, `${error.errors[0]?.info} (${error.errors[0]?.code})`)
  }
  const lines =
    server.power === 'on'
      ? ['Powering off server...', 'Terminating server...', 'Server terminated']
      : ['Terminating server...', 'Server terminated']
  const command = startServerCommand(ctx, server, {
    description: 'Terminate Server',
    lines,
    apply: () => {
      if (!ctx.state.removeServer(server.id)) return 'Server not found'
      return undefined
    },
  })
  return String(command.id)
}

/** Password change; the new password follows the create rules. */
const changePassword: ServerAction = (ctx, server) => {
  const password = ctx.input.str('password')
  const command = startServerCommand(ctx, server, {
    description: 'Change Password',
    lines: ['Changing server password...', 'Password changed'],
    apply: () => {
      const s = live(ctx, server.id)
      if (!s) return 'Server not found'
      s.password = password
      return undefined
    },
  })
  return String(command.id)
}

/** The power endpoints: the path under `/service/server/`, the action, what a failure names. */
const POWER_ENDPOINTS: ReadonlyArray<{ path: string; kind: Parameters<typeof powerCommand>[0]; failure: string }> = [
  { path: 'poweron', kind: 'on', failure: 'method (poweronServer)' },
  { path: 'poweroff', kind: 'off', failure: 'method (poweroffServer)' },
  { path: 'reboot', kind: 'restart', failure: 'method (rebootServer)' },
  { path: 'suspend', kind: 'suspend', failure: '(suspend)' },
  { path: 'resume', kind: 'resume', failure: '(resume)' },
]

/** Power, suspend/resume, password and terminate: async, `["<cmdId>", ...]`. */
export const powerRoutes: Route[] = [
  ...POWER_ENDPOINTS.map(
    ({ path, kind, failure }): Route => ({
      method: 'POST',
      path: `/service/server/${path}`,
      failure: `Failed to run command ${failure}`,
      handler: (ctx) => multiServerAction(ctx, powerCommand(kind)),
    }),
  ),
  {
    method: 'POST',
    path: '/service/server/password',
    failure: 'Failed to run command (password)',
    handler: (ctx) => {
      // Required flags are checked before the servers are resolved.
      if (!ctx.input.str('password')) throw flagError('password')
      return multiServerAction(ctx, changePassword)
    },
  },
  {
    method: 'POST',
    path: '/service/server/terminate',
    failure: 'Failed to run command method (terminateServer)',
    handler: (ctx) => multiServerAction(ctx, terminate),
  },
]
