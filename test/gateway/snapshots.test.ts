import { Agent } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { graphql } from '../gql/index.js'
import { codeOf, execute } from '../support/graphql-client.js'
import { startStack, type Stack } from '../support/start-stack.js'
import { ServerDetails } from './documents.js'

const Snapshots = graphql(`
  query Snapshots($id: ID!) {
    server(id: $id) { id status snapshots { name description createdAt parent includesMemory } }
  }
`)

const CreateSnapshot = graphql(`
  mutation CreateSnapshot($id: ID!, $name: String!, $description: String, $includeMemory: Boolean, $wait: Boolean) {
    createSnapshot(id: $id, name: $name, description: $description, includeMemory: $includeMemory, wait: $wait) {
      id action status serverId error logs
    }
  }
`)

const RollbackSnapshot = graphql(`
  mutation RollbackSnapshot($id: ID!, $name: String!, $confirm: String!, $wait: Boolean) {
    rollbackSnapshot(id: $id, name: $name, confirm: $confirm, wait: $wait) { id action status error logs }
  }
`)

const DeleteSnapshot = graphql(`
  mutation DeleteSnapshot($id: ID!, $name: String!, $wait: Boolean) {
    deleteSnapshot(id: $id, name: $name, wait: $wait) { id action status error logs }
  }
`)

let stack: Stack
beforeAll(async () => {
  stack = await startStack({ kamatera: { commandDurationMs: 300 } })
})
afterAll(() => stack?.close())

const VM = 'pve-lab:qemu/100'
const CT = 'pve-lab:lxc/201'

async function snapshotsOf(id: string) {
  const answer = await execute(stack.url, Snapshots, { id })
  expect(answer.errors).toBeUndefined()
  return answer.data!.server!.snapshots
}

/** What another Proxmox client sees: a plain request to the API with the token, no Hangar code in between. */
async function upstreamSnapshots(
  path: string,
): Promise<{ name: string; parent?: string; description?: string; vmstate?: number }[]> {
  const dispatcher = new Agent({ connect: stack.simulator.caPem ? { ca: stack.simulator.caPem } : {} })
  try {
    const response = await fetch(`${stack.simulator.url}/api2/json${path}`, {
      headers: { Authorization: `PVEAPIToken=${stack.simulator.tokenId}=${stack.simulator.tokenSecret}` },
      dispatcher,
    } as RequestInit & { dispatcher: Agent })
    expect(response.status).toBe(200)
    return ((await response.json()) as { data: { name: string; parent?: string }[] }).data
  } finally {
    await dispatcher.close()
  }
}

/** The snapshot VM 100 runs after, as another Proxmox client sees it (the parent of "current"). */
const upstreamRunsAfter = async () =>
  (await upstreamSnapshots('/nodes/pve1/qemu/100/snapshot')).find((item) => item.name === 'current')!.parent

