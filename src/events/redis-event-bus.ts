import type { Logger } from '../logger.js'
import type { SharedRedis } from '../redis/open-redis.js'
import { createLocalEventBus, type EventBus } from './event-bus.js'

/** The Redis channel every gateway publishes its events on and listens to. */
export const EVENTS_CHANNEL = 'hangar:events'

/** ISO-8601 timestamps as `Date#toISOString()` writes them. */
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/

/** JSON turns Dates into strings: fields named `at` or `...At` come back as Dates. */
function revive(key: string, value: unknown): unknown {
  return typeof value === 'string' && (key === 'at' || key.endsWith('At')) && ISO.test(value) ? new Date(value) : value
}

/** Options of {@link createRedisEventBus}. */
export interface RedisEventBusOptions {
  redis: SharedRedis
  /** This gateway's name: its own messages, already delivered locally, are not delivered twice. */
  instanceId: string
  logger: Logger
}

/**
 * An {@link EventBus} shared by every gateway on one Redis (pub/sub on {@link EVENTS_CHANNEL}).
 * A publish is delivered here at once and sent to the others through Redis, in order per
 * publisher. While Redis is away, publishes reach this instance only (the outage is logged once);
 * what the others missed, their subscriptions fill in from the database (a log tail reads stored
 * lines when a batch skips ahead; an operation's next change carries its whole state).
 */
export function createRedisEventBus({ redis, instanceId, logger }: RedisEventBusOptions): EventBus {
  const local = createLocalEventBus()
  const listener = redis.client.duplicate()
  listener.on('error', () => {})
  // Commands wait for no connection here (no offline queue): subscribe each time it is ready, the
  // first time and after every reconnection.
  let connectedBefore = false
  listener.on('ready', () => {
    void listener
      .subscribe(EVENTS_CHANNEL)
      .then(() => {
        // Back after an outage: what the others published meanwhile never came; subscribers re-read.
        if (connectedBefore) {
          logger.info(
            { redis: redis.where },
            'listening to the other gateways again; open subscriptions read their current state',
          )
          local.resyncAll()
        }
        connectedBefore = true
      })
      .catch(() => {})
  })
  listener.on('message', (_channel: string, message: string) => {
    let parsed: { origin: string; topic: string; payload: unknown }
    try {
      parsed = JSON.parse(message, revive) as typeof parsed
    } catch {
      return
    }
    if (parsed.origin === instanceId || typeof parsed.topic !== 'string') return
    local.deliver(parsed.topic, parsed.payload)
  })
  let failing = false
  return {
    publish(topic, payload) {
      local.deliver(topic, payload)
      redis.client
        .publish(EVENTS_CHANNEL, JSON.stringify({ origin: instanceId, topic, payload }))
        .then(() => {
          failing = false
        })
        .catch((error: Error) => {
          if (failing) return
          failing = true
          logger.warn(
            { redis: redis.where, topic, error: error.message },
            'could not send an event to the other gateways; they read it from the database',
          )
        })
    },
    subscribe: local.subscribe,
    async close() {
      listener.disconnect(false)
    },
  }
}
