import { z } from 'zod'
import {
  BadInputError,
  type CallOptions,
  type Catalog,
  type CloneSpec,
  ProviderError,
  type ServerChange,
  type ServerSpec,
  type TaskHandle,
  UnsupportedError,
  UpstreamNetworkError,
} from 'hangar/provider-kit'
import { followCreate, type CreateContext } from './follow-create.js'
import type { KamateraClient } from './kamatera-client.js'
import { coresOf } from './map-server.js'
import { checkKamateraPassword } from './password-rule.js'
import { readServerInfo } from './server-info.js'
import { commandIdsSchema, serverListSchema, type KamateraServerInfo } from './upstream-schemas.js'

export type { CreateContext } from './follow-create.js'

/** Kamatera's own create options, given in `options` of the provider-neutral input. */
export const kamateraCreateOptionsSchema = z
  .object({
    /** A availability, B general purpose, D dedicated, T burstable. */
    cpuType: z.enum(['A', 'B', 'D', 'T']).default('B'),
    billing: z.enum(['hourly', 'monthly']).default('hourly'),
    /** Traffic package of monthly billing, e.g. `t5000`. */
    trafficPackage: z
      .string()
      .regex(/^[tb]\d+$/)
      .optional(),
    dailyBackup: z.boolean().default(false),
    managed: z.boolean().default(false),
    tags: z.array(z.string().regex(/^[A-Za-z0-9_-]+$/)).default([]),
    /** Network interfaces in cloudcli form; one public interface by default. */
    network: z.string().default('id=0,name=wan,ip=auto'),
    /** A startup script's contents. */
    script: z.string().optional(),
  })
  .strict()

function createOptions(options: Record<string, unknown> | undefined, field: string) {
  const parsed = kamateraCreateOptionsSchema.safeParse(options ?? {})
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const path = [field, ...issue.path.map(String)].join('.')
    throw new BadInputError(`${path}: ${issue.message}`, { field: path })
  }
  return parsed.data
}

const yesNo = (value: boolean) => (value ? 'yes' : 'no')

/**
 * Sends a create or clone (never retried: a lost answer may still have made a server) and follows
 * it to the server it made; the servers listed before let a search by name tell the new one apart.
 */
async function sendCreate(
  context: CreateContext,
  path: string,
  body: Record<string, unknown>,
  name: string,
  signal?: AbortSignal,
): Promise<TaskHandle> {
  const before = new Set(
    (await context.client.request('GET', '/service/servers', { schema: serverListSchema, signal, read: true })).map(
      (server) => server.id,
    ),
  )
  try {
    const ids = await context.client.request('POST', path, { body, schema: commandIdsSchema, signal, read: false })
    return followCreate(context, { name, commandId: ids[0]!, before })
  } catch (error) {
    if (error instanceof UpstreamNetworkError) return followCreate(context, { name, before })
    throw error
  }
}

/**
 * Refuses an image the datacenter does not offer (by id, `EU:6000C29a...`, or by name) before
 * anything is sent, naming `input.image`, as the create form's catalog would.
 */
async function checkImage(
  context: CreateContext,
  datacenter: string,
  image: string,
  signal?: AbortSignal,
): Promise<void> {
  const images = await context.client.request('GET', '/service/server', {
    query: { images: '1', datacenter },
    schema: imagesSchema,
    signal,
    read: true,
  })
  if (images.some((each) => each.id === image || each.name === image)) return
  throw new BadInputError(
    `input.image: datacenter ${datacenter} offers no image "${image}" (see \`catalog\` with location ${datacenter})`,
    { field: 'input.image' },
  )
}

