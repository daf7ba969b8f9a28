import { once } from 'node:events'
import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'

/** A loopback URL where nothing listens: a port the system handed out and that was let go again. */
export async function closedPortUrl(scheme: 'http' | 'https'): Promise<string> {
  const probe = createServer().listen(0, '127.0.0.1')
  await once(probe, 'listening')
  const { port } = probe.address() as AddressInfo
  await new Promise((resolve) => probe.close(resolve))
  return `${scheme}://127.0.0.1:${port}`
}
