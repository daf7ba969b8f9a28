import type { ServerResponse } from 'node:http'
import type { ApiError } from './api-error.js'

/** Writes a JSON reply with PVE's content type. */
export function sendJson(res: ServerResponse, status: number, body: unknown, reason?: string): void {
  const text = JSON.stringify(body)
  res.statusCode = status
  if (reason !== undefined) res.statusMessage = reason
  res.setHeader('Content-Type', 'application/json;charset=UTF-8')
  res.setHeader('Content-Length', Buffer.byteLength(text))
  res.setHeader('Cache-Control', 'max-age=0')
  res.setHeader('Pragma', 'no-cache')
  res.setHeader('Server', 'pve-api-daemon/3.0')
  // pve-http-server drops keep-alive after any error reply.
  if (status >= 400) res.setHeader('Connection', 'close')
  res.end(text)
}

/** The reason phrase PVE puts in the status line: the first line of the message, printable only. */
export function reasonPhrase(message: string): string {
  const first = message.split(/\r?\n/)[0] ?? ''
  return first.replace(/[^\x20-\x7e\x80-\xff]/g, '?')
}

/**
 * Writes an error the way pve-http-server's JSON formatter does: the message as the reason phrase,
 * body `{"data":null,"message":"...\n"}` plus `errors` on 400. With `legacy`, `message` is left
 * out of the body (servers before pve-http-server 5.2, bug #6503).
 */
export function sendError(res: ServerResponse, err: ApiError, legacy: boolean): void {
  const message = err.message.endsWith('\n') ? err.message : `${err.message}\n`
  const body: Record<string, unknown> = { data: null }
  if (err.errors) body.errors = err.errors
  if (!legacy) body.message = message
  sendJson(res, err.status, body, reasonPhrase(err.message))
}
