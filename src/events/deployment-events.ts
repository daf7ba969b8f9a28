import { EventEmitter } from 'node:events'
import type { DeploymentLogLine, DeploymentRecord } from '../deployments/deployment-store.js'
import { channel } from './channel.js'

/**
 * In-process pub/sub of deployments: each state change, and each batch of stored log lines. Like
 * operation events, a subscription buffers from the moment it is made, so nothing published
 * between subscribing and reading the stored state is lost.
 */
export interface DeploymentEvents {
  publishStatus(deployment: DeploymentRecord): void
  publishLogs(id: number, lines: readonly DeploymentLogLine[]): void
  statuses(id: number, signal: AbortSignal): AsyncIterable<DeploymentRecord>
  logs(id: number, signal: AbortSignal): AsyncIterable<readonly DeploymentLogLine[]>
}

export function createDeploymentEvents(): DeploymentEvents {
  const emitter = new EventEmitter()
  emitter.setMaxListeners(0)
  return {
    publishStatus: (deployment) => void emitter.emit(`status:${deployment.id}`, deployment),
    publishLogs: (id, lines) => void emitter.emit(`logs:${id}`, lines),
    statuses: (id, signal) => channel<DeploymentRecord>(emitter, `status:${id}`, signal),
    logs: (id, signal) => channel<readonly DeploymentLogLine[]>(emitter, `logs:${id}`, signal),
  }
}
