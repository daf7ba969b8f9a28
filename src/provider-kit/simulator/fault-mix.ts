import { z } from 'zod'
import { seededRandom, type SeededRandom } from './seeded-random.js'

/**
 * One kind of failure a {@link FaultMix} can pick. `weight` (default 1) is how often it is picked
 * relative to the others.
 * - `reset-before`: the connection is dropped before the request is processed (nothing happened);
 * - `reset-after`: the request is processed, then the connection is dropped (it happened, the answer is lost);
 * - `status`: answered with this HTTP status before processing (e.g. 500, 429 with `Retry-After`, 596);
 * - `slow`: processed at once, answered `delayMs` late (a client that gave up never hears of it).
 */
export type MixedFault =
  | { kind: 'reset-before'; weight?: number }
  | { kind: 'reset-after'; weight?: number }
  | { kind: 'status'; status: number; message: string; retryAfterSeconds?: number; weight?: number }
  | { kind: 'slow'; delayMs: number; weight?: number }

/** Options of {@link FaultMix}: a seeded share of every API request fails in one of several ways. */
export interface FaultMixOptions {
  /** Fraction (0..1) of API requests that get a fault. */
  rate: number
  /** Seed of the picks, so that a run can be repeated (the order requests arrive in still varies). */
  seed: number
  faults: MixedFault[]
}

/** The JSON form of {@link FaultMixOptions} (`mix` in `POST /_simulator/faults`; `null` turns it off). */
export const faultMixSchema: z.ZodType<FaultMixOptions> = z.object({
  rate: z.number().min(0).max(1),
  seed: z.number().int(),
  faults: z
    .array(
      z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('reset-before'), weight: z.number().positive().optional() }),
        z.object({ kind: z.literal('reset-after'), weight: z.number().positive().optional() }),
        z.object({
          kind: z.literal('status'),
          status: z.number().int().min(400).max(999),
          message: z.string(),
          retryAfterSeconds: z.number().int().min(0).optional(),
          weight: z.number().positive().optional(),
        }),
        z.object({
          kind: z.literal('slow'),
          delayMs: z.number().int().min(0),
          weight: z.number().positive().optional(),
        }),
      ]),
    )
    .min(1),
})

/** A label per fault for the counts: the kind, or the status code. */
export const labelOf = (fault: MixedFault): string => (fault.kind === 'status' ? String(fault.status) : fault.kind)

/**
 * Picks, for each API request, whether it fails and how, and counts what it injected;
 * `serveWithFaults` applies the pick, in each simulator's own answer style.
 */
export class FaultMix {
  private readonly random: SeededRandom
  private readonly total: number
  /** How many requests got each fault, by {@link labelOf}. */
  readonly counts: Record<string, number> = {}
  /** How many requests were considered. */
  requests = 0

  constructor(readonly options: FaultMixOptions) {
    this.random = seededRandom(options.seed)
    this.total = options.faults.reduce((sum, fault) => sum + (fault.weight ?? 1), 0)
  }

  /** The fault for the next request, or undefined when it goes through untouched. */
  take(): MixedFault | undefined {
    this.requests += 1
    // Two draws per request whatever the outcome, so one seed always gives one sequence.
    const fails = this.random.next() < this.options.rate
    let roll = this.random.next() * this.total
    if (!fails) return undefined
    const { faults } = this.options
    // The last fault also takes what floating-point rounding leaves over.
    const fault = faults.find((candidate) => (roll -= candidate.weight ?? 1) < 0) ?? faults.at(-1)!
    const label = labelOf(fault)
    this.counts[label] = (this.counts[label] ?? 0) + 1
    return fault
  }

  /** A JSON view: the options, requests seen and faults injected. */
  snapshot(): FaultMixOptions & { requests: number; counts: Record<string, number> } {
    return { ...this.options, requests: this.requests, counts: { ...this.counts } }
  }
}
