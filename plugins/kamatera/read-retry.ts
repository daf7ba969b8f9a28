import { setTimeout as sleep } from 'node:timers/promises'
import { KamateraApiError, KamateraNetworkError } from './kamatera-api-error.js'

/** First backoff step; each further try doubles it, up to {@link MAX_BACKOFF_MS}. */
const BASE_BACKOFF_MS = 150
const MAX_BACKOFF_MS = 3_000

/**
 * Reads a `Retry-After` header: delay-seconds or an HTTP date (RFC 9110 §10.2.3). Undefined when
 * absent or unreadable; a date in the past means "now".
 */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  const text = value?.trim()
  if (!text) return undefined
  if (/^\d+$/.test(text)) return Number(text) * 1_000
  const at = Date.parse(text)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now)
}

/**
 * How long to wait before try `attempt + 1`: exponential with "equal jitter" (half fixed, half
 * random), so clients that failed together do not come back together. When the upstream said how
 * long to wait, that is the floor, with a little jitter above it for the same reason.
 */
export function retryDelayMs(attempt: number, retryAfterMs?: number): number {
  const step = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** (attempt - 1))
  if (retryAfterMs !== undefined) return retryAfterMs + Math.random() * Math.min(250, step / 2)
  return step / 2 + Math.random() * (step / 2)
}

/**
 * A read failed in a way that may pass: no answer, a 5xx, or 429 (too many requests). The proxy's
 * 500 `No servers found` is its answer for a server that does not exist, the same every time.
 */
export function isRetryableRead(error: unknown): error is KamateraNetworkError | KamateraApiError {
  if (error instanceof KamateraNetworkError) return true
  return error instanceof KamateraApiError && (error.status >= 500 || error.status === 429) && !/No servers found/i.test(error.message)
}

/** Options of {@link retryRead}. */
export interface RetryReadOptions {
  /** Retrying stops once the next try would start later than this many ms after the first. */
  deadlineMs: number
  signal?: AbortSignal
  /** Told of every failed try that will be retried, with the wait before the next. */
  onRetry?: (error: Error, attempt: number, delayMs: number) => void
}

/**
 * Runs an idempotent read, retrying what {@link isRetryableRead} allows with jittered backoff
 * that honours `Retry-After`. When the wait the upstream asks for does not fit before the
 * deadline, the last error is thrown at once rather than retried early.
 */
export async function retryRead<T>(read: () => Promise<T>, { deadlineMs, signal, onRetry }: RetryReadOptions): Promise<T> {
  const started = Date.now()
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await read()
    } catch (error) {
      if (signal?.aborted || !isRetryableRead(error)) throw error
      const delay = retryDelayMs(attempt, error instanceof KamateraApiError ? error.retryAfterMs : undefined)
      if (Date.now() + delay - started > deadlineMs) throw error
      onRetry?.(error, attempt, delay)
      await sleep(delay, undefined, { signal, ref: false }).catch(() => {
        throw signal?.reason ?? error
      })
    }
  }
}
