import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { sendOver } from '../support/graphql-client.js'
import { untilAtRest as untilDeploymentAtRest } from '../support/deployment-waits.js'
import { appRepository } from '../support/app-repository.js'
import { guestAt, recipesOnProxmox, stackWithApps } from '../support/stack-with-apps.js'

type Release = {
  number: number
  ref: string | null
  commitSha: string | null
  status: string
  error: string | null
  kept: boolean
  activatedAt: string | null
}
type Deployment = {
  id: string
  status: string
  step: string | null
  error: string | null
  commitSha: string | null
  host: { ip: string | null } | null
  releases: Release[]
}

const lab = stackWithApps(['node-settings'], (gitEnv) =>
  recipesOnProxmox(gitEnv, { env: { HANGAR_HEALTH_TIMEOUT_MS: '5000' } }),
)
const repo = appRepository(lab.repos.root, 'node-settings')

async function ask(query: string, variables?: Record<string, unknown>) {
  return sendOver('http', lab.stack.url, undefined, query, variables)
}

const FIELDS =
  'id status step error commitSha host { ip } releases { number ref commitSha status error kept activatedAt }'
const deployment = async (id: string) =>
  (await ask(`query ($id: ID!) { deployment(id: $id) { ${FIELDS} } }`, { id })).data!.deployment as Deployment

const untilAtRest = (id: string, meanwhile?: (now: Deployment) => Promise<void>) =>
  untilDeploymentAtRest(() => deployment(id), { meanwhile })

const version = async (ip: string) =>
  ((await (await fetch(`http://${ip}:3000/`)).json()) as { version: string }).version
const redeploy = async (id: string, ref?: string) =>
  ask('mutation ($id: ID!, $ref: String) { redeployDeployment(id: $id, ref: $ref) { status step } }', { id, ref })
const releaseDirs = (ip: string) =>
  readdirSync(join(guestAt(lab.stack, ip).home!, 'apps', '.releases', 'releases-app'))
    .map(Number)
    .sort((a, b) => a - b)

