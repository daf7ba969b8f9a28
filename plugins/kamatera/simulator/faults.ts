import { FaultMix, type FaultMixOptions, type MixedFault } from '../../../src/simulator-kit/fault-mix.js'

/** A canned answer for matching cloudcli requests. */
export interface FaultRule {
  /** HTTP method to match (any when left out). */
  method?: string
  /** Path to match (e.g. `/service/server/info`): a substring, a RegExp, or over HTTP `/regex/flags`. */
  path?: string | RegExp
  /** HTTP status to answer with. */
  status: number
  /** `{"message": ...}` of the answer (default `Unexpected error`); ignored when `body` is set. */
  message?: string
  /** A raw JSON body to send instead of `{"message": ...}`. */
  body?: unknown
  /** Matching requests to answer before the rule expires (forever when left out). */
  times?: number
}

/** Connections to drop for matching requests. */
export interface DropRule {
  method?: string
  /** Substring, RegExp, or `/regex/flags` over HTTP. */
  path?: string | RegExp
  /** Matching requests to drop (default 1). */
  times?: number
  /**
   * Drop only after the request was fully processed, so its effect happens (a create really starts)
   * but the answer is lost. Default false: drop before doing anything.
   */
  afterProcessing?: boolean
}

/**
 * Requests to answer 429 the way Laravel's throttle middleware does, before the proxy looks at
 * the request (credentials included): `{"message": "Too Many Attempts."}` with `Retry-After`
 * and the `X-RateLimit-*` headers.
 */
export interface RateLimitRule {
  method?: string
  /** Substring, RegExp, or `/regex/flags` over HTTP. */
  path?: string | RegExp
  /** Matching requests to refuse (forever when left out). */
  times?: number
  /**
   * The `Retry-After` header: seconds (what Laravel sends), or a string sent as is (an HTTP date);
   * no header when left out.
   */
  retryAfter?: number | string
}

/** The body of a throttled request (Laravel's `ThrottleRequestsException`). */
export const TOO_MANY_ATTEMPTS = 'Too Many Attempts.'

/** A plain-JSON view of the active faults (`GET /_simulator/faults`). */
export interface FaultSnapshot {
  latencyMs: number
  errorRate: number
  errorMessage: string
  rules: Array<Omit<FaultRule, 'path'> & { path?: string }>
  serversInfoFailures: number
  drops: Array<Omit<DropRule, 'path'> & { path?: string }>
  rateLimits: Array<Omit<RateLimitRule, 'path'> & { path?: string }>
  commandFailures: Record<string, string>
  /** The seeded mix of failures, with what it injected so far (null when off). */
  mix: ReturnType<FaultMix['snapshot']> | null
}

/** The message of random failures when none is given. */
export const DEFAULT_RANDOM_ERROR = 'Unexpected error'

/** The intermittent failure seen on `/service/server/info`. */
export const SERVERS_INFO_FAILURE = 'Failed to run command method (serversInfo)'

/**
 * Fault injection, settable per test. Request faults are checked for every `/service` and `/server`
 * request after authentication; command failures are consumed by the next command for a server.
 */
export class KamateraFaults {
  /** Delay before every answer, in ms. */
  latencyMs = 0
  /** Fraction (0..1) of requests answered 500 with {@link errorMessage}. */
  errorRate = 0
  errorMessage = DEFAULT_RANDOM_ERROR
  private rules: FaultRule[] = []
  private drops: DropRule[] = []
  private rateLimits: RateLimitRule[] = []
  private serversInfoFailures = 0
  private readonly commandFailures = new Map<string, string>()
  private mix: FaultMix | undefined

  /** Delays every answer by `ms` (also dropped ones). */
  setLatency(ms: number): void {
    this.latencyMs = Math.max(0, ms)
  }

  /** Answers a fraction `rate` (0..1) of requests with 500 `{"message": message}`. */
  setErrorRate(rate: number, message: string = DEFAULT_RANDOM_ERROR): void {
    this.errorRate = Math.min(1, Math.max(0, rate))
    this.errorMessage = message
  }

  /** Adds a canned answer; with `times`, it expires after that many hits. */
  addRule(rule: FaultRule): void {
    this.rules.push({ ...rule, path: typeof rule.path === 'string' ? parsePathPattern(rule.path) : rule.path })
  }

  /** The next `times` calls of `POST /service/server/info` fail with 500 `Failed to run command method (serversInfo)`. */
  failServersInfo(times = 1): void {
    this.serversInfoFailures += Math.max(0, times)
  }

  /** Destroys the socket of the next matching request(s), before or after processing them. */
  dropConnection(rule: DropRule = {}): void {
    this.drops.push({ ...rule, times: rule.times ?? 1, path: typeof rule.path === 'string' ? parsePathPattern(rule.path) : rule.path })
  }

