import { Agent, fetch as undiciFetch } from 'undici'
import type { ProviderLogger, UpstreamObserver } from '../providers/contract.js'
import { type Backoff, parseRetryAfter, retry } from './retry.js'

export type UpstreamMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** One logical call to the upstream; the client may make several attempts of it. */
export interface UpstreamRequest {
  method: UpstreamMethod
  /** Appended to the client's `baseUrl`, e.g. `/nodes/pve1/qemu`. */
  path: string
  query?: URLSearchParams | Record<string, string>
  /** A form body (`application/x-www-form-urlencoded`). */
  form?: URLSearchParams
  /** A JSON body. */
  json?: unknown
  /** Headers of this call, over the client's own. */
  headers?: Record<string, string>
  /**
   * The call may be repeated after no answer or a passing failure without changing the outcome.
   * Default: true for GET and HEAD only. A call that starts work is never repeated blindly: a lost
   * answer may have started it.
   */
  idempotent?: boolean
  /** This call's limit per attempt, over the client's `timeoutMs`. */
  timeoutMs?: number
  signal?: AbortSignal
}

/** An answer from the upstream, any status. */
export interface UpstreamAnswer {
  status: number
  /** The reason phrase of the status line (Proxmox puts its error message there). */
  statusText: string
  headers: Headers
  /** The body as text. */
  text: string
  /** The body parsed as JSON; undefined when it is empty or not JSON. */
  body: unknown
  /** How long the upstream asked to wait (`Retry-After`), in ms. */
  retryAfterMs: number | undefined
}

/** The upstream answered with a status that is not 2xx (the default {@link UpstreamClientOptions.mapError}'s error). */
export class UpstreamHttpError extends Error {
  readonly status: number
  readonly retryAfterMs: number | undefined
  constructor(status: number, message: string, retryAfterMs?: number) {
    super(message)
    this.name = 'UpstreamHttpError'
    this.status = status
    this.retryAfterMs = retryAfterMs
  }
}

/** The call got no answer: refused connection, reset socket, TLS failure, no answer in time. */
export class UpstreamNetworkError extends Error {
  /** The attempt ran past its time limit. */
  readonly timedOut: boolean
  constructor(message: string, options: { cause?: unknown; timedOut?: boolean } = {}) {
    super(message, { cause: options.cause })
    this.name = 'UpstreamNetworkError'
    this.timedOut = options.timedOut ?? false
  }
}

/**
 * A failure that may pass if asked again: no answer, 408, 429, or a 5xx other than 501 (a
 * method the upstream does not have). Whether to ask again also needs the call to be idempotent.
 */
export function isTransientError(error: unknown): boolean {
  if (error instanceof UpstreamNetworkError) return true
  const status = (error as { status?: unknown } | null)?.status
  if (typeof status !== 'number') return false
  return status === 408 || status === 429 || (status >= 500 && status !== 501)
}

/** How one plugin talks to its upstream API. */
export interface UpstreamClientOptions {
  /** Names the upstream in messages: `cannot reach Proxmox at https://pve:8006: ECONNREFUSED`. */
  upstream: string
  /** Scheme, host, port and path prefix; a trailing `/` is dropped. */
  baseUrl: string
  /** The limit of one attempt, in ms. */
  timeoutMs: number
  /** Retries of one call stop once the next attempt would start later than this, in ms. */
  retryDeadlineMs: number
  backoff?: Backoff
  /** Headers of every call (credentials, `accept`). Never logged. */
  headers?: Record<string, string>
  /** TLS trust: a CA in PEM, or no checks at all when `rejectUnauthorized` is false. */
  tls?: { ca?: string; rejectUnauthorized?: boolean }
  /**
   * Turns an answer that is not 2xx into the error to throw: the plugin's one place that reads the
   * upstream's error format (as libcloud's `Connection.parse_error`). Default: an
   * {@link UpstreamHttpError} with the status and the body's `message`, else the status line.
   */
  mapError?: (answer: UpstreamAnswer, request: UpstreamRequest) => Error
  /**
   * The error a 2xx answer carries, if it carries one (an upstream that answers 200 with an error
   * body). Checked on every attempt, so the failure is retried like a failed status would be.
   */
  answerError?: (answer: UpstreamAnswer, request: UpstreamRequest) => Error | undefined
  /**
   * Whether a failed attempt may be repeated. Default: {@link isTransientError} for idempotent
   * calls only. A plugin may add refusals that the upstream gave before doing anything (Proxmox's
   * lock timeouts), which are safe to repeat for any call.
   */
  retryable?: (error: unknown, request: UpstreamRequest & { idempotent: boolean }) => boolean
  /** Told of every attempt (`ProviderContext.upstream`), for the gateway's metrics. */
  observer?: UpstreamObserver
  /** Gets a debug line per retried attempt (method, path, attempt, wait, error; never a header). */
  logger?: ProviderLogger
}

