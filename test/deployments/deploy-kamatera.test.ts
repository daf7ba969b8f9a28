import { describe, expect, it } from 'vitest'
import { publicAddressOf } from '../../plugins/kamatera/simulator/index.js'
import { collectField, sendOver } from '../support/graphql-client.js'
import { NODE_HELLO_VM } from '../support/node-hello-deployment.js'
import { stackWithApps } from '../support/stack-with-apps.js'

type Status = {
  status: string
  step: string | null
  error: string | null
  host: { id: string | null; node: string | null; ip: string | null } | null
}

const lab = stackWithApps(['node-hello'], (gitEnv) => ({
  simulator: { seed: 'empty' },
  kamatera: { seed: 'empty', commandDurationMs: 200, guestExec: 'execute', guestEnv: gitEnv },
}))

const ask = (query: string, variables?: Record<string, unknown>) =>
  sendOver('http', lab.stack.url, undefined, query, variables)

/** Every status of a deployment until its subscription completes. */
const watchStatus = (id: string) =>
  collectField<Status>(
    lab.stack.url,
    'subscription ($id: ID!) { deploymentStatus(id: $id) { status step error host { id node ip } } }',
    { id },
    'deploymentStatus',
  )

describe('a Node.js app deployed to Kamatera', () => {
  let id: string

  it('gets a Kamatera server, runs the recipe over SSH as root, reaches RUNNING and answers HTTP', async () => {
    const answer = await ask(
      'mutation ($input: CreateDeploymentInput!) { createDeployment(input: $input) { id status provider } }',
      {
        input: { ...NODE_HELLO_VM, provider: 'kama', name: 'hello-kama' },
      },
    )
    expect(answer.errors).toBeUndefined()
    id = (answer.data!.createDeployment as { id: string }).id
    const statuses = await watchStatus(id)
    const last = statuses.at(-1)!
    expect(last).toMatchObject({ status: 'RUNNING', error: null })
    expect(statuses.map((status) => status.step)).toEqual(
      expect.arrayContaining(['provision', 'runtime', 'fetch', 'dependencies', 'build', 'service', 'health-check']),
    )
    const [server] = lab.stack.kamatera!.state.serversNamed('hello-kama')
    expect(server).toMatchObject({ power: 'on', datacenter: 'EU' })
    expect(last.host).toEqual({ id: server!.id, node: 'EU', ip: publicAddressOf(server!) })
    const page = await fetch(`http://${last.host!.ip}:3000/`).then((response) => response.text())
    expect(page).toMatch(/^hello from node-hello, built at /)
    const logs = (await ask('query ($id: ID!) { deployment(id: $id) { logs(limit: 10000) { line } } }', { id })).data!
      .deployment as { logs: Array<{ line: string }> }
    const text = logs.logs.map((line) => line.line).join('\n')
    expect(text).toContain('provisioning a VM on kama')
    expect(text).toContain(`guest ${server!.id} is up at ${publicAddressOf(server!)}`)
    expect(text).toMatch(/health check passed \(HTTP 200\)/)
  }, 60_000)

  it('deletes: terminates the server', async () => {
    const answer = await ask('mutation ($id: ID!) { deleteDeployment(id: $id) { status } }', { id })
    expect(answer.data!.deleteDeployment).toEqual({ status: 'DELETED' })
    expect(lab.stack.kamatera!.state.serversNamed('hello-kama')).toEqual([])
  }, 30_000)
})
