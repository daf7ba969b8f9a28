import { BadInputError, HangarError, NotFoundError, ProviderUnavailableError } from '../errors/index.js'
import type { Logger } from '../logger.js'
import type { Provider, ServerInfo } from './contract.js'

/** A server as the API shows it: the provider's view plus its public id. */
export interface Server extends ServerInfo {
  /** `<provider name>:<native id>`. */
  id: string
  provider: string
}

/** A provider whose list could not be read, and why (never a secret). */
export interface ProviderFailure {
  provider: string
  error: HangarError
}

/** Options of {@link createServerDirectory}. */
export interface ServerDirectoryOptions {
  providers: readonly Provider[]
  /** How long a provider's list may be answered from memory; 0 reads upstream every time. */
  cacheTtlMs: number
  logger: Logger
}

interface CachedList {
  at: number
  servers: Promise<Server[]>
}

/** Splits `pve-lab:qemu/101` into its provider and native id. */
export function parseServerId(id: string): { provider: string; nativeId: string } {
  const colon = id.indexOf(':')
  if (colon <= 0 || colon === id.length - 1) {
    throw new BadInputError(`id: "${id}" is not a server id; expected "<provider>:<native id>", e.g. "proxmox:qemu/101"`, { field: 'id' })
  }
  return { provider: id.slice(0, colon), nativeId: id.slice(colon + 1) }
}

const byId = (a: Server, b: Server): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

function toServer(provider: Provider, info: ServerInfo): Server {
  return { ...info, id: `${provider.name}:${info.nativeId}`, provider: provider.name }
}

/** Wraps whatever a provider threw so that the API always has a code to show. */
function asHangarError(provider: Provider, error: unknown): HangarError {
  if (error instanceof HangarError) return error
  return new ProviderUnavailableError(`${provider.name}: ${(error as Error)?.message ?? 'unknown failure'}`, { provider: provider.name })
}

/**
 * Every provider's servers in one place. Lists are kept for `cacheTtlMs` and shared by
 * concurrent readers (one upstream call, however many queries); the gateway's own actions
 * invalidate the list of the provider they touched, so a user sees the effect of what they did.
 */
export function createServerDirectory({ providers, cacheTtlMs, logger }: ServerDirectoryOptions) {
  const byName = new Map(providers.map((provider) => [provider.name, provider]))
  const cache = new Map<string, CachedList>()
  // The merged, sorted list of the last read, reused while every provider's list is the same.
  let merged: { parts: Server[][]; servers: Server[] } | undefined

  function providerNamed(name: string): Provider {
    const provider = byName.get(name)
    if (!provider) throw new NotFoundError(`provider: no provider named "${name}"`, { field: 'provider' })
    return provider
  }

  function listOf(provider: Provider): Promise<Server[]> {
    const cached = cache.get(provider.name)
    if (cached && Date.now() - cached.at < cacheTtlMs) return cached.servers
    const servers = provider
      .listServers({ signal: AbortSignal.timeout(60_000) })
      .then((infos) => infos.map((info) => toServer(provider, info)).sort(byId))
    const entry = { at: Date.now(), servers }
    cache.set(provider.name, entry)
    // A failed read is not cached: the next query asks again.
    servers.catch(() => {
      if (cache.get(provider.name) === entry) cache.delete(provider.name)
    })
    return servers
  }

  function mergeSorted(parts: Server[][]): readonly Server[] {
    if (parts.length === 1) return parts[0]!
    const same = merged && merged.parts.length === parts.length && merged.parts.every((part, index) => part === parts[index])
    if (!same) merged = { parts, servers: parts.flat().sort(byId) }
    return merged!.servers
  }

  return {
    provider: providerNamed,
    providers: () => [...byName.values()],

    /**
     * The servers of every provider (or one), sorted by id, with the providers that could not
     * answer. The array is shared between callers: do not change it.
     */
    async list(providerName?: string): Promise<{ servers: readonly Server[]; failures: ProviderFailure[] }> {
      const chosen = providerName === undefined ? [...byName.values()] : [providerNamed(providerName)]
      const results = await Promise.allSettled(chosen.map((provider) => listOf(provider)))
      const parts: Server[][] = []
      const failures: ProviderFailure[] = []
      results.forEach((result, index) => {
        const provider = chosen[index]!
        if (result.status === 'fulfilled') parts.push(result.value)
        else {
          const error = asHangarError(provider, result.reason)
          logger.warn({ provider: provider.name, code: error.code, error: error.message }, 'server list unavailable')
          failures.push({ provider: provider.name, error })
        }
      })
      return { servers: mergeSorted(parts), failures }
    },

    /** One server with its full details, read upstream (never cached). */
    async get(id: string): Promise<Server | undefined> {
      const { provider: name, nativeId } = parseServerId(id)
      const provider = byName.get(name)
      if (!provider) return undefined
      try {
        const info = await provider.getServer(nativeId, { signal: AbortSignal.timeout(60_000) })
        return info ? toServer(provider, info) : undefined
      } catch (error) {
        throw asHangarError(provider, error)
      }
    },

    /** Forgets a provider's cached list after the gateway changed something there. */
    invalidate(providerName: string): void {
      cache.delete(providerName)
    },
  }
}

export type ServerDirectory = ReturnType<typeof createServerDirectory>
