import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { guestAddress } from '../../src/provider-kit/guest/guest-address.js'
import { codeOf, execute } from '../support/graphql-client.js'
import { startStack, type Stack } from '../support/start-stack.js'
import type { ServersPageQuery, ServersPageQueryVariables } from '../gql/graphql.js'
import { Providers, Resources, ServerDetails, ServersPage, ServersPageEnds } from './documents.js'

let stack: Stack
beforeAll(async () => {
  // Addresses are read in the background; a short interval lets the list show them soon.
  stack = await startStack({ provider: { addressRefreshMs: 200 } })
})
afterAll(() => stack?.close())

describe('servers of a two-node Proxmox cluster', () => {
  it('lists every VM and container of both nodes, templates excluded', async () => {
    const answer = await execute(stack.url, ServersPage, { first: 100 })
    expect(answer.errors).toBeUndefined()
    const servers = answer.data!.servers
    expect(servers.totalCount).toBe(12)
    expect(new Set(servers.nodes.map((server) => server.location))).toEqual(new Set(['pve1', 'pve2']))
    expect(servers.nodes.filter((server) => server.kind === 'CONTAINER')).toHaveLength(5)
    expect(servers.nodes.map((server) => server.id)).not.toContain('pve-lab:qemu/9000')
    const web = servers.nodes.find((server) => server.name === 'web-01')!
    expect(web).toMatchObject({
      id: 'pve-lab:qemu/100',
      provider: 'pve-lab',
      nativeId: 'qemu/100',
      kind: 'VM',
      status: 'RUNNING',
      location: 'pve1',
      cpu: 2,
      memoryMb: 4096,
      diskGb: 32,
    })
    expect(servers.unavailableProviders).toEqual([])
  })

  it('pages through the list with cursors, without gaps or repeats', async () => {
    const seen: string[] = []
    let after: string | null | undefined = null
    let pages = 0
    for (;;) {
      const answer: Awaited<ReturnType<typeof execute<ServersPageQuery, ServersPageQueryVariables>>> = await execute(
        stack.url,
        ServersPage,
        { first: 5, after },
      )
      const page = answer.data!.servers
      seen.push(...page.nodes.map((server) => server.id))
      expect(page.edges.map((edge) => edge.node.id)).toEqual(page.nodes.map((server) => server.id))
      pages += 1
      if (!page.pageInfo.hasNextPage) break
      after = page.pageInfo.endCursor
    }
    expect(pages).toBe(3)
    expect(seen).toHaveLength(12)
    // The relay plugin's PageInfo: the cursors of the page's ends, and whether pages come before it.
    const middle = await execute(stack.url, ServersPageEnds, {
      first: 5,
      after: (await execute(stack.url, ServersPageEnds, { first: 5 })).data!.servers.pageInfo.endCursor,
    })
    expect(middle.data!.servers.pageInfo).toMatchObject({
      hasPreviousPage: true,
      hasNextPage: true,
      startCursor: middle.data!.servers.edges[0]!.cursor,
    })
    expect((await execute(stack.url, ServersPageEnds, { first: 5 })).data!.servers.pageInfo.hasPreviousPage).toBe(false)
    expect(new Set(seen).size).toBe(12)
    expect([...seen].sort()).toEqual(seen)
  })

  it('filters by status and by a search on name, id or node', async () => {
    const stopped = await execute(stack.url, ServersPage, { status: 'STOPPED', first: 100 })
    expect(stopped.data!.servers.nodes.length).toBeGreaterThan(0)
    expect(stopped.data!.servers.nodes.every((server) => server.status === 'STOPPED')).toBe(true)
    const db = await execute(stack.url, ServersPage, { search: 'DB-', first: 100 })
    expect(db.data!.servers.nodes.map((server) => server.name).sort()).toEqual(['db-01', 'db-02'])
    const onNode = await execute(stack.url, ServersPage, { search: 'pve2', first: 100 })
    expect(onNode.data!.servers.nodes.every((server) => server.location === 'pve2')).toBe(true)
  })

  it('refuses a cursor it did not give out and a page size out of range, naming the argument', async () => {
    const cursor = await execute(stack.url, ServersPage, { after: 'not a cursor!' })
    expect(codeOf(cursor)).toBe('BAD_USER_INPUT')
    expect(cursor.errors![0]!.message).toMatch(/^after:/)
    const size = await execute(stack.url, ServersPage, { first: 100_000 })
    expect(codeOf(size)).toBe('BAD_USER_INPUT')
    expect(size.errors![0]!.message).toMatch(/^first:/)
  })

  it('shows one server with everything Proxmox reports, and null for an unknown id', async () => {
    const answer = await execute(stack.url, ServerDetails, { id: 'pve-lab:lxc/200' })
    const server = answer.data!.server!
    expect(server).toMatchObject({ name: 'proxy-01', kind: 'CONTAINER', status: 'RUNNING', location: 'pve1' })
    const details = server.details as { config: Record<string, unknown>; vmid: number }
    expect(details.vmid).toBe(200)
    expect(details.config.hostname).toBe('proxy-01')
    expect((await execute(stack.url, ServerDetails, { id: 'pve-lab:qemu/4242' })).data!.server).toBeNull()
    expect((await execute(stack.url, ServerDetails, { id: 'nobody:qemu/100' })).data!.server).toBeNull()
    expect(codeOf(await execute(stack.url, ServerDetails, { id: 'no-colon' }))).toBe('BAD_USER_INPUT')
  })

  it(
    "shows a running VM's and a running container's address " +
      "within a refresh, none for a stopped guest, never lo's",
    async () => {
      const address = (vmid: number) => guestAddress(vmid, stack.simulator.guestSubnet)
      let nodes: ServersPageQuery['servers']['nodes'] = []
      for (let attempt = 0; attempt < 100; attempt += 1) {
        nodes = (await execute(stack.url, ServersPage, { first: 100 })).data!.servers.nodes
        const shown = (id: string) => nodes.find((server) => server.id === id)!.ips.length > 0
        if (shown('pve-lab:qemu/100') && shown('pve-lab:lxc/200')) break
        await sleep(100)
      }
      const byId = new Map(nodes.map((server) => [server.id, server]))
      expect(byId.get('pve-lab:qemu/100')!.ips).toEqual([address(100)])
      expect(byId.get('pve-lab:lxc/200')!.ips).toEqual([address(200)])
      expect(byId.get('pve-lab:qemu/103')).toMatchObject({ status: 'STOPPED', ips: [] })
      expect(byId.get('pve-lab:lxc/203')).toMatchObject({ status: 'STOPPED', ips: [] })
      const every = nodes.flatMap((server) => server.ips)
      expect(every).not.toContain('127.0.0.1')
      expect(every).not.toContain('::1')
      expect((await execute(stack.url, ServerDetails, { id: 'pve-lab:lxc/200' })).data!.server!.ips).toEqual([
        address(200),
      ])
    },
  )

  it('reports the provider as connected with its capabilities', async () => {
    const answer = await execute(stack.url, Providers)
    expect(answer.data!.providers).toEqual([
      {
        name: 'pve-lab',
        plugin: 'proxmox',
        connected: true,
        error: null,
        capabilities: ['power', 'destroy', 'create', 'clone', 'resize', 'deploy:vm', 'deploy:lxc', 'snapshot'],
      },
    ])
  })

  it('shows each node with its CPU, memory and guest counts', async () => {
    const answer = await execute(stack.url, Resources, {})
    const nodes = answer.data!.resources
    expect(nodes.map((node) => node.name)).toEqual(['pve1', 'pve2'])
    const pve1 = nodes[0]!
    expect(pve1).toMatchObject({
      provider: 'pve-lab',
      status: 'online',
      vms: { total: 4, running: 3 },
      containers: { total: 2, running: 2 },
    })
    expect(pve1.cpu.cores).toBeGreaterThan(0)
    expect(pve1.memory.total).toBeGreaterThan(pve1.memory.used!)
    expect(pve1.memory.free).toBeCloseTo(pve1.memory.total! - pve1.memory.used!, 1)
  })

  it('serves GraphiQL to a browser and answers GET /health', async () => {
    const page = await fetch(`${stack.url}/graphql`, { headers: { accept: 'text/html' } })
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('GraphiQL')
    const health = await fetch(`${stack.url}/health`)
    expect(health.status).toBe(200)
    expect(await health.json()).toMatchObject({ status: 'success' })
  })
})

describe('requests the gateway cannot run', () => {
  const post = async (body: unknown) => {
    const response = await fetch(`${stack.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    return (await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[] }
  }

  it.each([
    ['a syntax error', { query: '{ servers(first: ) { totalCount } }' }],
    ['an unknown field', { query: '{ serverz { id } }' }],
    ['a literal of the wrong type', { query: '{ servers(first: "ten") { totalCount } }' }],
    [
      'a variable of the wrong type',
      { query: 'query ($n: Int) { servers(first: $n) { totalCount } }', variables: { n: 'ten' } },
    ],
  ])('answers %s with BAD_USER_INPUT and the reason', async (_name, body) => {
    const answer = await post(body)
    expect(answer.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
    expect(answer.errors?.[0]?.message).not.toBe('Unexpected error.')
  })
})
