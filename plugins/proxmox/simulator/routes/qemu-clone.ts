import { ApiError } from '../api-error.js'
import { bool, int, startMakingGuest, str } from '../context.js'
import type { RouteContext } from '../context.js'
import { freshIdentity, generateMac, guestDisks, renameDiskForVmid } from '../guest-config.js'
import type { GuestConfig } from '../guest-config.js'
import { parsePropertyString } from '../property-string.js'
import type { Route } from '../router.js'
import type { SimGuest } from '../state.js'
import { checkLock, checkVmidUnused, loadGuest } from './guest-guards.js'

const GiB = 1024 ** 3

function humanBytes(bytes: number): string {
  return bytes >= GiB ? `${(bytes / GiB).toFixed(1)} GiB` : `${(bytes / 1024 ** 2).toFixed(1)} MiB`
}

/** The new VM's config: the source's minus `template`, with new disks, MACs and identity. */
function cloneConfig(
  ctx: RouteContext,
  source: SimGuest,
  newid: number,
  full: boolean,
): { config: GuestConfig; lines: string[] } {
  const storage = str(ctx.params, 'storage')
  const config: GuestConfig = {}
  const lines: string[] = []
  const disks = new Map(guestDisks('qemu', source.config).map((d) => [d.key, d]))
  for (const [key, value] of Object.entries(source.config)) {
    if (key === 'template' || key === 'lock') continue
    const disk = disks.get(key)
    if (disk && !full && !disk.cdrom) {
      const [store, volname] = disk.volid.split(':')
      const own = `vm-${newid}-disk-${/-disk-(\d+)$/.exec(volname ?? '')?.[1] ?? '0'}`
      const props = parsePropertyString(value, 'volume')
      props.delete('volume')
      config[key] = [`${store}:${volname}/${own}`, ...[...props].map(([k, v]) => `${k}=${v}`)].join(',')
      lines.push(`create linked clone of drive ${key} (${disk.volid})`, `  Logical volume "${own}" created.`)
    } else if (disk) {
      config[key] = renameDiskForVmid(value, newid, storage)
      const newVolid = parsePropertyString(config[key] ?? '', 'volume').get('volume') ?? ''
      lines.push(
        `create full clone of drive ${key} (${disk.volid})`,
        `  Logical volume "${newVolid.split(':')[1] ?? ''}" created.`,
      )
    } else if (/^net\d+$/.test(key)) {
      // PVE gives every NIC of a clone a new MAC.
      const props = parsePropertyString(value, 'model')
      const model =
        props.get('model') ??
        [...props.keys()].find((k) => /^[0-9A-F]{2}(?::[0-9A-F]{2}){5}$/i.test(props.get(k) ?? ''))
      const rest = [...props]
        .filter(([k]) => k !== 'model' && k !== model && k !== 'macaddr')
        .map(([k, v]) => `${k}=${v}`)
      config[key] = [`${model ?? 'virtio'}=${generateMac(`clone-${newid}-${key}-${Date.now()}`)}`, ...rest].join(',')
    } else {
      config[key] = value
    }
  }
  const total = [...disks.values()].filter((d) => !d.cdrom).reduce((sum, d) => sum + d.size, 0)
  if (full && total > 0) {
    lines.push(
      `transferred 0.0 B of ${humanBytes(total)} (0.00%)`,
      `transferred ${humanBytes(total / 2)} of ${humanBytes(total)} (50.00%)`,
      `transferred ${humanBytes(total)} of ${humanBytes(total)} (100.00%)`,
    )
  }
  Object.assign(config, freshIdentity())
  config.name = str(ctx.params, 'name') ?? `Copy-of-VM-${source.config.name ?? source.vmid}`
  const description = str(ctx.params, 'description')
  if (description !== undefined) config.description = description
  config.lock = 'clone'
  return { config, lines }
}

/** `POST /nodes/{node}/qemu/{vmid}/clone`: the target exists at once with `lock: clone`, cleared when the task ends. */
export const qemuCloneRoutes: Route[] = [
  {
    endpoint: 'POST /nodes/{node}/qemu/{vmid}/clone',
    handler: (ctx) => {
      const source = loadGuest(ctx, 'qemu')
      checkLock(ctx, source)
      const newid = int(ctx.params, 'newid') ?? 0
      checkVmidUnused(ctx, newid)
      const targetNode = str(ctx.params, 'target') ?? source.node
      if (targetNode !== source.node) {
        const node = ctx.state.requireNode(targetNode)
        if (!node.online) throw new ApiError(500, `target node '${targetNode}' is not online`)
        const local = guestDisks('qemu', source.config).some((d) => {
          const store = d.volid.split(':')[0] ?? ''
          return !ctx.state.requireStorage(source.node, store).shared
        })
        if (local && !str(ctx.params, 'storage')) {
          throw new ApiError(500, `can't clone VM to node '${targetNode}' (VM uses local storage)`)
        }
      }
      const storage = str(ctx.params, 'storage')
      if (storage !== undefined) ctx.state.requireStorage(targetNode, storage)
      const isTemplate = source.config.template === '1'
      const full = bool(ctx.params, 'full') ?? !isTemplate
      if (!full && !isTemplate)
        throw new ApiError(500, `linked clone feature is not supported for non-template VM ${source.vmid}`)
      if (!full && storage !== undefined) throw new ApiError(400, "Parameter 'storage' not allowed for linked clones")
      const { config, lines } = cloneConfig(ctx, source, newid, full)
      const forced = ctx.faults.takeTaskOutcome(newid) ?? ctx.faults.takeTaskOutcome(source.vmid)
      const made = { vmid: newid, node: targetNode, type: 'qemu' as const, config }
      // A failed clone removes the half-made VM again.
      return startMakingGuest(ctx, { ...made, ...(source.blank ? { blank: true } : {}) }, (target) => ({
        node: source.node,
        type: 'qmclone',
        id: String(source.vmid),
        lines,
        outcome: forced,
        onSuccess: () => {
          delete target.config.lock
        },
      }))
    },
  },
]
