import ssh2 from 'ssh2'
import type { Client as SshClient, ConnectConfig } from 'ssh2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createKamateraSimulator, publicAddressOf } from './index.js'
import type { KamateraSimulator } from './index.js'
import { generateEd25519KeyPair } from 'hangar/provider-kit/testing'

let sim: KamateraSimulator
beforeAll(async () => {
  sim = await createKamateraSimulator({ seed: 'empty', commandDurationMs: 100, guestSshPort: 0 })
})
afterAll(() => sim?.close())

async function api(path: string, json: Record<string, unknown>): Promise<unknown> {
  const response = await fetch(`${sim.url}${path}`, {
    method: 'POST',
    headers: {
      AuthClientId: sim.clientId,
      AuthSecret: sim.secret,
      'Content-Type': 'application/json',
      Accept: 'application/json',
    },
    body: JSON.stringify(json),
  })
  const body = await response.json()
  expect(response.status, JSON.stringify(body)).toBe(200)
  return body
}

/** Sends an action and waits for its command to complete. */
async function act(path: string, json: Record<string, unknown>): Promise<void> {
  const ids = (await api(path, json)) as string[]
  for (;;) {
    const response = await fetch(`${sim.url}/service/queue?id=${ids[0]}`, {
      headers: { AuthClientId: sim.clientId, AuthSecret: sim.secret },
    })
    const [item] = (await response.json()) as Array<{ status: string; log: string }>
    if (item?.status === 'complete') break
    if (item?.status === 'error') throw new Error(item.log)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  await sim.guestsSettled()
}

function connect(host: string, auth: Partial<ConnectConfig>): Promise<SshClient> {
  return new Promise((resolve, reject) => {
    const client = new ssh2.Client()
    client.once('ready', () => resolve(client))
    // A reset after the first error (a refused login, a guest that went away) is not news.
    client.on('error', reject)
    client.connect({ host, port: sim.guestSshPort, username: 'root', readyTimeout: 5_000, ...auth })
  })
}

function run(client: SshClient, command: string): Promise<{ stdout: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    client.exec(command, (error, channel) => {
      if (error) return reject(error)
      let stdout = ''
      channel.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
      channel.stderr.on('data', () => {})
      channel.on('close', (code: number | null) => resolve({ stdout, code }))
    })
  })
}

describe("a Kamatera server's guest", () => {
  const key = generateEd25519KeyPair('')
  let address: string
  let id: string

  beforeAll(async () => {
    await act('/service/server', {
      name: 'guest-01',
      datacenter: 'EU',
      image: 'Ubuntu Server version 24.04 LTS (noble) 64-bit',
      password: '',
      'ssh-key': key.public,
      cpu: '1B',
      ram: 1024,
      disk: 'size=20',
      network: 'id=0,name=wan,ip=auto',
    })
    const [server] = sim.state.serversNamed('guest-01')
    id = server!.id
    address = publicAddressOf(server!)!
  })

  it("reports a loopback public address in server info, in the simulator's own subnet", async () => {
    const [info] = (await api('/service/server/info', { id })) as Array<{
      networks: Array<{ network: string; ips: string[] }>
    }>
    expect(info!.networks).toEqual([{ network: 'wan-eu', ips: [address] }])
    expect(address).toMatch(new RegExp(`^127\\.${sim.guestSubnet}\\.\\d+\\.\\d+$`))
    expect(sim.guestSubnet).toBeGreaterThanOrEqual(240)
  })

  it("lets root in with the create's ssh-key at that address, and runs commands", async () => {
    expect(sim.state.guestEndpoint(id)).toMatchObject({ address, listening: true })
    const client = await connect(address, { privateKey: key.private })
    try {
      const result = await run(client, 'echo hello from the guest')
      expect(result).toEqual({ stdout: 'hello from the guest\n', code: 0 })
    } finally {
      client.end()
    }
  })

  it('refuses a key it was not given', async () => {
    const stranger = generateEd25519KeyPair('')
    await expect(connect(address, { privateKey: stranger.private })).rejects.toThrow(/authentication methods failed/)
  })

  it('stops answering SSH when powered off, answers again when powered on, and goes when terminated', async () => {
    await act('/service/server/poweroff', { id })
    expect(sim.state.guestEndpoint(id)?.listening).toBe(false)
    await expect(connect(address, { privateKey: key.private })).rejects.toThrow(/ECONNREFUSED/)
    await act('/service/server/poweron', { id })
    const client = await connect(address, { privateKey: key.private })
    client.end()
    await act('/service/server/terminate', { id, force: true })
    expect(sim.state.guestEndpoint(id)).toBeUndefined()
    await expect(connect(address, { privateKey: key.private })).rejects.toThrow(/ECONNREFUSED/)
  })
})

describe('a server made with a password only', () => {
  it('lets root in with that password', async () => {
    await act('/service/server', {
      name: 'guest-02',
      datacenter: 'IL',
      image: 'Debian version 12 (bookworm) 64-bit',
      password: 'GuestPassw0rd1',
      cpu: '1B',
      ram: 1024,
      disk: 'size=20',
    })
    const server = sim.state.serversNamed('guest-02')[0]!
    const client = await connect(publicAddressOf(server)!, { password: 'GuestPassw0rd1' })
    try {
      expect((await run(client, 'echo ok')).code).toBe(0)
    } finally {
      client.end()
    }
    await expect(connect(publicAddressOf(server)!, { password: 'WrongPassw0rd1' })).rejects.toThrow(
      /authentication methods failed/,
    )
  })
})
