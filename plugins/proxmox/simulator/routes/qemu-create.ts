import { ApiError, parameterError } from '../api-error.js'
import { bool, int, required, startMakingGuest, str } from '../context.js'
import type { RouteContext } from '../context.js'
import type { TaskOutcome } from '../tasks.js'
import { freshIdentity, generateMac } from '../guest-config.js'
import type { GuestConfig } from '../guest-config.js'
import { formatDiskSize, parsePropertyString, printPropertyString } from '../property-string.js'
import type { Route } from '../router.js'
import { checkSshKeys } from './guest-config-routes.js'
import { checkVmidUnused, markRunning } from './guest-guards.js'

/** Create parameters that are not stored in the VM config. */
const NOT_STORED = new Set([
  'node',
  'vmid',
  'start',
  'storage',
  'pool',
  'archive',
  'unique',
  'force',
  'live-restore',
  'bwlimit',
  'import-working-storage',
])

const DISK_KEY = /^(?:scsi|virtio|sata|ide)\d+$|^efidisk0$|^tpmstate0$/
/** qemu-server's `NEW_DISK_RE`: `STORAGE:SIZE_GiB` (or a bare size with the `storage` parameter). */
const NEW_DISK = /^(?:([^/:\s]+):)?(\d+(?:\.\d+)?)$/
const GiB = 1024 ** 3

/** The content type PVE's `parse_volname` gives a volume of a dir-like storage. */
function volumeType(volname: string): string {
  const dir = /^(iso|vztmpl|snippets|dump|import)\//.exec(volname)?.[1]
  if (dir === 'dump') return 'backup'
  return dir ?? 'images'
}

/** What the create does with one drive, worked out before the task starts. */
interface DrivePlan {
  key: string
  /** The value stored in the config once the task succeeds. */
  value: string
  /** Task log lines for this drive. */
  lines: string[]
  /**
   * A volume that must exist on the node (ISO, existing image, `import-from` source); checked inside the task as PVE
   * does.
   */
  mustExist?: string
  /** True for a new, empty disk (no OS on it). */
  blank: boolean
}

function planDrive(
  ctx: RouteContext,
  node: string,
  vmid: number,
  key: string,
  spec: string,
  nextIndex: () => number,
): DrivePlan {
  const props = parsePropertyString(spec, 'volume')
  const file = props.get('volume') ?? props.get('file') ?? ''
  props.delete('file')
  const cdrom = props.get('media') === 'cdrom'
  if (file === 'none' || file === 'cdrom') return { key, value: spec, lines: [], blank: false }
  const [storeid, volname = ''] = file.includes(':') ? file.split(/:(.*)/s) : [undefined, file]
  if (volname === 'cloudinit' && storeid) {
    ctx.state.requireStorage(node, storeid)
    props.set('volume', `${storeid}:vm-${vmid}-cloudinit`)
    props.set('media', 'cdrom')
    return {
      key,
      value: printPropertyString(props, 'volume'),
      lines: [`  Logical volume "vm-${vmid}-cloudinit" created.`],
      blank: false,
    }
  }
  const fresh = NEW_DISK.exec(file)
  if (fresh && !cdrom) {
    const store = fresh[1] ?? str(ctx.params, 'storage')
    if (!store) throw new ApiError(500, 'no storage ID specified (and no default storage)')
    const storage = ctx.state.requireStorage(node, store)
    if (!storage.content.includes('images'))
      throw parameterError({ storage: `storage '${store}' does not support vm images` })
    const importFrom = props.get('import-from')
    if (importFrom !== undefined && !['images', 'import'].includes(volumeType(importFrom.split(/:(.*)/s)[1] ?? ''))) {
      throw parameterError({ [key]: "content type needs to be 'images' or 'import'" })
    }
    const source = importFrom ? ctx.state.volumes.find((v) => v.node === node && v.volid === importFrom) : undefined
    const asked = Math.round(Number(fresh[2]) * GiB)
    const bytes = importFrom ? Math.max(asked, Math.ceil((source?.size ?? 0) / GiB) * GiB) : asked
    const volume = `vm-${vmid}-disk-${nextIndex()}`
    props.delete('import-from')
    props.delete('size')
    props.set('volume', `${store}:${volume}`)
    props.set('size', formatDiskSize(bytes))
    const lines = [`  Logical volume "${volume}" created.`]
    if (importFrom) lines.push(`transferred ${formatDiskSize(bytes)} of ${formatDiskSize(bytes)} (100.00%)`)
    return {
      key,
      value: printPropertyString(props, 'volume'),
      lines,
      blank: !importFrom,
      ...(importFrom ? { mustExist: importFrom } : {}),
    }
  }
  if (storeid) {
    ctx.state.requireStorage(node, storeid)
    const vtype = volumeType(volname)
    if (vtype === 'iso' && !cdrom) throw parameterError({ [key]: "explicit 'media=cdrom' is required for iso images" })
    if (vtype !== 'images' && vtype !== 'iso')
      throw parameterError({ [key]: "content type needs to be 'images' or 'iso'" })
  }
  return { key, value: spec, lines: [], mustExist: file, blank: cdrom }
}

