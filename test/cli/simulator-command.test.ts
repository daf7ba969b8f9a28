import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { checkSimulatorFlags, SimulatorFlagError, type SimulatorCommandOptions } from '../../src/cli/simulator-flags.js'
import { fixtureRepository } from '../support/fixture-repo.js'
import { sendOver } from '../support/graphql-client.js'
import { cleanEnv, runHangarProcess, startHangarProcess, type HangarProcess } from '../support/hangar-process.js'
import { NODE_HELLO_VM } from '../support/node-hello-deployment.js'
import type { Printed } from '../support/deployment-runs.js'
import { untilAtRest } from '../support/deployment-waits.js'

type Deployment = { status: string; step: string | null; error: string | null; host: { ip: string | null } | null }

const running: HangarProcess[] = []
const directories: string[] = []
afterEach(async () => {
  // The simulator stops on SIGTERM and takes its guests' processes and homes with it.
  await Promise.all(running.splice(0).map((hangar) => hangar.stop()))
})
afterAll(async () => {
  await Promise.all(directories.map((directory) => rm(directory, { recursive: true, force: true })))
})

async function start(args: string[], env: NodeJS.ProcessEnv): Promise<HangarProcess> {
  const hangar = await startHangarProcess(args, env)
  running.push(hangar)
  return hangar
}

/** `hangar simulator proxmox ...`, then `hangar serve` with exactly the variables it printed. */
async function simulatorAndGateway(simulatorArgs: string[]): Promise<{ printed: Printed; gateway: string }> {
  const simulator = await start(['simulator', 'proxmox', ...simulatorArgs], cleanEnv())
  const printed = JSON.parse(simulator.firstLine) as Printed
  const directory = await mkdtemp(join(tmpdir(), 'hangar-sim-cli-'))
  directories.push(directory)
  const serve = await start(
    ['serve'],
    cleanEnv({ ...printed.env, HANGAR_PORT: '0', DATABASE_URL: `sqlite:${join(directory, 'hangar.db')}` }),
  )
  const first = JSON.parse(serve.firstLine) as { mode: string; url: string }
  expect(first.mode).toBe('configured')
  return { printed, gateway: first.url }
}

/** Creates a Node.js VM deployment and polls it until it is at rest (RUNNING or FAILED). */
async function deployUntilSettled(gateway: string, name: string): Promise<Deployment> {
  const ask = (query: string, variables: Record<string, unknown>) =>
    sendOver('http', gateway, undefined, query, variables)
  const created = await ask(
    'mutation ($input: CreateDeploymentInput!) { createDeployment(input: $input) { id status } }',
    { input: { ...NODE_HELLO_VM, name } },
  )
  expect(created.errors).toBeUndefined()
  const { id } = created.data!.createDeployment as { id: string }
  const read = async () =>
    (await ask('query ($id: ID!) { deployment(id: $id) { status step error host { ip } } }', { id })).data!
      .deployment as Deployment
  return untilAtRest(read, { timeoutMs: 100_000 })
}

