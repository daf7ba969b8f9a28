import { timingSafeEqual } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'

/** The API key pair every request must carry as `AuthClientId` / `AuthSecret` headers. */
export interface ApiKey {
  clientId: string
  secret: string
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name]
  return Array.isArray(value) ? value[0] : value
}

/** Whether both headers are present and match the key pair. */
export function isAuthenticated(headers: IncomingHttpHeaders, key: ApiKey): boolean {
  const clientId = header(headers, 'authclientid')
  const secret = header(headers, 'authsecret')
  return clientId !== undefined && secret !== undefined && same(clientId, key.clientId) && same(secret, key.secret)
}
