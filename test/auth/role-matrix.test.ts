import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROLES, type Role } from '../../src/auth/roles.js'
import { sendOver, wsClient, type Transport } from '../support/graphql-client.js'
import { registerSecret } from '../support/secrets.js'
import { startStack, type Stack } from '../support/start-stack.js'

let stack: Stack
const tokens = {} as Record<Role, string>
let operationId: string

beforeAll(async () => {
  stack = await startStack({ env: { HANGAR_MUTATION_RATE_LIMIT: '0' } })
  for (const role of ROLES) tokens[role] = await stack.issueToken(role, `${role}-bot`)
  const started = await sendOver(
    'http',
    stack.url,
    tokens.operator,
    'mutation { startServer(id: "pve-lab:qemu/103", wait: true) { id } }',
  )
  operationId = (started.data!.startServer as { id: string }).id
})
afterAll(() => stack?.close())

/**
 * Each entry: what it does, the least role allowed, and the request. The requests are harmless
 * when allowed (unknown ids), so an allowed call answers NOT_FOUND or data, never FORBIDDEN.
 */
const MATRIX: { name: string; least: Role; query: string; variables?: () => Record<string, unknown> }[] = [
  { name: 'query servers', least: 'viewer', query: '{ servers { totalCount } }' },
  { name: 'query server', least: 'viewer', query: '{ server(id: "pve-lab:qemu/100") { id } }' },
  { name: 'query providers', least: 'viewer', query: '{ providers { name } }' },
  { name: 'query resources', least: 'viewer', query: '{ resources { name } }' },
  { name: 'query me', least: 'viewer', query: '{ me { name role } }' },
  {
    name: "query a server's operations",
    least: 'viewer',
    query: '{ server(id: "pve-lab:qemu/103") { operations { id } } }',
  },
  {
    name: 'query operation',
    least: 'viewer',
    query: 'query ($id: ID!) { operation(id: $id) { id } }',
    variables: () => ({ id: operationId }),
  },
  {
    name: 'subscription operation',
    least: 'viewer',
    query: 'subscription ($id: ID!) { operation(id: $id) { id status } }',
    variables: () => ({ id: operationId }),
  },
  {
    name: 'mutation startServer',
    least: 'operator',
    query: 'mutation { startServer(id: "pve-lab:qemu/4242") { id } }',
  },
  { name: 'mutation stopServer', least: 'operator', query: 'mutation { stopServer(id: "pve-lab:qemu/4242") { id } }' },
  {
    name: 'mutation rebootServer',
    least: 'operator',
    query: 'mutation { rebootServer(id: "pve-lab:qemu/4242") { id } }',
  },
  {
    name: 'mutation destroyServer',
    least: 'admin',
    query: 'mutation { destroyServer(id: "pve-lab:qemu/4242", confirm: "x") { id } }',
  },
  {
    name: 'mutation createSnapshot',
    least: 'operator',
    query: 'mutation { createSnapshot(id: "pve-lab:qemu/4242", name: "matrix") { id } }',
  },
  {
    name: 'mutation rollbackSnapshot',
    least: 'admin',
    query: 'mutation { rollbackSnapshot(id: "pve-lab:qemu/4242", name: "matrix", confirm: "matrix") { id } }',
  },
  {
    name: 'mutation deleteSnapshot',
    least: 'admin',
    query: 'mutation { deleteSnapshot(id: "pve-lab:qemu/4242", name: "matrix") { id } }',
  },
  { name: 'query apiTokens', least: 'admin', query: '{ apiTokens { id } }' },
  { name: 'query auditLog', least: 'admin', query: '{ auditLog(first: 1) { totalCount } }' },
  {
    name: 'mutation createApiToken',
    least: 'admin',
    query: 'mutation { createApiToken(name: "matrix", role: "viewer") { apiToken { id } } }',
  },
  {
    name: 'mutation revokeApiToken',
    least: 'admin',
    query: 'mutation { revokeApiToken(id: "tok_000000000000") { id } }',
  },
]

describe('me', () => {
  it.each(ROLES)('tells a %s token its own name and role', async (role) => {
    const answer = await sendOver('http', stack.url, tokens[role], '{ me { name role } }')
    expect(answer.data).toEqual({ me: { name: `${role}-bot`, role } })
  })
})

