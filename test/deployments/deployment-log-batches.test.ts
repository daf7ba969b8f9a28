import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collectField, collectOverSse, sendOver } from '../support/graphql-client.js'
import { startStack, type Stack } from '../support/start-stack.js'
import { graphql } from '../gql/index.js'

const Batches = graphql(`
  subscription LogBatchesWatch($id: ID!, $after: Int) {
    deploymentLogBatches(id: $id, after: $after) { seq stream line }
  }
`)

type Line = { seq: number; stream: string; line: string }
type Batch = Line[]

let stack: Stack
beforeAll(async () => {
  stack = await startStack({ simulator: { taskDurationMs: 100 } })
}, 60_000)
afterAll(async () => {
  await stack?.close()
})

const ask = (query: string, variables?: Record<string, unknown>) =>
  sendOver('http', stack.url, undefined, query, variables)

async function createDeployment(): Promise<string> {
  const created = await ask('mutation ($input: CreateDeploymentInput!) { createDeployment(input: $input) { id } }', {
    input: { type: 'LXC', framework: 'nodejs', githubUrl: 'https://github.com/acme/shop.git' },
  })
  expect(created.errors).toBeUndefined()
  return (created.data!.createDeployment as { id: string }).id
}

const BATCHES =
  'subscription ($id: ID!, $after: Int) { deploymentLogBatches(id: $id, after: $after) { seq stream line } }'
const EACH_LINE = 'subscription ($id: ID!, $after: Int) { deploymentLogs(id: $id, after: $after) { seq stream line } }'

/** A batch is never empty, and its lines follow on one from another. */
function expectWellFormed(batch: Batch) {
  expect(batch.length).toBeGreaterThan(0)
  expect(batch.map((line) => line.seq)).toEqual(
    Array.from({ length: batch.length }, (_, index) => batch[0]!.seq + index),
  )
}

describe('deploymentLogBatches', () => {
  it("gives a live deployment's every line once, in order, many to an event, " +
    'the same lines deploymentLogs gives, and completes when it is RUNNING', async () => {
    const id = await createDeployment()
    // Two watchers of batches and one of single lines, all from the start, while it deploys.
    const [first, second, single] = await Promise.all([
      collectField<Batch>(stack.url, BATCHES, { id }, 'deploymentLogBatches'),
      collectField<Batch>(stack.url, BATCHES, { id }, 'deploymentLogBatches'),
      collectField<Line>(stack.url, EACH_LINE, { id }, 'deploymentLogs'),
    ])
    const stored = await ask(
      'query ($id: ID!) { deployment(id: $id) { status logs(limit: 10000) { seq stream line } } }',
      { id },
    )
    const deployment = stored.data!.deployment as { status: string; logs: Line[] }
    expect(deployment.status).toBe('RUNNING')
    expect(deployment.logs.length).toBeGreaterThan(10)
    for (const batches of [first, second]) {
      for (const batch of batches) expectWellFormed(batch)
      expect(batches.flat()).toEqual(deployment.logs)
      // Fewer events than lines: lines stored together arrive together.
      expect(batches.length).toBeLessThan(deployment.logs.length)
    }
    expect(single).toEqual(deployment.logs)
  }, 120_000)

  it('resumes after the last seq seen, with no gap and no repeat, over WebSocket and SSE alike', async () => {
    const id = await createDeployment()
    const all = (await collectField<Batch>(stack.url, BATCHES, { id }, 'deploymentLogBatches')).flat()
    expect(all.length).toBeGreaterThan(10)
    const resumed = await collectField<Batch>(stack.url, BATCHES, { id, after: 5 }, 'deploymentLogBatches')
    for (const batch of resumed) expectWellFormed(batch)
    expect(resumed[0]![0]!.seq).toBe(6)
    expect(resumed.flat()).toEqual(all.slice(5))

    const overSse = await collectOverSse(stack.url, Batches, { id, after: all.length - 3 })
    const sseBatches = overSse.map((event) => event.data!.deploymentLogBatches as Batch)
    for (const batch of sseBatches) expectWellFormed(batch)
    expect(sseBatches.flat()).toEqual(all.slice(-3))

    // After the last line there is nothing more to send: it completes with no event.
    expect(await collectField<Batch>(stack.url, BATCHES, { id, after: all.length }, 'deploymentLogBatches')).toEqual([])
  }, 120_000)

  it('refuses an id that is not read exactly, naming it, over both transports', async () => {
    for (const transport of ['websocket', 'sse'] as const) {
      const answer = await sendOver(
        transport,
        stack.url,
        undefined,
        'subscription { deploymentLogBatches(id: "01") { seq } }',
      )
      expect(answer.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
      expect(answer.errors?.[0]?.message).toMatch(/id/)
    }
  })
})
