import { flagError } from '../api-error.js'
import { wanNetworkName } from '../catalog.js'
import { startServerCommand } from '../context.js'
import type { Route, RouteContext } from '../context.js'
import { CREATE_DEFAULTS, parseCreateFields, resolveImage } from '../create-spec.js'
import type { CreateSpec } from '../create-spec.js'
import type { SimNetwork, SimServer } from '../state.js'

/** Where the new server comes from: an image (create) or another server (clone). */
export interface CreateOrigin {
  datacenter: string
  /** Image id, or `clone:<source id>`. */
  image: string
  /** Human text for the log: the image description or `clone of <name>`. */
  imageText: string
  description: 'Create Server' | 'Clone Server'
  /** Keys already on the disk (a clone's source's `authorized_keys`). */
  sshKeys?: string
}

/**
 * Queues the create command and builds the answer. The final name (`name(1)` on a clash when
 * `nameClashSuffix` is on) is the first log line, `Name: <final name>`; the server only appears in
 * `/service/servers` once the command completes. With `__generate__` the answer is
 * `{"commandIds": ["<id>"], "password": "<generated>"}`, otherwise `["<id>"]`.
 */
export function queueCreate(ctx: RouteContext, spec: CreateSpec, origin: CreateOrigin): unknown {
  const finalName = ctx.behaviour.nameClashSuffix ? ctx.state.freeName(spec.name) : spec.name
  ctx.state.pendingNames.add(finalName)
  const lines = [
    `Name: ${finalName}`,
    `Datacenter: ${origin.datacenter}`,
    `Creating server (${spec.cpu}, ${spec.ram}MB RAM)...`,
    ...spec.diskSizes.map((size, i) => `Creating disk ${i}: ${size}GB (${i === 0 ? origin.imageText : 'empty'})`),
    ...spec.networks.map((n, i) => `Connecting network ${i}: ${n.name} (ip=${n.ip})`),
    ...(spec.script ? ['Running startup script...'] : []),
    ...(spec.powerOn ? ['Powering on server...'] : []),
    'Server created successfully',
  ]
  const command = startServerCommand(
    ctx,
    { name: finalName },
    {
      description: origin.description,
      lines,
      onEnd: () => ctx.state.pendingNames.delete(finalName),
      apply: () => {
        const server: SimServer = {
          id: ctx.state.nextServerId(),
          name: finalName,
          datacenter: origin.datacenter,
          power: spec.powerOn ? 'on' : 'off',
          suspended: false,
          cpu: spec.cpu,
          ram: spec.ram,
          diskSizes: [...spec.diskSizes],
          networks: [],
          billing: spec.billing,
          traffic: spec.traffic,
          managed: spec.managed,
          backup: spec.backup,
          image: origin.image,
          tags: [...spec.tags],
          password: spec.password,
          sshKeys: [origin.sshKeys, spec.sshKey].filter(Boolean).join('\n'),
        }
        for (const net of spec.networks) server.networks.push(attachNetwork(ctx, origin.datacenter, net.name, net.ip))
        ctx.state.addServer(server)
        return undefined
      },
    },
    [spec.name],
  )
  const ids = [String(command.id)]
  return spec.generated ? { commandIds: ids, password: spec.password } : ids
}

function attachNetwork(ctx: RouteContext, datacenter: string, name: string, ip: string): SimNetwork {
  if (name === 'wan') {
    const wan = wanNetworkName(datacenter)
    return { network: wan, ips: [ip === 'auto' ? ctx.state.allocatePublicIp(datacenter) : ip] }
  }
  const vlan = ctx.state.findVlan(datacenter, name)
  if (!vlan) return { network: name, ips: ip === 'auto' ? [] : [ip] }
  return { network: vlan.name, ips: [ip === 'auto' ? ctx.state.allocateVlanIp(vlan) : ip] }
}

/** `POST /service/server`: create a server from an image. */
export const createRoutes: Route[] = [
  {
    method: 'POST',
    path: '/service/server',
    failure: 'Failed to run command method (createServer)',
    handler: (ctx) => {
      let datacenter = ''
      let image = { id: '', name: '' }
      const spec = parseCreateFields(
        ctx.input,
        ctx.state,
        { ...CREATE_DEFAULTS, datacenter: ctx.input.str('datacenter') },
        {
          afterPassword: () => {
            datacenter = ctx.input.str('datacenter')
            if (!datacenter) throw flagError('datacenter')
            if (!ctx.input.str('image')) throw flagError('image')
          },
          afterArrays: () => {
            image = resolveImage(datacenter, ctx.input.str('image'))
          },
        },
      )
      return queueCreate(ctx, spec, {
        datacenter,
        image: image.id,
        imageText: image.name,
        description: 'Create Server',
      })
    },
  },
]
