import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sendOver, type RawAnswer, type Transport } from '../support/graphql-client.js'
import { storeFailedDeployment } from '../support/node-hello-deployment.js'
import { startStack, type Stack } from '../support/start-stack.js'

let stack: Stack
let admin: string
let viewer: string
beforeAll(async () => {
  // Many refused mutations in a row: no rate limit in the way.
  stack = await startStack({ env: { HANGAR_MUTATION_RATE_LIMIT: '0' } })
  admin = await stack.issueToken('admin', 'exact-admin')
  viewer = await stack.issueToken('viewer', 'exact-viewer')
  // Two deployments that ended before this test file runs anything: any action the API took on
  // one of them by misreading an id would show in its status.
  for (const name of ['first-app', 'second-app']) await storeFailedDeployment(stack, name, 'left as it was')
})
afterAll(() => stack?.close())

const ask = (query: string, variables?: Record<string, unknown>, transport: Transport = 'http', token = admin) =>
  sendOver(transport, stack.url, token, query, variables)

function expectRefused(answer: RawAnswer, field = 'id') {
  expect(answer.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
  expect(answer.errors![0]!.extensions!.field).toBe(field)
  expect(answer.errors![0]!.message.startsWith(`${field}: `)).toBe(true)
}

const deploymentOne = async () =>
  (await ask('{ deployment(id: "1") { id status error } }')).data!.deployment as {
    id: string
    status: string
    error: string | null
  }

/** Every way of writing 1 (or nothing) that Number() or parseInt() would read as a deployment id. */
const NOT_CANONICAL = [
  '1e0',
  '0x1',
  ' 1',
  '1 ',
  '+1',
  '1.0',
  '01',
  '001',
  '\t1',
  '1\n',
  '0b1',
  '1_0',
  '１',
  '-1',
  '0',
  '',
  '2147483648',
  '9007199254740993',
]

describe('deployment ids are read exactly', () => {
  it('answers deployment 1 for "1", as a control', async () => {
    expect(await deploymentOne()).toEqual({ id: '1', status: 'FAILED', error: 'left as it was' })
  })

  it.each(NOT_CANONICAL)(
    'refuses %j in deleteDeployment, restartDeployment and cancelDeployment, and changes nothing',
    async (id) => {
      for (const mutation of ['deleteDeployment', 'restartDeployment', 'cancelDeployment']) {
        expectRefused(await ask(`mutation ($id: ID!) { ${mutation}(id: $id) { id status } }`, { id }))
      }
      expect(await deploymentOne()).toEqual({ id: '1', status: 'FAILED', error: 'left as it was' })
    },
  )

  it.each(NOT_CANONICAL)('refuses %j in the deployment query (not null, not deployment 1)', async (id) => {
    const answer = await ask('query ($id: ID!) { deployment(id: $id) { id } }', { id })
    expectRefused(answer)
    expect(answer.data?.deployment ?? null).toBeNull()
  })

  it.each(NOT_CANONICAL)('refuses %j in deploymentStatus and deploymentLogs, over SSE and WebSocket', async (id) => {
    for (const transport of ['sse', 'websocket'] as const) {
      const status = await ask('subscription ($id: ID!) { deploymentStatus(id: $id) { id status } }', { id }, transport)
      expectRefused(status)
      expect(status.data?.deploymentStatus ?? null).toBeNull()
      expectRefused(await ask('subscription ($id: ID!) { deploymentLogs(id: $id) { seq line } }', { id }, transport))
    }
  })

  it('refuses an id written as a literal the same way', async () => {
    expectRefused(await ask('mutation { deleteDeployment(id: "1e0") { id } }'))
    expect((await deploymentOne()).status).toBe('FAILED')
  })

  it('refuses a deployments cursor that spells the same deployment another way', async () => {
    const page = (await ask('{ deployments(first: 1) { pageInfo { endCursor } nodes { id } } }')).data!.deployments as {
      pageInfo: { endCursor: string }
      nodes: { id: string }[]
    }
    expect(page.nodes.map((node) => node.id)).toEqual(['2'])
    const next = (
      await ask('query ($after: String) { deployments(first: 1, after: $after) { nodes { id } } }', {
        after: page.pageInfo.endCursor,
      })
    ).data!.deployments
    expect(next).toEqual({ nodes: [{ id: '1' }] })
    for (const after of [
      Buffer.from('deployment:02').toString('base64url'),
      Buffer.from('deployment:2e0').toString('base64url'),
      `${page.pageInfo.endCursor}=`,
      `${page.pageInfo.endCursor}!`,
    ]) {
      expectRefused(
        await ask('query ($after: String) { deployments(first: 1, after: $after) { nodes { id } } }', { after }),
        'after',
      )
    }
  })
})

describe('operation, server and token ids are read exactly', () => {
  it('refuses an operation id with spaces, capitals or braces, and answers the exact one', async () => {
    const stopped = await ask('mutation { stopServer(id: "pve-lab:qemu/100", wait: true) { id status } }')
    const id = (stopped.data!.stopServer as { id: string }).id
    expect((await ask('query ($id: ID!) { operation(id: $id) { id status } }', { id })).data!.operation).toEqual({
      id,
      status: 'SUCCEEDED',
    })
    for (const variant of [` ${id}`, `${id}\n`, id.toUpperCase(), `{${id}}`, id.replaceAll('-', ''), '']) {
      expectRefused(await ask('query ($id: ID!) { operation(id: $id) { id } }', { id: variant }))
      expectRefused(await ask('subscription ($id: ID!) { operation(id: $id) { id } }', { id: variant }, 'sse'))
    }
  })

  it('refuses a server id with odd white space in every action, and the server keeps running', async () => {
    for (const id of [
      ' pve-lab:qemu/101',
      'pve-lab:qemu/101 ',
      'pve-lab:qemu/101\n',
      'pve-lab:\tqemu/101',
      'pve-lab:qemu/101\u200b',
      'pve-lab:qemu/101\u00a0',
    ]) {
      expectRefused(await ask('mutation ($id: ID!) { stopServer(id: $id, wait: true) { id } }', { id }))
      expectRefused(
        await ask(
          'mutation ($id: ID!, $confirm: String!) { destroyServer(id: $id, confirm: $confirm, wait: true) { id } }',
          { id, confirm: id },
        ),
      )
      expectRefused(await ask('query ($id: ID!) { server(id: $id) { id } }', { id }))
    }
    expect(stack.simulator.state.guests.get(101)!.status).toBe('running')
  })

  it('refuses a token id that is not written exactly, and the token keeps working', async () => {
    const tokens = (await ask('{ apiTokens { id name } }')).data!.apiTokens as { id: string; name: string }[]
    const id = tokens.find((token) => token.name === 'exact-viewer')!.id
    for (const variant of [` ${id}`, `${id} `, id.toUpperCase(), id.replace('tok_', '')]) {
      expectRefused(await ask('mutation ($id: ID!) { revokeApiToken(id: $id) { id } }', { id: variant }))
    }
    expect((await ask('{ providers { name } }', {}, 'http', viewer)).errors).toBeUndefined()
  })
})
