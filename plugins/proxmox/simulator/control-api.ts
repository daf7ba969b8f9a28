import type { IncomingMessage, ServerResponse } from 'node:http'
import { z } from 'zod'
import { applyRequestFaultsPatch, handleFaultControl, requestFaultsPatchShape } from 'hangar/provider-kit/testing'
import type { SimulatorFaults } from './faults.js'
import { sendJson } from './reply.js'

/**
 * Body of `POST /_simulator/faults`: the kit's request faults and Proxmox's own, every field optional; lists add to
 * what is set already.
 */
const FaultsPatch = z.object({
  ...requestFaultsPatchShape,
  brokenPipe: z.array(z.object({ node: z.string(), times: z.number().int().positive().optional() })).optional(),
  offlineNodes: z.array(z.string()).optional(),
  onlineNodes: z.array(z.string()).optional(),
  lockTimeouts: z.array(z.object({ vmid: z.number().int(), times: z.number().int().positive().optional() })).optional(),
  locks: z.array(z.object({ vmid: z.number().int(), lock: z.string().nullable() })).optional(),
  failNextTask: z.array(z.object({ vmid: z.number().int(), message: z.string() })).optional(),
  warnNextTask: z.array(z.object({ vmid: z.number().int(), count: z.number().int().positive().optional() })).optional(),
  failNextExec: z.array(z.object({ vmid: z.number().int(), stderr: z.string().optional() })).optional(),
})

/** The JSON accepted by `POST /_simulator/faults`. */
export type FaultsPatch = z.infer<typeof FaultsPatch>

/** Applies a {@link FaultsPatch} to the fault API. */
export function applyFaultsPatch(faults: SimulatorFaults, patch: FaultsPatch): void {
  applyRequestFaultsPatch(faults, patch)
  for (const b of patch.brokenPipe ?? []) faults.brokenPipeOn(b.node, b.times)
  for (const node of patch.offlineNodes ?? []) faults.setNodeOnline(node, false)
  for (const node of patch.onlineNodes ?? []) faults.setNodeOnline(node, true)
  for (const l of patch.lockTimeouts ?? []) faults.lockTimeout(l.vmid, l.times)
  for (const l of patch.locks ?? []) faults.setLock(l.vmid, l.lock)
  for (const f of patch.failNextTask ?? []) faults.failNextTask(f.vmid, f.message)
  for (const w of patch.warnNextTask ?? []) faults.warnNextTask(w.vmid, w.count)
  for (const f of patch.failNextExec ?? []) faults.failNextExec(f.vmid, f.stderr)
}

/**
 * The test-control endpoint, outside the simulated API's paths: `GET|POST|DELETE
 * /_simulator/faults` (read, add to, reset). Answers in this API's own style.
 */
export function handleControlRequest(
  req: IncomingMessage,
  res: ServerResponse,
  faults: SimulatorFaults,
): Promise<void> {
  return handleFaultControl(req, res, {
    patchSchema: FaultsPatch,
    apply: (patch) => applyFaultsPatch(faults, patch),
    reset: () => faults.reset(),
    snapshot: () => faults.snapshot(),
    reply: (response, status, body) =>
      sendJson(response, status, 'snapshot' in body ? { data: body.snapshot } : { error: body.error }),
  })
}
