import { z } from 'zod'
import type { FaultControl } from './fault-control.js'
import { FaultMix, type FaultMixOptions, faultMixSchema, type MixedFault } from './fault-mix.js'

/** Which requests a rule applies to. */
export interface RequestMatch {
  /** HTTP method to match (any when left out). */
  method?: string
  /** Path to match: a substring, a RegExp, or over HTTP a string written as `/regex/flags`. */
  path?: string | RegExp
  /** Matching requests to apply to before the rule expires (forever when left out, unless the list says otherwise). */
  times?: number
}

/** A canned error answer. */
export interface StatusRule extends RequestMatch {
  /** Status to answer with: 500, 503, 596, ... */
  status: number
  /** The error message, in the upstream's own envelope. */
  message?: string
  /** A raw body to send instead of the upstream's error envelope. */
  body?: unknown
}

/** Connections to drop for matching requests. */
export interface DropRule extends RequestMatch {
  /**
   * Drop only after the request was fully processed, so its effect happens (a create really starts)
   * but the answer is lost. Default false: drop before doing anything.
   */
  afterProcessing?: boolean
}

/**
 * A request that is carried out but whose answer is held back for `ms` (a client that gives up,
 * or a gateway killed meanwhile, never reads it): the lost answer of a create that did happen.
 */
export interface HeldAnswerRule extends RequestMatch {
  ms: number
}

/** Requests to refuse with 429, before anything else is looked at. */
export interface RateLimitRule extends RequestMatch {
  /** The `Retry-After` header: seconds, or a string sent as is (an HTTP date); none when left out. */
  retryAfter?: number | string
}

type Shown<R extends RequestMatch> = Omit<R, 'path'> & { path?: string }

/** `/regex/flags` becomes a RegExp, anything else stays a substring. */
export function parsePathPattern(path: string): string | RegExp {
  const match = /^\/(.+)\/([gimsuy]*)$/.exec(path)
  if (!match || !/[\\^$*+?()[\]{}|.]/.test(match[1] ?? '')) return path
  return new RegExp(match[1] ?? '', match[2])
}

function matches(rule: RequestMatch, method: string, path: string): boolean {
  if (rule.method && rule.method.toUpperCase() !== method) return false
  if (rule.path === undefined) return true
  return rule.path instanceof RegExp ? rule.path.test(path) : path.includes(rule.path)
}

/** Rules tried in order; each hit uses one of a rule's `times`, and a rule with none left goes. */
export class RuleList<R extends RequestMatch> {
  private rules: R[] = []

  /** @param defaultTimes what a rule without `times` gets (undefined: it never expires). */
  constructor(private readonly defaultTimes?: number) {}

  add(rule: R): void {
    const times = rule.times ?? this.defaultTimes
    this.rules.push({
      ...rule,
      ...(times === undefined ? {} : { times }),
      path: typeof rule.path === 'string' ? parsePathPattern(rule.path) : rule.path,
    })
  }

  /** The first rule matching this request, using one of its `times`. */
  take(method: string, path: string): R | undefined {
    const rule = this.rules.find((candidate) => matches(candidate, method, path))
    if (rule?.times !== undefined) {
      rule.times -= 1
      if (rule.times <= 0) this.rules = this.rules.filter((candidate) => candidate !== rule)
    }
    return rule
  }

  clear(): void {
    this.rules = []
  }

  /** The rules as plain JSON (a RegExp path as `/regex/flags`). */
  snapshot(): Shown<R>[] {
    return this.rules.map((rule) => ({ ...rule, path: rule.path instanceof RegExp ? String(rule.path) : rule.path }))
  }
}

/** A plain-JSON view of the request faults (part of `GET /_simulator/faults`). */
export interface RequestFaultsSnapshot {
  latencyMs: number
  errorRate: number
  errorMessage: string
  rules: Shown<StatusRule>[]
  drops: Shown<DropRule>[]
  heldAnswers: Shown<HeldAnswerRule>[]
  rateLimits: Shown<RateLimitRule>[]
  /** The seeded mix of failures, with what it injected so far (null when off). */
  mix: ReturnType<FaultMix['snapshot']> | null
}

/**
 * The faults every simulated API offers, settable per test and over `/_simulator/faults`: latency,
 * a random share of errors, canned error answers, dropped connections (before or after the work),
 * held-back answers, 429s, and a seeded mix of these. `serveWithFaults` asks the `take*` methods
 * for each API request, in a fixed order; a simulator extends this class with its upstream's own
 * faults (Proxmox's offline nodes, Kamatera's failing commands).
 */
export class RequestFaults {
  /** Delay before every answer, in ms. */
  latencyMs = 0
  /** Fraction (0..1) of requests answered 500 with {@link errorMessage}. */
  errorRate = 0
  errorMessage: string
  private readonly rules = new RuleList<StatusRule>()
  private readonly drops = new RuleList<DropRule>(1)
  private readonly held = new RuleList<HeldAnswerRule>()
  private readonly rateLimits = new RuleList<RateLimitRule>()
  private mix: FaultMix | undefined

  /** @param defaultErrorMessage the message of random failures when none is given. */
  constructor(private readonly defaultErrorMessage: string) {
    this.errorMessage = defaultErrorMessage
  }

  /** Delays every answer by `ms` (dropped ones too). */
  setLatency(ms: number): void {
    this.latencyMs = Math.max(0, ms)
  }

