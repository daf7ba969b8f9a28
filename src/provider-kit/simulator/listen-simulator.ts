import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { listenTracked, type ListeningServer } from './listen-tracked.js'

/** One half of a simulator's HTTP surface. */
type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>

/** Where a simulator listens, its two halves, and how it answers when one of them throws. */
export interface SimulatorListenOptions {
  host: string
  port: number
  /** Serves HTTPS with this key and certificate (PEM); plain HTTP when absent. */
  tls?: { key: string; cert: string } | null
  /** The test-control API under `/_simulator/` (see `handleFaultControl`). */
  control: Handler
  /** The simulated upstream API: every other path. */
  api: Handler
  /** Answers a request whose handler threw before it answered (a 500 in the API's own style). */
  crashed(res: ServerResponse, error: unknown): void
}

/**
 * Starts a simulator's listener: `/_simulator/*` goes to the control API, the rest to the
 * simulated API; a handler that throws gets `crashed` unless it has answered already.
 */
export function listenSimulator(options: SimulatorListenOptions): Promise<ListeningServer> {
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const path = req.url ?? '/'
    const work = path.startsWith('/_simulator/') ? options.control(req, res) : options.api(req, res)
    work.catch((error: unknown) => {
      if (!res.headersSent) options.crashed(res, error)
    })
  }
  const server = options.tls
    ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, handler)
    : createHttpServer(handler)
  return listenTracked(server, { host: options.host, port: options.port, scheme: options.tls ? 'https' : 'http' })
}
