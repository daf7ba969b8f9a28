import { isHangarError } from '../errors/index.js'
import type { Provider } from './contract.js'

/** Whether a provider answers, as the `providers` query shows it. */
export interface ProviderHealth {
  connected: boolean
  /** Why not (never a secret). */
  error: string | null
}

/** How long one connection check is reused, so a busy dashboard does not hammer upstreams. */
const CHECK_TTL_MS = 5_000
const CHECK_TIMEOUT_MS = 10_000

/** Checks providers' connections on demand, sharing a recent answer between callers. */
export function createProviderStatus(providers: readonly Provider[]): ProviderStatus {
  const recent = new Map<string, { at: number; health: Promise<ProviderHealth> }>()

  function check(provider: Provider): Promise<ProviderHealth> {
    const cached = recent.get(provider.name)
    if (cached && Date.now() - cached.at < CHECK_TTL_MS) return cached.health
    const health = provider
      .checkConnection({ signal: AbortSignal.timeout(CHECK_TIMEOUT_MS) })
      .then((): ProviderHealth => ({ connected: true, error: null }))
      .catch(
        (error: unknown): ProviderHealth => ({
          connected: false,
          error: isHangarError(error) ? error.message : 'the provider did not answer as expected',
        }),
      )
    recent.set(provider.name, { at: Date.now(), health })
    return health
  }

  return {
    check,
    /** Every provider's health, checked in parallel. */
    all: () => Promise.all(providers.map(async (provider) => ({ provider, health: await check(provider) }))),
  }
}

/** Whether each provider answers, checked without holding up the gateway's start. */
export interface ProviderStatus {
  /** Whether one provider answers now, with why not (never a secret). */
  check(provider: Provider): Promise<ProviderHealth>
  /** Every provider's health, checked in parallel. */
  all(): Promise<{ provider: Provider; health: ProviderHealth }[]>
}
