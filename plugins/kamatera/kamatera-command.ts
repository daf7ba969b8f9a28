import type { CallOptions, TaskHandle, TaskProgress } from 'hangar/provider-kit'
import type { KamateraClient } from './kamatera-client.js'
import { queueSchema } from './upstream-schemas.js'

/** Final statuses of the command queue; anything else means "keep waiting". */
const SUCCEEDED = new Set(['complete'])
const FAILED = new Set(['error', 'cancelled'])

/** Options of {@link createKamateraCommand}. */
export interface KamateraCommandOptions {
  pollIntervalMs: number
  deadline: Date
  /** Called once the command has ended, whatever the outcome (e.g. to drop cached details). */
  onEnd?: () => void
}

/**
 * Follows one command of the queue (`GET /service/queue?id=`) and hands out the lines its `log`
 * gained since the last poll. The queue may not know a fresh command yet (an empty list): that
 * counts as still pending.
 */
export function createKamateraCommand(
  client: KamateraClient,
  commandId: string,
  { pollIntervalMs, deadline, onEnd }: KamateraCommandOptions,
): TaskHandle {
  let linesSeen = 0
  return {
    ref: commandId,
    pollIntervalMs,
    deadline,
    async poll({ signal }: CallOptions): Promise<TaskProgress> {
      const items = await client.request('GET', '/service/queue', {
        query: { id: commandId },
        schema: queueSchema,
        signal,
        read: true,
      })
      const item = items.find((candidate) => candidate.id === commandId)
      if (!item) return { state: 'running', lines: [] }
      const all = (item.log ?? '')
        .split('\n')
        .map((line) => line.trimEnd())
        .filter((line) => line.length > 0)
      const lines = all.slice(linesSeen)
      linesSeen = all.length
      if (SUCCEEDED.has(item.status)) {
        onEnd?.()
        return { state: 'succeeded', lines }
      }
      if (FAILED.has(item.status)) {
        onEnd?.()
        return {
          state: 'failed',
          lines,
          error: `command ${commandId} ended with status ${item.status}${all.length > 0 ? `: ${all.at(-1)}` : ''}`,
        }
      }
      return { state: 'running', lines }
    },
  }
}
