import { readFileSync } from 'node:fs'
import type { ZodType } from 'zod'
import {
  createUpstreamClient,
  type ProviderLogger as Logger,
  type UpstreamAnswer,
  type UpstreamObserver,
} from 'hangar/provider-kit'
import { isLockError, isTransientError } from './error-classes.js'
import type { ProxmoxOptions } from './options.js'
import { ProxmoxApiError } from './proxmox-api-error.js'
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

/**
 * Reads a failed answer: the message from the status line (or the body's `message`, PVE 8.4+)
 * and the per-parameter `errors` of a 400. The plugin's one place that knows PVE's error format.
 */
function mapAnswer(answer: UpstreamAnswer): ProxmoxApiError {
  const body = (answer.body ?? {}) as { message?: unknown; errors?: unknown }
  const fromBody = typeof body.message === 'string' ? body.message.trim() : ''
  const message = answer.statusText || fromBody || `HTTP ${answer.status}`
  const errors: Record<string, string> = {}
  if (body.errors && typeof body.errors === 'object') {
    for (const [key, value] of Object.entries(body.errors as Record<string, unknown>))
      errors[key] = String(value).trim()
  }
  return new ProxmoxApiError(answer.status, message, errors)
}

/** Builds the client of one provider instance. */
export function createProxmoxClient(
  options: ProxmoxOptions,
  logger: Logger,
  upstream?: UpstreamObserver,
): ProxmoxClient {
  const client = createUpstreamClient({
    upstream: 'Proxmox',
    baseUrl: `${options.url.replace(/\/+$/, '').replace(/\/api2\/json$/, '')}/api2/json`,
    timeoutMs: options.requestTimeoutMs,
    retryDeadlineMs: options.retryDeadlineMs,
    backoff: { baseMs: 100, maxMs: 2_000 },
    // The TLS trust of this provider only: a CA file, or no checks at all when asked.
    tls: {
      ca: options.caFile ? readFileSync(options.caFile, 'utf8') : undefined,
      rejectUnauthorized: !options.insecureTls,
    },
    mapError: mapAnswer,
    // Lock refusals are repeated for every call: Proxmox refused those before doing anything.
    retryable: (error, request) => isLockError(error) || (request.idempotent && isTransientError(error)),
    observer: upstream,
    logger,
  })
  const baseUrl = client.baseUrl.replace(/\/api2\/json$/, '')

  async function send(
    method: HttpMethod,
    path: string,
    params: Record<string, ParamValue> | undefined,
    headers: Record<string, string>,
    signal: AbortSignal | undefined,
    idempotent: boolean,
  ): Promise<unknown> {
    const encoded = encodeParams(params)
    const inBody = method === 'POST' || method === 'PUT'
    const answer = await client.send({
      method,
      path,
      query: inBody || encoded.size === 0 ? undefined : encoded,
      form: inBody ? encoded : undefined,
      headers,
      idempotent,
      signal,
    })
    return (answer.body as { data?: unknown } | undefined)?.data ?? null
  }

  const auth: ProxmoxAuth = createProxmoxAuth(options, (path, params) =>
    send('POST', path, params, {}, undefined, false),
  )

  return {
    baseUrl,
    async request<T>(
      method: HttpMethod,
      path: string,
      { params, schema, signal, idempotent = method === 'GET' }: RequestOptions<T>,
    ): Promise<T> {
      let data: unknown
      try {
        data = await send(method, path, params, await auth.headers(method), signal, idempotent)
      } catch (error) {
        // A ticket may have expired or been revoked: log in again once, then repeat the call.
        if (!(error instanceof ProxmoxApiError && error.status === 401 && auth.canRenew)) throw error
        await auth.reset()
        data = await send(method, path, params, await auth.headers(method), signal, idempotent)
      }
      const parsed = schema.safeParse(data)
      if (!parsed.success) {
        throw new ProxmoxApiError(
          502,
          `unexpected answer from ${method} ${path}: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
        )
      }
      return parsed.data
    },
    close: () => client.close(),
  }
}
