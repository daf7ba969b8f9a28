import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import {
  createKamateraSimulator,
  type KamateraSimulator,
  type KamateraSimulatorOptions,
} from '../../plugins/kamatera/simulator/index.js'
import {
  createProxmoxSimulator,
  type ProxmoxSimulator,
  type ProxmoxSimulatorOptions,
} from '../../plugins/proxmox/simulator/index.js'
import type { Role } from '../../src/auth/roles.js'
import { createLogger } from '../../src/logger.js'
import { startHangar, type RunningHangar } from '../../src/start-hangar.js'
import { assertNoSecret, registerSecret } from './secrets.js'

/** A gateway and the Proxmox simulator it talks to, both on ephemeral loopback ports. */
export interface Stack {
  url: string
  simulator: ProxmoxSimulator
  /** The Kamatera simulator, when the stack was asked for one (provider `kama`). */
  kamatera?: KamateraSimulator
  gateway: RunningHangar
  /** Every log line the gateway wrote, for assertions (and secret greps). */
  logs: string[]
  directory: string
  /** The gateway's environment, to start it again on the same database. */
  env: Record<string, string>
  /** Makes an API token on the gateway's database (and registers it as a secret to search for). */
  issueToken(role: Role, name?: string, expiresAt?: Date): Promise<string>
  /** Stops both; fails if any log line holds a secret. */
  close(): Promise<void>
}

/** Options of {@link startStack}. */
export interface StackOptions {
  simulator?: ProxmoxSimulatorOptions
  /** Extra options of the Proxmox provider instance (`pve-lab`). */
  provider?: Record<string, unknown>
  /** Extra environment for the gateway. */
  env?: Record<string, string>
  /** Use the simulator's user and password (ticket auth) instead of its API token. */
  ticketAuth?: boolean
  /** Also a Kamatera account (provider `kama`) on its own simulator. */
  kamatera?: KamateraSimulatorOptions & { provider?: Record<string, unknown> }
}

/** Starts the simulator, then the real gateway configured through a HANGAR_CONFIG file. */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  // Guest SSH on a free port of this simulator's own: test files run side by side, and their
  // simulators' guests share addresses (127.42.x.y by vmid).
  const simulator = await createProxmoxSimulator({
    seed: 'demo',
    taskDurationMs: 300,
    guestSshPort: 0,
    ...options.simulator,
  })
  registerSecret(simulator.tokenSecret)
  registerSecret(simulator.password)
  if (typeof options.provider?.tokenSecret === 'string') registerSecret(options.provider.tokenSecret)
  const { provider: kamateraProvider, ...kamateraOptions } = options.kamatera ?? {}
  const kamatera = options.kamatera
    ? await createKamateraSimulator({ seed: 'demo', commandDurationMs: 300, guestSshPort: 0, ...kamateraOptions })
    : undefined
  if (kamatera) registerSecret(kamatera.secret)
  const directory = await mkdtemp(join(tmpdir(), 'hangar-test-'))
  const caFile = join(directory, 'ca.pem')
  if (simulator.caPem) await writeFile(caFile, simulator.caPem)
  const credentials = options.ticketAuth
    ? { username: simulator.username, password: simulator.password }
    : { tokenId: simulator.tokenId, tokenSecret: simulator.tokenSecret }
  const configFile = join(directory, 'hangar.json')
  await writeFile(
    configFile,
    JSON.stringify({
      providers: [
        {
          name: 'pve-lab',
          plugin: 'proxmox',
          options: {
            url: simulator.url,
            ...credentials,
            ...(simulator.caPem ? { caFile } : {}),
            pollIntervalMs: 50,
            retryDeadlineMs: 1_500,
            guestSshPort: simulator.guestSshPort,
            requestTimeoutMs: 3_000,
            ...options.provider,
          },
        },
        ...(kamatera
          ? [
              {
                name: 'kama',
                plugin: 'kamatera',
                options: {
                  url: kamatera.url,
                  clientId: kamatera.clientId,
                  secret: kamatera.secret,
                  pollIntervalMs: 50,
                  retryDeadlineMs: 1_500,
                  requestTimeoutMs: 3_000,
                  createRecoveryMs: 10_000,
                  guestSshPort: kamatera.guestSshPort,
                  ...kamateraProvider,
                },
              },
            ]
          : []),
      ],
    }),
  )
  const logs: string[] = []
  const sink = new Writable({
    write(chunk, _encoding, callback) {
      logs.push(...String(chunk).split('\n').filter(Boolean))
      callback()
    },
  })
  const env: Record<string, string> = {
    HANGAR_PORT: '0',
    HANGAR_CONFIG: configFile,
    DATABASE_URL: `sqlite:${join(directory, 'hangar.db')}`,
    ...options.env,
  }
  const gateway = await startHangar({ env, logger: createLogger({ level: 'debug', destination: sink }) })
  return {
    url: gateway.url,
    simulator,
    kamatera,
    gateway,
    logs,
    directory,
    env,
    async issueToken(role, name = `${role}-${logs.length}`, expiresAt) {
      const { token } = await gateway.hangar.tokens.create({ name, role, expiresAt })
      registerSecret(token)
      return token
    },
    async close() {
      await gateway.close()
      await simulator.close()
      await kamatera?.close()
      await rm(directory, { recursive: true, force: true })
      assertNoSecret(logs.join('\n'), 'the gateway log')
    },
  }
}
