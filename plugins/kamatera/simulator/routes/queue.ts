import { CloudcliError, backendErrors } from '../api-error.js'
import type { SimCommand } from '../commands.js'
import type { Route } from '../context.js'
import { phpTruthy } from '../php-values.js'

/** The queue item of a command: `id` is a number here, `log` the lines so far joined by `\n`. */
export function queueItem(command: SimCommand): Record<string, unknown> {
  return {
    id: command.id,
    status: command.status,
    server: command.server,
    description: command.description,
    added: command.added,
    executed: command.executed,
    completed: command.completed,
    log: command.log.join('\n'),
  }
}

/** Bool flags of `queue detail`; any truthy one filters item keys down to the enabled flags. */
const BOOL_FLAGS = ['log', 'wait']

/**
 * `GET /service/queue?id=<id>[ <id>...]`: one item per id. Without `id` the answer is always `[]`.
 * A truthy bool flag (`log`, `wait`) keeps only the item keys named like an enabled flag, so
 * `log=true` gives `{"log": ...}` and `wait=true` alone empties the answer (`processBoolFlags`).
 * An unknown id fails the whole call with the backend's error.
 */
export const queueRoutes: Route[] = [
  {
    method: 'GET',
    path: '/service/queue',
    failure: 'Failed to run command method (getQueue)',
    handler: (ctx) => {
      const items: Array<Record<string, unknown>> = []
      for (const value of ctx.input.str('id').split(' ')) {
        if (!value) continue
        const command = /^\d+$/.test(value) ? ctx.commands.find(Number(value)) : undefined
        if (!command) throw new CloudcliError(500, JSON.stringify(backendErrors(29, `Queue item not found (${value})`)))
        items.push(queueItem(command))
      }
      const enabled = BOOL_FLAGS.filter((flag) => phpTruthy(ctx.input.raw(flag)))
      if (enabled.length === 0) return items
      return items
        .map((item) => Object.fromEntries(Object.entries(item).filter(([key]) => enabled.includes(key))))
        .filter((item) => Object.keys(item).length > 0)
    },
  },
]
