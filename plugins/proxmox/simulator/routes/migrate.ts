import { ApiError, parameterError } from '../api-error.js'
import { bool, required, startGuestTask, str } from '../context.js'
import type { RouteContext } from '../context.js'
import { guestDisks, memoryBytes } from '../guest-config.js'
import { splitList } from '../named-formats.js'
import { nodeAddress } from '../node-network.js'
import { formatDiskSize, parsePropertyString, printPropertyString } from '../property-string.js'
import type { Route } from '../router.js'
import type { SimGuest, SimNode } from '../state.js'
import { checkLock, guestWord, loadGuest, markRunning, markStopped } from './guest-guards.js'

/** `YYYY-MM-DD HH:MM:SS`, the prefix `PVE::AbstractMigrate` gives every log line. */
function stamp(at: number): string {
  const d = new Date(at)
  const pad = (n: number): string => String(n).padStart(2, '0')
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
  )
}

function duration(ms: number): string {
  const secs = Math.max(1, Math.round(ms / 1000))
  const pad = (n: number): string => String(n).padStart(2, '0')
  return `${pad(Math.floor(secs / 3600))}:${pad(Math.floor(secs / 60) % 60)}:${pad(secs % 60)}`
}

/** A `targetstorage` / `target-storage` map (`local-lvm`, `src:dst,src2:dst2`, `1` = identity). */
function storageMap(text: string | undefined): (storage: string) => string {
  if (text === undefined || text === '1') return (s) => s
  let fallback: string | undefined
  const entries = new Map<string, string>()
  for (const part of splitList(text)) {
    const [from = '', to] = part.split(':')
    if (to === undefined) fallback = from
    else entries.set(from, to)
  }
  return (s) => entries.get(s) ?? fallback ?? s
}

/** The target node: another, existing cluster node (checked before the fork, as PVE does). */
function targetNode(ctx: RouteContext, guest: SimGuest): SimNode {
  const name = required(ctx.params, 'target')
  if (name === guest.node) throw parameterError({ target: 'target is local node.' })
  const node = ctx.state.nodes.get(name)
  if (!node) throw new ApiError(500, `no such cluster node '${name}'`)
  return node
}

/** The target storage of every disk must be configured on the target node. */
function checkTargetStorages(ctx: RouteContext, guest: SimGuest, target: SimNode, mapTo: (s: string) => string): void {
  for (const disk of guestDisks(guest.type, guest.config)) {
    const store = disk.volid.split(':')[0] ?? ''
    const source = ctx.state.storages.find((s) => s.node === guest.node && s.storage === store)
    if (!source) continue // an ISO path or volume of a removed storage: left to the scan in the task
    const mapped = disk.cdrom ? store : mapTo(store)
    if (!ctx.state.storages.some((s) => s.node === target.name && s.storage === mapped)) {
      throw new ApiError(500, `storage '${mapped}' is not available on node '${target.name}'`)
    }
  }
}

interface MigrationPlan {
  /** Log lines of the scan and the copy, without time stamps. */
  lines: string[]
  /** Why the migration aborts (inside the task), if it does. */
  abort?: string
  /** New config values of copied disks (`targetstorage` renames the storage). */
  disks: Record<string, string>
}

