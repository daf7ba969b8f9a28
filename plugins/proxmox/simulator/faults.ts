import { RequestFaults, type RequestFaultsSnapshot } from 'hangar/provider-kit/testing'

export type { HeldAnswerRule, StatusRule as FaultRule } from 'hangar/provider-kit/testing'
import type { TaskOutcome } from './tasks.js'

/** A plain-JSON view of the active faults (`GET /_simulator/faults`). */
export interface FaultSnapshot extends RequestFaultsSnapshot {
  brokenPipeNodes: Record<string, number | null>
  offlineNodes: string[]
  lockTimeouts: Record<string, number | null>
  nextTaskOutcomes: Record<string, TaskOutcome>
  /** Guests whose next SSH exec fails, with the stderr it prints. */
  nextExecFailures: Record<string, string>
}

/** The message used for random failures when none is given. */
export const DEFAULT_RANDOM_ERROR = "cfs-lock 'file-replication_cfg' error: got lock request timeout"

/** What a failed exec prints when the test does not say. */
export const DEFAULT_EXEC_ERROR =
  'E: Unable to fetch some archives, maybe run apt-get update or try with --fix-missing?\n'

/**
 * Fault injection, settable per test. Request-level faults are checked by the server for every
 * api2 request; task faults are consumed when the next task for the vmid starts.
 */
export class SimulatorFaults extends RequestFaults {
  private readonly brokenPipe = new Map<string, number | null>()
  private readonly lockTimeouts = new Map<number, number | null>()
  private readonly nextTask = new Map<number, TaskOutcome>()
  private readonly nextExec = new Map<number, string>()

  constructor(
    private readonly setNodeOnlineHook: (node: string, online: boolean) => void,
    private readonly setLockHook: (vmid: number, lock: string | null) => void,
    private readonly offlineNodesHook: () => string[],
  ) {
    super(DEFAULT_RANDOM_ERROR)
  }

  /** Answers requests proxied to `node` with 596 `Broken pipe` (`times` hits, or until reset). */
  brokenPipeOn(node: string, times?: number): void {
    this.brokenPipe.set(node, times ?? null)
  }

  /** Takes a node offline (`online: false`) or back online. */
  setNodeOnline(node: string, online: boolean): void {
    this.setNodeOnlineHook(node, online)
  }

  /** Makes writes touching `vmid` fail with `can't lock file ... - got timeout` (`times` hits, or until reset). */
  lockTimeout(vmid: number, times?: number): void {
    this.lockTimeouts.set(vmid, times ?? null)
  }

  /** Sets a guest's config `lock` (e.g. `backup`), or clears it with `null`. */
  setLock(vmid: number, lock: string | null): void {
    this.setLockHook(vmid, lock)
  }

  /** Makes the next task for `vmid` end with `TASK ERROR: <message>`. */
  failNextTask(vmid: number, message: string): void {
    this.nextTask.set(vmid, { kind: 'error', message })
  }

  /** Makes the next task for `vmid` succeed with `TASK WARNINGS: <count>`. */
  warnNextTask(vmid: number, count = 1): void {
    this.nextTask.set(vmid, { kind: 'warnings', count })
  }

  /**
   * Makes the next command run over SSH on guest `vmid` print `stderr` and exit with code 1,
   * without running (in either `guestExec` mode).
   */
  failNextExec(vmid: number, stderr: string = DEFAULT_EXEC_ERROR): void {
    this.nextExec.set(vmid, stderr.endsWith('\n') ? stderr : `${stderr}\n`)
  }

  /** Clears every fault and brings all nodes back online. */
  override reset(): void {
    super.reset()
    this.brokenPipe.clear()
    this.lockTimeouts.clear()
    this.nextTask.clear()
    this.nextExec.clear()
    for (const node of this.offlineNodesHook()) this.setNodeOnlineHook(node, true)
  }

  /** A JSON-friendly view of the active faults. */
  override snapshot(): FaultSnapshot {
    return {
      ...super.snapshot(),
      brokenPipeNodes: Object.fromEntries(this.brokenPipe),
      offlineNodes: this.offlineNodesHook(),
      lockTimeouts: Object.fromEntries(this.lockTimeouts),
      nextTaskOutcomes: Object.fromEntries(this.nextTask),
      nextExecFailures: Object.fromEntries(this.nextExec),
    }
  }

  /** Whether a request for `node` hits a broken pipe (consumes one hit). */
  takeBrokenPipe(node: string): boolean {
    return takeCounted(this.brokenPipe, node)
  }

  /** Whether a write touching `vmid` hits a lock timeout (consumes one hit). */
  takeLockTimeout(vmid: number): boolean {
    return takeCounted(this.lockTimeouts, vmid)
  }

  /** The forced outcome for the next task on `vmid`, consumed. */
  takeTaskOutcome(vmid: number): TaskOutcome | undefined {
    const outcome = this.nextTask.get(vmid)
    this.nextTask.delete(vmid)
    return outcome
  }

  /** The stderr of a pending exec failure on `vmid`, consumed. */
  takeExecFailure(vmid: number): string | undefined {
    const stderr = this.nextExec.get(vmid)
    this.nextExec.delete(vmid)
    return stderr
  }
}

function takeCounted<K>(map: Map<K, number | null>, key: K): boolean {
  if (!map.has(key)) return false
  const left = map.get(key)
  if (left === null || left === undefined) return true
  if (left <= 1) map.delete(key)
  else map.set(key, left - 1)
  return true
}
