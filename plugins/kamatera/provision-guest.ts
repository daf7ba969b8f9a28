import {
  BadInputError,
  type CallOptions,
  type GuestAccess,
  type GuestSpec,
  type TaskHandle,
  type TaskProgress,
  UnsupportedError,
} from 'hangar/provider-kit'
import { followCreate, lostCreateHandle, type CreateContext } from './follow-create.js'
import { createKamateraServer } from './kamatera-create.js'
import { readServerInfo } from './server-info.js'
import { commandIdsSchema, type KamateraServerInfo } from './upstream-schemas.js'

/** What provisioning needs from the provider: its create context and its guest options. */
export interface ProvisionContext extends CreateContext {
  /** Datacenter of a guest whose spec names none. */
  datacenter: string
  /** Disk image id or description. */
  image: string
  cpuType: 'A' | 'B' | 'D' | 'T'
  sshPort: number
  /** How long making one guest may take, from the create to its public address. */
  timeoutMs: number
}

/** How long removing a half-made server may take on top of the provisioning's own deadline. */
export const CLEANUP_TIMEOUT_MS = 5 * 60_000

/** Kamatera's server names: at least 4 of letters, digits, `-`, `_` (and the `(1)` it adds itself). */
const SERVER_NAME = /^[A-Za-z0-9_-]{4,}$/

/**
 * Refs of provisioning handles: `provision:<create ref>` while the create's command runs (the
 * create's own ref, see `follow-create.ts`), `provision:server:<id>:<name>` once the server is known.
 */
const REF_PREFIX = 'provision:'

/** True for refs made by {@link provisionKamateraGuest}. */
export const isProvisionRef = (ref: string): boolean => ref.startsWith(REF_PREFIX)

function checkSpec(spec: GuestSpec): void {
  const bad = (field: string, message: string): never => {
    throw new BadInputError(`${field} ${message}`, { field })
  }
  if (spec.kind === 'CONTAINER')
    throw new UnsupportedError('kamatera: deploys onto VMs only; use a Proxmox provider for containers')
  if (!SERVER_NAME.test(spec.name))
    bad('name', `must be at least 4 letters, digits, '-' or '_' for a Kamatera server: '${spec.name}'`)
  if (!/^\S+ \S+/.test(spec.sshPublicKey.trim()) || /[\r\n]/.test(spec.sshPublicKey.trim())) {
    bad('sshPublicKey', 'must be one public key in OpenSSH format (type, key, optional comment)')
  }
}

/** The public (`wan-*`) address of a server, once it has one. */
function publicIpOf(info: KamateraServerInfo): string | undefined {
  return info.networks?.find((network) => network.network.startsWith('wan'))?.ips[0]
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error))

type Phase =
  /** The create's command, followed until the server it made is known. */
  | { kind: 'create'; handle: TaskHandle }
  /** The server exists: wait for it to be powered on with a public address. */
  | { kind: 'ready'; serverId: string }
  /** Something failed after the server was made: terminate it. */
  | { kind: 'cleanup'; serverId: string; commandId?: string; handle?: TaskHandle; until: number; lastError?: string }
  | { kind: 'done'; progress: TaskProgress }

/** Options of the handle: a fresh provisioning, or one taken up again by ref. */
interface HandleOptions {
  name: string
  datacenter: string | null
  first: Phase
  /** A provisioning taken up again after a gateway restart: it cleans up and fails, saying what it found. */
  resumed?: boolean
}

/**
 * One provisioning as a single handle: the create (a lost answer is looked up by name, never sent
 * again), then the server's power and public address; on a failure after the server was made, it
 * is terminated before the handle reports `failed`.
 */
