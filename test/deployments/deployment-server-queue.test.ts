import { describe, expect, it } from 'vitest'
import { sendOver } from '../support/graphql-client.js'
import { nodeHelloInput } from '../support/kill-tests.js'
import { NODE_HELLO } from '../support/node-hello-deployment.js'
import { stackWithApps } from '../support/stack-with-apps.js'

/**
 * A deployment's work on its guest (a restart's reboot, a delete's destroy) is a job on that
 * server like any operation: it takes its turn in the per-server queue, so an operation asked on
 * the guest meanwhile waits for it, and it waits for an operation asked before it.
 */
const lab = stackWithApps(['node-hello'], (gitEnv) => ({
  simulator: { guestExec: 'execute', guestEnv: gitEnv, agentWarmupPolls: 1, taskDurationMs: 300 },
}))

const ask = async (query: string, variables?: Record<string, unknown>) => {
  const answer = await sendOver('http', lab.stack.url, undefined, query, variables)
  if (answer.errors) throw new Error(JSON.stringify(answer.errors))
  return answer.data!
}
const deployment = async (id: string) =>
  (await ask('query ($id: ID!) { deployment(id: $id) { status step host { id } logs(limit: 1000) { line } } }', { id }))
    .deployment as { status: string; step: string | null; host: { id: string } | null; logs: { line: string }[] }
const operation = async (id: string) =>
  (await ask('query ($id: ID!) { operation(id: $id) { status startedAt finishedAt } }', { id })).operation as {
    status: string
    startedAt: string
    finishedAt: string | null
  }

describe('a deployment and the operations on its guest', () => {
  let id: string
  let guest: string

  it('deploys an app whose guest then shows in the server list like any other', async () => {
    const created = await ask('mutation ($input: CreateDeploymentInput!) { createDeployment(input: $input) { id } }', {
      input: { ...NODE_HELLO, ...nodeHelloInput('queued-guest', 'LXC') },
    })
    id = (created.createDeployment as { id: string }).id
    await expect.poll(async () => (await deployment(id)).status, { timeout: 60_000, interval: 200 }).toBe('RUNNING')
    const listed = (await ask('{ servers(first: 200) { nodes { id name } } }')).servers as {
      nodes: { id: string; name: string }[]
    }
    guest = listed.nodes.find((server) => server.name === 'queued-guest')!.id
    expect(guest).toMatch(/:lxc\/\d+$/)
  }, 90_000)

  it('makes an operation asked on the guest during a restart wait until the restart is done', async () => {
    await ask('mutation ($id: ID!) { restartDeployment(id: $id) { status } }', { id })
    const stop = (await ask('mutation ($id: ID!) { stopServer(id: $id) { id status } }', { id: guest })).stopServer as {
      id: string
      status: string
    }
    expect(stop.status).toBe('PENDING')
    await expect
      .poll(async () => (await operation(stop.id)).status, { timeout: 60_000, interval: 200 })
      .toBe('SUCCEEDED')
    const restarted = await deployment(id)
    // The restart ran to its end first: the app was checked on a running guest.
    expect(restarted.status).toBe('RUNNING')
    expect(restarted.logs.map((line) => line.line)).toContain('health check passed (HTTP 200)')
  }, 90_000)

  it('makes a delete wait for an operation asked on the guest before it', async () => {
    const start = (await ask('mutation ($id: ID!) { startServer(id: $id) { id status } }', { id: guest }))
      .startServer as { id: string; status: string }
    expect(start.status).toBe('RUNNING')
    const deleted = (await ask('mutation ($id: ID!) { deleteDeployment(id: $id) { status } }', { id }))
      .deleteDeployment as { status: string }
    expect(deleted.status).toBe('DELETED')
    expect((await operation(start.id)).status).toBe('SUCCEEDED')
    // Its destroy came after the start (a destroy during the start would meet the guest's lock).
    const lines = (await deployment(id)).logs.map((line) => line.line)
    expect(lines).toContain(`destroying guest ${guest.split(':')[1]}`)
    expect(lines.filter((line) => /could not remove/.test(line))).toEqual([])
    const listed = (await ask('{ servers(first: 200) { nodes { id } } }')).servers as { nodes: { id: string }[] }
    expect(listed.nodes.map((server) => server.id)).not.toContain(guest)
  }, 90_000)
})