/** `POST /service/server`: never retried; a lost answer is recovered by name. */
export async function createKamateraServer(
  context: CreateContext,
  spec: ServerSpec,
  { signal }: CallOptions,
): Promise<TaskHandle> {
  if (spec.kind === 'CONTAINER')
    throw new UnsupportedError('kamatera: makes VMs only; use a Proxmox provider for containers')
  if (!spec.location)
    throw new BadInputError('input.location: required for Kamatera: a datacenter id such as "EU" (see `catalog`)', {
      field: 'input.location',
    })
  if (!spec.password && !spec.sshKey)
    throw new BadInputError('input.password: give a password or an sshKey to log in with', { field: 'input.password' })
  if (spec.password) checkKamateraPassword(spec.password, 'input.password')
  const options = createOptions(spec.options, 'input.options')
  await checkImage(context, spec.location, spec.image, signal)
  const body: Record<string, unknown> = {
    name: spec.name,
    password: spec.password ?? '',
    passwordValidate: spec.password ?? '',
    'ssh-key': spec.sshKey ?? '',
    datacenter: spec.location,
    image: spec.image,
    cpu: `${spec.cpu}${options.cpuType}`,
    ram: spec.memoryMb,
    disk: `size=${spec.diskGb}`,
    network: options.network,
    dailybackup: yesNo(options.dailyBackup),
    managed: yesNo(options.managed),
    billingcycle: options.billing,
    ...(options.billing === 'monthly' && options.trafficPackage ? { monthlypackage: options.trafficPackage } : {}),
    poweronaftercreate: yesNo(spec.powerOn ?? true),
    quantity: 1,
    tag: options.tags.join(' '),
    ...(options.script ? { 'script-file': options.script } : {}),
  }
  return sendCreate(context, '/service/server', body, spec.name, signal)
}

/** `POST /service/cloneServer` from the source's id; sizes left out are copied by the API. */
export async function cloneKamateraServer(
  context: CreateContext,
  nativeId: string,
  spec: CloneSpec,
  { signal }: CallOptions,
): Promise<TaskHandle> {
  const options = createOptions(spec.options, 'input.options')
  if (spec.location !== undefined) {
    // Kamatera copies a server within its own datacenter: `cloneServer` takes no datacenter.
    const datacenter = (await currentInfo(context, nativeId, signal))?.datacenter
    if (spec.location !== datacenter)
      throw new BadInputError(
        `input.location: Kamatera copies a server within its own ` +
          `datacenter (${datacenter ?? 'unknown'}); leave location out`,
        { field: 'input.location' },
      )
  }
  const cpuType =
    spec.cpu === undefined ? undefined : ((await currentCpu(context, nativeId, signal)).type ?? options.cpuType)
  const body: Record<string, unknown> = {
    'source-id': nativeId,
    name: spec.name,
    // The copy keeps the source's disks and accounts; its new root password is generated and
    // dropped, never shown or logged.
    password: '__generate__',
    poweronaftercreate: yesNo(spec.powerOn ?? true),
    ...(spec.cpu !== undefined ? { cpu: `${spec.cpu}${cpuType}` } : {}),
    ...(spec.memoryMb !== undefined ? { ram: spec.memoryMb } : {}),
  }
  return sendCreate(context, '/service/cloneServer', body, spec.name, signal)
}

/** The server's details; a server that is gone is upstream's error here, not `undefined`. */
function currentInfo(
  context: CreateContext,
  nativeId: string,
  signal?: AbortSignal,
): Promise<KamateraServerInfo | undefined> {
  return readServerInfo(context.client, nativeId, { signal, allowNoServers: false })
}

async function currentCpu(
  context: CreateContext,
  nativeId: string,
  signal?: AbortSignal,
): Promise<{ cores: number | null; type: string | undefined }> {
  const cpu = (await currentInfo(context, nativeId, signal))?.cpu
  return { cores: coresOf(cpu), type: cpu?.slice(-1) }
}

/**
 * Grows disk 0 (the one the server boots from) with `POST /server/disk` `resize: "0"` and
 * `size: "<n>gb"`, whose command id comes back as a bare number. Kamatera cannot shrink a disk,
 * so a size not above the current one is refused before anything is sent.
 */