  /** Answers a fraction `rate` (0..1) of requests with 500 `message`. */
  setErrorRate(rate: number, message: string = this.defaultErrorMessage): void {
    this.errorRate = Math.min(1, Math.max(0, rate))
    this.errorMessage = message
  }

  /** Adds a canned error answer; with `times`, it expires after that many hits. */
  addRule(rule: StatusRule): void {
    this.rules.add(rule)
  }

  /** Destroys the socket of the next matching request(s) (`times`, default 1), before or after processing them. */
  dropConnection(rule: DropRule = {}): void {
    this.drops.add(rule)
  }

  /** Carries out matching requests but holds their answers back (see {@link HeldAnswerRule}). */
  holdAnswers(rule: HeldAnswerRule): void {
    this.held.add(rule)
  }

  /** Answers matching requests 429, with `Retry-After` when given. */
  rateLimit(rule: RateLimitRule = {}): void {
    this.rateLimits.add(rule)
  }

  /** Fails a seeded share of API requests in a mix of ways (resets, statuses, slow answers); `null` turns it off. */
  setMix(options: FaultMixOptions | null): void {
    this.mix = options ? new FaultMix(options) : undefined
  }

  /** The mixed fault for this request, if it gets one. */
  takeMixed(): MixedFault | undefined {
    return this.mix?.take()
  }

  takeRule(method: string, path: string): StatusRule | undefined {
    return this.rules.take(method, path)
  }

  takeDrop(method: string, path: string): DropRule | undefined {
    return this.drops.take(method, path)
  }

  takeHeld(method: string, path: string): HeldAnswerRule | undefined {
    return this.held.take(method, path)
  }

  takeRateLimit(method: string, path: string): RateLimitRule | undefined {
    return this.rateLimits.take(method, path)
  }

  /** Whether this request falls into the random error fraction. */
  rollRandomError(): boolean {
    return this.errorRate > 0 && Math.random() < this.errorRate
  }

  /** Clears every fault. */
  reset(): void {
    this.latencyMs = 0
    this.errorRate = 0
    this.errorMessage = this.defaultErrorMessage
    this.rules.clear()
    this.drops.clear()
    this.held.clear()
    this.rateLimits.clear()
    this.mix = undefined
  }

  /** A JSON-friendly view of the active request faults. */
  snapshot(): RequestFaultsSnapshot {
    return {
      latencyMs: this.latencyMs,
      errorRate: this.errorRate,
      errorMessage: this.errorMessage,
      rules: this.rules.snapshot(),
      drops: this.drops.snapshot(),
      heldAnswers: this.held.snapshot(),
      rateLimits: this.rateLimits.snapshot(),
      mix: this.mix?.snapshot() ?? null,
    }
  }
}

const matchShape = {
  method: z.string().optional(),
  path: z.string().optional(),
  times: z.number().int().positive().optional(),
}

/**
 * The fields of `POST /_simulator/faults` for {@link RequestFaults}, every one optional; lists add
 * to what is set already. A simulator spreads this into its own patch schema.
 */
export const requestFaultsPatchShape = {
  latencyMs: z.number().min(0).optional(),
  errorRate: z.number().min(0).max(1).optional(),
  errorMessage: z.string().optional(),
  rules: z
    .array(
      z.object({
        ...matchShape,
        status: z.number().int().min(100).max(999),
        message: z.string().optional(),
        body: z.unknown().optional(),
      }),
    )
    .optional(),
  drops: z.array(z.object({ ...matchShape, afterProcessing: z.boolean().optional() })).optional(),
  heldAnswers: z.array(z.object({ ...matchShape, ms: z.number().int().positive() })).optional(),
  rateLimits: z
    .array(z.object({ ...matchShape, retryAfter: z.union([z.number().int().min(0), z.string().min(1)]).optional() }))
    .optional(),
  /** A seeded share of requests failing in a mix of ways; null turns it off. */
  mix: faultMixSchema.nullable().optional(),
}

/** `POST /_simulator/faults` of a simulator that has only the request faults. */
export const requestFaultsPatchSchema = z.object(requestFaultsPatchShape)

/** The request-fault part of a `POST /_simulator/faults` body. */
export type RequestFaultsPatch = z.infer<typeof requestFaultsPatchSchema>

/**
 * The {@link FaultControl} of a simulator whose faults are plain {@link RequestFaults}: hand it to
 * `handleFaultControl` (with `reply` for the API's own envelope, else plain JSON).
 */
export function requestFaultsControl(
  faults: RequestFaults,
  reply?: FaultControl<RequestFaultsPatch>['reply'],
): FaultControl<RequestFaultsPatch> {
  return {
    patchSchema: requestFaultsPatchSchema,
    apply: (patch) => applyRequestFaultsPatch(faults, patch),
    reset: () => faults.reset(),
    snapshot: () => faults.snapshot(),
    ...(reply ? { reply } : {}),
  }
}

/** Applies the request-fault fields of a patch. */
export function applyRequestFaultsPatch(faults: RequestFaults, patch: RequestFaultsPatch): void {
  if (patch.latencyMs !== undefined) faults.setLatency(patch.latencyMs)
  if (patch.errorRate !== undefined) faults.setErrorRate(patch.errorRate, patch.errorMessage)
  for (const rule of patch.rules ?? []) faults.addRule(rule)
  for (const drop of patch.drops ?? []) faults.dropConnection(drop)
  for (const rule of patch.heldAnswers ?? []) faults.holdAnswers(rule)
  for (const limit of patch.rateLimits ?? []) faults.rateLimit(limit)
  if (patch.mix !== undefined) faults.setMix(patch.mix)
}
