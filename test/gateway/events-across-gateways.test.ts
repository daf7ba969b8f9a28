import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLogger } from '../../src/logger.js'
import { startHangar, type RunningHangar } from '../../src/start-hangar.js'
import { collectField, sendOver, wsClient } from '../support/graphql-client.js'
import { createPostgresSchema, SKIP_POSTGRES, type PostgresSchema } from '../support/postgres-schema.js'
import { createTestRedis, type TestRedis } from '../support/redis-server.js'
import { startStack, type Stack } from '../support/start-stack.js'

/**
 * Two gateways on one PostgreSQL and one Redis: what one does, a subscriber on the other follows,
 * and the other's cached server list forgets what changed.
 */
describe.skipIf(SKIP_POSTGRES)('events between two gateways sharing PostgreSQL and Redis', () => {
  let postgres: PostgresSchema
  let redis: TestRedis
  let a: Stack
  let b: RunningHangar
  beforeAll(async () => {
    postgres = await createPostgresSchema()
    redis = await createTestRedis()
    await redis.start()
    // A long cache, so that only an invalidation can make B's list show a change.
    const shared = { DATABASE_URL: postgres.url, REDIS_URL: redis.url, HANGAR_CACHE_TTL_MS: '600000' }
    a = await startStack({ env: { ...shared, HANGAR_INSTANCE_ID: 'gw-a' }, simulator: { taskDurationMs: 1_000 } })
    b = await startHangar({
      env: { ...a.env, HANGAR_INSTANCE_ID: 'gw-b' },
      logger: createLogger({ level: process.env.DEBUG_B ? 'debug' : 'silent' }),
    })
  }, 60_000)
  afterAll(async () => {
    await b?.close()
    await a?.close()
    await redis?.stop()
    await postgres?.drop()
  })

  const ask = (url: string, query: string, variables?: Record<string, unknown>) =>
    sendOver('http', url, undefined, query, variables)

  it('both are ready once Redis answers', async () => {
    for (const url of [a.url, b.url])
      await expect.poll(async () => (await fetch(`${url}/ready`)).status, { timeout: 10_000 }).toBe(200)
  })

  it('a subscriber on B follows an operation A runs, to its end, with its log', async () => {
    const started = await ask(a.url, 'mutation { stopServer(id: "pve-lab:qemu/101") { id status } }')
    const { id } = started.data!.stopServer as { id: string }
    const client = wsClient(b.url)
    const seen: { status: string; logs: string[] }[] = []
    for await (const event of client.iterate({
      query: 'subscription ($id: ID!) { operation(id: $id) { status logs } }',
      variables: { id },
    })) {
      seen.push((event.data as { operation: { status: string; logs: string[] } }).operation)
    }
    await client.dispose()
    expect(seen.at(-1)).toEqual({
      status: 'SUCCEEDED',
      logs: expect.arrayContaining(['TASK OK']) as unknown as string[],
    })
    expect(seen.length).toBeGreaterThanOrEqual(1)
  })

  it("B's cached server list forgets a server A changed", async () => {
    const statusOn = async (url: string) => {
      const answer = await ask(url, '{ servers(search: "web-01") { nodes { id status } } }')
      return (answer.data!.servers as { nodes: { id: string; status: string }[] }).nodes.find(
        (node) => node.id === 'pve-lab:qemu/100',
      )!.status
    }
    expect(await statusOn(b.url)).toBe('RUNNING')
    const stopped = await ask(a.url, 'mutation { stopServer(id: "pve-lab:qemu/100", wait: true) { status } }')
    expect(stopped.data).toEqual({ stopServer: { status: 'SUCCEEDED' } })
    await expect.poll(() => statusOn(b.url), { timeout: 5_000 }).toBe('STOPPED')
  })

  it('a subscriber on B gets every line of a deployment running on A, once each and in order', async () => {
    const created = await ask(
      a.url,
      'mutation ($input: CreateDeploymentInput!) { createDeployment(input: $input) { id } }',
      {
        input: { type: 'LXC', framework: 'nodejs', githubUrl: 'https://github.com/acme/shop.git' },
      },
    )
    const { id } = created.data!.createDeployment as { id: string }
    const lines = await collectField<{ seq: number }>(
      b.url,
      'subscription ($id: ID!) { deploymentLogs(id: $id) { seq } }',
      { id },
      'deploymentLogs',
    )
    const seqs = lines.map((line) => line.seq)
    const status = await ask(b.url, 'query ($id: ID!) { deployment(id: $id) { status logs(limit: 10000) { seq } } }', {
      id,
    })
    const deployment = status.data!.deployment as { status: string; logs: { seq: number }[] }
    expect(deployment.status).toBe('RUNNING')
    expect(seqs).toEqual(deployment.logs.map((line) => line.seq))
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, index) => index + 1))
    expect(seqs.length).toBeGreaterThan(10)
  }, 120_000)

  it("heals when Redis comes back: a subscriber on B that missed the end of A's operation reads it then", async () => {
    const started = await ask(a.url, 'mutation { startServer(id: "pve-lab:qemu/101") { id status } }')
    const { id } = started.data!.startServer as { id: string }
    const client = wsClient(b.url)
    const seen: string[] = []
    const following = (async () => {
      for await (const event of client.iterate({
        query: 'subscription ($id: ID!) { operation(id: $id) { status } }',
        variables: { id },
      })) {
        seen.push((event.data as { operation: { status: string } }).operation.status)
      }
    })()
    await expect.poll(() => seen.length).toBeGreaterThan(0)
    expect(seen[0]).toBe('RUNNING')
    await redis.stop()
    // The task ends on A while Redis is away: B is not told.
    await expect
      .poll(
        async () =>
          (
            (await ask(a.url, 'query ($id: ID!) { operation(id: $id) { status } }', { id })).data!.operation as {
              status: string
            }
          ).status,
        { timeout: 10_000 },
      )
      .toBe('SUCCEEDED')
    expect(seen).not.toContain('SUCCEEDED')
    expect((await fetch(`${b.url}/ready`)).status).toBe(503)
    await redis.start()
    await following
    await client.dispose()
    expect(seen.at(-1)).toBe('SUCCEEDED')
    for (const url of [a.url, b.url])
      await expect.poll(async () => (await fetch(`${url}/ready`)).status, { timeout: 10_000 }).toBe(200)
  }, 60_000)

  // Last: it makes a token, after which every request needs one.
  it('holds a token to its mutation rate across both gateways, not once per gateway', async () => {
    const token = await a.issueToken('operator', 'spread-bot')
    const refusedOn = async (url: string) => {
      const answer = await sendOver('http', url, token, 'mutation { startServer(id: "pve-lab:qemu/4242") { id } }')
      return answer.errors?.[0]?.extensions?.code === 'RATE_LIMITED'
    }
    // 60 a minute (the default) for the token, wherever it asks: 40 on each gateway leave 20 refused.
    const outcomes = await Promise.all(
      Array.from({ length: 80 }, (_, index) => refusedOn(index % 2 === 0 ? a.url : b.url)),
    )
    const refused = outcomes.filter(Boolean).length
    expect(refused).toBeGreaterThanOrEqual(19)
    expect(refused).toBeLessThanOrEqual(21)
    expect(outcomes.filter((wasRefused, index) => wasRefused && index % 2 === 1).length).toBeGreaterThan(0)
  })
})
