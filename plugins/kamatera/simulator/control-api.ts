import type { IncomingMessage, ServerResponse } from 'node:http'
import { z } from 'zod'
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
  failNextCommand: z.array(z.object({ server: z.string().min(1), message: z.string() })).optional(),
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
  for (const f of patch.failNextCommand ?? []) faults.failNextCommand(f.server, f.message)
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  return text.trim() === '' ? {} : JSON.parse(text)
}

/**
 * The test-control endpoint, outside the cloudcli paths: `GET|POST|DELETE /_simulator/faults`
 * (read, add to, reset). No auth: the simulator only listens on loopback.
 */
export async function handleControlRequest(req: IncomingMessage, res: ServerResponse, faults: KamateraFaults): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://simulator').pathname
  if (path !== '/_simulator/faults') {
    sendJson(res, 404, { message: `unknown control path ${path}` })
    return
  }
  try {
    if (req.method === 'DELETE') faults.reset()
    else if (req.method === 'POST') {
      const patch = FaultsPatch.safeParse(await readJson(req))
      if (!patch.success) {
        sendJson(res, 400, { message: z.prettifyError(patch.error) })
        return
      }
      applyFaultsPatch(faults, patch.data)
    } else if (req.method !== 'GET') {
      sendJson(res, 405, { message: 'use GET, POST or DELETE' })
      return
    }
    sendJson(res, 200, faults.snapshot())
  } catch (err) {
    sendJson(res, 400, { message: err instanceof Error ? err.message : String(err) })
  }
}
