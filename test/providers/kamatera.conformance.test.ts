import { createKamateraSimulator } from '../../plugins/kamatera/simulator/index.js'
import kamateraPlugin from '../../plugins/kamatera/index.js'
import { createLogger } from '../../src/logger.js'
import { runProviderConformance } from 'hangar/provider-kit/testing'
import { closedPortUrl } from '../support/closed-port.js'

runProviderConformance('kamatera', async () => {
  const simulator = await createKamateraSimulator({ seed: 'demo', commandDurationMs: 200, guestSshPort: 0 })
  const servers = [...simulator.state.servers.values()]
  const stopped = servers.find((server) => server.power === 'off')!
  const disposable = servers.find((server) => server.power === 'on' && server.id !== stopped.id)!
  const options = kamateraPlugin.optionsSchema.parse({
    url: simulator.url,
    clientId: simulator.clientId,
    secret: simulator.secret,
    pollIntervalMs: 50,
    retryDeadlineMs: 1_000,
    guestSshPort: simulator.guestSshPort,
  })
  const provider = kamateraPlugin.create('kamatera-conformance', options, { logger: createLogger({ level: 'silent' }) })
  return {
    provider,
    unreachableProvider: kamateraPlugin.create(
      'kamatera-gone',
      kamateraPlugin.optionsSchema.parse({
        url: await closedPortUrl('http'),
        clientId: 'x',
        secret: 'y',
        retryDeadlineMs: 200,
      }),
      { logger: createLogger({ level: 'silent' }) },
    ),
    stoppedServer: stopped.id,
    disposableServer: disposable.id,
    missingServer: '00000000-0000-4000-8000-000000000000',
    newGuest: {
      kind: 'VM',
      name: 'conf-guest',
      cpu: 1,
      memoryMb: 1024,
      diskGb: 20,
      sshPublicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGf3e3P4rN0bJp3uO4bD1hZ8aX6mQ2p5oLk9wYv7sT1u conformance',
    },
    newServer: {
      name: 'conf-kama',
      location: 'EU',
      image: 'Ubuntu Server version 24.04 LTS (noble) 64-bit',
      cpu: 2,
      memoryMb: 2048,
      diskGb: 20,
      password: 'Conformance42x',
    },
    async close() {
      await provider.close?.()
      await simulator.close()
    },
  }
})
