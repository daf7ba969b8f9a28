import type { DeploymentEvents } from '../events/deployment-events.js'
import { ConflictError, NotFoundError } from '../errors/index.js'
import type { DeploymentLogWriter } from './deployment-log-writer.js'
import type { DeploymentPatch, DeploymentRecord, DeploymentStatus, DeploymentStore } from './deployment-store.js'
import type { Logger } from '../logger.js'

/** Where a deployment may go from each state. */
const TRANSITIONS: Record<DeploymentStatus, readonly DeploymentStatus[]> = {
  PENDING: ['CREATING', 'FAILED', 'DELETED'],
  CREATING: ['RUNNING', 'FAILED', 'DELETED'],
  RUNNING: ['CREATING', 'STOPPED', 'FAILED', 'DELETED'],
  STOPPED: ['CREATING', 'FAILED', 'DELETED'],
  FAILED: ['CREATING', 'DELETED'],
  DELETED: [],
}

/** States a deployment rests in; subscriptions complete on them. */
export const TERMINAL_STATUSES: ReadonlySet<DeploymentStatus> = new Set(['RUNNING', 'FAILED', 'STOPPED', 'DELETED'])
/**
 * Whether the deployment is at rest: in a terminal state, and not RUNNING with a step (a release
 * being built or rolled back to while the current one serves; RUNNING is otherwise always
 * stored with no step).
 */
export const isTerminal = (deployment: Pick<DeploymentRecord, 'status' | 'step'>): boolean =>
  TERMINAL_STATUSES.has(deployment.status) && !(deployment.status === 'RUNNING' && deployment.step !== null)

/** What each user action needs the deployment to be in. */
const ACTIONS: Record<'restart' | 'delete' | 'cancel', readonly DeploymentStatus[]> = {
  restart: ['RUNNING', 'STOPPED', 'FAILED'],
  delete: ['PENDING', 'CREATING', 'RUNNING', 'STOPPED', 'FAILED'],
  cancel: ['PENDING', 'CREATING'],
}

/**
 * The one place deployment states change. A transition flushes the deployment's log lines, is
 * persisted, and only then announced, so a subscriber never sees a state the database does not
 * hold, nor a terminal state before the last line.
 */
export class DeploymentStateMachine {
  constructor(
    private readonly store: DeploymentStore,
    private readonly events: DeploymentEvents,
    private readonly logs: DeploymentLogWriter,
    private readonly logger?: Logger,
  ) {}

  async require(id: number): Promise<DeploymentRecord> {
    const deployment = await this.store.get(id)
    if (!deployment) throw new NotFoundError(`id: no deployment ${id}`, { field: 'id' })
    return deployment
  }

  /** CONFLICT unless `action` is valid in the deployment's current state. */
  assertCan(deployment: DeploymentRecord, action: keyof typeof ACTIONS): void {
    if (!ACTIONS[action].includes(deployment.status)) {
      throw new ConflictError(`id: cannot ${action} deployment ${deployment.id} while it is ${deployment.status}`, {
        status: deployment.status,
      })
    }
  }

  async transition(
    id: number,
    to: DeploymentStatus,
    patch: Omit<DeploymentPatch, 'status'> = {},
  ): Promise<DeploymentRecord> {
    const current = await this.require(id)
    if (!TRANSITIONS[current.status].includes(to)) {
      throw new ConflictError(`deployment ${id} cannot go from ${current.status} to ${to}`, { status: current.status })
    }
    await this.logs.flush(id)
    const updated = await this.store.update(id, { ...patch, status: to })
    this.logger?.info(
      {
        deployment: id,
        from: current.status,
        status: to,
        step: updated.step,
        ...(updated.error && to === 'FAILED' ? { error: updated.error } : {}),
      },
      `deployment ${id} ${to}`,
    )
    this.events.publishStatus(updated)
    return updated
  }

  /** Changes fields other than the state (flushing the log first), and announces the result. */
  async patch(id: number, patch: Omit<DeploymentPatch, 'status'>): Promise<DeploymentRecord> {
    await this.logs.flush(id)
    const updated = await this.store.update(id, patch)
    this.events.publishStatus(updated)
    return updated
  }

  /**
   * A RUNNING deployment at rest again after work that kept it RUNNING (a release, a rollback):
   * no step, its job ended with the same write.
   */
  async settle(id: number, patch: Omit<DeploymentPatch, 'status' | 'step'> = {}): Promise<DeploymentRecord> {
    await this.logs.flush(id)
    const updated = await this.store.update(id, { ...patch, status: 'RUNNING', step: null })
    this.logger?.info({ deployment: id, status: updated.status }, `deployment ${id} RUNNING`)
    this.events.publishStatus(updated)
    return updated
  }

  /** A finer step within the current state (`provision`, `build`, `health-check`, ...). */
  async step(
    id: number,
    step: string,
    patch: Omit<DeploymentPatch, 'status' | 'step'> = {},
  ): Promise<DeploymentRecord> {
    const updated = await this.store.update(id, { ...patch, step })
    this.logger?.info({ deployment: id, status: updated.status, step }, `deployment ${id} step ${step}`)
    this.events.publishStatus(updated)
    return updated
  }
}
