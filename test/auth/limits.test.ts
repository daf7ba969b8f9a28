import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sendOver } from '../support/graphql-client.js'
import { startStack, type Stack } from '../support/start-stack.js'

let stack: Stack
let operator: string
let admin: string
beforeAll(async () => {
  stack = await startStack({ env: { HANGAR_MUTATION_RATE_LIMIT: '3', HANGAR_MAX_BODY_BYTES: '20000' } })
  operator = await stack.issueToken('operator', 'busy-bot')
  admin = await stack.issueToken('admin', 'auditor')
})
afterAll(() => stack?.close())

const ask = (query: string, token = operator) => sendOver('http', stack.url, token, query)

describe('GraphQL limits', () => {
  /** A refusal that says which limit, by how much, and what to change; never "Syntax Error". */
  function expectLimit(answer: Awaited<ReturnType<typeof ask>>, limit: string, max: number, message: RegExp) {
    expect(answer.status).toBe(400)
    const error = answer.errors!.find((candidate) => candidate.extensions?.limit === limit)!
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit, max })
    expect(error.message).toMatch(message)
    expect(answer.errors!.map((candidate) => candidate.message).join('\n')).not.toMatch(/Syntax Error/)
  }

  for (const refusal of [
    {
      title: 'refuses a query nested deeper than 10 levels, saying how deep it is',
      query: '{ servers { nodes { details { a { b { c { d { e { f { g { h } } } } } } } } } } }',
      limit: 'depth',
      max: 10,
      message: /^the query nests fields 11 levels deep, over the limit of 10; select fewer nested levels$/,
    },
    {
      title: 'refuses more than 15 aliases, saying how many there are',
      query: `{ ${Array.from({ length: 16 }, (_, index) => `a${index}: providers { name }`).join(' ')} }`,
      limit: 'aliases',
      max: 15,
      message: /^the query has 16 aliases, over the limit of 15; use fewer aliases, or split it into several queries$/,
    },
    {
      title: 'refuses more than 2000 tokens, and says to send values as variables',
      query: `{ providers { ${Array.from({ length: 2100 }, () => 'name').join(' ')} } }`,
      limit: 'tokens',
      max: 2000,
      message: new RegExp(
        /^the query has more than 2000 tokens .*, over the limit; /.source +
          /send a shorter query, and pass long values as variables$/.source,
      ),
    },
    {
      title: 'refuses more than 20 directives, saying how many there are',
      query: `{ providers ${Array.from({ length: 21 }, () => '@include(if: true)').join(' ')} { name } }`,
      limit: 'directives',
      max: 20,
      message:
        /^the query has 21 directives, over the limit of 20; use fewer directives, or split it into several queries$/,
    },
    {
      title: 'caps the advice at the largest page the API serves',
      query: '{ servers(first: 100000) { nodes { id name details } } }',
      limit: 'cost',
      max: 25000,
      message: new RegExp(
        /^servers: the query's cost is 1175000, over the limit of 25000; /.source +
          /ask for fewer items \(first ≤ 500\) or fewer fields$/.source,
      ),
    },
  ]) {
    it(refusal.title, async () => {
      expectLimit(await ask(refusal.query), refusal.limit, refusal.max, refusal.message)
    })
  }

  it('refuses a query that costs more than 25000, naming the costliest field', async () => {
    // Few tokens and aliases, but every page is paid for by its size, and every spread again.
    const spreads = Array.from({ length: 4 }, () => '...S').join(' ')
    const aliases = Array.from(
      { length: 10 },
      (_, index) => `s${index}: servers(first: 500) { nodes { ${spreads} } }`,
    ).join(' ')
    const query =
      `{ ${aliases} } fragment S on Server { id name kind status ` +
      `location cpu memoryMb diskGb ips provider nativeId }`
    const answer = await ask(query)
    // The other aliases alone are over the limit: no page size of s0 would do.
    expectLimit(
      answer,
      'cost',
      25000,
      new RegExp(
        /^s0: the query's cost is \d+, over the limit of 25000; /.source +
          /ask for fewer items or fewer fields, or split it into several queries$/.source,
      ),
    )
    expect(answer.errors![0]!.extensions!.found).toBeGreaterThan(25000)
  })

  it('says how far to bring first down, and that page size passes', async () => {
    const fields = 'id name kind status location cpu memoryMb diskGb ips provider nativeId details'
    const page = (first: number) =>
      `{ servers(first: ${first}) { totalCount nodes { ${fields} } edges { cursor node { ${fields} } } } }`
    const refused = await ask(page(1000))
    expectLimit(
      refused,
      'cost',
      25000,
      new RegExp(
        /^servers: the query's cost is 83750, over the limit of 25000; /.source +
          /ask for fewer items \(first ≤ 298\) or fewer fields$/.source,
      ),
    )
    expect((await ask(page(298))).errors).toBeUndefined()
    expectLimit(await ask(page(299)), 'cost', 25000, /first ≤ 298/)
  })

  it('charges a fragment what its fields cost written in its place', async () => {
    const fields = 'id name kind status location cpu memoryMb diskGb ips provider nativeId details'
    const inline = `{ servers(first: 1000) { nodes { ${fields} } } }`
    const spread = `{ servers(first: 1000) { nodes { ...F } } } fragment F on Server { ${fields} }`
    const onType = `{ servers(first: 1000) { nodes { ... on Server { ${fields} } } } }`
    const atRoot = `{ ...Q } fragment Q on Query { servers(first: 1000) { nodes { ${fields} } } }`
    const found = async (query: string) => (await ask(query)).errors?.[0]?.extensions?.found
    const cost = await found(inline)
    expect(cost).toBeGreaterThan(25000)
    expect(await found(spread)).toBe(cost)
    expect(await found(onType)).toBe(cost)
    expect(await found(atRoot)).toBe(cost)
  })

  it('refuses a body over HANGAR_MAX_BODY_BYTES with 413', async () => {
    const response = await fetch(`${stack.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${operator}` },
      body: JSON.stringify({ query: '{ providers { name } }', variables: { padding: 'x'.repeat(30_000) } }),
    })
    expect(response.status).toBe(413)
  })

  it('holds each token to its mutation rate, with RATE_LIMITED, a 429 and an audit entry', async () => {
    for (let index = 0; index < 3; index += 1) {
      const answer = await ask('mutation { stopServer(id: "pve-lab:qemu/4242") { id } }')
      expect(answer.errors?.[0]?.extensions?.code).toBe('NOT_FOUND')
    }
    const limited = await ask('mutation { stopServer(id: "pve-lab:qemu/4242") { id } }')
    expect(limited.status).toBe(429)
    expect(limited.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED')
    expect(limited.errors![0]!.message).toMatch(/too many mutations: this token may run 3 a minute; retry in \d+ s/)
    // Another token has its own allowance, and queries are not limited.
    expect(
      (await ask('mutation { stopServer(id: "pve-lab:qemu/4242") { id } }', admin)).errors?.[0]?.extensions?.code,
    ).toBe('NOT_FOUND')
    expect((await ask('{ providers { name } }')).data).toBeTruthy()
    const audit = await ask('{ auditLog(actor: "busy-bot", first: 1) { nodes { outcome detail } } }', admin)
    expect((audit.data!.auditLog as { nodes: unknown[] }).nodes[0]).toMatchObject({
      outcome: 'DENIED',
      detail: expect.stringMatching(/^RATE_LIMITED/),
    })
  })
})

