import type { DeploymentEvents } from '../events/deployment-events.js'
import type { Logger } from '../logger.js'
import type { DeploymentStore, LogStream } from './deployment-store.js'

/** Options of {@link createDeploymentLogWriter}. */
export interface DeploymentLogWriterOptions {
  store: DeploymentStore
  events: DeploymentEvents
  logger: Logger
  /** How long a line may wait for others to share its transaction. */
  flushMs?: number
  /** Lines that make a batch flush at once. */
  maxBatch?: number
}

/**
 * Gathers a deployment's log lines into batches: many lines per transaction, stored first and
 * announced after, in order. `flush` waits until everything written so far is stored, which the
 * state machine does before it announces a transition.
 */
export function createDeploymentLogWriter({ store, events, logger, flushMs = 25, maxBatch = 500 }: DeploymentLogWriterOptions) {
  const pending = new Map<number, { stream: LogStream; line: string; at: Date }[]>()
  const timers = new Map<number, NodeJS.Timeout>()
  const inFlight = new Map<number, Promise<void>>()

  function flush(id: number): Promise<void> {
    const timer = timers.get(id)
    if (timer) clearTimeout(timer)
    timers.delete(id)
    const batch = pending.get(id) ?? []
    pending.delete(id)
    const previous = inFlight.get(id) ?? Promise.resolve()
    const next = previous.then(async () => {
      if (batch.length === 0) return
      try {
        events.publishLogs(id, await store.appendLogs(id, batch))
      } catch (error) {
        logger.error({ deployment: id, lines: batch.length, error: (error as Error).message }, 'could not store deployment log lines')
      }
    })
    inFlight.set(id, next)
    void next.finally(() => {
      if (inFlight.get(id) === next) inFlight.delete(id)
    })
    return next
  }

  return {
    /** Queues one line (several if it holds newlines); stored within `flushMs`. */
    write(id: number, stream: LogStream, text: string): void {
      const lines = text.split(/\r?\n/).filter((line, index, all) => line.length > 0 || index < all.length - 1)
      if (lines.length === 0) return
      const buffer = pending.get(id) ?? []
      for (const line of lines) buffer.push({ stream, line, at: new Date() })
      pending.set(id, buffer)
      if (buffer.length >= maxBatch) void flush(id)
      else if (!timers.has(id)) timers.set(id, setTimeout(() => void flush(id), flushMs))
    },
    flush,
    async close(): Promise<void> {
      await Promise.all([...new Set([...pending.keys(), ...inFlight.keys()])].map((id) => flush(id)))
    },
  }
}

export type DeploymentLogWriter = ReturnType<typeof createDeploymentLogWriter>
