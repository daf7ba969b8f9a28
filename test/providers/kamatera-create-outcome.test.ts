import { afterEach, describe, expect, it } from 'vitest'
import { followToEnd } from '../../src/provider-kit/testing.js'
import { startKamateraLab, type KamateraLab } from '../support/kamatera-lab.js'
import { kamateraServerSpec } from '../support/kamatera-server-spec.js'

const spec = (name: string) => kamateraServerSpec(name, 'HangarTest42x')

let lab: KamateraLab | undefined
afterEach(async () => {
  await lab?.close()
  lab = undefined
})

async function start(commandDurationMs: number, options: Record<string, unknown>) {
  lab = await startKamateraLab({ simulator: { commandDurationMs }, provider: options })
  return lab
}

const follow = followToEnd

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
