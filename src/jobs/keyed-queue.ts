/**
 * Runs work one at a time per key (a server id), in arrival order. A slot is held until the
 * `release` given to the work is called, which can be long after the work's promise settled:
 * an operation holds its server from the upstream call until its task has ended.
 */
export class KeyedQueue {
  readonly #tails = new Map<string, Promise<void>>()

  /** True when something holds or waits for `key`. */
  isBusy(key: string): boolean {
    return this.#tails.has(key)
  }

  /** Waits for the slot of `key`; resolves with the function that frees it (call it once). */
  async acquire(key: string): Promise<() => void> {
    const previous = this.#tails.get(key) ?? Promise.resolve()
    let release!: () => void
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    const tail = previous.then(() => held)
    this.#tails.set(key, tail)
    await previous
    let released = false
    return () => {
      if (released) return
      released = true
      release()
      // Forget the key once nobody queued behind us, so the map does not grow with the fleet.
      if (this.#tails.get(key) === tail) this.#tails.delete(key)
    }
  }

  /** Runs `task` in the slot of `key` and frees the slot when it settles. */
  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const release = await this.acquire(key)
    try {
      return await task()
    } finally {
      release()
    }
  }
}
