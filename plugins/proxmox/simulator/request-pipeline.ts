import type { IncomingMessage, ServerResponse } from 'node:http'
import { serveWithFaults } from 'hangar/provider-kit/testing'
import { ApiError, parameterError } from './api-error.js'
import { endpointSchema } from './api-schema.js'
import type { Authenticator, AuthIdentity } from './auth.js'
import { type ParsedParams, parseRequestParams } from './body-parsing.js'
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

/** The parameters and the caller of a request that got past authentication. */
interface Admitted {
  raw: ParsedParams
  identity: AuthIdentity
}

/**
 * Serves one `/api2/...` request in pveproxy's order through the kit's fault pipeline: the prefix,
 * a 429 from a proxy in front, the body, auth, injected faults, handler lookup, proxying to the
 * node, parameter merge and validation, file locks, handler; errors in pve-http-server's format.
 */
export async function handleApiRequest(req: IncomingMessage, res: ServerResponse, deps: PipelineDeps): Promise<void> {
  deps.countRequest()
  const url = new URL(req.url ?? '/', 'http://simulator')
  const method = (req.method ?? 'GET').toUpperCase()
  const path = url.pathname.slice(API_PREFIX.length) || '/'
  const fail = (error: ApiError) => () => sendError(res, error, deps.legacyErrors)
  await serveWithFaults(req, res, {
    faults: deps.faults,
    method,
    path,
    screen: () =>
      url.pathname === API_PREFIX || url.pathname.startsWith(`${API_PREFIX}/`)
        ? undefined
        : fail(new ApiError(501, 'no such uri')),
    // A proxy in front of pveproxy may throttle with 429 and the seconds to wait.
    throttled: ({ retryAfter, message }) => {
      if (retryAfter !== undefined) res.setHeader('Retry-After', String(retryAfter))
      return fail(new ApiError(429, message ?? 'Too Many Requests'))
    },
    admit: async (): Promise<Admitted> => {
      const raw = await parseRequestParams(req, url.search.slice(1))
      const publicCall = method === 'POST' && path.replace(/\/$/, '') === '/access/ticket'
      const identity: AuthIdentity = publicCall
        ? { user: 'nobody@pve', token: false }
        : deps.auth.authenticate(method, req.headers)
      return { raw, identity }
    },
    injected: ({ status, message }) => new ApiError(status, message ?? 'Internal Server Error'),
    work: async (admitted) => {
      const result = await callHandler(method, path, admitted, deps)
      return () => sendJson(res, 200, dataEnvelope(result))
    },
    failed: (err) =>
      fail(err instanceof ApiError ? err : new ApiError(500, err instanceof Error ? err.message : String(err))),
  })
}

/** Handler lookup, proxying to the node, parameter merge and validation, file locks, then the handler. */
async function callHandler(method: string, path: string, admitted: Admitted, deps: PipelineDeps): Promise<unknown> {
  const match = deps.router.match(method, path)
  if (match.kind !== 'found') throw new ApiError(501, `Method '${method} ${path}' not implemented`)
  const nodeName = match.params.node
  if (nodeName !== undefined) {
    const node = deps.state.requireNode(nodeName)
    if (!node.online) throw new ApiError(595, `Connection timed out`)
    if (deps.faults.takeBrokenPipe(nodeName)) throw new ApiError(596, 'Broken pipe')
  }

  const merged: Record<string, unknown> = { ...admitted.raw.values }
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
    identity: admitted.identity,
  }
  return match.route.handler(ctx)
}

/** `{"data": ...}`, with `total` for a list that has one. */
function dataEnvelope(result: unknown): unknown {
  if (!(result instanceof ListWithTotal)) return { data: result ?? null }
  return result.total === undefined ? { data: result.data } : { data: result.data, total: result.total }
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
