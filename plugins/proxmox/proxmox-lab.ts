import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Provider } from 'hangar/provider-kit'
import { parseOptions, silentLogger } from 'hangar/provider-kit/testing'
import proxmoxPlugin from './index.js'
import { createProxmoxSimulator, type ProxmoxSimulator, type ProxmoxSimulatorOptions } from './simulator/index.js'

/** A Proxmox simulator and the real plugin pointed at it over HTTPS, trusting its CA file. */
export interface ProxmoxLab {
  simulator: ProxmoxSimulator
  provider: Provider
  /** Closes the provider (once: a later call, or {@link close}, does not close it again). */
  closeProvider(): Promise<void>
  /** Closes the provider, the simulator and the CA file's directory. */
  close(): Promise<void>
}

/** Options of {@link startProxmoxLab}. */
export interface ProxmoxLabOptions {
  /** The simulator's options (`seed: 'demo'` unless given). */
  simulator?: ProxmoxSimulatorOptions
  /** Plugin options over the lab's short timings (poll every 50 ms, retries for 1 s). */
  provider?: Record<string, unknown>
  /** The provider instance's name. */
  name?: string
}

/** Starts a {@link ProxmoxLab}. */
export async function startProxmoxLab({
  simulator: simulatorOptions,
  provider: providerOptions,
  name = 'pve-test',
}: ProxmoxLabOptions = {}): Promise<ProxmoxLab> {
  const simulator = await createProxmoxSimulator({ seed: 'demo', ...simulatorOptions })
  const directory = await mkdtemp(join(tmpdir(), 'hangar-lab-'))
  const caFile = join(directory, 'ca.pem')
  await writeFile(caFile, simulator.caPem!)
  const options = await parseOptions(proxmoxPlugin, {
    url: simulator.url,
    tokenId: simulator.tokenId,
    tokenSecret: simulator.tokenSecret,
    caFile,
    pollIntervalMs: 50,
    retryDeadlineMs: 1_000,
    ...providerOptions,
  })
  const provider = proxmoxPlugin.create(name, options, { logger: silentLogger })
  let closed: Promise<void> | undefined
  const closeProvider = () => (closed ??= provider.close?.() ?? Promise.resolve())
  return {
    simulator,
    provider,
    closeProvider,
    async close() {
      await closeProvider()
      await simulator.close()
      await rm(directory, { recursive: true, force: true })
    },
  }
}
