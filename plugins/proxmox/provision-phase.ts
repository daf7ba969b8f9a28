import { isTransientError } from './error-classes.js'
import { ProxmoxApiError } from './proxmox-api-error.js'
import type { ProxmoxClient } from './proxmox-client.js'

/** What a phase gets on every poll. */
export interface PhaseContext {
  client: ProxmoxClient
  signal?: AbortSignal
  /** Adds a line to this poll's log. */
  log(line: string): void
}

/**
 * One phase of a provisioning (clone, configure, start, wait for an address, ...). The handle
 * calls `advance` once per poll until it resolves `true`; a phase that throws fails the
 * provisioning with "<label> failed: <why>".
 */
export interface Phase {
  /** Names the phase in failure messages: `clone` gives "clone failed: ...". */
  readonly label: string
  /** How long the phase may take from its first poll. */
  readonly timeoutMs: number
  /** The failure once `timeoutMs` has passed; default "<label> did not finish within N s". */
  readonly timeoutMessage?: string
  /** Does the next bit of work: `true` once the phase is complete, `false` to be polled again. */
  advance(context: PhaseContext): Promise<boolean>
}

/** A failure whose message is complete as it is (no "<label> failed:" prefix). */
export class PhaseFailure extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PhaseFailure'
  }
}

/** Transient errors (a dropped connection, a 596) a phase may meet in a row before it fails. */
const TRANSIENT_FAILURES_TOLERATED = 3

/** A Proxmox error as one line: the message plus the per-parameter reasons of a 400. */
export function describeError(error: unknown): string {
  if (error instanceof ProxmoxApiError) {
    const fields = Object.entries(error.errors).map(([key, reason]) => `${key}: ${reason}`)
    return fields.length > 0 ? `${error.message} (${fields.join('; ')})` : error.message
  }
  return error instanceof Error ? error.message : String(error)
}

/** Whole seconds, for messages such as "within 300 s". */
export function seconds(ms: number): number {
  return Math.round(ms / 1000)
}

/**
 * Runs phases in order, each within its own deadline. One `advance` call goes through as many
 * phases as complete at once and stops at the first that has to be polled again.
 */
export class PhaseRunner {
  private index = 0
  private phaseDeadline: number | undefined
  private transientFailures = 0

  constructor(private readonly phases: readonly Phase[]) {}

  /** The label of the phase under way (the last one once all are done). */
  get current(): string {
    return this.phases[Math.min(this.index, this.phases.length - 1)]?.label ?? 'provisioning'
  }

  /** `true` once every phase is complete; throws a {@link PhaseFailure} when one fails. */
  async advance(context: PhaseContext): Promise<boolean> {
    while (this.index < this.phases.length) {
      const phase = this.phases[this.index]!
      this.phaseDeadline ??= Date.now() + phase.timeoutMs
      if (Date.now() > this.phaseDeadline) {
        throw new PhaseFailure(
          phase.timeoutMessage ?? `${phase.label} did not finish within ${seconds(phase.timeoutMs)} s`,
        )
      }
      let done: boolean
      try {
        done = await phase.advance(context)
        this.transientFailures = 0
      } catch (error) {
        if (context.signal?.aborted) throw error
        if (error instanceof PhaseFailure) throw error
        // The client has retried idempotent calls already; a few more polls ride out a longer blip.
        const why = describeError(error)
        if (isTransientError(error) && ++this.transientFailures < TRANSIENT_FAILURES_TOLERATED) {
          context.log(`${phase.label}: ${why}; trying again`)
          return false
        }
        throw new PhaseFailure(why.startsWith(`${phase.label} failed`) ? why : `${phase.label} failed: ${why}`)
      }
      if (!done) return false
      this.index += 1
      this.phaseDeadline = undefined
    }
    return true
  }
}