describe('snapshots of a Proxmox VM, followed to the end like power actions', () => {
  it('takes a snapshot with RAM of a running VM, then one without, chained by parent', async () => {
    const first = await execute(stack.url, CreateSnapshot, {
      id: VM,
      name: 'before-upgrade',
      description: 'kernel 6.1 still',
      includeMemory: true,
      wait: true,
    })
    expect(first.errors).toBeUndefined()
    expect(first.data!.createSnapshot).toMatchObject({
      action: 'snapshot',
      status: 'SUCCEEDED',
      serverId: VM,
      error: null,
    })
    expect(first.data!.createSnapshot.logs.join('\n')).toContain('saving VM state and RAM')
    expect(first.data!.createSnapshot.logs.at(-1)).toBe('TASK OK')

    const second = await execute(stack.url, CreateSnapshot, { id: VM, name: 'After_Upgrade', wait: true })
    expect(second.data!.createSnapshot.status).toBe('SUCCEEDED')
    expect(second.data!.createSnapshot.logs.join('\n')).not.toContain('saving VM state')

    const snapshots = await snapshotsOf(VM)
    expect(
      snapshots.map(({ name, description, parent, includesMemory }) => ({ name, description, parent, includesMemory })),
    ).toEqual([
      { name: 'before-upgrade', description: 'kernel 6.1 still', parent: null, includesMemory: true },
      { name: 'After_Upgrade', description: null, parent: 'before-upgrade', includesMemory: false },
    ])
    for (const snapshot of snapshots) {
      expect(Math.abs(new Date(snapshot.createdAt!).getTime() - Date.now())).toBeLessThan(60_000)
    }
  })

  it('shows another Proxmox client the same names and parents, without the "current" entry in Hangar', async () => {
    const seen = await upstreamSnapshots('/nodes/pve1/qemu/100/snapshot')
    const real = seen.filter((item) => item.name !== 'current')
    expect(real.map(({ name, parent }) => ({ name, parent }))).toEqual([
      { name: 'before-upgrade', parent: undefined },
      { name: 'After_Upgrade', parent: 'before-upgrade' },
    ])
    expect(seen.find((item) => item.name === 'current')).toMatchObject({
      description: 'You are here!',
      parent: 'After_Upgrade',
    })
    expect((await snapshotsOf(VM)).map((snapshot) => snapshot.name)).not.toContain('current')
  })

  it('refuses a rollback whose confirm is not the snapshot name, naming confirm, and changes nothing', async () => {
    const tasksBefore = stack.simulator.state.tasks.length
    const answer = await execute(stack.url, RollbackSnapshot, {
      id: VM,
      name: 'before-upgrade',
      confirm: 'After_Upgrade',
    })
    expect(codeOf(answer)).toBe('BAD_USER_INPUT')
    expect(answer.errors![0]!.extensions!.field).toBe('confirm')
    expect(stack.simulator.state.tasks.length).toBe(tasksBefore)
    expect(await upstreamRunsAfter()).toBe('After_Upgrade')
  })

  it('rolls back to a snapshot with RAM when confirm repeats its name: the VM runs again from there', async () => {
    const answer = await execute(stack.url, RollbackSnapshot, {
      id: VM,
      name: 'before-upgrade',
      confirm: 'before-upgrade',
      wait: true,
    })
    expect(answer.errors).toBeUndefined()
    expect(answer.data!.rollbackSnapshot).toMatchObject({
      action: 'snapshot-rollback',
      status: 'SUCCEEDED',
      error: null,
    })
    expect(await upstreamRunsAfter()).toBe('before-upgrade')
    expect((await execute(stack.url, ServerDetails, { id: VM })).data!.server!.status).toBe('RUNNING')
  })

  it('deletes a snapshot and hands its children to its parent', async () => {
    const third = await execute(stack.url, CreateSnapshot, { id: VM, name: 'branch', wait: true })
    expect(third.data!.createSnapshot.status).toBe('SUCCEEDED')
    expect((await snapshotsOf(VM)).find((snapshot) => snapshot.name === 'branch')!.parent).toBe('before-upgrade')

    const answer = await execute(stack.url, DeleteSnapshot, { id: VM, name: 'before-upgrade', wait: true })
    expect(answer.data!.deleteSnapshot).toMatchObject({ action: 'snapshot-delete', status: 'SUCCEEDED' })
    const left = await snapshotsOf(VM)
    expect(left.map(({ name, parent }) => ({ name, parent }))).toEqual([
      { name: 'After_Upgrade', parent: null },
      { name: 'branch', parent: null },
    ])
    const seen = await upstreamSnapshots('/nodes/pve1/qemu/100/snapshot')
    expect(seen.map((item) => item.name)).toEqual(['After_Upgrade', 'branch', 'current'])
  })

  it('snapshots a container (no RAM state there) and lists it', async () => {
    const answer = await execute(stack.url, CreateSnapshot, {
      id: CT,
      name: 'ct-base',
      includeMemory: true,
      wait: true,
    })
    expect(answer.data!.createSnapshot.status).toBe('SUCCEEDED')
    expect(await snapshotsOf(CT)).toMatchObject([{ name: 'ct-base', parent: null, includesMemory: false }])
  })
})

