import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sendOver, type RawAnswer } from '../support/graphql-client.js'
import { kamateraServerSpec } from '../support/kamatera-server-spec.js'
import { registerSecret } from '../support/secrets.js'
import { startStack, type Stack } from '../support/start-stack.js'

/** A server's root password: a secret the suite-wide search looks for in every answer and log. */
const CREATE_PASSWORD = 'HangarTest42x'
registerSecret(CREATE_PASSWORD)

let stack: Stack
beforeAll(async () => {
  stack = await startStack({ kamatera: { commandDurationMs: 300 } })
})
afterAll(() => stack?.close())

const ask = (query: string, variables?: Record<string, unknown>) =>
  sendOver('http', stack.url, undefined, query, variables)
/** A `CreateServerInput` of the server the tests make on `kama`, with `extra` over it. */
const serverInput = (name: string, extra: Record<string, unknown> = {}) => ({
  provider: 'kama',
  ...kamateraServerSpec(name, CREATE_PASSWORD),
  ...extra,
})
/** Creates a server on `kama` and waits for its operation to end. */
const create = (name: string, extra: Record<string, unknown> = {}) =>
  ask(
    'mutation ($input: CreateServerInput!) { createServer(input: $input, wait: true) ' +
      '{ id status serverId logs error } }',
    { input: serverInput(name, extra) },
  )
const idOf = (name: string) =>
  `kama:${[...stack.kamatera!.state.servers.values()].find((server) => server.name === name)!.id}`
const operationOf = (answer: RawAnswer, field: string) => {
  expect(answer.errors).toBeUndefined()
  return answer.data![field] as {
    id: string
    status: string
    serverId: string | null
    logs: string[]
    error: string | null
  }
}
const serverNamed = async (name: string) =>
  (
    (
      await ask(
        'query ($q: String) { servers(provider: "kama", search: $q, first: 100) ' +
          '{ nodes { id name status cpu memoryMb diskGb ips location } } }',
        { q: name },
      )
    ).data!.servers as {
      nodes: {
        id: string
        name: string
        status: string
        cpu: number
        memoryMb: number
        diskGb: number
        ips: string[]
        location: string
      }[]
    }
  ).nodes.filter((server) => server.name === name)

