import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sendOver, type RawAnswer } from '../support/graphql-client.js'
import { startStack, type Stack } from '../support/start-stack.js'

let stack: Stack
beforeAll(async () => {
  stack = await startStack({ kamatera: { commandDurationMs: 300 } })
})
afterAll(() => stack?.close())

type OperationAnswer = { status: string; error: string | null; logs: string[] }

const ask = (query: string, variables?: Record<string, unknown>) =>
  sendOver('http', stack.url, undefined, query, variables)
const RESIZE =
  'mutation ($id: ID!, $input: ResizeServerInput!) { resizeServer(id: $id, ' +
  'input: $input, wait: true) { status error logs } }'
const resize = (id: string, input: Record<string, number>) => ask(RESIZE, { id, input })
const operationOf = (answer: RawAnswer): OperationAnswer => {
  expect(answer.errors).toBeUndefined()
  return answer.data!.resizeServer as OperationAnswer
}
const serverSizes = async (id: string) =>
  (await ask('query ($id: ID!) { server(id: $id) { cpu memoryMb diskGb } }', { id })).data!.server as {
    cpu: number
    memoryMb: number
    diskGb: number
  }
const configOf = (vmid: number) => stack.simulator.state.guest(vmid)!.config
const kamateraServer = (name: string) =>
  [...stack.kamatera!.state.servers.values()].find((server) => server.name === name)!

/**
 * Fails every resize request with a message no refusal of ours contains, counting the hits: a
 * rule whose `times` is still whole afterwards proves that no resize reached the simulator.
 */
function tripResizes(): () => number {
  stack.simulator.faults.addRule({
    method: 'PUT',
    path: /\/resize$/,
    status: 500,
    message: 'tripwire: a resize was sent',
    times: 100,
  })
  return () =>
    100 - (stack.simulator.faults.snapshot().rules.find((rule) => rule.message?.startsWith('tripwire'))?.times ?? 0)
}

describe('resizing Proxmox guests', () => {
  it('lists resize among the Proxmox capabilities', async () => {
    const answer = await ask('{ providers { name capabilities } }')
    const providers = answer.data!.providers as { name: string; capabilities: string[] }[]
    expect(providers.find((provider) => provider.name === 'pve-lab')!.capabilities).toContain('resize')
  })

  it("sets a VM's cores and memory through its config task", async () => {
    const cores = operationOf(await resize('pve-lab:qemu/101', { cpu: 4 }))
    expect(cores.status).toBe('SUCCEEDED')
    expect(cores.logs.join('\n')).toContain("update VM 101: -cores '4'")
    const memory = operationOf(await resize('pve-lab:qemu/101', { memoryMb: 8192 }))
    expect(memory.status).toBe('SUCCEEDED')
    expect(configOf(101)).toMatchObject({ cores: '4', memory: '8192' })
    expect(await serverSizes('pve-lab:qemu/101')).toMatchObject({ cpu: 4, memoryMb: 8192 })
  })

  it("sets a container's cores and memory with one synchronous config write each", async () => {
    const cores = operationOf(await resize('pve-lab:lxc/201', { cpu: 2 }))
    expect(cores).toMatchObject({ status: 'SUCCEEDED', logs: ['setting cores to 2: done'] })
    expect(operationOf(await resize('pve-lab:lxc/201', { memoryMb: 1024 })).status).toBe('SUCCEEDED')
    expect(configOf(201)).toMatchObject({ cores: '2', memory: '1024' })
    expect(await serverSizes('pve-lab:lxc/201')).toMatchObject({ cpu: 2, memoryMb: 1024 })
  })

  it("grows a VM's boot disk to the new total size, following the resize task", async () => {
    const grown = operationOf(await resize('pve-lab:qemu/103', { diskGb: 120 }))
    expect(grown.status).toBe('SUCCEEDED')
    expect(grown.logs.join('\n')).toContain('successfully resized')
    expect(configOf(103).scsi0).toMatch(/(^|,)size=120G(,|$)/)
    expect((await serverSizes('pve-lab:qemu/103')).diskGb).toBe(120)
  })

  it("grows a container's rootfs to the new total size", async () => {
    expect(operationOf(await resize('pve-lab:lxc/203', { diskGb: 24 })).status).toBe('SUCCEEDED')
    expect(configOf(203).rootfs).toMatch(/(^|,)size=24G(,|$)/)
    expect((await serverSizes('pve-lab:lxc/203')).diskGb).toBe(24)
  })

  it(
    'refuses a smaller or equal disk size with BAD_USER_INPUT ' +
      'naming input.diskGb and the current size, and sends nothing',
    async () => {
      const resizesSent = tripResizes()
      try {
        const before = { 100: configOf(100), 202: configOf(202) }
        for (const [id, diskGb, current] of [
          ['pve-lab:qemu/100', 32, 32],
          ['pve-lab:qemu/100', 16, 32],
          ['pve-lab:lxc/202', 4, 8],
        ] as const) {
          const answer = await resize(id, { diskGb })
          expect(answer.errors?.[0]?.extensions?.code, `${id} to ${diskGb}`).toBe('BAD_USER_INPUT')
          expect(answer.errors![0]!.message).toMatch(/^input\.diskGb: /)
          expect(answer.errors![0]!.message).toContain(`${current} GB now`)
        }
        expect(resizesSent()).toBe(0)
        expect({ 100: configOf(100), 202: configOf(202) }).toEqual(before)
      } finally {
        stack.simulator.faults.reset()
      }
    },
  )

  it('answers CONFLICT for a locked guest and changes nothing', async () => {
    stack.simulator.faults.setLock(105, 'backup')
    try {
      const before = configOf(105)
      for (const input of [{ cpu: 2 }, { diskGb: 200 }] as Record<string, number>[]) {
        const answer = await resize('pve-lab:qemu/105', input)
        expect(answer.errors?.[0]?.extensions?.code, JSON.stringify(input)).toBe('CONFLICT')
        expect(answer.errors![0]!.message).toBe('pve-lab: VM is locked (backup)')
      }
      expect(configOf(105)).toEqual(before)
    } finally {
      stack.simulator.faults.setLock(105, null)
    }
  })

  it('takes one change per call, each in range, naming the field', async () => {
    const cases: [Record<string, number>, string][] = [
      [{ cpu: 2, diskGb: 40 }, 'input'],
      [{}, 'input'],
      [{ diskGb: 0 }, 'input.diskGb'],
      [{ diskGb: 65_537 }, 'input.diskGb'],
    ]
    for (const [input, field] of cases) {
      const answer = await resize('pve-lab:qemu/102', input)
      expect(answer.errors?.[0]?.extensions?.code, JSON.stringify(input)).toBe('BAD_USER_INPUT')
      expect(answer.errors![0]!.message.startsWith(`${field}: `), answer.errors![0]!.message).toBe(true)
    }
    expect(configOf(102).scsi0).toMatch(/size=64G/)
  })
})

