import { randomBytes } from 'node:crypto'
import { ApiError } from '../api-error.js'
import { bool, int, required, startMakingGuest, str } from '../context.js'
import { allocateDisk, generateMac } from '../guest-config.js'
import type { GuestConfig } from '../guest-config.js'
import { parsePropertyString, printPropertyString } from '../property-string.js'
import type { Route } from '../router.js'
import { checkVmidUnused, markRunning } from './guest-guards.js'

/** Create parameters that are not stored in the CT config. */
const NOT_STORED = new Set([
  'node',
  'vmid',
  'ostemplate',
  'password',
  'ssh-public-keys',
  'storage',
  'start',
  'force',
  'restore',
  'unique',
  'ignore-unpack-errors',
  'pool',
  'bwlimit',
])

/** `POST /nodes/{node}/lxc`: create a CT from a `vztmpl` volume (`lock: create` until the task ends). */
export const lxcCreateRoutes: Route[] = [
  {
    endpoint: 'POST /nodes/{node}/lxc',
    handler: (ctx) => {
      const node = ctx.state.requireNode(required(ctx.params, 'node'))
      const vmid = int(ctx.params, 'vmid') ?? 0
      checkVmidUnused(ctx, vmid)
      const ostemplate = required(ctx.params, 'ostemplate')
      const template = ctx.state.volumes.find((v) => v.node === node.name && v.volid === ostemplate)
      const templateStorage = ostemplate.split(':')[0] ?? ''
      if (ostemplate.includes(':')) ctx.state.requireStorage(node.name, templateStorage)
      if (!template) throw new ApiError(500, `volume '${ostemplate}' does not exist`)

      const storage = str(ctx.params, 'storage') ?? 'local'
      const rootfsSpec = str(ctx.params, 'rootfs') ?? `${storage}:4`
      const rootfsProps = parsePropertyString(rootfsSpec, 'volume')
      const rootStorage = (rootfsProps.get('volume') ?? '').split(':')[0] ?? storage
      const rootStore = ctx.state.requireStorage(node.name, rootStorage)
      if (!rootStore.content.includes('rootdir')) {
        throw new ApiError(500, `storage '${rootStorage}' does not support container directories`)
      }
      rootfsProps.set('volume', rootfsProps.get('volume') ?? `${storage}:4`)
      const rootfs = allocateDisk(printPropertyString(rootfsProps, 'volume'), vmid, 0)

      const ostype = /^[^:]+:vztmpl\/([a-z]+)-/.exec(ostemplate)?.[1] ?? 'unmanaged'
      const config: GuestConfig = {
        arch: 'amd64',
        ostype,
        hostname: `CT${vmid}`,
        memory: '512',
        swap: '512',
        cores: '1',
      }
      for (const [key, value] of Object.entries(ctx.params)) {
        if (NOT_STORED.has(key)) continue
        config[key] = Array.isArray(value) ? value.join(',') : value
      }
      config.rootfs = rootfs
      for (const key of Object.keys(config).filter((k) => /^net\d+$/.test(k))) {
        const props = parsePropertyString(config[key] ?? '', 'name')
        const bridge = props.get('bridge')
        if (bridge !== undefined) ctx.state.requireBridge(node.name, bridge)
        if (!props.get('hwaddr')) props.set('hwaddr', generateMac(`ct-${vmid}-${key}-${Date.now()}`))
        if (!props.get('type')) props.set('type', 'veth')
        config[key] = printPropertyString(props, '_')
      }
      config.lock = 'create'

      const sshPublicKeys = str(ctx.params, 'ssh-public-keys')
      const volume = (rootfs.split(',')[0] ?? '').split(':')[1] ?? ''
      const hostname = config.hostname ?? `CT${vmid}`
      const fingerprint = randomBytes(32).toString('base64').replace(/=+$/, '')
      const start = bool(ctx.params, 'start') ?? false
      const made = { vmid, node: node.name, type: 'lxc' as const, config }
      return startMakingGuest(ctx, { ...made, ...(sshPublicKeys !== undefined ? { sshPublicKeys } : {}) }, (guest) => ({
        node: node.name,
        type: 'vzcreate',
        id: String(vmid),
        lines: [
          `  Logical volume "${volume}" created.`,
          'Creating filesystem with 1048576 4k blocks and 262144 inodes',
          `extracting archive '/var/lib/vz/template/cache/${ostemplate.split('/').pop() ?? ''}'`,
          'Total bytes read: 521902080 (498MiB, 155MiB/s)',
          'Detected container architecture: amd64',
          "Creating SSH host key 'ssh_host_ed25519_key' - this may take some time ...",
          `done: SHA256:${fingerprint} root@${hostname}`,
        ],
        onSuccess: () => {
          delete guest.config.lock
          if (start) markRunning(ctx, guest)
        },
      }))
    },
  },
]
