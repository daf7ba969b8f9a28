import type { IncomingMessage, ServerResponse } from 'node:http'
import { ApiError, parameterError } from './api-error.js'
import { endpointSchema } from './api-schema.js'
import type { Authenticator, AuthIdentity } from './auth.js'
import { parseRequestParams } from './body-parsing.js'
import { ListWithTotal } from './context.js'
import type { BehaviourOptions, RouteContext } from './context.js'
import type { SimulatorFaults } from './faults.js'
import { sendError, sendJson } from './reply.js'
import type { Router } from './router.js'
import { validateParams } from './schema-validation.js'
import type { SimulatorState } from './state.js'
import type { TaskRunner } from './tasks.js'

/** Everything the api2 pipeline needs. */
export interface PipelineDeps {
  router: Router
  auth: Authenticator
  state: SimulatorState
  tasks: TaskRunner
  faults: SimulatorFaults
  behaviour: BehaviourOptions
  legacyErrors: boolean
  /** Called once per api2 request (the `requests` counter). */
  countRequest: () => void
}

const API_PREFIX = '/api2/json'

/**
 * Serves one `/api2/...` request in pveproxy's order: format, body, auth, injected faults,
 * handler lookup, proxying to the node, parameter merge and validation, file locks, handler.
 * A fault mix picks per request among a reset before or after processing, an injected status and
 * a late answer.
 */
export async function handleApiRequest(req: IncomingMessage, res: ServerResponse, deps: PipelineDeps): Promise<void> {
  deps.countRequest()
  const url = new URL(req.url ?? '/', 'http://simulator')
  const method = (req.method ?? 'GET').toUpperCase()
  const path = url.pathname.slice(API_PREFIX.length) || '/'
  const mixed = deps.faults.takeMixed()
  const drop =
    deps.faults.takeDrop(method, path) ??
    (mixed?.kind === 'reset-before' ? {} : mixed?.kind === 'reset-after' ? { afterProcessing: true } : undefined)
  if (drop && !drop.afterProcessing) {
    req.socket.destroy()
    return
  }
  let send: () => void
  try {
    if (deps.faults.latencyMs > 0) await sleep(deps.faults.latencyMs)
    if (url.pathname !== API_PREFIX && !url.pathname.startsWith(`${API_PREFIX}/`))
      throw new ApiError(501, 'no such uri')
    // A proxy in front of pveproxy may throttle with 429 and the seconds to wait.
    const limit = deps.faults.takeRateLimit(method, path)
    if (limit) {
      if (limit.retryAfter !== undefined) res.setHeader('Retry-After', String(limit.retryAfter))
      throw new ApiError(429, 'Too Many Requests')
    }
    const raw = await parseRequestParams(req, url.search.slice(1))

    const publicCall = method === 'POST' && path.replace(/\/$/, '') === '/access/ticket'
    const identity: AuthIdentity = publicCall
      ? { user: 'nobody@pve', token: false }
      : deps.auth.authenticate(method, req.headers)

    const rule = deps.faults.takeRule(method, path)
    if (rule) throw new ApiError(rule.status, rule.message ?? 'Internal Server Error')
    if (mixed?.kind === 'status') {
      // A proxy in front of the node may throttle with 429 and the seconds to wait.
      if (mixed.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(mixed.retryAfterSeconds))
      throw new ApiError(mixed.status, mixed.message)
    }
    if (deps.faults.rollRandomError()) throw new ApiError(500, deps.faults.errorMessage)

    const match = deps.router.match(method, path)
    if (match.kind !== 'found') throw new ApiError(501, `Method '${method} ${path}' not implemented`)
    const nodeName = match.params.node
    if (nodeName !== undefined) {
      const node = deps.state.requireNode(nodeName)
      if (!node.online) throw new ApiError(595, `Connection timed out`)
      if (deps.faults.takeBrokenPipe(nodeName)) throw new ApiError(596, 'Broken pipe')
    }

    const merged: Record<string, unknown> = { ...raw.values }
    const conflicts: Record<string, string> = {}
    for (const [name, value] of Object.entries(match.params)) {
      if (merged[name] !== undefined && String(merged[name]) !== value) {
        conflicts[name] = 'duplicate parameter (already defined in URI) with conflicting values!'
      }
      merged[name] = value
    }
    if (Object.keys(conflicts).length > 0) throw parameterError(conflicts)
    const validation = validateParams(merged, endpointSchema(match.route.endpoint))
    if (!validation.ok) throw parameterError(validation.errors)

    if (method !== 'GET') checkFileLocks(deps.faults, path, validation.params)

    const ctx: RouteContext = {
      state: deps.state,
      tasks: deps.tasks,
      faults: deps.faults,
      behaviour: deps.behaviour,
      params: validation.params,
      identity,
    }
    const result = await match.route.handler(ctx)
    const held = deps.faults.takeHeld(method, path)
    if (held) await sleep(held.ms)
    send = () =>
      sendJson(
        res,
        200,
        result instanceof ListWithTotal
          ? result.total === undefined
            ? { data: result.data }
            : { data: result.data, total: result.total }
          : { data: result ?? null },
      )
  } catch (err) {
    const error = err instanceof ApiError ? err : new ApiError(500, err instanceof Error ? err.message : String(err))
    send = () => sendError(res, error, deps.legacyErrors)
  }
  // A reset after processing or a late answer: the work is done whatever the reply says.
  if (drop?.afterProcessing) {
    req.socket.destroy()
    return
  }
  if (mixed?.kind === 'slow') await sleep(mixed.delayMs)
  send()
}

/** The `can't lock file ... got timeout` fault for writes that touch a faulted vmid. */
function checkFileLocks(faults: SimulatorFaults, path: string, params: Record<string, string | string[]>): void {
  const lxc = /^\/nodes\/[^/]+\/lxc(?:\/|$)/.test(path)
  for (const name of ['vmid', 'newid']) {
    const raw = params[name]
    const vmid = Number(Array.isArray(raw) ? raw[0] : raw)
    if (!Number.isInteger(vmid) || !faults.takeLockTimeout(vmid)) continue
    const file = lxc ? `/run/lock/lxc/pve-config-${vmid}.lock` : `/var/lock/qemu-server/lock-${vmid}.conf`
    throw new ApiError(500, `can't lock file '${file}' - got timeout`)
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
