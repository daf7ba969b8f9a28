import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixtureRepository } from '../support/fixture-repo.js'
import { startFakeGithubSsh, type FakeGithubSsh } from '../support/fake-github-ssh.js'
import { sendOver } from '../support/graphql-client.js'
import { untilAtRest as untilDeploymentAtRest } from '../support/deployment-waits.js'
import { guestAt, recipesOnProxmox } from '../support/stack-with-apps.js'
import { startStack, type Stack } from '../support/start-stack.js'

type Deployment = {
  id: string
  status: string
  step: string | null
  error: string | null
  deployKey: string | null
  privateRepo: boolean
  commitSha: string | null
  host: { ip: string | null } | null
}

const repos = fixtureRepository(['node-hello'])
let github: FakeGithubSsh
let stack: Stack
let knownHostsFile: string

beforeAll(async () => {
  github = await startFakeGithubSsh(repos.root, repos.env)
  knownHostsFile = join(repos.root, 'known_hosts')
  writeFileSync(knownHostsFile, `# the test's GitHub\n${github.knownHostsLine}\n`)
  // The https mapping stays: a public fetch would still work, so a private one that works went over SSH.
  stack = await startStack(recipesOnProxmox(github.env, { env: { HANGAR_GIT_KNOWN_HOSTS: knownHostsFile } }))
}, 60_000)
afterAll(async () => {
  await stack?.close()
  await github?.close()
  rmSync(repos.root, { recursive: true, force: true })
})

const ask = (query: string, variables?: Record<string, unknown>) =>
  sendOver('http', stack.url, undefined, query, variables)
const FIELDS = 'id status step error deployKey privateRepo commitSha host { ip }'
const deployment = async (id: string) =>
  (await ask(`query ($id: ID!) { deployment(id: $id) { ${FIELDS} } }`, { id })).data!.deployment as Deployment
const untilAtRest = (id: string) => untilDeploymentAtRest(() => deployment(id))
const lines = async (id: string) =>
  (
    (await ask('query ($id: ID!) { deployment(id: $id) { logs(limit: 10000) { line } } }', { id })).data!
      .deployment as { logs: { line: string }[] }
  ).logs.map((line) => line.line)

describe('a private repository', () => {
  let id: string
  let deployKey: string

  it('gets a deploy key of its own, shown to add to the repository, ' +
    'and the fetch is refused until it is added', async () => {
    const created = await ask(
      `mutation { createDeployment(input: { type: VM, framework: "nodejs", githubUrl: ` +
        `"https://github.com/acme/node-hello.git", name: "private-app", privateRepo: true }) { ${FIELDS} } }`,
    )
    expect(created.errors).toBeUndefined()
    const made = created.data!.createDeployment as Deployment
    id = made.id
    expect(made.privateRepo).toBe(true)
    expect(made.deployKey).toMatch(/^ssh-ed25519 AAAA[A-Za-z0-9+/=]+ hangar-deploy-private-app$/)
    deployKey = made.deployKey!
    const refused = await untilAtRest(id)
    expect(refused.status).toBe('FAILED')
    expect(refused.error).toContain(
      "acme/node-hello refused this deployment's deploy key; add it on GitHub " +
        '(acme/node-hello → Settings → Deploy keys → Add deploy key, read access), then redeploy',
    )
    expect(refused.error).toContain(deployKey)
    expect((await lines(id)).join('\n')).toMatch(/Permission denied \(publickey\)/)
    // The REST answer shows it too.
    const rest = (await (await fetch(`${stack.url}/api/deployments/${id}`)).json()) as {
      data?: Record<string, unknown>
    } & Record<string, unknown>
    expect(JSON.stringify(rest)).toContain(`"deploy_key":"${deployKey}"`)
  }, 120_000)

  it("is fetched over SSH with the key once it is added, the key readable by the app's user only", async () => {
    github.addDeployKey('acme/node-hello', deployKey)
    await ask('mutation ($id: ID!) { redeployDeployment(id: $id) { id } }', { id })
    const done = await untilAtRest(id)
    expect(done.error).toBeNull()
    expect(done.status).toBe('RUNNING')
    expect(done.commitSha).toMatch(/^[0-9a-f]{40}$/)
    const page = await (await fetch(`http://${done.host!.ip}:3000/`)).text()
    expect(page).toMatch(/^hello from node-hello/)
    const endpoint = guestAt(stack, done.host!.ip!)
    const keyFile = join(endpoint.home!, '.hangar', 'private-app.deploy-key')
    expect(statSync(keyFile).mode & 0o777).toBe(0o600)
    expect(readFileSync(join(endpoint.home!, '.hangar', 'known_hosts'), 'utf8')).toBe(`${github.knownHostsLine}\n`)
    // The fetch went to git@github.com over SSH, never with the key on a command line.
    const privateKey = readFileSync(keyFile, 'utf8')
    expect(
      endpoint.commands.some((command) =>
        command.includes(String.raw`remote add origin git\@github.com\:acme/node-hello.git`),
      ),
    ).toBe(true)
    for (const command of endpoint.commands) expect(command).not.toContain(privateKey.split('\n')[1]!)
    // Sealed at rest.
    const database = join(stack.directory, 'hangar.db')
    for (const file of [database, `${database}-wal`].filter(existsSync))
      expect(readFileSync(file).includes(Buffer.from(privateKey.split('\n')[1]!))).toBe(false)
  }, 120_000)
})

describe('a private repository on a server that is not the pinned one', () => {
  let other: Stack
  beforeAll(async () => {
    // GitHub's real keys pinned (the default): the test's server cannot present them.
    other = await startStack(recipesOnProxmox(github.env))
  }, 60_000)
  afterAll(() => other?.close())

  it('is not fetched: the deploy key is never offered, and the message says why', async () => {
    const created = await sendOver(
      'http',
      other.url,
      undefined,
      'mutation { createDeployment(input: { type: LXC, framework: "nodejs", githubUrl: ' +
        '"https://github.com/acme/node-hello.git", name: "impostor", privateRepo: true }) { id deployKey } }',
    )
    const made = created.data!.createDeployment as { id: string; deployKey: string }
    github.addDeployKey('acme/node-hello', made.deployKey)
    for (const until = Date.now() + 120_000; ; ) {
      const now = (await sendOver('http', other.url, undefined, `{ deployment(id: "${made.id}") { status error } }`))
        .data!.deployment as { status: string; error: string | null }
      if (now.status === 'FAILED') {
        expect(now.error).toMatch(/did not present GitHub's pinned host key, so the deploy key was not offered to it/)
        break
      }
      expect(now.status).not.toBe('RUNNING')
      if (Date.now() > until) throw new Error('still working')
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
  }, 150_000)
})
