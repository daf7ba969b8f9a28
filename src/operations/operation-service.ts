import { randomUUID } from 'node:crypto'
import type { OperationRecord, OperationStore } from '../db/operation-store.js'
import type { OperationEvents } from '../events/operation-events.js'
import { isHangarError } from '../errors/index.js'
import type { Logger } from '../logger.js'
import type { HeldJob, JobLeases } from '../jobs/job-leases.js'
import type { ClaimedJob, JobStore } from '../jobs/job-store.js'
import type { Provider, TaskHandle } from '../providers/contract.js'
import type { ServerDirectory } from '../providers/server-directory.js'
import { followTask } from './follow-task.js'
import { callFor, parseRequest, type OperationRequest } from './operation-request.js'
import type { OperationView } from './operation-view.js'

export type { OperationView }

/** What {@link OperationService.start} needs to know about the work. */
export interface StartOperation {
  provider: Provider
  /** The public server id; operations on one server run one after another. Null for a create. */
  serverId: string | null
  /** What operations are queued by when there is no server yet (e.g. `create:<name>`). */
  queueKey?: string
  /** `start`, `stop`, `reboot`, `destroy`, ... */
  action: string
  /**
   * What to ask of the provider, as data: stored with the job, so that any gateway can make the
   * call in the operation's turn. Give this or `run`.
   */
  request?: OperationRequest
  /** Makes the upstream call that starts the work, for work that cannot be stored (a create's password). */
  run?: (signal: AbortSignal) => Promise<TaskHandle>
}

/** What {@link OperationService.start} returns. */
export interface StartedOperation {
  operation: OperationView
  /** Settles with the final state; never rejects. */
  finished: Promise<OperationView>
}

/** Options of {@link createOperationService}. */
export interface OperationServiceOptions {
  store: OperationStore
  events: OperationEvents
  directory: ServerDirectory
  logger: Logger
  /** The `jobs` table: each operation is a job, one at a time per server across gateways. */
  jobs: JobStore
  /** This gateway's leases: it holds the operations it runs, and takes over those of gateways that stopped. */
  leases: JobLeases
  providers: readonly Provider[]
}

const FINAL = new Set(['SUCCEEDED', 'FAILED'])
export const isFinal = (operation: Pick<OperationRecord, 'status'>): boolean => FINAL.has(operation.status)

function messageOf(error: unknown): string {
  return isHangarError(error) ? error.message : 'the upstream call failed unexpectedly'
}

/** What a gateway that took over an operation it cannot make says (a create: its input is not stored). */
export const NOT_UNDER_WAY = 'the gateway that took this operation stopped before it was under way upstream'

/** What a gateway that took over an operation says when its call may or may not have reached the provider. */
export const MAY_HAVE_BEEN_SENT =
  'the gateway that took this operation stopped while asking the provider for it: ' +
  'it may or may not have been done; look at the server before asking again'

/**
 * Runs long upstream work as operations: stored (with every log line) so they answer after a
 * restart, published to subscribers on every change, and followed to the end by {@link followTask}.
 * Each is a job leased to the gateway running it: one at a time per server across every gateway on
 * the database, and followed on by another gateway (from its task ref) when this one stops.
 */
