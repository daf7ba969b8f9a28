import { SimulatedTasks, type SimulatedTask } from 'hangar/provider-kit/testing'
import { formatUpid } from './upid.js'
import type { Upid } from './upid.js'

/** A worker task and its log (live: its status, end and log follow the task as it runs). */
export interface SimTask extends Upid {
  upid: string
  status: 'running' | 'stopped'
  /** Last log line without `TASK ` once stopped: `OK`, `WARNINGS: 1`, or the error. */
  exitstatus?: string
  /** Epoch seconds the task ended. */
  endtime?: number
  /** Log lines written so far. */
  log: string[]
}

/** How a task should end, chosen by the route or forced by a fault. */
export type TaskOutcome = { kind: 'ok' } | { kind: 'error'; message: string } | { kind: 'warnings'; count: number }

/** What a route asks the runner to do. */
export interface TaskSpec {
  node: string
  /** Task type: `qmstart`, `vzcreate`, `qmclone`, ... */
  type: string
  /** The object id field (usually the vmid as text). */
  id: string
  user: string
  /** Log lines written over the task's run, before the final `TASK ...` line. */
  lines: string[]
  /** Overrides the default run time. */
  durationMs?: number
  /** Forced end (faults); defaults to success. */
  outcome?: TaskOutcome
  /** Applies the state change of a successful task (also for `WARNINGS`). */
  onSuccess?: () => void
  /** Rolls back after a failed or stopped task (e.g. remove the half-made clone, clear locks). */
  onFailure?: (message: string) => void
}

/** What the runner keeps with a task: the fields of its UPID, and the warnings it ends with, if any. */
interface WorkerTask extends Upid {
  warnings?: number
}

/** The `exitstatus` of an ended task: `OK`, `WARNINGS: <count>`, or the error. */
function exitstatusOf(task: SimulatedTask<WorkerTask>): string | undefined {
  if (task.state === 'failed') return task.error
  if (task.state !== 'succeeded') return undefined
  return task.payload.warnings === undefined ? 'OK' : `WARNINGS: ${task.payload.warnings}`
}

/** A task as the API shows it, reading its status and end from the kit's task whenever asked. */
function workerTask(task: SimulatedTask<WorkerTask>): SimTask {
  const { warnings: _warnings, ...ids } = task.payload
  return {
    ...ids,
    upid: task.id,
    log: task.log,
    get status(): SimTask['status'] {
      return task.endedAt === undefined ? 'running' : 'stopped'
    },
    get exitstatus() {
      return exitstatusOf(task)
    },
    get endtime() {
      return task.endedAt === undefined ? undefined : Math.floor(task.endedAt / 1000)
    },
  }
}

/**
 * Runs simulated worker tasks: the kit's simulated tasks, named by UPIDs, whose logs end with
 * `TASK OK`, `TASK WARNINGS: <count>` or `TASK ERROR: <message>`, changing the state at their end.
 */
export class TaskRunner {
  private readonly runs = new SimulatedTasks<WorkerTask>({
    idOf: (_counter, ids) => formatUpid(ids),
    lastLine: (task) => (task.state === 'failed' ? `TASK ERROR: ${task.error}` : `TASK ${exitstatusOf(task)}`),
  })
  private lastPid = 0x0a0000
  private readonly pstartBase = 0x00c0ffee

  constructor(private readonly defaultDurationMs: number) {}

  /** All tasks, oldest first. */
  get tasks(): SimTask[] {
    return this.runs.list().map(workerTask)
  }

  /** Starts a task and returns it; its UPID goes back to the client. */
  start(spec: TaskSpec): SimTask {
    this.lastPid += 1 + Math.floor(Math.random() * 64)
    const outcome: TaskOutcome = spec.outcome ?? { kind: 'ok' }
    const warnings = outcome.kind === 'warnings' ? outcome.count : undefined
    const duration = spec.durationMs ?? this.defaultDurationMs
    const task = this.runs.start({
      payload: {
        node: spec.node,
        pid: this.lastPid,
        pstart: this.pstartBase + this.runs.size * 7,
        starttime: Math.floor(Date.now() / 1000),
        type: spec.type,
        id: spec.id,
        user: spec.user,
        ...(warnings === undefined ? {} : { warnings }),
      },
      durationMs: duration,
      lines: [...spec.lines, ...Array.from({ length: warnings ?? 0 }, (_, i) => `WARN: simulated warning ${i + 1}`)],
      // Spread over the first 80% of the run so a poller sees the log grow; the first at once.
      lineAt: (i, count) => (count === 1 ? 0 : Math.floor((duration * 0.8 * i) / (count - 1))),
      failWith: outcome.kind === 'error' ? outcome.message : undefined,
      complete: spec.onSuccess,
      onFail: spec.onFailure,
    })
    return workerTask(task)
  }

  /** Finds a task by UPID. */
  find(upid: string): SimTask | undefined {
    const task = this.runs.get(upid)
    return task && workerTask(task)
  }

  /** Stops a running task the way `DELETE /nodes/{node}/tasks/{upid}` does. */
  stop(upid: string): void {
    this.runs.fail(upid, 'interrupted by signal')
  }

  /** Resolves once the task has stopped or `timeoutMs` passed; true if it stopped. */
  waitFor(upid: string, timeoutMs: number): Promise<boolean> {
    return this.runs.waitFor(upid, timeoutMs)
  }

  /** Cancels every pending timer (server shutdown). */
  dispose(): void {
    this.runs.dispose()
  }
}
