/** Allowance Laravel's `throttle:60,1` would announce (commented out in cloudcli-server's Kernel). */
const LIMIT_PER_MINUTE = 60

/**
 * The headers of a throttled answer, as Laravel's `ThrottleRequests` sends them: the allowance,
 * none left, and, when a wait is known, `Retry-After` (seconds) with `X-RateLimit-Reset` (the
 * Unix time it ends). A string `retryAfter` (an HTTP date) is sent as is, without the reset.
 */
export function rateLimitHeaders(retryAfter: number | string | undefined, now = Date.now()): Record<string, string> {
  const headers: Record<string, string> = {
    'X-RateLimit-Limit': String(LIMIT_PER_MINUTE),
    'X-RateLimit-Remaining': '0',
  }
  if (typeof retryAfter === 'number') {
    headers['Retry-After'] = String(retryAfter)
    headers['X-RateLimit-Reset'] = String(Math.floor(now / 1000) + retryAfter)
  } else if (retryAfter !== undefined) {
    headers['Retry-After'] = retryAfter
  }
  return headers
}