  /** Answers matching requests 429 `Too Many Attempts.`, with `Retry-After` when given. */
  rateLimit(rule: RateLimitRule = {}): void {
    this.rateLimits.push({ ...rule, path: typeof rule.path === 'string' ? parsePathPattern(rule.path) : rule.path })
  }

  /**
   * Makes the next command for a server end in `error` with `message` in its log, without effect.
   * `server` is a server id, or a name (a create's requested or final name).
   */
  failNextCommand(server: string, message: string): void {
    this.commandFailures.set(server, message)
  }

  /** Fails a seeded share of API requests in a mix of ways (resets, statuses, slow answers); `null` turns it off. */
  setMix(options: FaultMixOptions | null): void {
    this.mix = options ? new FaultMix(options) : undefined
  }

  /** The mixed fault for this request, if it gets one. */
  takeMixed(): MixedFault | undefined {
    return this.mix?.take()
  }

  /** Clears every fault. */
  reset(): void {
    this.latencyMs = 0
    this.errorRate = 0
    this.errorMessage = DEFAULT_RANDOM_ERROR
    this.rules = []
    this.drops = []
    this.rateLimits = []
    this.serversInfoFailures = 0
    this.commandFailures.clear()
    this.mix = undefined
  }

  /** A JSON-friendly view of the active faults. */
  snapshot(): FaultSnapshot {
    const show = (p: string | RegExp | undefined): string | undefined => (p instanceof RegExp ? String(p) : p)
    return {
      latencyMs: this.latencyMs,
      errorRate: this.errorRate,
      errorMessage: this.errorMessage,
      rules: this.rules.map((r) => ({ ...r, path: show(r.path) })),
      serversInfoFailures: this.serversInfoFailures,
      drops: this.drops.map((d) => ({ ...d, path: show(d.path) })),
      rateLimits: this.rateLimits.map((r) => ({ ...r, path: show(r.path) })),
      commandFailures: Object.fromEntries(this.commandFailures),
      mix: this.mix?.snapshot() ?? null,
    }
  }

  /** The first rule matching this request, consuming one of its `times`. */
  takeRule(method: string, path: string): FaultRule | undefined {
    const rule = this.rules.find((r) => matches(r, method, path))
    if (rule?.times !== undefined) {
      rule.times -= 1
      if (rule.times <= 0) this.rules = this.rules.filter((r) => r !== rule)
    }
    return rule
  }

  /** The first drop rule matching this request, consuming one of its `times`. */
  takeDrop(method: string, path: string): DropRule | undefined {
    const drop = this.drops.find((d) => matches(d, method, path))
    if (drop) {
      drop.times = (drop.times ?? 1) - 1
      if (drop.times <= 0) this.drops = this.drops.filter((d) => d !== drop)
    }
    return drop
  }

  /** The first rate limit matching this request, consuming one of its `times`. */
  takeRateLimit(method: string, path: string): RateLimitRule | undefined {
    const rule = this.rateLimits.find((r) => matches(r, method, path))
    if (rule?.times !== undefined) {
      rule.times -= 1
      if (rule.times <= 0) this.rateLimits = this.rateLimits.filter((r) => r !== rule)
    }
    return rule
  }

  /** Whether this `server/info` call hits the intermittent failure (consumes one). */
  takeServersInfoFailure(): boolean {
    if (this.serversInfoFailures <= 0) return false
    this.serversInfoFailures -= 1
    return true
  }

  /** Whether this request falls into the random error fraction. */
  rollRandomError(): boolean {
    return this.errorRate > 0 && Math.random() < this.errorRate
  }

  /** The forced failure of the next command for a server (by id first, then by each name), consumed. */
  takeCommandFailure(keys: ReadonlyArray<string | undefined>): string | undefined {
    for (const key of keys) {
      if (key === undefined) continue
      const message = this.commandFailures.get(key)
      if (message !== undefined) {
        this.commandFailures.delete(key)
        return message
      }
    }
    return undefined
  }
}

function matches(rule: { method?: string; path?: string | RegExp }, method: string, path: string): boolean {
  if (rule.method && rule.method.toUpperCase() !== method) return false
  if (rule.path === undefined) return true
  return rule.path instanceof RegExp ? rule.path.test(path) : path.includes(rule.path)
}

/** `/regex/flags` becomes a RegExp, anything else stays a substring. */
function parsePathPattern(path: string): string | RegExp {
  const m = /^\/(.+)\/([gimsuy]*)$/.exec(path)
  if (!m || !/[\\^$*+?()[\]{}|.]/.test(m[1] ?? '')) return path
  return new RegExp(m[1] ?? '', m[2])
}
