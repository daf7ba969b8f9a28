import type { CallOptions, GuestAccess, TaskHandle, TaskProgress } from 'hangar/provider-kit'
import { cleanupPhases, type CleanupReport } from './provision-cleanup.js'
import { describeError, PhaseFailure, PhaseRunner, seconds, type Phase, type PhaseContext } from './provision-phase.js'
import { nativeIdOf, type GuestUnderWay } from './provision-steps.js'
import type { ProxmoxClient } from './proxmox-client.js'

/** How long deleting a half-made guest may take on top of the provisioning's own deadline. */
export const CLEANUP_TIMEOUT_MS = 5 * 60_000

/**
 * Refs of provisioning handles: `provision:pending:app-1` before a vmid is chosen,
 * `provision:intent:qemu/107@pve1:app-1` once chosen and while its create may be on its way (the
 * guest may or may not exist), `provision:qemu/107@pve1:app-1` once made.
 */
const REF_PREFIX = 'provision:'

/** Options of {@link createProvisionTask}. */
export interface ProvisionTaskOptions {
  guest: GuestUnderWay
  /** The provisioning, in order; the guest is made by one of them. */
  phases: Phase[]
  /**
   * How the engine reaches the guest, asked once every phase is done. Left out for a server made
   * for a person (`createServer`, `cloneServer`): its final poll names the server only.
   */
  access?(): GuestAccess
  pollIntervalMs: number
  /** How long the phases may take together. */
  timeoutMs: number
  /** How long one cleanup step may take (bounded by {@link CLEANUP_TIMEOUT_MS}). */
  taskTimeoutMs: number
  /**
   * A provisioning taken up again by ref (after a gateway restart, or when the core stopped
   * following it): it cannot go on, so it starts in cleanup and ends failed with what the cleanup
   * found, said plainly. `uncertain`: the guest's create may not have landed.
   */
  resumed?: { uncertain: boolean }
}

/** The ref a provisioning can be resumed from. */
function refOf(guest: GuestUnderWay): string {
  const name = encodeURIComponent(guest.name)
  if (guest.vmid === undefined || !guest.node) return `${REF_PREFIX}pending:${name}`
  return `${REF_PREFIX}${guest.created ? '' : 'intent:'}${guest.type}/${guest.vmid}@${guest.node}:${name}`
}

/** True for refs made by {@link createProvisionTask}. */
export function isProvisionRef(ref: string): boolean {
  return ref.startsWith(REF_PREFIX)
}

/**
 * The guest a provisioning ref names. An `intent` ref's guest counts as made: its create may have
 * landed with the answer lost, and the cleanup finds out (a guest that is not there, or that
 * carries another name, is left alone).
 */
export function parseProvisionRef(ref: string): GuestUnderWay & { uncertain: boolean } {
  const chosen = /^provision:(intent:)?(qemu|lxc)\/(\d+)@([^:]+):(.*)$/.exec(ref)
  if (chosen) {
    return {
      type: chosen[2] as 'qemu' | 'lxc',
      vmid: Number(chosen[3]),
      node: chosen[4]!,
      name: decodeURIComponent(chosen[5]!),
      created: true,
      uncertain: chosen[1] !== undefined,
    }
  }
  const pending = /^provision:pending:(.*)$/.exec(ref)
  return { type: 'qemu', name: decodeURIComponent(pending?.[1] ?? ''), created: false, uncertain: false }
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
  let failure = options.resumed ? 'interrupted' : undefined
  let cleanup: PhaseRunner | undefined
  const report: CleanupReport = {}
  let finished: TaskProgress | undefined
  let lastRef = refOf(guest)

  function startCleanup(log: (line: string) => void): void {
    if (!guest.created) return
    log(`cleaning up: deleting the half-made ${nativeIdOf(guest)}`)
    cleanup = new PhaseRunner(
      cleanupPhases(guest, Math.min(options.taskTimeoutMs, CLEANUP_TIMEOUT_MS), options.pollIntervalMs, report),
    )
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

  /** What a resumed provisioning's cleanup found, said plainly. */
  function resumedOutcome(): string {
    const id = nativeIdOf(guest)
    if (!guest.created) return 'no guest had been made yet'
    if (report.outcome === 'deleted') return `the half-made guest ${id} was removed`
    if (report.outcome === 'gone')
      return options.resumed?.uncertain
        ? `its create of ${id} had not made a guest, so nothing was left behind`
        : `the half-made guest ${id} was already gone`
    if (report.outcome === 'not-ours') {
      return options.resumed?.uncertain
        ? `${id} belongs to someone else (it is named '${report.foundName}'), so its create had not made a guest`
        : `the half-made guest ${id} was already gone (that id now belongs to '${report.foundName}')`
    }
    return ''
  }

  if (options.resumed) startCleanup(() => {})

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
            throw new PhaseFailure(
              `provisioning did not finish within ${seconds(options.timeoutMs)} s (still at: ${main.current})`,
            )
          }
          if (await main.advance(context)) {
            finished = progress('succeeded', [], options.access ? { guest: options.access() } : {})
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
      let cleanupFailure: string | undefined
      if (cleanup) {
        try {
          if (!(await cleanup.advance(context))) return progress('running', lines)
        } catch (error) {
          if (signal?.aborted) throw error
          cleanupFailure = describeError(error)
          lines.push(cleanupFailure)
        }
      }
      const couldNot =
        cleanupFailure &&
        `could not remove the half-made guest ${nativeIdOf(guest)} (${cleanupFailure}); it may need deleting by hand`
      if (options.resumed) failure = resumedOutcome() || couldNot || `${nativeIdOf(guest)} was left as it was`
      else if (couldNot) failure = `${failure}; ${couldNot}`
      finished = progress('failed', [], { error: failure })
      return { ...finished, lines }
    },
  }
}
