import type { IncomingMessage, ServerResponse } from 'node:http'
import type { MixedFault } from './fault-mix.js'
import type { DropRule, RequestFaults } from './request-faults.js'

/** Sends one answer that is already decided; {@link serveWithFaults} picks when, or whether, it goes out. */
export type SimulatorReply = () => void

/** A failure the faults inject after authentication, to be thrown in the upstream's own error. */
export interface InjectedFailure {
  /** A canned rule (`addRule`), a `status` of the seeded mix, or the random error rate. */
  source: 'rule' | 'mix' | 'random'
  status: number
  /** The message asked for; a rule may leave it out, and the upstream's usual text is used then. */
  message?: string
  /** A rule's raw body, to send instead of the upstream's envelope if the simulator supports it. */
  body?: unknown
}

/** A throttled request: a rate-limit rule matched, or the seeded mix picked a 429. */
export interface Throttle {
  /** The `Retry-After` to send: seconds, or a string sent as is (an HTTP date); none when undefined. */
  retryAfter?: number | string
  /** The mix's message (undefined for a rate-limit rule). */
  message?: string
}

/**
 * What differs from one upstream to another along {@link serveWithFaults}: the request's identity
 * for the fault rules, and the steps the simulator does in its upstream's own way. `Admitted` is
 * what {@link admit} hands to {@link work} (the parsed body, the caller, ...).
 */
export interface FaultPipeline<Admitted> {
  faults: RequestFaults
  /** The method (upper case) and path the fault rules match against. */
  method: string
  path: string
  /**
   * Whether the request meets the faults (default true). One that does not, such as a path
   * outside the simulated API, meets only the latency.
   */
  counted?: boolean
  /**
   * Optional: looks at the request before the throttle and answers at once, with no fault after
   * this point, when the upstream refuses it there (Laravel's 404 and 405 come before its throttle;
   * pveproxy's unknown prefix). Undefined goes on.
   */
  screen?(): SimulatorReply | undefined | Promise<SimulatorReply | undefined>
  /** The upstream's 429, with its `Retry-After` and rate-limit headers; answered at once, before the body is read. */
  throttled(throttle: Throttle): SimulatorReply | Promise<SimulatorReply>
  /** Reads and parses the body, then authenticates; throws the upstream's errors (413, 401, ...). */
  admit(): Promise<Admitted>
  /** The upstream's error for an injected failure (it is thrown, and answered by {@link failed}). */
  injected(failure: InjectedFailure): Error
  /** Routes the request and does the work; throws the upstream's errors (404, 405, 400, ...). */
  work(admitted: Admitted): SimulatorReply | Promise<SimulatorReply>
  /** The answer to an error thrown by `admit`, `injected` or `work`, in the upstream's envelope. */
  failed(error: unknown): SimulatorReply
}

/**
 * Serves one request of a simulated API through the kit's {@link RequestFaults}, in the order a
 * client meets them in front of and inside a real API, so that every simulator injects the same
 * faults the same way and only says how its upstream looks:
 *
 * 1. the latency (`setLatency`), for every request, dropped ones too;
 * 2. the seeded mix (`setMix`) picks this request's fault, if any; a drop rule (`dropConnection`)
 *    or the mix's `reset-before` destroys the socket before anything is done;
 * 3. `screen`: an answer the upstream gives before it throttles (an unknown route), sent at once;
 * 4. a rate-limit rule (`rateLimit`) or the mix's 429: `throttled`, sent at once;
 * 5. `admit`: the body and the caller, so that unauthenticated requests get the upstream's 401;
 * 6. a canned rule (`addRule`), the mix's other statuses (with `Retry-After` when it has
 *    `retryAfterSeconds`) and the random error rate (`setErrorRate`), each made by `injected` and thrown;
 * 7. `work`: routing and the work itself, answered by its reply, or by `failed` for an error;
 * 8. a drop after processing (or the mix's `reset-after`) destroys the socket: the work is done
 *    whatever the answer said; otherwise a held answer (`holdAnswers`) and the mix's `slow` delay
 *    the reply, which is then sent.
 *
 * A request that is not `counted` meets only step 1 (then 3, 5 and 7). Count or log requests, and
 * answer what is no API request at all (a readiness probe), before calling this. The hooks that
 * answer return a {@link SimulatorReply} rather than writing it, so that the pipeline can hold it
 * back, delay it or drop the connection instead. `examples/provider-template/simulator/` has a
 * complete simulator built this way; in short:
 *
 * ```ts
 * api: (req, res) => serveWithFaults(req, res, {
 *   faults, method, path,
 *   throttled: ({ retryAfter }) => {
 *     if (retryAfter !== undefined) res.setHeader('Retry-After', String(retryAfter))
 *     return () => send(res, 429, { error: 'rate_limited' })
 *   },
 *   admit: async () => checkToken(req, await readRequestBody(req, 64 * 1024)),
 *   injected: ({ status, message }) => new AcmeError(status, message ?? 'injected failure'),
 *   work: (body) => dispatch(method, path, body),
 *   failed: (error) => () => send(res, statusOf(error), envelopeOf(error)),
 * })
 * ```
 */
