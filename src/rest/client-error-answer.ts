import { maxHeaderSize, STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'
import { isApiPath } from './use-rest-shim.js'

/** What Node's HTTP parser refused, as a status and a message naming what was wrong. */
function refusalOf(code: string | undefined): { status: number; message: string } {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, message: `headers: larger than ${maxHeaderSize} bytes in all` }
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return { status: 413, message: 'body: chunk extensions too large' }
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, message: 'request: not received in time' }
    default:
      return { status: 400, message: 'request: not valid HTTP/1.1' }
  }
}

/** The path of the request line at the start of `packet`, when it is there. */
function pathOf(packet: Buffer | undefined): string | undefined {
  const line = /^[A-Za-z]+ (\/[^ ?\r\n]*)/.exec(packet?.toString('latin1', 0, 8192) ?? '')
  return line?.[1]
}

/**
 * A `clientError` listener for the gateway's HTTP server. Node refuses some requests before any
 * handler sees them (headers over `--max-http-header-size`: 431; unparsable ones: 400) and then
 * answers with a bare status line. For `/api` the answer comes in the seed's envelope like every
 * other refusal there; elsewhere it is what Node writes by default. The path is read from the
 * bytes Node was parsing: a request whose headers arrived in several pieces no longer has its
 * request line there, and gets Node's answer.
 */
export function answerClientError(error: Error & { code?: string; rawPacket?: Buffer }, socket: Duplex): void {
  // An in-flight response (pipelining) must not be corrupted; Node's own handler checks the same.
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage
  if (error.code !== 'ECONNRESET' && socket.writable && !inFlight?.headersSent) {
    const { status, message } = refusalOf(error.code)
    const path = pathOf(error.rawPacket)
    const reason = STATUS_CODES[status] ?? 'Error'
    if (path !== undefined && isApiPath(path)) {
      const body = JSON.stringify({ message, status: 'error', data: null })
      socket.write(
        `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json; charset=utf-8\r\ncache-control: ` +
          `no-store\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
      )
    } else {
      socket.write(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\n\r\n`)
    }
  }
  socket.destroy()
}
