import { CloseCode, DEPRECATED_GRAPHQL_WS_PROTOCOL, handleProtocols, makeServer, type ServerOptions } from 'graphql-ws'
import type { IncomingMessage } from 'node:http'
import type { ExecutionResult } from 'graphql'
import type { WebSocket, WebSocketServer } from 'ws'
import type { Logger } from '../logger.js'

/** What graphql-ws hands Hangar's hooks about a connection (as `graphql-ws/use/ws` does). */
export interface WebSocketExtra {
  socket: WebSocket
  request: IncomingMessage
}

/** Options of {@link serveGraphqlOverWebSocket}. */
export interface GraphqlOverWebSocketOptions {
  logger: Logger
  /** How often every client is pinged, and how long its pong may take (ms); 12 s as graphql-ws. */
  keepAliveMs?: number
  /** Bytes a socket may have waiting before a send waits for them to be written. */
  highWaterBytes?: number
}

/** Stands for a payload serialized beforehand, until the message that holds it is sent. */
const PLACEHOLDER = '\u0000hangar-payload:'
/** How the placeholder reads once JSON.stringify has escaped it, at the end of a message. */
const PLACEHOLDER_JSON = `"payload":${JSON.stringify(PLACEHOLDER)}`.slice(0, -1)

/** What JSON.stringify writes a placeholder as (a class: no closure made per message sent). */
class StandIn {
  constructor(private readonly token: string) {}
  toJSON() {
    return this.token
  }
}

/**
 * Each result's payload as graphql-ws would write it, serialized once however many subscribers
 * are sent the same result object (see `useSharedSubscriptionEvents`), and held for as long as
 * the result is.
 */
export function createPayloadSerializer() {
  const serialized = new WeakMap<object, string>()
  const waiting = new Map<string, string>()
  let tokens = 0
  return {
    /** A stand-in for `result`'s payload, whose JSON is a placeholder {@link fill} replaces. */
    standIn(result: ExecutionResult): object {
      let json = serialized.get(result)
      if (json === undefined) {
        const { errors, ...rest } = result
        json = JSON.stringify(errors ? { ...rest, errors: errors.map((error) => error.toJSON()) } : rest)
        serialized.set(result, json)
      }
      const token = `${PLACEHOLDER}${++tokens}`
      waiting.set(token, json)
      return new StandIn(token)
    },
    /** `message` with its placeholder, if any, replaced by the payload it stands for. */
    fill(message: string): string {
      if (!message.endsWith('"}')) return message
      const at = message.lastIndexOf(PLACEHOLDER_JSON)
      if (at < 0) return message
      const token = `${PLACEHOLDER}${message.slice(at + PLACEHOLDER_JSON.length, -2)}`
      const json = waiting.get(token)
      if (json === undefined) return message
      waiting.delete(token)
      return `${message.slice(0, at)}"payload":${json}}`
    },
  }
}

/**
 * graphql-ws on a `ws` server, as `graphql-ws/use/ws` serves it (same protocol handling, keep-alive
 * pings, close codes) with two differences that matter to a fast log:
 *
 * - sends are gathered: every message a socket is sent in one turn of the event loop goes out in
 *   one write (the socket is corked until the turn ends), and a send resolves at once while the
 *   socket has less than `highWaterBytes` waiting, rather than after its own write, so a
 *   subscription delivers a whole batch of events in one turn and a slow reader still holds its
 *   subscriptions back;
 * - a result sent to many subscribers is serialized once.
 */
