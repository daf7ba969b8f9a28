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

/** One piece of simulated asynchronous work, as a task API reports it. */
export interface SimulatedTask {
  id: string
  state: 'running' | 'succeeded' | 'failed'
  /** The lines printed so far, in order. */
  log: string[]
  /** Why it failed, once `state` is `failed`. */
  error?: string
  startedAt: number
}

/** What {@link SimulatedTasks.start} runs: lines printed over `durationMs`, then the work's effect. */
export interface TaskScript {
  durationMs: number
  /** Printed evenly over the duration. */
  lines?: string[]
  /** The work's effect, applied when the task ends; throwing fails the task with the message. */
  complete?: () => void
  /** Fails the task at its end with this message, without its effect (a fault a test asked for). */
  failWith?: string
}

/**
 * Tasks that print their lines over time and then take effect: the usual shape of an upstream's
 * asynchronous API (Proxmox UPIDs, Kamatera command ids, a cloud's operations). Ids are `task-1`,
 * `task-2`, ... unless an `idOf` is given.
 */
export class SimulatedTasks {
  private readonly tasks = new Map<string, SimulatedTask>()
  private readonly timers = new TaskTimers()
  private counter = 0

  constructor(private readonly idOf: (counter: number) => string = (counter) => `task-${counter}`) {}

  /** Starts a task; its lines and its end come on timers. */
  start(script: TaskScript): SimulatedTask {
    this.counter += 1
    const task: SimulatedTask = { id: this.idOf(this.counter), state: 'running', log: [], startedAt: Date.now() }
    this.tasks.set(task.id, task)
    const lines = script.lines ?? []
    lines.forEach((line, index) => {
      this.timers.later(Math.floor((script.durationMs * index) / Math.max(1, lines.length)), () => task.log.push(line))
    })
    this.timers.later(script.durationMs, () => {
      // Lines whose timers collided with the end are printed first, in order.
      for (const line of lines.slice(task.log.length)) task.log.push(line)
      if (script.failWith !== undefined) return this.fail(task, script.failWith)
      try {
        script.complete?.()
        task.state = 'succeeded'
      } catch (error) {
        this.fail(task, error instanceof Error ? error.message : String(error))
      }
    })
    return task
  }

  get(id: string): SimulatedTask | undefined {
    return this.tasks.get(id)
  }

  /** Cancels every pending line and end (the simulator is closing). */
  dispose(): void {
    this.timers.dispose()
  }

  private fail(task: SimulatedTask, message: string): void {
    task.state = 'failed'
    task.error = message
    task.log.push(`error: ${message}`)
  }
}
