import { BadInputError } from '../errors/index.js'
import type { ServerChange } from '../providers/contract.js'
import { builder } from './builder.js'
import { serverId } from './exact-id.js'
import { Operation } from './operation.js'
import { providerFor, providerNamed, runOperation } from './run-operation.js'
import { ServerKind } from './server.js'

/** Server names every provider accepts: letters, digits, `-` and `_`, 4 to 40 characters. */
const SERVER_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{3,39}$/

function checkName(name: string, field: string): void {
  if (!SERVER_NAME.test(name))
    throw new BadInputError(`${field}: 4 to 40 letters, digits, "-" or "_", starting with a letter or digit`, { field })
}

function checkRange(value: number | null | undefined, field: string, min: number, max: number): void {
  if (value === null || value === undefined) return
  if (!Number.isInteger(value) || value < min || value > max)
    throw new BadInputError(`${field}: a whole number from ${min} to ${max}`, { field })
}

/** The sizes of a server's input, each checked only when given (a clone's input has no disk size). */
function checkSizes(input: { cpu?: number | null; memoryMb?: number | null; diskGb?: number | null }): void {
  checkRange(input.cpu, 'input.cpu', 1, 512)
  checkRange(input.memoryMb, 'input.memoryMb', 128, 4_194_304)
  checkRange(input.diskGb, 'input.diskGb', 1, 65_536)
}

const CreateServerInput = builder.inputType('CreateServerInput', {
  description: 'A new server, the same for every provider; `options` holds what only one provider understands.',
  fields: (t) => ({
    provider: t.string({ required: true, description: 'The provider instance, e.g. "kamatera".' }),
    name: t.string({ required: true }),
    location: t.string({ description: "Kamatera datacenter, Proxmox node; the provider's default when left out." }),
    image: t.string({ required: true, description: 'An image id from `catalog`, or its name.' }),
    kind: t.field({
      type: ServerKind,
      description: 'Left out: what the image makes (a Proxmox container template makes a container), else VM.',
    }),
    cpu: t.int({ required: true, description: 'Cores.' }),
    memoryMb: t.int({ required: true }),
    diskGb: t.int({ required: true }),
    password: t.string({ description: 'The root/administrator password; never logged or stored by Hangar.' }),
    sshKey: t.string({ description: 'A public key to log in with.' }),
    powerOn: t.boolean({ defaultValue: true }),
    options: t.field({
      type: 'JSON',
      description:
        'Provider options, e.g. Kamatera: {"cpuType": "B", "billing": "monthly", "trafficPackage": "t5000", ' +
        '"dailyBackup": true, "managed": false, "tags": ["web"]}.',
    }),
  }),
})

const isSet = <T>(value: T | null | undefined): value is T => value !== null && value !== undefined

const ResizeServerInput = builder.inputType('ResizeServerInput', {
  description: 'Exactly one change per call, as Kamatera requires.',
  fields: (t) => ({
    cpu: t.int({ description: 'Cores.' }),
    memoryMb: t.int(),
    diskGb: t.int({
      description:
        'The new total size of the main disk, GB; disks only grow (a size not above the current one is refused).',
    }),
  }),
})

const CloneServerInput = builder.inputType('CloneServerInput', {
  description: 'A copy of a server; sizes left out are copied from it.',
  fields: (t) => ({
    name: t.string({ required: true }),
    location: t.string({ description: "Where the copy goes (a Proxmox node); the source's own when left out." }),
    cpu: t.int(),
    memoryMb: t.int(),
    powerOn: t.boolean({ defaultValue: true }),
    options: t.field({ type: 'JSON' }),
  }),
})

const asOptions = (value: unknown, field: string): Record<string, unknown> | undefined => {
  if (value === null || value === undefined) return undefined
  if (typeof value !== 'object' || Array.isArray(value))
    throw new BadInputError(`${field}: an object of provider options`, { field })
  return value as Record<string, unknown>
}

builder.mutationFields((t) => ({
  createServer: t.field({
    type: Operation,
    authScopes: { operator: true },
    description:
      'Makes a new server. The operation names the server once the provider has made it. A create is never retried ' +
      'blindly.',
    args: { input: t.arg({ type: CreateServerInput, required: true }), wait: t.arg.boolean({ defaultValue: false }) },
    resolve: (_root, { input, wait }, { hangar }) => {
      const provider = providerNamed(hangar, input.provider, 'create', 'input.provider')
      checkName(input.name, 'input.name')
      checkSizes(input)
      if (!input.image.trim()) throw new BadInputError('input.image: required', { field: 'input.image' })
      const spec = {
        name: input.name,
        location: input.location ?? undefined,
        image: input.image,
        cpu: input.cpu,
        memoryMb: input.memoryMb,
        diskGb: input.diskGb,
        password: input.password ?? undefined,
        sshKey: input.sshKey ?? undefined,
        powerOn: input.powerOn ?? true,
        kind: input.kind ?? undefined,
        options: asOptions(input.options, 'input.options'),
      }
      return runOperation(hangar, {
        provider,
        serverId: null,
        queueKey: `create:${provider.name}:${input.name}`,
        action: 'create',
        wait,
        run: (signal) => provider.createServer!(spec, { signal }),
      })
    },
  }),
  resizeServer: t.field({
    type: Operation,
    authScopes: { operator: true },
    description: 'Changes one size of a server (cores, memory or main disk) per call.',
    args: {
      id: t.arg.id({ required: true }),
      input: t.arg({ type: ResizeServerInput, required: true }),
      wait: t.arg.boolean({ defaultValue: false }),
    },
    resolve: (_root, { id, input, wait }, { hangar }) => {
      const { provider, nativeId } = providerFor(hangar, serverId(id), 'resize')
      const given = [input.cpu, input.memoryMb, input.diskGb].filter(isSet)
      if (given.length !== 1)
        throw new BadInputError('input: give exactly one of cpu, memoryMb or diskGb per call', { field: 'input' })
      checkSizes(input)
      const change: ServerChange = isSet(input.cpu)
        ? { cpu: input.cpu }
        : isSet(input.memoryMb)
          ? { memoryMb: input.memoryMb }
          : { diskGb: input.diskGb! }
      return runOperation(hangar, {
        provider,
        serverId: String(id),
        action: 'resize',
        wait,
        request: { kind: 'resize', nativeId, change },
      })
    },
  }),
  cloneServer: t.field({
    type: Operation,
    authScopes: { operator: true },
    description: 'Copies a server under a new name. The operation names the copy once the provider has made it.',
    args: {
      id: t.arg.id({ required: true }),
      input: t.arg({ type: CloneServerInput, required: true }),
      wait: t.arg.boolean({ defaultValue: false }),
    },
    resolve: (_root, { id, input, wait }, { hangar }) => {
      const { provider, nativeId } = providerFor(hangar, serverId(id), 'clone')
      checkName(input.name, 'input.name')
      checkSizes(input)
      const spec = {
        name: input.name,
        location: input.location ?? undefined,
        cpu: input.cpu ?? undefined,
        memoryMb: input.memoryMb ?? undefined,
        powerOn: input.powerOn ?? true,
        options: asOptions(input.options, 'input.options'),
      }
      // The source is queued too: a clone reads it while copying.
      return runOperation(hangar, {
        provider,
        serverId: String(id),
        action: 'clone',
        wait,
        run: (signal) => provider.cloneServer!(nativeId, spec, { signal }),
      })
    },
  }),
}))
