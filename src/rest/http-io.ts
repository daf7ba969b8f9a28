import type { IncomingMessage, ServerResponse } from 'node:http'

/** A request the shim could not use; answered 400 (or as `status` says) with a message naming the field. */
export class RestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Extra response headers, e.g. `connection: close` when the request's body was left unread. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
  }
}

/** The seed's error envelope. */
export const errorEnvelope = (message: string) => ({ message, status: 'error' as const, data: null })

function tooLarge(limit: number): RestError {
  // The rest of the body is not read: the connection cannot carry another request.
  return new RestError(413, `body: larger than ${limit} bytes`, { connection: 'close' })
}

/** Reads a JSON body (an empty one is `{}`); refuses bodies over `limit` bytes and non-objects. */
export async function readJsonBody(request: IncomingMessage, limit: number): Promise<Record<string, unknown>> {
  // A declared length over the limit is refused before a byte is read.
  if (Number(request.headers['content-length']) > limit) throw tooLarge(limit)
  const text = await new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size <= limit) return void chunks.push(chunk)
      // Stop collecting but keep the stream flowing (discarding), so the client can finish
      // sending and read the 413 instead of a reset connection.
      request.off('data', onData).off('end', onEnd)
      reject(tooLarge(limit))
    }
    const onEnd = () => resolve(Buffer.concat(chunks).toString('utf8').trim())
    request.on('data', onData).on('end', onEnd).once('error', reject)
  })
  if (!text) return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new RestError(400, 'body: not valid JSON')
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new RestError(400, 'body: must be a JSON object')
  return parsed as Record<string, unknown>
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body)
  response.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    // Never sniffed as anything else (a <script src> on another site gets nothing runnable).
    'x-content-type-options': 'nosniff',
    'content-length': String(Buffer.byteLength(text)),
  })
  response.end(text)
}
