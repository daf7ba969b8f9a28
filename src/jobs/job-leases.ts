import { randomUUID } from 'node:crypto'
import { EventEmitter } from 'node:events'
import type { EventBus } from '../events/event-bus.js'
import type { Logger } from '../logger.js'
import type { ClaimedJob, JobKind, JobStore } from './job-store.js'

/** Why a held job's signal aborted. */
export type JobStop = 'lease lost' | 'cancelled' | 'deleted' | 'gateway shutting down'

/** A job this gateway holds: its signal aborts when it must stop working on it. */
export interface HeldJob {
  id: string
  signal: AbortSignal
  /** Why the signal aborted, once it has. */
  readonly stop: JobStop | undefined
}

/** Takes up a job claimed from a gateway that stopped renewing it; the job is then held. */
export type TakeOver = (job: ClaimedJob, held: HeldJob) => Promise<void> | void

/** Options of {@link createJobLeases}. */
export interface JobLeasesOptions {
  store: JobStore
  /** `HANGAR_INSTANCE_ID`: leases are `<instance id>#<boot>`. */
  instanceId: string
  /** How long a lease lasts unrenewed (`HANGAR_JOB_LEASE_MS`, 15 s by default). */
  /** How long a lease lasts unrenewed: a gateway silent that long loses its jobs to another. */
  leaseMs: number
  /** One gateway alone on its database (SQLite): it takes every unfinished job at start. */
  alone: boolean
  logger: Logger
  /** Carries turn and stop nudges between gateways (polling covers a bus that is down). */
  bus?: EventBus
  /** Counts each job taken over from another gateway (`hangar_job_lease_takeovers_total`). */
  onTakeOver?: (kind: JobKind) => void
}

const TURN_POLL_MS = 500

/**
 * This gateway's side of the job leases: it renews the leases of the jobs it holds (a third of the
 * lease time apart), takes over the jobs of gateways that stopped renewing theirs (checked a few
 * times per lease), aborts a job's work when its lease is lost or another gateway asks it to stop
 * (a cancel or delete made there), and hands every lease back when it shuts down.
 */
