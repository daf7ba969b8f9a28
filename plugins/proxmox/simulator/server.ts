import { createServer as createHttpServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { listenTracked, type ListeningServer } from 'hangar/provider-kit/testing'
import { handleControlRequest } from './control-api.js'
import type { SimulatorFaults } from './faults.js'
import { handleApiRequest } from './request-pipeline.js'
import type { PipelineDeps } from './request-pipeline.js'
import type { SimulatorCertificate } from './tls.js'

export type { ListeningServer }

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
  return listenTracked(server, {
    host: options.host,
    port: options.port,
    scheme: options.certificate ? 'https' : 'http',
  })
}
