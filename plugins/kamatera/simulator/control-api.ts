import type { IncomingMessage, ServerResponse } from 'node:http'
import { z } from 'zod'
import { applyRequestFaultsPatch, handleFaultControl, requestFaultsPatchShape } from 'hangar/provider-kit/testing'
import type { KamateraFaults } from './faults.js'
import { sendJson } from './reply.js'

/**
 * Body of `POST /_simulator/faults`: the kit's request faults and cloudcli's own, every field optional; lists add to
 * what is set already.
 */
const FaultsPatch = z.object({
  ...requestFaultsPatchShape,
  serversInfoFailures: z.number().int().min(0).optional(),
  failNextCommand: z.array(z.object({ server: z.string().min(1), message: z.string() })).optional(),
})

/** The JSON accepted by `POST /_simulator/faults`. */
export type FaultsPatch = z.infer<typeof FaultsPatch>

/** Applies a {@link FaultsPatch} to the fault API. */
export function applyFaultsPatch(faults: KamateraFaults, patch: FaultsPatch): void {
  applyRequestFaultsPatch(faults, patch)
  if (patch.serversInfoFailures) faults.failServersInfo(patch.serversInfoFailures)
  for (const f of patch.failNextCommand ?? []) faults.failNextCommand(f.server, f.message)
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
    reply: (response, status, body) =>
      sendJson(response, status, 'snapshot' in body ? body.snapshot : { message: body.error }),
  })
}
