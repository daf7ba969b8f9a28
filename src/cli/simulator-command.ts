import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createKamateraSimulator } from '../../plugins/kamatera/simulator/index.js'
import { createProxmoxSimulator, fleetSeed } from '../../plugins/proxmox/simulator/index.js'

/** Options of `hangar simulator`. */
export interface SimulatorCommandOptions {
  port?: string
  /** Plain HTTP instead of HTTPS with a self-signed certificate. */
  http: boolean
  /** Seed this many guests (over four nodes) instead of the demo's dozen. */
  guests?: string
}

/**
 * `hangar simulator proxmox`: runs the simulator alone and prints one JSON line with its URL and
 * the variables that point Hangar (or any client) at it.
 */
export async function runSimulator(plugin: string | undefined, { port, http, guests }: SimulatorCommandOptions): Promise<number> {
  if (plugin !== 'proxmox' && plugin !== 'kamatera') {
    console.error(`hangar simulator: unknown plugin "${plugin ?? ''}"; available: proxmox, kamatera`)
    return 2
  }
  const portNumber = port === undefined ? 0 : Number(port)
  if (!Number.isInteger(portNumber) || portNumber < 0 || portNumber > 65535) {
    console.error('hangar simulator: --port must be a whole number from 0 to 65535')
    return 2
  }
  if (plugin === 'kamatera') {
    const simulator = await createKamateraSimulator({ seed: 'demo', port: portNumber })
    console.log(JSON.stringify({ url: simulator.url, env: { KAMATERA_API_URL: simulator.url, KAMATERA_CLIENT_ID: simulator.clientId, KAMATERA_SECRET: simulator.secret } }))
    return waitForSignal(() => simulator.close())
  }
  const guestCount = guests === undefined ? undefined : Number(guests)
  if (guestCount !== undefined && (!Number.isInteger(guestCount) || guestCount < 1 || guestCount > 100_000)) {
    console.error('hangar simulator: --guests must be a whole number from 1 to 100000')
    return 2
  }
  const seed = guestCount === undefined ? 'demo' : fleetSeed(guestCount)
  const simulator = await createProxmoxSimulator({ seed, port: portNumber, tls: !http })
  const directory = await mkdtemp(join(tmpdir(), 'hangar-simulator-'))
  const env: Record<string, string> = {
    PROXMOX_URL: simulator.url,
    PROXMOX_TOKEN_ID: simulator.tokenId,
    PROXMOX_TOKEN_SECRET: simulator.tokenSecret,
  }
  if (simulator.caPem) {
    env.PROXMOX_CA_FILE = join(directory, 'proxmox-ca.pem')
    await writeFile(env.PROXMOX_CA_FILE, simulator.caPem)
  }
  console.log(JSON.stringify({ url: simulator.url, env }))
  return waitForSignal(async () => {
    await simulator.close()
    await rm(directory, { recursive: true, force: true })
  })
}

/** Runs until SIGINT/SIGTERM, then cleans up and exits 0. */
function waitForSignal(cleanup: () => Promise<void>): Promise<number> {
  const stop = async () => {
    await cleanup()
    process.exit(0)
  }
  process.once('SIGINT', () => void stop())
  process.once('SIGTERM', () => void stop())
  return new Promise<number>(() => {})
}