describe('resizing Kamatera servers', () => {
  it('grows the main disk with POST /server/disk and follows its command', async () => {
    const id = `kama:${kamateraServer('web-ny-01').id}`
    const grown = operationOf(await resize(id, { diskGb: 50 }))
    expect(grown.status).toBe('SUCCEEDED')
    expect(grown.logs).toContain('Resizing disk 0 from 30GB to 50GB...')
    expect(kamateraServer('web-ny-01').diskSizes).toEqual([50])
    expect((await serverSizes(id)).diskGb).toBe(50)
  })

  it('grows only disk 0 of a server with several disks', async () => {
    const id = `kama:${kamateraServer('db-eu-01').id}`
    expect(operationOf(await resize(id, { diskGb: 60 })).status).toBe('SUCCEEDED')
    expect(kamateraServer('db-eu-01').diskSizes).toEqual([60, 200])
  })

  it('refuses a smaller or equal disk size with BAD_USER_INPUT naming input.diskGb, sending nothing', async () => {
    const id = `kama:${kamateraServer('vpn-il-01').id}`
    const sentBefore = stack.kamatera!.requestLog.filter((request) => request.path === '/server/disk').length
    for (const diskGb of [10, 5]) {
      const answer = await resize(id, { diskGb })
      expect(answer.errors?.[0]?.extensions?.code, String(diskGb)).toBe('BAD_USER_INPUT')
      expect(answer.errors![0]!.message).toMatch(/^input\.diskGb: .*10 GB now/)
    }
    expect(stack.kamatera!.requestLog.filter((request) => request.path === '/server/disk')).toHaveLength(sentBefore)
    expect(kamateraServer('vpn-il-01').diskSizes).toEqual([10])
  })

  it("passes on Kamatera's refusal of a size outside its catalog", async () => {
    const answer = await resize(`kama:${kamateraServer('build-il-01').id}`, { diskGb: 65 })
    expect(answer.errors?.[0]?.extensions?.code).toBe('PROVIDER_ERROR')
    expect(answer.errors![0]!.message).toContain('Invalid disk size: 65GB')
    expect(kamateraServer('build-il-01').diskSizes).toEqual([60])
  })
})
