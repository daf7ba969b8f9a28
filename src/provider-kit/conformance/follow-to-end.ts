import { followTask } from '../../operations/follow-task.js'
import type { TaskHandle, TaskProgress } from '../../providers/contract.js'

/**
 * Follows a provider's handle to its end the way the core does, keeping every poll; with the
 * outcome come what the polls said: their log lines, the refs they moved to, the server the task
 * made and how to reach the guest it provisioned (each as the first poll that named it).
 */
export async function followToEnd(handle: TaskHandle) {
  const polls: TaskProgress[] = []
  const outcome = await followTask(handle, {
    signal: AbortSignal.timeout(25_000),
    onProgress: (progress) => void polls.push(progress),
  })
  return {
    ...outcome,
    polls,
    lines: polls.flatMap((progress) => progress.lines),
    last: polls.at(-1)!,
    refs: polls.flatMap((progress) => (progress.ref ? [progress.ref] : [])),
    serverNativeId: polls.find((progress) => progress.serverNativeId)?.serverNativeId,
    guest: polls.find((progress) => progress.guest)?.guest,
  }
}
