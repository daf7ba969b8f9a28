import type { IncomingMessage } from 'node:http'

/** A body larger than a simulator accepts; the simulator answers it the way its upstream does (413, 501, ...). */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body over ${limit} bytes`)
    this.name = 'BodyTooLargeError'
  }
}

/**
 * Reads a request's whole body, refusing more than `maxBytes` (it guards the simulator's memory):
 * it throws what `tooLarge` makes (the upstream's own answer to a large body), by default a
 * {@link BodyTooLargeError}.
 */
export async function readRequestBody(
  request: IncomingMessage,
  maxBytes: number,
  tooLarge: (limit: number) => Error = (limit) => new BodyTooLargeError(limit),
): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    const buffer = chunk as Buffer
    size += buffer.length
    if (size > maxBytes) throw tooLarge(maxBytes)
    chunks.push(buffer)
  }
  return Buffer.concat(chunks)
}

/**
 * Decodes `application/x-www-form-urlencoded` (`+` is a space). A key given more than once keeps
 * every value as an array (`repeated: 'array'`, pve-http-server) or only its last (`'last'`, PHP).
 */
export function parseFormEncoded(
  text: string,
  repeated: 'array' | 'last' = 'array',
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {}
  for (const [key, value] of new URLSearchParams(text)) {
    const previous = out[key]
    if (previous === undefined || repeated === 'last') out[key] = value
    else if (Array.isArray(previous)) previous.push(value)
    else out[key] = [previous, value]
  }
  return out
}

/** The media type of a request, lower case, without parameters (`application/json`). */
export function contentTypeOf(request: IncomingMessage): string {
  return (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
}