export function createJobLeases({
  store,
  instanceId,
  leaseMs,
  alone,
  logger,
  bus,
  onTakeOver,
}: JobLeasesOptions): JobLeases {
  const owner = `${instanceId}#${randomUUID().slice(0, 8)}`
  const held = new Map<string, { controller: AbortController; stop?: JobStop }>()
  const handlers = new Map<JobKind, TakeOver>()
  const wake = new EventEmitter()
  wake.setMaxListeners(0)
  const listening = new AbortController()
  const timers = new Map<'scan' | 'renew', NodeJS.Timeout>()
  /** The scan or renewal under way, if any: a timer never starts a second one beside it. */
  const inFlight = new Map<'scan' | 'renew', Promise<unknown>>()
  let closed = false

  /** A job left by this gateway's previous run (or by nobody), rather than taken from another gateway. */
  function isRestart(job: ClaimedJob): boolean {
    return alone || job.previousOwner === null || job.previousOwner.startsWith(`${instanceId}#`)
  }

  function hold(id: string): HeldJob {
    let entry = held.get(id)
    if (!entry) {
      entry = { controller: new AbortController() }
      held.set(id, entry)
    }
    const current = entry
    return {
      id,
      signal: current.controller.signal,
      get stop() {
        return current.stop
      },
    }
  }

  function abort(id: string, stop: JobStop): void {
    const entry = held.get(id)
    if (!entry || entry.controller.signal.aborted) return
    entry.stop = stop
    entry.controller.abort(new Error(stop))
  }

  async function renew(): Promise<void> {
    // Shutting down: work let go of here is still this gateway's until the leases are handed back.
    if (closed) return store.renewAll(owner, leaseMs)
    const ids = [...held.keys()]
    if (ids.length === 0) return
    const kept = await store.renew(owner, ids, leaseMs)
    for (const id of ids) {
      if (!held.has(id)) continue
      if (!kept.has(id)) {
        logger.warn(
          { job: id, owner },
          'lost the lease of a job (another gateway took it over): stopping work on it here',
        )
        abort(id, 'lease lost')
      } else {
        const stop = kept.get(id)
        if (stop === 'cancelled' || stop === 'deleted') abort(id, stop)
      }
    }
  }

  async function scan(first: boolean): Promise<number> {
    const claimed = await store.claimStale(
      owner,
      leaseMs,
      first ? { ownPrefix: `${instanceId}#`, everything: alone } : {},
    )
    for (const job of claimed) {
      const handler = handlers.get(job.kind)
      const taken = hold(job.id)
      if (!isRestart(job) && !job.handedBack) onTakeOver?.(job.kind)
      logger.info(
        { job: job.id, kind: job.kind, state: job.state, from: job.previousOwner, owner },
        job.previousOwner
          ? `took over job ${job.id} from ${job.previousOwner}${job.handedBack ? ' (handed back)' : ''}`
          : `took up job ${job.id}`,
      )
      if (!handler) {
        logger.error({ job: job.id, kind: job.kind }, 'no handler for a job of this kind')
        continue
      }
      try {
        await handler(job, taken)
      } catch (error) {
        logger.error({ job: job.id, error: (error as Error).message }, 'taking over a job failed')
      }
    }
    return claimed.length
  }

  function every(ms: number, task: () => Promise<unknown>, slot: 'scan' | 'renew'): void {
    const timer = setInterval(() => {
      if (inFlight.has(slot) || (slot === 'scan' && closed)) return
      const running = task()
        .catch((error: unknown) => logger.warn({ error: (error as Error).message }, `job lease ${slot} failed`))
        .finally(() => inFlight.delete(slot))
      inFlight.set(slot, running)
    }, ms)
    timer.unref()
    timers.set(slot, timer)
  }

  return {
    owner,
    leaseMs,

    /** Says what takes up a claimed job of `kind`. */
    handle(kind: JobKind, takeOver: TakeOver): void {
      handlers.set(kind, takeOver)
    },

    /** Holds (and renews) a job this gateway made or claimed. */
    hold,

    isRestart,

    /** Stops holding a job (it ended, or is not this gateway's any more); wakes what waits its turn. */
    release(id: string): void {
      if (!held.delete(id)) return
      wake.emit('turn')
      bus?.publish('jobs:turn', id)
    },

    /**
     * Waits until the job may start (nothing else on its server runs, nothing queued before it
     * waits), then marks it RUNNING. False when `signal` aborted first, or the job is not this
     * gateway's any more.
     */
    async waitForTurn(id: string, signal: AbortSignal): Promise<boolean> {
      for (;;) {
        if (signal.aborted) return false
        const answer = await store.tryStart(id, owner, leaseMs)
        if (answer !== 'wait') return answer === 'started'
        await new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer)
            wake.off('turn', done)
            signal.removeEventListener('abort', done)
            resolve()
          }
          const timer = setTimeout(done, TURN_POLL_MS)
          wake.once('turn', done)
          signal.addEventListener('abort', done, { once: true })
        })
      }
    },

    /**
     * Asks the gateway holding a job to stop it, and nudges it at once over the bus (it also
     * sees the request at its next renewal).
     */
    async requestStop(id: string, reason: 'cancelled' | 'deleted'): Promise<boolean> {
      const asked = await store.requestStop(id, reason)
      if (asked) {
        abort(id, reason)
        bus?.publish('jobs:stop', { id, reason })
      }
      return asked
    },

    /**
     * Claims what nobody holds (at once, then a few times per lease), renews what it holds a third
     * of the lease apart, and listens for nudges. Answers how many jobs the first claim took.
     */
    async start(): Promise<number> {
      if (bus) {
        void (async () => {
          for await (const event of bus.subscribe<string>('jobs:turn', listening.signal))
            if (typeof event === 'string') wake.emit('turn')
        })().catch(() => {})
        void (async () => {
          for await (const event of bus.subscribe<{ id: string; reason: 'cancelled' | 'deleted' }>(
            'jobs:stop',
            listening.signal,
          )) {
            if (typeof event === 'object' && held.has(event.id))
              abort(event.id, event.reason === 'deleted' ? 'deleted' : 'cancelled')
          }
        })().catch(() => {})
      }
      every(Math.max(100, Math.floor(leaseMs / 3)), renew, 'renew')
      every(Math.max(100, Math.min(2_000, Math.floor(leaseMs / 4))), () => scan(false), 'scan')
      // The first claim's own errors reach the caller (start-up says what it took up).
      const first = scan(true)
      inFlight.set('scan', first)
      void first.finally(() => inFlight.delete('scan')).catch(() => {})
      return first
    },

    /**
     * Stops claiming, aborts the work held here (renewing its leases meanwhile, however long the
     * work takes to stop), then hands the leases back and stops renewing.
     */
    async close(stopWork: () => Promise<void>): Promise<void> {
      closed = true
      clearInterval(timers.get('scan'))
      listening.abort()
      await inFlight.get('scan')?.catch(() => {})
      for (const id of held.keys()) abort(id, 'gateway shutting down')
      await stopWork()
      clearInterval(timers.get('renew'))
      timers.clear()
      await inFlight.get('renew')?.catch(() => {})
      const handed = await store.handBack(owner).catch((error: unknown) => {
        logger.warn({ error: (error as Error).message }, 'could not hand job leases back; they expire by themselves')
        return 0
      })
      if (handed > 0)
        logger.info({ jobs: handed, owner }, `handed ${handed} job lease(s) back for another gateway to take up`)
      held.clear()
    },
  }
}

/**
 * This gateway's hold on long work: which jobs it runs, their leases, whose turn it is on each
 * server, and taking over what a stopped gateway left.
 */
export interface JobLeases {
  /** This gateway's name on the leases it holds: `<instance id>#<random>`, new at each start. */
  owner: string
  leaseMs: number
  /** Says what takes up a claimed job of `kind`. */
  handle(kind: JobKind, takeOver: TakeOver): void
  /** Holds (and renews) a job this gateway made or claimed. */
  hold(id: string): HeldJob
  /** A job left by this gateway's previous run (or by nobody), rather than taken from another gateway. */
  isRestart(job: ClaimedJob): boolean
  /** Stops holding a job (it ended, or is not this gateway's any more); wakes what waits its turn. */
  release(id: string): void
  /**
   * Waits until the job may start (nothing else on its server runs, nothing queued before it
   * waits), then marks it RUNNING. False when `signal` aborted first, or the job is not this
   * gateway's any more.
   */
  waitForTurn(id: string, signal: AbortSignal): Promise<boolean>
  /**
   * Asks the gateway holding a job to stop it, and nudges it at once over the bus (it also
   * sees the request at its next renewal).
   */
  requestStop(id: string, reason: 'cancelled' | 'deleted'): Promise<boolean>
  /**
   * Claims what nobody holds (at once, then a few times per lease), renews what it holds a third
   * of the lease apart, and listens for nudges. Answers how many jobs the first claim took.
   */
  start(): Promise<number>
  /**
   * Stops claiming, aborts the work held here (renewing its leases meanwhile, however long the
   * work takes to stop), then hands the leases back and stops renewing.
   */
  close(stopWork: () => Promise<void>): Promise<void>
}