describe('hangar simulator proxmox, as a person runs it', () => {
  it('prints everything a deployment needs: with exactly those variables, ' +
    'a played-back deployment reaches RUNNING and answers HTTP', async () => {
    const { printed, gateway } = await simulatorAndGateway([])
    expect(Object.keys(printed.env).sort()).toEqual([
      'PROXMOX_CA_FILE',
      'PROXMOX_GUEST_SSH_PORT',
      'PROXMOX_TOKEN_ID',
      'PROXMOX_TOKEN_SECRET',
      'PROXMOX_URL',
    ])
    expect(printed.env.PROXMOX_GUEST_SSH_PORT).toMatch(/^[1-9]\d*$/)
    const deployment = await deployUntilSettled(gateway, 'played-back')
    expect(deployment.error).toBeNull()
    expect(deployment.status).toBe('RUNNING')
    const response = await fetch(`http://${deployment.host!.ip}:3000/`)
    expect(response.status).toBe(200)
  }, 120_000)

  it('with --guest-exec execute and --guest-env, really fetches, builds and starts the fixture app', async () => {
    const repos = fixtureRepository('node-hello')
    directories.push(repos.root)
    const guestEnv = Object.entries(repos.env).flatMap(([key, value]) => ['--guest-env', `${key}=${value}`])
    const { gateway } = await simulatorAndGateway(['--guest-exec', 'execute', ...guestEnv])
    const deployment = await deployUntilSettled(gateway, 'executed')
    expect(deployment.error).toBeNull()
    expect(deployment.status).toBe('RUNNING')
    const page = await fetch(`http://${deployment.host!.ip}:3000/`).then((response) => response.text())
    expect(page).toMatch(/^hello from node-hello, built at /)
  }, 180_000)

  it('in plain HTTP needs no TLS variable', async () => {
    const simulator = await start(['simulator', 'proxmox', '--http'], cleanEnv())
    const printed = JSON.parse(simulator.firstLine) as Printed
    expect(printed.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(Object.keys(printed.env).sort()).toEqual([
      'PROXMOX_GUEST_SSH_PORT',
      'PROXMOX_TOKEN_ID',
      'PROXMOX_TOKEN_SECRET',
      'PROXMOX_URL',
    ])
  })

  it(
    'refuses a --guest-env whose key is not a variable ' + 'name with code 2, naming the flag but never the value',
    async () => {
      const result = await runHangarProcess(
        ['simulator', 'proxmox', '--guest-exec', 'execute', '--guest-env', 'GIT TOKEN=do-not-print-me-41c2'],
        cleanEnv(),
      )
      expect(result.code).toBe(2)
      expect(result.stderr).toMatch(
        /^hangar simulator: --guest-env must be KEY=VALUE with KEY a variable name .*"GIT TOKEN"/,
      )
      expect(result.stderr + result.stdout).not.toContain('do-not-print-me-41c2')
      expect(result.stdout).toBe('')
    },
  )
})

describe('hangar simulator kamatera --guests', () => {
  it('seeds that many servers', async () => {
    const simulator = await start(['simulator', 'kamatera', '--guests', '500'], cleanEnv())
    const { url, env } = JSON.parse(simulator.firstLine) as Printed
    const response = await fetch(`${url}/service/servers`, {
      headers: { AuthClientId: env.KAMATERA_CLIENT_ID!, AuthSecret: env.KAMATERA_SECRET! },
    })
    const servers = (await response.json()) as Array<{ name: string }>
    expect(servers).toHaveLength(500)
    expect(new Set(servers.map((server) => server.name)).size).toBe(500)
    // Its servers answer SSH on one port of their own addresses, told for a deployment's provider.
    expect(env.KAMATERA_GUEST_SSH_PORT).toMatch(/^[1-9]\d*$/)
  })
})

describe('the flags of hangar simulator', () => {
  const flags = (options: Partial<SimulatorCommandOptions>, plugin: 'proxmox' | 'kamatera' = 'proxmox') =>
    checkSimulatorFlags(plugin, { http: false, guestEnv: [], ...options })
  const refusal = (options: Partial<SimulatorCommandOptions>, plugin: 'proxmox' | 'kamatera' = 'proxmox') => {
    try {
      flags(options, plugin)
    } catch (error) {
      expect(error).toBeInstanceOf(SimulatorFlagError)
      return (error as Error).message
    }
    throw new Error('accepted')
  }

  it('plays back by default, and takes repeated --guest-env in order (the last one of a key wins)', () => {
    expect(flags({})).toEqual({ port: 0, tls: true, guests: undefined, guestExec: 'playback', guestEnv: {} })
    expect(
      flags({ guestExec: 'execute', guestEnv: ['GIT_CONFIG_COUNT=1', 'A=x=y', 'A=z', 'EMPTY='] }).guestEnv,
    ).toEqual({ GIT_CONFIG_COUNT: '1', A: 'z', EMPTY: '' })
  })

  it.each<[Partial<SimulatorCommandOptions>, 'proxmox' | 'kamatera', RegExp]>([
    [{ guestExec: 'replay' }, 'proxmox', /^--guest-exec must be playback or execute$/],
    [
      { guestExec: 'execute', guestEnv: ['NO_EQUALS_SIGN'] },
      'proxmox',
      /^--guest-env must be KEY=VALUE; entry 1 has no "="$/,
    ],
    [
      { guestExec: 'execute', guestEnv: ['A=1', '1A=2'] },
      'proxmox',
      /^--guest-env must be KEY=VALUE with KEY a variable name .*entry 2 has the key "1A"$/,
    ],
    [
      { guestExec: 'execute', guestEnv: ['=value'] },
      'proxmox',
      /^--guest-env must be KEY=VALUE with KEY a variable name .*entry 1 has the key ""$/,
    ],
    [{ guestEnv: ['A=1'] }, 'proxmox', /^--guest-env needs --guest-exec execute/],
    [{ guestEnv: ['A=1'] }, 'kamatera', /^--guest-env needs --guest-exec execute/],
    [{ guests: '0' }, 'kamatera', /^--guests must be a whole number from 1 to 100000$/],
    [{ guests: '1e3' }, 'proxmox', /^--guests must be a whole number from 1 to 100000$/],
    [{ port: '0x50' }, 'proxmox', /^--port must be a whole number from 0 to 65535$/],
    [{ port: '' }, 'proxmox', /^--port must be a whole number from 0 to 65535$/],
  ])('refuses %o for %s, naming the flag', (options, plugin, message) => {
    expect(refusal(options, plugin)).toMatch(message)
  })
})
