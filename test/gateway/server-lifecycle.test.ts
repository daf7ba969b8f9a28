import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sendOver } from '../support/graphql-client.js'
import { registerSecret } from '../support/secrets.js'
import { startStack, type Stack } from '../support/start-stack.js'

/** The new servers' root password: the suite-wide search looks for it in every answer and log. */
const PASSWORD = 'Lifecycle42xyz'
registerSecret(PASSWORD)

let stack: Stack
beforeAll(async () => {
  stack = await startStack({ simulator: { taskDurationMs: 80 }, kamatera: { commandDurationMs: 100 } })
})
afterAll(() => stack?.close())

type Operation = { action: string; status: string; serverId: string | null; logs: string[]; error: string | null }
const FIELDS = '{ action status serverId logs error }'

async function run(field: string, query: string, variables: Record<string, unknown>): Promise<Operation> {
  const answer = await sendOver('http', stack.url, undefined, query, variables)
  expect(answer.errors, field).toBeUndefined()
  const operation = answer.data![field] as Operation
  expect(operation, `${field}: ${operation.error}`).toMatchObject({ status: 'SUCCEEDED', error: null })
  expect(JSON.stringify(operation)).not.toContain(PASSWORD)
  return operation
}

const create = (input: Record<string, unknown>) =>
  run('createServer', `mutation ($input: CreateServerInput!) { createServer(input: $input, wait: true) ${FIELDS} }`, {
    input: { password: PASSWORD, ...input },
  })
const clone = (id: string, input: Record<string, unknown>) =>
  run(
    'cloneServer',
    `mutation ($id: ID!, $input: CloneServerInput!) { cloneServer(id: $id, input: $input, wait: true) ${FIELDS} }`,
    { id, input },
  )
const resize = (id: string, input: Record<string, unknown>) =>
  run(
    'resizeServer',
    `mutation ($id: ID!, $input: ResizeServerInput!) { resizeServer(id: $id, input: $input, wait: true) ${FIELDS} }`,
    { id, input },
  )
const snapshot = (id: string, name: string) =>
  run(
    'createSnapshot',
    `mutation ($id: ID!, $name: String!) { createSnapshot(id: $id, name: $name, wait: true) ${FIELDS} }`,
    { id, name },
  )
const rollback = (id: string, name: string) =>
  run(
    'rollbackSnapshot',
    `mutation ($id: ID!, $name: String!) { rollbackSnapshot(id: $id, ` +
      `name: $name, confirm: $name, wait: true) ${FIELDS} }`,
    { id, name },
  )
const destroy = (id: string) =>
  run(
    'destroyServer',
    `mutation ($id: ID!, $confirm: String!) { destroyServer(id: $id, confirm: $confirm, wait: true) ${FIELDS} }`,
    { id, confirm: id },
  )
const power = (id: string) =>
  run('startServer', `mutation ($id: ID!) { startServer(id: $id, wait: true) ${FIELDS} }`, { id })

async function server(id: string) {
  const answer = await sendOver(
    'http',
    stack.url,
    undefined,
    'query ($id: ID!) { server(id: $id) { id name kind status ' +
      'cpu memoryMb diskGb location snapshots { name parent } } }',
    { id },
  )
  expect(answer.errors).toBeUndefined()
  return answer.data!.server as {
    id: string
    name: string
    kind: string
    status: string
    cpu: number
    memoryMb: number
    diskGb: number
    location: string
    snapshots: { name: string; parent: string | null }[]
  } | null
}

async function catalogImages(provider: string, location: string) {
  const answer = await sendOver(
    'http',
    stack.url,
    undefined,
    'query ($p: String!, $l: String) { catalog(provider: $p, location: $l) { images { id name } } }',
    { p: provider, l: location },
  )
  expect(answer.errors).toBeUndefined()
  return (answer.data!.catalog as { images: { id: string; name: string }[] }).images
}

