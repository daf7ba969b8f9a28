import { ProxyException, flagError } from '../api-error.js'
import { startServerCommand } from '../context.js'
import type { Route } from '../context.js'
import { phpTruthy } from '../php-values.js'
import { selectServers } from '../server-selector.js'

const NEW_NAME_CHARS = /^[()\-_a-zA-Z0-9]*$/

/**
 * `POST /service/server/rename`: one server (`Too many matching servers` otherwise) and `new-name`,
 * 4-40 of `a-zA-Z0-9()-_` (other values fail the proxy's `validateChars`, an exception).
 */
export const renameRoutes: Route[] = [
  {
    method: 'POST',
    path: '/service/server/rename',
    failure: 'Failed to run command (rename)',
    handler: (ctx) => {
      const newName = ctx.input.str('new-name')
      if (!newName) throw flagError('new-name')
      if (newName.length < 4) throw new ProxyException('less then 4 characters for field name')
      if (newName.length > 40) throw new ProxyException('more then 40 characters for field name')
      if (!NEW_NAME_CHARS.test(newName)) throw new ProxyException('disallowed character for field name')
      const selection = selectServers(ctx, { onlyOne: true })
      const server = selection.servers[0]
      if (!server) return []
      if (phpTruthy(ctx.input.raw('dryrun'))) return { dryrun: true, 'server-names': selection.names }
      const command = startServerCommand(ctx, server, {
        description: 'Rename Server',
        lines: [`Renaming server ${server.name} to ${newName}...`, 'Server renamed'],
        apply: () => {
          const live = ctx.state.servers.get(server.id)
          if (!live) return 'Server not found'
          live.name = newName
          return undefined
        },
      })
      return [String(command.id)]
    },
  },
]