describe('Kamatera through the gateway', () => {
  it('lists Kamatera and Proxmox servers together, with filters and pagination across both', async () => {
    const all = await ask('{ servers(first: 100) { totalCount nodes { id provider } } }')
    const nodes = (all.data!.servers as { totalCount: number; nodes: { id: string; provider: string }[] }).nodes
    expect(new Set(nodes.map((server) => server.provider))).toEqual(new Set(['pve-lab', 'kama']))
    expect(nodes.filter((server) => server.provider === 'kama')).toHaveLength(12)
    const seen: string[] = []
    let after: string | null = null
    for (;;) {
      const page: RawAnswer = await ask(
        'query ($after: String) { servers(first: 7, after: $after) ' +
          '{ pageInfo { hasNextPage endCursor } nodes { id } } }',
        { after },
      )
      const servers = page.data!.servers as {
        pageInfo: { hasNextPage: boolean; endCursor: string }
        nodes: { id: string }[]
      }
      seen.push(...servers.nodes.map((server) => server.id))
      if (!servers.pageInfo.hasNextPage) break
      after = servers.pageInfo.endCursor
    }
    expect(seen).toEqual(nodes.map((server) => server.id))
    const stopped = await ask('{ servers(provider: "kama", status: STOPPED, first: 100) { nodes { name status } } }')
    expect((stopped.data!.servers as { nodes: { name: string }[] }).nodes.map((server) => server.name).sort()).toEqual([
      'cache-ny-01',
      'ci-il-01',
      'worker-eu-01',
    ])
  })

  it('shows a server with cores from "4D", memory, disks, public IPs first, datacenter and prices', async () => {
    const [db] = await serverNamed('db-eu-01')
    expect(db).toMatchObject({ status: 'RUNNING', cpu: 4, memoryMb: 16384, location: 'EU' })
    expect(db!.ips[0]).not.toMatch(/^(10|172|192\.168)\./)
    const details = await ask('query ($id: ID!) { server(id: $id) { details } }', { id: db!.id })
    expect((details.data!.server as { details: Record<string, unknown> }).details).toMatchObject({
      cpu: '4D',
      datacenter: 'EU',
      billing: 'monthly',
      priceMonthlyOn: expect.any(String),
    })
  })

  it('shows one resource per datacenter in use', async () => {
    const answer = await ask(
      '{ resources(provider: "kama") { name status vms { total running } cpu { cores } memory { total used } } }',
    )
    const resources = answer.data!.resources as { name: string; vms: { total: number; running: number } }[]
    expect(resources.map((resource) => resource.name)).toEqual(['EU', 'IL', 'US-NY2'])
    expect(resources.find((resource) => resource.name === 'EU')!.vms).toEqual({ total: 5, running: 4 })
  })

  it('starts, reboots and stops a server, following the command queue and its growing log', async () => {
    const id = idOf('worker-eu-01')
    const started = operationOf(
      await ask('mutation ($id: ID!) { startServer(id: $id, wait: true) { id status logs error } }', { id }),
      'startServer',
    )
    expect(started.status).toBe('SUCCEEDED')
    expect(started.logs.length).toBeGreaterThan(0)
    expect((await serverNamed('worker-eu-01'))[0]!.status).toBe('RUNNING')
    expect(
      operationOf(
        await ask('mutation ($id: ID!) { rebootServer(id: $id, wait: true) { status } }', { id }),
        'rebootServer',
      ).status,
    ).toBe('SUCCEEDED')
    expect(
      operationOf(await ask('mutation ($id: ID!) { stopServer(id: $id, wait: true) { status } }', { id }), 'stopServer')
        .status,
    ).toBe('SUCCEEDED')
    expect((await serverNamed('worker-eu-01'))[0]!.status).toBe('STOPPED')
  })

  it('records a command that ends in error as a FAILED operation with its log', async () => {
    stack.kamatera!.faults.failNextCommand('ci-il-01', 'hypervisor maintenance in IL')
    const failed = operationOf(
      await ask('mutation ($id: ID!) { startServer(id: $id, wait: true) { status error logs } }', {
        id: idOf('ci-il-01'),
      }),
      'startServer',
    )
    expect(failed.status).toBe('FAILED')
    expect(failed.error).toContain('hypervisor maintenance in IL')
  })

  it('answers NOT_FOUND for an unknown server id', async () => {
    const answer = await ask('mutation { stopServer(id: "kama:00000000-0000-4000-8000-000000000000") { id } }')
    expect(answer.errors?.[0]?.extensions?.code).toBe('NOT_FOUND')
  })

  it('destroys a running server (terminate with force) once confirm names it', async () => {
    const id = idOf('web-ny-01')
    const refused = await ask('mutation ($id: ID!) { destroyServer(id: $id, confirm: "web-ny-1") { id } }', { id })
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
    const destroyed = operationOf(
      await ask('mutation ($id: ID!) { destroyServer(id: $id, confirm: "web-ny-01", wait: true) { status } }', { id }),
      'destroyServer',
    )
    expect(destroyed.status).toBe('SUCCEEDED')
    expect(await serverNamed('web-ny-01')).toEqual([])
  })
})

