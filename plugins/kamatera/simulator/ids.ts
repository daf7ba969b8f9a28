import { createHash } from 'node:crypto'

/** A UUID-shaped id (`4e2f0c5e-1b7a-4c3d-9e8f-0a1b2c3d4e5f`) derived from `key`, so seeds give stable ids. */
export function stableServerId(key: string): string {
  const hex = createHash('sha256').update(`kamatera-server:${key}`).digest('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`
}

/** `YYYY-MM-DD HH:MM:SS` (UTC), the queue's timestamp format. */
export function queueTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 19).replace('T', ' ')
}
