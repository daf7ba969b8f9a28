import { setTimeout as sleep } from 'node:timers/promises'
import type { HealthCheck } from './frameworks/index.js'

/** Options of {@link waitUntilHealthy}. */
export interface HealthCheckOptions {
  host: string
  port: number
  check: HealthCheck
  timeoutMs: number
  intervalMs?: number
  signal?: AbortSignal
  /** Told about each attempt that did not pass, for the log. */
  onAttempt?: (outcome: string) => void
}

/** Asks the app over HTTP until it answers as its framework expects, or the time is up. */
export async function waitUntilHealthy({
  host,
  port,
  check,
  timeoutMs,
  intervalMs = 1_000,
  signal,
  onAttempt,
}: HealthCheckOptions): Promise<{ status: number }> {
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}${check.path}`
  const until = Date.now() + timeoutMs
  let last = 'no answer yet'
  for (;;) {
    signal?.throwIfAborted()
    try {
      const timeout = AbortSignal.timeout(Math.min(5_000, Math.max(500, until - Date.now())))
      const response = await fetch(url, {
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        redirect: 'manual',
      })
      await response.arrayBuffer()
      const passed = check.expect === 'any' ? response.status < 500 : response.status >= 200 && response.status < 400
      if (passed) return { status: response.status }
      last = `HTTP ${response.status}`
    } catch (error) {
      if (signal?.aborted) throw signal.reason
      last = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message
    }
    onAttempt?.(last)
    if (Date.now() + intervalMs > until)
      throw new Error(`${url} did not answer as expected within ${Math.round(timeoutMs / 1000)} s (last: ${last})`)
    await sleep(intervalMs, undefined, { signal })
  }
}
