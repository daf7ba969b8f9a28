import { print } from 'graphql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLogger } from '../../src/logger.js'
import { followTask } from '../../src/operations/follow-task.js'
import { startHangar, type RunningHangar } from '../../src/start-hangar.js'
import { collectField, sendOver } from '../support/graphql-client.js'
import { registerSecret } from '../support/secrets.js'
import { NODE_HELLO_VM } from '../support/node-hello-deployment.js'
import { stackWithApps } from '../support/stack-with-apps.js'
import { graphql } from '../gql/index.js'

const DeploymentStatusWatch = graphql(`
  subscription DeploymentStatusWatch($id: ID!) {
    deploymentStatus(id: $id) { id status step error deployedAt host { id node ip } }
  }
`)

const DeploymentLogsWatch = graphql(`
  subscription DeploymentLogsWatch($id: ID!, $after: Int) {
    deploymentLogs(id: $id, after: $after) { seq stream line }
  }
`)

type Status = {
  id: string
  status: string
  step: string | null
  error: string | null
  deployedAt: string | null
  host: { id: string | null; node: string | null; ip: string | null } | null
}
type Line = { seq: number; stream: string; line: string }

const lab = stackWithApps(['node-hello', 'node-broken'])

const ask = (url: string, query: string, variables?: Record<string, unknown>) =>
  sendOver('http', url, undefined, query, variables)

async function deploy(url: string, input: Record<string, unknown>): Promise<string> {
  const answer = await ask(
    url,
    'mutation ($input: CreateDeploymentInput!) { createDeployment(input: $input) { id status } }',
    {
      input: { ...NODE_HELLO_VM, ...input },
    },
  )
  expect(answer.errors).toBeUndefined()
  const created = answer.data!.createDeployment as { id: string; status: string }
  expect(created.status).toBe('PENDING')
  return created.id
}

const watchStatus = (url: string, id: string) =>
  collectField<Status>(url, print(DeploymentStatusWatch), { id }, 'deploymentStatus')
const watchLogs = (url: string, id: string, after = 0) =>
  collectField<Line>(url, print(DeploymentLogsWatch), { id, after }, 'deploymentLogs')
/** Follows the deployment's status over WebSocket until `stop` holds for one. */
const followUntil = (url: string, id: string, stop: (now: Status) => boolean) =>
  collectField<Status>(url, print(DeploymentStatusWatch), { id }, 'deploymentStatus', stop)
const storedLogs = async (url: string, id: string) =>
  (
    (await ask(url, 'query ($id: ID!) { deployment(id: $id) { logs(limit: 10000) { seq stream line } } }', { id }))
      .data!.deployment as { logs: Line[] }
  ).logs

