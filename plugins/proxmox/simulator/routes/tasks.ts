import { ApiError, parameterError } from '../api-error.js'
import { bool, int, ListWithTotal, required, str } from '../context.js'
import type { RouteContext } from '../context.js'
import type { Route } from '../router.js'
import { splitList } from '../named-formats.js'
import type { SimTask } from '../tasks.js'
import { parseUpid } from '../upid.js'

/** The task named by `{node}` and `{upid}`, or PVE's 400s (`unable to parse worker upid`, `no such task`). */
function loadTask(ctx: RouteContext): SimTask {
  const upid = required(ctx.params, 'upid')
  if (!parseUpid(upid)) throw parameterError({ upid: 'unable to parse worker upid' })
  const task = ctx.tasks.find(upid)
  // Task logs live on the node that ran the task; asking another node finds nothing.
  if (!task || task.node !== required(ctx.params, 'node')) throw parameterError({ upid: 'no such task' })
  return task
}

function taskIds(task: SimTask): Record<string, string | number> {
  return {
    upid: task.upid,
    node: task.node,
    pid: task.pid,
    pstart: task.pstart,
    starttime: task.starttime,
    type: task.type,
    id: task.id,
    user: task.user,
  }
}

function statusClass(task: SimTask): 'ok' | 'warning' | 'error' {
  if (task.exitstatus === 'OK') return 'ok'
  return task.exitstatus?.startsWith('WARNINGS:') ? 'warning' : 'error'
}

/** Task list, status, log and stop. */
export const taskRoutes: Route[] = [
  {
    endpoint: 'GET /nodes/{node}/tasks/{upid}/status',
    handler: (ctx) => {
      const task = loadTask(ctx)
      const out: Record<string, unknown> = { ...taskIds(task), status: task.status }
      if (task.status === 'stopped') out.exitstatus = task.exitstatus
      return out
    },
  },
  {
    endpoint: 'GET /nodes/{node}/tasks/{upid}/log',
    handler: (ctx) => {
      const task = loadTask(ctx)
      if (bool(ctx.params, 'download')) {
        if (ctx.params.start !== undefined || ctx.params.limit !== undefined) {
          throw new ApiError(400, "Parameter 'download' can't be used with other parameters")
        }
        return `${task.log.join('\n')}\n`
      }
      const start = int(ctx.params, 'start') ?? 0
      const limit = int(ctx.params, 'limit') ?? 50
      const lines = task.log.map((t, i) => ({ n: i + 1, t })).slice(start, limit > 0 ? start + limit : undefined)
      // pve-common dump_logfile: an empty log yields one "no content" line (an ExtJS workaround).
      if (task.log.length === 0) return new ListWithTotal([{ n: 1, t: 'no content' }], 1)
      return new ListWithTotal(lines, task.log.length)
    },
  },
  {
    endpoint: 'DELETE /nodes/{node}/tasks/{upid}',
    handler: (ctx) => {
      const task = loadTask(ctx)
      if (task.status === 'running') ctx.tasks.stop(task.upid)
      return null
    },
  },
  {
    endpoint: 'GET /nodes/{node}/tasks',
    handler: (ctx) => {
      const node = required(ctx.params, 'node')
      const source = str(ctx.params, 'source') ?? 'archive'
      const vmid = int(ctx.params, 'vmid')
      const typefilter = str(ctx.params, 'typefilter')
      const userfilter = str(ctx.params, 'userfilter')
      const statusfilter = str(ctx.params, 'statusfilter')
      const wanted = statusfilter ? new Set(splitList(statusfilter)) : undefined
      const onlyErrors = bool(ctx.params, 'errors') ?? false
      const since = int(ctx.params, 'since')
      const until = int(ctx.params, 'until')
      const start = int(ctx.params, 'start') ?? 0
      const limit = int(ctx.params, 'limit') ?? 50
      const matching = ctx.tasks.tasks
        .filter((t) => t.node === node)
        .filter((t) =>
          source === 'all' ? true : source === 'active' ? t.status === 'running' : t.status === 'stopped',
        )
        .filter((t) => vmid === undefined || t.id === String(vmid))
        .filter((t) => !typefilter || t.type === typefilter)
        .filter((t) => !userfilter || t.user.includes(userfilter))
        .filter((t) => t.status === 'running' || !wanted || wanted.has(statusClass(t)))
        .filter((t) => !onlyErrors || (t.status === 'stopped' && statusClass(t) === 'error'))
        .filter((t) => (since === undefined || t.starttime >= since) && (until === undefined || t.starttime <= until))
        .sort((a, b) => b.starttime - a.starttime || b.pid - a.pid)
      const page = matching.slice(start, limit > 0 ? start + limit : undefined).map((t) => {
        const item: Record<string, unknown> = taskIds(t)
        if (t.status === 'stopped') {
          item.endtime = t.endtime
          item.status = t.exitstatus
        }
        return item
      })
      return new ListWithTotal(page, matching.length)
    },
  },
]
