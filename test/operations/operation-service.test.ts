import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createOperationStore, type OperationStore } from '../../src/db/operation-store.js'
import { openDatabase, type Database } from '../../src/db/open-database.js'
import { RESYNC } from '../../src/events/event-bus.js'
import { createOperationEvents } from '../../src/events/operation-events.js'
import { createLogger } from '../../src/logger.js'
import { createOperationService, type OperationView } from '../../src/operations/operation-service.js'
import { createJobLeases } from '../../src/jobs/job-leases.js'
import { createJobStore } from '../../src/jobs/job-store.js'
import type { Provider, TaskHandle } from '../../src/providers/contract.js'
import type { ServerDirectory } from '../../src/providers/server-directory.js'

let directory: string
let database: Database
beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'hangar-operations-'))
  database = await openDatabase(`sqlite:${join(directory, 'h.db')}`)
})
afterAll(async () => {
  await database?.close()
  rmSync(directory, { recursive: true, force: true })
})

/** A task that prints one line a poll, `count` times, then succeeds (in process: no upstream here). */
function linePerPoll(count: number): TaskHandle {
  let polls = 0
  return {
    ref: 'task-1',
    pollIntervalMs: 1,
    deadline: new Date(Date.now() + 60_000),
    async poll() {
      polls += 1
      return polls <= count ? { state: 'running', lines: [`line ${polls}`] } : { state: 'succeeded', lines: [] }
    },
  }
}

describe('the operation service', () => {
  it('publishes every change with the whole log so far, reading the stored lines once, not once per line', async () => {
    const real = createOperationStore(database.db)
    let logReads = 0
    const store: OperationStore = {
      ...real,
      logs: (...args) => {
        logReads += 1
        return real.logs(...args)
      },
    }
    const events = createOperationEvents()
    const logger = createLogger({ level: 'silent' })
    const jobs = createJobStore(database.db, database.dialect)
    const leases = createJobLeases({ store: jobs, instanceId: 'test', leaseMs: 15_000, alone: true, logger })
    const operations = createOperationService({
      store,
      events,
      directory: { invalidate: () => {} } as unknown as ServerDirectory,
      logger,
      jobs,
      leases,
      providers: [],
    })
    const provider = { name: 'fake' } as Provider
    const seen: OperationView[] = []
    const stop = new AbortController()
    let id = ''
    const started = await operations.start({
      provider,
      serverId: 'fake:1',
      action: 'start',
      run: async () => linePerPoll(40),
    })
    id = started.operation.id
    const watching = (async () => {
      for await (const change of events.subscribe(id, stop.signal)) {
        if (change === RESYNC) continue
        seen.push(change)
        if (change.status === 'SUCCEEDED') return
      }
    })()
    const ended = await started.finished
    await watching
    stop.abort()

    expect(ended.status).toBe('SUCCEEDED')
    expect(ended.logs).toEqual(Array.from({ length: 40 }, (_, index) => `line ${index + 1}`))
    // Each change carries the log as stored at that moment: growing, in order, never skipping back.
    for (const [index, change] of seen.entries()) {
      expect(change.logs).toEqual(ended.logs.slice(0, change.logs.length))
      if (index > 0) expect(change.logs.length).toBeGreaterThanOrEqual(seen[index - 1]!.logs.length)
    }
    expect(seen.at(-1)!.logs).toHaveLength(40)
    expect(await real.logs(id)).toHaveLength(40)
    // Once when following starts, once for the view the start answered; never per line.
    expect(logReads).toBeLessThanOrEqual(3)
    await operations.close()
  })
})
