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

/** The headers of every JSON answer. */
const JSON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  // Never sniffed as anything else (a <script src> on another site gets nothing runnable).
  'x-content-type-options': 'nosniff',
}

function tooLarge(limit: number): RestError {
  // The rest of the body is not read: the connection cannot carry another request.
  return new RestError(413, `body: larger than ${limit} bytes`, { connection: 'close' })
}

/** Reads a JSON body (an empty one is `{}`); refuses bodies over `limit` bytes and non-objects. */
export async function readJsonBody(request: Request, limit: number): Promise<Record<string, unknown>> {
  const text = (await readBody(request, limit)).toString('utf8').trim()
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

/**
 * A request's body, at most `limit` bytes: a larger one is a 413 {@link RestError} (with
 * `connection: close`), thrown before a byte is read when the declared length says so, else as
 * soon as the limit is passed; the rest is then read and dropped.
 */
export async function readBody(request: Request, limit: number): Promise<Buffer> {
  if (Number(request.headers.get('content-length')) > limit) throw tooLarge(limit)
  if (!request.body) return Buffer.alloc(0)
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      // Keep the request flowing (discarding it), so the client can finish sending and read the
      // 413 instead of a reset connection.
      void drain(reader)
      throw tooLarge(limit)
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks)
}

async function drain(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  try {
    while (!(await reader.read()).done) {}
  } catch {
    // The client went away: nothing is left to drop.
  }
}

/** A JSON answer with the shim's headers. */
export function jsonResponse(
  fetchAPI: { Response: typeof Response },
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  return new fetchAPI.Response(JSON.stringify(body), { status, headers: { ...headers, ...JSON_HEADERS } })
}
