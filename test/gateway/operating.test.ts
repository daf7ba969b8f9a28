import { Kysely, SqliteDialect } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HangarTables } from '../../src/db/tables.js'
import { checkReadiness } from '../../src/server/readiness.js'
import { wsClient } from '../support/graphql-client.js'
import { startStack, type Stack } from '../support/start-stack.js'

let stack: Stack
beforeAll(async () => {
  stack = await startStack({ env: { HANGAR_INSTANCE_ID: 'gw-test-1' } })
})
afterAll(() => stack?.close())

const post = (query: string, headers: Record<string, string> = {}) =>
  fetch(`${stack.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  })

/** One sample of a metric in Prometheus' text format, by its name and labels (in any order). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue
    const [, labelText = '', value] = /^[^{ ]+(?:\{(.*)\})? (.+)$/.exec(line) ?? []
    if (Object.entries(labels).every(([key, wanted]) => labelText.includes(`${key}="${wanted}"`))) return Number(value)
  }
  return undefined
}

const metrics = async (token?: string) => {
  const response = await fetch(`${stack.url}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} })
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() }
}

/** The WebSocket subscriptions the gateway counts as open now. */
const openOverWebSocket = async () =>
  sample((await metrics()).text, 'hangar_subscriptions_open', { transport: 'websocket' })

/** Starts an operation with `mutation` (its answer's `field` selects `id`); answers the operation's id. */
const startOperation = async (mutation: string, field: string) =>
  ((await (await post(mutation)).json()) as { data: Record<string, { id: string }> }).data[field]!.id

describe('GET /ready', () => {
  it("answers 200 when the database answers, in the seeds' envelope", async () => {
    const response = await fetch(`${stack.url}/ready`)
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(await response.json()).toEqual({
      status: 'success',
      message: 'Hangar is ready',
      data: { database: { ok: true } },
    })
  })

  it('refuses another method with 405', async () => {
    const response = await fetch(`${stack.url}/ready`, { method: 'POST' })
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('GET, HEAD')
  })

  it('says not ready, and why, when the database does not answer', async () => {
    const db = new Kysely<HangarTables>({
      dialect: new SqliteDialect({
        database: async () => {
          throw new Error('SQLITE_CANTOPEN: unable to open database file')
        },
      }),
    })
    const readiness = await checkReadiness(db)
    expect(readiness.ready).toBe(false)
    expect(readiness.checks.database!.ok).toBe(false)
    expect(readiness.checks.database!.error).toBe('SQLITE_CANTOPEN: unable to open database file')
  })
})