describe('creating, resizing and cloning Kamatera servers', () => {
  it('offers datacenters, images and CPU types for a create form', async () => {
    const all = await ask('{ catalog(provider: "kama") { locations { id name } images { id } } }')
    const catalog = all.data!.catalog as { locations: { id: string }[]; images: unknown[] }
    expect(catalog.locations.map((location) => location.id)).toEqual(expect.arrayContaining(['EU', 'US-NY2', 'IL']))
    expect(catalog.images).toEqual([])
    const eu = await ask(
      '{ catalog(provider: "kama", location: "EU") { images { id name ' +
        'os location } cpuTypes { id cores memoryMb } diskSizesGb } }',
    )
    const euCatalog = eu.data!.catalog as {
      images: { id: string; location: string }[]
      cpuTypes: { id: string }[]
      diskSizesGb: number[]
    }
    expect(euCatalog.images.length).toBeGreaterThan(0)
    expect(euCatalog.images.every((image) => image.location === 'EU' && image.id.startsWith('EU:'))).toBe(true)
    expect(euCatalog.cpuTypes.map((type) => type.id)).toEqual(expect.arrayContaining(['A', 'B', 'D', 'T']))
    expect(
      (await ask('{ catalog(provider: "kama", location: "MARS") { images { id } } }')).errors?.[0]?.extensions?.code,
    ).toBe('BAD_USER_INPUT')
  })

  it('creates a server and links the operation to it', async () => {
    const images = await ask('{ catalog(provider: "kama", location: "EU") { images { id name } } }')
    const image = (images.data!.catalog as { images: { id: string; name: string }[] }).images.find((candidate) =>
      /ubuntu/i.test(candidate.name),
    )!
    const made = operationOf(
      await create('shop-eu-01', {
        image: image.id,
        options: { cpuType: 'D', billing: 'monthly', trafficPackage: 't5000', tags: ['shop'] },
      }),
      'createServer',
    )
    expect(made.status).toBe('SUCCEEDED')
    expect(made.logs).toContain('Name: shop-eu-01')
    const [server] = await serverNamed('shop-eu-01')
    expect(made.serverId).toBe(server!.id)
    expect(server).toMatchObject({ cpu: 2, memoryMb: 2048, diskGb: 20, location: 'EU', status: 'RUNNING' })
    expect(stack.kamatera!.state.servers.get(server!.id.slice('kama:'.length))!.cpu).toBe('2D')
  })

  it('links the operation to "name(1)" when Kamatera renames a clashing create', async () => {
    const made = operationOf(await create('web-eu-01'), 'createServer')
    expect(made.status).toBe('SUCCEEDED')
    expect(made.logs).toContain('Name: web-eu-01(1)')
    const renamed = [...stack.kamatera!.state.servers.values()].find((server) => server.name === 'web-eu-01(1)')!
    expect(made.serverId).toBe(`kama:${renamed.id}`)
  })

  it('does not create twice when the answer to a create is lost: it finds the one server', async () => {
    stack.kamatera!.faults.dropConnection({ method: 'POST', path: '/service/server', times: 1, afterProcessing: true })
    const made = operationOf(await create('lost-answer-01'), 'createServer')
    expect(made.status).toBe('SUCCEEDED')
    expect(made.logs[0]).toMatch(/the answer to the create of lost-answer-01 was lost/)
    const servers = stack.kamatera!.state.serversNamed('lost-answer-01')
    expect(servers).toHaveLength(1)
    expect(made.serverId).toBe(`kama:${servers[0]!.id}`)
  })

  it('refuses bad create input, naming the field, and creates nothing', async () => {
    const before = stack.kamatera!.state.servers.size
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'x' }, 'input.name'],
      [{ cpu: 0 }, 'input.cpu'],
      [{ location: null }, 'input.location'],
      [{ password: null }, 'input.password'],
      [{ options: { cpuType: 'Z' } }, 'input.options.cpuType'],
      [{ options: { colour: 'blue' } }, 'input.options'],
    ]
    for (const [extra, field] of cases) {
      const answer = await create('bad-input-01', extra)
      expect(answer.errors?.[0]?.extensions?.code, field).toBe('BAD_USER_INPUT')
      expect(answer.errors![0]!.message.startsWith(field), answer.errors![0]!.message).toBe(true)
    }
    const unknownImage = await create('bad-image-01', { image: 'no such image' })
    expect(unknownImage.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.image' })
    expect(unknownImage.errors![0]!.message).toBe(
      'input.image: datacenter EU offers no image "no such image" (see `catalog` with location EU)',
    )
    expect(stack.kamatera!.state.servers.size).toBe(before)
  })

  it('resizes one thing per call, keeping the CPU type', async () => {
    const id = idOf('api-eu-01')
    const both = await ask('mutation ($id: ID!) { resizeServer(id: $id, input: { cpu: 8, memoryMb: 16384 }) { id } }', {
      id,
    })
    expect(both.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
    expect(both.errors![0]!.message).toMatch(/^input: give exactly one/)
    expect(
      operationOf(
        await ask('mutation ($id: ID!) { resizeServer(id: $id, input: { cpu: 8 }, wait: true) { status } }', { id }),
        'resizeServer',
      ).status,
    ).toBe('SUCCEEDED')
    expect(
      operationOf(
        await ask('mutation ($id: ID!) { resizeServer(id: $id, input: { memoryMb: 16384 }, wait: true) { status } }', {
          id,
        }),
        'resizeServer',
      ).status,
    ).toBe('SUCCEEDED')
    const server = stack.kamatera!.state.servers.get(id.slice('kama:'.length))!
    expect([server.cpu, server.ram]).toEqual(['8B', 16384])
  })

  it('clones a server under a new name', async () => {
    const made = operationOf(
      await ask(
        'mutation ($id: ID!) { cloneServer(id: $id, input: { name: "web-eu-03", ' +
          'memoryMb: 8192 }, wait: true) { status serverId } }',
        { id: idOf('web-eu-02') },
      ),
      'cloneServer',
    )
    expect(made.status).toBe('SUCCEEDED')
    const [copy] = await serverNamed('web-eu-03')
    expect(made.serverId).toBe(copy!.id)
    expect(copy).toMatchObject({ cpu: 2, memoryMb: 8192, location: 'EU' })
  })

  it('refuses a copy into another datacenter, which Kamatera cannot make, naming input.location', async () => {
    const before = (await serverNamed('web-eu-04')).length
    const answer = await ask(
      'mutation ($id: ID!) { cloneServer(id: $id, input: { name: "web-eu-04", location: "US-NY2" }) { id } }',
      { id: idOf('web-eu-02') },
    )
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.location' })
    expect(answer.errors![0]!.message).toMatch(/Kamatera copies a server within its own datacenter \(EU\)/)
    expect(await serverNamed('web-eu-04')).toHaveLength(before)
  })
})

