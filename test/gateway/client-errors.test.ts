import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sendOver } from '../support/graphql-client.js'
import { registerSecret } from '../support/secrets.js'
import { startStack, type Stack } from '../support/start-stack.js'

let stack: Stack
beforeAll(async () => {
  stack = await startStack()
})
afterAll(() => stack?.close())

const endpoint = () => `${stack.url}/graphql`
const ask = (query: string, variables?: Record<string, unknown>) =>
  sendOver('http', stack.url, undefined, query, variables)
const askOverSocket = (query: string) => sendOver('websocket', stack.url, undefined, query)
const PROVIDERS = '{ providers { name } }'
// A GET query needs the CSRF header, as before; these requests are about what comes after it.
const CSRF = { 'x-graphql-yoga-csrf': '1', accept: 'application/graphql-response+json' }
const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/graphql-response+json' }

interface Answer {
  status: number
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] }
}

async function get(params: Record<string, string>): Promise<Answer> {
  const response = await fetch(`${endpoint()}?${new URLSearchParams(params)}`, { headers: CSRF })
  return { status: response.status, body: await response.json() }
}

async function post(body: string, headers: Record<string, string> = JSON_HEADERS): Promise<Answer> {
  const response = await fetch(endpoint(), { method: 'POST', headers, body })
  return { status: response.status, body: await response.json() }
}

/** A 400 BAD_USER_INPUT whose message starts with the parameter it is about. */
function expectClientError(answer: Answer, field: string) {
  expect(answer.status).toBe(400)
  const error = answer.body.errors?.[0]
  expect(error?.extensions?.code).toBe('BAD_USER_INPUT')
  expect(error?.extensions?.field).toBe(field)
  expect(error?.message.startsWith(`${field}: `)).toBe(true)
}

/** Error-level lines (pino level 50) the gateway wrote since `from`: a client's mistake writes none. */
const errorLinesSince = (from: number) =>
  stack.logs.slice(from).filter((line) => line.includes('"level":50') || line.includes('"stack"'))

describe('malformed GraphQL-over-HTTP requests', () => {
  it.each(['variables', 'extensions'])(
    'answers a GET with malformed JSON in %s with 400 naming it, and logs no stack',
    async (field) => {
      const from = stack.logs.length
      const answer = await get({ query: PROVIDERS, [field]: '{"id": 1' })
      expectClientError(answer, field)
      expect(answer.body.errors![0]!.message).toMatch(/not valid JSON \(at character 9\)/)
      expect(errorLinesSince(from)).toEqual([])
    },
  )

  it.each([
    ['variables', '[1, 2]'],
    ['variables', '"x"'],
    ['extensions', '42'],
  ])('answers a GET whose %s is JSON but not an object (%s) with 400 naming it', async (field, value) => {
    expectClientError(await get({ query: PROVIDERS, [field]: value }), field)
  })

  it('answers a GET without a query with 400 naming query', async () => {
    expectClientError(await get({ variables: '{}' }), 'query')
  })

  it.each([
    ['{"query": ', 'body'],
    ['not json at all', 'body'],
    ['[{"query": "{ providers { name } }"}]', 'body'],
    ['42', 'body'],
    ['null', 'body'],
    [JSON.stringify({ query: PROVIDERS, variables: 'id=1' }), 'variables'],
    [JSON.stringify({ query: PROVIDERS, variables: [1] }), 'variables'],
    [JSON.stringify({ query: PROVIDERS, extensions: 'x' }), 'extensions'],
    [JSON.stringify({ query: 42 }), 'query'],
    [JSON.stringify({ variables: {} }), 'query'],
    [JSON.stringify({ query: PROVIDERS, operationName: 7 }), 'operationName'],
  ])('answers the POST body %s with 400 naming %s', async (body, field) => {
    const from = stack.logs.length
    expectClientError(await post(body), field)
    expect(errorLinesSince(from)).toEqual([])
  })

  it('answers a form body with malformed variables with 400 naming variables', async () => {
    const body = new URLSearchParams({ query: PROVIDERS, variables: '{oops' }).toString()
    expectClientError(await post(body, { 'content-type': 'application/x-www-form-urlencoded', ...CSRF }), 'variables')
  })

  it('answers a multipart body 415 (Hangar takes no uploads) rather than parsing it', async () => {
    const form = new FormData()
    form.set('operations', '{"query": ')
    form.set('map', '{}')
    const from = stack.logs.length
    const response = await fetch(endpoint(), { method: 'POST', headers: CSRF, body: form })
    expect(response.status).toBe(415)
    expect(errorLinesSince(from)).toEqual([])
  })

  it('never quotes the body in a JSON refusal (it may hold a password)', async () => {
    const password = 'Pa55word-never-echoed'
    registerSecret(password)
    const answer = await post(`{"query": "mutation { createServer }", "password": "${password}" oops}`)
    expectClientError(answer, 'body')
    expect(JSON.stringify(answer.body)).not.toContain(password)
  })

  it('still answers a well-formed GET query', async () => {
    const answer = await get({
      query: 'query ($provider: String) { servers(provider: $provider) { nodes { provider } } }',
      variables: '{"provider": "pve-lab"}',
    })
    expect(answer.status).toBe(200)
    const nodes = (answer.body.data as { servers: { nodes: { provider: string }[] } }).servers.nodes
    expect(nodes.length).toBeGreaterThan(0)
    expect(new Set(nodes.map((node) => node.provider))).toEqual(new Set(['pve-lab']))
  })
})

