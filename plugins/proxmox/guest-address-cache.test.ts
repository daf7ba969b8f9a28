import { setTimeout as sleep } from 'node:timers/promises'
import { Agent, fetch as undiciFetch } from 'undici'
import { describe, expect, it } from 'vitest'
import { followTask } from 'hangar/provider-kit/testing'
import type { PowerAction, Provider } from 'hangar/provider-kit'
import { guestAddress } from 'hangar/provider-kit/testing'
import type { ProxmoxSimulator } from './simulator/index.js'
import { labsPerTest } from './proxmox-test-lab.js'

interface Lab {
  simulator: ProxmoxSimulator
  provider: Provider
  /** The address the simulator gives a guest on its eth0. */
  address(vmid: number): string
  /** Closes the provider (once); the lab's cleanup does not close it again. */
  closeProvider(): Promise<void>
}

const startLab = labsPerTest({
  simulator: { taskDurationMs: 100 },
  provider: { requestTimeoutMs: 3_000, addressRefreshMs: 200 },
})

async function lab(options: Record<string, unknown> = {}): Promise<Lab> {
  const started = await startLab({ provider: options })
  return { ...started, address: (vmid) => guestAddress(vmid, started.simulator.guestSubnet) }
}

async function ipsOf(provider: Provider): Promise<Map<string, string[]>> {
  const servers = await provider.listServers({ signal: AbortSignal.timeout(5_000) })
  return new Map(servers.map((server) => [server.nativeId, server.ips]))
}

/** Polls `check` until it holds, for at most `ms`; the last answer is returned either way. */
async function until<T>(read: () => Promise<T>, check: (value: T) => boolean, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const value = await read()
    if (check(value) || Date.now() > deadline) return value
    await sleep(50)
  }
}

/** Resolves once a refresh has asked qemu/102's agent again (a fault that one read consumes). */
async function aRefreshReadGuests({ simulator }: Lab): Promise<void> {
  simulator.faults.addRule({
    method: 'GET',
    path: '/qemu/102/agent/network-get-interfaces',
    status: 500,
    message: 'QEMU guest agent is not running',
    times: 1,
  })
  const consumed = await until(
    async () => simulator.faults.snapshot().rules.some((rule) => rule.path?.includes('/qemu/102/')),
    (pending) => !pending,
  )
  expect(consumed).toBe(false)
}