/** `scan_local_volumes` and the copy of local disks (qemu-server `QemuMigrate`, pve-container `LXC::Migrate`). */
function planVolumes(
  ctx: RouteContext,
  guest: SimGuest,
  online: boolean,
  withLocalDisks: boolean,
  mapTo: (s: string) => string,
): MigrationPlan {
  const lines: string[] = []
  const warnings: string[] = []
  const disks: Record<string, string> = {}
  const copies: Array<{ key: string; volid: string; size: number; newVolid: string }> = []
  for (const disk of guestDisks(guest.type, guest.config)) {
    const [store = '', volname = ''] = disk.volid.split(/:(.*)/s)
    const storage = ctx.state.storages.find((s) => s.node === guest.node && s.storage === store)
    if (storage?.shared) continue
    const generated = /vm-\d+-cloudinit/.test(volname)
    if (guest.type === 'qemu' && disk.cdrom && !generated) {
      warnings.push(`can't migrate local disk '${disk.volid}': local cdrom image`)
      continue
    }
    const base = volname.includes('/') ? volname.split('/')[0] : undefined
    if (base) {
      warnings.push(
        guest.type === 'qemu'
          ? `can't migrate '${disk.volid}' as it's a clone of '${base}'`
          : `can't migrate local volume '${disk.volid}': clone of '${base}'`,
      )
      continue
    }
    if (guest.type === 'qemu' && online && !withLocalDisks && !generated) {
      warnings.push(
        `can't migrate local disk '${disk.volid}': can't live ` +
          `migrate attached local disks without with-local-disks option`,
      )
      continue
    }
    if (guest.type === 'qemu') {
      lines.push(
        generated
          ? `found generated disk '${disk.volid}' (in current VM config)`
          : `found local disk '${disk.volid}' (attached)`,
      )
    } else {
      lines.push(`found local volume '${disk.volid}' (in current VM config)`)
    }
    const newStore = generated ? store : mapTo(store)
    const newVolid = `${newStore}:${volname}`
    copies.push({ key: disk.key, volid: disk.volid, size: disk.size, newVolid })
    const props = parsePropertyString(guest.config[disk.key] ?? '', 'volume')
    props.set('volume', newVolid)
    disks[disk.key] = printPropertyString(props, 'volume')
  }
  if (warnings.length > 0) {
    return {
      lines: [...lines, ...warnings.map((w) => `WARN: ${w}`)],
      abort: `can't migrate ${guestWord(guest.type)} - check log`,
      disks: {},
    }
  }
  if (copies.length > 0 && guest.type === 'qemu') lines.push('copying local disk images')
  for (const copy of copies) {
    const size = copy.size > 0 ? formatDiskSize(copy.size) : '4M'
    const name = copy.newVolid.split(':')[1] ?? ''
    lines.push(
      `  Logical volume "${name}" created.`,
      `transferred 0.0 B of ${size} (0.00%)`,
      `transferred ${size} of ${size} (100.00%)`,
      `successfully imported '${copy.newVolid}'`,
      `volume '${copy.volid}' is '${copy.newVolid}' on the target`,
    )
  }
  return { lines, disks }
}

/** Runs the `qmigrate`/`vzmigrate` task holding `lock: migrate`; the guest moves when it succeeds. */
function runMigration(
  ctx: RouteContext,
  guest: SimGuest,
  target: SimNode,
  opts: {
    prepare: string[]
    plan: MigrationPlan
    middle: string[]
    end: string[]
    refusal?: string | undefined
    /** Runs once the checks before phase 1 passed (a restart migration stops the CT here). */
    prepared?: () => void
    /** Runs when the migration fails after `prepared` ran. */
    undo?: () => void
    after: () => void
  },
): string {
  const started = Date.now()
  const durationMs = ctx.behaviour.taskDurationMs
  const word = guestWord(guest.type)
  const at = (line: string): string => `${stamp(started)} ${line}`
  const lines: string[] = opts.prepare.map(at)
  let abort = opts.refusal
  if (!abort && !target.online) abort = "Can't connect to destination address using public key"
  const taken = !abort
  if (taken) opts.prepared?.()
  if (taken) {
    lines.push(
      at(`starting migration of ${word} ${guest.vmid} to node '${target.name}' (${nodeAddress(target.index)})`),
    )
    lines.push(...opts.plan.lines.map((l) => (l.startsWith('WARN: ') ? `${stamp(started)} ${l.slice(6)}` : at(l))))
    abort = opts.plan.abort
  }
  if (!abort) lines.push(...opts.middle.map(at), ...opts.end.map(at))
  const took = duration(durationMs)
  if (abort) lines.push(`${stamp(started + durationMs)} ERROR: migration aborted (duration ${took}): ${abort}`)
  else lines.push(`${stamp(started + durationMs)} migration finished successfully (duration ${took})`)
  if (taken) guest.config.lock = 'migrate'
  const unlock = (): void => {
    if (taken && guest.config.lock === 'migrate') delete guest.config.lock
  }
  const task = startGuestTask(ctx, guest.vmid, {
    node: guest.node,
    type: guest.type === 'qemu' ? 'qmigrate' : 'vzmigrate',
    id: String(guest.vmid),
    lines,
    ...(abort ? { outcome: { kind: 'error', message: 'migration aborted' } } : {}),
    onSuccess: () => {
      unlock()
      Object.assign(guest.config, opts.plan.disks)
      guest.node = target.name
      opts.after()
    },
    onFailure: () => {
      unlock()
      if (taken) opts.undo?.()
    },
  })
  return task.upid
}

