import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { codeOf, collectOverSse, collectOverWebSocket, execute } from '../support/graphql-client.js'
import { startStack, type Stack } from '../support/start-stack.js'
import {
  DestroyServer,
  OperationById,
  RebootServer,
  ServerDetails,
  ServerOperations,
  ServersPage,
  StartServer,
  StopServer,
  WatchOperation,
} from './documents.js'

let stack: Stack
beforeAll(async () => {
  stack = await startStack()
})
afterAll(() => stack?.close())

const statusOf = async (id: string) => (await execute(stack.url, ServerDetails, { id })).data!.server?.status

describe('power actions followed to the end', () => {
  it('starts a stopped VM and waits for its task', async () => {
    const answer = await execute(stack.url, StartServer, { id: 'pve-lab:qemu/103', wait: true })
    expect(answer.errors).toBeUndefined()
    const operation = answer.data!.startServer
    expect(operation).toMatchObject({
      provider: 'pve-lab',
      action: 'start',
      status: 'SUCCEEDED',
      serverId: 'pve-lab:qemu/103',
      error: null,
    })
    expect(operation.finishedAt).not.toBeNull()
    expect(operation.logs.at(-1)).toBe('TASK OK')
    expect(operation.server?.status).toBe('RUNNING')
    expect(await statusOf('pve-lab:qemu/103')).toBe('RUNNING')
  })

  it('stops a running container, and the list shows it at once (the cache is invalidated)', async () => {
    const before = await execute(stack.url, ServersPage, { search: 'cache-01' })
    expect(before.data!.servers.nodes[0]!.status).toBe('RUNNING')
    const answer = await execute(stack.url, StopServer, { id: 'pve-lab:lxc/202', wait: true })
    expect(answer.data!.stopServer.status).toBe('SUCCEEDED')
    const after = await execute(stack.url, ServersPage, { search: 'cache-01' })
    expect(after.data!.servers.nodes[0]!.status).toBe('STOPPED')
  })

  it('reboots a running VM', async () => {
    const answer = await execute(stack.url, RebootServer, { id: 'pve-lab:qemu/101', wait: true })
    expect(answer.data!.rebootServer).toMatchObject({ action: 'reboot', status: 'SUCCEEDED' })
    expect(await statusOf('pve-lab:qemu/101')).toBe('RUNNING')
  })

  it('answers at once without wait, and streams the operation over WebSocket until it ends', async () => {
    const answer = await execute(stack.url, StopServer, { id: 'pve-lab:qemu/100' })
    const started = answer.data!.stopServer
    expect(started.status).toBe('RUNNING')
    const events = await collectOverWebSocket(stack.url, WatchOperation, { id: started.id })
    const statuses = events.map((event) => event.data!.operation.status)
    expect(statuses[0]).toBe('RUNNING')
    expect(statuses.at(-1)).toBe('SUCCEEDED')
    expect(events.at(-1)!.data!.operation.logs.at(-1)).toBe('TASK OK')
  })

  it('streams an operation over SSE too', async () => {
    const answer = await execute(stack.url, StartServer, { id: 'pve-lab:qemu/100' })
    const events = await collectOverSse(stack.url, WatchOperation, { id: answer.data!.startServer.id })
    expect(events.length).toBeGreaterThan(0)
    expect(events.at(-1)!.data!.operation.status).toBe('SUCCEEDED')
  })

  it('lists the operations on a server, newest first, with their logs', async () => {
    const answer = await execute(stack.url, ServerOperations, { id: 'pve-lab:qemu/100' })
    const operations = answer.data!.server!.operations
    expect(operations.map((operation) => operation.action)).toEqual(['start', 'stop'])
    expect(
      operations.every((operation) => operation.serverId === 'pve-lab:qemu/100' && operation.logs.at(-1) === 'TASK OK'),
    ).toBe(true)
    const one = await execute(stack.url, ServerOperations, { id: 'pve-lab:qemu/100', first: 1 })
    expect(one.data!.server!.operations.map((operation) => operation.action)).toEqual(['start'])
    const tooMany = await execute(stack.url, ServerOperations, { id: 'pve-lab:qemu/100', first: 101 })
    expect(codeOf(tooMany)).toBe('BAD_USER_INPUT')
    expect(tooMany.errors![0]!.message).toContain('first')
  })

  it("refuses to start a VM that already runs, with CONFLICT and Proxmox's message", async () => {
    const answer = await execute(stack.url, StartServer, { id: 'pve-lab:qemu/102' })
    expect(codeOf(answer)).toBe('CONFLICT')
    expect(answer.errors![0]!.message).toContain('VM 102 already running')
  })

  it('answers NOT_FOUND for a server that does not exist', async () => {
    expect(codeOf(await execute(stack.url, StartServer, { id: 'pve-lab:qemu/4242' }))).toBe('NOT_FOUND')
    expect(codeOf(await execute(stack.url, StartServer, { id: 'elsewhere:qemu/100' }))).toBe('NOT_FOUND')
  })

  it('answers CONFLICT for a guest locked by another task, after retrying for a while', async () => {
    stack.simulator.faults.setLock(105, 'backup')
    try {
      const before = stack.simulator.requests
      const answer = await execute(stack.url, StartServer, { id: 'pve-lab:qemu/105' })
      expect(codeOf(answer)).toBe('CONFLICT')
      expect(answer.errors![0]!.message).toContain('locked (backup)')
      // One try is a lookup and a start (two requests, as for the running VM above); the rest are
      // the retries. Counted rather than timed: the client stops before a wait would pass its deadline.
      expect(stack.simulator.requests - before).toBeGreaterThanOrEqual(4)
    } finally {
      stack.simulator.faults.setLock(105, null)
    }
  })

  it('queues a second action on the same server until the first has ended', async () => {
    const first = await execute(stack.url, StartServer, { id: 'pve-lab:lxc/203' })
    expect(first.data!.startServer.status).toBe('RUNNING')
    const second = await execute(stack.url, StopServer, { id: 'pve-lab:lxc/203', wait: true })
    expect(second.data!.stopServer.status).toBe('SUCCEEDED')
    const firstNow = await execute(stack.url, OperationById, { id: first.data!.startServer.id })
    expect(firstNow.data!.operation!.status).toBe('SUCCEEDED')
    expect(new Date(firstNow.data!.operation!.finishedAt!).getTime()).toBeLessThanOrEqual(Date.now())
    expect(await statusOf('pve-lab:lxc/203')).toBe('STOPPED')
  })

  it('records a task that fails upstream as a FAILED operation with the task error', async () => {
    stack.simulator.faults.failNextTask(106, "start failed: disk 'scsi0' missing")
    const answer = await execute(stack.url, StartServer, { id: 'pve-lab:qemu/106', wait: true })
    expect(answer.data!.startServer).toMatchObject({ status: 'FAILED' })
    expect(answer.data!.startServer.error).toContain("disk 'scsi0' missing")
  })
})

