import ssh2 from 'ssh2'
import { afterEach, describe, expect, it } from 'vitest'
import { publicAddressOf, type SimServer } from '../../plugins/kamatera/simulator/index.js'
import type { GuestAccess, GuestSpec } from '../../src/providers/contract.js'
import { generateEd25519KeyPair } from '../../src/ssh/ed25519-key-pair.js'
import { followToEnd } from '../../src/provider-kit/testing.js'
import { startKamateraLab, type KamateraLab } from '../support/kamatera-lab.js'

const key = generateEd25519KeyPair('')
const spec = (name: string): GuestSpec => ({
  kind: 'VM',
  name,
  cpu: 2,
  memoryMb: 2048,
  diskGb: 20,
  sshPublicKey: key.public,
})

let lab: KamateraLab | undefined
afterEach(async () => {
  await lab?.close()
  lab = undefined
})

async function start(options: Record<string, unknown> = {}) {
  lab = await startKamateraLab({ simulator: { commandDurationMs: 200, guestSshPort: 0 }, provider: options })
  return lab
}

const follow = followToEnd

/** Logs in as the guest says, with the deployment's key, and runs one command. */
function sshEcho(guest: GuestAccess): Promise<string> {
  return new Promise((resolve, reject) => {
    const client = new ssh2.Client()
    client.on('error', reject)
    client.once('ready', () => {
      client.exec('echo reached', (error, channel) => {
        if (error) return reject(error)
        let out = ''
        channel.on('data', (chunk: Buffer) => (out += chunk.toString()))
        channel.on('close', () => {
          client.end()
          resolve(out.trim())
        })
      })
    })
    client.connect({
      host: guest.ip,
      port: guest.sshPort,
      username: guest.sshUser,
      privateKey: key.private,
      readyTimeout: 5_000,
    })
  })
}

describe('provisionGuest on Kamatera', () => {
  it('declares deploy:vm, not deploy:lxc', async () => {
    const { provider } = await start()
    expect(provider.capabilities).toContain('deploy:vm')
    expect(provider.capabilities).not.toContain('deploy:lxc')
  })

  it('makes a powered-on server with the deployment key for root, and says how to reach it over SSH', async () => {
    const { simulator, provider } = await start()
    const outcome = await follow(await provider.provisionGuest!(spec('guest-ok-01'), {}))
    expect(outcome.state).toBe('succeeded')
    const [server] = simulator.state.serversNamed('guest-ok-01')
    expect(server).toMatchObject({
      power: 'on',
      datacenter: 'EU',
      cpu: '2B',
      ram: 2048,
      diskSizes: [20],
      sshKeys: key.public,
    })
    expect(outcome.guest).toEqual({
      nativeId: server!.id,
      location: 'EU',
      ip: publicAddressOf(server!),
      sshPort: simulator.guestSshPort,
      sshUser: 'root',
    })
    expect(outcome.lines).toContain(`server guest-ok-01 (${server!.id}) is on at ${publicAddressOf(server!)}`)
    expect(await sshEcho(outcome.guest!)).toBe('reached')
    // The image is the plugin's default guest image, looked up by its description.
    expect(simulator.state.commands.find((command) => command.server === 'guest-ok-01')!.log).toContain(
      'Ubuntu Server version 22.04 LTS (jammy) 64-bit',
    )
  })

  it('refuses a name Kamatera would refuse before making anything', async () => {
    const { simulator, provider } = await start()
    await expect(provider.provisionGuest!(spec('abc'), {})).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringMatching(/^name must be at least 4/),
    })
    expect(simulator.state.commands).toEqual([])
  })

  it('terminates the half-made server when it never comes up, before reporting the failure', async () => {
    const { simulator, provider } = await start({ pollIntervalMs: 300, provisionTimeoutMs: 1_500 })
    const handle = await provider.provisionGuest!(spec('guest-down-01'), {})
    const following = follow(handle)
    // The new server powers itself off right after its create, and stays off.
    let server: SimServer | undefined
    while (!(server = simulator.state.raw.servers.get(simulator.state.serversNamed('guest-down-01')[0]?.id ?? '')))
      await new Promise((resolve) => setTimeout(resolve, 2))
    simulator.state.raw.setPower(server, 'off')
    const outcome = await following
    expect(outcome.state).toBe('failed')
    expect(outcome.error).toMatch(
      /^provisioning did not finish within 2 s \(still waiting for server .* to power on with a public address\)$/,
    )
    expect(outcome.lines).toContain(`cleaning up: terminating the half-made server ${server.id}`)
    expect(outcome.lines).toContain(`the half-made server ${server.id} was removed`)
    expect(simulator.state.serversNamed('guest-down-01')).toEqual([])
    expect(simulator.state.guestEndpoint(server.id)).toBeUndefined()
  })

  it(
    'looks the server up by name when the answer to its ' + 'create is lost, and never sends the create again',
    async () => {
      const { simulator, provider } = await start()
      simulator.faults.dropConnection({ method: 'POST', path: '/service/server', afterProcessing: true })
      const outcome = await follow(await provider.provisionGuest!(spec('guest-lost-01'), {}))
      expect(outcome.state).toBe('succeeded')
      expect(
        outcome.lines.some((line) =>
          /answer to the create of guest-lost-01 was lost; looking for server guest-lost-01 by name/.test(line),
        ),
      ).toBe(true)
      const made = simulator.state.serversNamed('guest-lost-01')
      expect(made).toHaveLength(1)
      expect(
        simulator.requestLog.filter((request) => request.method === 'POST' && request.path === '/service/server'),
      ).toHaveLength(1)
      expect(outcome.guest).toMatchObject({ nativeId: made[0]!.id, ip: publicAddressOf(made[0]!) })
    },
  )
})

describe('a provisioning taken up again after a gateway restart', () => {
  it('removes the server it had made and says so plainly', async () => {
    const { simulator, provider } = await start()
    const first = await provider.provisionGuest!(spec('guest-restart-01'), {})
    // Followed until the server is known, then the gateway "stops".
    let ref = first.ref
    for (;;) {
      const progress = await first.poll({})
      if (progress.ref) ref = progress.ref
      if (progress.serverNativeId) break
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    const id = simulator.state.serversNamed('guest-restart-01')[0]!.id
    expect(ref).toBe(`provision:server:${id}:guest-restart-01`)
    const outcome = await follow(provider.resumeTask!(ref))
    expect(outcome).toMatchObject({ state: 'failed', error: `the half-made server ${id} was removed` })
    expect(simulator.state.serversNamed('guest-restart-01')).toEqual([])
  })

  it('follows a create still in the queue to its end and removes what it made', async () => {
    const { simulator, provider } = await start()
    const first = await provider.provisionGuest!(spec('guest-restart-02'), {})
    expect(first.ref).toMatch(/^provision:create:\d+:guest-restart-02$/)
    const outcome = await follow(provider.resumeTask!(first.ref))
    expect(outcome.state).toBe('failed')
    expect(outcome.error).toMatch(/^the half-made server \S+ was removed$/)
    expect(simulator.state.serversNamed('guest-restart-02')).toEqual([])
  })

  it('says nothing was left when the create it was following failed', async () => {
    const { simulator, provider } = await start()
    simulator.faults.failNextCommand('guest-restart-03', 'Insufficient resources in datacenter')
    const first = await provider.provisionGuest!(spec('guest-restart-03'), {})
    const outcome = await follow(provider.resumeTask!(first.ref))
    expect(outcome).toMatchObject({
      state: 'failed',
      error: 'its create of guest-restart-03 had not made a server, so nothing was left behind',
    })
  })
})
