import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestRedis, type TestRedis } from '../support/redis-server.js'
import { startStack, type Stack } from '../support/start-stack.js'

let redis: TestRedis
let stack: Stack
beforeAll(async () => {
  redis = await createTestRedis()
})
afterAll(async () => {
  await stack?.close()
  await redis?.stop()
})

const ready = async () => {
  const response = await fetch(`${stack.url}/ready`)
  return {
    status: response.status,
    body: (await response.json()) as { message: string; data: Record<string, { ok: boolean; error?: string }> },
  }
}

describe('GET /ready with REDIS_URL', () => {
  it('starts without waiting for a Redis that is down, and says it is not ready until Redis answers', async () => {
    stack = await startStack({ env: { REDIS_URL: redis.url } })
    const before = await ready()
    expect(before.status).toBe(503)
    expect(before.body.data.database).toEqual({ ok: true })
    expect(before.body.data.redis!.ok).toBe(false)
    expect(before.body.message).toMatch(/^not ready: redis: /)
    // Everything else works meanwhile.
    const servers = await fetch(`${stack.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ servers { totalCount } }' }),
    })
    expect(
      ((await servers.json()) as { data: { servers: { totalCount: number } } }).data.servers.totalCount,
    ).toBeGreaterThan(0)

    await redis.start()
    await expect.poll(async () => (await ready()).status, { timeout: 10_000, interval: 200 }).toBe(200)
    expect((await ready()).body.data).toEqual({ database: { ok: true }, redis: { ok: true } })
  }, 30_000)

  it('fails while Redis is gone, crashes nothing, and heals when it is back', async () => {
    await redis.stop()
    await expect.poll(async () => (await ready()).status, { timeout: 10_000, interval: 200 }).toBe(503)
    expect((await fetch(`${stack.url}/health`)).status).toBe(200)
    await redis.start()
    await expect.poll(async () => (await ready()).status, { timeout: 10_000, interval: 200 }).toBe(200)
    // One line when it went away and one when it came back, however many retries in between.
    expect(stack.logs.filter((line) => line.includes('Redis does not answer')).length).toBeLessThanOrEqual(2)
    expect(stack.logs.some((line) => line.includes('Redis answers again'))).toBe(true)
  }, 30_000)

  it('never shows the password of REDIS_URL, in the log or in /ready', async () => {
    const secured = await startStack({ env: { REDIS_URL: `redis://:hangar-redis-s3cret@127.0.0.1:${redis.port}` } })
    try {
      const response = await fetch(`${secured.url}/ready`)
      const text = await response.text()
      expect(text).not.toContain('hangar-redis-s3cret')
      await new Promise((resolve) => setTimeout(resolve, 500))
      expect(secured.logs.join('\n')).not.toContain('hangar-redis-s3cret')
    } finally {
      await secured.close()
    }
  })

  it('refuses a REDIS_URL that is not one, naming the variable', async () => {
    await expect(startStack({ env: { REDIS_URL: 'http://127.0.0.1:6379' } })).rejects.toThrow(
      /REDIS_URL: a redis:\/\/ or rediss:\/\/ URL/,
    )
  })
})