/** A server's whole life from the catalog on: made, copied, grown, snapshotted, rolled back and destroyed. */
async function wholeLife(options: {
  provider: string
  location: string
  image: string
  kind: 'VM' | 'CONTAINER'
  name: string
  createLog: RegExp
  cloneLog: RegExp
}) {
  const made = await create({
    provider: options.provider,
    name: options.name,
    image: options.image,
    location: options.location,
    cpu: 1,
    memoryMb: 1024,
    diskGb: 20,
    powerOn: false,
  })
  expect(made.logs.join('\n')).toMatch(options.createLog)
  const id = made.serverId!
  expect(await server(id)).toMatchObject({
    name: options.name,
    kind: options.kind,
    status: 'STOPPED',
    location: options.location,
    cpu: 1,
    memoryMb: 1024,
  })

  const copied = await clone(id, { name: `${options.name}-copy`, cpu: 2 })
  expect(copied.logs.join('\n')).toMatch(options.cloneLog)
  const copy = copied.serverId!
  expect(copy).not.toBe(id)
  expect(await server(copy)).toMatchObject({
    name: `${options.name}-copy`,
    kind: options.kind,
    status: 'RUNNING',
    cpu: 2,
  })

  await resize(id, { diskGb: 30 })
  await resize(id, { memoryMb: 2048 })
  expect(await server(id)).toMatchObject({ diskGb: 30, memoryMb: 2048 })

  await snapshot(id, 'before-start')
  await power(id)
  await snapshot(id, 'started')
  expect((await server(id))!.snapshots).toEqual([
    { name: 'before-start', parent: null },
    { name: 'started', parent: 'before-start' },
  ])
  await rollback(id, 'before-start')
  // Proxmox brings a guest back as the snapshot found it: stopped, without RAM state.
  if (options.provider === 'pve-lab') expect((await server(id))!.status).toBe('STOPPED')

  for (const each of [copy, id]) {
    await destroy(each)
    expect(await server(each)).toBeNull()
  }
}

describe('the whole life of a server through GraphQL', () => {
  it('a Proxmox VM from a template of the catalog', async () => {
    const images = await catalogImages('pve-lab', 'pve1')
    expect(images).toContainEqual({ id: '9000', name: 'debian-12-cloudinit' })
    await wholeLife({
      provider: 'pve-lab',
      location: 'pve1',
      image: '9000',
      kind: 'VM',
      name: 'life-vm',
      createLog: new RegExp(
        /create full clone of drive scsi0 \(local-lvm:base-9000-disk-0\)[\s\S]*TASK OK/.source +
          /[\s\S]*-cipassword <hidden>[\s\S]*made VM qemu\/\d+ \(life-vm\) on pve1/.source,
      ),
      cloneLog: /cloning qemu\/\d+ \(life-vm\) to \d+ on pve1 \(full clone\)[\s\S]*TASK OK[\s\S]*a copy of qemu\/\d+/,
    })
  }, 120_000)

  it('a Proxmox container from a container template of the catalog', async () => {
    const template = (await catalogImages('pve-lab', 'pve2')).find((image) => image.id.includes(':vztmpl/'))!
    await wholeLife({
      provider: 'pve-lab',
      location: 'pve2',
      image: template.id,
      kind: 'CONTAINER',
      name: 'life-ct',
      createLog: new RegExp(
        /creating container \d+ \(life-ct\) on pve2 from local:vztmpl\/debian-12[\s\S]*TASK OK/.source +
          /[\s\S]*made container lxc\/\d+ \(life-ct\) on pve2/.source,
      ),
      cloneLog: /cloning lxc\/\d+ \(life-ct\) to \d+ on pve2 \(full clone\)[\s\S]*TASK OK/,
    })
  }, 120_000)

  it('a Kamatera server from an image of the catalog', async () => {
    const [image] = await catalogImages('kama', 'EU')
    await wholeLife({
      provider: 'kama',
      location: 'EU',
      image: image!.id,
      kind: 'VM',
      name: 'life-kama',
      createLog: /Server created successfully/,
      cloneLog: /Server created successfully/,
    })
  }, 120_000)
})

describe('what cannot be made is refused through GraphQL, naming the field, and nothing is made', () => {
  it.each([
    ['an unknown image', { image: 'ubuntu-99' }, 'input.image'],
    ['a name Proxmox refuses', { name: 'web_01' }, 'input.name'],
    ['a container kind for a VM template', { kind: 'CONTAINER' }, 'input.kind'],
    ["a disk smaller than the template's", { diskGb: 1 }, 'input.diskGb'],
    ['an unknown node', { location: 'pve9' }, 'input.location'],
    ['an option Proxmox does not have', { options: { colour: 'blue' } }, 'input.options.colour'],
  ])('%s', async (_what, change, field) => {
    const before = stack.simulator.state.guests.size
    const answer = await sendOver(
      'http',
      stack.url,
      undefined,
      'mutation ($input: CreateServerInput!) { createServer(input: $input) { id } }',
      {
        input: {
          provider: 'pve-lab',
          name: 'refused-01',
          image: '9000',
          cpu: 1,
          memoryMb: 1024,
          diskGb: 20,
          password: PASSWORD,
          ...change,
        },
      },
    )
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field })
    expect(answer.errors![0]!.message.startsWith(`${field}: `)).toBe(true)
    expect(JSON.stringify(answer)).not.toContain(PASSWORD)
    expect(stack.simulator.state.guests.size).toBe(before)
  })
})
