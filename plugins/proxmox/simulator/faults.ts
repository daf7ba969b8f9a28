import { FaultMix, type FaultMixOptions, type MixedFault } from '../../../src/simulator-kit/fault-mix.js'
import type { TaskOutcome } from './tasks.js'

/** A canned error reply for matching api2 requests. */
export interface FaultRule {
  /** HTTP method to match (any when left out). */
  method?: string
  /**
   * Path to match, relative to `/api2/json` (e.g. `/nodes/pve1/qemu/100/status/start`):
   * a substring, a RegExp, or over HTTP a string written as `/regex/flags`.
   */
  path?: string | RegExp
  /** Status to answer with: 500, 595, 596, 503, ... */
  status: number
  /** Reason phrase and body message. */
  message: string
  /** Number of matching requests to fail before the rule expires (forever when left out). */
  times?: number
}

/**
 * A request that is carried out but whose answer is held back for `ms` (a client that gives up,
 * or a gateway killed meanwhile, never reads it): the lost answer of a create that did happen.
 */
export interface HeldAnswerRule {
  method?: string
  /** As {@link FaultRule.path}. */
  path?: string | RegExp
  ms: number
  times?: number
}

/** A plain-JSON view of the active faults (`GET /_simulator/faults`). */
export interface FaultSnapshot {
  latencyMs: number
  errorRate: number
  errorMessage: string
  rules: Array<Omit<FaultRule, 'path'> & { path?: string }>
  heldAnswers: Array<Omit<HeldAnswerRule, 'path'> & { path?: string }>
  brokenPipeNodes: Record<string, number | null>
  offlineNodes: string[]
  lockTimeouts: Record<string, number | null>
  nextTaskOutcomes: Record<string, TaskOutcome>
  /** Guests whose next SSH exec fails, with the stderr it prints. */
  nextExecFailures: Record<string, string>
  /** The seeded mix of failures, with what it injected so far (null when off). */
  mix: ReturnType<FaultMix['snapshot']> | null
}

/** The message used for random failures when none is given. */
export const DEFAULT_RANDOM_ERROR = "cfs-lock 'file-replication_cfg' error: got lock request timeout"

/** What a failed exec prints when the test does not say. */
export const DEFAULT_EXEC_ERROR = 'E: Unable to fetch some archives, maybe run apt-get update or try with --fix-missing?\n'

/**
 * Fault injection, settable per test. Request-level faults are checked by the server for every
 * api2 request; task faults are consumed when the next task for the vmid starts.
 */
export class SimulatorFaults {
  /** Delay before every api2 reply, in ms. */
  latencyMs = 0
  /** Fraction (0..1) of api2 requests answered with a 500 {@link errorMessage}. */
  errorRate = 0
  errorMessage = DEFAULT_RANDOM_ERROR
  private rules: FaultRule[] = []
  private held: HeldAnswerRule[] = []
  private readonly brokenPipe = new Map<string, number | null>()
  private readonly lockTimeouts = new Map<number, number | null>()
  private readonly nextTask = new Map<number, TaskOutcome>()
  private readonly nextExec = new Map<number, string>()
  private mix: FaultMix | undefined

  constructor(
    private readonly setNodeOnlineHook: (node: string, online: boolean) => void,
    private readonly setLockHook: (vmid: number, lock: string | null) => void,
    private readonly offlineNodesHook: () => string[],
  ) {}

  /** Delays every api2 reply by `ms`. */
  setLatency(ms: number): void {
    this.latencyMs = Math.max(0, ms)
  }

  /** Fails a fraction `rate` (0..1) of api2 requests with 500 `message`. */
  setErrorRate(rate: number, message: string = DEFAULT_RANDOM_ERROR): void {
    this.errorRate = Math.min(1, Math.max(0, rate))
    this.errorMessage = message
  }

  /** Adds a canned error reply; with `times`, it expires after that many hits. */
  addRule(rule: FaultRule): void {
    this.rules.push({ ...rule, path: typeof rule.path === 'string' ? parsePathPattern(rule.path) : rule.path })
  }