const TRANSPORTS: Transport[] = ['http', 'sse', 'websocket']
const rank = (role: Role) => ROLES.indexOf(role)

describe.each(TRANSPORTS)('the role matrix over %s', (transport) => {
  // Plain HTTP answers once; subscriptions go over SSE and WebSocket.
  for (const entry of MATRIX.filter(
    (candidate) => transport !== 'http' || !candidate.name.startsWith('subscription'),
  )) {
    for (const role of ROLES) {
      const allowed = rank(role) >= rank(entry.least)
      it(`${entry.name} as ${role}: ${allowed ? 'allowed' : 'FORBIDDEN'}`, async () => {
        const answer = await sendOver(transport, stack.url, tokens[role], entry.query, entry.variables?.())
        const code = answer.errors?.[0]?.extensions?.code
        if (allowed) {
          expect(code === undefined || code === 'NOT_FOUND').toBe(true)
          if (code === undefined) expect(answer.data).toBeTruthy()
        } else {
          expect(code).toBe('FORBIDDEN')
          expect(answer.errors![0]!.message).toContain(`the ${role} role may not do this`)
        }
      })
    }
  }

  it('refuses a request without a token, before anything runs', async () => {
    const answer = await sendOver(
      transport,
      stack.url,
      undefined,
      'mutation { stopServer(id: "pve-lab:qemu/100") { id } }',
    )
    if (transport === 'websocket') expect(answer.closeCode).toBe(4403)
    else {
      expect(answer.status).toBe(401)
      expect(answer.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED')
    }
    expect(stack.simulator.state.guests.get(100)!.status).toBe('running')
  })

  it('refuses a token that was never issued', async () => {
    const answer = await sendOver(transport, stack.url, 'hgr_not-a-real-token', '{ servers { totalCount } }')
    if (transport === 'websocket') expect(answer.closeCode).toBe(4403)
    else expect(answer.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED')
  })
})

describe('token lifetime', () => {
  it('refuses an expired token', async () => {
    const token = await stack.issueToken('viewer', 'short-lived', new Date(Date.now() + 400))
    expect((await sendOver('http', stack.url, token, '{ providers { name } }')).data).toBeTruthy()
    await new Promise((resolve) => setTimeout(resolve, 500))
    const answer = await sendOver('http', stack.url, token, '{ providers { name } }')
    expect(answer.status).toBe(401)
    expect(answer.errors?.[0]?.message).toBe('the token is unknown, expired or revoked')
  })

  it('refuses a revoked token at once, over every transport', async () => {
    const created = await sendOver(
      'http',
      stack.url,
      tokens.admin,
      'mutation { createApiToken(name: "to-revoke", role: "operator") { token apiToken { id } } }',
    )
    const { token, apiToken } = created.data!.createApiToken as { token: string; apiToken: { id: string } }
    registerSecret(token)
    expect((await sendOver('websocket', stack.url, token, '{ providers { name } }')).data).toBeTruthy()
    const revoked = await sendOver(
      'http',
      stack.url,
      tokens.admin,
      'mutation ($id: ID!) { revokeApiToken(id: $id) { revokedAt } }',
      { id: apiToken.id },
    )
    expect((revoked.data!.revokeApiToken as { revokedAt: string }).revokedAt).toBeTruthy()
    expect((await sendOver('http', stack.url, token, '{ providers { name } }')).status).toBe(401)
    expect((await sendOver('sse', stack.url, token, '{ providers { name } }')).status).toBe(401)
    expect((await sendOver('websocket', stack.url, token, '{ providers { name } }')).closeCode).toBe(4403)
  })

  it('refuses new operations on a WebSocket opened before its token was revoked', async () => {
    const created = await sendOver(
      'http',
      stack.url,
      tokens.admin,
      'mutation { createApiToken(name: "long-socket", role: "viewer") { token apiToken { id } } }',
    )
    const { token, apiToken } = created.data!.createApiToken as { token: string; apiToken: { id: string } }
    registerSecret(token)
    const client = wsClient(stack.url, token, { keepOpen: true })
    try {
      const first = await client.iterate({ query: '{ providers { name } }' }).next()
      expect(first.value?.data).toBeTruthy()
      await sendOver('http', stack.url, tokens.admin, 'mutation ($id: ID!) { revokeApiToken(id: $id) { id } }', {
        id: apiToken.id,
      })
      const second = await client.iterate({ query: '{ providers { name } }' }).next()
      expect(second.value?.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED')
    } finally {
      await client.dispose()
    }
  })

  it('lists tokens without the tokens themselves', async () => {
    const answer = await sendOver('http', stack.url, tokens.admin, '{ apiTokens { id name role revokedAt } }')
    const listed = answer.data!.apiTokens as { name: string }[]
    expect(listed.map((token) => token.name)).toEqual(
      expect.arrayContaining(['viewer-bot', 'operator-bot', 'admin-bot']),
    )
    for (const token of Object.values(tokens)) expect(JSON.stringify(answer)).not.toContain(token)
  })
})

describe('the audit log', () => {
  it('records allowed, denied and failed mutations with who, what and the operation started', async () => {
    await sendOver('http', stack.url, tokens.viewer, 'mutation { stopServer(id: "pve-lab:qemu/101") { id } }')
    await sendOver(
      'http',
      stack.url,
      undefined,
      'mutation { destroyServer(id: "pve-lab:qemu/101", confirm: "web-02") { id } }',
    )
    const stopped = await sendOver(
      'http',
      stack.url,
      tokens.operator,
      'mutation { stopServer(id: "pve-lab:qemu/101", wait: true) { id } }',
    )
    const stoppedId = (stopped.data!.stopServer as { id: string }).id
    await sendOver('http', stack.url, tokens.operator, 'mutation { startServer(id: "pve-lab:qemu/102") { id } }')

    const answer = await sendOver(
      'http',
      stack.url,
      tokens.admin,
      '{ auditLog(first: 200) { totalCount nodes { actor role action target outcome operationId source detail } } }',
    )
    const entries = (answer.data!.auditLog as { nodes: Record<string, string | null>[] }).nodes
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          actor: 'viewer-bot',
          role: 'viewer',
          action: 'stopServer',
          target: 'pve-lab:qemu/101',
          outcome: 'DENIED',
          source: 'graphql',
        }),
        expect.objectContaining({
          actor: 'anonymous',
          role: null,
          action: 'destroyServer',
          target: 'pve-lab:qemu/101',
          outcome: 'DENIED',
        }),
        expect.objectContaining({
          actor: 'operator-bot',
          role: 'operator',
          action: 'stopServer',
          target: 'pve-lab:qemu/101',
          outcome: 'ALLOWED',
          operationId: stoppedId,
        }),
        expect.objectContaining({
          actor: 'operator-bot',
          action: 'startServer',
          target: 'pve-lab:qemu/102',
          outcome: 'FAILED',
          detail: expect.stringContaining('CONFLICT: pve-lab: VM 102 already running'),
        }),
      ]),
    )
  })

  it('pages newest first and filters by actor and action', async () => {
    const page = async (after?: string) =>
      (
        await sendOver(
          'http',
          stack.url,
          tokens.admin,
          'query ($after: String) { auditLog(first: 3, after: $after, actor: "operator-bot") ' +
            '{ totalCount pageInfo { hasNextPage endCursor } nodes { id actor } } }',
          { after },
        )
      ).data!.auditLog as {
        totalCount: number
        pageInfo: { hasNextPage: boolean; endCursor: string }
        nodes: { id: string; actor: string }[]
      }
    const first = await page()
    expect(first.nodes.every((entry) => entry.actor === 'operator-bot')).toBe(true)
    expect(first.pageInfo.hasNextPage).toBe(first.totalCount > 3)
    const second = await page(first.pageInfo.endCursor)
    const ids = [...first.nodes, ...second.nodes].map((entry) => entry.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect([...ids].sort().reverse()).toEqual(ids)
    const byAction = await sendOver(
      'http',
      stack.url,
      tokens.admin,
      '{ auditLog(action: "destroyServer") { nodes { action } } }',
    )
    expect(
      (byAction.data!.auditLog as { nodes: { action: string }[] }).nodes.every(
        (entry) => entry.action === 'destroyServer',
      ),
    ).toBe(true)
  })
})
