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
  /**
   * Every payload of `topic` from the moment of the call until `signal` aborts, buffered until read,
   * and {@link RESYNC} when some may have been missed.
   */
  subscribe<T>(topic: string, signal: AbortSignal): AsyncIterable<T | Resync>
  close(): Promise<void>
}

/**
 * Delivered (by this instance only, never sent) on every topic that has subscribers when events
 * from other gateways may have been missed, as after Redis came back: a subscriber then reads the
 * current state from the database instead of waiting for a change that already happened.
 */
export const RESYNC: unique symbol = Symbol('hangar.events.resync')
export type Resync = typeof RESYNC

/** An {@link EventBus} for one gateway: an EventEmitter. */
export function createLocalEventBus(): EventBus & {
  deliver(topic: string, payload: unknown): void
  resyncAll(): void
} {
  const emitter = new EventEmitter()
  emitter.setMaxListeners(0)
  const deliver = (topic: string, payload: unknown) => void emitter.emit(topic, payload)
  return {
    publish: deliver,
    deliver,
    resyncAll: () => {
      // `events.on()` listens to 'error' too (to end its iterators): that one is not a topic.
      for (const topic of emitter.eventNames())
        if (typeof topic === 'string' && topic !== 'error') emitter.emit(topic, RESYNC)
    },
    subscribe: <T>(topic: string, signal: AbortSignal) => channel<T | Resync>(emitter, topic, signal),
    close: async () => {},
  }
}
