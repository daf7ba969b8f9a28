import { TaskTimers } from 'hangar/provider-kit/testing'
import { formatUpid } from './upid.js'
import type { Upid } from './upid.js'

/** A worker task and its log. */
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

/** Runs simulated worker tasks: UPIDs, timed log lines, state changes at the end. */
export class TaskRunner {
  /** All tasks, oldest first. */
  readonly tasks: SimTask[] = []
  private readonly timers = new TaskTimers()
  private readonly finishers = new Map<string, (outcome: TaskOutcome) => void>()
  private readonly waiters = new Map<string, Array<() => void>>()
  private lastPid = 0x0a0000
  private readonly pstartBase = 0x00c0ffee

  constructor(private readonly defaultDurationMs: number) {}

  /** Starts a task and returns it; its UPID goes back to the client. */
  start(spec: TaskSpec): SimTask {
    this.lastPid += 1 + Math.floor(Math.random() * 64)
    const ids: Upid = {
      node: spec.node,
      pid: this.lastPid,
      pstart: this.pstartBase + this.tasks.length * 7,
      starttime: Math.floor(Date.now() / 1000),
      type: spec.type,
      id: spec.id,
      user: spec.user,
    }
    const task: SimTask = { ...ids, upid: formatUpid(ids), status: 'running', log: [] }
    this.tasks.push(task)
    const duration = spec.durationMs ?? this.defaultDurationMs
    const lines = [...spec.lines]
    const outcome: TaskOutcome = spec.outcome ?? { kind: 'ok' }
    if (outcome.kind === 'warnings') {
      for (let i = 0; i < outcome.count; i++) lines.push(`WARN: simulated warning ${i + 1}`)
    }
    // Lines are spread over the first 80% of the run so a poller sees the log grow.
    lines.forEach((line, i) => {
      const at = lines.length === 1 ? 0 : Math.floor((duration * 0.8 * i) / (lines.length - 1))
      if (at === 0) task.log.push(line)
      else this.timers.later(at, () => task.status === 'running' && task.log.push(line))
    })
    const written = (): number => task.log.length
    const finish = (end: TaskOutcome): void => {
      if (task.status !== 'running') return
      this.finishers.delete(task.upid)
      // Flush lines not written yet, unless the task was cut short.
      if (end.kind !== 'error') for (const line of lines.slice(written())) task.log.push(line)
      if (end.kind === 'error') {
        spec.onFailure?.(end.message)
        task.log.push(`TASK ERROR: ${end.message}`)
        task.exitstatus = end.message
      } else {
        spec.onSuccess?.()
        const status = end.kind === 'ok' ? 'OK' : `WARNINGS: ${end.count}`
        task.log.push(`TASK ${status}`)
        task.exitstatus = status
      }
      task.endtime = Math.floor(Date.now() / 1000)
      task.status = 'stopped'
      for (const wake of this.waiters.get(task.upid) ?? []) wake()
      this.waiters.delete(task.upid)
    }
    this.finishers.set(task.upid, finish)
    this.timers.later(duration, () => finish(outcome))
    return task
  }

  /** Finds a task by UPID. */
  find(upid: string): SimTask | undefined {
    return this.tasks.find((t) => t.upid === upid)
  }

  /** Stops a running task the way `DELETE /nodes/{node}/tasks/{upid}` does. */
  stop(upid: string): void {
    this.finishers.get(upid)?.({ kind: 'error', message: 'interrupted by signal' })
  }

  /** Resolves once the task has stopped or `timeoutMs` passed; true if it stopped. */
  waitFor(upid: string, timeoutMs: number): Promise<boolean> {
    const task = this.find(upid)
    if (!task || task.status === 'stopped') return Promise.resolve(true)
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(task.status === 'stopped'), timeoutMs)
      const list = this.waiters.get(upid) ?? []
      list.push(() => {
        clearTimeout(timer)
        resolve(true)
      })
      this.waiters.set(upid, list)
    })
  }

  /** Cancels every pending timer (server shutdown). */
  dispose(): void {
    this.timers.dispose()
  }
}
