import type { DeploymentEvents } from '../events/deployment-events.js'
import { deploymentIdOf, deploymentJobId } from '../jobs/job-log.js'
import { createJobLogWriter } from '../jobs/job-log-writer.js'
import type { Logger } from '../logger.js'
import type { DeploymentLogLine, DeploymentStore, LogStream } from './deployment-store.js'

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
 * A deployment's side of the one job log writer: lines go to its job's log in batches, and each
 * stored batch is announced to the deployment's subscribers.
 */
export function createDeploymentLogWriter({
  store,
  events,
  logger,
  flushMs,
  maxBatch,
}: DeploymentLogWriterOptions): DeploymentLogWriter {
  const writer = createJobLogWriter({
    log: { appendMany: (batches) => store.appendLogBatches(batches) },
    onStored: (jobId, lines) => events.publishLogs(deploymentIdOf(jobId), lines as DeploymentLogLine[]),
    logger,
    flushMs,
    maxBatch,
  })
  return {
    /** Queues one line (several if it holds newlines); stored within `flushMs`. */
    write: (id: number, stream: LogStream, text: string) => writer.write(deploymentJobId(id), stream, text),
    /** Resolves once every line written so far, of this deployment and every other, is stored and announced. */
    flush: (_id: number) => writer.flush(),
    close: () => writer.close(),
  }
}

/** The deployment engine's log lines, stored in batches and announced to `deploymentLogs` subscribers. */
export interface DeploymentLogWriter {
  /** Queues one line (several if it holds newlines); stored within `flushMs`. */
  write(id: number, stream: LogStream, text: string): void
  /**
   * Resolves once every line written so far, of this deployment and every other, is stored and announced.
   */
  flush(_id: number): Promise<void>
  /** Stores what is queued and stops the timer. */
  close(): Promise<void>
}