/** `net0=virtio,bridge=vmbr0` → `virtio=BC:24:11:..,bridge=vmbr0`, after checking the bridge exists on the node. */
function planNet(ctx: RouteContext, node: string, vmid: number, key: string, spec: string): string {
  const props = parsePropertyString(spec, 'model')
  const bridge = props.get('bridge')
  if (bridge !== undefined) ctx.state.requireBridge(node, bridge)
  const models = [
    'e1000',
    'e1000-82540em',
    'e1000-82544gc',
    'e1000-82545em',
    'e1000e',
    'i82551',
    'i82557b',
    'i82559er',
    'ne2k_isa',
    'ne2k_pci',
    'pcnet',
    'rtl8139',
    'virtio',
    'vmxnet3',
  ]
  const aliased = models.find((m) => props.has(m))
  const model = props.get('model') ?? aliased ?? 'virtio'
  const mac =
    (aliased ? props.get(aliased) : undefined) ??
    props.get('macaddr') ??
    generateMac(`create-${vmid}-${key}-${Date.now()}`)
  const rest = [...props]
    .filter(([k]) => k !== 'model' && k !== 'macaddr' && k !== aliased)
    .map(([k, v]) => `${k}=${v}`)
  return [`${model}=${mac}`, ...rest].join(',')
}

/**
 * `POST /nodes/{node}/qemu`: create a VM from scratch. The config exists at once with
 * `lock: create` (PVE's `create_and_lock_config` runs before the fork); new disks, the
 * cloud-init drive and the checks of ISOs and imported volumes happen inside the `qmcreate` task,
 * whose failure removes the VM again.
 */
export const qemuCreateRoutes: Route[] = [
  {
    endpoint: 'POST /nodes/{node}/qemu',
    handler: (ctx) => {
      const node = ctx.state.requireNode(required(ctx.params, 'node'))
      const vmid = int(ctx.params, 'vmid') ?? 0
      const sshkeys = str(ctx.params, 'sshkeys')
      if (sshkeys !== undefined) checkSshKeys(sshkeys)
      let diskIndex = 0
      const drives: DrivePlan[] = []
      const config: GuestConfig = {}
      for (const [param, raw] of Object.entries(ctx.params)) {
        if (NOT_STORED.has(param)) continue
        // `resolve_cdrom_alias`: `cdrom=<iso>` is `ide2=<iso>,media=cdrom`.
        const key = param === 'cdrom' ? 'ide2' : param
        if (param === 'cdrom') {
          const iso = Array.isArray(raw) ? raw.join(',') : raw
          drives.push(
            planDrive(ctx, node.name, vmid, key, /media=/.test(iso) ? iso : `${iso},media=cdrom`, () => diskIndex++),
          )
          continue
        }
        const value = Array.isArray(raw) ? raw.join(',') : raw
        if (DISK_KEY.test(key)) drives.push(planDrive(ctx, node.name, vmid, key, value, () => diskIndex++))
        else if (/^net\d+$/.test(key)) config[key] = planNet(ctx, node.name, vmid, key, value)
        else config[key] = value
      }
      try {
        checkVmidUnused(ctx, vmid)
      } catch (err) {
        throw err instanceof ApiError ? new ApiError(500, `unable to create VM ${vmid} - ${err.message}`) : err
      }
      config.name ??= `VM${vmid}`
      Object.assign(config, freshIdentity())
      config.lock = 'create'
      // Nothing boots an OS from new, empty disks: an installer ISO at most, which runs no guest agent.
      const disks = drives.filter((d) => !parsePropertyString(d.value, 'volume').get('volume')?.includes('cloudinit'))
      const blank = disks.length === 0 || disks.every((d) => d.blank)
      const missing = drives.find(
        (d) =>
          d.mustExist !== undefined && !ctx.state.volumes.some((v) => v.node === node.name && v.volid === d.mustExist),
      )
      const start = bool(ctx.params, 'start') ?? false
      const lines = drives.flatMap((d) => d.lines)
      if (start && !missing) lines.push(`Execute autostart`)
      const missingOutcome: TaskOutcome | undefined = missing && {
        kind: 'error',
        message: `unable to create VM ${vmid} - volume ${missing.mustExist} does not exist`,
      }
      return startMakingGuest(
        ctx,
        { vmid, node: node.name, type: 'qemu', config, ...(blank ? { blank } : {}) },
        (guest) => ({
          node: node.name,
          type: 'qmcreate',
          id: String(vmid),
          lines,
          outcome: missingOutcome,
          onSuccess: () => {
            for (const d of drives) guest.config[d.key] = d.value
            delete guest.config.lock
            if (start) markRunning(ctx, guest)
          },
        }),
      )
    },
  },
]
