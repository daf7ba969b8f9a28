import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Logger } from '../logger.js'

/** The logger of request lines: see {@link createAccessLogger}. */
export type AccessLogger = Pick<Logger, 'info'>

/**
 * The gateway's logger for request lines: the same destination and level, without the key
 * redaction every other line goes through (a line's fields are all set here, none can hold a
 * secret, and redaction's wildcard paths cost more than writing the line).
 */
export function createAccessLogger(logger: Logger): AccessLogger {
  return logger.child({}, { redact: { paths: [] } })
}

/** A request id a client or proxy may set (`X-Request-Id`), when it is plain enough to log. */
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/

/**
 * Gives every HTTP request an id (the client's `X-Request-Id` when it is plain, else a new one),
 * answers it in `X-Request-Id`, and writes one log line when the answer is finished or the client
 * went away: method, path (never the query string, which may hold a token), status, duration.
 * A WebSocket upgrade is not an answer and is not logged here.
 */
export function logRequest(request: IncomingMessage, response: ServerResponse, logger: AccessLogger): string {
  const given = request.headers['x-request-id']
  const requestId = typeof given === 'string' && CLIENT_REQUEST_ID.test(given) ? given : randomUUID()
  response.setHeader('x-request-id', requestId)
  const line = {
    logger,
    requestId,
    method: request.method,
    path: (request.url ?? '/').split('?')[0]!.slice(0, 200),
    started: performance.now(),
    logged: false,
  }
  response.once('finish', () => writeLine(line, response, false))
  response.once('close', () => writeLine(line, response, !response.writableFinished))
  return requestId
}

/** Writes a request's line once (a function of the module, not a closure made per request). */
function writeLine(
  line: {
    logger: AccessLogger
    requestId: string
    method: string | undefined
    path: string
    started: number
    logged: boolean
  },
  response: ServerResponse,
  aborted: boolean,
) {
  if (line.logged) return
  line.logged = true
  const fields = {
    requestId: line.requestId,
    method: line.method,
    path: line.path,
    status: response.statusCode,
    ms: Math.round((performance.now() - line.started) * 10) / 10,
  }
  line.logger.info(aborted ? { ...fields, aborted: true } : fields, 'request')
}
