import { readFileSync } from 'node:fs'
import { createFetch, type $Fetch } from 'ofetch'
import pRetry from 'p-retry'
import { Agent, fetch as undiciFetch, Headers as UndiciHeaders } from 'undici'
import type { ZodType } from 'zod'
import type { Logger } from '../../src/logger.js'
import type { UpstreamObserver } from '../../src/metrics/hangar-metrics.js'
import { isLockError, isTransientError } from './error-classes.js'
import type { ProxmoxOptions } from './options.js'
import { ProxmoxApiError, ProxmoxNetworkError } from './proxmox-api-error.js'
import { createProxmoxAuth, type ProxmoxAuth } from './proxmox-auth.js'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE'
export type ParamValue = string | number | boolean | readonly string[] | undefined

/** Options of one {@link ProxmoxClient.request}. */
export interface RequestOptions<T> {
  params?: Record<string, ParamValue>
  /** Parses `data` at the edge; the client returns what it yields. */
  schema: ZodType<T>
  signal?: AbortSignal
  /**
   * The call may be repeated after a 5xx/596 or a dropped connection without changing the
   * outcome (reads, stop, delete of a stopped guest). Lock refusals are retried for every call,
   * since Proxmox refused those before doing anything.
   */
  idempotent?: boolean
}

/** The part of the Proxmox `api2/json` API the plugin uses: one typed request with retries. */
export interface ProxmoxClient {
  readonly baseUrl: string
  request<T>(method: HttpMethod, path: string, options: RequestOptions<T>): Promise<T>
  close(): Promise<void>
}

/** Serialises parameters PVE's way: booleans as 1/0, arrays as repeated keys. */
export function encodeParams(params: Record<string, ParamValue> = {}): URLSearchParams {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue
    if (Array.isArray(value)) for (const item of value) search.append(key, item)
    else if (typeof value === 'boolean') search.append(key, value ? '1' : '0')
    else search.append(key, String(value))
  }
  return search
}

/** The TLS trust of this provider only: a CA file, or no checks at all when asked. */
function createDispatcher(options: ProxmoxOptions): Agent {
  const ca = options.caFile ? readFileSync(options.caFile, 'utf8') : undefined
  return new Agent({
    connect: { ca, rejectUnauthorized: !options.insecureTls },
    keepAliveTimeout: 10_000,
  })
}

/** Reads the message of a failed response: body `message` (PVE 8.4+) or the status line. */
async function readError(response: Response): Promise<ProxmoxApiError> {
  let body: { message?: unknown; errors?: unknown } = {}
  try {
    body = (await response.json()) as typeof body
  } catch {
    // Older servers and proxies answer with an empty or non-JSON body.
  }
  const fromBody = typeof body?.message === 'string' ? body.message.trim() : ''
  const message = response.statusText || fromBody || `HTTP ${response.status}`
  const errors: Record<string, string> = {}
  if (body?.errors && typeof body.errors === 'object') {
    for (const [key, value] of Object.entries(body.errors as Record<string, unknown>)) errors[key] = String(value).trim()
  }
  return new ProxmoxApiError(response.status, message, errors)
}

/** Builds the client of one provider instance. */
export function createProxmoxClient(options: ProxmoxOptions, logger: Logger, upstream?: UpstreamObserver): ProxmoxClient {
  const baseUrl = options.url.replace(/\/+$/, '').replace(/\/api2\/json$/, '')
  const dispatcher = createDispatcher(options)
  const $fetch: $Fetch = createFetch({
    fetch: undiciFetch as unknown as typeof fetch,
    Headers: UndiciHeaders as unknown as typeof Headers,
  })

  async function send(method: HttpMethod, path: string, params: Record<string, ParamValue> | undefined, headers: Record<string, string>, signal?: AbortSignal): Promise<unknown> {
    const query = method === 'GET' || method === 'DELETE' ? encodeParams(params) : undefined
    const body = method === 'POST' || method === 'PUT' ? encodeParams(params) : undefined
    const url = `${baseUrl}/api2/json${path}${query && query.size > 0 ? `?${query}` : ''}`
    const timeout = AbortSignal.timeout(options.requestTimeoutMs)
    let response: Response
    const started = performance.now()
    try {
      response = await $fetch.raw(url, {
        method,
        body,
        headers: body ? { ...headers, 'content-type': 'application/x-www-form-urlencoded' } : headers,
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
      const reason = timeout.aborted ? `no answer within ${options.requestTimeoutMs} ms` : (cause?.code ?? cause?.message ?? (error as Error).message)
      throw new ProxmoxNetworkError(`cannot reach Proxmox at ${baseUrl}: ${reason}`, { cause: error })
    }
    upstream?.observe({ method, status: response.status, outcome: response.ok ? 'ok' : 'error', seconds: (performance.now() - started) / 1000 })
    if (!response.ok) throw await readError(response)
    const envelope = (await response.json()) as { data?: unknown }
    return envelope?.data ?? null
  }

  const auth: ProxmoxAuth = createProxmoxAuth(options, (path, params) => send('POST', path, params, {}))

  async function attempt(method: HttpMethod, path: string, params: Record<string, ParamValue> | undefined, signal?: AbortSignal): Promise<unknown> {
    try {
      return await send(method, path, params, await auth.headers(method), signal)
    } catch (error) {
      // A ticket may have expired or been revoked: log in again once, then repeat the call.
      if (error instanceof ProxmoxApiError && error.status === 401 && auth.canRenew) {
        await auth.reset()
        return send(method, path, params, await auth.headers(method), signal)
      }
      throw error
    }
  }

  return {
    baseUrl,
    async request<T>(method: HttpMethod, path: string, { params, schema, signal, idempotent = method === 'GET' }: RequestOptions<T>): Promise<T> {
      const data = await pRetry(() => attempt(method, path, params, signal), {
        retries: 50,
        minTimeout: 100,
        maxTimeout: 2_000,
        factor: 2,
        randomize: true,
        maxRetryTime: options.retryDeadlineMs,
        signal,
        unref: true,
        shouldRetry: ({ error }) => isLockError(error) || (idempotent && isTransientError(error)),
        onFailedAttempt: ({ error, attemptNumber }) => {
          logger.debug({ method, path, attempt: attemptNumber, error: error.message }, 'proxmox call failed')
        },
      })
      const parsed = schema.safeParse(data)
      if (!parsed.success) {
        throw new ProxmoxApiError(502, `unexpected answer from ${method} ${path}: ${parsed.error.issues[0]?.message ?? 'invalid'}`)
      }
      return parsed.data
    },
    async close() {
      await dispatcher.close()
    },
  }
}
