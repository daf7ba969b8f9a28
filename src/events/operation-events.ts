import { EventEmitter } from 'node:events'
import type { OperationView } from '../operations/operation-service.js'
import { channel } from './channel.js'

/**
 * In-process pub/sub of operation changes, one channel per operation id. Subscriptions (WebSocket
 * and SSE alike) read from here; a multi-instance deployment would put Redis behind the same calls.
 */
export interface OperationEvents {
  publish(operation: OperationView): void
  /**
   * Every change of one operation from the moment of the call (buffered until read, so nothing
   * published between subscribing and reading the current state is lost) until `signal` aborts.
   */
  subscribe(id: string, signal: AbortSignal): AsyncIterable<OperationView>
}

export function createOperationEvents(): OperationEvents {
  const emitter = new EventEmitter()
  emitter.setMaxListeners(0)
  return {
    publish: (operation) => {
      emitter.emit(operation.id, operation)
    },
    subscribe: (id, signal) => channel<OperationView>(emitter, id, signal),
  }
}
