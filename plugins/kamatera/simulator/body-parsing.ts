import { contentTypeOf, parseFormEncoded, readRequestBody } from 'hangar/provider-kit/testing'
import type { IncomingMessage } from 'node:http'
import { z } from 'zod'
import { CloudcliError } from './api-error.js'

/** Largest body read; Apache in front of cloudcli-server would refuse far less, this only guards memory. */
const MAX_BODY_BYTES = 1024 * 1024

const JsonObject = z.record(z.string(), z.unknown())

/** Form decoding like PHP: a key given twice keeps its last value. */
export function parseForm(text: string): Record<string, string> {
  return parseFormEncoded(text, 'last') as Record<string, string>
}

/**
 * The request input as Laravel's `$request->input()` sees it: the query string, overridden by a JSON
 * object body or an `application/x-www-form-urlencoded` body. A JSON body that is not an object, or
 * is not JSON at all, contributes nothing (Laravel does not complain either).
 */
export async function parseRequestInput(req: IncomingMessage, query: string): Promise<Record<string, unknown>> {
  const values: Record<string, unknown> = parseForm(query)
  const body = await readRequestBody(req, MAX_BODY_BYTES, () => new CloudcliError(413, 'Payload Too Large'))
  if (body.length === 0) return values
  const contentType = contentTypeOf(req)
  if (contentType.endsWith('/json') || contentType.endsWith('+json')) {
    let parsed: unknown
    try {
      parsed = JSON.parse(body.toString('utf8'))
    } catch {
      // Laravel's JSON input bag is silently empty for a body it cannot decode.
      parsed = undefined
    }
    const object = JsonObject.safeParse(parsed)
    return object.success ? { ...values, ...object.data } : values
  }
  if (contentType === '' || contentType === 'application/x-www-form-urlencoded') {
    return { ...values, ...parseForm(body.toString('utf8')) }
  }
  return values
}
