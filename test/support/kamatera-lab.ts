import kamateraPlugin from '../../plugins/kamatera/index.js'
import {
  createKamateraSimulator,
  type KamateraSimulator,
  type KamateraSimulatorOptions,
} from '../../plugins/kamatera/simulator/index.js'
import { createLogger } from '../../src/logger.js'
import type { Provider } from '../../src/providers/contract.js'

/** A Kamatera simulator and the real plugin pointed at it. */
export interface KamateraLab {
  simulator: KamateraSimulator
  provider: Provider
  /** Closes the provider, then the simulator. */
  close(): Promise<void>
}

/** Options of {@link startKamateraLab}. */
export interface KamateraLabOptions {
  /** The simulator's options (`seed: 'demo'` unless given). */
  simulator?: KamateraSimulatorOptions
  /** Plugin options over the lab's short timings (poll every 50 ms, retries for 500 ms). */
  provider?: Record<string, unknown>
}

/** Starts a {@link KamateraLab}; the plugin reaches guests on the simulator's guest SSH port. */
export async function startKamateraLab({
  simulator: simulatorOptions,
  provider: providerOptions,
}: KamateraLabOptions = {}): Promise<KamateraLab> {
  const simulator = await createKamateraSimulator({ seed: 'demo', ...simulatorOptions })
  const options = kamateraPlugin.optionsSchema.parse({
    url: simulator.url,
    clientId: simulator.clientId,
    secret: simulator.secret,
    pollIntervalMs: 50,
    retryDeadlineMs: 500,
    guestSshPort: simulator.guestSshPort,
    ...providerOptions,
  })
  const provider = kamateraPlugin.create('kama', options, { logger: createLogger({ level: 'silent' }) })
  return {
    simulator,
    provider,
    async close() {
      await provider.close?.()
      await simulator.close()
    },
  }
}
