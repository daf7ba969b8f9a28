import { afterAll, beforeAll, expect, it } from 'vitest'
import { createLogger } from '../../src/logger.js'
import { startHangar, type RunningHangar } from '../../src/start-hangar.js'
import { execute } from '../support/graphql-client.js'
import { createFreshDatabase, describeOnEachDatabase, type FreshDatabase } from '../support/each-database.js'
import { startStack, type Stack } from '../support/start-stack.js'
import { OperationById, StartServer, StopServer } from './documents.js'

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (done(value) || Date.now() > until) return value
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

describeOnEachDatabase('operations survive a gateway restart on $database', (database) => {
  let stack: Stack
  let fresh: FreshDatabase | undefined
  let again: RunningHangar | undefined

  beforeAll(async () => {
    fresh = await createFreshDatabase(database)
    stack = await startStack({ simulator: { taskDurationMs: 800 }, env: { DATABASE_URL: fresh.url } })
  })
  afterAll(async () => {
    await again?.close()
    await stack?.close()
    await fresh?.drop()
  })

  const restart = async () => {
    await again?.close()
    again = await startHangar({ env: stack.env, logger: createLogger({ level: 'silent' }) })
    return again.url
  }

  it('answers operation(id) with its log after a restart', async () => {
    const answer = await execute(stack.url, StartServer, { id: 'pve-lab:qemu/103', wait: true })
    const finished = answer.data!.startServer
    await stack.gateway.close()
    const url = await restart()
    const stored = await execute(url, OperationById, { id: finished.id })
    expect(stored.data!.operation).toMatchObject({
      id: finished.id,
      status: 'SUCCEEDED',
      action: 'start',
      serverId: 'pve-lab:qemu/103',
      logs: finished.logs,
    })
  })

  it('resumes following an operation the previous run left unfinished', async () => {
    const url = await restart()
    const answer = await execute(url, StopServer, { id: 'pve-lab:qemu/103' })
    const started = answer.data!.stopServer
    expect(started.status).toBe('RUNNING')
    const next = await restart()
    const resumed = await waitFor(
      async () => (await execute(next, OperationById, { id: started.id })).data!.operation!,
      (operation) => operation.status !== 'RUNNING',
    )
    expect(resumed.status).toBe('SUCCEEDED')
    expect(resumed.logs.at(-1)).toBe('TASK OK')
  })
})
