import { ApiError } from '../api-error.js'
import { bool, required, startGuestTask } from '../context.js'
import type { RouteContext } from '../context.js'
import { configDigest, guestDisks } from '../guest-config.js'
import type { Route } from '../router.js'
import type { GuestType, SimGuest, SimSnapshot } from '../state.js'
import type { TaskOutcome } from '../tasks.js'
import { guestWord, loadGuest, markRunning, markStopped } from './guest-guards.js'

/** Task types as `fork_worker` names them. */
const TASK_TYPES = {
  qemu: { create: 'qmsnapshot', rollback: 'qmrollback', delete: 'qmdelsnapshot' },
  lxc: { create: 'vzsnapshot', rollback: 'vzrollback', delete: 'vzdelsnapshot' },
} as const

/** Config keys that belong to the snapshot bookkeeping, not to what a snapshot captures. */
const NOT_CAPTURED = new Set(['lock', 'parent', 'digest'])

function snapshotsOf(guest: SimGuest): Map<string, SimSnapshot> {
  guest.snapshots ??= new Map()
  return guest.snapshots
}

function captured(guest: SimGuest): SimGuest['config'] {
  return Object.fromEntries(Object.entries(guest.config).filter(([key]) => !NOT_CAPTURED.has(key)))
}

/** The volume names of the guest's real disks (`vm-100-disk-0`), for task log lines. */
function volumes(guest: SimGuest): { key: string; volid: string; name: string }[] {
  return guestDisks(guest.type, guest.config)
    .filter((disk) => !disk.cdrom)
    .map((disk) => ({ key: disk.key, volid: disk.volid, name: disk.volid.split(':')[1]?.split('/').pop() ?? '' }))
}

/** PVE's `check_lock` as the snapshot workers run it: the refusal, if the guest is locked. */
function lockRefusal(guest: SimGuest): string | undefined {
  return guest.config.lock ? `${guestWord(guest.type)} is locked (${guest.config.lock})` : undefined
}

/**
 * Runs a snapshot task holding `lock` on the guest. PVE checks the lock and the snapshot itself
 * (name used, unknown name) inside the worker, so those refusals end the task with `TASK ERROR`,
 * not an HTTP 500; `refusal` is the first of them that applies.
 */
function lockedTask(
  ctx: RouteContext,
  guest: SimGuest,
  lock: string,
  spec: { type: string; lines: string[]; refusal?: string | undefined; onSuccess?: () => void; onFailure?: () => void },
): string {
  const outcome: TaskOutcome | undefined = spec.refusal ? { kind: 'error', message: spec.refusal } : undefined
  const taken = !spec.refusal
  if (taken) guest.config.lock = lock
  // A refused task never held the lock, so it must not clear one another task holds.
  const unlock = (): void => {
    if (taken && guest.config.lock === lock) delete guest.config.lock
  }
  const task = startGuestTask(ctx, guest.vmid, {
    node: guest.node,
    type: spec.type,
    id: String(guest.vmid),
    lines: spec.refusal ? [] : spec.lines,
    ...(outcome ? { outcome, durationMs: 0 } : {}),
    onSuccess: () => {
      unlock()
      spec.onSuccess?.()
    },
    onFailure: () => {
      unlock()
      spec.onFailure?.()
    },
  })
  return task.upid
}

/** `GET .../snapshot`: the snapshots, then the `current` pseudo-entry ("You are here!"). */
function list(ctx: RouteContext, type: GuestType): unknown[] {
  const guest = loadGuest(ctx, type)
  const items: Record<string, unknown>[] = [...snapshotsOf(guest).values()]
    .sort((a, b) => a.snaptime - b.snaptime)
    .map((snap) => ({
      name: snap.name,
      snaptime: snap.snaptime,
      description: snap.description,
      ...(type === 'qemu' ? { vmstate: snap.vmstate ? 1 : 0 } : {}),
      ...(snap.parent ? { parent: snap.parent } : {}),
      ...(snap.snapstate ? { snapstate: snap.snapstate } : {}),
    }))
  const current: Record<string, unknown> = {
    name: 'current',
    digest: configDigest(guest.config),
    running: guest.status === 'running' ? 1 : 0,
    description: 'You are here!',
  }
  if (guest.config.parent) current.parent = guest.config.parent
  return [...items, current]
}

