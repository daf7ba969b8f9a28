import type { Logger } from '../logger.js'
import type { JobLog, JobLogLine, JobLogStream } from './job-log.js'

/** Options of {@link createJobLogWriter}. */
export interface JobLogWriterOptions {
  /** Where batches are stored (numbered there). */
  log: Pick<JobLog, 'append'>
  /** Told of each batch once it is stored, in order: where the lines are announced. */
  onStored?: (jobId: string, lines: readonly JobLogLine[]) => void
  logger: Logger
  /** How long a line may wait for others to share its transaction. */
  flushMs?: number
  /** Lines that make a batch flush at once. */
  maxBatch?: number
}

/**
 * The one writer of job logs, for operations and deployments alike: lines are gathered into
 * batches (many lines per transaction), stored first and announced after, in order. `flush`
 * waits until everything written so far is stored, which a job does before it announces a change
 * of state, so a reader never sees a state before the lines that led to it.
 */
export function createJobLogWriter({ log, onStored, logger, flushMs = 25, maxBatch = 500 }: JobLogWriterOptions) {
  const pending = new Map<string, { stream: JobLogStream; line: string; at: Date }[]>()
  const timers = new Map<string, NodeJS.Timeout>()
  const inFlight = new Map<string, Promise<void>>()

  function flush(jobId: string): Promise<void> {
    const timer = timers.get(jobId)
    if (timer) clearTimeout(timer)
    timers.delete(jobId)
    const batch = pending.get(jobId) ?? []
    pending.delete(jobId)
    const previous = inFlight.get(jobId) ?? Promise.resolve()
    const next = previous.then(async () => {
      if (batch.length === 0) return
      try {
        onStored?.(jobId, await log.append(jobId, batch))
      } catch (error) {
        logger.error({ job: jobId, lines: batch.length, error: (error as Error).message }, 'could not store job log lines')
      }
    })
    inFlight.set(jobId, next)
    void next.finally(() => {
      if (inFlight.get(jobId) === next) inFlight.delete(jobId)
    })
    return next
  }

  return {
    /** Queues one line (several if it holds newlines); stored within `flushMs`. */
    write(jobId: string, stream: JobLogStream, text: string): void {
      let buffer = pending.get(jobId)
      if (!buffer) pending.set(jobId, (buffer = []))
      const at = new Date()
      if (!text.includes('\n')) {
        // The usual case, a line at a time, without splitting.
        if (text.length === 0) return
        buffer.push({ stream, line: text, at })
      } else {
        const lines = text.split(/\r?\n/)
        if (lines.at(-1) === '') lines.pop()
        for (const line of lines) buffer.push({ stream, line, at })
      }
      if (buffer.length === 0) return
      if (buffer.length >= maxBatch) void flush(jobId)
      else if (!timers.has(jobId)) timers.set(jobId, setTimeout(() => void flush(jobId), flushMs))
    },
    flush,
    async close(): Promise<void> {
      await Promise.all([...new Set([...pending.keys(), ...inFlight.keys()])].map((jobId) => flush(jobId)))
    },
  }
}

export type JobLogWriter = ReturnType<typeof createJobLogWriter>
