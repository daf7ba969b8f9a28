/**
 * The shapes of the kit's simulated tasks (see `SimulatedTasks` in `task-timers.ts`): what a task
 * is, what starts one and how a set of them is told to name and close their tasks.
 */

/**
 * Where a task is: waiting its turn (`queued`, only when its script asks for a queue), working
 * (`running`), or ended (`succeeded`, `failed`). The two ended states are final.
 */
export type SimulatedTaskState = 'queued' | 'running' | 'succeeded' | 'failed'

/**
 * One piece of simulated asynchronous work, as a task API reports it. `P` is what the simulator
 * keeps with the task (given as the script's `payload`): the action's type and target, the
 * upstream's own ids, anything its API shows besides the state and the log.
 */
export interface SimulatedTask<P = undefined> {
  id: string
  state: SimulatedTaskState
  /** The lines printed so far, in order (the last one written by `lastLine` once it ends). */
  log: string[]
  /** Why it failed, once `state` is `failed`. */
  error?: string
  /** When it was started, queue included (ms since the epoch). */
  startedAt: number
  /** When it began running: `startedAt` unless it was queued; undefined while queued, or if it ended queued. */
  runningAt?: number
  /** When it ended (ms since the epoch); undefined until then. */
  endedAt?: number
  /** What the script's `payload` gave. */
  payload: P
}

/** The parts of a {@link TaskScript} that do not depend on the payload. */
export interface TaskScriptSteps {
  /** From the start to the end, queue included. */
  durationMs: number
  /**
   * Keeps the task `queued` this long before it runs (for an API with a pending state). Given, even
   * as 0, the task is `queued` when `start` returns; left out, it is `running` at once.
   */
  queuedMs?: number
  /** Printed over the duration, in order; those still due when the task ends are printed then. */
  lines?: string[]
  /**
   * When the line `index` of `count` is due, in ms from the start: evenly over the duration unless
   * given. A line due at 0 or before is in the log when `start` returns.
   */
  lineAt?: (index: number, count: number) => number
  /**
   * Runs when the task begins running: in `start` unless it is queued, else as it leaves the queue.
   * Where the machine shows the work in its own state (`starting`, `booting`), set it here and put
   * it back in `onFail`. Not run for a task that ends while still queued.
   */
  onRun?: () => void
  /** The work's effect, applied when the task ends; throwing fails the task with the message. */
  complete?: () => void
  /** Fails the task at its end with this message, without its effect (a fault a test asked for). */
  failWith?: string
  /** Rolls back after the task failed, whichever way (`failWith`, a throwing `complete`, `fail`). */
  onFail?: (message: string) => void
  /** Runs when the task ends, whatever the outcome, after `complete` or `onFail` (e.g. to release a name). */
  onEnd?: () => void
}

/**
 * What `SimulatedTasks.start` runs: lines printed over `durationMs`, then the work's effect. The
 * `payload` may be left out only when `P` admits `undefined`.
 */
export type TaskScript<P = undefined> = TaskScriptSteps & (undefined extends P ? { payload?: P } : { payload: P })

/** How a set of simulated tasks names its tasks and closes their logs. */
export interface SimulatedTasksOptions<P = undefined> {
  /** The id of the `counter`-th task (from 1) with this payload: `task-<counter>` unless given. */
  idOf?: (counter: number, payload: P) => string
  /**
   * The line written at the end of an ended task's log (its `state`, `error` and `endedAt` already
   * set), or undefined for none: `error: <message>` after a failure, nothing after a success, unless given.
   */
  lastLine?: (task: SimulatedTask<P>) => string | undefined
}
