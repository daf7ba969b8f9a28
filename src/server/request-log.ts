import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Logger } from '../logger.js'

/** A request id a client or proxy may set (`X-Request-Id`), when it is plain enough to log. */
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/

/**
 * Gives every HTTP request an id (the client's `X-Request-Id` when it is plain, else a new one),
 * answers it in `X-Request-Id`, and writes one log line when the answer is finished or the client
 * went away: method, path (never the query string, which may hold a token), status, duration.
 * A WebSocket upgrade is not an answer and is not logged here.
 */
export function logRequest(request: IncomingMessage, response: ServerResponse, logger: Logger): string {
  const given = request.headers['x-request-id']
  const requestId = typeof given === 'string' && CLIENT_REQUEST_ID.test(given) ? given : randomUUID()
  response.setHeader('x-request-id', requestId)
  const started = performance.now()
  const path = (request.url ?? '/').split('?')[0]!.slice(0, 200)
  let logged = false
  const done = (aborted: boolean) => {
    if (logged) return
    logged = true
    const fields = { requestId, method: request.method, path, status: response.statusCode, ms: Math.round((performance.now() - started) * 10) / 10 }
    logger.info(aborted ? { ...fields, aborted: true } : fields, 'request')
  }
  response.once('finish', () => done(false))
  response.once('close', () => done(!response.writableFinished))
  return requestId
}
