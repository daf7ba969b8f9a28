import { setTimeout as sleep } from 'node:timers/promises'

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

/** The steps of a backoff: the first wait, and the most any wait grows to. */
export interface Backoff {
  baseMs: number
  maxMs: number
}

export const DEFAULT_BACKOFF: Backoff = { baseMs: 150, maxMs: 3_000 }

/**
 * How long to wait before try `attempt + 1`: exponential with "equal jitter" (half fixed, half
 * random), so clients that failed together do not come back together. When the upstream said how
 * long to wait, that is the floor, with a little jitter above it for the same reason.
 */
export function retryDelayMs(attempt: number, retryAfterMs?: number, backoff: Backoff = DEFAULT_BACKOFF): number {
  const step = Math.min(backoff.maxMs, backoff.baseMs * 2 ** (attempt - 1))
  if (retryAfterMs !== undefined) return retryAfterMs + Math.random() * Math.min(250, step / 2)
  return step / 2 + Math.random() * (step / 2)
}

/** Options of {@link retry}. */
export interface RetryOptions {
  /** Whether a failed try may be repeated. */
  retryable: (error: unknown) => boolean
  /** Retrying stops once the next try would start later than this many ms after the first. */
  deadlineMs: number
  backoff?: Backoff
  signal?: AbortSignal
  /** Told of every failed try that will be retried, with the wait before the next. */
  onRetry?: (error: Error, attempt: number, delayMs: number) => void
}

/**
 * Runs `task` until it succeeds, a failure is not `retryable`, or the deadline is near, waiting a
 * jittered backoff between tries that honours an error's `retryAfterMs`. When the wait the
 * upstream asks for does not fit before the deadline, the last error is thrown at once rather than
 * retried early.
 */
export async function retry<T>(
  task: () => Promise<T>,
  { retryable, deadlineMs, backoff, signal, onRetry }: RetryOptions,
): Promise<T> {
  const started = Date.now()
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await task()
    } catch (error) {
      if (signal?.aborted || !retryable(error)) throw error
      const retryAfterMs = (error as { retryAfterMs?: unknown }).retryAfterMs
      const delay = retryDelayMs(attempt, typeof retryAfterMs === 'number' ? retryAfterMs : undefined, backoff)
      if (Date.now() + delay - started > deadlineMs) throw error
      onRetry?.(error as Error, attempt, delay)
      await sleep(delay, undefined, { signal, ref: false }).catch(() => {
        throw signal?.reason ?? error
      })
    }
  }
}
