import { SimulatedTasks, type SimulatedTask } from 'hangar/provider-kit/testing'
import { queueTimestamp } from './ids.js'

/** Queue statuses seen on the real API; `complete` and `error` are final. */
export type CommandStatus = 'pending' | 'executing' | 'progress' | 'complete' | 'error'

/** A queued command, as `GET /service/queue?id=` reports it (read from its task at the time). */
export interface SimCommand {
  /** Numeric here; action answers give it as a string. */
  id: number
  status: CommandStatus
  /** Name of the server it acts on (the final name for a create). */
  server: string
  /** Id of that server, if it exists (not part of the queue item). */
  serverId: string | undefined
  description: string
  added: string
  executed: string | null
  completed: string | null
  /** Log lines written so far; the queue joins them with `\n`. */
  log: string[]
}

/** What an endpoint asks the queue to run. */
export interface CommandSpec {
  server: string
  serverId?: string
  description: string
  /** Log lines, written one by one while the command runs. */
  lines: string[]
  /** A failure forced by a fault: the command ends in `error` with this text and has no effect. */
  forcedError?: string
  /**
   * Applies the effect at completion. Returning a string makes the command end in `error` with that
   * text in its log instead (e.g. the server vanished meanwhile).
   */
  apply: () => string | undefined
  /** Runs at the end whatever the outcome (after `apply`), e.g. to release a reserved name. */
  onEnd?: () => void
}

/** What the queue keeps with a command's task: what it acts on and how it is described. */
type CommandTarget = Pick<SimCommand, 'server' | 'serverId' | 'description'>

/**
 * Runs commands through `pending` → `executing` → `progress` → `complete` (or `error`) over
 * `durationMs`, writing their log lines as they go and applying their effect at the end: the kit's
 * simulated tasks, queued for the first 10% of the run, shown as the queue shows its items.
 */
export class CommandQueue {
  private readonly tasks: SimulatedTasks<CommandTarget>
  private readonly durationMs: number
  /** When a command leaves `pending` (printing its first line), in ms from its start. */
  private readonly executeAt: number
  /** When an executing command shows `progress`, in ms from its start. */
  private readonly progressAt: number

  constructor(durationMs: number, firstId = 4_567_890) {
    this.durationMs = Math.max(0, durationMs)
    this.executeAt = Math.floor(this.durationMs * 0.1)
    this.progressAt = Math.floor(this.durationMs * 0.3)
    // A failed command's log ends with the failure's text itself.
    this.tasks = new SimulatedTasks<CommandTarget>({
      idOf: (counter) => String(firstId + counter - 1),
      lastLine: (task) => task.error,
    })
  }

  /** Every command, oldest first. */
  get commands(): SimCommand[] {
    return this.tasks.list().map((task) => this.commandOf(task))
  }

  /** Whether a command on the server `serverId` has not ended yet (`pending`, `executing` or `progress`). */
  busy(serverId: string): boolean {
    return this.tasks
      .list()
      .some((task) => task.payload.serverId === serverId && task.state !== 'succeeded' && task.state !== 'failed')
  }

  /** Queues a command and returns it (its id goes back to the client). */
  start(spec: CommandSpec): SimCommand {
    const { durationMs, executeAt, progressAt } = this
    const { server, serverId, description, lines, forcedError } = spec
    // The failure cuts the log about half way, like a provisioning step that broke.
    const written = forcedError === undefined ? lines : lines.slice(0, Math.max(1, Math.ceil(lines.length / 2)))
    const task = this.tasks.start({
      payload: { server, serverId, description },
      durationMs,
      queuedMs: executeAt,
      lines: written,
      // The first line when it starts executing, the rest over the 90% of its progress that follow.
      lineAt: (i, count) =>
        i === 0 ? executeAt : progressAt + Math.floor(((durationMs - progressAt) * 0.9 * i) / count),
      failWith: forcedError,
      complete: () => {
        const failure = spec.apply()
        if (failure !== undefined) throw new Error(failure)
      },
      onEnd: spec.onEnd,
    })
    return this.commandOf(task)
  }

  /** A command by numeric id. */
  find(id: number): SimCommand | undefined {
    const task = this.tasks.get(String(id))
    return task && this.commandOf(task)
  }

  /** Cancels every timer (server shutdown). */
  dispose(): void {
    this.tasks.dispose()
  }

  private commandOf(task: SimulatedTask<CommandTarget>): SimCommand {
    const { runningAt, endedAt } = task
    const executed = runningAt ?? endedAt
    return {
      id: Number(task.id),
      status: this.statusOf(task),
      ...task.payload,
      added: queueTimestamp(task.startedAt),
      executed: executed === undefined ? null : queueTimestamp(executed),
      completed: endedAt === undefined ? null : queueTimestamp(endedAt),
      log: task.log,
    }
  }

  /** The queue's status; `executing` turns to `progress` at `progressAt`, by the clock. */
  private statusOf(task: SimulatedTask<CommandTarget>): CommandStatus {
    if (task.state === 'queued') return 'pending'
    if (task.state === 'succeeded') return 'complete'
    if (task.state === 'failed') return 'error'
    return Date.now() - task.startedAt < this.progressAt ? 'executing' : 'progress'
  }
}
