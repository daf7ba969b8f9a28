import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import { listenTracked, type ListeningServer } from 'hangar/provider-kit/testing'
import { handleControlRequest } from './control-api.js'
import type { KamateraFaults } from './faults.js'
import { handleApiRequest } from './request-pipeline.js'
import type { PipelineDeps } from './request-pipeline.js'

export type { ListeningServer }

/** Starts the plain-HTTP listener: `/_simulator/*` goes to the control API, the rest to the cloudcli API. */
export async function listen(options: {
  host: string
  port: number
  deps: PipelineDeps
  faults: KamateraFaults
}): Promise<ListeningServer> {
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const path = req.url ?? '/'
    const work = path.startsWith('/_simulator/')
      ? handleControlRequest(req, res, options.faults)
      : handleApiRequest(req, res, options.deps)
    work.catch((err: unknown) => {
      if (!res.headersSent) {
        res.statusCode = 500
        res.setHeader('Content-Type', 'application/json')
        res.end(JSON.stringify({ message: String(err) }))
      }
    })
  }
  const server: Server = createServer(handler)
  return listenTracked(server, { host: options.host, port: options.port, scheme: 'http' })
}
