import { randomUUID } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { githubSignature } from '../../src/webhooks/github-signature.js'
import { sendOver } from '../support/graphql-client.js'
import { registerSecret } from '../support/secrets.js'
import { untilAtRest as untilDeploymentAtRest } from '../support/deployment-waits.js'
import { appRepository } from '../support/app-repository.js'
import { stackWithApps } from '../support/stack-with-apps.js'

type Deployment = {
  status: string
  step: string | null
  commitSha: string | null
  host: { ip: string | null } | null
  releases: { number: number; ref: string; commitSha: string; status: string }[]
}

const lab = stackWithApps(['node-settings'])
const repo = appRepository(lab.repos.root, 'node-settings')

const ask = (query: string, variables?: Record<string, unknown>) =>
  sendOver('http', lab.stack.url, undefined, query, variables)
const deployment = async (id: string) =>
  (
    await ask(
      'query ($id: ID!) { deployment(id: $id) { status step commitSha ' +
        'host { ip } releases { number ref commitSha status } } }',
      { id },
    )
  ).data!.deployment as Deployment
const untilAtRest = (id: string) => untilDeploymentAtRest(() => deployment(id))

/** Posts `payload` as GitHub does, signed with `secret` (or with the signature given). */
async function deliver(
  url: string,
  event: string,
  payload: unknown,
  sign: { secret?: string; signature?: string },
  delivery = randomUUID(),
) {
  const body = JSON.stringify(payload)
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'GitHub-Hookshot/test',
      'x-github-event': event,
      'x-github-delivery': delivery,
      ...((sign.signature ?? sign.secret)
        ? { 'x-hub-signature-256': sign.signature ?? githubSignature(sign.secret!, body) }
        : {}),
    },
    body,
  })
  return {
    status: response.status,
    body: (await response.json()) as { status: string; message: string; release?: number },
  }
}

describe('push to deploy', () => {
  let id: string
  let url: string
  let secret: string
  const push = (branch: string, after: string) => ({
    ref: `refs/heads/${branch}`,
    before: '0'.repeat(40),
    after,
    deleted: false,
    repository: { full_name: 'acme/node-settings' },
  })

  it('gives a URL and a secret, shown once', async () => {
    const created = await ask(
      'mutation { createDeployment(input: { type: VM, framework: "nodejs", ' +
        'githubUrl: "https://github.com/acme/node-settings.git", name: "hooked" }) { id } }',
    )
    id = (created.data!.createDeployment as { id: string }).id
    expect((await untilAtRest(id)).status).toBe('RUNNING')
    const made = await ask('mutation ($id: ID!) { createDeploymentWebhook(id: $id) { url secret } }', { id })
    ;({ url, secret } = made.data!.createDeploymentWebhook as { url: string; secret: string })
    registerSecret(secret)
    expect(url).toBe(`${lab.stack.url}/hooks/github/${id}`)
    expect(secret).toMatch(/^[0-9a-f]{64}$/)
    const shown = await ask('query ($id: ID!) { deployment(id: $id) { hasWebhook } }', { id })
    expect(shown.data!.deployment).toEqual({ hasWebhook: true })
  }, 120_000)

  it('refuses a forged or missing signature with 401, changing nothing', async () => {
    const head = repo.git('rev-parse', 'HEAD')
    const forged = await deliver(url, 'push', push('main', head), { secret: 'not-the-secret' })
    expect(forged.status).toBe(401)
    const tampered = await deliver(url, 'push', push('main', head), { signature: `sha256=${'0'.repeat(64)}` })
    expect(tampered.status).toBe(401)
    const unsigned = await deliver(url, 'push', push('main', head), {})
    expect(unsigned.status).toBe(401)
    expect(await deployment(id)).toMatchObject({ step: null, releases: [{ number: 1 }] })
    expect(lab.stack.logs.join('\n')).toContain('refused a webhook delivery whose signature does not match')
  })

  it('answers a ping, another event and a push to another branch with 2xx, and makes no release', async () => {
    expect(await deliver(url, 'ping', { zen: 'Keep it logically awesome.' }, { secret })).toMatchObject({
      status: 200,
      body: { status: 'ignored' },
    })
    expect((await deliver(url, 'issues', { action: 'opened' }, { secret })).status).toBe(200)
    const other = await deliver(url, 'push', push('feature/x', repo.git('rev-parse', 'HEAD')), { secret })
    expect(other).toMatchObject({
      status: 200,
      body: { message: 'a push to refs/heads/feature/x: only main is deployed' },
    })
    expect((await deployment(id)).releases).toHaveLength(1)
  })

  it('makes a release of the pushed commit for a push to the tracked branch, once per delivery', async () => {
    const head = repo.commit('version 2', { 'version.txt': '2\n' })
    const delivery = randomUUID()
    const accepted = await deliver(url, 'push', push('main', head), { secret }, delivery)
    expect(accepted).toMatchObject({ status: 202, body: { status: 'accepted', release: 2 } })
    const again = await deliver(url, 'push', push('main', head), { secret }, delivery)
    expect(again).toMatchObject({ status: 200, body: { status: 'duplicate' } })
    const done = await untilAtRest(id)
    expect(done).toMatchObject({ status: 'RUNNING', commitSha: head })
    expect(done.releases.map((release) => [release.number, release.ref, release.status])).toEqual([
      [2, head, 'ACTIVE'],
      [1, 'main', 'SUPERSEDED'],
    ])
    const page = (await (await fetch(`http://${done.host!.ip}:3000/`)).json()) as { version: string }
    expect(page.version).toBe('2')
  }, 120_000)

  it('a new secret replaces the old one', async () => {
    const renewed = await ask('mutation ($id: ID!) { createDeploymentWebhook(id: $id) { secret } }', { id })
    const fresh = (renewed.data!.createDeploymentWebhook as { secret: string }).secret
    registerSecret(fresh)
    expect(fresh).not.toBe(secret)
    expect((await deliver(url, 'ping', {}, { secret })).status).toBe(401)
    expect((await deliver(url, 'ping', {}, { secret: fresh })).status).toBe(200)
    secret = fresh
  })

  it('refuses what is not a delivery: another method, an unknown deployment, a malformed id', async () => {
    expect((await fetch(url)).status).toBe(405)
    expect((await deliver(`${lab.stack.url}/hooks/github/999`, 'ping', {}, { secret })).status).toBe(404)
    expect((await deliver(`${lab.stack.url}/hooks/github/0${id}`, 'ping', {}, { secret })).status).toBe(404)
  })

  it('keeps the secret out of the log and the database file', () => {
    expect(lab.stack.logs.join('\n')).not.toContain(secret)
    const database = join(lab.stack.directory, 'hangar.db')
    for (const file of [database, `${database}-wal`].filter(existsSync))
      expect(readFileSync(file).includes(Buffer.from(secret))).toBe(false)
  })
})