/** A call straight to the simulator's API, as another Proxmox client would make it. */
async function proxmoxCall(
  simulator: ProxmoxSimulator,
  method: string,
  path: string,
  form: Record<string, string>,
): Promise<unknown> {
  const dispatcher = new Agent({ connect: { ca: simulator.caPem! } })
  try {
    const response = await undiciFetch(`${simulator.url}/api2/json${path}`, {
      method,
      headers: {
        authorization: `PVEAPIToken=${simulator.tokenId}=${simulator.tokenSecret}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams(form).toString(),
      dispatcher,
    })
    expect(response.status).toBe(200)
    return ((await response.json()) as { data: unknown }).data
  } finally {
    await dispatcher.close()
  }
}

async function power({ provider }: Lab, nativeId: string, action: PowerAction): Promise<void> {
  const outcome = await followTask(await provider.power!(nativeId, action, {}), {
    signal: AbortSignal.timeout(10_000),
    onProgress: () => {},
  })
  expect(outcome.state).toBe('succeeded')
}

describe('addresses in the Proxmox server list', () => {
  it("answers the list at once, then shows running guests' eth0 addresses soon after start", async () => {
    // A long interval: only the first refresh, soon after start, can fill the addresses.
    const env = await lab({ addressRefreshMs: 60_000 })
    const first = await ipsOf(env.provider)
    expect(first.get('qemu/100')).toEqual([])
    const guests = ['qemu/100', 'lxc/200', 'qemu/104', 'lxc/202']
    const filled = await until(
      () => ipsOf(env.provider),
      (ips) => guests.every((id) => (ips.get(id)?.length ?? 0) > 0),
    )
    expect(filled.get('qemu/100')).toEqual([env.address(100)])
    expect(filled.get('lxc/200')).toEqual([env.address(200)])
    expect(filled.get('qemu/104')).toEqual([env.address(104)])
    expect(filled.get('lxc/202')).toEqual([env.address(202)])
  })

  it("shows no address for stopped guests, and never lo's nor a link-local one", async () => {
    const env = await lab()
    const ips = await until(
      () => ipsOf(env.provider),
      (list) => (list.get('lxc/201')?.length ?? 0) > 0,
    )
    expect(ips.get('qemu/103')).toEqual([])
    expect(ips.get('lxc/203')).toEqual([])
    const all = [...ips.values()].flat()
    expect(all.length).toBeGreaterThan(0)
    expect(all).not.toContain('127.0.0.1')
    expect(all).not.toContain('::1')
    expect(all.filter((ip) => ip.startsWith('fe80:'))).toEqual([])
  })

  it("keeps a guest's last addresses when reading them fails", async () => {
    const env = await lab()
    // Both guests have been read once before their reads start failing.
    await until(
      () => ipsOf(env.provider),
      (list) => (list.get('qemu/100')?.length ?? 0) > 0 && (list.get('lxc/200')?.length ?? 0) > 0,
    )
    env.simulator.faults.addRule({
      method: 'GET',
      path: '/qemu/100/agent/network-get-interfaces',
      status: 500,
      message: 'QEMU guest agent is not running',
    })
    env.simulator.faults.addRule({ method: 'GET', path: '/lxc/200/interfaces', status: 596, message: 'Broken pipe' })
    await aRefreshReadGuests(env)
    await aRefreshReadGuests(env)
    const ips = await ipsOf(env.provider)
    expect(ips.get('qemu/100')).toEqual([env.address(100)])
    expect(ips.get('lxc/200')).toEqual([env.address(200)])
  })

  it(
    'drops the address of a guest that stops, ' + 'so that after a restart it shows none until it reports one again',
    async () => {
      const env = await lab()
      await until(
        () => ipsOf(env.provider),
        (list) => (list.get('qemu/101')?.length ?? 0) > 0,
      )
      await power(env, 'qemu/101', 'stop')
      expect((await ipsOf(env.provider)).get('qemu/101')).toEqual([])
      await aRefreshReadGuests(env)
      // Restarted, its agent is not up for a few reads: no stale address meanwhile.
      await power(env, 'qemu/101', 'start')
      await aRefreshReadGuests(env)
      const servers = await env.provider.listServers({})
      expect(servers.find((server) => server.nativeId === 'qemu/101')).toMatchObject({ status: 'RUNNING', ips: [] })
      const later = await until(
        () => ipsOf(env.provider),
        (list) => (list.get('qemu/101')?.length ?? 0) > 0,
      )
      expect(later.get('qemu/101')).toEqual([env.address(101)])
    },
  )

  it('shows no address, and no error, for a running VM without a guest agent', async () => {
    const env = await lab()
    await power(env, 'qemu/106', 'start')
    await aRefreshReadGuests(env)
    const servers = await env.provider.listServers({})
    expect(servers.find((server) => server.nativeId === 'qemu/106')).toMatchObject({ status: 'RUNNING', ips: [] })
    expect(servers.find((server) => server.nativeId === 'qemu/100')!.ips).toEqual([env.address(100)])
  })

  it("forgets a destroyed guest's address at once, so a new guest with its vmid never shows it", async () => {
    const env = await lab({ addressRefreshMs: 60_000 })
    await until(
      () => ipsOf(env.provider),
      (list) => (list.get('lxc/201')?.length ?? 0) > 0,
    )
    const outcome = await followTask(await env.provider.destroy!('lxc/201', {}), {
      signal: AbortSignal.timeout(10_000),
      onProgress: () => {},
    })
    expect(outcome.state).toBe('succeeded')
    // Someone else makes a container under the freed vmid; the next refresh is a minute away.
    await proxmoxCall(env.simulator, 'POST', '/nodes/pve1/lxc', {
      vmid: '201',
      hostname: 'newcomer',
      ostemplate: 'local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst',
      rootfs: 'local-lvm:4',
      net0: 'name=eth0,bridge=vmbr0,ip=dhcp',
      start: '1',
    })
    await until(
      async () => env.simulator.state.guest(201),
      (guest) => guest?.status === 'running' && !guest.lock,
    )
    const servers = await env.provider.listServers({})
    expect(servers.find((server) => server.nativeId === 'lxc/201')).toMatchObject({
      name: 'newcomer',
      status: 'RUNNING',
      ips: [],
    })
  })

  it("reads a guest's addresses live for server(id), by interface", async () => {
    const env = await lab({ addressRefreshMs: 60_000 })
    expect((await env.provider.getServer('qemu/100', {}))!.ips).toEqual([env.address(100)])
    expect((await env.provider.getServer('lxc/200', {}))!.ips).toEqual([env.address(200)])
    expect((await env.provider.getServer('qemu/103', {}))!.ips).toEqual([])
  })

  it('stops refreshing when closed, without waiting for a slow refresh to end', async () => {
    const env = await lab()
    await until(
      () => ipsOf(env.provider),
      (list) => (list.get('qemu/100')?.length ?? 0) > 0,
    )
    // Every answer now takes longer than the whole test may wait: a refresh is in flight.
    env.simulator.faults.setLatency(5_000)
    await sleep(300)
    const started = Date.now()
    await env.closeProvider()
    expect(Date.now() - started).toBeLessThan(1_000)
    env.simulator.faults.setLatency(0)
    const requests = env.simulator.requests
    await sleep(800)
    expect(env.simulator.requests).toBe(requests)
  })
})
