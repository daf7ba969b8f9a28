import {
  ConflictError,
  NotFoundError,
  ProviderError,
  ProviderUnavailableError,
  toProviderError,
} from 'hangar/provider-kit'
import { KamateraApiError } from './kamatera-api-error.js'

/** Turns what the Kamatera client threw into the public error of CONTRACT.md. */
export function mapKamateraError(error: unknown, providerName: string): unknown {
  return toProviderError(error, providerName, {
    kind: KamateraApiError,
    upstream: 'Kamatera',
    refusesCredentials: (error) => error.status === 401 || /not logged in/i.test(error.message),
    classify: (error, detail) => {
      // Still limited once the read retries ran out: a passing state of the upstream, not a refusal.
      if (error.status === 429) {
        const wait =
          error.retryAfterMs === undefined ? '' : `; it asked to wait ${Math.ceil(error.retryAfterMs / 1000)} s`
        return new ProviderUnavailableError(
          `${providerName}: Kamatera is limiting our requests (${error.message})${wait}`,
          detail,
        )
      }
      if (/No servers found/i.test(error.message)) return new NotFoundError(`${providerName}: ${error.message}`, detail)
      if (/already|in progress|is locked/i.test(error.message))
        return new ConflictError(`${providerName}: ${error.message}`, detail)
      if (error.status === 503 || error.status === 504)
        return new ProviderUnavailableError(`${providerName}: ${error.message}`, detail)
      return new ProviderError(`${providerName}: ${error.message}`, detail)
    },
  })
}