export function serveGraphqlOverWebSocket(
  options: ServerOptions<Record<string, unknown> | undefined, WebSocketExtra>,
  sockets: WebSocketServer,
  { logger, keepAliveMs = 12_000, highWaterBytes = 1 << 20 }: GraphqlOverWebSocketOptions,
) {
  const payloads = createPayloadSerializer()
  const server = makeServer({
    ...options,
    onNext: options.onNext
      ? async (context, id, payload, args, result) =>
          (await options.onNext!(context, id, payload, args, result)) ?? payloads.standIn(result)
      : (_context, _id, _payload, _args, result) => payloads.standIn(result),
  })
  sockets.options.handleProtocols = handleProtocols
  sockets.once('error', (error) => {
    logger.error({ error: error.message }, 'the WebSocket server failed')
    for (const client of sockets.clients) client.close(CloseCode.InternalServerError, 'Internal server error')
  })
  // One timer pings every socket (a timer and its closures per connection would cost each of
  // thousands of idle subscriptions): a socket still owing a pong from the last round is ended.
  const owingPong = new WeakSet<WebSocket>()
  const pings = setInterval(() => {
    for (const socket of sockets.clients) {
      if (socket.readyState !== socket.OPEN) continue
      if (owingPong.has(socket)) {
        socket.terminate()
        continue
      }
      owingPong.add(socket)
      socket.ping()
    }
  }, keepAliveMs)
  pings.unref()
  sockets.on('connection', (socket, request) => {
    socket.once('error', (error) => {
      logger.warn({ error: error.message }, 'a WebSocket connection failed')
      socket.close(CloseCode.InternalServerError, 'Internal server error')
    })
    socket.on('pong', () => void owingPong.delete(socket))
    const closed = server.opened(new SocketTransport(socket, payloads, highWaterBytes, logger), { socket, request })
    socket.once('close', (code, reason) => {
      if (code === CloseCode.SubprotocolNotAcceptable && socket.protocol === DEPRECATED_GRAPHQL_WS_PROTOCOL) {
        logger.warn('a client asked for subscriptions-transport-ws, which is not served: use graphql-transport-ws')
      }
      void closed(code, String(reason))
    })
  })
  return {
    async dispose() {
      clearInterval(pings)
      for (const client of sockets.clients) client.close(1001, 'Going away')
      sockets.removeAllListeners()
      await new Promise<void>((resolve, reject) => sockets.close((error) => (error ? reject(error) : resolve())))
    },
  }
}

/** What a send answers when it need not wait: one promise for all. */
const SENT: Promise<void> = Promise.resolve()

/**
 * What graphql-ws calls to talk to one socket. A class, as every connection makes one (see
 * `channel` on what a named closure costs each of thousands of connections).
 */
class SocketTransport {
  readonly protocol: string
  private readonly stream: { cork(): void; uncork(): void } | undefined
  private corked = false
  private readonly uncork: () => void

  constructor(
    private readonly socket: WebSocket,
    private readonly payloads: ReturnType<typeof createPayloadSerializer>,
    private readonly highWaterBytes: number,
    private readonly logger: Logger,
  ) {
    this.protocol = socket.protocol
    this.stream = (socket as WebSocket & { _socket?: { cork(): void; uncork(): void } })._socket
    this.uncork = () => {
      this.corked = false
      this.stream?.uncork()
    }
  }

  send(data: string): Promise<void> {
    const { socket, stream } = this
    const message = this.payloads.fill(data)
    if (socket.readyState !== socket.OPEN) return SENT
    if (!this.corked && stream) {
      this.corked = true
      stream.cork()
      process.nextTick(this.uncork)
    }
    if (socket.bufferedAmount < this.highWaterBytes) {
      socket.send(message)
      return SENT
    }
    return new Promise<void>((resolve, reject) => socket.send(message, (error) => (error ? reject(error) : resolve())))
  }

  close(code?: number, reason?: string) {
    this.socket.close(code, reason)
  }

  onMessage(handle: (data: string) => Promise<void>) {
    this.socket.on('message', async (message) => {
      try {
        await handle(String(message))
      } catch (error) {
        this.logger.error({ error: (error as Error).message }, 'a WebSocket message could not be handled')
        this.socket.close(CloseCode.InternalServerError, 'Internal server error')
      }
    })
  }
}