describe('destroy, never one mistyped id away', () => {
  it('refuses a wrong confirm, naming the field, and destroys nothing', async () => {
    const answer = await execute(stack.url, DestroyServer, { id: 'pve-lab:lxc/204', confirm: 'staging-app-02' })
    expect(codeOf(answer)).toBe('BAD_USER_INPUT')
    expect(answer.errors![0]!.message).toMatch(/^confirm:/)
    expect(answer.errors![0]!.extensions!.field).toBe('confirm')
    expect(await statusOf('pve-lab:lxc/204')).toBe('STOPPED')
  })

  it('destroys a stopped container when confirm is its name', async () => {
    const answer = await execute(stack.url, DestroyServer, {
      id: 'pve-lab:lxc/204',
      confirm: 'staging-app-01',
      wait: true,
    })
    expect(answer.data!.destroyServer).toMatchObject({ action: 'destroy', status: 'SUCCEEDED' })
    expect((await execute(stack.url, ServerDetails, { id: 'pve-lab:lxc/204' })).data!.server).toBeNull()
    const list = await execute(stack.url, ServersPage, { first: 100 })
    expect(list.data!.servers.nodes.map((server) => server.id)).not.toContain('pve-lab:lxc/204')
  })

  it('stops a running VM before destroying it, when confirm is its id', async () => {
    const answer = await execute(stack.url, DestroyServer, {
      id: 'pve-lab:qemu/104',
      confirm: 'pve-lab:qemu/104',
      wait: true,
    })
    const operation = answer.data!.destroyServer
    expect(operation.status).toBe('SUCCEEDED')
    expect(operation.logs.join('\n')).toMatch(/stopped; deleting qemu\/104/)
    expect(stack.simulator.state.guests.has(104)).toBe(false)
  })

  it('answers NOT_FOUND when the server to destroy does not exist', async () => {
    expect(
      codeOf(await execute(stack.url, DestroyServer, { id: 'pve-lab:qemu/4242', confirm: 'pve-lab:qemu/4242' })),
    ).toBe('NOT_FOUND')
  })
})
