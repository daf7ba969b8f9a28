import { afterEach, describe, expect, it } from 'vitest'
import { codeOf, execute } from '../support/graphql-client.js'
import { startStack, type Stack } from '../support/start-stack.js'
import { Providers, ServersPage, StartServer } from './documents.js'

let stack: Stack | undefined
afterEach(async () => {
  await stack?.close()
  stack = undefined
})

describe('when Proxmox misbehaves', () => {
  it('answers PROVIDER_UNAVAILABLE while Proxmox is unreachable, and keeps serving', async () => {
    stack = await startStack()
    await stack.simulator.close()
    const answer = await execute(stack.url, ServersPage, {})
    expect(codeOf(answer)).toBe('PROVIDER_UNAVAILABLE')
    expect(answer.errors![0]!.message).toMatch(/pve-lab: cannot reach Proxmox/)
    const providers = await execute(stack.url, Providers)
    expect(providers.data!.providers[0]).toMatchObject({ name: 'pve-lab', connected: false })
    expect(providers.data!.providers[0]!.error).toMatch(/cannot reach/)
    expect((await fetch(`${stack.url}/health`)).status).toBe(200)
  })

  it('answers PROVIDER_UNAVAILABLE for a token Proxmox refuses, without showing the token', async () => {
    stack = await startStack({ provider: { tokenSecret: 'b0gus-secret-0000' } })
    const answer = await execute(stack.url, ServersPage, {})
    expect(codeOf(answer)).toBe('PROVIDER_UNAVAILABLE')
    expect(answer.errors![0]!.message).toContain('refused our credentials')
    expect(JSON.stringify(answer)).not.toContain('b0gus-secret-0000')
    expect(stack.logs.join('\n')).not.toContain('b0gus-secret-0000')
  })

  it('retries injected 5xx and 596 answers on reads, and the list still arrives', async () => {
    stack = await startStack()
    stack.simulator.faults.addRule({
      method: 'GET',
      path: '/cluster/resources',
      status: 500,
      message: "cfs-lock 'file-replication_cfg' error: got lock request timeout",
      times: 2,
    })
    stack.simulator.faults.addRule({
      method: 'GET',
      path: '/cluster/resources',
      status: 596,
      message: 'Broken pipe',
      times: 1,
    })
    const before = stack.simulator.requests
    const answer = await execute(stack.url, ServersPage, {})
    expect(answer.errors).toBeUndefined()
    expect(answer.data!.servers.totalCount).toBe(12)
    expect(stack.simulator.requests - before).toBeGreaterThanOrEqual(4)
  })

  it('does not retry a refused power action that may have reached the node', async () => {
    stack = await startStack()
    stack.simulator.faults.addRule({
      method: 'POST',
      path: '/status/start',
      status: 596,
      message: 'Broken pipe',
      times: 1,
    })
    const answer = await execute(stack.url, StartServer, { id: 'pve-lab:qemu/103' })
    expect(codeOf(answer)).toBe('PROVIDER_UNAVAILABLE')
    expect(stack.simulator.state.guests.get(103)!.status).toBe('stopped')
  })

  it('retries a power action refused with a lock timeout, and it then goes through', async () => {
    stack = await startStack()
    stack.simulator.faults.lockTimeout(105, 2)
    const answer = await execute(stack.url, StartServer, { id: 'pve-lab:qemu/105', wait: true })
    expect(answer.errors).toBeUndefined()
    expect(answer.data!.startServer.status).toBe('SUCCEEDED')
  })

  it('gives up on a Proxmox that answers too slowly, with PROVIDER_UNAVAILABLE', async () => {
    stack = await startStack({ provider: { requestTimeoutMs: 300, retryDeadlineMs: 500 } })
    stack.simulator.faults.setLatency(1_000)
    const answer = await execute(stack.url, ServersPage, {})
    expect(codeOf(answer)).toBe('PROVIDER_UNAVAILABLE')
    expect(answer.errors![0]!.message).toMatch(/no answer within 300 ms/)
  })

  it("keeps listing while one node is offline, and refuses actions on that node's guests", async () => {
    stack = await startStack()
    stack.simulator.faults.setNodeOnline('pve2', false)
    const list = await execute(stack.url, ServersPage, { first: 100 })
    const onPve2 = list.data!.servers.nodes.filter((server) => server.location === 'pve2')
    expect(onPve2.length).toBeGreaterThan(0)
    expect(onPve2.every((server) => server.status === 'UNKNOWN')).toBe(true)
    const start = await execute(stack.url, StartServer, { id: 'pve-lab:qemu/105' })
    expect(codeOf(start)).toBe('PROVIDER_UNAVAILABLE')
  })

  it('reads errors from the status line of servers that send no message in the body', async () => {
    stack = await startStack({ simulator: { legacyErrors: true } })
    const answer = await execute(stack.url, StartServer, { id: 'pve-lab:qemu/100' })
    expect(codeOf(answer)).toBe('CONFLICT')
    expect(answer.errors![0]!.message).toContain('VM 100 already running')
  })

  it('works with a user and password: ticket, CSRF token on writes', async () => {
    stack = await startStack({ ticketAuth: true })
    const list = await execute(stack.url, ServersPage, {})
    expect(list.data!.servers.totalCount).toBe(12)
    const started = await execute(stack.url, StartServer, { id: 'pve-lab:qemu/103', wait: true })
    expect(started.data!.startServer.status).toBe('SUCCEEDED')
  })

  it('renews an expired ticket by logging in again', async () => {
    stack = await startStack({ ticketAuth: true, simulator: { ticketLifetimeMs: 300 } })
    expect((await execute(stack.url, ServersPage, {})).data!.servers.totalCount).toBe(12)
    await new Promise((resolve) => setTimeout(resolve, 2_500))
    const again = await execute(stack.url, ServersPage, {})
    expect(again.errors).toBeUndefined()
  })

  it('talks plain HTTP to a simulator without TLS, and refuses an untrusted certificate', async () => {
    stack = await startStack({ simulator: { tls: false } })
    expect((await execute(stack.url, ServersPage, {})).data!.servers.totalCount).toBe(12)
    await stack.close()
    stack = await startStack({ provider: { caFile: undefined } })
    const untrusted = await execute(stack.url, ServersPage, {})
    expect(codeOf(untrusted)).toBe('PROVIDER_UNAVAILABLE')
    await stack.close()
    stack = await startStack({ provider: { caFile: undefined, insecureTls: true } })
    expect((await execute(stack.url, ServersPage, {})).data!.servers.totalCount).toBe(12)
  })
})