describe('releases', () => {
  let id: string
  let ip: string
  const commits: string[] = []

  it('the first deployment is release 1, ACTIVE, with the commit it built', async () => {
    commits.push(repo.git('rev-parse', 'HEAD'))
    const created = await ask(
      'mutation { createDeployment(input: { type: VM, framework: "nodejs", ' +
        'githubUrl: "https://github.com/acme/node-settings.git", name: "releases-app" }) { id } }',
    )
    id = (created.data!.createDeployment as { id: string }).id
    const done = await untilAtRest(id)
    expect(done.status).toBe('RUNNING')
    ip = done.host!.ip!
    expect(done.commitSha).toBe(commits[0])
    expect(done.releases).toMatchObject([
      { number: 1, ref: 'main', commitSha: commits[0], status: 'ACTIVE', error: null, kept: true },
    ])
    expect(await version(ip)).toBe('1')
  }, 120_000)

  it("a redeploy builds the branch's new head beside the serving release, which serves until the switch", async () => {
    commits.push(repo.commit('version 2', { 'version.txt': '2\n' }))
    const asked = await redeploy(id)
    expect(asked.errors).toBeUndefined()
    expect(asked.data!.redeployDeployment).toEqual({ status: 'RUNNING', step: 'fetch' })
    const seenWhileBuilding: string[] = []
    const done = await untilAtRest(id, async (now) => {
      if (['fetch', 'dependencies', 'build'].includes(now.step ?? '')) seenWhileBuilding.push(await version(ip))
      expect(now.status).toBe('RUNNING')
    })
    expect(seenWhileBuilding.length).toBeGreaterThan(0)
    expect(new Set(seenWhileBuilding)).toEqual(new Set(['1']))
    expect(done).toMatchObject({ status: 'RUNNING', error: null, commitSha: commits[1] })
    expect(done.releases.map((release) => [release.number, release.status, release.commitSha])).toEqual([
      [2, 'ACTIVE', commits[1]],
      [1, 'SUPERSEDED', commits[0]],
    ])
    expect(await version(ip)).toBe('2')
    expect(releaseDirs(ip)).toEqual([1, 2])
  }, 120_000)

  it('a release that fails to build is FAILED and leaves ' +
    'the previous one serving, the deployment RUNNING', async () => {
    commits.push(repo.commit('broken build', { 'build.js': 'throw new Error("this commit does not build")\n' }))
    await redeploy(id)
    const done = await untilAtRest(id, async () => {
      expect(await version(ip)).toBe('2')
    })
    expect(done).toMatchObject({ status: 'RUNNING', error: null, commitSha: commits[1] })
    expect(done.releases[0]).toMatchObject({ number: 3, status: 'FAILED', commitSha: commits[2], kept: false })
    expect(done.releases[0]!.error).toMatch(/^build failed: a command exited with 1/)
    expect(await version(ip)).toBe('2')
    expect(releaseDirs(ip)).toEqual([1, 2])
    const logs = (await ask('query ($id: ID!) { deployment(id: $id) { logs(limit: 10000) { line } } }', { id })).data!
      .deployment as { logs: { line: string }[] }
    const text = logs.logs.map((line) => line.line).join('\n')
    expect(text).toContain('this commit does not build')
    expect(text).toMatch(/release 3 failed: build failed: .*; release 2 still serves/)
  }, 120_000)

  it('a release that builds but does not answer is switched away from at once', async () => {
    commits.push(
      repo.commit('builds, never listens', {
        'build.js': 'require("node:fs").writeFileSync("build.json", "{}")\n',
        'server.js': 'console.log("not listening"); setInterval(() => {}, 1000)\n',
      }),
    )
    await redeploy(id)
    const done = await untilAtRest(id)
    expect(done).toMatchObject({ status: 'RUNNING', commitSha: commits[1] })
    expect(done.releases[0]).toMatchObject({ number: 4, status: 'FAILED', commitSha: commits[3] })
    expect(done.releases[0]!.error).toMatch(/health/i)
    expect(await version(ip)).toBe('2')
    const logs = (await ask('query ($id: ID!) { deployment(id: $id) { logs(limit: 10000) { line } } }', { id })).data!
      .deployment as { logs: { line: string }[] }
    expect(logs.logs.map((line) => line.line)).toContain(
      `release 4 failed (${done.releases[0]!.error}); switching back to release 2`,
    )
  }, 120_000)

  it('a rollback switches to a kept release without building, in seconds', async () => {
    const before = (await ask('query ($id: ID!) { deployment(id: $id) { logs(limit: 10000) { seq } } }', { id })).data!
      .deployment as { logs: { seq: number }[] }
    const started = Date.now()
    const asked = await ask('mutation ($id: ID!) { rollbackDeployment(id: $id, release: 1) { status step } }', { id })
    expect(asked.errors).toBeUndefined()
    expect(asked.data!.rollbackDeployment).toEqual({ status: 'RUNNING', step: 'rollback' })
    const done = await untilAtRest(id)
    const tookMs = Date.now() - started
    console.log(`rollback to release 1 took ${tookMs} ms`)
    expect(tookMs).toBeLessThan(30_000)
    expect(done).toMatchObject({ status: 'RUNNING', commitSha: commits[0] })
    expect(done.releases.find((release) => release.number === 1)!.status).toBe('ACTIVE')
    expect(done.releases.find((release) => release.number === 2)!.status).toBe('SUPERSEDED')
    expect(done.releases).toHaveLength(4)
    expect(await version(ip)).toBe('1')
    const after = (
      await ask(
        'query ($id: ID!, $after: Int) { deployment(id: $id) { logs(after: $after, limit: 10000) { line } } }',
        { id, after: before.logs.at(-1)!.seq },
      )
    ).data!.deployment as { logs: { line: string }[] }
    const lines = after.logs.map((line) => line.line)
    expect(lines).toContain('rolled back: release 1 is serving')
    for (const stage of ['runtime', 'fetch', 'dependencies', 'build']) expect(lines).not.toContain(`step ${stage}`)
  }, 60_000)

  it.each([
    ['a release it does not have', 99, 'NOT_FOUND'],
    ['a release that never served', 3, 'CONFLICT'],
    ['the release serving', 1, 'CONFLICT'],
    ['release 0', 0, 'BAD_USER_INPUT'],
  ])('refuses a rollback to %s, changing nothing', async (_case, release, code) => {
    const refused = await ask(
      'mutation ($id: ID!, $release: Int!) { rollbackDeployment(id: $id, release: $release) { id } }',
      { id, release },
    )
    expect(refused.errors?.[0]?.extensions?.code).toBe(code)
    expect(await deployment(id)).toMatchObject({ status: 'RUNNING', step: null, commitSha: commits[0] })
  })

  it('refuses a ref that is not one, naming it', async () => {
    const refused = await redeploy(id, 'main; rm -rf ~')
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ref' })
    expect((await deployment(id)).releases).toHaveLength(4)
  })

  it('builds a tag or a commit asked for by name, ' +
    'and keeps the last five releases that built on the guest', async () => {
    repo.git('tag', 'v2', commits[1]!)
    await redeploy(id, 'v2')
    let done = await untilAtRest(id)
    expect(done.releases[0]).toMatchObject({ number: 5, ref: 'v2', commitSha: commits[1], status: 'ACTIVE' })
    for (const number of [6, 7, 8]) {
      await redeploy(id, commits[0])
      done = await untilAtRest(id)
      expect(done.releases[0]).toMatchObject({ number, ref: commits[0], commitSha: commits[0], status: 'ACTIVE' })
    }
    // Built: 1, 2, 5, 6, 7, 8 (3 and 4 failed): the oldest is removed.
    expect(done.releases.filter((release) => release.kept).map((release) => release.number)).toEqual([8, 7, 6, 5, 2])
    expect(releaseDirs(ip)).toEqual([2, 5, 6, 7, 8])
    const refused = await ask('mutation ($id: ID!) { rollbackDeployment(id: $id, release: 1) { id } }', { id })
    expect(refused.errors?.[0]?.extensions?.code).toBe('CONFLICT')
    expect(refused.errors?.[0]?.message).toMatch(/not kept on the guest any more/)
    expect(existsSync(join(lab.stack.directory, 'hangar.db'))).toBe(true)
  }, 180_000)
})
