import type { ZodType } from 'zod'
import {
  createUpstreamClient,
  isTransientError,
  type ProviderLogger as Logger,
  type UpstreamAnswer,
  type UpstreamObserver,
  type UpstreamRequest,
} from 'hangar/provider-kit'
import { KamateraApiError } from './kamatera-api-error.js'
import { credentialsOf, type KamateraOptions } from './options.js'

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
    Array.isArray(errors)
      ? errors.map((error) => String((error as { info?: unknown })?.info ?? JSON.stringify(error)))
      : []
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

/**
 * Reads a failed answer: the texts of its `message` or `errors`, and how long a 429 or 503 asked
 * to wait. The plugin's one place that knows cloudcli's error format.
 */
function mapAnswer(answer: UpstreamAnswer, request: UpstreamRequest): KamateraApiError {
  if (answer.body === undefined && answer.text !== '') {
    return new KamateraApiError(
      answer.status,
      `not JSON from ${request.method} ${request.path} (HTTP ${answer.status})`,
    )
  }
  return new KamateraApiError(
    answer.status,
    errorTexts(answer.body).join('; ') || `HTTP ${answer.status}`,
    answer.retryAfterMs,
  )
}

/**
 * The failure a 2xx answer carries: a body that is not JSON, or a GET passthrough's 200 with the
 * backend's error object instead of the data (`you are not logged in` is a 401).
 */
function answerError(answer: UpstreamAnswer, request: UpstreamRequest): KamateraApiError | undefined {
  if (answer.body === undefined && answer.text !== '') return mapAnswer(answer, request)
  const body = answer.body as { errors?: unknown } | null | undefined
  if (!body || typeof body !== 'object' || Array.isArray(body) || !Array.isArray(body.errors)) return undefined
  const texts = errorTexts(body)
  return new KamateraApiError(texts.some((info) => /not logged in/i.test(info)) ? 401 : 502, texts.join('; '))
}

/**
 * A read failed in a way that may pass: no answer, a 5xx, or 429 (too many requests). The proxy's
 * 500 `No servers found` is its answer for a server that does not exist, the same every time.
 */
export function isRetryableRead(error: unknown): boolean {
  return isTransientError(error) && !(error instanceof KamateraApiError && /No servers found/i.test(error.message))
}

/** Builds the client of one provider instance. */
export function createKamateraClient(
  options: KamateraOptions,
  logger: Logger,
  upstream?: UpstreamObserver,
): KamateraClient {
  const { clientId, secret } = credentialsOf(options)
  const client = createUpstreamClient({
    upstream: 'Kamatera',
    baseUrl: options.url,
    timeoutMs: options.requestTimeoutMs,
    retryDeadlineMs: options.retryDeadlineMs,
    headers: { AuthClientId: clientId, AuthSecret: secret, accept: 'application/json' },
    mapError: mapAnswer,
    answerError,
    // Reads only: a call that starts work may have started (and billed) it although its answer was lost.
    retryable: (error, request) => request.idempotent && isRetryableRead(error),
    observer: upstream,
    logger,
  })

  return {
    baseUrl: client.baseUrl,
    async request<T>(
      method: 'GET' | 'POST',
      path: string,
      { query, body, schema, signal, read }: KamateraRequestOptions<T>,
    ): Promise<T> {
      const answer = await client.send({
        method,
        path,
        query,
        json: body,
        idempotent: read,
        timeoutMs: read ? options.requestTimeoutMs : options.actionTimeoutMs,
        signal,
      })
      const parsed = answer.body ?? null
      const result = schema.safeParse(parsed)
      if (!result.success)
        throw new KamateraApiError(
          502,
          `unexpected answer from ${method} ${path}: ${result.error.issues[0]?.message ?? 'invalid'}`,
        )
      return result.data
    },
    close: () => client.close(),
  }
}
