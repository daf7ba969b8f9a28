import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { startStack, type Stack } from '../support/start-stack.js'

let stack: Stack
beforeAll(async () => {
  stack = await startStack()
}, 60_000)
afterAll(() => stack?.close())

/** One request with the Host header a rebound page would send (fetch may not set Host). */
function send(
  method: string,
  path: string,
  host: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: unknown }> {
  const url = new URL(stack.url)
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        hostname: url.hostname,
        port: url.port,
        method,
        path,
        headers: { host, 'content-type': 'application/json', ...headers },
      },
      (response) => {
        let text = ''
        response.on('data', (chunk) => (text += String(chunk)))
        response.on('end', () => resolve({ status: response.statusCode!, json: JSON.parse(text || 'null') }))
      },
    )
    outgoing.on('error', reject)
    outgoing.end(body)
  })
}

const stopWeb01 = JSON.stringify({ query: 'mutation { stopServer(id: "pve-lab:qemu/100") { id } }' })
const statusOf100 = () => stack.simulator.state.guest(100)!.status

describe('a page whose host name was rebound to 127.0.0.1', () => {
  it('is refused by GraphQL in open mode, and nothing is stopped', async () => {
    const before = statusOf100()
    const answer = await send('POST', '/graphql', 'rebound.example:4000', stopWeb01, {
      origin: 'http://rebound.example:4000',
    })
    expect(answer.status).toBe(403)
    expect(answer.json).toMatchObject({
      errors: [
        {
          extensions: { code: 'FORBIDDEN' },
          message: expect.stringMatching(/^Host: rebound\.example:4000 is not a loopback name/),
        },
      ],
    })
    expect(statusOf100()).toBe(before)
  })

  it('is refused by the REST shim in its envelope, and nothing is stopped', async () => {
    const before = statusOf100()
    const answer = await send(
      'POST',
      '/api/stop',
      'rebound.example:4000',
      JSON.stringify({ server_id: 'pve-lab:qemu/100' }),
      { origin: 'http://rebound.example:4000' },
    )
    expect(answer).toMatchObject({
      status: 403,
      json: { status: 'error', data: null, message: expect.stringMatching(/^Host: /) },
    })
    expect(statusOf100()).toBe(before)
  })

  it.each(['/%61pi/stop', '/API/stop', '/x/../api/nope'])(
    'is refused in the envelope on %s, a path the REST shim claims, and nothing is stopped',
    async (path) => {
      const body = JSON.stringify({ server_id: 'pve-lab:qemu/100' })
      // Addressed to a loopback name, the shim answers it (a 404: none of these is one of its endpoints).
      const loopback = await send('POST', path, new URL(stack.url).host, body)
      expect(loopback).toMatchObject({ status: 404, json: { status: 'error', data: null } })
      const before = statusOf100()
      const answer = await send('POST', path, 'rebound.example:4000', body)
      expect(answer).toMatchObject({
        status: 403,
        json: { status: 'error', data: null, message: expect.stringMatching(/^Host: rebound\.example:4000 /) },
      })
      expect(statusOf100()).toBe(before)
    },
  )

  it('cannot open a WebSocket in open mode', async () => {
    const socket = new WebSocket(`${stack.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws', {
      headers: { host: 'rebound.example:4000' },
    })
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)))
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init' })))
    expect(await closed).toBe(4403)
  })

  it('lets loopback names in, and /health for anyone', async () => {
    for (const host of [new URL(stack.url).host, `localhost:${new URL(stack.url).port}`]) {
      expect((await send('POST', '/graphql', host, JSON.stringify({ query: '{ providers { name } }' }))).status).toBe(
        200,
      )
    }
    expect((await send('GET', '/health', 'rebound.example:4000')).status).toBe(200)
  })

  it.each([
    ['a webhook path that resolves elsewhere', 'POST', '/hooks/github/a\\..\\..\\..\\graphql', 'rebound.example:4000'],
    ['a webhook path with dot segments', 'POST', '/hooks/github/%2e%2e/%2e%2e/graphql', 'rebound.example:4000'],
    ['/health under a Host that carries a path', 'POST', '/health', 'rebound.example/graphql?x='],
  ])('refuses %s: only a canonical /health or delivery skips the Host check', async (_, method, path, host) => {
    const before = statusOf100()
    const answer = await send(method, path, host, stopWeb01)
    expect(answer.status).toBe(403)
    expect(statusOf100()).toBe(before)
  })

  it('needs a token once tokens exist, whatever the Host (a token is what a rebound page lacks)', async () => {
    const token = await stack.issueToken('viewer')
    await new Promise((resolve) => setTimeout(resolve, 1_100))
    const query = JSON.stringify({ query: '{ providers { name } }' })
    expect(
      (await send('POST', '/graphql', 'hangar.example.com', query, { authorization: `Bearer ${token}` })).status,
    ).toBe(200)
    expect((await send('POST', '/graphql', 'hangar.example.com', query)).status).toBe(401)
  })
})