function provisionHandle(context: ProvisionContext, options: HandleOptions): TaskHandle {
  const { name } = options
  const mainDeadline = Date.now() + context.timeoutMs
  let phase: Phase = options.first
  let failure: string | undefined = options.resumed ? 'interrupted' : undefined
  let announcedWait = false
  let lastReadError: string | undefined
  let datacenter = options.datacenter

  const refOf = (): string => {
    if (phase.kind === 'create') return `${REF_PREFIX}${phase.handle.ref}`
    const serverId = phase.kind === 'done' ? undefined : phase.serverId
    return serverId
      ? `${REF_PREFIX}server:${serverId}:${encodeURIComponent(name)}`
      : `${REF_PREFIX}ended:${encodeURIComponent(name)}`
  }
  let lastRef = refOf()

  function out(progress: TaskProgress): TaskProgress {
    const ref = refOf()
    if (ref !== lastRef && phase.kind !== 'done') {
      lastRef = ref
      return { ...progress, ref }
    }
    return progress
  }

  function fail(reason: string, serverId: string | undefined, lines: string[]): TaskProgress {
    failure = reason
    lines.push(`failed: ${reason}`)
    if (!serverId) return finish({ state: 'failed', lines: [], error: reason }, lines)
    lines.push(`cleaning up: terminating the half-made server ${serverId}`)
    phase = { kind: 'cleanup', serverId, until: Date.now() + CLEANUP_TIMEOUT_MS }
    return { state: 'running', lines, serverNativeId: serverId }
  }

  function finish(progress: TaskProgress, lines: string[]): TaskProgress {
    phase = { kind: 'done', progress: { ...progress, lines: [] } }
    return { ...progress, lines: [...lines, ...progress.lines] }
  }

  function readInfo(serverId: string, signal?: AbortSignal): Promise<KamateraServerInfo | undefined> {
    return readServerInfo(context.client, serverId, { signal })
  }

  async function create(handle: TaskHandle, signal: AbortSignal | undefined, lines: string[]): Promise<TaskProgress> {
    const progress = await handle.poll({ signal })
    lines.push(...progress.lines)
    if (progress.state === 'running') return { state: 'running', lines }
    const serverId = progress.serverNativeId
    if (progress.state === 'failed') {
      // A create that failed upstream made nothing; one whose outcome is unknown says so itself.
      return fail(progress.error ?? 'the create failed', serverId, lines)
    }
    if (!serverId)
      return fail(
        `the server ${name} was made but cannot be found by its name; it may need deleting by hand`,
        undefined,
        lines,
      )
    lines.push(`server ${serverId} made; waiting for it to power on with a public address`)
    phase = { kind: 'ready', serverId }
    return { state: 'running', lines, serverNativeId: serverId }
  }

  async function ready(serverId: string, signal: AbortSignal | undefined, lines: string[]): Promise<TaskProgress> {
    let info: KamateraServerInfo | undefined
    try {
      info = await readInfo(serverId, signal)
    } catch (error) {
      if (signal?.aborted) throw error
      // Reads were already retried by the client; try again at the next poll, until the deadline.
      lastReadError = describe(error)
      return { state: 'running', lines }
    }
    if (!info) return fail(`server ${serverId} disappeared while it was being made`, undefined, lines)
    datacenter = info.datacenter
    const ip = publicIpOf(info)
    if (info.power !== 'on' || !ip) {
      if (!announcedWait)
        lines.push(
          `server ${serverId} is` +
            ` ${info.power === 'on' ? 'on, without a public address yet' : `powered ${info.power}`}; waiting`,
        )
      announcedWait = true
      return { state: 'running', lines }
    }
    lines.push(`server ${info.name} (${serverId}) is on at ${ip}`)
    const guest: GuestAccess = {
      nativeId: serverId,
      location: datacenter,
      ip,
      sshPort: context.sshPort,
      sshUser: 'root',
    }
    return finish({ state: 'succeeded', lines: [], serverNativeId: serverId, guest }, lines)
  }

  /** Terminates the half-made server: gone already is fine; errors are retried until the cleanup's deadline. */
  async function cleanup(
    current: Extract<Phase, { kind: 'cleanup' }>,
    signal: AbortSignal | undefined,
    lines: string[],
  ): Promise<TaskProgress> {
    const { serverId } = current
    try {
      if (!current.handle) {
        const info = await readInfo(serverId, signal)
        if (!info) return cleanedUp(`the half-made server ${serverId} was already gone`, lines)
        if (info.name !== name && !info.name.startsWith(`${name}(`)) {
          return cleanedUp(
            `server ${serverId} is named '${info.name}', not '${name}', so it is not ours to terminate`,
            lines,
            false,
          )
        }
        const ids = await context.client.request('POST', '/service/server/terminate', {
          body: { id: serverId, force: true },
          schema: commandIdsSchema,
          signal,
          read: false,
        })
        current.commandId = ids[0]!
        current.handle = context.command(current.commandId)
        lines.push(`terminating ${info.name} (${serverId})`)
      }
      const progress = await current.handle.poll({ signal })
      lines.push(...progress.lines)
      if (progress.state === 'running') return { state: 'running', lines }
      if (progress.state === 'failed') {
        // The command failed: look again (it may be gone anyway) with a new terminate.
        current.lastError = progress.error
        delete current.handle
      } else {
        return cleanedUp(`the half-made server ${serverId} was removed`, lines)
      }
    } catch (error) {
      if (signal?.aborted) throw error
      current.lastError = describe(error)
      delete current.handle
    }
    if (Date.now() > current.until) {
      return cleanedUp(
        `could not remove the half-made server ${serverId} ` +
          `(${current.lastError ?? 'no answer'}); it may need deleting by hand`,
        lines,
        false,
      )
    }
    return { state: 'running', lines }
  }

  /**
   * Ends a cleanup: a resumed provisioning fails with what it found, a fresh one with its own failure (and what was
   * left, if anything).
   */
  function cleanedUp(outcome: string, lines: string[], removed = true): TaskProgress {
    lines.push(outcome)
    const error = options.resumed ? outcome : removed ? failure! : `${failure}; ${outcome}`
    return finish({ state: 'failed', lines: [], error }, lines)
  }

  return {
    get ref() {
      return refOf()
    },
    pollIntervalMs: context.pollIntervalMs,
    deadline: new Date(mainDeadline + CLEANUP_TIMEOUT_MS + 10 * context.pollIntervalMs),
    async poll({ signal }: CallOptions): Promise<TaskProgress> {
      const lines: string[] = []
      const current = phase
      if (current.kind === 'done') return current.progress
      if (current.kind !== 'cleanup' && Date.now() > mainDeadline) {
        const at =
          current.kind === 'create'
            ? 'creating the server'
            : `waiting for server ${current.serverId} to power on with a public ` +
              `address${lastReadError ? ` (last read: ${lastReadError})` : ''}`
        return out(
          fail(
            `provisioning did not finish within ${Math.round(context.timeoutMs / 1000)} s (still ${at})`,
            current.kind === 'ready' ? current.serverId : undefined,
            lines,
          ),
        )
      }
      if (current.kind === 'create') return out(await create(current.handle, signal, lines))
      if (current.kind === 'ready') return out(await ready(current.serverId, signal, lines))
      return out(await cleanup(current, signal, lines))
    },
  }
}