export function createOperationService({
  store,
  events,
  directory,
  logger,
  jobs,
  leases,
  providers,
}: OperationServiceOptions): OperationService {
  const stopping = new AbortController()
  const followers = new Set<Promise<unknown>>()

  /** An operation with its stored log. */
  async function withLogs(record: OperationRecord): Promise<OperationView> {
    return { ...record, logs: (await store.logs(record.id)).map((entry) => entry.line) }
  }

  async function view(id: string): Promise<OperationView | undefined> {
    const record = await store.get(id)
    return record && withLogs(record)
  }

  /**
   * The log lines of the operations being followed, kept as they are stored: a change is published
   * with them rather than by reading every stored line again for each new one.
   */
  const followedLogs = new Map<string, string[]>()

  async function publish(id: string): Promise<OperationView> {
    const lines = followedLogs.get(id)
    const current = lines ? { ...(await store.get(id))!, logs: [...lines] } : (await view(id))!
    events.publish(current)
    return current
  }

  /** Follows a started task to its end, storing and publishing as it goes. */
  async function follow(id: string, provider: Provider, handle: TaskHandle, job: HeldJob): Promise<OperationView> {
    // Read once (a resumed operation has lines already); from here on, appended as stored.
    const lines = (await store.logs(id)).map((entry) => entry.line)
    followedLogs.set(id, lines)
    try {
      const outcome = await followTask(handle, {
        signal: AbortSignal.any([stopping.signal, job.signal]),
        onProgress: async (progress) => {
          if (progress.lines.length > 0) {
            await store.appendLogs(id, progress.lines)
            lines.push(...progress.lines)
          }
          if (progress.ref) await store.update(id, { ref: progress.ref })
          if (progress.serverNativeId)
            await store.update(id, { serverId: `${provider.name}:${progress.serverNativeId}` })
          if (progress.lines.length > 0 || progress.ref || progress.serverNativeId) await publish(id)
        },
      })
      const ended = await store.update(id, {
        status: outcome.state === 'succeeded' ? 'SUCCEEDED' : 'FAILED',
        error: outcome.error ?? null,
        finishedAt: new Date(),
      })
      logChange(ended)
    } catch (error) {
      // The gateway is shutting down (the row stays RUNNING, for another gateway or the next start
      // to follow on), or another gateway took the job over: what is stored is theirs to change.
      if (stopping.signal.aborted || job.signal.aborted) {
        followedLogs.delete(id)
        leases.release(id)
        return (await view(id))!
      }
      logger.error({ operation: id, error: (error as Error).message }, 'following an operation failed')
      logChange(await store.update(id, { status: 'FAILED', error: messageOf(error), finishedAt: new Date() }))
    }
    directory.invalidate(provider.name)
    try {
      return await publish(id)
    } finally {
      followedLogs.delete(id)
      leases.release(id)
    }
  }

  /** Makes the upstream call; a refusal ends the operation as FAILED and is rethrown. */
  async function begin(id: string, work: StartOperation): Promise<TaskHandle> {
    try {
      const handle = await (work.run ?? callFor(work.provider, work.request!))(stopping.signal)
      logChange(await store.update(id, { status: 'RUNNING', ref: handle.ref }))
      directory.invalidate(work.provider.name)
      await publish(id)
      return handle
    } catch (error) {
      logChange(await store.update(id, { status: 'FAILED', error: messageOf(error), finishedAt: new Date() }))
      await publish(id)
      leases.release(id)
      throw error
    }
  }

  /** Operations taken over since {@link takenOver} was last asked. */
  let taken = 0

  /** Takes up an operation of a gateway that stopped: followed on from its task ref, or failed honestly. */
  function takeOver(job: ClaimedJob, held: HeldJob): void {
    const run = async () => {
      const record = await store.get(job.id)
      if (!record) return
      if (isFinal(record)) {
        // Its gateway stopped between storing the end and letting go: nothing is left to do.
        leases.release(job.id)
        return
      }
      const provider = providers.find((candidate) => candidate.name === record.provider)
      const request = parseRequest(job.request)
      if (record.status === 'PENDING' && job.state === 'QUEUED' && provider && request) {
        // Never sent upstream (it was waiting its turn): made here, in its turn.
        taken += 1
        if (!(await leases.waitForTurn(record.id, held.signal))) {
          leases.release(record.id)
          return
        }
        // A refusal is stored FAILED by `begin`, as for the gateway that took the request.
        const handle = await begin(record.id, {
          provider,
          serverId: record.serverId,
          action: record.action,
          request,
        }).catch(() => undefined)
        if (handle) await follow(record.id, provider, handle, held)
        return
      }
      if (record.status !== 'RUNNING' || !record.ref || !provider?.resumeTask) {
        const error = job.state === 'RUNNING' && !record.ref ? MAY_HAVE_BEEN_SENT : NOT_UNDER_WAY
        logChange(await store.update(record.id, { status: 'FAILED', error, finishedAt: new Date() }))
        await publish(record.id)
        leases.release(record.id)
        return
      }
      taken += 1
      await follow(record.id, provider, provider.resumeTask(record.ref), held)
    }
    track(
      run().catch((error: unknown) =>
        logger.error({ operation: job.id, error: (error as Error).message }, 'taking over an operation failed'),
      ),
    )
  }
  leases.handle('operation', takeOver)

  /** One log line per state an operation reaches, with its id (the instance is in the logger's fields). */
  function logChange(operation: OperationRecord): void {
    const fields = {
      operation: operation.id,
      action: operation.action,
      provider: operation.provider,
      serverId: operation.serverId,
      status: operation.status,
    }
    logger.info(
      operation.error ? { ...fields, error: operation.error } : fields,
      `operation ${operation.action} ${operation.status}`,
    )
  }

  function track<T>(promise: Promise<T>): Promise<T> {
    followers.add(promise)
    void promise.finally(() => followers.delete(promise)).catch(() => {})
    return promise
  }

  return {
    view,

    /** The operations on one server, newest first, each with its log. */
    async listForServer(serverId: string, limit: number): Promise<OperationView[]> {
      return Promise.all((await store.list({ serverId, limit })).map(withLogs))
    },

    /**
     * Starts an operation. When the server is idle the upstream call is made before this returns,
     * so its refusal (NOT_FOUND, CONFLICT, ...) reaches the caller as an error; when other work on
     * the server is under way, the operation is returned PENDING and runs in its turn.
     */
    async start(work: StartOperation): Promise<StartedOperation> {
      const id = randomUUID()
      const queueKey = work.serverId ?? work.queueKey ?? null
      const record = await store.create(
        {
          id,
          provider: work.provider.name,
          serverId: work.serverId,
          action: work.action,
          status: 'PENDING',
          startedAt: new Date(),
        },
        {
          owner: leases.owner,
          leaseMs: leases.leaseMs,
          queueKey,
          request: work.request ? JSON.stringify(work.request) : null,
        },
      )
      logChange(record)
      const job = leases.hold(id)
      const run = async (): Promise<OperationView> => {
        const handle = await begin(id, work)
        return follow(id, work.provider, handle, job)
      }
      if ((await jobs.tryStart(id, leases.owner, leases.leaseMs)) === 'started') {
        // Idle server: the upstream call is made now, so its refusal reaches the caller.
        const handle = await begin(id, work)
        const finished = track(follow(id, work.provider, handle, job))
        return { operation: (await view(id))!, finished }
      }
      // Other work on the server (on this gateway or another) goes first.
      const waited = async (): Promise<OperationView> => {
        if (!(await leases.waitForTurn(id, job.signal))) {
          leases.release(id)
          return (await view(id))!
        }
        return run()
      }
      const finished = track(waited().catch(async () => (await view(id))!))
      return { operation: (await view(id))!, finished }
    },

    /** Operations taken over from gateways that stopped (or this one's previous run), since the last call. */
    takenOver(): number {
      const count = taken
      taken = 0
      return count
    },

    /** Stops following (the upstream tasks go on) and waits for the followers to let go. */
    async close(): Promise<void> {
      stopping.abort(new Error('gateway shutting down'))
      await Promise.allSettled([...followers])
    },
  }
}

/**
 * Server operations (power, destroy, create, resize, clone, snapshots) as durable jobs, queued one
 * at a time per server.
 */
export interface OperationService {
  /** One operation with its log, or undefined for an unknown id. */
  view(id: string): Promise<OperationView | undefined>
  /** The operations on one server, newest first, each with its log. */
  listForServer(serverId: string, limit: number): Promise<OperationView[]>
  /**
   * Starts an operation. When the server is idle the upstream call is made before this returns,
   * so its refusal (NOT_FOUND, CONFLICT, ...) reaches the caller as an error; when other work on
   * the server is under way, the operation is returned PENDING and runs in its turn.
   */
  start(work: StartOperation): Promise<StartedOperation>
  /** Operations taken over from gateways that stopped (or this one's previous run), since the last call. */
  takenOver(): number
  /** Stops following (the upstream tasks go on) and waits for the followers to let go. */
  close(): Promise<void>
}
