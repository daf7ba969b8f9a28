import type { EventEmitter } from 'node:events'

/**
 * The events of one name from the moment of the call until `signal` aborts, buffered until read,
 * so nothing emitted between subscribing and reading stored state is lost.
 *
 * A listener and an array rather than `events.on()`, whose iterator sets aside a queue of 2,048
 * slots (about 36 KB) each: a gateway holds two of these for every open subscription.
 */
export function channel<T>(emitter: EventEmitter, name: string, signal: AbortSignal): AsyncIterable<T> {
  let queue: T[] = []
  let head = 0
  // Readers waiting for the next event, first come first served (a reader may ask again before
  // its last answer came).
  let waiting: ((result: IteratorResult<T>) => void)[] = []
  let ended = signal.aborted
  const listener = (value: T) => {
    const wake = waiting.shift()
    if (wake) wake({ value, done: false })
    else queue.push(value)
  }
  const stop = () => {
    if (ended) return
    ended = true
    emitter.off(name, listener)
    signal.removeEventListener('abort', stop)
    const woken = waiting
    waiting = []
    for (const wake of woken) wake({ value: undefined, done: true })
  }
  if (!ended) {
    emitter.on(name, listener)
    signal.addEventListener('abort', stop, { once: true })
  }
  const iterator: AsyncIterableIterator<T> = {
    next() {
      if (head < queue.length) {
        const value = queue[head++]!
        // Read ones are let go of now and then, not on every read.
        if (head > 1024 && head * 2 > queue.length) {
          queue = queue.slice(head)
          head = 0
        }
        return Promise.resolve({ value, done: false })
      }
      if (ended) return Promise.resolve({ value: undefined, done: true })
      return new Promise((resolve) => void waiting.push(resolve))
    },
    return() {
      stop()
      queue = []
      head = 0
      return Promise.resolve({ value: undefined, done: true })
    },
    [Symbol.asyncIterator]() {
      return iterator
    },
  }
  return { [Symbol.asyncIterator]: () => iterator }
}
