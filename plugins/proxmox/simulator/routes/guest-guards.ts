import { ApiError } from '../api-error.js'
import { bool, int, required } from '../context.js'
import type { RouteContext } from '../context.js'
import type { GuestType, SimGuest } from '../state.js'

/** `VM` or `CT`, as PVE words its messages. */
export function guestWord(type: GuestType): 'VM' | 'CT' {
  return type === 'qemu' ? 'VM' : 'CT'
}

/** The guest named by `{node}` and `{vmid}`, or PVE's "Configuration file ... does not exist". */
export function loadGuest(ctx: RouteContext, type: GuestType): SimGuest {
  return ctx.state.requireGuest(required(ctx.params, 'node'), type, int(ctx.params, 'vmid') ?? 0)
}

/** PVE's `check_lock`: 500 `VM is locked (clone)` unless `skiplock=1`. */
export function checkLock(ctx: RouteContext, guest: SimGuest): void {
  if (bool(ctx.params, 'skiplock')) return
  const lock = guest.config.lock
  if (lock) throw new ApiError(500, `${guestWord(guest.type)} is locked (${lock})`)
}

/** The guest for a write: it must exist on the node and not be locked. */
export function loadUnlockedGuest(ctx: RouteContext, type: GuestType): SimGuest {
  const guest = loadGuest(ctx, type)
  checkLock(ctx, guest)
  return guest
}

/** `check_vmid_unused`: 500 `VM 123 already exists on node 'pve1'` when the id is taken. */
export function checkVmidUnused(ctx: RouteContext, vmid: number): void {
  const existing = ctx.state.guests.get(vmid)
  if (existing) throw new ApiError(500, `${guestWord(existing.type)} ${vmid} already exists on node '${existing.node}'`)
}

/** Puts a guest into the running state (start, reboot, create with `start=1`). */
export function markRunning(ctx: RouteContext, guest: SimGuest): void {
  guest.status = 'running'
  guest.qmpstatus = 'running'
  guest.startedAt = Date.now()
  guest.pid = ctx.state.allocatePid()
  guest.agentPolls = 0
  ctx.state.lifecycle.started(guest)
}

/** Puts a guest into the stopped state. */
export function markStopped(ctx: RouteContext, guest: SimGuest): void {
  const wasRunning = guest.status === 'running'
  guest.status = 'stopped'
  guest.qmpstatus = 'stopped'
  delete guest.startedAt
  delete guest.pid
  guest.agentPolls = 0
  guest.execs.clear()
  if (wasRunning) ctx.state.lifecycle.stopped(guest)
}
