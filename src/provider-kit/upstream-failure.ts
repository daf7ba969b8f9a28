import { type HangarError, isHangarError, ProviderUnavailableError } from '../errors/index.js'
import { type UpstreamHttpError, UpstreamNetworkError } from './upstream-client.js'

/** What the public error of an upstream's answer carries: the provider instance and the answer's status. */
export interface UpstreamErrorDetail extends Record<string, unknown> {
  provider: string
  upstreamStatus: number
}

/** How a plugin reads its upstream's failed answers (see {@link toProviderError}). */
export interface UpstreamErrorReading<E extends UpstreamHttpError> {
  /** The plugin's error class for a failed answer (what its client's `mapError` makes). */
  kind: abstract new (
    ...args: never[]
  ) => E
  /** Names the upstream in messages: "Proxmox refused our credentials (...)". */
  upstream: string
  /** The answer refuses our credentials. Default: a 401. */
  refusesCredentials?(error: E): boolean
  /** Every other answer: reads the upstream's words and picks the public error, carrying `detail`. */
  classify(error: E, detail: UpstreamErrorDetail): HangarError
}

/**
 * Turns what an upstream client threw into the public error of CONTRACT.md: a Hangar error passes
 * as it is; a call that got no answer, or an answer that refuses our credentials, is a
 * `ProviderUnavailableError`; any other answer of the plugin's error class goes to `classify`.
 * Anything else (a bug) is returned unchanged.
 */
export function toProviderError<E extends UpstreamHttpError>(
  error: unknown,
  provider: string,
  reading: UpstreamErrorReading<E>,
): unknown {
  if (isHangarError(error)) return error
  if (error instanceof UpstreamNetworkError)
    return new ProviderUnavailableError(`${provider}: ${error.message}`, { provider })
  if (!(error instanceof reading.kind)) return error
  const detail = { provider, upstreamStatus: error.status }
  if (reading.refusesCredentials?.(error) ?? error.status === 401) {
    return new ProviderUnavailableError(
      `${provider}: ${reading.upstream} refused our credentials (${error.message})`,
      detail,
    )
  }
  return reading.classify(error, detail)
}
