import type { Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/** A listening simulator. */
export interface ListeningServer {
  /** `http(s)://127.0.0.1:<port>`. */
  url: string
  /** Stops listening and drops open connections (keep-alive ones would hold `close` up). */
  close(): Promise<void>
}

/** Listens on `host:port`, keeping track of connections so that `close` ends at once. */
export async function listenTracked(
  server: Server,
  { host, port, scheme }: { host: string; port: number; scheme: 'http' | 'https' },
): Promise<ListeningServer> {
  const sockets = new Set<Socket>()
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve())
  })
  const address = server.address() as AddressInfo
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address
  return {
    url: `${scheme}://${shown}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        for (const socket of sockets) socket.destroy()
      }),
  }
}
