import { on, type EventEmitter } from 'node:events'

/**
 * The events of one name from the moment of the call until `signal` aborts, buffered until read,
 * so nothing emitted between subscribing and reading stored state is lost.
 */
export function channel<T>(emitter: EventEmitter, name: string, signal: AbortSignal): AsyncIterable<T> {
  const events = on(emitter, name, { signal })
  return {
    async *[Symbol.asyncIterator]() {
      try {
        for await (const [value] of events) yield value as T
      } catch (error) {
        if (!signal.aborted) throw error
      }
    },
  }
}