describe('a Kamatera account that misbehaves', () => {
  /** How many servers the gateway at `url` lists, and which providers it could not ask. */
  const serverCount = async (url: string) => {
    const answer = await sendOver('http', url, undefined, '{ servers(first: 100) { totalCount unavailableProviders } }')
    return answer.data!.servers
  }

  it('answers PROVIDER_UNAVAILABLE naming the provider for bad credentials, with no secret in it', async () => {
    const broken = await startStack({ kamatera: { provider: { secret: 'kama-wrong-secret-9d2c' } } })
    try {
      const answer = await sendOver(
        'http',
        broken.url,
        undefined,
        '{ servers(provider: "kama") { totalCount } providers { name connected error } }',
      )
      expect(answer.errors?.[0]?.extensions?.code).toBe('PROVIDER_UNAVAILABLE')
      expect(answer.errors![0]!.message).toMatch(/^kama: Kamatera refused our credentials \(you are not logged in\)/)
      expect(JSON.stringify(answer)).not.toContain('kama-wrong-secret-9d2c')
      expect(await serverCount(broken.url)).toEqual({ totalCount: 12, unavailableProviders: ['kama'] })
      // Hosts: `resources` fails whole, `providers { resources }` answers for each provider apart.
      const whole = await sendOver('http', broken.url, undefined, '{ resources { name } }')
      expect(whole.errors?.[0]?.extensions?.code).toBe('PROVIDER_UNAVAILABLE')
      const apart = await sendOver('http', broken.url, undefined, '{ providers { name resources { name } } }')
      expect(apart.data).toEqual({
        providers: [
          { name: 'pve-lab', resources: [{ name: 'pve1' }, { name: 'pve2' }] },
          { name: 'kama', resources: null },
        ],
      })
      expect(apart.errors).toHaveLength(1)
      expect(apart.errors![0]).toMatchObject({
        path: ['providers', 1, 'resources'],
        extensions: { code: 'PROVIDER_UNAVAILABLE' },
      })
      expect(apart.errors![0]!.message).toMatch(/^kama: Kamatera refused our credentials/)
      expect(JSON.stringify(apart)).not.toContain('kama-wrong-secret-9d2c')
    } finally {
      await broken.close()
    }
  })

  it('does not hold up the other provider beyond its own timeout when slow', async () => {
    const slow = await startStack({ kamatera: { provider: { requestTimeoutMs: 500, retryDeadlineMs: 0 } } })
    try {
      slow.kamatera!.faults.setLatency(10_000)
      const started = Date.now()
      expect(await serverCount(slow.url)).toEqual({ totalCount: 12, unavailableProviders: ['kama'] })
      expect(Date.now() - started).toBeLessThan(5_000)
    } finally {
      slow.kamatera!.faults.reset()
      await slow.close()
    }
  })

  it('retries the intermittent serversInfo failure and still shows details', async () => {
    stack.kamatera!.faults.failServersInfo(2)
    const [server] = await serverNamed('vpn-il-01')
    expect(server).toMatchObject({ cpu: 1, memoryMb: 1024 })
  })
})