describe('browsers', () => {
  it('keeps CORS closed unless origins are configured', async () => {
    const preflight = await fetch(`${stack.url}/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    })
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('refuses a simple cross-site request without the CSRF header', async () => {
    const response = await fetch(`${stack.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'query=mutation%7BstopServer(id%3A%22pve-lab%3Aqemu%2F100%22)%7Bid%7D%7D',
    })
    expect(response.status).toBe(403)
    expect(await response.text()).toContain('Required CSRF header(s) not present')
    expect(stack.simulator.state.guests.get(100)!.status).toBe('running')
  })
})

describe('configured CORS and production mode', () => {
  let production: Stack
  beforeAll(async () => {
    production = await startStack({ env: { NODE_ENV: 'production', HANGAR_CORS_ORIGINS: 'https://dash.example' } })
  })
  afterAll(() => production?.close())

  it('answers preflights from the configured origin only', async () => {
    const preflight = (origin: string) =>
      fetch(`${production.url}/graphql`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      })
    expect((await preflight('https://dash.example')).headers.get('access-control-allow-origin')).toBe(
      'https://dash.example',
    )
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).not.toBe(
      'https://evil.example',
    )
  })

  it("allows the listed origin on GraphQL only, not on the dashboard's pages or GitHub's deliveries", async () => {
    const headers = { origin: 'https://dash.example' }
    const allowed = async (path: string, init: RequestInit = {}) =>
      (await fetch(`${production.url}${path}`, { ...init, headers })).headers.get('access-control-allow-origin')
    expect(await allowed('/health')).toBe('https://dash.example')
    expect(await allowed('/')).toBeNull()
    expect(await allowed('/hooks/github/1', { method: 'POST', body: '{}' })).toBeNull()
  })

  it('hides the schema: no introspection, no field suggestions, no GraphiQL', async () => {
    const introspection = await sendOver('http', production.url, undefined, '{ __schema { types { name } } }')
    expect(introspection.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
    expect(introspection.data ?? null).toBeNull()
    const typo = await sendOver('http', production.url, undefined, '{ serverz { id } }')
    expect(typo.errors?.[0]?.message).not.toMatch(/Did you mean/)
    const page = await fetch(`${production.url}/graphql`, { headers: { accept: 'text/html' } })
    expect(await page.text()).not.toContain('GraphiQL')
  })
})
