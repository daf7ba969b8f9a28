import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sendOver, type RawAnswer, type Transport } from '../support/graphql-client.js'
import { assertNoSecretInAnswer } from '../support/secrets.js'
import { startStack, type Stack } from '../support/start-stack.js'

/**
 * A whole session, from good requests to refused and failing ones, against a gateway that logs at
 * debug level; then every answer and every log line is searched for every secret it was given.
 */
describe('secrets never leave the gateway', () => {
  const answers: RawAnswer[] = []
  const stacks: Stack[] = []
  const secrets: string[] = []

  beforeAll(async () => {
    const ticket = await startStack({ ticketAuth: true })
    const wrongToken = await startStack({ provider: { tokenSecret: 'pve-wrong-secret-6f1e' } })
    stacks.push(ticket, wrongToken)
    secrets.push(
      ticket.simulator.password,
      ticket.simulator.tokenSecret,
      wrongToken.simulator.tokenSecret,
      'pve-wrong-secret-6f1e',
    )

    const admin = await ticket.issueToken('admin', 'admin')
    const viewer = await ticket.issueToken('viewer', 'viewer')
    secrets.push(admin, viewer)
    const send = async (
      transport: Transport,
      stack: Stack,
      token: string | undefined,
      query: string,
      variables?: Record<string, unknown>,
    ) => {
      const answer = await sendOver(transport, stack.url, token, query, variables)
      answers.push(answer)
      return answer
    }

    await send(
      'http',
      ticket,
      admin,
      '{ servers(first: 100) { nodes { id name ips details } } providers { name connected error } resources { name } }',
    )
    for (const id of ['pve-lab:qemu/100', 'pve-lab:lxc/200', 'pve-lab:qemu/106'])
      await send('http', ticket, admin, `{ server(id: "${id}") { details } }`)
    const stopped = await send(
      'http',
      ticket,
      admin,
      'mutation { stopServer(id: "pve-lab:qemu/101", wait: true) { id logs } }',
    )
    await send('sse', ticket, admin, 'subscription ($id: ID!) { operation(id: $id) { logs } }', {
      id: (stopped.data!.stopServer as { id: string }).id,
    })
    await send('http', ticket, viewer, 'mutation { destroyServer(id: "pve-lab:qemu/101", confirm: "web-02") { id } }')
    await send('http', ticket, undefined, '{ servers { totalCount } }')
    await send('http', ticket, 'hgr_guessed', '{ servers { totalCount } }')
    await send('websocket', ticket, `${admin}x`, '{ servers { totalCount } }')
    const created = await send(
      'http',
      ticket,
      admin,
      'mutation { createApiToken(name: "ci", role: "operator") { token } }',
    )
    secrets.push((created.data!.createApiToken as { token: string }).token)
    await send(
      'http',
      ticket,
      admin,
      '{ apiTokens { id name role } auditLog(first: 100) { nodes { actor action target detail } } }',
    )
    await send('http', wrongToken, undefined, '{ servers { totalCount } providers { error } }')
    await send('http', wrongToken, undefined, 'mutation { startServer(id: "pve-lab:qemu/103") { id } }')
  })
  afterAll(async () => {
    for (const stack of stacks) await stack.close()
  })

  it('ran the session, with answers and logs to search', () => {
    expect(answers.length).toBeGreaterThan(10)
    expect(stacks.every((stack) => stack.logs.length > 0)).toBe(true)
    expect(answers.some((answer) => answer.errors?.length)).toBe(true)
  })

  it('shows a created API token exactly once: in the answer to createApiToken', () => {
    const token = secrets.at(-1)!
    expect(answers.filter((answer) => JSON.stringify(answer).includes(token))).toHaveLength(1)
  })

  it('puts no secret in any other answer', () => {
    const createdToken = secrets.at(-1)!
    for (const answer of answers) {
      const text = JSON.stringify(answer)
      for (const secret of secrets)
        if (!(secret === createdToken && text.includes('createApiToken'))) expect(text).not.toContain(secret)
    }
  })

  it('puts no secret in any log line', () => {
    const lines = stacks.flatMap((stack) => stack.logs)
    for (const secret of secrets) expect(lines.filter((line) => line.includes(secret))).toEqual([])
  })
})

describe('the suite-wide search for secrets', () => {
  it('catches a secret in a log line or an answer, so every test that starts a stack is covered', async () => {
    const stack = await startStack()
    stack.logs.push(`{"msg":"oops ${stack.simulator.tokenSecret}"}`)
    await expect(stack.close()).rejects.toThrow(/a secret \(.{4}…\) appeared in the gateway log/)
    expect(() => assertNoSecretInAnswer({ data: { echo: stack.simulator.tokenSecret } }, 'a test answer')).toThrow(
      /appeared in a test answer/,
    )
  })
})
