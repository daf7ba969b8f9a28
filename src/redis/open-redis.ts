import { Redis } from 'ioredis'
import { redactDatabaseUrl } from '../db/database-url.js'
import type { Logger } from '../logger.js'

/** The Redis several gateways share (`REDIS_URL`), as Hangar holds it. */
export interface SharedRedis {
  client: Redis
  /** The URL with its password masked, for logs and errors. */
  where: string
  /** Answers when Redis answers `PING`; throws otherwise (without waiting for a reconnection). */
  ping(): Promise<void>
  close(): Promise<void>
}

/**
 * Connects to Redis in the background: start-up never waits for it, and a Redis that is down or
 * goes away is retried (every 0.2 s growing to 2 s) while `GET /ready` answers 503. A command
 * made while it is away fails at once rather than queueing, and the outage is logged once, with
 * its end.
 */
export function openRedis(url: string, logger: Logger): SharedRedis {
  const where = redactDatabaseUrl(url)
  const client = new Redis(url, {
    lazyConnect: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 2_000,
    retryStrategy: (times) => Math.min(200 * times, 2_000),
  })
  let down = false
  client.on('error', (error: Error) => {
    if (down) return
    down = true
    logger.warn(
      { redis: where, error: redactDatabaseUrl(error.message) },
      'Redis does not answer; retrying (GET /ready answers 503 meanwhile)',
    )
  })
  client.on('ready', () => {
    if (down) logger.info({ redis: where }, 'Redis answers again')
    // Debug: the gateway's first info line is the one saying where it listens (GET /ready says Redis answers).
    else logger.debug({ redis: where }, 'Redis connected')
    down = false
  })
  return {
    client,
    where,
    async ping() {
      if (client.status !== 'ready') throw new Error(`not connected to ${where} (${client.status})`)
      await client.ping()
    },
    async close() {
      client.disconnect(false)
    },
  }
}