function migrateQemu(ctx: RouteContext): string {
  const guest = loadGuest(ctx, 'qemu')
  const target = targetNode(ctx, guest)
  checkLock(ctx, guest)
  const running = guest.status === 'running'
  const online = bool(ctx.params, 'online') ?? false
  if (running && !online) throw new ApiError(500, "can't migrate running VM without --online")
  const mapTo = storageMap(str(ctx.params, 'targetstorage'))
  checkTargetStorages(ctx, guest, target, mapTo)
  const live = running && online
  const plan = planVolumes(ctx, guest, live, bool(ctx.params, 'with-local-disks') ?? false, mapTo)
  const prepare = !running && online ? ["VM isn't running. Doing offline migration instead."] : []
  const mem = formatDiskSize(memoryBytes(guest.config))
  const middle = live
    ? [
        `starting VM ${guest.vmid} on remote node '${target.name}'`,
        'start remote tunnel',
        `starting online/live migration on unix:/run/qemu-server/${guest.vmid}.migrate`,
        'set migration capabilities',
        `migration active, transferred 0.0 B of ${mem} VM-state`,
        `average migration speed: ${mem}/s - downtime 42 ms`,
        'migration status: completed',
      ]
    : []
  const end = live ? ['stopping NBD storage migration server on target.'] : []
  return runMigration(ctx, guest, target, {
    prepare,
    plan,
    middle,
    end,
    after: () => {
      // A live-migrated VM runs on as a new QEMU process on the target.
      if (live) guest.pid = ctx.state.allocatePid()
    },
  })
}

function migrateLxc(ctx: RouteContext): string {
  const guest = loadGuest(ctx, 'lxc')
  const target = targetNode(ctx, guest)
  const running = guest.status === 'running'
  const online = bool(ctx.params, 'online') ?? false
  const restart = bool(ctx.params, 'restart') ?? false
  if (running && !online && !restart)
    throw new ApiError(500, "can't migrate running container without --online or --restart")
  const mapTo = storageMap(str(ctx.params, 'target-storage'))
  checkTargetStorages(ctx, guest, target, mapTo)
  // pve-container's prepare runs in the task: the lock and a live migration fail there.
  const refusal = guest.config.lock
    ? `CT is locked (${guest.config.lock})`
    : running && online
      ? 'lxc live migration is currently not implemented'
      : undefined
  const plan = planVolumes(ctx, guest, false, true, mapTo)
  const restarting = running && restart
  return runMigration(ctx, guest, target, {
    prepare: restarting && !refusal && target.online ? [`shutdown CT ${guest.vmid}`] : [],
    plan,
    middle: [],
    end: restarting ? ['start final cleanup', 'start container on target node'] : ['start final cleanup'],
    refusal,
    prepared: () => {
      if (restarting) markStopped(ctx, guest)
    },
    // PVE's final cleanup starts the container again on the source node.
    undo: () => {
      if (restarting) markRunning(ctx, guest)
    },
    after: () => {
      if (restarting) markRunning(ctx, guest)
    },
  })
}

/** `POST /nodes/{node}/{qemu|lxc}/{vmid}/migrate`: move a guest to another node (`qmigrate` / `vzmigrate`). */
export const migrateRoutes: Route[] = [
  { endpoint: 'POST /nodes/{node}/qemu/{vmid}/migrate', handler: migrateQemu },
  { endpoint: 'POST /nodes/{node}/lxc/{vmid}/migrate', handler: migrateLxc },
]
