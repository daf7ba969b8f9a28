import type { IncomingMessage, ServerResponse } from 'node:http'

/** Whether the client asked for `X-CLOUDCLI-STATUSINJSON: true` (always 200, status in the body). */
export function wantsStatusInJson(req: IncomingMessage): boolean {
  return req.headers['x-cloudcli-statusinjson'] === 'true'
}

/** Writes a JSON answer the way Laravel's `response()->json()` does. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.statusCode = status
  res.setHeader('Content-Type', 'application/json')
  res.setHeader('Content-Length', Buffer.byteLength(text))
  res.setHeader('Cache-Control', 'no-cache, private')
  res.end(text)
}

/**
 * Writes the result of a cloudcli command: as is, or wrapped as `{"response": body, "status": code}`
 * with HTTP 200 when the client sent `X-CLOUDCLI-STATUSINJSON: true`.
 */
export function sendCommandResult(res: ServerResponse, status: number, body: unknown, statusInJson: boolean): void {
  if (statusInJson) sendJson(res, 200, { response: body, status })
  else sendJson(res, status, body)
}