/** An HTTP client for one upstream API: timeouts per attempt, jittered retries, one error hook. */
export interface UpstreamClient {
  readonly baseUrl: string
  /** Makes the call, retrying as the options allow; resolves with a 2xx answer, else throws. */
  send(request: UpstreamRequest): Promise<UpstreamAnswer>
  /** Closes the client's sockets. */
  close(): Promise<void>
}

function defaultMapError(answer: UpstreamAnswer): Error {
  const message = (answer.body as { message?: unknown } | undefined)?.message
  const text =
    typeof message === 'string' && message.trim() ? message.trim() : answer.statusText || `HTTP ${answer.status}`
  return new UpstreamHttpError(answer.status, text, answer.retryAfterMs)
}

function parseJson(text: string): unknown {
  if (text === '') return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** Builds the HTTP client of one provider instance. Call `close()` when the provider closes. */
export function createUpstreamClient(options: UpstreamClientOptions): UpstreamClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '')
  const dispatcher = new Agent({
    connect: options.tls
      ? { ca: options.tls.ca, rejectUnauthorized: options.tls.rejectUnauthorized ?? true }
      : undefined,
    keepAliveTimeout: 10_000,
  })
  const mapError = options.mapError ?? defaultMapError
  const retryable = options.retryable ?? ((error, request) => request.idempotent && isTransientError(error))

  async function attempt(request: UpstreamRequest): Promise<UpstreamAnswer> {
    const limit = request.timeoutMs ?? options.timeoutMs
    const timeout = AbortSignal.timeout(limit)
    const query = request.query === undefined ? '' : new URLSearchParams(request.query).toString()
    const url = `${baseUrl}${request.path}${query ? `?${query}` : ''}`
    const headers: Record<string, string> = { ...options.headers, ...request.headers }
    let body: string | undefined
    if (request.form !== undefined) {
      body = request.form.toString()
      headers['content-type'] = 'application/x-www-form-urlencoded'
    } else if (request.json !== undefined) {
      body = JSON.stringify(request.json)
      headers['content-type'] = 'application/json'
    }
    const started = performance.now()
    const seconds = () => (performance.now() - started) / 1000
    let response: Awaited<ReturnType<typeof undiciFetch>>
    let text: string
    try {
      response = await undiciFetch(url, {
        method: request.method,
        headers,
        body,
        dispatcher,
        signal: request.signal ? AbortSignal.any([request.signal, timeout]) : timeout,
      })
      text = await response.text()
    } catch (error) {
      options.observer?.observe({ method: request.method, outcome: 'error', seconds: seconds() })
      if (request.signal?.aborted) throw request.signal.reason
      const cause = error as { code?: string; cause?: { code?: string; message?: string }; message?: string }
      const reason = timeout.aborted
        ? `no answer within ${limit} ms`
        : (cause.cause?.code ?? cause.code ?? cause.cause?.message ?? cause.message)
      throw new UpstreamNetworkError(`cannot reach ${options.upstream} at ${baseUrl}: ${reason}`, {
        cause: error,
        timedOut: timeout.aborted,
      })
    }
    const { status, ok } = response
    const elapsed = seconds()
    const answer: UpstreamAnswer = {
      status,
      statusText: response.statusText,
      headers: response.headers as unknown as Headers,
      text,
      body: parseJson(text),
      retryAfterMs: status === 429 || status === 503 ? parseRetryAfter(response.headers.get('retry-after')) : undefined,
    }
    const carried = ok ? options.answerError?.(answer, request) : undefined
    // A 2xx that carries an error is observed as the error it is.
    const outcome = ok && !carried ? 'ok' : 'error'
    options.observer?.observe({ method: request.method, status, outcome, seconds: elapsed })
    if (!ok) throw mapError(answer, request)
    if (carried) throw carried
    return answer
  }

  return {
    baseUrl,
    send(request) {
      const idempotent = request.idempotent ?? (request.method === 'GET' || request.method === 'HEAD')
      return retry(() => attempt(request), {
        retryable: (error) => retryable(error, { ...request, idempotent }),
        deadlineMs: options.retryDeadlineMs,
        backoff: options.backoff,
        signal: request.signal,
        onRetry: (error, attemptNumber, delayMs) =>
          options.logger?.debug(
            {
              method: request.method,
              path: request.path,
              attempt: attemptNumber,
              delayMs: Math.round(delayMs),
              error: error.message,
            },
            `${options.upstream} call failed; retrying`,
          ),
      })
    },
    async close() {
      await dispatcher.close()
    },
  }
}
