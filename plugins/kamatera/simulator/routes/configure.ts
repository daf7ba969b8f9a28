import { CloudcliError, backendErrors } from '../api-error.js'
import { TRAFFIC_PACKAGES } from '../catalog.js'
import { startServerCommand } from '../context.js'
import type { Route, RouteContext } from '../context.js'
import type { SimServer } from '../state.js'
import { validCpu, validRam } from '../state.js'

/** A 500 whose message is the backend error JSON-encoded, as `serverConfigure` reports backend failures. */
function backendFailure(code: number, info: string): CloudcliError {
  return new CloudcliError(500, JSON.stringify(backendErrors(code, info)))
}

/** The server of a configure call: `id`, or a `name` matching exactly one server. */
function configureTarget(ctx: RouteContext): SimServer {
  const id = ctx.input.str('id')
  const name = ctx.input.str('name')
  if ((!id && !name) || (id && name)) throw new CloudcliError(500, 'Please choose --id or --name flags (but not both)')
  if (name) {
    const matches = ctx.state.matchName(name)
    if (matches.length < 1) throw new CloudcliError(500, '--name flag did not match any servers')
    if (matches.length > 1) throw new CloudcliError(500, '--name flag must match a single server')
    return matches[0] as SimServer
  }
  const server = ctx.state.servers.get(id)
  if (!server) throw backendFailure(34, 'Server not found')
  return server
}

function queueChange(
  ctx: RouteContext,
  server: SimServer,
  description: string,
  lines: string[],
  change: (s: SimServer) => void,
): string[] {
  const command = startServerCommand(ctx, server, {
    description,
    lines,
    apply: () => {
      const live = ctx.state.servers.get(server.id)
      if (!live) return 'Server not found'
      change(live)
      return undefined
    },
  })
  return [String(command.id)]
}

/**
 * `POST /server/configure` (no `/service` prefix), `ProxyServer::serverConfigure`: exactly one of
 * cpu, ram, billingcycle (+monthlypackage), dailybackup, managed. Its own errors are 500s with the
 * proxy's texts. CPU and RAM changes do not require the server to be powered off; every change
 * applies when the command completes.
 */
function configure(ctx: RouteContext): unknown {
  const { input } = ctx
  const cpu = input.str('cpu')
  const ram = input.str('ram')
  const billingcycle = input.str('billingcycle').trim().toLowerCase()
  const monthlypackage = input.str('monthlypackage')
  let flags = 0
  if (input.has('cpu')) flags++
  if (input.has('ram')) flags++
  if (billingcycle || input.has('monthlypackage')) flags++
  if (input.has('dailybackup')) flags++
  if (input.has('managed')) flags++
  if (flags < 1) throw new CloudcliError(500, 'Please choose a configuration flag')
  if (flags > 1) throw new CloudcliError(500, 'Please choose only 1 configuration flag at a time')
  const server = configureTarget(ctx)

  if (input.has('cpu')) {
    if (!validCpu(cpu)) throw backendFailure(4, `Invalid CPU value: ${cpu}`)
    if (!validRam(cpu, server.ram)) throw backendFailure(4, `RAM ${server.ram}MB is not available with CPU ${cpu}`)
    return queueChange(
      ctx,
      server,
      'Change CPU',
      [`Changing CPU from ${server.cpu} to ${cpu}...`, 'CPU changed'],
      (s) => {
        s.cpu = cpu
      },
    )
  }
  if (input.has('ram')) {
    if (!/^\d+$/.test(ram) || !validRam(server.cpu, Number(ram))) throw backendFailure(4, `Invalid RAM value: ${ram}`)
    return queueChange(
      ctx,
      server,
      'Change RAM',
      [`Changing RAM from ${server.ram}MB to ${ram}MB...`, 'RAM changed'],
      (s) => {
        s.ram = Number(ram)
      },
    )
  }
  if (billingcycle || monthlypackage) {
    if (billingcycle === 'hourly') {
      if (monthlypackage) throw new CloudcliError(500, 'monthlypackage is not allowed for hourly billing cycle')
      return queueChange(
        ctx,
        server,
        'Change Billing',
        ['Changing billing cycle to hourly...', 'Billing changed'],
        (s) => {
          s.billing = 'hourly'
          s.traffic = ''
        },
      )
    }
    if (billingcycle && billingcycle !== 'monthly')
      throw new CloudcliError(500, 'Invalid billingcycle, allowed values: monthly / hourly')
    const options = Object.keys(TRAFFIC_PACKAGES)
    if (!monthlypackage)
      throw new CloudcliError(
        500,
        `--monthlypackage flag is required, valid values for your server: ${options.join(' / ')}`,
      )
    if (!options.includes(monthlypackage))
      throw new CloudcliError(
        500,
        `Invalid value for --monthlypackage, valid values for your server: ${options.join(' / ')}`,
      )
    return queueChange(
      ctx,
      server,
      'Change Billing',
      [`Changing billing to monthly (${monthlypackage})...`, 'Billing changed'],
      (s) => {
        // Without billingcycle the backend gets billing "" and keeps the cycle, changing the package only.
        if (billingcycle === 'monthly') s.billing = 'monthly'
        s.traffic = monthlypackage
      },
    )
  }
  for (const [flag, field] of [
    ['dailybackup', 'backup'],
    ['managed', 'managed'],
  ] as const) {
    const raw = input.raw(flag)
    if (raw === undefined || raw === null) continue
    if (raw !== 'yes' && raw !== 'no')
      throw new CloudcliError(500, `Invalid value for --${flag}. Valid values: 'yes' or 'no'`)
    const text = flag === 'dailybackup' ? 'daily backup' : 'managed services'
    return queueChange(
      ctx,
      server,
      'Change Configuration',
      [`Setting ${text} to ${raw}...`, 'Configuration changed'],
      (s) => {
        s[field] = raw === 'yes'
      },
    )
  }
  throw new CloudcliError(500, 'Unexpected error')
}

/** `POST /server/configure`. */
export const configureRoutes: Route[] = [
  {
    method: 'POST',
    path: '/server/configure',
    failure: 'Failed to run command method (serverConfigure)',
    handler: configure,
  },
]
