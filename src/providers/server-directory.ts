import {
  BadInputError,
  type HangarError,
  isHangarError,
  NotFoundError,
  ProviderUnavailableError,
} from '../errors/index.js'
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
  /** Set once the read has succeeded. */
  ready: boolean
}

/** Splits `pve-lab:qemu/101` into its provider and native id. */
export function parseServerId(id: string): { provider: string; nativeId: string } {
  const colon = id.indexOf(':')
  if (colon <= 0 || colon === id.length - 1) {
    throw new BadInputError(
      `id: "${id}" is not a server id; expected "<provider>:<native id>", e.g. "proxmox:qemu/101"`,
      { field: 'id' },
    )
  }
  return { provider: id.slice(0, colon), nativeId: id.slice(colon + 1) }
}

const byId = (a: Server, b: Server): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

function toServer(provider: Provider, info: ServerInfo): Server {
  return { ...info, id: `${provider.name}:${info.nativeId}`, provider: provider.name }
}

/** Wraps whatever a provider threw so that the API always has a code to show. */
function asHangarError(provider: Provider, error: unknown): HangarError {
  if (isHangarError(error)) return error
  return new ProviderUnavailableError(`${provider.name}: ${(error as Error)?.message ?? 'unknown failure'}`, {
    provider: provider.name,
  })
}

/**
 * Every provider's servers in one place. Lists are kept for `cacheTtlMs` and shared by
 * concurrent readers (one upstream call, however many queries), and read anew in the background
 * once half that time has passed (a failed read drops the list). The gateway's own
 * actions invalidate the list of the provider they touched, so a user sees the effect of what they
 * did on the next read.
 */
export function createServerDirectory({ providers, cacheTtlMs, logger }: ServerDirectoryOptions): ServerDirectory {
  const byName = new Map(providers.map((provider) => [provider.name, provider]))
  const cache = new Map<string, CachedList>()
  // The merged, sorted list of the last read, reused while every provider's list is the same.
  let merged: { parts: Server[][]; servers: Server[] } | undefined
  // Moves on whenever a cached list changes (read anew, forgotten): what was computed from the lists
  // at one version holds until it moves.
  let version = 0
  // Moves on only when a list is forgotten for an action's sake (here or, through the bus, elsewhere).
  let forgets = 0
  const refreshing = new Set<string>()

  function providerNamed(name: string): Provider {
    const provider = byName.get(name)
    if (!provider) throw new NotFoundError(`provider: no provider named "${name}"`, { field: 'provider' })
    return provider
  }

  /** Reads a provider's list anew, as the cached one from now on (while no action forgot it meanwhile). */
  function read(provider: Provider, replacing?: CachedList): CachedList {
    const servers = provider
      .listServers({ signal: AbortSignal.timeout(60_000) })
      .then((infos) => infos.map((info) => toServer(provider, info)).sort(byId))
    const entry: CachedList = { at: Date.now(), servers, ready: false }
    if (!replacing) {
      cache.set(provider.name, entry)
      version += 1
    }
    servers.then(
      () => {
        entry.ready = true
        // An action forgot the list while it was being read (or a newer read took its place): the
        // answer may be older than the action, so it is not kept.
        if (cache.get(provider.name) !== (replacing ?? entry)) return
        cache.set(provider.name, entry)
        version += 1
      },
      (error: unknown) => {
        // A failed read is not cached, nor is the list it was to replace kept: the next query asks again.
        const current = cache.get(provider.name)
        if (current === entry || (replacing && current === replacing)) {
          cache.delete(provider.name)
          version += 1
        }
        if (replacing)
          logger.warn({ provider: provider.name, error: (error as Error).message }, 'server list refresh failed')
      },
    )
    return entry
  }

  /**
   * The provider's list: the cached one while within its time (read anew in the background once
   * half of it has passed, so that readers under steady traffic never wait on the upstream); past
   * it, a read everyone waits for, made once however many ask.
   */
  function listOf(provider: Provider): Promise<Server[]> {
    const cached = cache.get(provider.name)
    const age = cached ? Date.now() - cached.at : Number.POSITIVE_INFINITY
    if (!cached || age >= cacheTtlMs) return read(provider).servers
    if (cached.ready && age >= cacheTtlMs / 2 && !refreshing.has(provider.name)) {
      refreshing.add(provider.name)
      void read(provider, cached)
        .servers.catch(() => {})
        .finally(() => refreshing.delete(provider.name))
    }
    return cached.servers
  }

  function mergeSorted(parts: Server[][]): readonly Server[] {
    if (parts.length === 1) return parts[0]!
    const same =
      merged && merged.parts.length === parts.length && merged.parts.every((part, index) => part === parts[index])
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
      version += 1
      forgets += 1
    },

    /** A number that changes whenever a cached list does: anything derived from the lists holds while it stays. */
    version: (): number => version,

    /**
     * A number that changes whenever a list is forgotten because something changed upstream: an
     * answer computed while it stayed put shows every action finished before it began.
     */
    forgets: (): number => forgets,

    /**
     * Whether every provider's list is read and within its time, so a `list()` now would wait on no
     * upstream (lists past half their time start being read anew in the background).
     */
    fresh(): boolean {
      for (const provider of byName.values()) {
        const cached = cache.get(provider.name)
        if (!cached?.ready || Date.now() - cached.at >= cacheTtlMs) return false
        void listOf(provider).catch(() => {})
      }
      return true
    },
  }
}

/**
 * Every provider's servers, from a short-lived cache shared by concurrent readers and dropped on
 * the gateway's own actions.
 */
export interface ServerDirectory {
  /** The provider instance of that name; NOT_FOUND naming `provider` when there is none. */
  provider: (name: string) => Provider
  /** Every configured provider instance, in the configuration's order. */
  providers(): Provider[]
  /**
   * The servers of every provider (or one), sorted by id, with the providers that could not
   * answer. The array is shared between callers: do not change it.
   */
  list(providerName?: string): Promise<{ servers: readonly Server[]; failures: ProviderFailure[] }>
  /** One server with its full details, read upstream (never cached). */
  get(id: string): Promise<Server | undefined>
  /** Forgets a provider's cached list after the gateway changed something there. */
  invalidate(providerName: string): void
  /**
   * A number that changes whenever a cached list does: anything derived from the lists holds while it stays.
   */
  version(): number
  /**
   * A number that changes whenever a list is forgotten because something changed upstream: an
   * answer computed while it stayed put shows every action finished before it began.
   */
  forgets(): number
  /**
   * Whether every provider's list is read and within its time, so a `list()` now would wait on no
   * upstream (lists past half their time start being read anew in the background).
   */
  fresh(): boolean
}
