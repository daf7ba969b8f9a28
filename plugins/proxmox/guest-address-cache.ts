import type { ProviderLogger as Logger } from 'hangar/provider-kit'
import type { GuestRef } from './guest-ips.js'
import type { ClusterResource } from './upstream-schemas.js'

/** The first refresh starts this soon after the cache is made (or after `refreshMs`, if shorter). */
const FIRST_REFRESH_MS = 500

/** Guests asked at once during a refresh: enough to finish soon, few enough to spare the cluster. */
const CONCURRENCY = 4

/** Options of {@link createGuestAddressCache}. */
export interface GuestAddressCacheOptions {
  /** The guests of the cluster, as the provider lists them. */
  listGuests(signal: AbortSignal): Promise<ClusterResource[]>
  /** One guest's addresses; throws when it cannot tell now (the last known ones are kept then). */
  readIps(guest: GuestRef, signal: AbortSignal): Promise<string[]>
  /** Time from the end of one refresh to the start of the next. */
  refreshMs: number
  /** Timeout of each upstream call of a refresh. */
  callTimeoutMs: number
  logger: Logger
}

/**
 * The addresses of the running guests, read in the background so that a server list never waits
 * on one guest agent per guest. What it shows may be up to one refresh old.
 */
export interface GuestAddressCache {
  /** The addresses last read for a guest (`qemu/101`); none when never read or no longer running. */
  ips(nativeId: string): string[]
  /** Drops a guest's addresses at once, e.g. when it is destroyed (its vmid may soon be another's). */
  forget(nativeId: string): void
  /** Runs a refresh now, or joins the one under way. Never rejects. */
  refresh(): Promise<void>
  /** Stops the timer and waits for a refresh under way to give up. */
  close(): Promise<void>
}

type ListedGuest = ClusterResource & GuestRef

/**
 * Starts a cache that refreshes soon after it is made and then every `refreshMs`, without anyone
 * waiting on it. A refresh lists the guests, drops the entries of those that stopped or went
 * away, and asks each running one for its addresses, a few at a time, each call with a timeout.
 * A guest whose answer fails keeps its last addresses. The timer never keeps the process alive.
 */
export function createGuestAddressCache({
  listGuests,
  readIps,
  refreshMs,
  callTimeoutMs,
  logger,
}: GuestAddressCacheOptions): GuestAddressCache {
  const entries = new Map<string, string[]>()
  const stop = new AbortController()
  let timer: NodeJS.Timeout | undefined
  let underWay: Promise<void> | undefined
  // Guests forgotten while a refresh runs: an answer read before they were forgotten is stale.
  let forgottenDuringRefresh: Set<string> | undefined

  const callSignal = (): AbortSignal => AbortSignal.any([stop.signal, AbortSignal.timeout(callTimeoutMs)])

  async function readOne(guest: ListedGuest): Promise<void> {
    try {
      const ips = await readIps(guest, callSignal())
      if (!stop.signal.aborted && !forgottenDuringRefresh?.has(guest.id)) entries.set(guest.id, ips)
    } catch (error) {
      if (!stop.signal.aborted)
        logger.debug(
          { guest: guest.id, error: (error as Error).message },
          'guest addresses not read; keeping the last ones',
        )
    }
  }

  async function runRefresh(): Promise<void> {
    let listed: ClusterResource[]
    try {
      listed = await listGuests(callSignal())
    } catch (error) {
      if (!stop.signal.aborted)
        logger.debug(
          { error: (error as Error).message },
          'guest list for addresses not read; keeping the last addresses',
        )
      return
    }
    const running = listed.filter(
      (guest): guest is ListedGuest =>
        guest.status === 'running' && guest.node !== undefined && guest.vmid !== undefined,
    )
    const runningIds = new Set(running.map((guest) => guest.id))
    for (const id of entries.keys()) if (!runningIds.has(id)) entries.delete(id)
    const queue = [...running]
    const worker = async (): Promise<void> => {
      for (let guest = queue.shift(); guest && !stop.signal.aborted; guest = queue.shift()) await readOne(guest)
    }
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker))
  }

  function refresh(): Promise<void> {
    if (stop.signal.aborted) return Promise.resolve()
    underWay ??= (async () => {
      forgottenDuringRefresh = new Set()
      try {
        await runRefresh()
      } catch (error) {
        logger.warn({ error: (error as Error).message }, 'guest address refresh failed')
      } finally {
        forgottenDuringRefresh = undefined
        underWay = undefined
      }
    })()
    return underWay
  }

  function schedule(delayMs: number): void {
    if (stop.signal.aborted) return
    timer = setTimeout(() => void refresh().then(() => schedule(refreshMs)), delayMs)
    timer.unref()
  }

  schedule(Math.min(FIRST_REFRESH_MS, refreshMs))

  return {
    ips: (nativeId) => [...(entries.get(nativeId) ?? [])],
    forget(nativeId) {
      entries.delete(nativeId)
      forgottenDuringRefresh?.add(nativeId)
    },
    refresh,
    async close() {
      stop.abort(new Error('closed'))
      clearTimeout(timer)
      await underWay
    },
  }
}
