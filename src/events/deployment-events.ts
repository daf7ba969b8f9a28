import type { DeploymentLogLine, DeploymentRecord } from '../deployments/deployment-store.js'
import { createLocalEventBus, type EventBus, type Resync } from './event-bus.js'

/**
 * Pub/sub of deployments (between gateways with `REDIS_URL`): each state change, and each batch of stored log lines.
 * Like operation events, a subscription buffers from the moment it is made, so nothing published
 * between subscribing and reading the stored state is lost.
 */
export interface DeploymentEvents {
  publishStatus(deployment: DeploymentRecord): void
  publishLogs(id: number, lines: readonly DeploymentLogLine[]): void
  statuses(id: number, signal: AbortSignal): AsyncIterable<DeploymentRecord | Resync>
  logs(id: number, signal: AbortSignal): AsyncIterable<readonly DeploymentLogLine[] | Resync>
}

/** Deployment changes and log batches on `bus` (the in-process one by default). */
export function createDeploymentEvents(bus: EventBus = createLocalEventBus()): DeploymentEvents {
  return {
    publishStatus: (deployment) => bus.publish(`deployment:status:${deployment.id}`, deployment),
    publishLogs: (id, lines) => bus.publish(`deployment:logs:${id}`, lines),
    statuses: (id, signal) => bus.subscribe<DeploymentRecord>(`deployment:status:${id}`, signal),
    logs: (id, signal) => bus.subscribe<readonly DeploymentLogLine[]>(`deployment:logs:${id}`, signal),
  }
}
