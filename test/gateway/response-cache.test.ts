import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStack, type Stack } from '../support/start-stack.js'

let stack: Stack
beforeAll(async () => {
  // A long list time, so that only Hangar's own actions end a cached answer here.
  stack = await startStack({ simulator: { taskDurationMs: 100 }, env: { HANGAR_CACHE_TTL_MS: '600000' } })
}, 60_000)
afterAll(async () => {
  await stack?.close()
})

const PAGE = '{ servers(first: 50) { totalCount nodes { id name status } } }'

async function post(body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${stack.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  return { status: response.status, requestId: response.headers.get('x-request-id'), text: await response.text() }
}

/** The response cache's counts so far, from `/metrics`. */
async function outcomes(token?: string): Promise<Record<string, number>> {
  const text = await (
    await fetch(`${stack.url}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} })
  ).text()
  const counts: Record<string, number> = { hit: 0, joined: 0, miss: 0, pass: 0 }
  for (const match of text.matchAll(/^hangar_response_cache_total\{outcome="(\w+)"\} (\d+)/gm))
    counts[match[1]!] = Number(match[2])
  return counts
}

async function since(before: Record<string, number>, token?: string) {
  const after = await outcomes(token)
  return {
    hit: after.hit! - before.hit!,
    joined: after.joined! - before.joined!,
    miss: after.miss! - before.miss!,
    pass: after.pass! - before.pass!,
  }
}

const statusOf = (text: string, id: string) =>
  (JSON.parse(text) as { data: { servers: { nodes: { id: string; status: string }[] } } }).data.servers.nodes.find(
    (node) => node.id === id,
  )?.status

describe('the response cache of the servers page', () => {
  it('answers a repeated page from memory, the same bytes, each with its own request id', async () => {
    // The first read fills the directory (so its answer is not kept: the lists moved meanwhile); the next is kept.
    const before = await outcomes()
    await post({ query: PAGE })
    const first = await post({ query: PAGE })
    const second = await post({ query: PAGE })
    const third = await post({ query: PAGE })
    expect(await since(before)).toEqual({ hit: 2, joined: 0, miss: 2, pass: 0 })
    expect(second.status).toBe(200)
    expect(second.text).toBe(first.text)
    expect(third.text).toBe(first.text)
    expect(new Set([first.requestId, second.requestId, third.requestId]).size).toBe(3)
  })

  it('shows the effect of an action on the very next read', async () => {
    await post({ query: PAGE })
    expect(statusOf((await post({ query: PAGE })).text, 'pve-lab:qemu/100')).toBe('RUNNING')
    const stopped = await post({ query: 'mutation { stopServer(id: "pve-lab:qemu/100", wait: true) { status } }' })
    expect(JSON.parse(stopped.text)).toEqual({ data: { stopServer: { status: 'SUCCEEDED' } } })
    expect(statusOf((await post({ query: PAGE })).text, 'pve-lab:qemu/100')).toBe('STOPPED')
    await post({ query: 'mutation { startServer(id: "pve-lab:qemu/100", wait: true) { status } }' })
    expect(statusOf((await post({ query: PAGE })).text, 'pve-lab:qemu/100')).toBe('RUNNING')
  })

  it(
    'computes a page once for every request that asks for ' + 'it while it is being computed, after an action too',
    async () => {
      await post({ query: PAGE })
      await post({ query: 'mutation { stopServer(id: "pve-lab:qemu/101", wait: true) { status } }' })
      // The action forgot the lists: ten people open the page at once while Proxmox is slow to
      // answer, and one of them computes it.
      stack.simulator.faults.setLatency(300)
      const before = await outcomes()
      const pages = await Promise.all(Array.from({ length: 10 }, () => post({ query: PAGE }))).finally(() =>
        stack.simulator.faults.setLatency(0),
      )
      expect(await since(before)).toEqual({ hit: 0, joined: 9, miss: 1, pass: 0 })
      expect(new Set(pages.map((page) => page.text)).size).toBe(1)
      expect(new Set(pages.map((page) => page.requestId)).size).toBe(10)
      expect(statusOf(pages[0]!.text, 'pve-lab:qemu/101')).toBe('STOPPED')
      await post({ query: 'mutation { startServer(id: "pve-lab:qemu/101", wait: true) { status } }' })
      expect(statusOf((await post({ query: PAGE })).text, 'pve-lab:qemu/101')).toBe('RUNNING')
    },
  )

  it(
    'does not hand out a page being computed when a list is forgotten ' +
      'meanwhile: one waiting request computes it anew for the others',
    async () => {
      stack.gateway.hangar.directory.invalidate('pve-lab')
      stack.simulator.faults.setLatency(300)
      const before = await outcomes()
      const pages = Promise.all(Array.from({ length: 5 }, () => post({ query: PAGE }))).finally(() =>
        stack.simulator.faults.setLatency(0),
      )
      await new Promise((resolve) => setTimeout(resolve, 100))
      // As an action here, or one on another gateway through the bus, does once it has changed something.
      stack.gateway.hangar.directory.invalidate('pve-lab')
      expect((await pages).every((page) => page.status === 200)).toBe(true)
      expect(await since(before)).toEqual({ hit: 0, joined: 3, miss: 2, pass: 0 })
    },
  )

  it('lets through what it must not keep: other fields, mutations, bad bodies, answers with errors', async () => {
    const before = await outcomes()
    const withMe = await post({ query: '{ me { role } servers(first: 1) { totalCount } }' })
    expect(JSON.parse(withMe.text).data.me).toEqual({ role: 'admin' })
    const broken = await post('{"query": "{ servers(first: 50) { nodes { id } }"')
    expect(broken.status).toBe(400)
    const badField = await post({ query: '{ servers(first: 50) { nodes { nope } } }' })
    expect(JSON.parse(badField.text).errors[0].extensions.code).toBe('BAD_USER_INPUT')
    const badFirst = await post({ query: '{ servers(first: -1) { totalCount } }' })
    expect(JSON.parse(badFirst.text).errors[0].extensions.code).toBe('BAD_USER_INPUT')
    // Asked again, the refused ones are refused again: nothing of them was kept.
    expect((await post({ query: '{ servers(first: -1) { totalCount } }' })).text).toBe(badFirst.text)
    const counted = await since(before)
    expect(counted.hit).toBe(0)
    expect(counted.pass).toBeGreaterThanOrEqual(2)
  })

  it('keeps callers apart, and refuses a revoked token on its next request though its page was kept', async () => {
    const admin = await stack.issueToken('admin', 'cache-admin')
    const viewer = await stack.issueToken('viewer', 'cache-viewer')
    const asViewer = { authorization: `Bearer ${viewer}` }
    const asAdmin = { authorization: `Bearer ${admin}` }
    // No token: refused now that tokens exist, and never from the cache.
    const anonymous = await post({ query: PAGE })
    expect(JSON.parse(anonymous.text).errors[0].extensions.code).toBe('UNAUTHENTICATED')

    const before = await outcomes(admin)
    const viewerFirst = await post({ query: PAGE }, asViewer)
    const viewerAgain = await post({ query: PAGE }, asViewer)
    const adminFirst = await post({ query: PAGE }, asAdmin)
    expect(viewerAgain.text).toBe(viewerFirst.text)
    expect(adminFirst.text).toBe(viewerFirst.text)
    expect(await since(before, admin)).toMatchObject({ hit: 1, miss: 2 })

    const tokens = JSON.parse((await post({ query: '{ apiTokens { id name } }' }, asAdmin)).text).data.apiTokens as {
      id: string
      name: string
    }[]
    const viewerId = tokens.find((token) => token.name === 'cache-viewer')!.id
    const revoked = await post(
      { query: 'mutation ($id: ID!) { revokeApiToken(id: $id) { revokedAt } }', variables: { id: viewerId } },
      asAdmin,
    )
    expect(JSON.parse(revoked.text).data.revokeApiToken.revokedAt).toBeTruthy()
    const refused = await post({ query: PAGE }, asViewer)
    expect(JSON.parse(refused.text).errors[0].extensions.code).toBe('UNAUTHENTICATED')
    expect(refused.text).not.toContain('servers')
  })
})
