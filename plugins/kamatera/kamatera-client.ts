import { createFetch, type $Fetch } from 'ofetch'
import { Agent, fetch as undiciFetch, Headers as UndiciHeaders } from 'undici'
import type { ZodType } from 'zod'
import type { Logger } from '../../src/logger.js'
import type { UpstreamObserver } from '../../src/metrics/hangar-metrics.js'
import { KamateraApiError, KamateraNetworkError } from './kamatera-api-error.js'
import { credentialsOf, type KamateraOptions } from './options.js'
import { parseRetryAfter, retryRead } from './read-retry.js'

/** Options of {@link KamateraClient.request}. */
export interface KamateraRequestOptions<T> {
  /** Query parameters (GET). */
  query?: Record<string, string>
  /** JSON body (POST). */
  body?: Record<string, unknown>
  /** Parses the answer at the edge; the client returns what it yields. */
  schema: ZodType<T>
  signal?: AbortSignal
  /**
   * A read, safe to repeat after a 5xx, a 429 or a dropped connection. Calls that start work are
   * never repeated: a lost answer may still have started (and billed) it.
   */
  read: boolean
}

/** The part of the cloudcli API the plugin uses: one typed request, reads retried (see `read-retry.ts`). */
export interface KamateraClient {
  readonly baseUrl: string
  request<T>(method: 'GET' | 'POST', path: string, options: KamateraRequestOptions<T>): Promise<T>
  close(): Promise<void>
}

/**
 * Collects the texts of an error answer: `message`, which may itself hold the backend's
 * JSON-encoded `{"errors":[{"code","info"}]}`, or that `errors` list directly.
 */
export function errorTexts(body: unknown): string[] {
  const record = body as { message?: unknown; errors?: unknown } | null
  const fromErrors = (errors: unknown) =>
    Array.isArray(errors) ? errors.map((error) => String((error as { info?: unknown })?.info ?? JSON.stringify(error))) : []
  if (Array.isArray(record?.errors)) return fromErrors(record.errors)
  if (typeof record?.message === 'string') {
    try {
      const inner = JSON.parse(record.message) as { errors?: unknown }
      const texts = fromErrors(inner?.errors)
      if (texts.length > 0) return texts
    } catch {
      // A plain message.
    }
    return [record.message]
  }
  return []
}

/** Builds the client of one provider instance. */
export function createKamateraClient(options: KamateraOptions, logger: Logger, upstream?: UpstreamObserver): KamateraClient {
  const baseUrl = options.url.replace(/\/+$/, '')
  const { clientId, secret } = credentialsOf(options)
  const dispatcher = new Agent({ keepAliveTimeout: 10_000 })
  const $fetch: $Fetch = createFetch({
    fetch: undiciFetch as unknown as typeof fetch,
    Headers: UndiciHeaders as unknown as typeof Headers,
  })

  async function attempt(method: 'GET' | 'POST', path: string, query: Record<string, string> | undefined, body: Record<string, unknown> | undefined, read: boolean, signal?: AbortSignal): Promise<unknown> {
    const limit = read ? options.requestTimeoutMs : options.actionTimeoutMs
    const timeout = AbortSignal.timeout(limit)
    const search = query ? `?${new URLSearchParams(query)}` : ''
    let response: Response
    const started = performance.now()
    try {
      response = await $fetch.raw(`${baseUrl}${path}${search}`, {
        method,
        headers: { AuthClientId: clientId, AuthSecret: secret, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        ignoreResponseError: true,
        responseType: 'stream',
        dispatcher,
        retry: false,
      } as Parameters<$Fetch['raw']>[1])
    } catch (error) {
      upstream?.observe({ method, outcome: 'error', seconds: (performance.now() - started) / 1000 })
      if (signal?.aborted) throw signal.reason
      const cause = (error as { cause?: { code?: string; message?: string } }).cause
      const reason = timeout.aborted ? `no answer within ${limit} ms` : (cause?.code ?? cause?.message ?? (error as Error).message)
      throw new KamateraNetworkError(`cannot reach Kamatera at ${baseUrl}: ${reason}`, { cause: error })
    }
    upstream?.observe({ method, status: response.status, outcome: response.ok ? 'ok' : 'error', seconds: (performance.now() - started) / 1000 })
    const text = await response.text()
    let parsed: unknown = null
    try {
      parsed = text ? JSON.parse(text) : null
    } catch {
      throw new KamateraApiError(response.status, `not JSON from ${method} ${path} (HTTP ${response.status})`)
    }
    if (!response.ok) {
      const retryAfterMs = response.status === 429 || response.status === 503 ? parseRetryAfter(response.headers.get('retry-after')) : undefined
      throw new KamateraApiError(response.status, errorTexts(parsed).join('; ') || `HTTP ${response.status}`, retryAfterMs)
    }
    // A GET passthrough can answer 200 with the backend's error object instead of the data.
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed) && Array.isArray((parsed as { errors?: unknown }).errors)) {
      const texts = errorTexts(parsed)
      throw new KamateraApiError(texts.some((info) => /not logged in/i.test(info)) ? 401 : 502, texts.join('; '))
    }
    return parsed
  }

  return {
    baseUrl,
    async request<T>(method: 'GET' | 'POST', path: string, { query, body, schema, signal, read }: KamateraRequestOptions<T>): Promise<T> {
      const once = () => attempt(method, path, query, body, read, signal)
      const data = read
        ? await retryRead(once, {
            deadlineMs: options.retryDeadlineMs,
            signal,
            onRetry: (error, attemptNumber, delayMs) => logger.debug({ method, path, attempt: attemptNumber, delayMs: Math.round(delayMs), error: error.message }, 'kamatera read failed; retrying'),
          })
        : await once()
      const result = schema.safeParse(data)
      if (!result.success) throw new KamateraApiError(502, `unexpected answer from ${method} ${path}: ${result.error.issues[0]?.message ?? 'invalid'}`)
      return result.data
    },
    async close() {
      await dispatcher.close()
    },
  }
}
