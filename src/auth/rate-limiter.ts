/**
 * A token bucket per key: `perMinute` actions, refilled continuously, so a burst of up to
 * `perMinute` passes and then one more every `60 / perMinute` seconds.
 */
export class RateLimiter {
  readonly #perMinute: number
  readonly #buckets = new Map<string, { tokens: number; at: number }>()

  constructor(perMinute: number) {
    this.#perMinute = perMinute
  }

  /** Takes `cost` from the key's bucket; false (taking nothing) when it does not hold that much. */
  take(key: string, cost = 1, now = Date.now()): boolean {
    if (this.#perMinute <= 0) return true
    const bucket = this.#buckets.get(key) ?? { tokens: this.#perMinute, at: now }
    bucket.tokens = Math.min(this.#perMinute, bucket.tokens + ((now - bucket.at) / 60_000) * this.#perMinute)
    bucket.at = now
    this.#buckets.set(key, bucket)
    if (bucket.tokens < cost) return false
    bucket.tokens -= cost
    return true
  }

  /** Seconds until `cost` can be taken. */
  retryAfterSeconds(key: string, cost = 1): number {
    const bucket = this.#buckets.get(key)
    if (!bucket || this.#perMinute <= 0) return 0
    return Math.max(1, Math.ceil(((cost - bucket.tokens) / this.#perMinute) * 60))
  }
}