describe('a Node.js app deployed end to end', () => {
  let id: string
  let statuses: Status[]

  it('goes PENDING → CREATING → RUNNING, step by step, and then answers HTTP', async () => {
    id = await deploy(lab.stack.url, { name: 'hello-e2e' })
    statuses = await watchStatus(lab.stack.url, id)
    const last = statuses.at(-1)!
    expect(last.error).toBeNull()
    expect(last.status).toBe('RUNNING')
    expect(statuses.map((status) => status.status)).toContain('CREATING')
    const steps = statuses.map((status) => status.step).filter(Boolean)
    expect(steps).toEqual(
      expect.arrayContaining(['provision', 'runtime', 'fetch', 'dependencies', 'build', 'service', 'health-check']),
    )
    expect(last.deployedAt).not.toBeNull()
    expect(last.host!.ip).toMatch(/^127\.\d+\./)
    expect(last.host!.node).toMatch(/^pve/)
    const page = await fetch(`http://${last.host!.ip}:3000/`).then((response) => response.text())
    expect(page).toMatch(/^hello from node-hello, built at /)
  }, 120_000)

  it('kept every line, numbered from 1 with no gaps, from provisioning to the health check', async () => {
    const lines = await storedLogs(lab.stack.url, id)
    expect(lines.map((line) => line.seq)).toEqual(lines.map((_, index) => index + 1))
    const text = lines.map((line) => line.line).join('\n')
    expect(text).toMatch(/cloning template 9000/)
    expect(text).toContain('built page.txt')
    expect(text).toMatch(/health check passed \(HTTP 200\)/)
    expect(new Set(lines.map((line) => line.stream))).toEqual(new Set(['SYSTEM', 'PROVISION', 'DEPLOY']))
    expect(text).not.toContain('PRIVATE KEY')
  })

  it("never lets its private key out, and recorded the guest's host key on first contact", async () => {
    const keys = await lab.stack.gateway.hangar.deployments.store.keys(Number(id))
    registerSecret(keys!.privateKey)
    const everything = await ask(
      lab.stack.url,
      'query ($id: ID!) { deployment(id: $id) { id name host { id ip } server ' +
        '{ details } logs(limit: 10000) { line } } auditLog { nodes { detail } } }',
      { id },
    )
    expect(JSON.stringify(everything)).not.toContain('PRIVATE KEY')
    const deployment = await lab.stack.gateway.hangar.deployments.store.get(Number(id))
    const host = (await ask(lab.stack.url, 'query ($id: ID!) { deployment(id: $id) { host { id } } }', { id })).data!
      .deployment as { host: { id: string } }
    expect(deployment!.sshHostKey).toBe(lab.stack.simulator.state.guestHostKey(Number(host.host.id))!.split(' ')[1])
  })

  it('streams the same lines over SSE', async () => {
    const response = await fetch(`${lab.stack.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: print(DeploymentLogsWatch), variables: { id, after: 0 } }),
    })
    const events = (await response.text()).split('\n\n').filter((block) => block.includes('event: next'))
    expect(events.length).toBe((await storedLogs(lab.stack.url, id)).length)
  })

  it('gives a late subscriber the stored lines, and a reconnect with after exactly the rest', async () => {
    const all = await watchLogs(lab.stack.url, id)
    expect(all).toEqual(await storedLogs(lab.stack.url, id))
    const rest = await watchLogs(lab.stack.url, id, 10)
    expect(rest.map((line) => line.seq)).toEqual(all.slice(10).map((line) => line.seq))
  })

  it('restarts: reboots the guest and checks the app again', async () => {
    const answer = await ask(lab.stack.url, 'mutation ($id: ID!) { restartDeployment(id: $id) { status step } }', {
      id,
    })
    expect(answer.data!.restartDeployment).toMatchObject({ status: 'CREATING', step: 'restart' })
    const after = await watchStatus(lab.stack.url, id)
    expect(after.at(-1)!.status).toBe('RUNNING')
    const lines = (await storedLogs(lab.stack.url, id)).map((line) => line.line)
    const sinceReboot = lines.slice(lines.findLastIndex((line) => line.startsWith('rebooting guest')))
    expect(sinceReboot).toContain('step service')
    expect(sinceReboot).not.toContain('step fetch')
    expect(sinceReboot.some((line) => line.startsWith('health check passed'))).toBe(true)
  }, 60_000)

  it('refuses a guest whose SSH host key changed, and says so', async () => {
    const store = lab.stack.gateway.hangar.deployments.store
    const recorded = (await store.get(Number(id)))!.sshHostKey
    await store.update(Number(id), {
      sshHostKey: 'AAAAC3NzaC1lZDI1NTE5AAAAIHNvbWVvbmUgZWxzZSdzIGtleSwgbm90IHRoZSBndWVzdA',
    })
    await ask(lab.stack.url, 'mutation ($id: ID!) { restartDeployment(id: $id) { status } }', { id })
    const after = await watchStatus(lab.stack.url, id)
    expect(after.at(-1)).toMatchObject({
      status: 'FAILED',
      error: expect.stringMatching(/host key changed since it was recorded/),
    })
    await store.update(Number(id), { sshHostKey: recorded })
    await ask(lab.stack.url, 'mutation ($id: ID!) { restartDeployment(id: $id) { status } }', { id })
    expect((await watchStatus(lab.stack.url, id)).at(-1)!.status).toBe('RUNNING')
  }, 60_000)

  it('deletes: destroys the guest and keeps the record as DELETED', async () => {
    const before = (await ask(lab.stack.url, 'query ($id: ID!) { deployment(id: $id) { host { id } } }', { id })).data!
      .deployment as { host: { id: string } }
    const answer = await ask(lab.stack.url, 'mutation ($id: ID!) { deleteDeployment(id: $id) { status } }', { id })
    expect(answer.data!.deleteDeployment).toEqual({ status: 'DELETED' })
    expect(lab.stack.simulator.state.guests.has(Number(before.host.id))).toBe(false)
    const again = await ask(lab.stack.url, 'mutation ($id: ID!) { restartDeployment(id: $id) { status } }', { id })
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT')
  }, 60_000)
})

describe('log subscribers that join while the work goes on', () => {
  it('get the stored lines, then the live ones, with no gap and no duplicate', async () => {
    const id = await deploy(lab.stack.url, { name: 'late-e2e' })
    await followUntil(lab.stack.url, id, (now) => now.step === 'dependencies')
    const [fromStart, fromTen] = await Promise.all([watchLogs(lab.stack.url, id), watchLogs(lab.stack.url, id, 10)])
    const stored = await storedLogs(lab.stack.url, id)
    expect(fromStart).toEqual(stored)
    expect(fromTen).toEqual(stored.slice(10))
    expect(stored.at(-1)!.line).toBe('release 1 is serving')
  }, 120_000)
})

describe('deployments that do not go well', () => {
  it("ends FAILED when the build fails, with the failing command's output in the logs", async () => {
    const id = await deploy(lab.stack.url, { name: 'broken-e2e', githubUrl: 'https://github.com/acme/node-broken.git' })
    const statuses = await watchStatus(lab.stack.url, id)
    expect(statuses.at(-1)).toMatchObject({
      status: 'FAILED',
      error: expect.stringMatching(/^build failed: a command exited with 2/),
    })
    const text = (await storedLogs(lab.stack.url, id)).map((line) => line.line).join('\n')
    expect(text).toContain('error TS1005: ";" expected.')
  }, 120_000)

  it('cancels: stops the work in flight, removes the guest, ends FAILED "cancelled"', async () => {
    const id = await deploy(lab.stack.url, { name: 'cancel-e2e' })
    // Wait until it is provisioning, then cancel.
    await followUntil(lab.stack.url, id, (now) => now.status === 'CREATING')
    const answer = await ask(lab.stack.url, 'mutation ($id: ID!) { cancelDeployment(id: $id) { status error } }', {
      id,
    })
    expect(answer.data!.cancelDeployment).toEqual({ status: 'FAILED', error: 'cancelled' })
    const guests = [...lab.stack.simulator.state.guests.values()].filter((guest) => guest.config.name === 'cancel-e2e')
    expect(guests).toEqual([])
    expect(
      (await ask(lab.stack.url, 'mutation ($id: ID!) { cancelDeployment(id: $id) { status } }', { id })).errors?.[0]
        ?.extensions?.code,
    ).toBe('CONFLICT')
  }, 120_000)
})

describe('the gateway stopped mid-deployment', () => {
  // The gateway the tests talk to; each restart replaces it (the first one is the stack's).
  let live: RunningHangar
  beforeAll(() => {
    live = lab.stack.gateway
  })
  afterAll(() => live.close())
  const restart = async (whileStopped?: () => void) => {
    await live.close()
    whileStopped?.()
    const next: RunningHangar = await startHangar({ env: lab.stack.env, logger: createLogger({ level: 'silent' }) })
    live = next
    return next.url
  }
  const guestNamed = (name: string) =>
    [...lab.stack.simulator.state.guests.values()].find((guest) => guest.config.name === name)
  const until = async <T>(probe: () => T | undefined | Promise<T | undefined>, what: string): Promise<T> => {
    for (let attempt = 0; attempt < 1000; attempt += 1) {
      const value = await probe()
      if (value !== undefined) return value
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    throw new Error(`gave up waiting for ${what}`)
  }

  it('fails a deployment caught while its guest was being made, and removes the half-made guest', async () => {
    const id = await deploy(live.url, { name: 'interrupted-e2e' })
    const store = live.hangar.deployments.store
    let guest: string | undefined
    for (let attempt = 0; attempt < 200 && !guest; attempt += 1) {
      const deployment = await store.get(Number(id))
      guest = deployment?.guest && !deployment.guest.ip ? deployment.guest.nativeId : undefined
      if (!guest) await new Promise((resolve) => setTimeout(resolve, 20))
    }
    expect(guest).toMatch(/^qemu\/\d+$/)
    const url = await restart()
    const statuses = await watchStatus(url, id)
    expect(statuses.at(-1)).toMatchObject({
      status: 'FAILED',
      error: `interrupted while provisioning: the gateway restarted; the half-made guest ${guest} was removed`,
    })
    expect(lab.stack.simulator.state.guests.has(Number(guest!.split('/')[1]))).toBe(false)
  }, 120_000)

  it('finds and removes the guest whose clone answer the stopped gateway never read', async () => {
    // PVE carries the clone out, but its answer is held back until after the gateway has stopped.
    lab.stack.simulator.faults.holdAnswers({ method: 'POST', path: '/clone', ms: 4_000, times: 1 })
    const id = await deploy(live.url, { name: 'lost-clone-e2e' })
    const made = await until(() => guestNamed('lost-clone-e2e'), 'the clone to be made')
    expect((await live.hangar.deployments.store.get(Number(id)))!.guest).toBeNull()
    const url = await restart()
    const statuses = await watchStatus(url, id)
    expect(statuses.at(-1)).toMatchObject({
      status: 'FAILED',
      error: `interrupted while provisioning: the gateway restarted; the half-made guest qemu/${made.vmid} was removed`,
    })
    expect(guestNamed('lost-clone-e2e')).toBeUndefined()
  }, 120_000)

  it('listens at once after a restart while an interrupted guest ' +
    'is still locked upstream, and removes it once the lock clears', async () => {
    const id = await deploy(live.url, { name: 'locked-e2e' })
    const nativeId = await until(async () => {
      const deployment = await live.hangar.deployments.store.get(Number(id))
      return deployment?.guest && !deployment.guest.ip ? deployment.guest.nativeId : undefined
    }, 'the guest to be made')
    const vmid = Number(nativeId.split('/')[1])
    // Once the clone has let go of its lock, a backup takes one while the gateway is down.
    await until(
      () => (lab.stack.simulator.state.guest(vmid)?.config.lock === undefined ? true : undefined),
      'the clone to finish',
    )
    const url = await restart(() => lab.stack.simulator.faults.setLock(vmid, 'backup'))
    expect((await fetch(`${url}/health`)).status).toBe(200)
    const meanwhile = await ask(url, 'query ($id: ID!) { deployment(id: $id) { status } }', { id })
    expect(meanwhile.data!.deployment).toEqual({ status: 'CREATING' })
    expect(lab.stack.simulator.state.guest(vmid)).toBeDefined()
    await until(
      async () =>
        (await storedLogs(url, id)).some((line) => line.line.includes('to clear before deleting it'))
          ? true
          : undefined,
      'the cleanup to wait for the lock',
    )
    const log = (await storedLogs(url, id)).map((line) => line.line)
    expect(log).toContain('the gateway restarted while the guest was being made; it cannot be resumed safely')
    lab.stack.simulator.faults.setLock(vmid, null)
    const statuses = await watchStatus(url, id)
    expect(statuses.at(-1)).toMatchObject({
      status: 'FAILED',
      error: `interrupted while provisioning: the gateway restarted; the half-made guest ${nativeId} was removed`,
    })
    expect(lab.stack.simulator.state.guest(vmid)).toBeUndefined()
  }, 120_000)

  it('resumes after a restart, and every stored line is still there with its number', async () => {
    const id = await deploy(live.url, { name: 'resume-e2e' })
    await followUntil(live.url, id, (now) => ['dependencies', 'build', 'service'].includes(now.step ?? ''))
    const before = await storedLogs(live.url, id)
    const url = await restart()
    const statuses = await watchStatus(url, id)
    expect(statuses.at(-1)!.status).toBe('RUNNING')
    const after = await storedLogs(url, id)
    expect(after.slice(0, before.length)).toEqual(before)
    expect(after.map((line) => line.seq)).toEqual(after.map((_, index) => index + 1))
    expect(after.map((line) => line.line).join('\n')).toContain('the gateway restarted; resuming')
  }, 180_000)

  it('marks a deployment whose guest was removed outside Hangar; restart deploys it again on a new guest', async () => {
    const id = await deploy(live.url, { name: 'vanishing-e2e' })
    const running = (await watchStatus(live.url, id)).at(-1)!
    expect(running.status).toBe('RUNNING')
    const nativeId = `qemu/${running.host!.id}`
    // Someone deletes the VM in the Proxmox UI (here: straight through the plugin, past the engine).
    const provider = live.hangar.providers.find((candidate) => candidate.name === 'pve-lab')!
    await followTask(await provider.destroy!(nativeId, {}), {
      signal: AbortSignal.timeout(30_000),
      onProgress: () => {},
    })
    expect(await live.hangar.deployments.engine.checkGuests()).toBe(1)
    const marked = await ask(live.url, 'query ($id: ID!) { deployment(id: $id) { status error host { id ip } } }', {
      id,
    })
    expect(marked.data!.deployment).toEqual({
      status: 'FAILED',
      error: `guest ${nativeId} is gone from pve-lab: it was removed outside Hangar`,
      host: null,
    })
    expect((await storedLogs(live.url, id)).at(-1)!.line).toBe(
      `guest ${nativeId} is gone from pve-lab: it was removed outside Hangar; ` +
        `restart deploys the app again on a new guest`,
    )
    // Checked again, nothing more happens.
    expect(await live.hangar.deployments.engine.checkGuests()).toBe(0)

    const restarted = await ask(live.url, 'mutation ($id: ID!) { restartDeployment(id: $id) { status step } }', { id })
    expect(restarted.data!.restartDeployment).toEqual({ status: 'CREATING', step: 'provision' })
    const again = (await watchStatus(live.url, id)).at(-1)!
    expect(again.status).toBe('RUNNING')
    expect(guestNamed('vanishing-e2e')?.status).toBe('running')
    expect((await storedLogs(live.url, id)).map((line) => line.line)).toContain(`recorded the guest's SSH host key`)
  }, 180_000)

  it('checks the guests again in the background at start, ' +
    'and a deleted deployment claims nothing it did not destroy', async () => {
    const id = await deploy(live.url, { name: 'gone-while-down-e2e' })
    const running = (await watchStatus(live.url, id)).at(-1)!
    const vmid = Number(running.host!.id)
    const provider = live.hangar.providers.find((candidate) => candidate.name === 'pve-lab')!
    // The guest goes outside Hangar; the next start notices.
    await followTask(await provider.destroy!(`qemu/${vmid}`, {}), {
      signal: AbortSignal.timeout(30_000),
      onProgress: () => {},
    })
    const url = await restart()
    const marked = await until(async () => {
      const answer = await ask(url, 'query ($id: ID!) { deployment(id: $id) { status error } }', { id })
      const deployment = answer.data!.deployment as { status: string; error: string | null }
      return deployment.status === 'FAILED' ? deployment : undefined
    }, 'the start-up check to mark the deployment')
    expect(marked.error).toBe(`guest qemu/${vmid} is gone from pve-lab: it was removed outside Hangar`)
    const deleted = await ask(url, 'mutation ($id: ID!) { deleteDeployment(id: $id) { status } }', { id })
    expect(deleted.data!.deleteDeployment).toEqual({ status: 'DELETED' })
    const lines = (await storedLogs(url, id)).map((line) => line.line)
    expect(lines.filter((line) => line.startsWith('destroying guest'))).toEqual([])
  }, 180_000)
})
