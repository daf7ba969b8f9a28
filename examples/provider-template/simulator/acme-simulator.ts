/**
 * A loopback simulator of the Acme Cloud API, for the plugin's tests and a local demo. It is built
 * from `hangar/provider-kit/testing` the way the built-in Proxmox and Kamatera simulators are: the
 * kit's router, body reading, request faults (with `GET|POST|DELETE /_simulator/faults`) met in
 * order by `serveWithFaults`, and simulated operations. Keep a simulator faithful to the real API:
 * same paths, envelopes, errors and asynchronous behaviour; tests drive the real plugin against it
 * over HTTP.
 */
import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import {
  BodyTooLargeError,
  handleFaultControl,
  listenSimulator,
  readRequestBody,
  RequestFaults,
  requestFaultsControl,
  SimulatedTasks,
  serveWithFaults,
  SimulatorRouter,
} from 'hangar/provider-kit/testing'

/** A simulated server. */
export interface SimServer {
  id: string
  name: string
  state: 'running' | 'stopped' | 'starting' | 'stopping'
  region: string
  cpus: number
  memory_mb: number
  disk_gb: number
  ipv4: string[]
  /** The operation working on it, if any (a second one is refused with 409). */
  busyWith?: string
}

/** Options of {@link startAcmeSimulator}. */
export interface AcmeSimulatorOptions {
  /** How long an operation runs, in ms (default 300). */
  operationMs?: number
  /** The API token it accepts (default: a random one). */
  token?: string
  port?: number
}

/** A running simulator. */
export interface AcmeSimulator {
  url: string
  token: string
  servers: Map<string, SimServer>
  faults: RequestFaults
  /** The operations it runs; `operations.failNext(message)` makes the next one fail. */
  operations: SimulatedTasks
  /** Every API request, with the status it was answered with. */
  requests: { method: string; path: string; status?: number }[]
  close(): Promise<void>
}

class AcmeError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

interface Route {
  method: string
  path: string
  handle(params: Record<string, string>, body: Record<string, unknown>): { status?: number; body: unknown }
}

function seedServers(): Map<string, SimServer> {
  const servers: SimServer[] = [
    {
      id: 'srv-1',
      name: 'web-1',
      state: 'running',
      region: 'eu-1',
      cpus: 2,
      memory_mb: 4096,
      disk_gb: 40,
      ipv4: ['192.0.2.11'],
    },
    {
      id: 'srv-2',
      name: 'web-2',
      state: 'stopped',
      region: 'eu-1',
      cpus: 2,
      memory_mb: 4096,
      disk_gb: 40,
      ipv4: ['192.0.2.12'],
    },
    {
      id: 'srv-3',
      name: 'db-1',
      state: 'running',
      region: 'us-1',
      cpus: 8,
      memory_mb: 32768,
      disk_gb: 500,
      ipv4: ['198.51.100.7'],
    },
    {
      id: 'srv-4',
      name: 'batch-1',
      state: 'stopped',
      region: 'us-1',
      cpus: 4,
      memory_mb: 8192,
      disk_gb: 100,
      ipv4: [],
    },
  ]
  return new Map(servers.map((server) => [server.id, server]))
}

const REGIONS = [
  { id: 'eu-1', name: 'Frankfurt', cpus: 64, memory_gb: 256 },
  { id: 'us-1', name: 'Virginia', cpus: 128, memory_gb: 512 },
]

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) })
  response.end(text)
}

/** A JSON request body as an object (empty when there is none). */
function parseJsonBody(raw: Buffer): Record<string, unknown> {
  if (raw.length === 0) return {}
  try {
    return JSON.parse(raw.toString('utf8')) as Record<string, unknown>
  } catch {
    throw new AcmeError(400, 'invalid_json', 'the body is not JSON')
  }
}