/** `POST .../snapshot`: the snapshot appears at once in `prepare` state, and is committed when the task ends. */
function create(ctx: RouteContext, type: GuestType): string {
  const guest = loadGuest(ctx, type)
  const name = required(ctx.params, 'snapname')
  if (name === 'current') throw new ApiError(500, "unable to use snapshot name 'current' (reserved name)")
  if (name.toLowerCase() === 'pending') throw new ApiError(500, "unable to use snapshot name 'pending' (reserved name)")
  const snapshots = snapshotsOf(guest)
  const refusal =
    guest.config.template === '1'
      ? "you can't take a snapshot if it's a template"
      : (lockRefusal(guest) ?? (snapshots.has(name) ? `snapshot name '${name}' already used` : undefined))
  if (refusal) return lockedTask(ctx, guest, 'snapshot', { type: TASK_TYPES[type].create, lines: [], refusal })
  // PVE saves RAM only for a running VM; `vmstate=1` on a stopped one is ignored.
  const vmstate = type === 'qemu' && guest.status === 'running' && (bool(ctx.params, 'vmstate') ?? false)
  const disks = volumes(guest)
  const lines = [
    ...(vmstate
      ? ["saving VM state and RAM using storage 'local-lvm'", 'completed saving the VM state in 1s, saved 412.50 MiB']
      : []),
    ...disks.flatMap((disk) => [
      ...(type === 'qemu' ? [`snapshotting 'drive-${disk.key}' (${disk.volid})`] : []),
      `  Logical volume "snap_${disk.name}_${name}" created.`,
    ]),
  ]
  const snap: SimSnapshot = {
    name,
    description: ctx.params.description === undefined ? '' : required(ctx.params, 'description'),
    snaptime: Math.floor(Date.now() / 1000),
    ...(guest.config.parent ? { parent: guest.config.parent } : {}),
    vmstate,
    snapstate: 'prepare',
    config: captured(guest),
  }
  const upid = lockedTask(ctx, guest, 'snapshot', {
    type: TASK_TYPES[type].create,
    lines,
    onSuccess: () => {
      delete snap.snapstate
      guest.config.parent = name
    },
    onFailure: () => {
      if (snapshots.get(name) === snap) snapshots.delete(name)
    },
  })
  snapshots.set(name, snap)
  return upid
}

/** `POST .../snapshot/{snapname}/rollback`: stops the guest, restores the config, resumes from RAM state if saved. */
function rollback(ctx: RouteContext, type: GuestType): string {
  const guest = loadGuest(ctx, type)
  const name = required(ctx.params, 'snapname')
  const snap = snapshotsOf(guest).get(name)
  const refusal = snap ? lockRefusal(guest) : `snapshot '${name}' does not exist`
  if (!snap || refusal)
    return lockedTask(ctx, guest, 'rollback', { type: TASK_TYPES[type].rollback, lines: [], refusal })
  const start = bool(ctx.params, 'start') ?? false
  const lines = volumes(guest).map((disk) => `  Logical volume "${disk.name}" successfully removed.`)
  if (snap.vmstate) lines.push('resuming VM from saved state')
  return lockedTask(ctx, guest, 'rollback', {
    type: TASK_TYPES[type].rollback,
    lines: guest.status === 'running' ? [`stopping ${type === 'qemu' ? 'VM' : 'CT'} ${guest.vmid}`, ...lines] : lines,
    onSuccess: () => {
      markStopped(ctx, guest)
      guest.config = { ...snap.config, parent: name }
      if (snap.vmstate || start) markRunning(ctx, guest)
    },
  })
}

/** `DELETE .../snapshot/{snapname}`: removes it and hands its children to its own parent. */
function remove(ctx: RouteContext, type: GuestType): string {
  const guest = loadGuest(ctx, type)
  const name = required(ctx.params, 'snapname')
  const snapshots = snapshotsOf(guest)
  const snap = snapshots.get(name)
  const refusal = snap ? lockRefusal(guest) : `snapshot '${name}' does not exist`
  if (!snap || refusal)
    return lockedTask(ctx, guest, 'snapshot-delete', { type: TASK_TYPES[type].delete, lines: [], refusal })
  const lines = volumes(guest).map((disk) => `  Logical volume "snap_${disk.name}_${name}" successfully removed.`)
  const upid = lockedTask(ctx, guest, 'snapshot-delete', {
    type: TASK_TYPES[type].delete,
    lines,
    onSuccess: () => {
      snapshots.delete(name)
      for (const other of snapshots.values()) {
        if (other.parent !== name) continue
        if (snap.parent) other.parent = snap.parent
        else delete other.parent
      }
      if (guest.config.parent === name) {
        if (snap.parent) guest.config.parent = snap.parent
        else delete guest.config.parent
      }
    },
    onFailure: () => {
      delete snap.snapstate
    },
  })
  snap.snapstate = 'delete'
  return upid
}

function routesFor(type: GuestType): Route[] {
  return [
    { endpoint: `GET /nodes/{node}/${type}/{vmid}/snapshot`, handler: (ctx) => list(ctx, type) },
    { endpoint: `POST /nodes/{node}/${type}/{vmid}/snapshot`, handler: (ctx) => create(ctx, type) },
    {
      endpoint: `POST /nodes/{node}/${type}/{vmid}/snapshot/{snapname}/rollback`,
      handler: (ctx) => rollback(ctx, type),
    },
    { endpoint: `DELETE /nodes/{node}/${type}/{vmid}/snapshot/{snapname}`, handler: (ctx) => remove(ctx, type) },
  ] as Route[]
}

/**
 * `GET|POST /nodes/{node}/{qemu|lxc}/{vmid}/snapshot`, `.../snapshot/{snapname}/rollback`, `DELETE
 * .../snapshot/{snapname}`.
 */
export const snapshotRoutes: Route[] = [...routesFor('qemu'), ...routesFor('lxc')]
