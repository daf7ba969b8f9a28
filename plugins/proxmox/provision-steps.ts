import type { TaskHandle } from 'hangar/provider-kit'
import { listClusterGuests } from './cluster-guests.js'
import { isTransientError } from './error-classes.js'
import type { Phase, PhaseContext } from './provision-phase.js'
import { ProxmoxApiError } from './proxmox-api-error.js'
import { createProxmoxTask } from './proxmox-task.js'
import { type ClusterResource, guestStatusSchema, nextIdSchema, upidSchema } from './upstream-schemas.js'

/** The guest a provisioning is making, filled in as the phases learn about it. */
export interface GuestUnderWay {
  type: 'qemu' | 'lxc'
  /** Guest name (VM) or hostname (CT); also how a guest whose create answer was lost is recognised. */
  name: string
  node?: string
  vmid?: number
  /** True once the create (or clone) went through: only then is the guest ours to delete. */
  created: boolean
}

/** `qemu/107`, the contract's server id. */
export function nativeIdOf(guest: GuestUnderWay): string {
  return `${guest.type}/${guest.vmid ?? '?'}`
}

/** `/nodes/pve1/qemu/107`; only valid once node and vmid are known. */
export function guestPathOf(guest: GuestUnderWay): string {
  return `/nodes/${guest.node}/${guest.type}/${guest.vmid}`
}

/** The cluster's VMs and containers as `/cluster/resources` lists them: node, name, lock. */
export function clusterGuests({ client, signal }: PhaseContext): Promise<ClusterResource[]> {
  return listClusterGuests(client, signal)
}

/** The guest's entry in {@link clusterGuests} (the node it is on now, its lock); `undefined` once it is gone. */
export async function findGuest(context: PhaseContext, guest: GuestUnderWay): Promise<ClusterResource | undefined> {
  return (await clusterGuests(context)).find((item) => item.vmid === guest.vmid && item.type === guest.type)
}

/** A phase that does its work in one poll. */
export function onceStep(label: string, timeoutMs: number, run: (context: PhaseContext) => Promise<void>): Phase {
  return {
    label,
    timeoutMs,
    async advance(context) {
      await run(context)
      return true
    },
  }
}

/** A phase that checks something every poll until it holds. */
export function waitStep(
  label: string,
  timeoutMs: number,
  check: (context: PhaseContext) => Promise<boolean>,
  timeoutMessage?: string,
): Phase {
  return { label, timeoutMs, timeoutMessage, advance: check }
}

/**
 * A phase that starts an upstream task and follows its UPID, passing its log lines on. `start`
 * answers `null` when there is nothing to follow (the step was skipped, or PVE did it inline).
 */
export function taskStep(
  label: string,
  timeoutMs: number,
  pollIntervalMs: number,
  start: (context: PhaseContext) => Promise<string | null>,
): Phase {
  let started = false
  let task: TaskHandle | undefined
  return {
    label,
    timeoutMs,
    async advance(context) {
      if (!started) {
        const upid = await start(context)
        started = true
        if (upid === null) return true
        task = createProxmoxTask(context.client, upid, { pollIntervalMs, deadline: new Date(Date.now() + timeoutMs) })
        return false
      }
      if (!task) return true
      const progress = await task.poll({ signal: context.signal })
      for (const line of progress.lines) context.log(line)
      if (progress.state === 'failed') throw new Error(progress.error ?? 'unexpected status')
      return progress.state === 'succeeded'
    },
  }
}

/** Waits until a guest's config `lock` is gone (a clone's lock can outlive its task for a moment). */
export function unlockStep(label: string, timeoutMs: number, path: () => string, what: () => string): Phase {
  let announced = false
  return waitStep(
    label,
    timeoutMs,
    async ({ client, signal, log }) => {
      const status = await client.request('GET', `${path()}/status/current`, { schema: guestStatusSchema, signal })
      if (!status.lock) return true
      if (!announced) log(`waiting for ${what()} to be unlocked (${status.lock})`)
      announced = true
      return false
    },
    `${label} did not finish within ${Math.round(timeoutMs / 1000)} s: still locked`,
  )
}

/** How often a create is tried with a fresh vmid when another client took the id first. */
const CREATE_ATTEMPTS = 5

/** `VM 107 already exists on node 'pve1'` (500), or 400 `errors.vmid` from a `?vmid=` check. */
function isAlreadyExists(error: unknown): boolean {
  if (!(error instanceof ProxmoxApiError)) return false
  return (
    /already exists/i.test(error.message) ||
    Object.values(error.errors).some((reason) => /already exists/i.test(reason))
  )
}