describe('snapshot refusals', () => {
  it.each([
    ['spaces', 'before upgrade'],
    ['41 characters', `a${'b'.repeat(40)}`],
    ['a leading digit', '1st'],
  ])('refuses a name with %s as BAD_USER_INPUT naming name, before any request upstream', async (_why, name) => {
    const requestsBefore = stack.simulator.requests
    const answer = await execute(stack.url, CreateSnapshot, { id: VM, name })
    expect(codeOf(answer)).toBe('BAD_USER_INPUT')
    expect(answer.errors![0]!.extensions!.field).toBe('name')
    expect(stack.simulator.requests).toBe(requestsBefore)
  })

  it.each([
    ['a name Proxmox keeps for itself', 'current'],
    ['a single letter, which Proxmox refuses', 'a'],
  ])(
    'refuses %s as BAD_USER_INPUT naming name, at once even on a locked guest, and takes nothing',
    async (_why, name) => {
      const tasksBefore = stack.simulator.state.tasks.length
      stack.simulator.faults.setLock(201, 'backup')
      try {
        const requestsBefore = stack.simulator.requests
        const answer = await execute(stack.url, CreateSnapshot, { id: CT, name })
        expect(codeOf(answer)).toBe('BAD_USER_INPUT')
        expect(answer.errors![0]!.extensions!.field).toBe('name')
        // At once: refused before Proxmox is asked anything, so no wait for the lock either.
        expect(stack.simulator.requests).toBe(requestsBefore)
      } finally {
        stack.simulator.faults.setLock(201, null)
      }
      expect(stack.simulator.state.tasks.length).toBe(tasksBefore)
    },
  )

  it('accepts a name of exactly 40 characters', async () => {
    const name = `a${'b'.repeat(39)}`
    const answer = await execute(stack.url, CreateSnapshot, { id: CT, name, wait: true })
    expect(answer.data!.createSnapshot.status).toBe('SUCCEEDED')
    expect((await snapshotsOf(CT)).map((snapshot) => snapshot.name)).toContain(name)
  })

  it('refuses a description over 1000 characters, naming description', async () => {
    const answer = await execute(stack.url, CreateSnapshot, { id: VM, name: 'longdesc', description: 'x'.repeat(1001) })
    expect(codeOf(answer)).toBe('BAD_USER_INPUT')
    expect(answer.errors![0]!.extensions!.field).toBe('description')
  })

  it('answers CONFLICT for a name already used, and takes no second snapshot', async () => {
    const answer = await execute(stack.url, CreateSnapshot, { id: VM, name: 'branch' })
    expect(codeOf(answer)).toBe('CONFLICT')
    expect(answer.errors![0]!.message).toContain("snapshot name 'branch' already used")
  })

  it('answers NOT_FOUND naming an unknown snapshot, for rollback and delete', async () => {
    const rollback = await execute(stack.url, RollbackSnapshot, {
      id: VM,
      name: 'nothing_here',
      confirm: 'nothing_here',
    })
    expect(codeOf(rollback)).toBe('NOT_FOUND')
    expect(rollback.errors![0]!.message).toContain("snapshot 'nothing_here'")
    const removal = await execute(stack.url, DeleteSnapshot, { id: VM, name: 'nothing_here' })
    expect(codeOf(removal)).toBe('NOT_FOUND')
    expect(removal.errors![0]!.message).toContain("snapshot 'nothing_here'")
  })

  it('waits out a lock another client holds for a moment, then takes the snapshot', async () => {
    stack.simulator.faults.setLock(105, 'snapshot')
    const release = setTimeout(() => stack.simulator.faults.setLock(105, null), 400)
    try {
      const answer = await execute(stack.url, CreateSnapshot, {
        id: 'pve-lab:qemu/105',
        name: 'after_lock',
        wait: true,
      })
      expect(answer.errors).toBeUndefined()
      expect(answer.data!.createSnapshot.status).toBe('SUCCEEDED')
    } finally {
      clearTimeout(release)
      stack.simulator.faults.setLock(105, null)
    }
    expect((await snapshotsOf('pve-lab:qemu/105')).map((snapshot) => snapshot.name)).toEqual(['after_lock'])
  })

  it(
    'answers CONFLICT for a guest locked by a snapshot ' + 'task that outlasts the retries, and takes nothing',
    async () => {
      // Hangar queues its own actions per server, so the lock comes from elsewhere: another client's
      // snapshot task, held here past the gateway's retry deadline (1.5 s in the test stack).
      stack.simulator.faults.setLock(103, 'snapshot')
      try {
        const requestsBefore = stack.simulator.requests
        const answer = await execute(stack.url, CreateSnapshot, { id: 'pve-lab:qemu/103', name: 'while_locked' })
        expect(codeOf(answer)).toBe('CONFLICT')
        expect(answer.errors![0]!.message).toContain('VM is locked (snapshot)')
        // The guest was read again and again while the gateway waited for the lock to go.
        expect(stack.simulator.requests - requestsBefore).toBeGreaterThanOrEqual(4)
      } finally {
        stack.simulator.faults.setLock(103, null)
      }
      expect(await snapshotsOf('pve-lab:qemu/103')).toEqual([])
    },
  )

  it('takes, lists and deletes Kamatera snapshots through the same fields', async () => {
    const server = [...stack.kamatera!.state.servers.values()][0]!
    const id = `kama:${server.id}`
    const made = await execute(stack.url, CreateSnapshot, { id, name: 'kama-before-upgrade', wait: true })
    expect(made.data!.createSnapshot).toMatchObject({ action: 'snapshot', status: 'SUCCEEDED' })
    const listed = await execute(stack.url, Snapshots, { id })
    expect(listed.data!.server!.snapshots.map((snapshot) => snapshot.name)).toContain('kama-before-upgrade')
    const refused = await execute(stack.url, RollbackSnapshot, {
      id,
      name: 'kama-before-upgrade',
      confirm: 'kama-before',
      wait: true,
    })
    expect(codeOf(refused)).toBe('BAD_USER_INPUT')
    const deleted = await execute(stack.url, DeleteSnapshot, { id, name: 'kama-before-upgrade', wait: true })
    expect(deleted.data!.deleteSnapshot).toMatchObject({ status: 'SUCCEEDED' })
    expect(
      (await execute(stack.url, Snapshots, { id })).data!.server!.snapshots.map((snapshot) => snapshot.name),
    ).not.toContain('kama-before-upgrade')
  }, 60_000)
})