async function growMainDisk(
  context: CreateContext,
  nativeId: string,
  diskGb: number,
  signal?: AbortSignal,
): Promise<TaskHandle> {
  const current = (await currentInfo(context, nativeId, signal))?.diskSizes?.[0]
  if (current === undefined) throw new ProviderError(`kamatera: server ${nativeId} reports no disk to grow`)
  if (diskGb <= current) {
    throw new BadInputError(
      `input.diskGb: ${diskGb} GB does not grow the main disk, which is ${current} GB now; disks only grow`,
      { field: 'input.diskGb', currentGb: current },
    )
  }
  const ids = await context.client.request('POST', '/server/disk', {
    body: { id: nativeId, resize: '0', size: `${diskGb}gb` },
    schema: commandIdsSchema,
    signal,
    read: false,
  })
  return context.command(ids[0]!)
}

/** `POST /server/configure` with exactly one flag (a CPU change keeps the server's CPU type), or a disk grow. */
export async function resizeKamateraServer(
  context: CreateContext,
  nativeId: string,
  change: ServerChange,
  { signal }: CallOptions,
): Promise<TaskHandle> {
  if ('diskGb' in change) return growMainDisk(context, nativeId, change.diskGb, signal)
  const flag =
    'cpu' in change
      ? { cpu: `${change.cpu}${(await currentCpu(context, nativeId, signal)).type ?? 'B'}` }
      : { ram: change.memoryMb }
  const ids = await context.client.request('POST', '/server/configure', {
    body: { id: nativeId, ...flag },
    schema: commandIdsSchema,
    signal,
    read: false,
  })
  return context.command(ids[0]!)
}

const datacentersSchema = z.array(
  z.object({ id: z.string(), name: z.string(), subCategory: z.string().optional() }).loose(),
)
const imagesSchema = z.array(
  z.object({ id: z.string(), name: z.string(), os: z.string().optional(), datacenter: z.string() }).loose(),
)
const capabilitiesSchema = z
  .object({
    diskSizeGB: z.array(z.number()).default([]),
    cpuTypes: z
      .array(
        z
          .object({
            id: z.string(),
            name: z.string(),
            description: z.string().optional(),
            cpuCores: z.array(z.number()),
            ramMB: z.array(z.number()),
          })
          .loose(),
      )
      .default([]),
  })
  .loose()

/** Datacenters, and for one datacenter its images, CPU types and disk sizes. */
export async function kamateraCatalog(
  client: KamateraClient,
  location: string | undefined,
  { signal }: CallOptions,
): Promise<Catalog> {
  const datacenters = await client.request('GET', '/service/server', {
    query: { datacenter: '1' },
    schema: datacentersSchema,
    signal,
    read: true,
  })
  const locations = datacenters.map((dc) => ({
    id: dc.id,
    name: dc.subCategory ? `${dc.name} (${dc.subCategory})` : dc.name,
  }))
  if (!location) return { locations, images: [], cpuTypes: [], diskSizesGb: [] }
  if (!datacenters.some((dc) => dc.id === location))
    throw new BadInputError(
      `location: no datacenter "${location}"; one of ${datacenters.map((dc) => dc.id).join(', ')}`,
      { field: 'location' },
    )
  const [images, capabilities] = await Promise.all([
    client.request('GET', '/service/server', {
      query: { images: '1', datacenter: location },
      schema: imagesSchema,
      signal,
      read: true,
    }),
    client.request('GET', '/service/server', {
      query: { capabilities: '1', datacenter: location },
      schema: capabilitiesSchema,
      signal,
      read: true,
    }),
  ])
  return {
    locations,
    images: images.map((image) => ({
      id: image.id,
      name: image.name,
      os: image.os ?? null,
      location: image.datacenter,
    })),
    cpuTypes: capabilities.cpuTypes.map((type) => ({
      id: type.id,
      name: type.name,
      description: type.description ?? null,
      cores: type.cpuCores,
      memoryMb: type.ramMB,
    })),
    diskSizesGb: capabilities.diskSizeGB,
  }
}
