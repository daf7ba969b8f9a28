import type { AuthIdentity } from './auth.js'
import type { SimulatorFaults } from './faults.js'
import type { Params } from './schema-validation.js'
import type { SimGuest, SimulatorState } from './state.js'
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

/** What a create or clone decides about the guest it makes; the rest starts as for any stopped guest. */
type NewGuest = Pick<SimGuest, 'vmid' | 'node' | 'type' | 'config'> & Partial<SimGuest>

/**
 * Puts a guest being made (a create or a clone, its config locked) into the world and starts the
 * task that makes it, as `task` describes it for that guest. When the task fails, the half-made
 * guest is removed again (after the task's own `onFailure`), as PVE does. A pending fault on the
 * new vmid decides how the task ends, as for any {@link startGuestTask}. Answers the task's UPID.
 */
export function startMakingGuest(
  ctx: RouteContext,
  fields: NewGuest,
  task: (guest: SimGuest) => Omit<TaskSpec, 'user'>,
): string {
  const guest: SimGuest = { status: 'stopped', qmpstatus: 'stopped', agentPolls: 0, execs: new Map(), ...fields }
  ctx.state.guests.set(guest.vmid, guest)
  const spec = task(guest)
  return startGuestTask(ctx, guest.vmid, {
    ...spec,
    onFailure: (message) => {
      spec.onFailure?.(message)
      ctx.state.removeGuest(guest)
    },
  }).upid
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
