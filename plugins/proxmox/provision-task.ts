import type { CallOptions, GuestAccess, TaskHandle, TaskProgress } from '../../src/providers/contract.js'
import { cleanupPhases } from './provision-cleanup.js'
import { describeError, PhaseFailure, PhaseRunner, seconds, type Phase, type PhaseContext } from './provision-phase.js'
import { nativeIdOf, type GuestUnderWay } from './provision-steps.js'
import type { ProxmoxClient } from './proxmox-client.js'

/** How long deleting a half-made guest may take on top of the provisioning's own deadline. */
export const CLEANUP_TIMEOUT_MS = 5 * 60_000

/** Refs of provisioning handles: `provision:qemu/107@pve1:app-1` once made, `provision:pending:app-1` before. */
const REF_PREFIX = 'provision:'

/** Options of {@link createProvisionTask}. */
export interface ProvisionTaskOptions {
  guest: GuestUnderWay
  /** The provisioning, in order; the guest is made by one of them. */
  phases: Phase[]
  /** How the engine reaches the guest, asked once every phase is done. */
  access(): GuestAccess
  pollIntervalMs: number
  /** How long the phases may take together. */
  timeoutMs: number
  /** How long one cleanup step may take (bounded by {@link CLEANUP_TIMEOUT_MS}). */
  taskTimeoutMs: number
  /** Starts in cleanup with this failure (a provisioning resumed after a restart). */
  failure?: string
}

/** The ref a provisioning can be resumed from. */
function refOf(guest: GuestUnderWay): string {
  const name = encodeURIComponent(guest.name)
  return guest.created && guest.vmid !== undefined && guest.node ? `${REF_PREFIX}${guest.type}/${guest.vmid}@${guest.node}:${name}` : `${REF_PREFIX}pending:${name}`
}

/** True for refs made by {@link createProvisionTask}. */
export function isProvisionRef(ref: string): boolean {
  return ref.startsWith(REF_PREFIX)
}

/** The guest a provisioning ref names. */
export function parseProvisionRef(ref: string): GuestUnderWay {
  const made = /^provision:(qemu|lxc)\/(\d+)@([^:]+):(.*)$/.exec(ref)
  if (made) return { type: made[1] as 'qemu' | 'lxc', vmid: Number(made[2]), node: made[3]!, name: decodeURIComponent(made[4]!), created: true }
  const pending = /^provision:pending:(.*)$/.exec(ref)
  return { type: 'qemu', name: decodeURIComponent(pending?.[1] ?? ''), created: false }
}

/**
 * One provisioning as a single handle: runs the phases poll by poll, and on a failure after the
 * guest was made, deletes it before reporting `failed`. The handle's deadline leaves room for that
 * cleanup after the provisioning's own deadline, so the core does not give up on it first.
 */
export function createProvisionTask(client: ProxmoxClient, options: ProvisionTaskOptions): TaskHandle {
  const { guest } = options
  const startedAt = Date.now()
  const mainDeadline = startedAt + options.timeoutMs
  const main = new PhaseRunner(options.phases)
  let failure = options.failure
  let cleanup: PhaseRunner | undefined
  let finished: TaskProgress | undefined
  let lastRef = refOf(guest)

  function startCleanup(log: (line: string) => void): void {
    if (!guest.created) return
    log(`cleaning up: deleting the half-made ${nativeIdOf(guest)}`)
    cleanup = new PhaseRunner(cleanupPhases(guest, Math.min(options.taskTimeoutMs, CLEANUP_TIMEOUT_MS), options.pollIntervalMs))
  }

  function progress(state: TaskProgress['state'], lines: string[], extra: Partial<TaskProgress> = {}): TaskProgress {
    const out: TaskProgress = { state, lines, ...extra }
    if (guest.created) out.serverNativeId = nativeIdOf(guest)
    const ref = refOf(guest)
    if (ref !== lastRef) {
      out.ref = ref
      lastRef = ref
    }
    return out
  }

  if (failure !== undefined) startCleanup(() => {})

  return {
    get ref() {
      return refOf(guest)
    },
    pollIntervalMs: options.pollIntervalMs,
    deadline: new Date(mainDeadline + CLEANUP_TIMEOUT_MS + 10 * options.pollIntervalMs),
    async poll({ signal }: CallOptions): Promise<TaskProgress> {
      if (finished) return { ...finished, lines: [] }
      const lines: string[] = []
      const context: PhaseContext = { client, signal, log: (line) => lines.push(line) }
      if (failure === undefined) {
        try {
          if (Date.now() > mainDeadline) {
            throw new PhaseFailure(`provisioning did not finish within ${seconds(options.timeoutMs)} s (still at: ${main.current})`)
          }
          if (await main.advance(context)) {
            finished = progress('succeeded', [], { guest: options.access() })
            return { ...finished, lines }
          }
          return progress('running', lines)
        } catch (error) {
          if (signal?.aborted) throw error
          failure = describeError(error)
          lines.push(`failed: ${failure}`)
          startCleanup(context.log)
        }
      }
      if (cleanup) {
        try {
          if (!(await cleanup.advance(context))) return progress('running', lines)
        } catch (error) {
          if (signal?.aborted) throw error
          const why = describeError(error)
          lines.push(why)
          failure = `${failure}; ${why} (${nativeIdOf(guest)} may need deleting by hand)`
        }
      }
      finished = progress('failed', [], { error: failure })
      return { ...finished, lines }
    },
  }
}