export async function serveWithFaults<Admitted>(
  req: IncomingMessage,
  res: ServerResponse,
  pipeline: FaultPipeline<Admitted>,
): Promise<void> {
  const { faults, method, path, counted = true } = pipeline
  if (faults.latencyMs > 0) await sleep(faults.latencyMs)
  const mixed = counted ? faults.takeMixed() : undefined
  const drop = (counted ? faults.takeDrop(method, path) : undefined) ?? dropOf(mixed)
  if (drop && !drop.afterProcessing) return void req.socket.destroy()

  const screened = await pipeline.screen?.()
  if (screened) return screened()
  const throttle = counted ? throttleOf(faults, method, path, mixed) : undefined
  if (throttle) return (await pipeline.throttled(throttle))()

  let reply: SimulatorReply
  try {
    const admitted = await pipeline.admit()
    const failure = counted ? injectedFailure(faults, method, path, mixed) : undefined
    if (failure) {
      if (mixed?.kind === 'status' && mixed.retryAfterSeconds !== undefined)
        res.setHeader('Retry-After', String(mixed.retryAfterSeconds))
      throw pipeline.injected(failure)
    }
    reply = await pipeline.work(admitted)
  } catch (error) {
    reply = pipeline.failed(error)
  }

  if (drop?.afterProcessing) return void req.socket.destroy()
  const held = counted ? faults.takeHeld(method, path) : undefined
  if (held) await sleep(held.ms)
  if (mixed?.kind === 'slow') await sleep(mixed.delayMs)
  reply()
}

/** The connection drop a mixed fault asks for, if any. */
function dropOf(mixed: MixedFault | undefined): DropRule | undefined {
  if (mixed?.kind === 'reset-before') return {}
  if (mixed?.kind === 'reset-after') return { afterProcessing: true }
  return undefined
}

function throttleOf(
  faults: RequestFaults,
  method: string,
  path: string,
  mixed: MixedFault | undefined,
): Throttle | undefined {
  const limit = faults.takeRateLimit(method, path)
  if (limit) return { retryAfter: limit.retryAfter }
  if (mixed?.kind === 'status' && mixed.status === 429)
    return { retryAfter: mixed.retryAfterSeconds, message: mixed.message }
  return undefined
}

/** A canned rule first, then the mix's status, then the random error rate. */
function injectedFailure(
  faults: RequestFaults,
  method: string,
  path: string,
  mixed: MixedFault | undefined,
): InjectedFailure | undefined {
  const rule = faults.takeRule(method, path)
  if (rule) return { source: 'rule', status: rule.status, message: rule.message, body: rule.body }
  if (mixed?.kind === 'status') return { source: 'mix', status: mixed.status, message: mixed.message }
  if (faults.rollRandomError()) return { source: 'random', status: 500, message: faults.errorMessage }
  return undefined
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
