import { Agent } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createProxmoxSimulator, type ProxmoxSimulator } from './index.js'

let sim: ProxmoxSimulator
let dispatcher: Agent
beforeAll(async () => {
  sim = await createProxmoxSimulator({ seed: 'demo', taskDurationMs: 100 })
  dispatcher = new Agent({ connect: sim.caPem ? { ca: sim.caPem } : {} })
})
afterAll(async () => {
  await sim.close()
  await dispatcher.close()
})

async function resize(
  path: string,
  form: Record<string, string>,
): Promise<{ status: number; reason: string; data: unknown }> {
  const res = await fetch(`${sim.url}/api2/json${path}/resize`, {
    method: 'PUT',
    headers: {
      Authorization: `PVEAPIToken=${sim.tokenId}=${sim.tokenSecret}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams(form).toString(),
    dispatcher,
  } as RequestInit & { dispatcher: Agent })
  return { status: res.status, reason: res.statusText, data: ((await res.json()) as { data: unknown }).data }
}

describe('PUT .../resize', () => {
  it('grows a disk by an amount, as a resize task', async () => {
    const grown = await resize('/nodes/pve1/lxc/200', { disk: 'rootfs', size: '+2G' })
    expect(grown.status).toBe(200)
    expect(String(grown.data)).toMatch(/^UPID:pve1:.*:resize:200:/)
    await expect.poll(() => sim.state.guest(200)!.config.rootfs, { timeout: 5_000 }).toMatch(/size=10G$/)
  })

  it("refuses to shrink with each handler's own words (qemu-server, pve-container)", async () => {
    expect(await resize('/nodes/pve1/qemu/100', { disk: 'scsi0', size: '16G' })).toMatchObject({
      status: 500,
      reason: 'shrinking disks is not supported',
    })
    expect(await resize('/nodes/pve1/lxc/201', { disk: 'rootfs', size: '2G' })).toMatchObject({
      status: 500,
      reason: 'unable to shrink disk size',
    })
    expect(sim.state.guest(201)!.config.rootfs).toMatch(/size=4G$/)
  })

  it("answers null without a task when a container's size stays the same", async () => {
    const tasks = sim.state.tasks.length
    expect(await resize('/nodes/pve1/lxc/201', { disk: 'rootfs', size: '4G' })).toEqual({
      status: 200,
      reason: 'OK',
      data: null,
    })
    expect(sim.state.tasks.length).toBe(tasks)
  })
})