describe('GET /metrics', () => {
  it("counts GraphQL operations, upstream calls per provider and jobs by state, in Prometheus' format", async () => {
    const stopped = await post('mutation { stopServer(id: "pve-lab:qemu/101", wait: true) { status } }')
    expect(await stopped.json()).toEqual({ data: { stopServer: { status: 'SUCCEEDED' } } })
    await post('{ servers { totalCount } }')
    const { status, type, text } = await metrics()
    expect(status).toBe(200)
    expect(type).toContain('text/plain')
    expect(
      sample(text, 'graphql_envelop_request_duration_count', { operationType: 'mutation' }),
    ).toBeGreaterThanOrEqual(1)
    expect(
      sample(text, 'hangar_upstream_calls_total', {
        provider: 'pve-lab',
        method: 'POST',
        outcome: 'ok',
        status: '200',
      }),
    ).toBeGreaterThanOrEqual(1)
    expect(
      sample(text, 'hangar_upstream_calls_total', { provider: 'pve-lab', method: 'GET', outcome: 'ok' }),
    ).toBeGreaterThanOrEqual(1)
    expect(
      sample(text, 'hangar_upstream_call_duration_seconds_count', { provider: 'pve-lab', outcome: 'ok' }),
    ).toBeGreaterThanOrEqual(2)
    expect(sample(text, 'hangar_jobs', { kind: 'operation', state: 'SUCCEEDED' })).toBeGreaterThanOrEqual(1)
    expect(sample(text, 'hangar_process_resident_memory_bytes')).toBeGreaterThan(0)
  })

  it('counts upstream errors by status', async () => {
    // Proxmox refuses to start a VM that runs: a 500 from the upstream, counted as an error.
    const refused = await post('mutation { startServer(id: "pve-lab:qemu/100") { status } }')
    expect((await refused.json()).errors?.[0]?.extensions?.code).toBe('CONFLICT')
    const { text } = await metrics()
    expect(
      sample(text, 'hangar_upstream_calls_total', { provider: 'pve-lab', method: 'POST', outcome: 'error' }),
    ).toBeGreaterThanOrEqual(1)
  })

  it('shows the subscriptions open now, and forgets one once it ends', async () => {
    const before = (await openOverWebSocket()) ?? 0
    const client = wsClient(stack.url, undefined, { keepOpen: true })
    const id = await startOperation('mutation { stopServer(id: "pve-lab:qemu/100") { id } }', 'stopServer')
    const events: string[] = []
    const done = new Promise<void>((resolve, reject) => {
      client.subscribe<{ operation: { status: string } }>(
        { query: `subscription { operation(id: "${id}") { status } }` },
        { next: (event) => events.push(event.data!.operation.status), error: reject, complete: resolve },
      )
    })
    await expect.poll(() => events.length).toBeGreaterThan(0)
    if (events.at(-1) !== 'SUCCEEDED') expect(await openOverWebSocket()).toBe(before + 1)
    await done
    await expect.poll(openOverWebSocket).toBe(before)
    await client.dispose()
  })

  it('forgets a subscription the client leaves before it ends', async () => {
    const before = (await openOverWebSocket()) ?? 0
    const client = wsClient(stack.url, undefined, { keepOpen: true })
    const id = await startOperation('mutation { rebootServer(id: "pve-lab:qemu/102") { id } }', 'rebootServer')
    const events: string[] = []
    const unsubscribe = client.subscribe<{ operation: { status: string } }>(
      { query: `subscription { operation(id: "${id}") { status } }` },
      { next: (event) => events.push(event.data!.operation.status), error: () => {}, complete: () => {} },
    )
    await expect.poll(() => events.length).toBeGreaterThan(0)
    expect(events[0]).toBe('RUNNING')
    expect(await openOverWebSocket()).toBe(before + 1)
    unsubscribe()
    await expect.poll(openOverWebSocket).toBe(before)
    await client.dispose()
  })

  it('needs a token once tokens exist, as every other read', async () => {
    const secured = await startStack()
    try {
      const viewer = await secured.issueToken('viewer')
      const without = await fetch(`${secured.url}/metrics`)
      expect(without.status).toBe(401)
      expect(await without.text()).not.toContain('hangar_')
      const wrong = await fetch(`${secured.url}/metrics`, { headers: { authorization: 'Bearer hgr_not-a-token' } })
      expect(wrong.status).toBe(401)
      const allowed = await fetch(`${secured.url}/metrics`, { headers: { authorization: `Bearer ${viewer}` } })
      expect(allowed.status).toBe(200)
      expect(await allowed.text()).toContain('hangar_jobs')
    } finally {
      await secured.close()
    }
  })
})

describe('the log', () => {
  it("has one line per request with its id (the client's, when plain), never the query string", async () => {
    const response = await fetch(`${stack.url}/health?token=hgr_secret-in-a-query`, {
      headers: { 'x-request-id': 'req-42.abc' },
    })
    expect(response.headers.get('x-request-id')).toBe('req-42.abc')
    const made = await fetch(`${stack.url}/health`, { headers: { 'x-request-id': 'not plain; rm -rf /' } })
    const madeId = made.headers.get('x-request-id')!
    expect(madeId).toMatch(/^[0-9a-f-]{36}$/)
    await expect.poll(() => stack.logs.filter((line) => line.includes('"requestId":"req-42.abc"')).length).toBe(1)
    const line = JSON.parse(stack.logs.find((entry) => entry.includes('"requestId":"req-42.abc"'))!) as Record<
      string,
      unknown
    >
    expect(line).toMatchObject({ msg: 'request', method: 'GET', path: '/health', status: 200, instance: 'gw-test-1' })
    expect(typeof line.ms).toBe('number')
    expect(stack.logs.join('\n')).not.toContain('hgr_secret-in-a-query')
    expect(stack.logs.some((entry) => entry.includes(`"requestId":"${madeId}"`))).toBe(true)
  })

  it('has one line per state an operation reaches, with its id and the instance', async () => {
    const answer = await post('mutation { startServer(id: "pve-lab:qemu/103", wait: true) { id status } }')
    const { data } = (await answer.json()) as { data: { startServer: { id: string; status: string } } }
    expect(data.startServer.status).toBe('SUCCEEDED')
    const states = stack.logs
      .filter((line) => line.includes(`"operation":"${data.startServer.id}"`))
      .map((line) => JSON.parse(line) as { status: string; instance: string; msg: string })
    expect(states.map((state) => state.status)).toEqual(['PENDING', 'RUNNING', 'SUCCEEDED'])
    expect(states.every((state) => state.instance === 'gw-test-1')).toBe(true)
    expect(states.at(-1)!.msg).toBe('operation start SUCCEEDED')
  })
})