  /** Carries out matching requests but holds their answers back (see {@link HeldAnswerRule}). */
  holdAnswers(rule: HeldAnswerRule): void {
    this.held.push({ ...rule, path: typeof rule.path === 'string' ? parsePathPattern(rule.path) : rule.path })
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

  /** Fails a seeded share of api2 requests in a mix of ways (resets, statuses, slow answers); `null` turns it off. */
  setMix(options: FaultMixOptions | null): void {
    this.mix = options ? new FaultMix(options) : undefined
  }

  /** The mixed fault for this request, if it gets one. */
  takeMixed(): MixedFault | undefined {
    return this.mix?.take()
  }

  /** Clears every fault and brings all nodes back online. */
  reset(): void {
    this.latencyMs = 0
    this.errorRate = 0
    this.errorMessage = DEFAULT_RANDOM_ERROR
    this.rules = []
    this.held = []
    this.brokenPipe.clear()
    this.lockTimeouts.clear()
    this.nextTask.clear()
    this.nextExec.clear()
    this.mix = undefined
    for (const node of this.offlineNodesHook()) this.setNodeOnlineHook(node, true)
  }

  /** A JSON-friendly view of the active faults. */
  snapshot(): FaultSnapshot {
    return {
      latencyMs: this.latencyMs,
      errorRate: this.errorRate,
      errorMessage: this.errorMessage,
      rules: this.rules.map((r) => ({ ...r, path: r.path instanceof RegExp ? String(r.path) : r.path })),
      heldAnswers: this.held.map((r) => ({ ...r, path: r.path instanceof RegExp ? String(r.path) : r.path })),
      brokenPipeNodes: Object.fromEntries(this.brokenPipe),
      offlineNodes: this.offlineNodesHook(),
      lockTimeouts: Object.fromEntries(this.lockTimeouts),
      nextTaskOutcomes: Object.fromEntries(this.nextTask),
      nextExecFailures: Object.fromEntries(this.nextExec),
      mix: this.mix?.snapshot() ?? null,
    }
  }

  /** The first rule matching this request, consuming one of its `times`. */
  takeRule(method: string, path: string): FaultRule | undefined {
    const rule = firstMatch(this.rules, method, path)
    if (rule?.times !== undefined) {
      rule.times -= 1
      if (rule.times <= 0) this.rules = this.rules.filter((r) => r !== rule)
    }
    return rule
  }

  /** How long to hold back the answer to this (carried out) request; 0: answer at once. */
  takeHeldAnswer(method: string, path: string): number {
    const rule = firstMatch(this.held, method, path)
    if (rule?.times !== undefined) {
      rule.times -= 1
      if (rule.times <= 0) this.held = this.held.filter((r) => r !== rule)
    }
    return rule?.ms ?? 0
  }

  /** Whether a request for `node` hits a broken pipe (consumes one hit). */
  takeBrokenPipe(node: string): boolean {
    return takeCounted(this.brokenPipe, node)
  }

  /** Whether a write touching `vmid` hits a lock timeout (consumes one hit). */
  takeLockTimeout(vmid: number): boolean {
    return takeCounted(this.lockTimeouts, vmid)
  }

  /** Whether this request falls into the random error fraction. */
  rollRandomError(): boolean {
    return this.errorRate > 0 && Math.random() < this.errorRate
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

function firstMatch<R extends { method?: string; path?: string | RegExp }>(rules: R[], method: string, path: string): R | undefined {
  return rules.find(
    (r) =>
      (!r.method || r.method.toUpperCase() === method) &&
      (r.path === undefined || (r.path instanceof RegExp ? r.path.test(path) : path.includes(r.path))),
  )
}

function takeCounted<K>(map: Map<K, number | null>, key: K): boolean {
  if (!map.has(key)) return false
  const left = map.get(key)
  if (left === null || left === undefined) return true
  if (left <= 1) map.delete(key)
  else map.set(key, left - 1)
  return true
}

/** `/regex/flags` becomes a RegExp, anything else stays a substring. */
function parsePathPattern(path: string): string | RegExp {
  const m = /^\/(.+)\/([gimsuy]*)$/.exec(path)
  if (!m || !/[\\^$*+?()[\]{}|.]/.test(m[1] ?? '')) return path
  return new RegExp(m[1] ?? '', m[2])
}
