import type { SimulatedTask, SimulatedTasksOptions, TaskScript } from './simulated-task.js'

export type {
  SimulatedTask,
  SimulatedTaskState,
  SimulatedTasksOptions,
  TaskScript,
  TaskScriptSteps,
} from './simulated-task.js'

/**
 * The timers of a simulator's asynchronous work (tasks, commands, boots), so that closing the
 * simulator cancels every one of them and leaves nothing to fire into a closed state.
 */
export class TaskTimers {
  private readonly timers = new Set<NodeJS.Timeout>()

  /** Runs `fn` after `ms`, unless {@link dispose} comes first. */
  later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      fn()
    }, ms)
    this.timers.add(timer)
  }

  /** How many timers have not fired yet. */
  get pending(): number {
    return this.timers.size
  }

  /** Cancels every pending timer (the simulator is closing). */
  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
  }
}

/** A task not ended yet, with its script and how many of its lines are printed. */
interface OpenTask<P> {
  task: SimulatedTask<P>
  script: TaskScript<P>
  lines: string[]
  printed: number
  /** The failure it ends with at its natural end (the script's, or one {@link SimulatedTasks.failNext} asked for). */
  failWith: string | undefined
}

const failureLine = (task: SimulatedTask<unknown>): string | undefined =>
  task.state === 'failed' ? `error: ${task.error}` : undefined

/**
 * Tasks that print their lines over time and then take effect: the usual shape of an upstream's
 * asynchronous API (Proxmox UPIDs, Kamatera command ids, a cloud's operations). A task may wait in
 * a queue first, carries a payload typed `P`, and fails when its script says so, when its effect
 * throws, or when {@link fail} or {@link failNext} make it. Ids are `task-1`, `task-2`, ... unless
 * an `idOf` is given (a function of the counter, or the option of that name).
 */
export class SimulatedTasks<P = undefined> {
  private readonly tasks = new Map<string, SimulatedTask<P>>()
  private readonly open = new Map<string, OpenTask<P>>()
  private readonly waiters = new Map<string, Set<(ended: boolean) => void>>()
  private readonly timers = new TaskTimers()
  private readonly idOf: (counter: number, payload: P) => string
  private readonly lastLine: (task: SimulatedTask<P>) => string | undefined
  private counter = 0
  private nextFailure: string | undefined

  constructor(options: SimulatedTasksOptions<P> | ((counter: number) => string) = {}) {
    const { idOf = (counter: number) => `task-${counter}`, lastLine = failureLine } =
      typeof options === 'function' ? { idOf: options } : options
    this.idOf = idOf
    this.lastLine = lastLine
  }

  /** Starts a task; its queue, its lines and its end come on timers. */
  start(script: TaskScript<P>): SimulatedTask<P> {
    this.counter += 1
    const payload = script.payload as P
    const startedAt = Date.now()
    const queued = script.queuedMs !== undefined
    const task: SimulatedTask<P> = {
      id: this.idOf(this.counter, payload),
      state: queued ? 'queued' : 'running',
      log: [],
      startedAt,
      ...(queued ? {} : { runningAt: startedAt }),
      payload,
    }
    const failWith = this.nextFailure ?? script.failWith
    this.nextFailure = undefined
    const open: OpenTask<P> = { task, script, lines: script.lines ?? [], printed: 0, failWith }
    this.tasks.set(task.id, task)
    this.open.set(task.id, open)
    if (script.queuedMs !== undefined) this.timers.later(script.queuedMs, () => this.leaveQueue(open))
    else script.onRun?.()
    const count = open.lines.length
    const lineAt = script.lineAt ?? ((index: number) => Math.floor((script.durationMs * index) / count))
    for (let index = 0; index < count; index++) {
      const at = lineAt(index, count)
      if (at <= 0) this.printThrough(open, index + 1)
      else this.timers.later(at, () => this.printThrough(open, index + 1))
    }
    this.timers.later(script.durationMs, () => this.endInTime(open))
    return task
  }

  /** A task by id (the live task: its state and log change as it runs). */
  get(id: string): SimulatedTask<P> | undefined {
    return this.tasks.get(id)
  }

  /** Every task started, oldest first (the live tasks, for an API that lists them). */
  list(): SimulatedTask<P>[] {
    return [...this.tasks.values()]
  }

  /** How many tasks were started: `list().length` without copying the list. */
  get size(): number {
    return this.tasks.size
  }

  /**
   * Fails a task that has not ended, now, with `message` (a stop the API was asked for, a fault):
   * its lines not printed yet never are, its effect is not applied, its `onFail` and `onEnd` run.
   * False when the task is unknown or has ended already.
   */
  fail(id: string, message: string): boolean {
    const open = this.open.get(id)
    if (!open) return false
    this.end(open, message)
    return true
  }

  /**
   * Makes the next task started fail at its end with `message`, without its effect, whatever its
   * script says: how a test drives the failure path of a provider's task poller.
   */
  failNext(message: string): void {
    this.nextFailure = message
  }

  /**
   * Resolves true once the task has ended (at once when it has, or when no task has that id), or
   * false if `timeoutMs` passes first or the tasks are disposed of meanwhile.
   */
  waitFor(id: string, timeoutMs: number): Promise<boolean> {
    if (!this.open.has(id)) return Promise.resolve(true)
    return new Promise((resolve) => {
      const waiting = this.waiters.get(id) ?? new Set()
      this.waiters.set(id, waiting)
      const wake = (ended: boolean): void => {
        clearTimeout(timer)
        waiting.delete(wake)
        resolve(ended)
      }
      const timer = setTimeout(() => wake(false), timeoutMs)
      waiting.add(wake)
    })
  }

  /** Cancels every pending queue, line and end, and lets waiters go (the simulator is closing). */
  dispose(): void {
    this.timers.dispose()
    for (const waiting of this.waiters.values()) for (const wake of [...waiting]) wake(false)
    this.waiters.clear()
  }

  private leaveQueue({ task, script }: OpenTask<P>): void {
    if (task.state !== 'queued') return
    task.state = 'running'
    task.runningAt = Date.now()
    script.onRun?.()
  }

  /** Prints the lines not printed yet up to line `count` (lines whose timers collided come out in order). */
  private printThrough(open: OpenTask<P>, count: number): void {
    if (!this.open.has(open.task.id)) return
    for (; open.printed < count; open.printed++) open.task.log.push(open.lines[open.printed] ?? '')
  }

  /** The end the script was timed for: the lines still due, then the failure or the effect. */
  private endInTime(open: OpenTask<P>): void {
    if (!this.open.has(open.task.id)) return
    this.printThrough(open, open.lines.length)
    let failure = open.failWith
    if (failure === undefined) {
      try {
        open.script.complete?.()
      } catch (error) {
        failure = error instanceof Error ? error.message : String(error)
      }
    }
    this.end(open, failure)
  }

  /**
   * Ends the task first (state, error, end, last line, waiters woken), then runs its hooks: a hook
   * that throws cannot leave it running forever. `onEnd` runs after `onFail`, even if that threw.
   */
  private end({ task, script }: OpenTask<P>, failure: string | undefined): void {
    this.open.delete(task.id)
    task.state = failure === undefined ? 'succeeded' : 'failed'
    if (failure !== undefined) task.error = failure
    task.endedAt = Date.now()
    const last = this.lastLine(task)
    if (last !== undefined) task.log.push(last)
    for (const wake of [...(this.waiters.get(task.id) ?? [])]) wake(true)
    this.waiters.delete(task.id)
    try {
      if (failure !== undefined) script.onFail?.(failure)
    } finally {
      script.onEnd?.()
    }
  }
}
