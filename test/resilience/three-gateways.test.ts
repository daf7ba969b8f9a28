import { createClient } from 'graphql-ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { collectField, wsClient } from '../support/graphql-client.js'
import {
  ask,
  lineKeeper,
  listDeployments,
  seededRandom,
  storedLogs,
  upstreamGuests,
  type Printed,
} from '../support/deployment-runs.js'
import { cleanEnv, startHangarProcess, type HangarProcess } from '../support/hangar-process.js'
import {
  expectNodeHelloAnswers,
  interruptedWhileProvisioning,
  nodeHelloInput,
  startNodeHelloSimulator,
  statusLines,
  untilSettled,
} from '../support/kill-tests.js'
import { createPostgresSchema, SKIP_POSTGRES, type PostgresSchema } from '../support/postgres-schema.js'
import { createTestRedis, type TestRedis } from '../support/redis-server.js'

/**
 * Issue 12's "done when": three `hangar serve` processes on one PostgreSQL and one Redis, with the
 * Proxmox simulator in a process of its own, behave as one. Work made on one is followed on the
 * others; two actions on one server from two gateways run one after the other; and a gateway
 * killed with SIGKILL in the middle of deployments, twenty times over, leaves nothing stuck, lost
 * or run twice: the others take its jobs over once its leases expire.
 */

const KILLS = 20
const LEASE_MS = 2_000
const SEED = Number(process.env.HANGAR_GATEWAYS_SEED ?? 20261202)

type Gateway = { process: HangarProcess; url: string }

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const createDeployment = async (url: string, name: string, type: 'VM' | 'LXC' = 'LXC') =>
  (
    (
      await ask(url, 'mutation ($input: CreateDeploymentInput!) { createDeployment(input: $input) { id } }', {
        input: nodeHelloInput(name, type),
      })
    ).createDeployment as { id: string }
  ).id

/** The id of a seeded VM (`qemu/10x`) that is running, as the gateway at `url` lists it. */
async function runningSeededVm(url: string): Promise<string> {
  const listed = (
    (await ask(url, '{ servers(first: 100) { nodes { id status } } }')).servers as {
      nodes: { id: string; status: string }[]
    }
  ).nodes
  return listed.find((candidate) => candidate.status === 'RUNNING' && /:qemu\/10\d$/.test(candidate.id))!.id
}

/** The value of a counter in a gateway's `/metrics`, summed over its labels. */
async function metric(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text()
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0)
}

