import { beforeAll, expect, it } from 'vitest'
import { openDatabase } from '../../src/db/open-database.js'
import { createJobStore, insertJob, type JobStore } from '../../src/jobs/job-store.js'
import { describeOnEachDatabase, openDatabaseForSuite } from '../support/each-database.js'

describeOnEachDatabase('jobs on $database: claims, leases and turns', (database) => {
  const suite = openDatabaseForSuite(database)
  let jobs: JobStore
  let n = 0
  /** A fresh key per test: the tests share one table. */
  const key = () => `pve-lab:qemu/${(n += 1)}`
  const add = (id: string, queueKey: string | null, owner: string | null, leaseMs = 15_000, queuedAt = new Date()) =>
    insertJob(suite.opened.db, { id, kind: 'operation', queueKey, owner, leaseMs, queuedAt })
  const state = async (id: string) => (await jobs.get(id))!.state

  beforeAll(() => {
    jobs = createJobStore(suite.opened.db, suite.opened.dialect)
  })

  it('runs one job at a time per server, in the order they were queued, whichever gateway holds them', async () => {
    const server = key()
    const other = key()
    await add(`${server}-1`, server, 'gw-a#1', 15_000, new Date('2026-01-01T00:00:00.000Z'))
    await add(`${server}-2`, server, 'gw-b#1', 15_000, new Date('2026-01-01T00:00:00.001Z'))
    await add(`${server}-3`, server, 'gw-a#1', 15_000, new Date('2026-01-01T00:00:00.002Z'))
    await add(`${other}-1`, other, 'gw-b#1')
    // The third may not pass the second, though the second's gateway has not asked yet.
    expect(await jobs.tryStart(`${server}-3`, 'gw-a#1', 15_000)).toBe('wait')
    expect(await jobs.tryStart(`${server}-1`, 'gw-a#1', 15_000)).toBe('started')
    expect(await jobs.tryStart(`${server}-2`, 'gw-b#1', 15_000)).toBe('wait')
    // Another server is not held up, and a gateway cannot start a job another holds.
    expect(await jobs.tryStart(`${other}-1`, 'gw-a#1', 15_000)).toBe('gone')
    expect(await jobs.tryStart(`${other}-1`, 'gw-b#1', 15_000)).toBe('started')
    expect(await jobs.finish(`${server}-1`, 'gw-a#1')).toBe(true)
    expect(await jobs.tryStart(`${server}-3`, 'gw-a#1', 15_000)).toBe('wait')
    expect(await jobs.tryStart(`${server}-2`, 'gw-b#1', 15_000)).toBe('started')
    await jobs.finish(`${server}-2`, 'gw-b#1')
    expect(await jobs.tryStart(`${server}-3`, 'gw-a#1', 15_000)).toBe('started')
    expect(await state(`${server}-3`)).toBe('RUNNING')
  })

  it('lets the two of two jobs asked at the same moment start one after the other, never both', async () => {
    const server = key()
    const at = new Date()
    await add(`${server}-a`, server, 'gw-a#1', 15_000, at)
    await add(`${server}-b`, server, 'gw-b#1', 15_000, at)
    const started = await Promise.all([
      jobs.tryStart(`${server}-a`, 'gw-a#1', 15_000),
      jobs.tryStart(`${server}-b`, 'gw-b#1', 15_000),
    ])
    // Same moment: the id decides, the same way on every gateway.
    expect(started).toEqual(['started', 'wait'])
  })

  it('takes over a job whose lease expired, counting the takeover, and leaves a live lease alone', async () => {
    const server = key()
    await add(`${server}-dead`, server, 'gw-dead#1', -1)
    await add(`${server}-live`, server, 'gw-live#1', 60_000)
    const claimed = (await jobs.claimStale('gw-c#1', 15_000)).filter((job) => job.id.startsWith(server))
    expect(claimed).toMatchObject([
      { id: `${server}-dead`, previousOwner: 'gw-dead#1', leaseOwner: 'gw-c#1', takeovers: 1 },
    ])
    expect((await jobs.get(`${server}-dead`))!.leaseOwner).toBe('gw-c#1')
    expect((await jobs.get(`${server}-live`))!.leaseOwner).toBe('gw-live#1')
    // Its old holder, back from a freeze, finds it gone at its next renewal.
    expect([...(await jobs.renew('gw-dead#1', [`${server}-dead`], 15_000)).keys()]).toEqual([])
  })

  it('takes a job handed back at once, without calling it a takeover', async () => {
    const server = key()
    await add(`${server}-1`, server, 'gw-a#1', 60_000)
    expect(await jobs.handBack('gw-a#1')).toBeGreaterThanOrEqual(1)
    const claimed = (await jobs.claimStale('gw-b#1', 15_000)).filter((job) => job.id.startsWith(server))
    expect(claimed).toMatchObject([{ previousOwner: 'gw-a#1', handedBack: true, takeovers: 0 }])
  })

  it('tells the holder at its renewal that a stop was asked, and never stops a job that has ended', async () => {
    const server = key()
    await add(`${server}-1`, server, 'gw-a#1')
    expect(await jobs.requestStop(`${server}-1`, 'cancelled')).toBe(true)
    expect(await jobs.renew('gw-a#1', [`${server}-1`], 15_000)).toEqual(new Map([[`${server}-1`, 'cancelled']]))
    await jobs.finish(`${server}-1`, 'gw-a#1')
    expect(await jobs.requestStop(`${server}-1`, 'deleted')).toBe(false)
    expect(await jobs.requeue(`${server}-1`, 'gw-b#1', 15_000)).toBe(true)
    expect(await jobs.requeue(`${server}-1`, 'gw-c#1', 15_000)).toBe(false)
    expect(await jobs.get(`${server}-1`)).toMatchObject({
      state: 'QUEUED',
      leaseOwner: 'gw-b#1',
      stopRequested: null,
    })
  })

  it.skipIf(database === 'SQLite')(
    'gives each stale job to one gateway only, however many claim at the same moment',
    async () => {
      const server = key()
      const ids = Array.from({ length: 40 }, (_, index) => `${server}-${String(index).padStart(2, '0')}`)
      for (const id of ids) await add(id, null, 'gw-dead#2', -1)
      const others = await Promise.all(Array.from({ length: 4 }, () => openDatabase(suite.url)))
      try {
        const claimers = [jobs, ...others.map((other) => createJobStore(other.db, 'postgres'))]
        const rounds = await Promise.all(
          claimers.map(async (claimer, index) => {
            const mine: string[] = []
            for (let round = 0; round < 10; round += 1)
              mine.push(
                ...(await claimer.claimStale(`gw-${index}#1`, 15_000, { limit: 3 }))
                  .map((job) => job.id)
                  .filter((id) => id.startsWith(server)),
              )
            return mine
          }),
        )
        const all = rounds.flat().sort()
        expect(all).toEqual(ids)
        expect(rounds.filter((mine) => mine.length > 0).length, 'claimers that got some').toBeGreaterThan(1)
      } finally {
        await Promise.all(others.map((other) => other.close()))
      }
    },
  )
})