describe('refusals name the field', () => {
  const createDeployment = 'mutation ($input: CreateDeploymentInput!) { createDeployment(input: $input) { id } }'
  const valid = { type: 'VM', framework: 'nodejs', githubUrl: 'https://github.com/acme/node-hello.git' }

  it("keeps graphql-js' variable message with its path, and names the field in extensions", async () => {
    const answer = await ask(createDeployment, { input: { ...valid, cpu: 'two' } })
    expect(answer.errors?.[0]?.message).toBe(
      'Variable "$input" got invalid value "two" at "input.cpu"; Int cannot represent non-integer value: "two"',
    )
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.cpu' })
  })

  it.each([
    [
      { type: 'VM', githubUrl: valid.githubUrl },
      'input.framework',
      /Field "framework" of required type "String!" was not provided/,
    ],
    [{ ...valid, colour: 'blue' }, 'input.colour', /Field "colour" is not defined by type "CreateDeploymentInput"/],
    [{ ...valid, type: 'VMX' }, 'input.type', /Value "VMX" does not exist in "DeploymentType" enum/],
    [{ ...valid, memory: 2.5 }, 'input.memory', /Int cannot represent non-integer value: 2.5/],
  ])('refuses the variable input %o naming %s', async (input, field, message) => {
    const answer = await ask(createDeployment, { input })
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field })
    expect(answer.errors![0]!.message).toMatch(message)
  })

  it('names a variable that is missing or null', async () => {
    for (const variables of [{}, { id: null }]) {
      const answer = await ask('query ($id: ID!) { deployment(id: $id) { id } }', variables)
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' })
      expect(answer.errors![0]!.message).toMatch(/^Variable "\$id" of (required|non-null) type "ID!"/)
    }
  })

  it.each([
    ['cpu: "two"', 'input.cpu', 'input.cpu: Int cannot represent non-integer value: "two"'],
    ['type: VMX', 'input.type', 'input.type: Value "VMX" does not exist in "DeploymentType" enum.'],
    ['colour: "blue"', 'input.colour', 'input.colour: Field "colour" is not defined by type "CreateDeploymentInput".'],
  ])('names the argument of a refused literal (%s)', async (literal, field, message) => {
    const base = 'type: VM, framework: "nodejs", githubUrl: "https://github.com/acme/node-hello.git"'
    const fields = literal.startsWith('type') ? base.replace('type: VM', literal) : `${base}, ${literal}`
    const answer = await ask(`mutation { createDeployment(input: { ${fields} }) { id } }`)
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field })
    expect(answer.errors![0]!.message.startsWith(message)).toBe(true)
  })

  it('does not repeat a refused input object (it may hold a password) in the answer or the audit log', async () => {
    const password = 'Hunter2-never-in-an-answer'
    registerSecret(password)
    const from = stack.logs.length
    const answer = await ask('mutation ($input: CreateServerInput!) { createServer(input: $input) { id } }', {
      input: { provider: 'pve-lab', name: 'web-01', password, cpu: 1, memoryMb: 512, diskGb: 5 },
    })
    expect(answer.errors?.[0]?.message).toBe(
      'Variable "$input" got invalid value {…}; Field "image" of required type "String!" was not provided.',
    )
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.image' })
    const audit = await ask('{ auditLog(action: "createServer", first: 1) { nodes { outcome detail } } }')
    expect((audit.data!.auditLog as { nodes: unknown[] }).nodes[0]).toEqual({
      outcome: 'FAILED',
      detail: `BAD_USER_INPUT: ${answer.errors![0]!.message}`,
    })
    expect(JSON.stringify(audit)).not.toContain(password)
    expect(stack.logs.slice(from).join('\n')).not.toContain(password)
  })
})

describe('over WebSocket', () => {
  it('answers a syntax error or a token limit as an error on the socket, not by closing it (4500)', async () => {
    const unfinished = await askOverSocket('subscription { deploymentStatus(id: "1") { id ')
    expect(unfinished.closeCode).toBeUndefined()
    expect(unfinished.errors?.[0]).toMatchObject({
      message: 'Syntax Error: Expected Name, found <EOF>.',
      extensions: { code: 'BAD_USER_INPUT' },
    })
    const long = await askOverSocket(
      `subscription { deploymentStatus(id: "1") { ${Array.from({ length: 2100 }, () => 'id').join(' ')} } }`,
    )
    expect(long.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'tokens', max: 2000 })
  })
})