describe.skipIf(SKIP_POSTGRES)('three gateways on one PostgreSQL and one Redis', () => {
  const processes: HangarProcess[] = []
  const cleanups: (() => Promise<void>)[] = []
  let postgres: PostgresSchema
  let redis: TestRedis
  let printed: Printed
  let seeded: Set<number>
  let env: NodeJS.ProcessEnv
  let a: Gateway
  let b: Gateway
  let c: Gateway

  const startGateway = async (instance: string): Promise<Gateway> => {
    const child = await startHangarProcess(['serve'], { ...env, HANGAR_INSTANCE_ID: instance })
    processes.push(child)
    return { process: child, url: (JSON.parse(child.firstLine) as { url: string }).url }
  }

  beforeAll(async () => {
    const simulator = await startNodeHelloSimulator()
    processes.push(simulator.process)
    cleanups.push(simulator.removeRepositories)
    ;({ printed, seeded } = simulator)
    postgres = await createPostgresSchema()
    cleanups.push(() => postgres.drop())
    redis = await createTestRedis()
    await redis.start()
    cleanups.push(() => redis.stop())
    env = cleanEnv({
      ...printed.env,
      HANGAR_PORT: '0',
      DATABASE_URL: postgres.url,
      REDIS_URL: redis.url,
      HANGAR_JOB_LEASE_MS: String(LEASE_MS),
      HANGAR_MUTATION_RATE_LIMIT: '0',
      HANGAR_CACHE_TTL_MS: '0',
      PROXMOX_POLL_INTERVAL_MS: '100',
    })
    // One at a time: the first migrates the database.
    a = await startGateway('gw-a')
    b = await startGateway('gw-b')
    c = await startGateway('gw-c')
  }, 120_000)

  afterAll(async () => {
    await Promise.all(processes.map((child) => child.stop(5_000)))
    for (const cleanup of cleanups) await cleanup().catch(() => {})
  })

  it('are all ready once the database and Redis answer', async () => {
    for (const gateway of [a, b, c])
      await expect.poll(async () => (await fetch(`${gateway.url}/ready`)).status, { timeout: 15_000 }).toBe(200)
  })

  it('follows on B (WebSocket) and on C (SSE) ' +
    'a deployment made on A: every line once, in order, as stored', async () => {
    const id = await createDeployment(a.url, 'followed')
    const overWebSocket = collectField<{ seq: number }>(
      b.url,
      'subscription ($id: ID!) { deploymentLogs(id: $id) { seq } }',
      { id },
      'deploymentLogs',
    ).then((lines) => lines.map((line) => line.seq))
    const overSse = (async () => {
      const response = await fetch(`${c.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({
          query: 'subscription ($id: ID!) { deploymentLogs(id: $id) { seq } }',
          variables: { id },
        }),
      })
      const text = await response.text()
      return text
        .split('\n\n')
        .filter((block) => block.split('\n').includes('event: next'))
        .map(
          (block) =>
            (
              JSON.parse(
                block
                  .split('\n')
                  .find((line) => line.startsWith('data: '))!
                  .slice(6),
              ) as { data: { deploymentLogs: { seq: number } } }
            ).data.deploymentLogs.seq,
        )
    })()
    const [onB, onC] = await Promise.all([overWebSocket, overSse])
    const stored = await storedLogs(a.url, id)
    expect((await listDeployments(c.url)).find((deployment) => deployment.id === id)!.status).toBe('RUNNING')
    expect(stored.map((line) => line.seq)).toEqual(Array.from({ length: stored.length }, (_, index) => index + 1))
    expect(onB).toEqual(stored.map((line) => line.seq))
    expect(onC).toEqual(stored.map((line) => line.seq))
    expect(stored.length).toBeGreaterThan(10)
  }, 120_000)

  it('runs a reboot asked on A and one asked on B of the ' +
    'same server at the same moment one after the other', async () => {
    // A seeded VM that is running: each reboot is real work, and either may go first (a stop and a
    // start would race: a start that won would be refused upstream, the VM being still up).
    const server = await runningSeededVm(a.url)
    const fields = 'id status startedAt finishedAt'
    const [onA, onB] = await Promise.all([
      ask(a.url, `mutation ($id: ID!) { rebootServer(id: $id) { ${fields} } }`, { id: server }),
      ask(b.url, `mutation ($id: ID!) { rebootServer(id: $id) { ${fields} } }`, { id: server }),
    ])
    const answered = [onA.rebootServer, onB.rebootServer] as { id: string; status: string }[]
    // One went upstream at once; the other waited its turn, across gateways.
    expect(answered.map((operation) => operation.status).sort()).toEqual(['PENDING', 'RUNNING'])
    const ended = async (url: string, id: string) =>
      (await ask(url, 'query ($id: ID!) { operation(id: $id) { status startedAt finishedAt logs } }', { id }))
        .operation as { status: string; finishedAt: string | null; logs: string[] }
    await expect
      .poll(
        async () =>
          (await Promise.all(answered.map((operation) => ended(c.url, operation.id)))).map(
            (operation) => operation.status,
          ),
        { timeout: 30_000, interval: 200 },
      )
      .toEqual(['SUCCEEDED', 'SUCCEEDED'])
    const [first, second] = answered[0]!.status === 'RUNNING' ? answered : [answered[1]!, answered[0]!]
    const firstEnded = await ended(c.url, first!.id)
    const secondEnded = await ended(c.url, second!.id)
    // The second's task began upstream after the first had ended: its log starts after that.
    expect(new Date(secondEnded.finishedAt!).getTime()).toBeGreaterThanOrEqual(
      new Date(firstEnded.finishedAt!).getTime(),
    )
    const status = (
      (await ask(c.url, 'query ($id: ID!) { server(id: $id) { status } }', { id: server })).server as { status: string }
    ).status
    expect(status).toBe('RUNNING')
  }, 60_000)

  it('goes on with the operations of a killed gateway: the one ' +
    'under way followed from its task, the one waiting its turn made', async () => {
    const server = await runningSeededVm(b.url)
    const stop = (await ask(a.url, 'mutation ($id: ID!) { stopServer(id: $id) { id status } }', { id: server }))
      .stopServer as { id: string; status: string }
    const start = (await ask(a.url, 'mutation ($id: ID!) { startServer(id: $id) { id status } }', { id: server }))
      .startServer as { id: string; status: string }
    expect([stop.status, start.status]).toEqual(['RUNNING', 'PENDING'])
    a.process.child.kill('SIGKILL')
    await new Promise((resolve) => a.process.child.once('exit', resolve))
    const status = async (id: string) =>
      (await ask(b.url, 'query ($id: ID!) { operation(id: $id) { status error } }', { id })).operation as {
        status: string
        error: string | null
      }
    await expect
      .poll(async () => [(await status(stop.id)).status, (await status(start.id)).status], {
        timeout: 30_000,
        interval: 200,
      })
      .toEqual(['SUCCEEDED', 'SUCCEEDED'])
    const now = (
      (await ask(c.url, 'query ($id: ID!) { server(id: $id) { status } }', { id: server })).server as { status: string }
    ).status
    expect(now).toBe('RUNNING')
    a = await startGateway('gw-a-again')
  }, 60_000)

  it(`leaves nothing stuck, lost or run twice when A is ` +
    `killed in the middle of deployments, ${KILLS} times over`, async () => {
    const next = seededRandom(SEED)
    const checkNoLineLost = lineKeeper()
    const survivorsTakeovers = async () =>
      (await metric(b.url, 'hangar_job_lease_takeovers_total')) +
      (await metric(c.url, 'hangar_job_lease_takeovers_total'))
    const storedTakeovers = async () =>
      Number(
        (
          await postgres.admin.query<{ n: string }>(
            `select coalesce(sum(takeovers), 0) as n from ${postgres.schema}.jobs`,
          )
        ).rows[0]!.n,
      )
    const [metricBefore, storedBefore] = [await survivorsTakeovers(), await storedTakeovers()]
    let created = 0
    for (let kill = 0; kill < KILLS; kill += 1) {
      if (kill > 0) a = await startGateway(`gw-a${kill}`)
      await createDeployment(a.url, `killed-${kill}`, next() < 0.7 ? 'LXC' : 'VM')
      created += 1
      // Mostly early (while the guest is made), sometimes late enough to catch the recipe.
      await sleep(next() < 0.6 ? 200 + next() * 2_500 : 3_000 + next() * 5_000)
      a.process.child.kill('SIGKILL')
      await new Promise((resolve) => a.process.child.once('exit', resolve))
      await checkNoLineLost(b.url)
    }

    const deployments = await untilSettled(async () =>
      (await listDeployments(b.url)).filter((deployment) => deployment.name.startsWith('killed-')),
    )
    await checkNoLineLost(c.url)
    expect(deployments).toHaveLength(created)
    console.log(`three gateways (seed ${SEED}): ${KILLS} kills of A\n  ${statusLines(deployments)}`)
    for (const deployment of deployments) {
      if (deployment.status === 'RUNNING') {
        await expectNodeHelloAnswers(deployment)
      } else {
        const tail = (await storedLogs(b.url, deployment.id))
          .slice(-12)
          .map((line) => line.line)
          .join('\n    ')
        expect(deployment.status, `${deployment.name}`).toBe('FAILED')
        expect(deployment.error, `${deployment.name} (${deployment.error}); its log ends:\n    ${tail}`).toMatch(
          interruptedWhileProvisioning(/the gateway working on it \(gw-a[\w-]*#\w+\) stopped/.source),
        )
      }
      // Nothing ran twice: one 'created' line, and at most one recipe run to its health check per takeover.
      const lines = (await storedLogs(b.url, deployment.id)).map((line) => line.line)
      expect(lines.filter((line) => /^deployment \d+ created/.test(line))).toHaveLength(1)
    }
    // No orphan: every guest beyond the seed and the first test's is the guest of a RUNNING deployment.
    const followed = (await listDeployments(b.url)).filter((deployment) => !deployment.name.startsWith('killed-'))
    const guests = (await upstreamGuests(printed)).filter(
      (guest) => !seeded.has(guest.vmid) && !followed.some((deployment) => Number(deployment.host?.id) === guest.vmid),
    )
    const owned = new Map(
      deployments
        .filter((deployment) => deployment.status === 'RUNNING')
        .map((deployment) => [Number(deployment.host!.id), deployment.name]),
    )
    for (const guest of guests)
      expect(owned.get(guest.vmid), `guest ${guest.vmid} (${guest.name}) belongs to a running deployment`).toBe(
        guest.name,
      )
    expect(guests.length).toBe(owned.size)
    // Most kills left a job for another gateway to take over once its lease expired. The next A,
    // started at once, takes some of them (and its count dies with it): the database counts all,
    // and the survivors say so in /metrics for theirs.
    expect((await storedTakeovers()) - storedBefore).toBeGreaterThanOrEqual(KILLS / 2)
    expect((await survivorsTakeovers()) - metricBefore).toBeGreaterThan(0)
  }, 600_000)

  it('hands its jobs back and ends its subscriptions (1001) when stopped with SIGTERM: ' +
    'another gateway goes on at once, and a subscriber resumes there with no gap', async () => {
    const id = await createDeployment(c.url, 'handed-back')
    // A subscriber on C, which C ends cleanly (1001, going away) when it stops.
    const closeCodes: number[] = []
    const onC: number[] = []
    const subscription = 'subscription ($id: ID!, $after: Int) { deploymentLogs(id: $id, after: $after) { seq } }'
    const client = createClient({
      url: `${c.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      on: { closed: (event) => void closeCodes.push((event as { code: number }).code) },
    })
    const ended = new Promise<void>((resolve) =>
      client.subscribe(
        { query: subscription, variables: { id } },
        {
          next: (event) => void onC.push((event.data as { deploymentLogs: { seq: number } }).deploymentLogs.seq),
          error: () => resolve(),
          complete: () => resolve(),
        },
      ),
    )
    await expect
      .poll(async () => (await storedLogs(c.url, id)).some((line) => /^step /.test(line.line)), {
        timeout: 60_000,
        interval: 100,
      })
      .toBe(true)
    expect(await c.process.stop()).toBe(0)
    await ended
    expect(closeCodes).toEqual([1001])
    const job = async () =>
      (
        await postgres.admin.query<{ takeovers: number; state: string }>(
          `select takeovers, state from ${postgres.schema}.jobs where id = $1`,
          [`deployment:${id}`],
        )
      ).rows[0]!
    // Handed back, not left to expire: another gateway takes it without counting a takeover.
    await expect
      .poll(async () => (await listDeployments(b.url)).find((deployment) => deployment.id === id)!.status, {
        timeout: 120_000,
        interval: 500,
      })
      .toBe('RUNNING')
    expect((await job()).takeovers).toBe(0)
    const lines = (await storedLogs(b.url, id)).map((line) => line.line)
    expect(
      lines.filter((line) =>
        /^the gateway working on it \(gw-c#\w+\) stopped; resuming on gw-[ab][\w-]*#\w+$/.test(line),
      ),
      lines.slice(-30).join('\n'),
    ).toHaveLength(1)
    // Resumed on B from the last line seen on C: every line once.
    const onB: number[] = []
    const again = wsClient(b.url)
    for await (const event of again.iterate({ query: subscription, variables: { id, after: onC.at(-1) ?? 0 } }))
      onB.push((event.data as { deploymentLogs: { seq: number } }).deploymentLogs.seq)
    await again.dispose()
    expect([...onC, ...onB]).toEqual(lines.map((_, index) => index + 1))
  }, 180_000)
})
