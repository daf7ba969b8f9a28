import type { AuthIdentity } from './auth.js'
import type { SimulatorFaults } from './faults.js'
import type { Params } from './schema-validation.js'
import type { SimulatorState } from './state.js'
import type { SimTask, TaskRunner, TaskSpec } from './tasks.js'

/** Tunables the routes read. */
export interface BehaviourOptions {
  /** Run time of a task, in ms. */
  taskDurationMs: number
  /** Agent polls after a start that answer `QEMU guest agent is not running`. */
  agentWarmupPolls: number
  /** Second octet of the guests' loopback addresses (see `guestAddress`). */
  guestSubnet: number
}

/** What every route handler gets: the world, the task runner, the faults and the request. */
export interface RouteContext {
  state: SimulatorState
  tasks: TaskRunner
  faults: SimulatorFaults
  behaviour: BehaviourOptions
  /** Validated parameters (path parameters included), as strings. */
  params: Params
  identity: AuthIdentity
}

/** A list reply that also carries `total` next to `data` (the task log). */
export class ListWithTotal {
  constructor(
    readonly data: unknown[],
    readonly total: number | undefined,
  ) {}
}

/** A route handler: returns the `data` of the reply (or a {@link ListWithTotal}), or throws an `ApiError`. */
export type RouteHandler = (ctx: RouteContext) => unknown

/** Starts a task for `vmid`, letting a pending fault decide how it ends. */
export function startGuestTask(ctx: RouteContext, vmid: number, spec: Omit<TaskSpec, 'user'>): SimTask {
  const forced = ctx.faults.takeTaskOutcome(vmid)
  return ctx.tasks.start({ ...spec, user: ctx.identity.user, ...(forced ? { outcome: forced } : {}) })
}

/** Reads a string parameter. */
export function str(params: Params, name: string): string | undefined {
  const v = params[name]
  return Array.isArray(v) ? v[0] : v
}

/** Reads an integer parameter (already validated). */
export function int(params: Params, name: string): number | undefined {
  const v = str(params, name)
  return v === undefined ? undefined : Number(v)
}

/** Reads a boolean parameter (already validated as `0|1`). */
export function bool(params: Params, name: string): boolean | undefined {
  const v = str(params, name)
  return v === undefined ? undefined : v === '1'
}

/** Reads a required string parameter (the schema guarantees it is there). */
export function required(params: Params, name: string): string {
  return str(params, name) ?? ''
}
