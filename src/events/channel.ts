import type { EventEmitter } from 'node:events'

/**
 * The events of one name from the moment of the call until `signal` aborts, buffered until read,
 * so nothing emitted between subscribing and reading stored state is lost.
 *
 * A listener and an array rather than `events.on()`, whose iterator sets aside a queue of 2,048
 * slots (about 36 KB) each: a gateway holds two of these for every open subscription.
 */
export function channel<T>(emitter: EventEmitter, name: string, signal: AbortSignal): AsyncIterable<T> {
  return new Channel<T>(emitter, name, signal)
}

/**
 * A class, and closures made per channel assigned to members rather than to named constants: tsx
 * (esbuild's `keepNames`) sets the name of every named closure when it is made, which gives each
 * its own property dictionary of about 256 bytes, and a gateway makes these for every subscription.
 */
class Channel<T> implements AsyncIterableIterator<T> {
  private queue: T[] = []
  private head = 0
  // Readers waiting for the next event, first come first served (a reader may ask again before
  // its last answer came).
  private waiting: ((result: IteratorResult<T>) => void)[] = []
  private ended: boolean
  private readonly listener: (value: T) => void
  private readonly stop: () => void

  constructor(
    private readonly emitter: EventEmitter,
    private readonly name: string,
    private readonly signal: AbortSignal,
  ) {
    this.ended = signal.aborted
    this.listener = (value: T) => this.push(value)
    this.stop = () => this.end()
    if (!this.ended) {
      emitter.on(name, this.listener)
      signal.addEventListener('abort', this.stop, { once: true })
    }
  }

  next(): Promise<IteratorResult<T>> {
    if (this.head < this.queue.length) {
      const value = this.queue[this.head++]!
      // Read ones are let go of now and then, not on every read.
      if (this.head > 1024 && this.head * 2 > this.queue.length) {
        this.queue = this.queue.slice(this.head)
        this.head = 0
      }
      return Promise.resolve({ value, done: false })
    }
    if (this.ended) return Promise.resolve({ value: undefined, done: true })
    return new Promise((resolve) => void this.waiting.push(resolve))
  }

  return(): Promise<IteratorResult<T>> {
    this.end()
    this.queue = []
    this.head = 0
    return Promise.resolve({ value: undefined, done: true })
  }

  [Symbol.asyncIterator]() {
    return this
  }

  private push(value: T) {
    const wake = this.waiting.shift()
    if (wake) wake({ value, done: false })
    else this.queue.push(value)
  }

  private end() {
    if (this.ended) return
    this.ended = true
    this.emitter.off(this.name, this.listener)
    this.signal.removeEventListener('abort', this.stop)
    const woken = this.waiting
    this.waiting = []
    for (const wake of woken) wake({ value: undefined, done: true })
  }
}
