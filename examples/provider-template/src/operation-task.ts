import type { TaskHandle, TaskProgress, UpstreamClient } from 'hangar/provider-kit'
import { call } from './acme-client.js'
import type { AcmeOptions } from './options.js'

/** An operation as `GET /v1/operations/{id}` reports it. */
interface AcmeOperation {
  id: string
  status: 'running' | 'succeeded' | 'failed'
  log: string[]
  error?: string
}

/**
 * The handle of one Acme operation: the gateway polls it until it is no longer running. Its `ref`
 * is the operation id, all the plugin needs to follow it again after a gateway restart (a resumed
 * handle reports the operation's log from its start).
 */
export function operationTask(client: UpstreamClient, instance: string, id: string, options: AcmeOptions): TaskHandle {
  let linesSeen = 0
  return {
    ref: id,
    pollIntervalMs: options.pollIntervalMs,
    deadline: new Date(Date.now() + options.operationTimeoutMs),
    async poll({ signal }): Promise<TaskProgress> {
      const { operation } = await call<{ operation: AcmeOperation }>(client, instance, {
        method: 'GET',
        path: `/operations/${encodeURIComponent(id)}`,
        signal,
      })
      const lines = operation.log.slice(linesSeen)
      linesSeen = operation.log.length
      return { state: operation.status, lines, ...(operation.error ? { error: operation.error } : {}) }
    },
  }
}
