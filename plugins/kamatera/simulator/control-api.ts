import type { IncomingMessage, ServerResponse } from 'node:http'
import { z } from 'zod'
import { handleFaultControl } from '../../../src/simulator-kit/fault-control.js'
import { faultMixSchema } from '../../../src/simulator-kit/fault-mix.js'
import type { KamateraFaults } from './faults.js'
import { sendJson } from './reply.js'

/** Body of `POST /_simulator/faults`: every field optional; lists add to what is set already. */
const FaultsPatch = z.object({
  latencyMs: z.number().min(0).optional(),
  errorRate: z.number().min(0).max(1).optional(),
  errorMessage: z.string().optional(),
  rules: z
    .array(
      z.object({
        method: z.string().optional(),
        path: z.string().optional(),
        status: z.number().int().min(100).max(599),
        message: z.string().optional(),
        body: z.unknown().optional(),
        times: z.number().int().positive().optional(),
      }),
    )
    .optional(),
  serversInfoFailures: z.number().int().min(0).optional(),
  drops: z
    .array(
      z.object({
        method: z.string().optional(),
        path: z.string().optional(),
        times: z.number().int().positive().optional(),
        afterProcessing: z.boolean().optional(),
      }),
    )
    .optional(),
  rateLimits: z
    .array(
      z.object({
        method: z.string().optional(),
        path: z.string().optional(),
        times: z.number().int().positive().optional(),
        retryAfter: z.union([z.number().int().min(0), z.string().min(1)]).optional(),
      }),
    )
    .optional(),
  failNextCommand: z.array(z.object({ server: z.string().min(1), message: z.string() })).optional(),
  /** A seeded share of requests failing in a mix of ways; null turns it off. */
  mix: faultMixSchema.nullable().optional(),
})

/** The JSON accepted by `POST /_simulator/faults`. */
export type FaultsPatch = z.infer<typeof FaultsPatch>

/** Applies a {@link FaultsPatch} to the fault API. */
export function applyFaultsPatch(faults: KamateraFaults, patch: FaultsPatch): void {
  if (patch.latencyMs !== undefined) faults.setLatency(patch.latencyMs)
  if (patch.errorRate !== undefined) faults.setErrorRate(patch.errorRate, patch.errorMessage)
  for (const rule of patch.rules ?? []) faults.addRule(rule)
  if (patch.serversInfoFailures) faults.failServersInfo(patch.serversInfoFailures)
  for (const drop of patch.drops ?? []) faults.dropConnection(drop)
  for (const limit of patch.rateLimits ?? []) faults.rateLimit(limit)
  for (const f of patch.failNextCommand ?? []) faults.failNextCommand(f.server, f.message)
  if (patch.mix !== undefined) faults.setMix(patch.mix)
}

/**
 * The test-control endpoint, outside the simulated API's paths: `GET|POST|DELETE
 * /_simulator/faults` (read, add to, reset). Answers in this API's own style.
 */
export function handleControlRequest(req: IncomingMessage, res: ServerResponse, faults: KamateraFaults): Promise<void> {
  return handleFaultControl(req, res, {
    patchSchema: FaultsPatch,
    apply: (patch) => applyFaultsPatch(faults, patch),
    reset: () => faults.reset(),
    snapshot: () => faults.snapshot(),
    reply: (response, status, body) => sendJson(response, status, 'snapshot' in body ? body.snapshot : { message: body.error }),
  })
}
