import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createKamateraClient, type KamateraClient } from '../../plugins/kamatera/kamatera-client.js'
import { KamateraApiError } from '../../plugins/kamatera/kamatera-api-error.js'
import { kamateraOptionsSchema } from '../../plugins/kamatera/options.js'
import { createKamateraSimulator, type KamateraSimulator } from '../../plugins/kamatera/simulator/index.js'
import { serverListSchema, commandIdsSchema } from '../../plugins/kamatera/upstream-schemas.js'
import { createLogger } from '../../src/logger.js'

let simulator: KamateraSimulator
let client: KamateraClient
beforeAll(async () => {
  simulator = await createKamateraSimulator({ seed: 'demo', commandDurationMs: 200 })
  const options = kamateraOptionsSchema.parse({
    url: simulator.url,
    clientId: simulator.clientId,
    secret: simulator.secret,
    retryDeadlineMs: 4_000,
    requestTimeoutMs: 3_000,
  })
  client = createKamateraClient(options, createLogger({ level: 'silent' }))
})
afterAll(async () => {
  await client?.close()
  await simulator?.close()
})

const listServers = () => client.request('GET', '/service/servers', { schema: serverListSchema, read: true })
const requestsTo = (path: string, since: number) =>
  simulator.requestLog.filter((entry) => entry.path === path && entry.at >= since)

describe('the Kamatera client answered 429', () => {
  it('retries a read after a 429 with no Retry-After, with backoff, and returns its answer', async () => {
    const since = Date.now()
    simulator.faults.rateLimit({ method: 'GET', path: '/service/servers', times: 2 })
    const servers = await listServers()
    expect(servers.length).toBeGreaterThan(0)
    const reads = requestsTo('/service/servers', since)
    expect(reads.map((entry) => entry.status)).toEqual([429, 429, 200])
    expect(reads[1]!.at).toBeGreaterThan(reads[0]!.at)
  })

  it('waits until the HTTP date a Retry-After names before reading again', async () => {
    const since = Date.now()
    // HTTP dates have whole seconds: the wait asked for is between one and two seconds.
    const retryAt = new Date(Date.now() + 2_000)
    const asked = Math.floor(retryAt.getTime() / 1000) * 1000
    simulator.faults.rateLimit({ method: 'GET', path: '/service/servers', times: 1, retryAfter: retryAt.toUTCString() })
    await listServers()
    const reads = requestsTo('/service/servers', since)
    expect(reads.map((entry) => entry.status)).toEqual([429, 200])
    expect(reads[1]!.at).toBeGreaterThanOrEqual(asked)
  })

  it('gives up at once, without asking again early, when Retry-After reaches past the retry deadline', async () => {
    const since = Date.now()
    simulator.faults.rateLimit({ method: 'GET', path: '/service/servers', times: 1, retryAfter: 30 })
    const error = await listServers().catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(KamateraApiError)
    expect(error).toMatchObject({ status: 429, retryAfterMs: 30_000 })
    expect(Date.now() - since).toBeLessThan(2_000)
    expect(requestsTo('/service/servers', since)).toHaveLength(1)
  })

  it('never repeats a call that starts work, even after a 429', async () => {
    const since = Date.now()
    simulator.faults.rateLimit({ method: 'POST', path: '/service/server/poweron', times: 1, retryAfter: 0 })
    const server = [...simulator.state.servers.values()].find((candidate) => candidate.power === 'off')!
    const error = await client
      .request('POST', '/service/server/poweron', { body: { id: server.id }, schema: commandIdsSchema, read: false })
      .catch((caught: unknown) => caught)
    expect(error).toMatchObject({ status: 429 })
    expect(requestsTo('/service/server/poweron', since)).toHaveLength(1)
    expect(simulator.state.server(server.id)!.power).toBe('off')
  })
})