/** Starts the simulator on 127.0.0.1 (a free port unless `port` is given). */
export async function startAcmeSimulator(options: AcmeSimulatorOptions = {}): Promise<AcmeSimulator> {
  const token = options.token ?? randomBytes(16).toString('hex')
  const operationMs = options.operationMs ?? 300
  const servers = seedServers()
  const faults = new RequestFaults('internal error')
  const operations = new SimulatedTasks((counter) => `op-${counter}`)
  const requests: AcmeSimulator['requests'] = []

  function serverOf(id: string): SimServer {
    const server = servers.get(id)
    if (!server) throw new AcmeError(404, 'not_found', `no server ${id}`)
    return server
  }

  /**
   * Starts an operation on a server: refused while another one works on it. The server shows the
   * state `during` while it runs (if given), and its old state again if the operation fails.
   */
  function operate(server: SimServer, lines: string[], effect: () => void, during?: SimServer['state']) {
    if (server.busyWith) throw new AcmeError(409, 'conflict', `server ${server.id} is busy with ${server.busyWith}`)
    const before = server.state
    const operation = operations.start({
      durationMs: operationMs,
      lines,
      onRun: () => (server.state = during ?? before),
      complete: effect,
      onFail: () => (server.state = before),
      // Succeeded or failed, the server is free again.
      onEnd: () => (server.busyWith = undefined),
    })
    server.busyWith = operation.id
    return { status: 202, body: { operation: { id: operation.id, status: operation.state } } }
  }

  /** A power action: the server is `during` while it runs, then `after`. */
  function turn(server: SimServer, lines: string[], during: SimServer['state'], after: SimServer['state']) {
    return operate(server, lines, () => (server.state = after), during)
  }

  const router = new SimulatorRouter<Route>([
    {
      method: 'GET',
      path: '/v1/regions',
      handle: () => ({
        body: { regions: REGIONS.map((region) => ({ ...region, memory_gb_used: usedMemory(region.id) })) },
      }),
    },
    { method: 'GET', path: '/v1/servers', handle: () => ({ body: { servers: [...servers.values()].map(view) } }) },
    { method: 'GET', path: '/v1/servers/{id}', handle: ({ id }) => ({ body: { server: view(serverOf(id!)) } }) },
    {
      method: 'POST',
      path: '/v1/servers/{id}/actions',
      handle: ({ id }, body) => {
        const server = serverOf(id!)
        const type = body.type
        if (type === 'start') {
          if (server.state === 'running') throw new AcmeError(409, 'conflict', `server ${server.id} is already running`)
          return turn(server, [`starting ${server.name}`, 'booting', 'running'], 'starting', 'running')
        }
        if (type === 'stop') {
          if (server.state === 'stopped') throw new AcmeError(409, 'conflict', `server ${server.id} is not running`)
          return turn(server, [`stopping ${server.name}`, 'stopped'], 'stopping', 'stopped')
        }
        if (type === 'reboot') return turn(server, [`rebooting ${server.name}`, 'running'], 'starting', 'running')
        throw new AcmeError(422, 'invalid', 'type must be start, stop or reboot')
      },
    },
    {
      method: 'DELETE',
      path: '/v1/servers/{id}',
      handle: ({ id }) => {
        const server = serverOf(id!)
        const lines =
          server.state === 'running'
            ? [`stopping ${server.name}`, `deleting ${server.name}`]
            : [`deleting ${server.name}`]
        return operate(
          server,
          lines,
          () => servers.delete(server.id),
          server.state === 'running' ? 'stopping' : undefined,
        )
      },
    },
    {
      method: 'GET',
      path: '/v1/operations/{id}',
      handle: ({ id }) => {
        const operation = operations.get(id!)
        if (!operation) throw new AcmeError(404, 'not_found', `no operation ${id}`)
        return {
          body: {
            operation: {
              id: operation.id,
              status: operation.state,
              log: operation.log,
              ...(operation.error ? { error: operation.error } : {}),
            },
          },
        }
      },
    },
  ])

  function view(server: SimServer) {
    const { busyWith: _busy, ...shown } = server
    return shown
  }

  function usedMemory(region: string): number {
    return [...servers.values()]
      .filter((server) => server.region === region && server.state !== 'stopped')
      .reduce((sum, server) => sum + server.memory_mb / 1024, 0)
  }

  /**
   * One API request through the kit's fault pipeline, which meets the faults in the order a real
   * front proxy and API would; the hooks say how Acme throttles, authenticates, routes and fails.
   */
  async function handleApi(request: IncomingMessage, response: ServerResponse, method: string, path: string) {
    const entry: { method: string; path: string; status?: number } = { method, path }
    requests.push(entry)
    const reply = (status: number, body: unknown) => () => {
      entry.status = status
      send(response, status, body)
    }
    await serveWithFaults(request, response, {
      faults,
      method,
      path,
      throttled: ({ retryAfter }) => {
        if (retryAfter !== undefined) response.setHeader('retry-after', String(retryAfter))
        return reply(429, { error: { code: 'rate_limited', message: 'too many requests' } })
      },
      admit: async () => {
        const raw = await readRequestBody(request, 64 * 1024)
        if (request.headers.authorization !== `Bearer ${token}`)
          throw new AcmeError(401, 'unauthorized', 'a valid API token is required')
        return raw
      },
      injected: ({ source, status, message }) =>
        source === 'random'
          ? new AcmeError(status, 'internal', message ?? 'internal error')
          : new AcmeError(status, 'injected', message ?? 'injected failure'),
      work: (raw) => {
        const match = router.match(method, path)
        if (match.kind === 'method') throw new AcmeError(405, 'method_not_allowed', `use ${match.allowed.join(' or ')}`)
        if (match.kind === 'none') throw new AcmeError(404, 'not_found', `no route ${path}`)
        const answer = match.route.handle(match.params, parseJsonBody(raw))
        return reply(answer.status ?? 200, answer.body)
      },
      failed: (error) => {
        if (error instanceof BodyTooLargeError)
          return reply(413, { error: { code: 'too_large', message: error.message } })
        if (error instanceof AcmeError)
          return reply(error.status, { error: { code: error.code, message: error.message } })
        return reply(500, { error: { code: 'internal', message: 'internal error' } })
      },
    })
  }

  const listening = await listenSimulator({
    host: '127.0.0.1',
    port: options.port ?? 0,
    // GET|POST|DELETE /_simulator/faults, answering errors in Acme's envelope.
    control: (request, response) =>
      handleFaultControl(
        request,
        response,
        requestFaultsControl(faults, (res, status, body) =>
          send(res, status, 'snapshot' in body ? body.snapshot : { error: { code: 'invalid', message: body.error } }),
        ),
      ),
    api: (request, response) =>
      handleApi(
        request,
        response,
        (request.method ?? 'GET').toUpperCase(),
        new URL(request.url ?? '/', 'http://simulator').pathname,
      ),
    crashed: (response) => send(response, 500, { error: { code: 'internal', message: 'internal error' } }),
  })
  return {
    url: listening.url,
    token,
    servers,
    faults,
    operations,
    requests,
    async close() {
      operations.dispose()
      await listening.close()
    },
  }
}
