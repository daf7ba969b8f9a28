import { afterEach, describe, expect, it } from 'vitest'
import kamateraPlugin from '../../plugins/kamatera/index.js'
import { createKamateraSimulator, type KamateraSimulator } from '../../plugins/kamatera/simulator/index.js'
import { createLogger } from '../../src/logger.js'
import { followTask } from '../../src/operations/follow-task.js'
import type { Provider, ServerSpec, TaskHandle, TaskProgress } from '../../src/providers/contract.js'

const spec = (name: string): ServerSpec => ({
  name,
  location: 'EU',
  image: 'Ubuntu Server version 24.04 LTS (noble) 64-bit',
  cpu: 2,
  memoryMb: 2048,
  diskGb: 20,
  password: 'HangarTest42x',
})

let simulator: KamateraSimulator | undefined
let provider: Provider | undefined
afterEach(async () => {
  await provider?.close?.()
  await simulator?.close()
})

async function start(commandDurationMs: number, options: Record<string, unknown>) {
  simulator = await createKamateraSimulator({ seed: 'demo', commandDurationMs })
  const parsed = kamateraPlugin.optionsSchema.parse({
    url: simulator.url,
    clientId: simulator.clientId,
    secret: simulator.secret,
    pollIntervalMs: 50,
    retryDeadlineMs: 500,
    ...options,
  })
  provider = kamateraPlugin.create('kama', parsed, { logger: createLogger({ level: 'silent' }) })
  return { simulator, provider }
}

/** Follows a handle as the core does, keeping every progress. */
async function follow(handle: TaskHandle) {
  const progress: TaskProgress[] = []
  const outcome = await followTask(handle, {
    signal: AbortSignal.timeout(20_000),
    onProgress: (step) => void progress.push(step),
  })
  return {
    ...outcome,
    lines: progress.flatMap((step) => step.lines),
    serverNativeId: progress.find((step) => step.serverNativeId)?.serverNativeId,
  }
}

describe('a Kamatera create whose command cannot tell its outcome', () => {
  it('looks for the server by name when the command outlives its deadline, and ends with it', async () => {
    const { simulator, provider } = await start(800, { commandTimeoutMs: 100 })
    const outcome = await follow(await provider.createServer!(spec('slow-create-01'), {}))
    expect(outcome.state).toBe('succeeded')
    const made = simulator.state.serversNamed('slow-create-01')
    expect(made).toHaveLength(1)
    expect(outcome.serverNativeId).toBe(made[0]!.id)
    expect(
      outcome.lines.some((line) =>
        /still running at its deadline; looking for server slow-create-01 by name/.test(line),
      ),
    ).toBe(true)
  })

  it('resumes a create from its ref after a restart and still links the server it made', async () => {
    const { simulator, provider } = await start(300, {})
    const handle = await provider.createServer!(spec('resumed-01'), {})
    expect(handle.ref).toMatch(/^create:\d+:resumed-01$/)
    const outcome = await follow(provider.resumeTask!(handle.ref))
    expect(outcome.state).toBe('succeeded')
    expect(outcome.serverNativeId).toBe(simulator.state.serversNamed('resumed-01')[0]!.id)
  })

  it(
    'after a restart, ends a create whose queue stays ' + 'unreadable with an outcome-unknown error naming it',
    async () => {
      const { simulator, provider } = await start(300, { createRecoveryMs: 500 })
      const handle = await provider.createServer!(spec('resumed-02'), {})
      simulator.faults.rateLimit({ method: 'GET', path: '/service/queue' })
      const outcome = await follow(provider.resumeTask!(handle.ref))
      expect(outcome.state).toBe('failed')
      expect(outcome.error).toMatch(
        /^the outcome of creating resumed-02 is unknown: .*check Kamatera's server list for resumed-02/,
      )
    },
  )
})
