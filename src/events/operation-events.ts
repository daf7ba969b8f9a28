import type { OperationView } from '../operations/operation-view.js'
import { createLocalEventBus, type EventBus, type Resync } from './event-bus.js'

/**
 * Pub/sub of operation changes, one topic per operation id. Subscriptions (WebSocket and SSE alike)
 * read from here; with `REDIS_URL` the bus carries them between gateways.
 */
export interface OperationEvents {
  publish(operation: OperationView): void
  /**
   * Every change of one operation from the moment of the call (buffered until read, so nothing
   * published between subscribing and reading the current state is lost) until `signal` aborts.
   */
  subscribe(id: string, signal: AbortSignal): AsyncIterable<OperationView | Resync>
}

/** Operation changes on `bus` (the in-process one by default), one topic per operation. */
export function createOperationEvents(bus: EventBus = createLocalEventBus()): OperationEvents {
  return {
    publish: (operation) => bus.publish(`operation:${operation.id}`, operation),
    subscribe: (id, signal) => bus.subscribe<OperationView>(`operation:${id}`, signal),
  }
}
