import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { GRAPHQL_TRANSPORT_WS_PROTOCOL } from 'graphql-ws'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket, { WebSocketServer } from 'ws'
import { createLogger } from '../../src/logger.js'
import { serveGraphqlOverWebSocket } from '../../src/server/graphql-ws-server.js'

const KEEP_ALIVE_MS = 80

describe('WebSocket keep-alive', () => {
  const cleanups: (() => Promise<void> | void)[] = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  async function serve() {
    const http = createServer()
    const sockets = new WebSocketServer({ server: http })
    const served = serveGraphqlOverWebSocket({ schema: undefined as never }, sockets, { logger: createLogger({ level: 'silent' }), keepAliveMs: KEEP_ALIVE_MS })
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
})
