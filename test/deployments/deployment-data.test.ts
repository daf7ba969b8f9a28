import { type Kysely, sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/db/open-database.js'
import { createDeploymentLogWriter } from '../../src/deployments/deployment-log-writer.js'
import { DeploymentStateMachine, isTerminal } from '../../src/deployments/deployment-state-machine.js'
import {
  createDeploymentStore,
  type DeploymentLogLine,
  type DeploymentRecord,
  type DeploymentStore,
  type NewDeployment,
} from '../../src/deployments/deployment-store.js'
import { createDeploymentEvents, type DeploymentEvents } from '../../src/events/deployment-events.js'
import { RESYNC } from '../../src/events/event-bus.js'
import { createLogger } from '../../src/logger.js'
import {
  createFreshDatabase,
  describeOnEachDatabase,
  openDatabaseForSuite,
  openMigratedTo,
} from '../support/each-database.js'
import { SKIP_POSTGRES } from '../support/postgres-schema.js'
import { testSecretBox } from '../support/test-secret-box.js'

const box = testSecretBox()

const input: NewDeployment = {
  name: 'django-20261121-120000',
  type: 'VM',
  framework: 'django',
  githubUrl: 'https://github.com/acme/shop.git',
  branch: 'main',
  cpu: 2,
  memory: 2048,
  disk: 20,
  provider: 'proxmox',
}
const keys = {
  publicKey: 'ssh-ed25519 AAAA test',
  privateKey: '-----BEGIN OPENSSH PRIVATE KEY-----\nsecret\n-----END OPENSSH PRIVATE KEY-----',
}

/** The log writer of these tests: it flushes every 20 ms, at most 500 lines at a time. */
function quickLogWriter(store: DeploymentStore, events: DeploymentEvents) {
  return createDeploymentLogWriter({
    store,
    events,
    logger: createLogger({ level: 'silent' }),
    flushMs: 20,
    maxBatch: 500,
  })
}

describeOnEachDatabase('deployments on $database', (database) => {
  const suite = openDatabaseForSuite(database)

  it("numbers deployments 1, 2, 3 (as the seed's REST API shows them), also when created at once", async () => {
    const store = createDeploymentStore(suite.opened.db, box)
    const made = await Promise.all(Array.from({ length: 5 }, () => store.create(input, keys)))
    expect(made.map((deployment) => deployment.id).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5])
    expect(made[0]).toMatchObject({ status: 'PENDING', framework: 'django', guest: null })
    expect(JSON.stringify(made)).not.toContain('secret')
    expect(await store.keys(made[0]!.id)).toEqual(keys)
  })

  // Several gateways share PostgreSQL only: SQLite is one gateway's file (and two connections of one
  // process would wait on each other's write lock, synchronously).
  it.skipIf(database === 'SQLite')(
    'takes its ids from the database: two gateways creating at once never share one',
    async () => {
      const other = await openDatabase(suite.url)
      try {
        const here = createDeploymentStore(suite.opened.db, box)
        const there = createDeploymentStore(other.db, box)
        const made = await Promise.all(
          Array.from({ length: 20 }, (_, index) => (index % 2 === 0 ? here : there).create(input, keys)),
        )
        const ids = made.map((deployment) => deployment.id).sort((a, b) => a - b)
        expect(ids).toEqual(Array.from({ length: 20 }, (_, index) => 6 + index))
      } finally {
        await other.close()
      }
      // The rest of this file counts five: the twenty go again (their jobs and logs with them).
      await suite.opened.db.deleteFrom('deployments').where('id', '>', 5).execute()
      await suite.opened.db
        .deleteFrom('jobs')
        .where(
          'id',
          'in',
          Array.from({ length: 20 }, (_, index) => `deployment:${6 + index}`),
        )
        .execute()
    },
  )

  it('pages newest first, filters by status and counts', async () => {
    const store = createDeploymentStore(suite.opened.db, box)
    await store.update(2, { status: 'RUNNING' })
    await store.update(3, { status: 'FAILED', error: 'build failed' })
    const first = await store.list({ first: 2 })
    expect(first.deployments.map((deployment) => deployment.id)).toEqual([5, 4])
    expect(first).toMatchObject({ hasMore: true, totalCount: 5 })
    const second = await store.list({ first: 2, before: 4 })
    expect(second.deployments.map((deployment) => deployment.id)).toEqual([3, 2])
    expect((await store.list({ first: 10, status: 'RUNNING' })).deployments.map((deployment) => deployment.id)).toEqual(
      [2],
    )
    expect(await store.counts()).toMatchObject({ PENDING: 3, RUNNING: 1, FAILED: 1 })
    // Resting ends the job in the same write; what is still on its way keeps its job open.
    const states = await suite.opened.db
      .selectFrom('jobs')
      .select(['id', 'state'])
      .where('kind', '=', 'deployment')
      .orderBy('id')
      .execute()
    expect(states).toEqual(
      [1, 2, 3, 4, 5].map((id) => ({ id: `deployment:${id}`, state: id === 2 || id === 3 ? 'DONE' : 'QUEUED' })),
    )
  })

  it('stores log lines in batches numbered from 1 with no gaps, also across concurrent appends', async () => {
    const store = createDeploymentStore(suite.opened.db, box)
    await Promise.all(
      Array.from({ length: 10 }, (_, batch) =>
        store.appendLogs(
          1,
          Array.from({ length: 20 }, (_, index) => ({
            stream: 'DEPLOY' as const,
            line: `batch ${batch} line ${index}`,
          })),
        ),
      ),
    )
    const lines = await store.logs(1, { limit: 1000 })
    expect(lines.map((line) => line.seq)).toEqual(Array.from({ length: 200 }, (_, index) => index + 1))
    expect((await store.logs(1, { after: 190 })).map((line) => line.seq)).toEqual([
      191, 192, 193, 194, 195, 196, 197, 198, 199, 200,
    ])
  })

  it('writes a burst of lines in few transactions, stored before they are announced, in order', async () => {
    const store = createDeploymentStore(suite.opened.db, box)
    const events = createDeploymentEvents()
    const writer = quickLogWriter(store, events)
    const stop = new AbortController()
    const batches: (readonly DeploymentLogLine[])[] = []
    const reading = (async () => {
      for await (const batch of events.logs(4, stop.signal)) {
        if (batch === RESYNC) continue
        // Announced lines are already in the database.
        expect((await store.logs(4, { after: batch.at(-1)!.seq - 1 }))[0]?.line).toBe(batch.at(-1)!.line)
        batches.push(batch)
        if (batch.at(-1)!.seq === 2000) stop.abort()
      }
    })()
    for (let index = 0; index < 2000; index += 1) writer.write(4, 'DEPLOY', `line ${index + 1}`)
    await writer.flush(4)
    await reading
    expect(batches.flat().map((line) => line.line)).toEqual(
      Array.from({ length: 2000 }, (_, index) => `line ${index + 1}`),
    )
    expect(batches.length).toBeLessThanOrEqual(5)
  })

  it(
    "stores several deployments' lines together, each numbered on its " +
      'own and in order, and keeps them when another deployment is gone',
    async () => {
      const store = createDeploymentStore(suite.opened.db, box)
      const events = createDeploymentEvents()
      const writer = quickLogWriter(store, events)
      const last = async (id: number) => (await store.logs(id, { limit: 10_000 })).at(-1)?.seq ?? 0
      const before = { 1: await last(1), 2: await last(2), 3: await last(3) }
      for (let index = 0; index < 300; index += 1) {
        writer.write(1 + (index % 3), 'DEPLOY', `together ${index}`)
        // A deployment that does not exist (any more): its lines are dropped, the others' are not.
        if (index % 50 === 0) writer.write(999, 'DEPLOY', `nobody's ${index}`)
      }
      await writer.flush(1)
      for (const id of [1, 2, 3] as const) {
        const added = await store.logs(id, { after: before[id], limit: 10_000 })
        expect(added.map((line) => line.seq)).toEqual(Array.from({ length: 100 }, (_, index) => before[id] + index + 1))
        expect(added.map((line) => line.line)).toEqual(
          Array.from({ length: 100 }, (_, index) => `together ${index * 3 + id - 1}`),
        )
      }
      expect(await store.logs(999)).toEqual([])
    },
  )

  it(
    "announces each deployment's stored lines in a turn of the event loop " + 'of its own, all before flush resolves',
    async () => {
      const store = createDeploymentStore(suite.opened.db, box)
      const events = createDeploymentEvents()
      const writer = quickLogWriter(store, events)
      // Counts the turns of the event loop: an immediate set from an immediate runs in the next one.
      let turn = 0
      let counting = true
      const count = () => {
        turn += 1
        if (counting) setImmediate(count)
      }
      setImmediate(count)
      const stop = new AbortController()
      const seen: { id: number; turn: number }[] = []
      const follow = async (id: number) => {
        for await (const batch of events.logs(id, stop.signal)) if (batch !== RESYNC) seen.push({ id, turn })
      }
      const following = Promise.all([1, 2, 3].map(follow))
      for (const id of [1, 2, 3]) writer.write(id, 'DEPLOY', `turns ${id}`)
      await writer.flush(1)
      counting = false
      stop.abort()
      await following
      expect(seen.map((entry) => entry.id)).toEqual([1, 2, 3])
      // Whatever came meanwhile (a request, say) had a turn between two deployments' fan-outs.
      expect(seen[1]!.turn).toBeGreaterThan(seen[0]!.turn)
      expect(seen[2]!.turn).toBeGreaterThan(seen[1]!.turn)
    },
  )

  it('moves only along allowed transitions, flushing logs before it announces', async () => {
    const store = createDeploymentStore(suite.opened.db, box)
    const events = createDeploymentEvents()
    const writer = createDeploymentLogWriter({ store, events, logger: createLogger({ level: 'silent' }) })
    const machine = new DeploymentStateMachine(store, events, writer)
    const stop = new AbortController()
    const seen: DeploymentRecord[] = []
    const watching = (async () => {
      for await (const deployment of events.statuses(5, stop.signal)) {
        if (deployment === RESYNC) continue
        seen.push(deployment)
        // The last line written before the transition is stored by the time it is announced.
        if (deployment.status === 'RUNNING') expect((await store.logs(5)).at(-1)?.line).toBe('health check passed')
        if (isTerminal(deployment)) stop.abort()
      }
    })()
    await machine.transition(5, 'CREATING', { step: 'provision' })
    writer.write(5, 'SYSTEM', 'health check passed')
    await machine.transition(5, 'RUNNING', { step: null, deployedAt: new Date() })
    await watching
    expect(seen.map((deployment) => deployment.status)).toEqual(['CREATING', 'RUNNING'])
    await expect(machine.transition(5, 'PENDING')).rejects.toMatchObject({ code: 'CONFLICT' })
    expect(() => machine.assertCan(seen.at(-1)!, 'cancel')).toThrow(/cannot cancel deployment 5 while it is RUNNING/)
    expect(() => machine.assertCan(seen.at(-1)!, 'restart')).not.toThrow()
  })
})

describe.skipIf(SKIP_POSTGRES)('deployment ids on a PostgreSQL database made before they came from it', () => {
  it('go on after the largest id already given', async () => {
    const fresh = await createFreshDatabase('PostgreSQL')
    let early: Kysely<unknown> | undefined
    try {
      early = await openMigratedTo(fresh, '0004-recovery')
      await sql`insert into deployments
          (id, name, type, framework, github_url, cpu, memory, disk, provider, status, created_at, updated_at)
        values (7, 'old', 'VM', 'django', 'https://github.com/acme/shop.git', 2, 2048, 20, 'proxmox', 'RUNNING',
          '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z')
      `.execute(early)
      await early.destroy()
      const opened = await openDatabase(fresh.url)
      try {
        const made = await createDeploymentStore(opened.db, box).create(input, keys)
        expect(made.id).toBe(8)
      } finally {
        await opened.close()
      }
    } finally {
      await early?.destroy().catch(() => {})
      await fresh.drop()
    }
  })
})
