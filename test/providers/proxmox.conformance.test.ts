import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createProxmoxSimulator } from '../../plugins/proxmox/simulator/index.js'
import proxmoxPlugin from '../../plugins/proxmox/index.js'
import { createLogger } from '../../src/logger.js'
import { runProviderConformance } from './provider-conformance.js'

runProviderConformance('proxmox', async () => {
  const simulator = await createProxmoxSimulator({ seed: 'demo', taskDurationMs: 200 })
  const directory = await mkdtemp(join(tmpdir(), 'hangar-conformance-'))
  const caFile = join(directory, 'ca.pem')
  await writeFile(caFile, simulator.caPem!)
  const options = proxmoxPlugin.optionsSchema.parse({
    url: simulator.url,
    tokenId: simulator.tokenId,
    tokenSecret: simulator.tokenSecret,
    caFile,
    pollIntervalMs: 50,
    retryDeadlineMs: 1_000,
  })
  const provider = proxmoxPlugin.create('pve-conformance', options, { logger: createLogger({ level: 'silent' }) })
  return {
    provider,
    stoppedServer: 'qemu/105',
    disposableServer: 'lxc/203',
    missingServer: 'qemu/4242',
    async close() {
      await provider.close?.()
      await simulator.close()
      await rm(directory, { recursive: true, force: true })
    },
  }
})
