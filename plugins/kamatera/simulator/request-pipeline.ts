import type { IncomingMessage, ServerResponse } from 'node:http'
import { type RouteMatch, serveWithFaults, type SimulatorRouter } from 'hangar/provider-kit/testing'
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
 * Serves one request: `GET /` readiness; then, for API paths, the kit's fault pipeline in
 * Laravel's order: routing (404/405) before the throttle (429), then the body, the key pair,
 * injected errors and the handler. The answer is wrapped when `X-CLOUDCLI-STATUSINJSON: true` was
 * sent. Only `/service` and `/server` requests are counted and meet the faults besides latency.
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
  const match = deps.router.match(method, path)
  // Only a found route gets past `screen`.
  const route = match.kind === 'found' ? match.route : undefined
  const statusInJson = wantsStatusInJson(req)
  /** Answers as Laravel does, outside the controller: never wrapped in the status-in-JSON envelope. */
  const answerAtOnce = async (status: number, body: unknown) => {
    await drain(req)
    return () => {
      entry.status = status
      sendJson(res, status, body)
    }
  }
  const answer = (status: number, body: unknown) => () => {
    entry.status = statusInJson ? 200 : status
    sendCommandResult(res, status, body, statusInJson)
  }
  await serveWithFaults(req, res, {
    faults: deps.faults,
    method,
    path,
    counted,
    screen: () => (match.kind === 'found' ? undefined : answerAtOnce(...unrouted(method, match))),
    // Laravel's throttle middleware answers before the controller reads the request or the key pair.
    throttled: ({ retryAfter }) => {
      for (const [name, value] of Object.entries(rateLimitHeaders(retryAfter))) res.setHeader(name, value)
      return answerAtOnce(429, { message: TOO_MANY_ATTEMPTS })
    },
    admit: async () => {
      const values = await parseRequestInput(req, url.search.slice(1))
      if (!isAuthenticated(req.headers, deps.key)) {
        if (route!.authErrorAs200)
          throw new CloudcliError(200, 'you are not logged in', backendErrors(1, 'you are not logged in'))
        throw notLoggedIn()
      }
      return values
    },
    injected: ({ status, message, body }) => new CloudcliError(status, message ?? 'Unexpected error', body),
    work: (values) => {
      const ctx: RouteContext = {
        state: deps.state,
        commands: deps.commands,
        faults: deps.faults,
        behaviour: deps.behaviour,
        input: new RequestInput(values),
        query: url.searchParams,
      }
      return answer(200, route!.handler(ctx))
    },
    // Any exception but a CloudcliError is what PHP would have thrown: the proxy hides its text.
    failed: (err) =>
      err instanceof CloudcliError ? answer(err.status, err.toBody()) : answer(500, { message: route!.failure }),
  })
}

/** Laravel's 405 (with the methods the path has) or 404. */
function unrouted(method: string, match: Exclude<RouteMatch<Route>, { kind: 'found' }>): [number, unknown] {
  if (match.kind === 'none') return [404, { message: 'Not Found' }]
  return [
    405,
    {
      message:
        `The ${method} method is not supported for this route. ` + `Supported methods: ${match.allowed.join(', ')}.`,
    },
  ]
}
