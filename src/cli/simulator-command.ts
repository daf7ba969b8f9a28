import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fleetSeed as kamateraFleetSeed } from '../../plugins/kamatera/simulator/fleet-seed.js'
import { createKamateraSimulator } from '../../plugins/kamatera/simulator/index.js'
import { createProxmoxSimulator, fleetSeed } from '../../plugins/proxmox/simulator/index.js'
import { EXIT } from './exit-codes.js'
import {
  checkSimulatorFlags,
  SimulatorFlagError,
  type SimulatorCommandOptions,
  type SimulatorFlags,
} from './simulator-flags.js'

export type { SimulatorCommandOptions } from './simulator-flags.js'

/**
 * `hangar simulator proxmox|kamatera`: runs one simulator alone and prints one JSON line with its
 * URL and the variables that point Hangar (or any client) at it, enough for a deployment too.
 */
export async function runSimulator(plugin: string | undefined, options: SimulatorCommandOptions): Promise<number> {
  if (plugin !== 'proxmox' && plugin !== 'kamatera') {
    console.error(`hangar simulator: unknown plugin "${plugin ?? ''}"; available: proxmox, kamatera`)
    return EXIT.USAGE
  }
  let flags: SimulatorFlags
  try {
    flags = checkSimulatorFlags(plugin, options)
  } catch (error) {
    if (!(error instanceof SimulatorFlagError)) throw error
    console.error(`hangar simulator: ${error.message}`)
    return EXIT.USAGE
  }
  return plugin === 'kamatera' ? runKamatera(flags) : runProxmox(flags)
}

async function runKamatera({ port, guests, guestExec, guestEnv }: SimulatorFlags): Promise<number> {
  // One free port for every server's SSH, told in KAMATERA_GUEST_SSH_PORT: a fixed one could be taken.
  const simulator = await createKamateraSimulator({
    seed: guests === undefined ? 'demo' : kamateraFleetSeed(guests),
    port,
    guestSshPort: 0,
    guestExec,
    guestEnv,
  })
  const env = {
    KAMATERA_API_URL: simulator.url,
    KAMATERA_CLIENT_ID: simulator.clientId,
    KAMATERA_SECRET: simulator.secret,
    KAMATERA_GUEST_SSH_PORT: String(simulator.guestSshPort),
  }
  console.log(JSON.stringify({ url: simulator.url, env }))
  return waitForSignal(() => simulator.close())
}

async function runProxmox({ port, tls, guests, guestExec, guestEnv }: SimulatorFlags): Promise<number> {
  const simulator = await createProxmoxSimulator({
    seed: guests === undefined ? 'demo' : fleetSeed(guests),
    port,
    tls,
    // One free port for every guest's SSH, told in PROXMOX_GUEST_SSH_PORT: a fixed one could be taken.
    guestSshPort: 0,
    guestExec,
    guestEnv,
  })
  const directory = await mkdtemp(join(tmpdir(), 'hangar-simulator-'))
  const env: Record<string, string> = {
    PROXMOX_URL: simulator.url,
    PROXMOX_TOKEN_ID: simulator.tokenId,
    PROXMOX_TOKEN_SECRET: simulator.tokenSecret,
    PROXMOX_GUEST_SSH_PORT: String(simulator.guestSshPort),
  }
  if (simulator.caPem) {
    env.PROXMOX_CA_FILE = join(directory, 'proxmox-ca.pem')
    await writeFile(env.PROXMOX_CA_FILE, simulator.caPem, { mode: 0o600 })
  }
  console.log(JSON.stringify({ url: simulator.url, env }))
  return waitForSignal(async () => {
    await simulator.close()
    await rm(directory, { recursive: true, force: true })
  })
}

/** Runs until SIGINT/SIGTERM, then cleans up (guests' processes and homes too) and exits 0. */
function waitForSignal(cleanup: () => Promise<void>): Promise<number> {
  const stop = async () => {
    await cleanup()
    process.exit(0)
  }
  process.once('SIGINT', () => void stop())
  process.once('SIGTERM', () => void stop())
  return new Promise<number>(() => {})
}
