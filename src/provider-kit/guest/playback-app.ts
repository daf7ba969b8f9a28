import { createServer } from 'node:http'
import type { Server } from 'node:http'

/** A stand-in for a deployed app: answers 200 `ok` to every path, so health checks pass. */
export interface PlaybackApp {
  port: number
  close(): Promise<void>
}

/** Listens on `address:port`; rejects when the port is taken. */
export async function startPlaybackApp(address: string, port: number): Promise<PlaybackApp> {
  const server: Server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/plain' })
    response.end('ok')
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, address, () => resolve())
  })
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
