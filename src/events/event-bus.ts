import { EventEmitter } from 'node:events'
import { channel } from './channel.js'

/**
 * Where Hangar's events go: the changes of operations and deployments, their log batches, and the
 * server-list cache's invalidations, each on a topic (`operation:<id>`, `deployment:logs:<id>`,
 * ...). In process by default; with `REDIS_URL` every gateway gets every other's events too
 * ({@link createRedisEventBus}), so a subscriber on one instance follows work done on another.
 */
export interface EventBus {
  /** Delivers to this instance's subscribers at once, and to the other instances' when shared. */
  publish(topic: string, payload: unknown): void
  /** Every payload of `topic` from the moment of the call until `signal` aborts, buffered until read. */
  subscribe<T>(topic: string, signal: AbortSignal): AsyncIterable<T>
  close(): Promise<void>
}

/** An {@link EventBus} for one gateway: an EventEmitter. */
export function createLocalEventBus(): EventBus & { deliver(topic: string, payload: unknown): void } {
  const emitter = new EventEmitter()
  emitter.setMaxListeners(0)
  const deliver = (topic: string, payload: unknown) => void emitter.emit(topic, payload)
  return {
    publish: deliver,
    deliver,
    subscribe: <T>(topic: string, signal: AbortSignal) => channel<T>(emitter, topic, signal),
    close: async () => {},
  }
}
