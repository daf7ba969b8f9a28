import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sendOver } from '../support/graphql-client.js'
import { storeFailedDeployment } from '../support/node-hello-deployment.js'
import { startStack, type Stack } from '../support/start-stack.js'
import type { JsonAnswer } from '../support/json-answer.js'

let stack: Stack
beforeAll(async () => {
  // CORS closed, the default.
  stack = await startStack()
  await storeFailedDeployment(stack, 'done-app', 'ended before the test')
})
afterAll(() => stack?.close())

const ask = (query: string) => sendOver('http', stack.url, undefined, query)

/** What a browser's `new EventSource(url)` sends: a GET with no header a page could add. */
const EVENT_SOURCE_HEADERS = { accept: 'text/event-stream', 'cache-control': 'no-cache' }

function eventSourceUrl(query: string, variables?: Record<string, unknown>): string {
  const params = new URLSearchParams({ query })
  if (variables) params.set('variables', JSON.stringify(variables))
  return `${stack.url}/graphql?${params}`
}

/** Reads a text/event-stream body to its end, as EventSource would, and gives back every `next` event's data. */
async function readEvents(response: Response): Promise<JsonAnswer[]> {
  const text = await response.text()
  return text
    .split('\n\n')
    .map((block) => block.split('\n'))
    .filter((lines) => lines.includes('event: next'))
    .map((lines) =>
      JSON.parse(
        lines
          .filter((line) => line.startsWith('data: '))
          .map((line) => line.slice(6))
          .join('\n'),
      ),
    )
}

describe('subscriptions over GET, as EventSource makes them', () => {
  it('streams an operation until it ends', async () => {
    const started = await ask('mutation { stopServer(id: "pve-lab:qemu/100") { id status } }')
    const { id } = started.data!.stopServer as { id: string }
    const response = await fetch(
      eventSourceUrl('subscription ($id: ID!) { operation(id: $id) { id status logs } }', { id }),
      { headers: EVENT_SOURCE_HEADERS },
    )
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('text/event-stream')
    const events = await readEvents(response)
    expect(events.length).toBeGreaterThan(0)
    expect(events.every((event) => event.data?.operation?.id === id)).toBe(true)
    expect(events.at(-1)!.data.operation.status).toBe('SUCCEEDED')
    expect(stack.simulator.state.guests.get(100)!.status).toBe('stopped')
  })

  it("streams a deployment's status", async () => {
    const response = await fetch(eventSourceUrl('subscription { deploymentStatus(id: "1") { id status error } }'), {
      headers: EVENT_SOURCE_HEADERS,
    })
    expect(response.status).toBe(200)
    expect(await readEvents(response)).toEqual([
      { data: { deploymentStatus: { id: '1', status: 'FAILED', error: 'ended before the test' } } },
    ])
  })

  it('refuses a mutation sent the same way, and runs nothing', async () => {
    const mutation = eventSourceUrl('mutation { startServer(id: "pve-lab:qemu/103") { id } }')
    const bare = await fetch(mutation, { headers: EVENT_SOURCE_HEADERS })
    expect(bare.status).toBe(403)
    // Even with the header that lets GET queries through, a mutation is never run from a GET.
    const withHeader = await fetch(mutation, { headers: { ...EVENT_SOURCE_HEADERS, 'x-graphql-yoga-csrf': '1' } })
    expect(withHeader.status).toBe(405)
    await bare.text()
    await withHeader.text()
    expect(stack.simulator.state.guests.get(103)!.status).toBe('stopped')
    const audit = await ask('{ auditLog(action: "startServer") { totalCount } }')
    expect(audit.data!.auditLog).toEqual({ totalCount: 0 })
  })

  it('keeps the CSRF rule for queries: a GET query without the header is refused', async () => {
    const response = await fetch(eventSourceUrl('{ servers { totalCount } }'), { headers: EVENT_SOURCE_HEADERS })
    expect(response.status).toBe(403)
    expect(await response.text()).toContain('Required CSRF header(s) not present')
  })

  it("gives another site's page no way to read the stream: no Access-Control-Allow-Origin", async () => {
    const response = await fetch(eventSourceUrl('subscription { deploymentStatus(id: "1") { status } }'), {
      headers: { ...EVENT_SOURCE_HEADERS, origin: 'https://evil.example' },
    })
    expect(response.headers.get('access-control-allow-origin')).toBeNull()
    await response.text()
  })

  it('answers 401 once tokens exist, since EventSource cannot send Authorization', async () => {
    await stack.issueToken('viewer', 'event-source-viewer')
    const response = await fetch(eventSourceUrl('subscription { deploymentStatus(id: "1") { status } }'), {
      headers: EVENT_SOURCE_HEADERS,
    })
    const events = await readEvents(response)
    expect(response.status).toBe(401)
    expect(events[0]!.errors[0].extensions.code).toBe('UNAUTHENTICATED')
  })
})
