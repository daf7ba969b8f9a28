import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql'
import { GRAPHQL_TRANSPORT_WS_PROTOCOL } from 'graphql-ws'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket, { WebSocketServer } from 'ws'
import { createLogger } from '../../src/logger.js'
import { serveGraphqlOverWebSocket } from '../../src/server/graphql-ws-server.js'

const KEEP_ALIVE_MS = 80

describe('the WebSocket transport: keep-alive and a slow reader', () => {
  const cleanups: (() => Promise<void> | void)[] = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  async function serve({
    schema,
    highWaterBytes,
    keepAliveMs = KEEP_ALIVE_MS,
  }: {
    schema?: GraphQLSchema
    highWaterBytes?: number
    keepAliveMs?: number
  } = {}) {
    const http = createServer()
    const sockets = new WebSocketServer({ server: http })
    const served = serveGraphqlOverWebSocket({ schema: schema as never }, sockets, {
      logger: createLogger({ level: 'silent' }),
      keepAliveMs,
      highWaterBytes,
    })
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
    cleanups.push(async () => {
      await served.dispose()
      http.closeAllConnections()
      await new Promise((resolve) => http.close(resolve))
    })
    return `ws://127.0.0.1:${(http.address() as AddressInfo).port}`
  }

  async function connect(url: string, answerPings: boolean) {
    const socket = new WebSocket(url, GRAPHQL_TRANSPORT_WS_PROTOCOL, { autoPong: answerPings })
    cleanups.push(() => socket.terminate())
    const pings: number[] = []
    socket.on('ping', () => pings.push(Date.now()))
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)))
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject))
    return { socket, pings, closed }
  }

  it('pings every client, keeps one that answers and ends one that owes a pong from the round before', async () => {
    const url = await serve()
    const answering = await connect(url, true)
    const silent = await connect(url, false)
    // 1006: the server dropped the connection without a closing handshake.
    expect(await silent.closed).toBe(1006)
    expect(silent.pings.length).toBeGreaterThanOrEqual(1)
    await new Promise((resolve) => setTimeout(resolve, KEEP_ALIVE_MS * 3))
    expect(answering.socket.readyState).toBe(WebSocket.OPEN)
    expect(answering.pings.length).toBeGreaterThanOrEqual(3)
  })

  it(
    'holds a subscription back while its reader does not read, ' + 'and sends every event in order once it does',
    async () => {
      // 100 MB in all: more than the kernel's socket buffers on loopback take (up to 36 MB here).
      const events = 1000
      const chunk = 'x'.repeat(100_000)
      let pulled = 0
      const schema = new GraphQLSchema({
        query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLString } } }),
        subscription: new GraphQLObjectType({
          name: 'Subscription',
          fields: {
            big: {
              type: GraphQLString,
              subscribe: async function* () {
                for (let index = 0; index < events; index += 1) {
                  pulled += 1
                  yield { big: `${index} ${chunk}` }
                }
              },
            },
          },
        }),
      })
      // Pinged rarely here: a reader that does not read cannot answer a ping either.
      const url = await serve({ schema, highWaterBytes: 64 * 1024, keepAliveMs: 60_000 })
      const { socket } = await connect(url, true)
      const received: number[] = []
      let completed!: () => void
      const complete = new Promise<void>((resolve) => (completed = resolve))
      socket.on('message', (data) => {
        const message = JSON.parse(String(data)) as { type: string; payload?: { data: { big: string } } }
        if (message.type === 'connection_ack')
          socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { big }' } }))
        if (message.type === 'next') received.push(Number(message.payload!.data.big.split(' ')[0]))
        if (message.type === 'complete') completed()
      })
      socket.send(JSON.stringify({ type: 'connection_init' }))
      // The reader stops reading once the first events came: the gateway must stop taking events
      // from the stream well before all of them are buffered somewhere.
      await new Promise<void>((resolve) => socket.once('message', () => resolve()))
      ;(socket as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause()
      await new Promise((resolve) => setTimeout(resolve, 500))
      expect(pulled).toBeLessThan(events * 0.7)
      ;(socket as unknown as { _socket: { pause(): void; resume(): void } })._socket.resume()
      await complete
      expect(received).toEqual(Array.from({ length: events }, (_, index) => index))
    },
  )
})
