import { createServer as createHttpServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import type { Socket } from 'node:net'
import { handleControlRequest } from './control-api.js'
import type { SimulatorFaults } from './faults.js'
import { handleApiRequest } from './request-pipeline.js'
import type { PipelineDeps } from './request-pipeline.js'
import type { SimulatorCertificate } from './tls.js'

/** A listening simulator server. */
export interface ListeningServer {
  /** `https://127.0.0.1:<port>` (no `/api2/json`). */
  url: string
  close(): Promise<void>
}

/** Starts the HTTP(S) listener that routes `/_simulator/*` to the control API and the rest to api2. */
export async function listen(options: {
  host: string
  port: number
  certificate: SimulatorCertificate | null
  deps: PipelineDeps
  faults: SimulatorFaults
}): Promise<ListeningServer> {
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const path = req.url ?? '/'
    const work = path.startsWith('/_simulator/')
      ? handleControlRequest(req, res, options.faults)
      : handleApiRequest(req, res, options.deps)
    work.catch((err: unknown) => {
      if (!res.headersSent) {
        res.statusCode = 500
        res.end(String(err))
      }
    })
  }
  const server: Server = options.certificate
    ? createHttpsServer({ key: options.certificate.key, cert: options.certificate.cert }, handler)
    : createHttpServer(handler)
  const sockets = new Set<Socket>()
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => resolve())
  })
  const address = server.address() as AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  return {
    url: `${options.certificate ? 'https' : 'http'}://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        for (const socket of sockets) socket.destroy()
      }),
  }
}
