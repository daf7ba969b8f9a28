import { ApiError, parameterError } from '../api-error.js'
import { endpointSchema } from '../api-schema.js'
import { int, str, startGuestTask } from '../context.js'
import type { RouteContext } from '../context.js'
import { allocateDisk, configDigest, guestDisks } from '../guest-config.js'
import { splitList } from '../named-formats.js'
import { parsePropertyString } from '../property-string.js'
import type { Route } from '../router.js'
import { lookupProperty } from '../schema-validation.js'
import type { GuestType, SimGuest } from '../state.js'
import { loadGuest, loadUnlockedGuest } from './guest-guards.js'

/** Parameters of a config write that are not config keys. */
const CONTROL_PARAMS = new Set(['node', 'vmid', 'digest', 'delete', 'revert', 'skiplock', 'background_delay', 'force'])

const WRITE_SCHEMA = {
  qemu: () => endpointSchema('PUT /nodes/{node}/qemu/{vmid}/config'),
  lxc: () => endpointSchema('PUT /nodes/{node}/lxc/{vmid}/config'),
}

/** The config as `GET .../config` returns it: numbers for integer/number/boolean keys, `digest` added. */
export function renderConfig(guest: SimGuest): Record<string, string | number> {
  const schema = WRITE_SCHEMA[guest.type]()
  const out: Record<string, string | number> = {}
  for (const [key, value] of Object.entries(guest.config)) {
    const type = key === 'lock' ? 'string' : lookupProperty(schema, key)?.type
    out[key] =
      (type === 'integer' || type === 'number' || type === 'boolean') && value !== '' && !Number.isNaN(Number(value))
        ? Number(value)
        : value
  }
  if (out.cipassword !== undefined) out.cipassword = '**********'
  out.digest = configDigest(guest.config)
  return out
}

/** A public key line as PVE accepts it: optional options, the key type, then the base64 key. */
const SSH_KEY_LINE = new RegExp(
  /^(?:[\w-]+(?:=\S*)?(?:,[\w-]+(?:=\S*)?)*\s+)?/.source +
    /(?:ssh-(?:rsa|dss|ed25519)|ecdsa-sha2-nistp\d+|sk-\S+)/.source +
    /\s+[A-Za-z0-9+/]+={0,3}(?:\s|$)/.source,
)

/** PVE's `validate_ssh_public_keys` after the URL-decoding of `sshkeys`. */
export function checkSshKeys(encoded: string): void {
  let text: string
  try {
    text = decodeURIComponent(encoded)
  } catch {
    throw new ApiError(500, 'SSH public key validation error')
  }
  for (const line of text.split('\n')) {
    const trimmed = line.trim()
    if (trimmed === '' || trimmed.startsWith('#')) continue
    if (!SSH_KEY_LINE.test(trimmed)) {
      throw new ApiError(500, 'SSH public key validation error')
    }
  }
}

interface ConfigChange {
  set: Record<string, string>
  remove: string[]
  log: string[]
}

/** Works out a config write up front (so errors are HTTP errors), returning what to apply. */
function planChange(ctx: RouteContext, guest: SimGuest): ConfigChange {
  const digest = str(ctx.params, 'digest')
  if (digest && digest !== configDigest(guest.config)) {
    throw new ApiError(500, 'detected modified configuration - file changed by other user? Try again.')
  }
  const remove = splitList(str(ctx.params, 'delete') ?? '')
  const set: Record<string, string> = {}
  const log: string[] = []
  const conflicts: Record<string, string> = {}
  let nextDisk =
    Math.max(-1, ...guestDisks(guest.type, guest.config).map((d) => Number(/-disk-(\d+)/.exec(d.volid)?.[1] ?? -1))) + 1
  for (const [key, raw] of Object.entries(ctx.params)) {
    if (CONTROL_PARAMS.has(key)) continue
    const value = Array.isArray(raw) ? raw.join(',') : raw
    if (remove.includes(key)) conflicts.delete = `you can't use '-${key}' and '-delete ${key}' at the same time`
    if (key === 'sshkeys') checkSshKeys(value)
    const isDisk =
      guest.type === 'qemu' ? /^(?:scsi|virtio|sata|ide)\d+$|^efidisk0$/.test(key) : /^(?:rootfs|mp\d+)$/.test(key)
    if (isDisk) {
      const volid = parsePropertyString(value, 'volume').get('volume') ?? ''
      const storage = /^([^:]+):\d+(?:\.\d+)?$/.exec(volid)?.[1]
      if (storage !== undefined) {
        ctx.state.requireStorage(guest.node, storage)
        set[key] = allocateDisk(value, guest.vmid, nextDisk++)
        log.push(`${key}: successfully created disk '${set[key]}'`)
        continue
      }
    }
    set[key] = value
  }
  if (Object.keys(conflicts).length > 0) throw parameterError(conflicts)
  return { set, remove, log }
}

function applyChange(guest: SimGuest, change: ConfigChange): void {
  for (const key of change.remove) delete guest.config[key]
  Object.assign(guest.config, change.set)
}

function commandLine(vmid: number, change: ConfigChange): string {
  const parts = Object.entries(change.set).map(([k, v]) => `-${k} ${k === 'cipassword' ? '<hidden>' : `'${v}'`}`)
  if (change.remove.length > 0) parts.push(`-delete ${change.remove.join(',')}`)
  return `update VM ${vmid}: ${parts.join(' ')}`
}

function getConfigRoute(type: GuestType): Route {
  return {
    endpoint: `GET /nodes/{node}/${type}/{vmid}/config` as Route['endpoint'],
    handler: (ctx) => {
      const guest = loadGuest(ctx, type)
      const snapshot = str(ctx.params, 'snapshot')
      if (snapshot) throw new ApiError(500, `snapshot '${snapshot}' does not exist`)
      return renderConfig(guest)
    },
  }
}

function putConfigRoute(type: GuestType): Route {
  return {
    endpoint: `PUT /nodes/{node}/${type}/{vmid}/config` as Route['endpoint'],
    handler: (ctx) => {
      const guest = loadUnlockedGuest(ctx, type)
      applyChange(guest, planChange(ctx, guest))
      return null
    },
  }
}

/** `GET|POST|PUT .../qemu/{vmid}/config`, `GET|PUT .../lxc/{vmid}/config`. */
export const guestConfigRoutes: Route[] = [
  getConfigRoute('qemu'),
  getConfigRoute('lxc'),
  putConfigRoute('qemu'),
  putConfigRoute('lxc'),
  {
    endpoint: 'POST /nodes/{node}/qemu/{vmid}/config',
    handler: async (ctx) => {
      const guest = loadUnlockedGuest(ctx, 'qemu')
      const change = planChange(ctx, guest)
      const task = startGuestTask(ctx, guest.vmid, {
        node: guest.node,
        type: 'qmconfig',
        id: String(guest.vmid),
        lines: [commandLine(guest.vmid, change), ...change.log],
        onSuccess: () => applyChange(guest, change),
      })
      const delay = int(ctx.params, 'background_delay')
      if (delay !== undefined && (await ctx.tasks.waitFor(task.upid, delay * 1000))) {
        const status = task.exitstatus ?? ''
        if (status === 'OK' || status.startsWith('WARNINGS')) return null
        throw new ApiError(500, `failed to update VM ${guest.vmid}: ${status}`)
      }
      return task.upid
    },
  },
]
