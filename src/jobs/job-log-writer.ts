import type { Logger } from '../logger.js'
import type { JobLog, JobLogLine, JobLogStream } from './job-log.js'

/** Options of {@link createJobLogWriter}. */
export interface JobLogWriterOptions {
  /** Where batches are stored (numbered there), every job's in one transaction. */
  log: Pick<JobLog, 'appendMany'>
  /** Told of each batch once it is stored, in order: where the lines are announced. */
  onStored?: (jobId: string, lines: readonly JobLogLine[]) => void
  logger: Logger
  /** How long a line may wait for others to share its transaction. */
  flushMs?: number
  /** Lines (of all jobs) that make the pending ones flush at once. */
  maxBatch?: number
}

/**
 * The one writer of job logs: lines are gathered, every job's together, and stored in one
 * transaction a tick (group commit: one disk sync however many deployments are writing), stored
 * first and announced after, in order. `flush` waits until everything written so far is stored,
 * which a job does before it announces a change of state, so a reader never sees a state before
 * the lines that led to it.
 */
export function createJobLogWriter({
  log,
  onStored,
  logger,
  flushMs = 25,
  maxBatch = 500,
}: JobLogWriterOptions): JobLogWriter {
  let pending = new Map<string, { stream: JobLogStream; line: string; at: Date }[]>()
  let pendingLines = 0
  let timer: NodeJS.Timeout | undefined
  // Each flush is stored after the one before it: lines keep their order within a job.
  let inFlight: Promise<void> = Promise.resolve()

  function flushAll(): Promise<void> {
    clearTimeout(timer)
    timer = undefined
    const batches = [...pending].map(([jobId, lines]) => ({ jobId, lines }))
    pending = new Map()
    pendingLines = 0
    inFlight = inFlight.then(async () => {
      if (batches.length === 0) return
      try {
        const stored = await log.appendMany(batches)
        for (const [index, lines] of stored.entries()) {
          const { jobId, lines: given } = batches[index]!
          // Each job's subscribers are sent their lines in a turn of the event loop of their own:
          // fifty deployments' lines stored together are not fifty fan-outs in one go, which
          // would hold up every request that came meanwhile.
          if (stored.length > 1) await new Promise((resolve) => setImmediate(resolve))
          if (!lines) {
            logger.error({ job: jobId, lines: given.length }, 'could not store job log lines: no such job')
            continue
          }
          try {
            onStored?.(jobId, lines)
          } catch (error) {
            // Stored all the same: readers find them in the store. The other jobs are still announced.
            logger.error(
              { job: jobId, lines: lines.length, error: (error as Error).message },
              'could not announce stored job log lines',
            )
          }
        }
      } catch (error) {
        logger.error(
          {
            jobs: batches.length,
            lines: batches.reduce((sum, batch) => sum + batch.lines.length, 0),
            error: (error as Error).message,
          },
          'could not store job log lines',
        )
      }
    })
    return inFlight
  }

  return {
    /** Queues one line (several if it holds newlines); stored within `flushMs`. */
    write(jobId: string, stream: JobLogStream, text: string): void {
      let buffer = pending.get(jobId)
      if (!buffer) pending.set(jobId, (buffer = []))
      const at = new Date()
      const before = buffer.length
      if (!text.includes('\n')) {
        // The usual case, a line at a time, without splitting.
        if (text.length > 0) buffer.push({ stream, line: text, at })
      } else {
        const lines = text.split(/\r?\n/)
        if (lines.at(-1) === '') lines.pop()
        for (const line of lines) buffer.push({ stream, line, at })
      }
      pendingLines += buffer.length - before
      if (pendingLines === 0) return
      if (pendingLines >= maxBatch) void flushAll()
      else timer ??= setTimeout(() => void flushAll(), flushMs)
    },
    /** Resolves once every line written so far (to any job) is stored and announced. */
    flush: (): Promise<void> => flushAll(),
    async close(): Promise<void> {
      await flushAll()
    },
  }
}

/** Batches log lines of running jobs into the database, then announces them to subscribers. */
export interface JobLogWriter {
  /** Queues one line (several if it holds newlines); stored within `flushMs`. */
  write(jobId: string, stream: JobLogStream, text: string): void
  /** Resolves once every line written so far (to any job) is stored and announced. */
  flush(): Promise<void>
  /** Stores what is queued and stops the timer. */
  close(): Promise<void>
}
