import { CloudcliError, ProxyException, backendErrors, flagError } from '../api-error.js'
import { DISK_SIZES_GB } from '../catalog.js'
import { startServerCommand } from '../context.js'
import type { Route, RouteContext } from '../context.js'
import { phpEmpty } from '../php-values.js'
import { selectServers } from '../server-selector.js'

/** A 500 whose message is the backend error JSON-encoded, as the proxy passes backend failures on. */
function backendFailure(code: number, info: string): CloudcliError {
  return new CloudcliError(500, JSON.stringify(backendErrors(code, info)))
}

/** A disk size flag: `"100gb"` as the reference gives it (a bare number is taken too). */
function sizeFlag(ctx: RouteContext): number {
  const text = ctx.input.str('size').trim()
  if (!text) throw flagError('size')
  const match = /^(\d+)(?:gb)?$/i.exec(text)
  if (!match) throw flagError('size', text)
  return Number(match[1])
}

/**
 * `POST /server/disk` (no `/service` prefix) for one server (`id`, or a `name` matching one):
 * with no action, the list `[{"id": 0, "size": "20gb"}]`; with `resize: "<index>"` and
 * `size: "100gb"`, a resize command (backend `PUT /service/server/<id>/disk {index,size,provision}`)
 * whose id comes back as a bare number. `index` 0 is a valid action value, so the action is
 * recognised by presence, not PHP truthiness. `add` and `remove` are not simulated.
 */
function disk(ctx: RouteContext): unknown {
  const resize = ctx.input.raw('resize')
  if (!phpEmpty(ctx.input.raw('add')) || !phpEmpty(ctx.input.raw('remove')))
    throw new ProxyException('disk add/remove is not simulated')
  const server = selectServers(ctx, { onlyOne: true }).servers[0]
  if (!server) return []
  if (resize === undefined || resize === null || resize === '')
    return server.diskSizes.map((size, id) => ({ id, size: `${size}gb` }))
  const index = ctx.input.str('resize').trim()
  if (!/^\d+$/.test(index)) throw flagError('resize', index)
  const size = sizeFlag(ctx)
  const current = server.diskSizes[Number(index)]
  if (current === undefined) throw backendFailure(4, `Disk ${index} not found`)
  if (size <= current) throw backendFailure(4, `New disk size must be bigger than the current size (${current}GB)`)
  if (!DISK_SIZES_GB.includes(size)) throw backendFailure(4, `Invalid disk size: ${size}GB`)
  const command = startServerCommand(ctx, server, {
    description: 'Resize Disk',
    lines: [`Resizing disk ${index} from ${current}GB to ${size}GB...`, 'Disk resized'],
    apply: () => {
      const live = ctx.state.servers.get(server.id)
      if (!live) return 'Server not found'
      live.diskSizes[Number(index)] = size
      return undefined
    },
  })
  return command.id
}

/** `POST /server/disk`. */
export const diskRoutes: Route[] = [
  { method: 'POST', path: '/server/disk', failure: 'Failed to run command (disk)', handler: disk },
]