/** What {@link createStep} needs to know about the create (a clone or an LXC create). */
export interface CreateStepOptions {
  label: string
  timeoutMs: number
  pollIntervalMs: number
  guest: GuestUnderWay
  /** The log line announcing the create, e.g. "cloning template 9000 to 107 on pve1". */
  describe(vmid: number): string
  /** Sends the create for `vmid` and answers its UPID. Never retried on a lost answer. */
  create(vmid: number, context: PhaseContext): Promise<string>
}

/**
 * Allocates a vmid with `/cluster/nextid` and creates the guest, then follows the create's task.
 * The poll that picks the vmid ends before the create is sent, so the provisioning's ref names the
 * guest it is about to make (see `provision-task.ts`): a gateway killed while the create is on its
 * way knows which guest to look for. `nextid` is only a hint: when the id is taken before the
 * create lands ("already exists"), a new one is fetched. When the answer is lost, the guest is
 * looked for by the vmid (and its name) before anything is sent again, so one provisioning never
 * makes two guests. A guest found that way is adopted without a UPID; the step after the create
 * waits for its lock to clear.
 */
export function createStep(options: CreateStepOptions): Phase {
  const { guest } = options
  let attempts = 0
  let follow: Phase | undefined
  // The create for `guest.vmid` was sent and its answer lost: look before sending anything again,
  // also on the next poll when the look-up itself failed.
  let answerLost = false
  const startOver = () => {
    guest.vmid = undefined
    answerLost = false
    return false
  }
  return {
    label: options.label,
    timeoutMs: options.timeoutMs,
    async advance(context) {
      if (follow) return follow.advance(context)
      const { client, signal, log } = context
      if (guest.vmid === undefined) {
        if (++attempts > CREATE_ATTEMPTS)
          throw new Error(`no free vmid after ${CREATE_ATTEMPTS} attempts (other clients keep taking them)`)
        guest.vmid = await client.request('GET', '/cluster/nextid', { schema: nextIdSchema, signal })
        return false
      }
      const vmid = guest.vmid
      if (!answerLost) {
        log(options.describe(vmid))
        try {
          const upid = await options.create(vmid, context)
          guest.created = true
          follow = taskStep(options.label, options.timeoutMs, options.pollIntervalMs, async () => upid)
          return follow.advance(context)
        } catch (error) {
          if (signal?.aborted) throw error
          if (isAlreadyExists(error)) {
            log(`vmid ${vmid} was taken by someone else meanwhile; asking for another`)
            return startOver()
          }
          if (!isTransientError(error)) throw error
          answerLost = true
        }
      }
      const found = (await clusterGuests(context)).find((item) => item.vmid === vmid)
      if (!found) {
        log(`the answer to the ${options.label} was lost and there is no guest ${vmid}: trying again`)
        return startOver()
      }
      if (found.type !== guest.type || found.name !== guest.name) {
        log(`vmid ${vmid} was taken by someone else meanwhile; asking for another`)
        return startOver()
      }
      log(`the answer to the ${options.label} was lost, but ${found.id} exists: following it`)
      guest.created = true
      if (found.node) guest.node = found.node
      return true
    },
  }
}

/**
 * Starts a guest made stopped (when `wanted`), following the start task; "already running" is
 * fine. `name` says how the log line names it (default `qemu/107`).
 */
export function startStep(
  guest: GuestUnderWay,
  wanted: boolean,
  timeoutMs: number,
  pollIntervalMs: number,
  name: () => string = () => nativeIdOf(guest),
): Phase {
  return taskStep('start', timeoutMs, pollIntervalMs, async ({ client, signal, log }) => {
    if (!wanted) return null
    log(`starting ${name()}`)
    try {
      return await client.request('POST', `${guestPathOf(guest)}/status/start`, { schema: upidSchema, signal })
    } catch (error) {
      if (error instanceof ProxmoxApiError && /already running/i.test(error.message)) return null
      throw error
    }
  })
}

/** The last line of a create: what was made, where. */
export function madeStep(guest: GuestUnderWay, what: string, after = ''): Phase {
  return onceStep('done', 1000, async ({ log }) =>
    log(`made ${what} ${nativeIdOf(guest)} (${guest.name}) on ${guest.node}${after}`),
  )
}