/**
 * Starts provisioning a deployment guest on Kamatera: a server from the guest image with the
 * deployment's key authorised for root (no password: Kamatera sets a random one and throws it
 * away), followed until it is on with a public address.
 */
export async function provisionKamateraGuest(
  context: ProvisionContext,
  spec: GuestSpec,
  { signal }: CallOptions,
): Promise<TaskHandle> {
  checkSpec(spec)
  const datacenter = spec.location ?? context.datacenter
  const create = await createKamateraServer(
    context,
    {
      name: spec.name,
      location: datacenter,
      image: context.image,
      cpu: spec.cpu,
      memoryMb: spec.memoryMb,
      diskGb: spec.diskGb,
      sshKey: spec.sshPublicKey.trim(),
      powerOn: true,
      options: { cpuType: context.cpuType },
    },
    { signal },
  )
  return provisionHandle(context, { name: spec.name, datacenter, first: { kind: 'create', handle: create } })
}

/**
 * Rebuilds a provisioning handle after a gateway restart. The provisioning cannot be picked up
 * again, so what it made is removed and the handle fails saying plainly what it found: a known
 * server is terminated; a create still in the queue is followed to its end and what it made is
 * terminated; a create whose answer was lost cannot be told apart from another server any more.
 */
export function resumeKamateraProvisioning(context: ProvisionContext, ref: string): TaskHandle {
  const known = /^provision:server:([^:]+):(.*)$/.exec(ref)
  if (known) {
    const name = decodeURIComponent(known[2]!)
    return provisionHandle(context, {
      name,
      datacenter: null,
      resumed: true,
      first: { kind: 'cleanup', serverId: known[1]!, until: Date.now() + CLEANUP_TIMEOUT_MS },
    })
  }
  const creating = /^provision:create:(\d+):(.+)$/.exec(ref)
  if (creating) {
    const name = creating[2]!
    const handle = resumedCreate(context, creating[1]!, name)
    return provisionHandle(context, { name, datacenter: null, resumed: true, first: { kind: 'create', handle } })
  }
  const name = ref.replace(/^provision:(lost-create:|ended:)?/, '')
  return lostCreateHandle(ref, decodeURIComponent(name), context.pollIntervalMs)
}

/**
 * The create of a resumed provisioning: its command, followed to the server it made, which then
 * counts as half-made (a failed command made nothing, and says so).
 */
function resumedCreate(context: ProvisionContext, commandId: string, name: string): TaskHandle {
  const follow = followCreate(context, { commandId, name })
  return {
    ref: follow.ref,
    pollIntervalMs: follow.pollIntervalMs,
    get deadline() {
      return follow.deadline
    },
    async poll(options: CallOptions): Promise<TaskProgress> {
      const progress = await follow.poll(options)
      if (progress.state === 'failed')
        return { ...progress, error: `its create of ${name} had not made a server, so nothing was left behind` }
      if (progress.state === 'succeeded' && progress.serverNativeId)
        return { ...progress, state: 'failed', error: 'interrupted' }
      return progress
    },
  }
}
