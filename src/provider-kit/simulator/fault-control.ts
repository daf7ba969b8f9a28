import type { IncomingMessage, ServerResponse } from 'node:http'
import { z, type ZodType } from 'zod'

/** What a simulator's fault API offers its HTTP control endpoint. */
export interface FaultControl<Patch> {
  /** Validates the body of `POST /_simulator/faults`. */
  patchSchema: ZodType<Patch>
  /** Adds a validated patch to the active faults. */
  apply(patch: Patch): void
  reset(): void
  snapshot(): unknown
  /**
   * Answers the way the simulated API answers (its own envelope and error key). Default: the
   * snapshot as JSON, or `{"error": "..."}`.
   */
  reply?(res: ServerResponse, status: number, body: { snapshot: unknown } | { error: string }): void
}

/** The default {@link FaultControl.reply}: plain JSON. */
function replyJson(res: ServerResponse, status: number, body: { snapshot: unknown } | { error: string }): void {
  const text = JSON.stringify('snapshot' in body ? body.snapshot : body)
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) })
  res.end(text)
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  return text.trim() === '' ? {} : JSON.parse(text)
}

/**
 * The test-control endpoint every simulator serves beside its API: `GET|POST|DELETE
 * /_simulator/faults` reads, adds to and resets the faults. No auth: simulators listen on loopback.
 */
export async function handleFaultControl<Patch>(
  req: IncomingMessage,
  res: ServerResponse,
  faultControl: FaultControl<Patch>,
): Promise<void> {
  // Called on `faultControl` itself: a class instance keeps its methods (and `this`).
  const reply = faultControl.reply ? faultControl.reply.bind(faultControl) : replyJson
  const path = new URL(req.url ?? '/', 'http://simulator').pathname
  if (path !== '/_simulator/faults') return reply(res, 404, { error: `unknown control path ${path}` })
  try {
    if (req.method === 'DELETE') faultControl.reset()
    else if (req.method === 'POST') {
      const patch = faultControl.patchSchema.safeParse(await readJson(req))
      if (!patch.success) return reply(res, 400, { error: z.prettifyError(patch.error) })
      faultControl.apply(patch.data)
    } else if (req.method !== 'GET') {
      return reply(res, 405, { error: 'use GET, POST or DELETE' })
    }
    reply(res, 200, { snapshot: faultControl.snapshot() })
  } catch (err) {
    reply(res, 400, { error: err instanceof Error ? err.message : String(err) })
  }
}
