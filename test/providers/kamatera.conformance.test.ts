import { createKamateraSimulator } from '../../plugins/kamatera/simulator/index.js'
import kamateraPlugin from '../../plugins/kamatera/index.js'
import { createLogger } from '../../src/logger.js'
import { runProviderConformance } from './provider-conformance.js'

runProviderConformance('kamatera', async () => {
  const simulator = await createKamateraSimulator({ seed: 'demo', commandDurationMs: 200 })
  const servers = [...simulator.state.servers.values()]
  const stopped = servers.find((server) => server.power === 'off')!
  const disposable = servers.find((server) => server.power === 'on' && server.id !== stopped.id)!
  const options = kamateraPlugin.optionsSchema.parse({
    url: simulator.url,
    clientId: simulator.clientId,
    secret: simulator.secret,
    pollIntervalMs: 50,
    retryDeadlineMs: 1_000,
  })
  const provider = kamateraPlugin.create('kamatera-conformance', options, { logger: createLogger({ level: 'silent' }) })
  return {
    provider,
    stoppedServer: stopped.id,
    disposableServer: disposable.id,
    missingServer: '00000000-0000-4000-8000-000000000000',
    newServer: { name: 'conf-kama', location: 'EU', image: 'Ubuntu Server version 24.04 LTS (noble) 64-bit', cpu: 2, memoryMb: 2048, diskGb: 20, password: 'Conformance42x' },
    async close() {
      await provider.close?.()
      await simulator.close()
    },
  }
})
