import { ApiError } from '../api-error.js'
import { bool, int, startMakingGuest, str } from '../context.js'
import type { RouteContext } from '../context.js'
import { generateMac, guestDisks, renameDiskForVmid } from '../guest-config.js'
import type { GuestConfig } from '../guest-config.js'
import { parsePropertyString, printPropertyString } from '../property-string.js'
import type { Route } from '../router.js'
import type { SimGuest, SimNode } from '../state.js'
import { checkLock, checkVmidUnused, loadGuest } from './guest-guards.js'

/** Config keys a clone does not take over (snapshot bookkeeping, template flag, lock). */
const NOT_COPIED = new Set(['lock', 'template', 'parent', 'snaptime', 'snapstate'])

/** The target node, when it is another one (`target` naming the source node means "here"). */
function targetNode(ctx: RouteContext, source: SimGuest): SimNode | undefined {
  const name = str(ctx.params, 'target')
  if (name === undefined || name === source.node || name === 'localhost') return undefined
  const node = ctx.state.nodes.get(name)
  if (!node) throw new ApiError(500, `no such cluster node '${name}'`)
  if (!node.online) throw new ApiError(500, `target node '${name}' is not online`)
  return node
}

interface ClonePlan {
  config: GuestConfig
  lines: string[]
}

/**
 * pve-container's `clone_vm` checks, in its order: the new CT's config from the source's (or the
 * snapshot's), new disks named for `newid`, new MACs. Every refusal here is a 500 before the fork.
 */
function planClone(ctx: RouteContext, source: SimGuest, newid: number, target: SimNode | undefined): ClonePlan {
  const storage = str(ctx.params, 'storage')
  const snapname = str(ctx.params, 'snapname')
  const running = source.status === 'running'
  const full = bool(ctx.params, 'full') ?? source.config.template !== '1'
  if (storage !== undefined && !full) throw new ApiError(500, "parameter 'storage' not allowed for linked clones")
  const snapshot = snapname !== undefined ? source.snapshots?.get(snapname) : undefined
  if (snapname !== undefined && !snapshot) throw new ApiError(500, `snapshot '${snapname}' does not exist`)
  const from = snapshot?.config ?? source.config
  const disks = new Map(guestDisks('lxc', from).map((d) => [d.key, d]))
  const config: GuestConfig = {}
  const copies: string[] = []
  let shared = true
  for (const [key, value] of Object.entries(from)) {
    if (NOT_COPIED.has(key) || /^unused\d+$/.test(key)) continue
    const disk = disks.get(key)
    if (disk) {
      const [store = '', volname = ''] = disk.volid.split(/:(.*)/s)
      const sid = storage ?? store
      const scfg = ctx.state.requireStorage(source.node, sid)
      if (!scfg.shared) shared = false
      if (full) {
        if (running && snapname === undefined) {
          throw new ApiError(500, 'Full clone of a running container is only possible from a snapshot')
        }
        config[key] = renameDiskForVmid(value, newid, storage)
        const newVolid = parsePropertyString(config[key] ?? '', 'volume').get('volume') ?? ''
        copies.push(
          `create full clone of mountpoint ${key} (${disk.volid})`,
          `  Logical volume "${newVolid.split(':')[1] ?? ''}" created.`,
        )
        copies.push(
          'Creating filesystem with 1048576 4k blocks and 262144 inodes',
          `Number of files: 24,181 (reg: 18,937, dir: 2,146, link: 3,066, special: 32)`,
        )
      } else {
        // Only a template's base volume can be the parent of a linked clone.
        if (!/^base-\d+-/.test(volname))
          throw new ApiError(500, `Linked clone feature for '${disk.volid}' is not available`)
        const own = `vm-${newid}-disk-${/-disk-(\d+)$/.exec(volname)?.[1] ?? '0'}`
        const props = parsePropertyString(value, 'volume')
        props.set('volume', `${store}:${volname}/${own}`)
        config[key] = printPropertyString(props, 'volume')
        copies.push(`create linked clone of mount point ${key} (${disk.volid})`, `  Logical volume "${own}" created.`)
      }
    } else if (/^net\d+$/.test(key)) {
      // "always change MAC! address"
      const props = parsePropertyString(value, 'name')
      props.set('hwaddr', generateMac(`ct-clone-${newid}-${key}-${Date.now()}`))
      config[key] = printPropertyString(props, '_')
    } else {
      config[key] = value
    }
  }
  if (target && !shared) throw new ApiError(500, `can't clone CT to node '${target.name}' (CT uses local storage)`)
  const hostname = str(ctx.params, 'hostname')
  if (hostname) config.hostname = hostname
  const description = str(ctx.params, 'description')
  if (description) config.description = description
  config.lock = 'create'
  return { config, lines: [`creating a clone of container ${source.vmid} with ID ${newid}`, ...copies] }
}

/**
 * `POST /nodes/{node}/lxc/{vmid}/clone`: the new CT exists at once with `lock: create` (the source
 * holds `lock: disk`) until the `vzclone` task ends; a failed clone is removed again, and a clone
 * for another node moves there when the task succeeds.
 */
export const lxcCloneRoutes: Route[] = [
  {
    endpoint: 'POST /nodes/{node}/lxc/{vmid}/clone',
    handler: (ctx) => {
      const source = loadGuest(ctx, 'lxc')
      const newid = int(ctx.params, 'newid') ?? 0
      const target = targetNode(ctx, source)
      const storage = str(ctx.params, 'storage')
      if (storage !== undefined) {
        ctx.state.requireStorage(source.node, storage)
        if (target) {
          const onTarget = ctx.state.storages.find((s) => s.node === target.name && s.storage === storage)
          if (!onTarget) throw new ApiError(500, `storage '${storage}' is not available on node '${target.name}'`)
          if (!onTarget.shared) throw new ApiError(500, `can't clone to non-shared storage '${storage}'`)
        }
      }
      // `set_lock($vmid, 'disk')` refuses a locked source; then `create_and_lock_config($newid)`.
      checkLock(ctx, source)
      checkVmidUnused(ctx, newid)
      const { config, lines } = planClone(ctx, source, newid, target)
      const made = { vmid: newid, node: source.node, type: 'lxc' as const, config }
      const keys = source.sshPublicKeys
      source.config.lock = 'disk'
      const unlockSource = (): void => {
        if (source.config.lock === 'disk') delete source.config.lock
      }
      const forced = ctx.faults.takeTaskOutcome(newid) ?? ctx.faults.takeTaskOutcome(source.vmid)
      return startMakingGuest(ctx, { ...made, ...(keys !== undefined ? { sshPublicKeys: keys } : {}) }, (clone) => ({
        node: source.node,
        type: 'vzclone',
        id: String(source.vmid),
        lines,
        outcome: forced?.kind === 'error' ? { kind: 'error', message: `clone failed: ${forced.message}` } : forced,
        onSuccess: () => {
          unlockSource()
          delete clone.config.lock
          if (target) clone.node = target.name
        },
        onFailure: unlockSource,
      }))
    },
  },
]
