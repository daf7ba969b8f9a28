import { setTimeout as sleep } from 'node:timers/promises'
import type { TaskHandle, TaskProgress } from '../providers/contract.js'

/** How a followed task ended. */
export interface TaskOutcome {
  state: 'succeeded' | 'failed'
  error?: string
}

/** Options of {@link followTask}. */
export interface FollowTaskOptions {
  /** Stops following (the task itself goes on upstream); the promise rejects with the reason. */
  signal: AbortSignal
  /** Called after every poll, in order, before the next one starts. */
  onProgress: (progress: TaskProgress) => Promise<void> | void
  /** Polls that may fail in a row (after the client's own retries) before the task counts as lost. */
  maxFailedPolls?: number
}

/**
 * Polls a task handle until it ends, its deadline passes or `signal` aborts. The provider only
 * answers polls; the waiting, the deadline and the giving up live here, the same for every plugin.
 */
export async function followTask(
  handle: TaskHandle,
  { signal, onProgress, maxFailedPolls = 3 }: FollowTaskOptions,
): Promise<TaskOutcome> {
  let failedPolls = 0
  for (;;) {
    signal.throwIfAborted()
    if (Date.now() > handle.deadline.getTime()) {
      return {
        state: 'failed',
        error:
          `gave up following the task at its deadline (${handle.deadline.toISOString()}); ` +
          'it may still be running upstream',
      }
    }
    let progress: TaskProgress
    try {
      progress = await handle.poll({ signal })
      failedPolls = 0
    } catch (error) {
      if (signal.aborted) throw signal.reason
      failedPolls += 1
      if (failedPolls >= maxFailedPolls) {
        return { state: 'failed', error: `lost track of the task: ${(error as Error).message}` }
      }
      await sleep(handle.pollIntervalMs, undefined, { signal })
      continue
    }
    await onProgress(progress)
    if (progress.state !== 'running') return { state: progress.state, error: progress.error }
    await sleep(handle.pollIntervalMs, undefined, { signal })
  }
}
