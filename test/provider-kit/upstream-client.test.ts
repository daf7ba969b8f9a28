import { once } from 'node:events'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  createUpstreamClient,
  UpstreamHttpError,
  UpstreamNetworkError,
  type UpstreamCall,
  type UpstreamClientOptions,
} from 'hangar/provider-kit'

/** A loopback upstream whose answers the test scripts, one per request, and which notes each request. */
let server: Server
let baseUrl: string
let script: { status: number; body?: string; headers?: Record<string, string>; delayMs?: number }[] = []
let seen: { method: string; url: string; body: string; at: number; headers: Record<string, unknown> }[] = []
beforeAll(async () => {
  server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk) => (body += chunk))
    request.on('end', () => {
      seen.push({ method: request.method!, url: request.url!, body, at: Date.now(), headers: request.headers })
      const next = script.shift() ?? { status: 200, body: '{"ok":true}' }
      setTimeout(() => {
        if (response.destroyed) return
        response.writeHead(next.status, next.headers)
        response.end(next.body ?? '')
      }, next.delayMs ?? 0)
    })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`
})
afterAll(() => new Promise((resolve) => server.close(resolve)))
beforeEach(() => {
  script = []
  seen = []
})

const calls: UpstreamCall[] = []
const clientWith = (options: Partial<UpstreamClientOptions> = {}) =>
  createUpstreamClient({
    upstream: 'Acme',
    baseUrl,
    timeoutMs: 500,
    retryDeadlineMs: 2_000,
    backoff: { baseMs: 20, maxMs: 100 },
    headers: { authorization: 'Bearer sekret' },
    observer: { observe: (call) => calls.push(call) },
    ...options,
  })

describe("the kit's upstream client", () => {
  it("sends query, form and JSON bodies with the client's headers, and parses a JSON answer", async () => {
    const client = clientWith()
    script = [
      { status: 200, body: '{"id":7}', headers: { 'content-type': 'application/json' } },
      { status: 201, body: '' },
    ]
    const read = await client.send({ method: 'GET', path: '/servers', query: { name: 'a b' } })
    expect(read).toMatchObject({ status: 200, body: { id: 7 } })
    const made = await client.send({ method: 'POST', path: '/servers', form: new URLSearchParams({ cpu: '2' }) })
    expect(made).toMatchObject({ status: 201, body: undefined, text: '' })
    expect(seen.map(({ method, url, body }) => ({ method, url, body }))).toEqual([
      { method: 'GET', url: '/api/servers?name=a+b', body: '' },
      { method: 'POST', url: '/api/servers', body: 'cpu=2' },
    ])
    expect(seen[0]!.headers.authorization).toBe('Bearer sekret')
    expect(seen[1]!.headers['content-type']).toBe('application/x-www-form-urlencoded')
    await client.close()
  })

  it(
    'retries an idempotent call after 5xx answers, ' + 'with growing jittered waits, and observes every attempt',
    async () => {
      const client = clientWith()
      calls.length = 0
      script = [{ status: 503 }, { status: 502 }, { status: 200, body: '[]' }]
      await expect(client.send({ method: 'GET', path: '/servers' })).resolves.toMatchObject({ body: [] })
      expect(seen).toHaveLength(3)
      expect(seen[1]!.at - seen[0]!.at).toBeGreaterThanOrEqual(10)
      expect(calls.map((call) => [call.status, call.outcome])).toEqual([
        [503, 'error'],
        [502, 'error'],
        [200, 'ok'],
      ])
      await client.close()
    },
  )

  it('observes a 2xx answer that carries an error as an error', async () => {
    const client = clientWith({
      answerError: (answer) =>
        (answer.body as { error?: string } | undefined)?.error ? new Error('refused inside a 200') : undefined,
    })
    calls.length = 0
    script = [
      { status: 200, body: '{"error":"no"}' },
      { status: 200, body: '{"id":1}' },
    ]
    await expect(client.send({ method: 'POST', path: '/servers' })).rejects.toThrow('refused inside a 200')
    await expect(client.send({ method: 'POST', path: '/servers' })).resolves.toMatchObject({ body: { id: 1 } })
    expect(calls.map((call) => [call.status, call.outcome])).toEqual([
      [200, 'error'],
      [200, 'ok'],
    ])
    await client.close()
  })

  it('never repeats a call that is not idempotent, whatever failed', async () => {
    const client = clientWith()
    script = [{ status: 503 }]
    const error = await client
      .send({ method: 'POST', path: '/servers', json: { name: 'x' } })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(UpstreamHttpError)
    expect(error).toMatchObject({ status: 503 })
    expect(seen).toHaveLength(1)
    expect(seen[0]!.body).toBe('{"name":"x"}')
    await client.close()
  })

  it('gives each attempt its own time limit, and says so when no answer came', async () => {
    const client = clientWith({ timeoutMs: 100, retryDeadlineMs: 250 })
    script = [
      { status: 200, delayMs: 400 },
      { status: 200, delayMs: 400 },
      { status: 200, delayMs: 400 },
    ]
    const error = await client.send({ method: 'GET', path: '/slow' }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(UpstreamNetworkError)
    expect(error).toMatchObject({
      timedOut: true,
      message: `cannot reach Acme at ${baseUrl.slice(0, -1)}: no answer within 100 ms`,
    })
    expect(seen.length).toBeGreaterThan(1)
    await client.close()
  })

  it("hands a failed answer to the plugin's one mapError hook, and honours its Retry-After", async () => {
    class AcmeError extends Error {
      constructor(
        readonly status: number,
        message: string,
        readonly retryAfterMs?: number,
      ) {
        super(message)
      }
    }
    const client = clientWith({
      mapError: (answer, request) =>
        new AcmeError(
          answer.status,
          `${request.path}: ${(answer.body as { error: string }).error}`,
          answer.retryAfterMs,
        ),
    })
    script = [
      { status: 429, body: '{"error":"slow down"}', headers: { 'retry-after': '1' } },
      { status: 404, body: '{"error":"no such server"}' },
    ]
    const started = Date.now()
    const error = await client.send({ method: 'GET', path: '/servers/9' }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(AcmeError)
    expect(error).toMatchObject({ status: 404, message: '/servers/9: no such server' })
    expect(seen[1]!.at - seen[0]!.at).toBeGreaterThanOrEqual(950)
    expect(Date.now() - started).toBeLessThan(2_000)
    await client.close()
  })

  it('lets a plugin retry a refusal of any call that the upstream made before doing anything', async () => {
    const client = clientWith({ retryable: (error) => (error as UpstreamHttpError).message === 'locked' })
    script = [
      { status: 500, body: '{"message":"locked"}' },
      { status: 200, body: '{"data":1}' },
    ]
    await expect(client.send({ method: 'POST', path: '/start' })).resolves.toMatchObject({ body: { data: 1 } })
    expect(seen).toHaveLength(2)
    await client.close()
  })

  it("names a refused connection, and keeps the caller's abort reason", async () => {
    const vacated = createServer().listen(0, '127.0.0.1')
    await once(vacated, 'listening')
    const port = (vacated.address() as AddressInfo).port
    await new Promise((resolve) => vacated.close(resolve))
    const closed = clientWith({ baseUrl: `http://127.0.0.1:${port}`, retryDeadlineMs: 0 })
    await expect(closed.send({ method: 'GET', path: '/' })).rejects.toThrow(
      `cannot reach Acme at http://127.0.0.1:${port}: ECONNREFUSED`,
    )
    const client = clientWith()
    const reason = new Error('caller gave up')
    const aborted = client.send({ method: 'GET', path: '/', signal: AbortSignal.abort(reason) })
    await expect(aborted).rejects.toBe(reason)
    await Promise.all([closed.close(), client.close()])
  })
})
