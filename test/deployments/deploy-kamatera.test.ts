import { rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { publicAddressOf } from '../../plugins/kamatera/simulator/index.js'
import { fixtureRepository } from '../support/fixture-repo.js'
import { sendOver, wsClient } from '../support/graphql-client.js'
import { startStack, type Stack } from '../support/start-stack.js'

type Status = {
  status: string
  step: string | null
  error: string | null
  host: { id: string | null; node: string | null; ip: string | null } | null
}

const repos = fixtureRepository(['node-hello'])
let stack: Stack
beforeAll(async () => {
  stack = await startStack({
    simulator: { seed: 'empty' },
    kamatera: { seed: 'empty', commandDurationMs: 200, guestExec: 'execute', guestEnv: repos.env },
  })
}, 60_000)
afterAll(async () => {
  await stack?.close()
  rmSync(repos.root, { recursive: true, force: true })
})

const ask = (query: string, variables?: Record<string, unknown>) =>
  sendOver('http', stack.url, undefined, query, variables)

/** Every status of a deployment until its subscription completes. */
async function watchStatus(id: string): Promise<Status[]> {
  const client = wsClient(stack.url)
  const events: Status[] = []
  try {
    const query = 'subscription ($id: ID!) { deploymentStatus(id: $id) { status step error host { id node ip } } }'
    for await (const event of client.iterate({ query, variables: { id } })) {
      if (event.errors) throw new Error(JSON.stringify(event.errors))
      events.push((event.data as { deploymentStatus: Status }).deploymentStatus)
    }
  } finally {
    await client.dispose()
  }
  return events
}

describe('a Node.js app deployed to Kamatera', () => {
  let id: string

  it('gets a Kamatera server, runs the recipe over SSH as root, reaches RUNNING and answers HTTP', async () => {
    const answer = await ask(
      'mutation ($input: CreateDeploymentInput!) { createDeployment(input: $input) { id status provider } }',
      {
        input: {
          provider: 'kama',
          type: 'VM',
          framework: 'nodejs',
          githubUrl: 'https://github.com/acme/node-hello.git',
          branch: 'main',
          name: 'hello-kama',
          cpu: 2,
          memory: 2048,
          disk: 20,
        },
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
    const [server] = stack.kamatera!.state.serversNamed('hello-kama')
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
    expect(stack.kamatera!.state.serversNamed('hello-kama')).toEqual([])
  }, 30_000)
})