describe('Kamatera answering 429 and creates whose outcome is unknown', () => {
  type OperationState = { id: string; status: string; serverId: string | null; logs: string[]; error: string | null }
  const startCreate = async (url: string, name: string, extra: Record<string, unknown> = {}) => {
    const answer = await sendOver(
      'http',
      url,
      undefined,
      'mutation ($input: CreateServerInput!) { createServer(input: $input) { id status serverId logs error } }',
      { input: serverInput(name, extra) },
    )
    expect(answer.errors).toBeUndefined()
    return answer.data!.createServer as OperationState
  }
  /** Reads the operation until it ends, keeping every status seen on the way. */
  const followOperation = async (url: string, id: string) => {
    const seen: string[] = []
    for (;;) {
      const answer = await sendOver(
        'http',
        url,
        undefined,
        'query ($id: ID!) { operation(id: $id) { id status serverId logs error } }',
        { id },
      )
      const operation = answer.data!.operation as OperationState
      seen.push(operation.status)
      if (operation.status === 'SUCCEEDED' || operation.status === 'FAILED') return { operation, seen }
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }

  it('creates while the command queue answers 429 a few times: SUCCEEDED with the server id, one server', async () => {
    const queueReads = () => stack.kamatera!.requestLog.filter((entry) => entry.path === '/service/queue')
    const readsBefore = queueReads().length
    stack.kamatera!.faults.rateLimit({ method: 'GET', path: '/service/queue', times: 3 })
    try {
      const made = operationOf(await create('throttled-01'), 'createServer')
      expect(made.status).toBe('SUCCEEDED')
      expect(
        queueReads()
          .slice(readsBefore)
          .slice(0, 3)
          .map((entry) => entry.status),
      ).toEqual([429, 429, 429])
      const servers = stack.kamatera!.state.serversNamed('throttled-01')
      expect(servers).toHaveLength(1)
      expect(made.serverId).toBe(`kama:${servers[0]!.id}`)
      expect(made.logs).toContain('Name: throttled-01')
      expect(made.logs.filter((line) => /cannot read command|looking for/.test(line))).toEqual([])
    } finally {
      stack.kamatera!.faults.reset()
    }
  })

  it('waits as long as Retry-After asks before reading the queue again', async () => {
    const readsBefore = stack.kamatera!.requestLog.length
    stack.kamatera!.faults.rateLimit({ method: 'GET', path: '/service/queue', times: 1, retryAfter: 1 })
    try {
      const made = operationOf(await create('retry-after-01'), 'createServer')
      expect(made.status).toBe('SUCCEEDED')
      const reads = stack.kamatera!.requestLog.slice(readsBefore).filter((entry) => entry.path === '/service/queue')
      const limited = reads.findIndex((entry) => entry.status === 429)
      expect(limited).toBeGreaterThanOrEqual(0)
      expect(reads[limited + 1]!.at - reads[limited]!.at).toBeGreaterThanOrEqual(1_000)
    } finally {
      stack.kamatera!.faults.reset()
    }
  })

  it(
    'keeps a create RUNNING while the queue stays unreadable, ' + 'then ends with the server it found, made once',
    async () => {
      stack.kamatera!.faults.rateLimit({ method: 'GET', path: '/service/queue', retryAfter: 1 })
      try {
        const started = await startCreate(stack.url, 'unreadable-01')
        expect(started.status).toBe('RUNNING')
        const { operation, seen } = await followOperation(stack.url, started.id)
        expect(seen.slice(0, -1).every((status) => status === 'RUNNING')).toBe(true)
        expect(operation.status).toBe('SUCCEEDED')
        const servers = stack.kamatera!.state.serversNamed('unreadable-01')
        expect(servers).toHaveLength(1)
        expect(operation.serverId).toBe(`kama:${servers[0]!.id}`)
        expect(operation.logs.some((line) => /looking for (the )?server unreadable-01/i.test(line))).toBe(true)
      } finally {
        stack.kamatera!.faults.reset()
      }
    },
  )

  it('ends a create it cannot find with an error that says the outcome is unknown and names the server', async () => {
    const short = await startStack({ kamatera: { provider: { createRecoveryMs: 1_500 } } })
    try {
      short.kamatera!.faults.rateLimit({ method: 'GET', path: '/service/queue' })
      short.kamatera!.faults.failNextCommand('vanished-01', 'Not enough resources in datacenter')
      const started = await startCreate(short.url, 'vanished-01')
      const { operation, seen } = await followOperation(short.url, started.id)
      expect(seen.slice(0, -1).every((status) => status === 'RUNNING')).toBe(true)
      expect(operation.status).toBe('FAILED')
      expect(operation.error).toMatch(/outcome .*unknown/i)
      expect(operation.error).toContain('vanished-01')
      expect(short.kamatera!.state.serversNamed('vanished-01')).toHaveLength(0)
    } finally {
      await short.close()
    }
  })
})

describe('Kamatera input and state checks before calling upstream', () => {
  const createWith = (password: string) =>
    ask('mutation ($input: CreateServerInput!) { createServer(input: $input, wait: true) { id status } }', {
      input: serverInput('bad-password-01', { password }),
    })

  it(
    "refuses a password that breaks Kamatera's rule, " + 'naming input.password and the rule, and creates nothing',
    async () => {
      const creates = () =>
        stack.kamatera!.requestLog.filter((entry) => entry.method === 'POST' && entry.path === '/service/server').length
      const before = { creates: creates(), servers: stack.kamatera!.state.servers.size }
      for (const password of [
        'Short1a',
        'Waytoolong1234567890x',
        'nouppercase42',
        'NOLOWERCASE42',
        'NoDigitsHere',
        'Has space 42A',
        'Percent%42Ab',
      ]) {
        const answer = await createWith(password)
        expect(answer.errors?.[0]?.extensions?.code, password).toBe('BAD_USER_INPUT')
        expect(answer.errors![0]!.extensions!.field).toBe('input.password')
        expect(answer.errors![0]!.message).toMatch(/^input\.password: .*10 to 20 .*upper.*lower.*digit/)
        expect(answer.errors![0]!.message).toContain('!@#$^&*()~')
        expect(JSON.stringify(answer)).not.toContain(password)
      }
      expect(creates()).toBe(before.creates)
      expect(stack.kamatera!.state.servers.size).toBe(before.servers)
    },
  )

  it('refuses to reboot a stopped server with CONFLICT, naming it and its state, and changes nothing', async () => {
    const id = idOf('cache-ny-01')
    const server = stack.kamatera!.state.server(id.slice('kama:'.length))!
    expect(server.power).toBe('off')
    const reboots = () => stack.kamatera!.requestLog.filter((entry) => entry.path === '/service/server/reboot').length
    const before = { reboots: reboots(), commands: stack.kamatera!.state.commands.length }
    const answer = await ask('mutation ($id: ID!) { rebootServer(id: $id, wait: true) { id status } }', { id })
    expect(answer.errors?.[0]?.extensions?.code).toBe('CONFLICT')
    expect(answer.errors![0]!.message).toMatch(/^kama: .*cache-ny-01.*STOPPED/)
    expect(reboots()).toBe(before.reboots)
    expect(stack.kamatera!.state.commands.length).toBe(before.commands)
    expect(stack.kamatera!.state.server(server.id)!.power).toBe('off')
  })

  it('refuses to start a server that is already running with CONFLICT', async () => {
    const id = idOf('db-eu-01')
    const before = stack.kamatera!.state.commands.length
    const answer = await ask('mutation ($id: ID!) { startServer(id: $id, wait: true) { id status } }', { id })
    expect(answer.errors?.[0]?.extensions?.code).toBe('CONFLICT')
    expect(answer.errors![0]!.message).toMatch(/^kama: .*db-eu-01.*RUNNING/)
    expect(stack.kamatera!.state.commands.length).toBe(before)
  })
})
