import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
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
  if (plugin !== 'proxmox') {
    console.error(`hangar simulator: unknown plugin "${plugin ?? ''}"; available: proxmox`)
    return 2
  }
  const portNumber = port === undefined ? 0 : Number(port)
  if (!Number.isInteger(portNumber) || portNumber < 0 || portNumber > 65535) {
    console.error('hangar simulator: --port must be a whole number from 0 to 65535')
    return 2
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
  const stop = async () => {
    await simulator.close()
    await rm(directory, { recursive: true, force: true })
    process.exit(0)
  }
  process.once('SIGINT', () => void stop())
  process.once('SIGTERM', () => void stop())
  return new Promise<number>(() => {})
}
