import { TaskTimers } from 'hangar/provider-kit/testing'
import { queueTimestamp } from './ids.js'

/** Queue statuses seen on the real API; `complete` and `error` are final. */
export type CommandStatus = 'pending' | 'executing' | 'progress' | 'complete' | 'error'

/** A queued command, as `GET /service/queue?id=` reports it. */
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

/**
 * Runs commands through `pending` → `executing` → `progress` → `complete` (or `error`) over
 * `durationMs`, writing their log lines as they go and applying their effect at the end.
 */
export class CommandQueue {
  /** Every command, oldest first. */
  readonly commands: SimCommand[] = []
  private readonly timers = new TaskTimers()
  private nextId: number

  constructor(
    private readonly durationMs: number,
    firstId = 4_567_890,
  ) {
    this.nextId = firstId
  }

  /** Queues a command and returns it (its id goes back to the client). */
  start(spec: CommandSpec): SimCommand {
    const command: SimCommand = {
      id: this.nextId++,
      status: 'pending',
      server: spec.server,
      serverId: spec.serverId,
      description: spec.description,
      added: queueTimestamp(Date.now()),
      executed: null,
      completed: null,
      log: [],
    }
    this.commands.push(command)
    const d = Math.max(0, this.durationMs)
    const executeAt = Math.floor(d * 0.1)
    const progressAt = Math.floor(d * 0.3)
    const lines = [...spec.lines]
    // The failure cuts the log about half way, like a provisioning step that broke.
    const written = spec.forcedError === undefined ? lines : lines.slice(0, Math.max(1, Math.ceil(lines.length / 2)))
    this.timers.later(executeAt, () => {
      command.status = 'executing'
      command.executed = queueTimestamp(Date.now())
      if (written[0] !== undefined) command.log.push(written[0])
    })
    this.timers.later(progressAt, () => {
      command.status = 'progress'
    })
    const rest = written.slice(1)
    rest.forEach((line, i) => {
      const at = progressAt + Math.floor(((d - progressAt) * 0.9 * (i + 1)) / (rest.length + 1))
      this.timers.later(at, () => command.log.push(line))
    })
    this.timers.later(d, () => {
      // Lines whose timers collided with the end are flushed in order first.
      while (command.log.length < written.length) command.log.push(written[command.log.length] ?? '')
      const failure = spec.forcedError ?? spec.apply() ?? undefined
      spec.onEnd?.()
      if (command.executed === null) command.executed = queueTimestamp(Date.now())
      command.completed = queueTimestamp(Date.now())
      if (typeof failure === 'string') {
        command.log.push(failure)
        command.status = 'error'
      } else {
        command.status = 'complete'
      }
    })
    return command
  }

  /** A command by numeric id. */
  find(id: number): SimCommand | undefined {
    return this.commands.find((c) => c.id === id)
  }

  /** Cancels every timer (server shutdown). */
  dispose(): void {
    this.timers.dispose()
  }
}
