import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { handleControlRequest } from './control-api.js'
import type { KamateraFaults } from './faults.js'
import { handleApiRequest } from './request-pipeline.js'
import type { PipelineDeps } from './request-pipeline.js'

/** A listening simulator. */
export interface ListeningServer {
  /** `http://127.0.0.1:<port>`. */
  url: string
  close(): Promise<void>
}

/** Starts the plain-HTTP listener: `/_simulator/*` goes to the control API, the rest to the cloudcli API. */
export async function listen(options: { host: string; port: number; deps: PipelineDeps; faults: KamateraFaults }): Promise<ListeningServer> {
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const path = req.url ?? '/'
    const work = path.startsWith('/_simulator/') ? handleControlRequest(req, res, options.faults) : handleApiRequest(req, res, options.deps)
    work.catch((err: unknown) => {
      if (!res.headersSent) {
        res.statusCode = 500
        res.setHeader('Content-Type', 'application/json')
        res.end(JSON.stringify({ message: String(err) }))
      }
    })
  }
  const server: Server = createServer(handler)
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
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        for (const socket of sockets) socket.destroy()
      }),
  }
}
