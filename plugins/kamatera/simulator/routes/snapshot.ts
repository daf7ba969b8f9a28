import { CloudcliError, backendErrors } from '../api-error.js'
import { startServerCommand } from '../context.js'
import type { Route, RouteContext } from '../context.js'
import { phpString, phpTruthy } from '../php-values.js'
import { selectServers } from '../server-selector.js'
import { flattenLikeTheProxy } from '../snapshots.js'
import type { SimServer } from '../state.js'

/**
 * A backend refusal inside a pre/post action: `runPrePostAction` answers 500 with the backend's
 * error JSON-encoded in `message`.
 */
function backendRefusal(code: number, info: string): CloudcliError {
  return new CloudcliError(500, JSON.stringify(backendErrors(code, info)))
}

/** `runIfNotEmpty`: PHP-falsy values do not run the action, except the string `"0"`. */
function given(ctx: RouteContext, flag: string): string | undefined {
  const raw = ctx.input.raw(flag)
  if (raw === '0') return '0'
  return phpTruthy(raw) ? phpString(raw) : undefined
}

/**
 * The simulator's choice where the reference is silent: the backend refuses snapshot work on a server that is still
 * running a command.
 */
function refuseWhileBusy(ctx: RouteContext, server: SimServer): void {
  if (ctx.commands.busy(server.id)) throw backendRefusal(42, `Server ${server.name} has another command in progress`)
}

function findSnapshot(ctx: RouteContext, server: SimServer, snapshotId: string) {
  const snapshot = ctx.state
    .snapshotsOf(server.id)
    .all()
    .find((candidate) => String(candidate.id) === snapshotId)
  if (!snapshot) throw backendRefusal(44, `Snapshot not found (${snapshotId})`)
  return snapshot
}

/**
 * `POST /server/snapshot` (`serverSnapshot`, one server): with `create`, `delete` or `revert` (tried
 * in that order, the first given wins) it starts a command and answers its id as a bare number;
 * with none, the server's snapshots as the proxy flattens the backend's nested list.
 */
function snapshot(ctx: RouteContext): unknown {
  const selection = selectServers(ctx, { onlyOne: true })
  const server = selection.servers[0]
  if (!server) throw new CloudcliError(500, `No servers found (name='${ctx.input.str('name')}')`)
  if (phpTruthy(ctx.input.raw('dryrun'))) return { dryrun: true, 'server-names': selection.names }
  const tree = ctx.state.snapshotsOf(server.id)

  const create = given(ctx, 'create')
  if (create !== undefined) {
    refuseWhileBusy(ctx, server)
    return startServerCommand(ctx, server, {
      description: 'Create Snapshot',
      lines: [`Creating snapshot ${create}...`, 'Snapshot created'],
      apply: () => {
        if (!ctx.state.servers.has(server.id)) return 'Server not found'
        tree.add(ctx.state.nextSnapshotId(), create)
        return undefined
      },
    }).id
  }
  for (const [flag, verb, done] of [
    ['delete', 'Deleting', 'deleted'],
    ['revert', 'Reverting to', 'reverted'],
  ] as const) {
    const snapshotId = given(ctx, flag)
    if (snapshotId === undefined) continue
    const target = findSnapshot(ctx, server, snapshotId)
    refuseWhileBusy(ctx, server)
    return startServerCommand(ctx, server, {
      description: flag === 'delete' ? 'Delete Snapshot' : 'Revert Snapshot',
      lines: [`${verb} snapshot ${target.name}...`, `Snapshot ${done}`],
      apply: () => {
        if (!ctx.state.servers.has(server.id)) return 'Server not found'
        const ok = flag === 'delete' ? tree.remove(target.id) : tree.revert(target.id)
        return ok ? undefined : `Snapshot not found (${snapshotId})`
      },
    }).id
  }
  return flattenLikeTheProxy(tree.tree())
}

/** `POST /server/snapshot` (no `/service` prefix). */
export const snapshotRoutes: Route[] = [
  {
    method: 'POST',
    path: '/server/snapshot',
    failure: 'Failed to run command method (serverSnapshot)',
    handler: snapshot,
  },
]
