import type { IncomingMessage, ServerResponse } from 'node:http'
import type { SimulatorRouter } from 'hangar/provider-kit/testing'
import { CloudcliError, backendErrors, notLoggedIn } from './api-error.js'
import { rateLimitHeaders } from './rate-limit.js'
import { isAuthenticated } from './auth.js'
import type { ApiKey } from './auth.js'
import { parseRequestInput } from './body-parsing.js'
import type { CommandQueue } from './commands.js'
import type { BehaviourOptions, Route, RouteContext } from './context.js'
import { TOO_MANY_ATTEMPTS, type KamateraFaults } from './faults.js'
import { RequestInput } from './php-values.js'
import { sendCommandResult, sendJson, wantsStatusInJson } from './reply.js'
import type { KamateraState } from './state.js'

/** Everything the request pipeline needs. */
export interface PipelineDeps {
  router: SimulatorRouter<Route>
  key: ApiKey
  state: KamateraState
  commands: CommandQueue
  faults: KamateraFaults
  behaviour: BehaviourOptions
  /**
   * Called once per `/service` or `/server` request as it arrives (the `requests` counter and
   * log); the returned entry gets the answer's status once sent.
   */
  recordRequest: (method: string, path: string) => { status?: number }
}

/** Discards a body nobody reads, so the connection can be reused. */
async function drain(req: IncomingMessage): Promise<void> {
  for await (const _chunk of req) {
    // discard
  }
}

/**
 * Serves one request: `GET /` readiness; then for API paths latency, dropped connections, routing
 * (404/405), the key pair, injected errors, the handler; finally the answer, wrapped when
 * `X-CLOUDCLI-STATUSINJSON: true` was sent, or a dropped connection after processing. A fault mix
 * picks per request among these (dropped before or after, an injected status, a late answer).
 */
export async function handleApiRequest(req: IncomingMessage, res: ServerResponse, deps: PipelineDeps): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://simulator')
  const method = (req.method ?? 'GET').toUpperCase()
  const path = url.pathname
  if (path === '/' && method === 'GET') {
    await drain(req)
    sendJson(res, 200, { ready: true })
    return
  }
  const counted =
    path === '/service' || path.startsWith('/service/') || path === '/server' || path.startsWith('/server/')
  const entry = counted ? deps.recordRequest(method, path) : {}
  if (deps.faults.latencyMs > 0) await sleep(deps.faults.latencyMs)
  const mixed = counted ? deps.faults.takeMixed() : undefined
  const drop =
    (counted ? deps.faults.takeDrop(method, path) : undefined) ??
    (mixed?.kind === 'reset-before' ? {} : mixed?.kind === 'reset-after' ? { afterProcessing: true } : undefined)
  if (drop && !drop.afterProcessing) {
    req.socket.destroy()
    return
  }

  const match = deps.router.match(method, path)
  if (match.kind !== 'found') {
    await drain(req)
    entry.status = match.kind === 'method' ? 405 : 404
    if (match.kind === 'method') {
      sendJson(res, 405, {
        message:
          `The ${method} method is not supported for this route. ` + `Supported methods: ${match.allowed.join(', ')}.`,
      })
    } else {
      sendJson(res, 404, { message: 'Not Found' })
    }
    return
  }
  const { route } = match
  // Laravel's throttle middleware answers before the controller reads the request or the key pair.
  const limit =
    deps.faults.takeRateLimit(method, path) ??
    (mixed?.kind === 'status' && mixed.status === 429 ? { retryAfter: mixed.retryAfterSeconds } : undefined)
  if (limit) {
    await drain(req)
    entry.status = 429
    for (const [name, value] of Object.entries(rateLimitHeaders(limit.retryAfter))) res.setHeader(name, value)
    sendJson(res, 429, { message: TOO_MANY_ATTEMPTS })
    return
  }
  const statusInJson = wantsStatusInJson(req)
  let status = 200
  let body: unknown
  try {
    const values = await parseRequestInput(req, url.search.slice(1))
    if (!isAuthenticated(req.headers, deps.key)) {
      if (route.authErrorAs200)
        throw new CloudcliError(200, 'you are not logged in', backendErrors(1, 'you are not logged in'))
      throw notLoggedIn()
    }
    const rule = deps.faults.takeRule(method, path)
    if (rule) throw new CloudcliError(rule.status, rule.message ?? 'Unexpected error', rule.body)
    if (mixed?.kind === 'status') {
      // A 503 of maintenance mode may say when to come back, as a 429 does.
      if (mixed.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(mixed.retryAfterSeconds))
      throw new CloudcliError(mixed.status, mixed.message)
    }
    if (deps.faults.rollRandomError()) throw new CloudcliError(500, deps.faults.errorMessage)
    const ctx: RouteContext = {
      state: deps.state,
      commands: deps.commands,
      faults: deps.faults,
      behaviour: deps.behaviour,
      input: new RequestInput(values),
      query: url.searchParams,
    }
    body = route.handler(ctx)
  } catch (err) {
    if (err instanceof CloudcliError) {
      status = err.status
      body = err.toBody()
    } else {
      // Any other exception is what PHP would have thrown: the proxy hides its text.
      status = 500
      body = { message: route.failure }
    }
  }
  if (drop?.afterProcessing) {
    req.socket.destroy()
    return
  }
  const held = counted ? deps.faults.takeHeld(method, path) : undefined
  if (held) await sleep(held.ms)
  if (mixed?.kind === 'slow') await sleep(mixed.delayMs)
  entry.status = statusInJson ? 200 : status
  sendCommandResult(res, status, body, statusInJson)
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
