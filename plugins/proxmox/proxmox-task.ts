import type { CallOptions, TaskHandle, TaskProgress } from 'hangar/provider-kit'
import type { z } from 'zod'
import type { ProxmoxClient } from './proxmox-client.js'
import { ProxmoxApiError } from './proxmox-api-error.js'
import { taskLogSchema, taskStatusSchema } from './upstream-schemas.js'

/** The fields of a UPID (`UPID:node:pid:pstart:starttime:type:id:user:`). */
export interface Upid {
  node: string
  type: string
  id: string
  user: string
  startedAt: Date
}

export function parseUpid(upid: string): Upid {
  const fields = upid.split(':')
  if (fields.length !== 9 || fields[0] !== 'UPID' || fields[8] !== '') throw new Error(`not a UPID: ${upid}`)
  return {
    node: fields[1]!,
    type: fields[5]!,
    id: fields[6]!,
    user: fields[7]!,
    startedAt: new Date(Number.parseInt(fields[4]!, 16) * 1000),
  }
}

/** `WARNINGS: n` means the task succeeded with warnings (pve-common `status_is_error`). */
export function isSuccessfulExit(exitstatus: string): boolean {
  return exitstatus === 'OK' || exitstatus.startsWith('WARNINGS')
}

const LOG_PAGE = 500

/** What a finished task leads to next, e.g. the delete after the stop of a running guest. */
export type NextStep = () => Promise<{ upid: string; followedBy?: NextStep; announce?: string; refSuffix?: string }>

/** Options of {@link createProxmoxTask}. */
export interface ProxmoxTaskOptions {
  pollIntervalMs: number
  deadline: Date
  /** Started once this task ends well; its task is followed by the same handle. */
  then?: NextStep
  /** Appended to the ref so that a resumed handle can start `then` itself. */
  refSuffix?: string
}

/**
 * Follows one Proxmox task (and the tasks chained after it): polls `tasks/{upid}/status` on the
 * node that owns it and reads the log incrementally with `start = last n seen`.
 */
export function createProxmoxTask(client: ProxmoxClient, upid: string, options: ProxmoxTaskOptions): TaskHandle {
  let current = upid
  let node = parseUpid(upid).node
  let lastLine = 0
  let next = options.then
  let suffix = options.refSuffix ?? ''

  async function readNewLines(signal?: AbortSignal): Promise<string[]> {
    const lines: string[] = []
    for (;;) {
      const page = await client.request('GET', `/nodes/${node}/tasks/${encodeURIComponent(current)}/log`, {
        params: { start: lastLine, limit: LOG_PAGE },
        schema: taskLogSchema,
        signal,
      })
      // An empty log reads as one "no content" line, a UI workaround that is not a log line.
      const real = page.filter(
        (entry) => !(entry.n === 1 && entry.t === 'no content' && lastLine === 0 && page.length === 1),
      )
      for (const entry of real) {
        if (entry.n > lastLine) {
          lines.push(entry.t)
          lastLine = entry.n
        }
      }
      if (page.length < LOG_PAGE) return lines
    }
  }

  return {
    get ref() {
      return current + suffix
    },
    pollIntervalMs: options.pollIntervalMs,
    deadline: options.deadline,
    async poll({ signal }: CallOptions): Promise<TaskProgress> {
      let status: z.infer<typeof taskStatusSchema>
      try {
        status = await client.request('GET', `/nodes/${node}/tasks/${encodeURIComponent(current)}/status`, {
          schema: taskStatusSchema,
          signal,
        })
      } catch (error) {
        // Just after a start (above all on a proxied node) the task may not be visible yet.
        if (error instanceof ProxmoxApiError && error.status === 400) return { state: 'running', lines: [] }
        throw error
      }
      const lines = await readNewLines(signal)
      if (status.status === 'running') return { state: 'running', lines }
      const exit = status.exitstatus ?? 'unexpected status'
      if (!isSuccessfulExit(exit)) return { state: 'failed', lines, error: exit }
      if (!next) return { state: 'succeeded', lines }
      const step = await next()
      if (step.announce) lines.push(step.announce)
      current = step.upid
      node = parseUpid(step.upid).node
      lastLine = 0
      next = step.followedBy
      suffix = step.refSuffix ?? ''
      return { state: 'running', lines, ref: current + suffix }
    },
  }
}
