import {
  ConflictError,
  createUpstreamClient,
  NotFoundError,
  ProviderError,
  ProviderUnavailableError,
  type ProviderLogger,
  type UpstreamAnswer,
  type UpstreamClient,
  toProviderError,
  UpstreamHttpError,
  type UpstreamObserver,
  type UpstreamRequest,
} from 'hangar/provider-kit'
import type { AcmeOptions } from './options.js'

/**
 * A failed answer of the Acme API: `{"error": {"code": "not_found", "message": "..."}}`. Acme's own
 * code is `acmeCode`: `code` is the name Hangar's errors give their public code (`NOT_FOUND`).
 */
export class AcmeApiError extends UpstreamHttpError {
  constructor(
    status: number,
    readonly acmeCode: string,
    message: string,
    retryAfterMs?: number,
  ) {
    super(status, message, retryAfterMs)
    this.name = 'AcmeApiError'
  }
}

/**
 * The plugin's one place that reads Acme's error format (the kit's `mapError` hook, as libcloud's
 * `Connection.parse_error`). The status and code stay on the error for retries and mapping.
 */
function readError(answer: UpstreamAnswer): AcmeApiError {
  const error = (answer.body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error
  const code = typeof error?.code === 'string' ? error.code : 'unknown'
  const message = typeof error?.message === 'string' ? error.message : `HTTP ${answer.status}`
  return new AcmeApiError(answer.status, code, message, answer.retryAfterMs)
}

/** Builds the HTTP client of one instance: a timeout per attempt, reads retried with jitter, nothing else retried. */
export function createAcmeClient(
  options: AcmeOptions,
  logger: ProviderLogger,
  upstream?: UpstreamObserver,
): UpstreamClient {
  return createUpstreamClient({
    upstream: 'Acme',
    baseUrl: `${options.url}/v1`,
    timeoutMs: options.timeoutMs,
    retryDeadlineMs: options.retryDeadlineMs,
    headers: { authorization: `Bearer ${options.token}`, accept: 'application/json' },
    mapError: readError,
    observer: upstream,
    logger,
  })
}

/**
 * Turns what the client threw into the error the gateway shows: the kit's classes carry the public
 * code (`NOT_FOUND`, `CONFLICT`, ...). Messages name the instance and never hold the token.
 */
export function toHangarError(error: unknown, instance: string): unknown {
  return toProviderError(error, instance, {
    kind: AcmeApiError,
    upstream: 'Acme',
    refusesCredentials: (error) => error.status === 401 || error.status === 403,
    classify: (error, upstream) => {
      if (error.status === 404) return new NotFoundError(`${instance}: ${error.message}`, upstream)
      if (error.status === 409) return new ConflictError(`${instance}: ${error.message}`, upstream)
      if (error.status === 429 || error.status >= 500)
        return new ProviderUnavailableError(
          `${instance}: Acme is not answering as it should (${error.status} ${error.message})`,
          upstream,
        )
      return new ProviderError(`${instance}: ${error.message}`, upstream)
    },
  })
}

/** Sends a request and reads its JSON answer, with Acme's errors turned into Hangar's. */
export async function call<T>(client: UpstreamClient, instance: string, request: UpstreamRequest): Promise<T> {
  try {
    return (await client.send(request)).body as T
  } catch (error) {
    throw toHangarError(error, instance)
  }
}
