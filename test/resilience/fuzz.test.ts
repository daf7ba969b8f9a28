import fc from 'fast-check'
import type { GraphQLFormattedError } from 'graphql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createOperationStore } from '../../src/db/operation-store.js'
import { openDatabase, type Database } from '../../src/db/open-database.js'
import { codeProblems, namesField } from '../support/contract-codes.js'
import { anyJsonValue, idLike, isCanonicalNumber, trickyStrings } from '../support/fuzz-values.js'
import { callGraphql, type GraphQLCall } from '../support/graphql-call.js'
import { assertNoSecret, registerSecret } from '../support/secrets.js'
import { startStack, type Stack } from '../support/start-stack.js'
import { upstreamState } from '../support/upstream-fleet.js'
import type { JsonAnswer } from '../support/json-answer.js'

/**
 * Property-based tests of every input of the GraphQL API and the REST shim: whatever a client
 * sends, the gateway answers without a 5xx or an internal error, every error carries a contract
 * code, a BAD_USER_INPUT names the field it is about, and a refused request changes nothing,
 * upstream or in the database. Seeded and bounded: a failure prints fast-check's shrunk
 * counterexample and the seed to replay it with.
 */
const SEED = Number(process.env.HANGAR_FUZZ_SEED ?? 4_242)
/** Runs per property; every run is one request (two snapshots around a mutation). */
const RUNS = { queries: 150, actions: 60, inputs: 80, transport: 60, rest: 60 }
const TIME_LIMIT_MS = 8_000
const settings = (numRuns: number): fc.Parameters<unknown> => ({
  seed: SEED,
  numRuns,
  interruptAfterTimeLimit: TIME_LIMIT_MS,
  markInterruptAsFailure: false,
})

const PASSWORD = 'HangarFuzz42x'
registerSecret(PASSWORD)
const GITHUB_URL = 'https://github.com/acme/node-hello.git'
const KAMATERA_IMAGE = 'Ubuntu Server version 24.04 LTS (noble) 64-bit'

let stack: Stack
let database: Database
let proxmoxId: string
let proxmoxName: string
let kamateraId: string
let kamateraName: string
let serverIds: string[]
let made = 0

beforeAll(async () => {
  stack = await startStack({
    simulator: { taskDurationMs: 100 },
    kamatera: { commandDurationMs: 100 },
    env: { HANGAR_MUTATION_RATE_LIMIT: '0' },
  })
  database = await openDatabase(stack.env.DATABASE_URL!)
  const guest = stack.simulator.state.guests.get(101)!
  proxmoxId = 'pve-lab:qemu/101'
  proxmoxName = guest.config.name!
  const server = [...stack.kamatera!.state.servers.values()].find((candidate) => candidate.name === 'web-eu-02')!
  kamateraId = `kama:${server.id}`
  kamateraName = server.name
  serverIds = ['pve-lab:qemu/100', proxmoxId, 'pve-lab:lxc/200', kamateraId]
  // Two deployments that ended before anything runs: an action taken by misreading an id shows.
  for (const name of ['fuzz-one', 'fuzz-two']) {
    const deployment = await stack.gateway.hangar.deployments.store.create(
      {
        name,
        type: 'VM',
        framework: 'nodejs',
        githubUrl: GITHUB_URL,
        branch: 'main',
        cpu: 2,
        memory: 2048,
        disk: 20,
        provider: 'pve-lab',
      },
      { publicKey: 'ssh-ed25519 AAAA fuzz', privateKey: 'unused by this test' },
    )
    await stack.gateway.hangar.deployments.store.update(deployment.id, { status: 'FAILED', error: 'left as it was' })
  }
}, 60_000)
afterAll(async () => {
  await database?.close()
  await stack?.close()
})

/** A value as it reads in an id or a URL: only strings and numbers have one. */
const asText = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '')

/** The ids of the deployments that exist now (earlier runs may have made some). */
const deploymentIds = async () => (await deploymentsNow()).map((deployment) => deployment.id)

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Deployments as the API lists them, with what an action would change. */
async function deploymentsNow(): Promise<
  { id: string; status: string; step: string | null; error: string | null; name: string }[]
> {
  const answer = await callGraphql(stack.url, '{ deployments(first: 500) { nodes { id status step error name } } }')
  return answer.data!.deployments.nodes
}

/** Everything a refused request must leave as it was: the upstreams and the deployments. */
async function snapshot(): Promise<string> {
  return JSON.stringify({ upstream: upstreamState(stack), deployments: await deploymentsNow() })
}

/**
 * After a request that went through: cancels what it started (a deployment), and waits until
 * every operation has ended and the upstreams stand still, so that the next run's snapshots are
 * not moved by it.
 */
async function settle(): Promise<void> {
  for (const deployment of await deploymentsNow()) {
    if (deployment.status === 'PENDING' || deployment.status === 'CREATING') {
      await callGraphql(stack.url, 'mutation ($id: ID!) { cancelDeployment(id: $id) { id } }', { id: deployment.id })
    }
  }
  const operations = createOperationStore(database.db)
  const started = Date.now()
  let last = ''
  for (;;) {
    const now = await snapshot()
    const busy =
      (await operations.listUnfinished()).length > 0 ||
      (await deploymentsNow()).some((deployment) => deployment.status === 'PENDING' || deployment.status === 'CREATING')
    if ((!busy && now === last) || Date.now() - started > 15_000) return
    last = now
    await sleep(150)
  }
}

/** `base` with `value` at `path` (dots for nesting); `undefined` leaves the key out. */
function withValue(base: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(base)
  const keys = path.split('.')
  let target: Record<string, unknown> = copy
  for (const key of keys.slice(0, -1)) {
    if (typeof target[key] !== 'object' || target[key] === null || Array.isArray(target[key])) target[key] = {}
    target = target[key] as Record<string, unknown>
  }
  const last = keys.at(-1)!
  if (value === undefined) delete target[last]
  // defineProperty: a key such as "__proto__" must stay a key of the JSON sent.
  else Object.defineProperty(target, last, { value, enumerable: true, writable: true, configurable: true })
  return copy
}

/** One fuzzed request: a document, its variables, and the argument paths a refusal may name. */
interface GraphQLCase {
  query: string
  variables: Record<string, unknown>
  /** The argument changed from a valid request, e.g. `input.cpu`. */
  fields: string[]
  /** The root field, whose null data means the request was refused. */
  root: string
}

/** Cases that change one argument of a valid request: one case arbitrary per path. */
function oneArgument(
  root: string,
  query: string,
  base: () => Record<string, unknown>,
  paths: Record<string, fc.Arbitrary<unknown>>,
  also: string[] = [],
): fc.Arbitrary<GraphQLCase> {
  return fc.oneof(
    ...Object.entries(paths).map(([path, values]) =>
      values.map((value) => ({ query, root, fields: [path, ...also], variables: withValue(base(), path, value) })),
    ),
  )
}

/** Any value, or the argument left out, or one of the given values. */
const anyOr = (...values: unknown[]) =>
  fc.oneof(
    { weight: 3, arbitrary: anyJsonValue },
    { weight: 1, arbitrary: fc.constant(undefined) },
    ...(values.length > 0 ? [{ weight: 2, arbitrary: fc.constantFrom(...values) }] : []),
  )

/**
 * What is wrong with a GraphQL answer: a 5xx, no answer, an error without a contract code, a BAD_USER_INPUT not naming
 * the field.
 */
function answerProblems(call: GraphQLCall, fields: readonly string[]): string[] {
  if (call.status === 0 || call.status >= 500) return [`HTTP ${call.status} ${call.text.slice(0, 300)}`]
  if (!call.data && !call.errors) return [`neither data nor errors: HTTP ${call.status} ${call.text.slice(0, 300)}`]
  const problems = codeProblems(call.errors)
  for (const error of call.errors ?? []) {
    if (error.extensions?.code === 'BAD_USER_INPUT' && !fields.some((field) => namesField(error, field))) {
      problems.push(
        `BAD_USER_INPUT naming none of ${fields.join(', ')}:` +
          ` ${JSON.stringify({ message: error.message, field: error.extensions?.field })}`,
      )
    }
  }
  return problems
}

const refused = (call: GraphQLCall, root: string) =>
  (call.errors?.length ?? 0) > 0 && (call.data?.[root] ?? null) === null

/** Sends one case; checks the answer and, for a mutation refused, that nothing changed. */
async function sendCase(testCase: GraphQLCase, { mutation }: { mutation: boolean }): Promise<GraphQLCall> {
  const before = mutation ? await snapshot() : ''
  const call = await callGraphql(stack.url, testCase.query, testCase.variables, { timeoutMs: 30_000 })
  expect(answerProblems(call, testCase.fields), JSON.stringify(testCase.variables)).toEqual([])
  if (mutation) {
    if (refused(call, testCase.root))
      expect(
        await snapshot(),
        `refused (${call.errors?.[0]?.extensions?.code}: ${call.errors?.[0]?.message}) yet something changed`,
      ).toBe(before)
    else await settle()
  }
  return call
}

describe('GraphQL inputs, fuzzed', () => {
  it('queries answer every argument with data or a contract error naming it, and read ids exactly', async () => {
    const queries = fc.oneof(
      oneArgument(
        'servers',
        'query ($provider: String, $status: ServerStatus, $search: String, $first: Int, ' +
          '$after: String) { servers(provider: $provider, status: $status, search: $search, ' +
          'first: $first, after: $after) { totalCount pageInfo { endCursor } nodes { id } } }',
        () => ({}),
        {
          provider: anyOr('kama', 'pve-lab'),
          status: anyOr('RUNNING', 'running', 'STOPPED'),
          search: anyOr('eu'),
          first: anyOr(0, 1, 500, 501, -1),
          after: anyOr(Buffer.from('pve-lab:qemu/100').toString('base64url')),
        },
      ),
      oneArgument('server', 'query ($id: ID!) { server(id: $id) { id name } }', () => ({}), {
        id: fc.oneof(idLike(['pve-lab:qemu/100', 'pve-lab:lxc/200']), anyJsonValue),
      }),
      oneArgument('deployment', 'query ($id: ID!) { deployment(id: $id) { id status } }', () => ({}), {
        id: fc.oneof(idLike(['1', '2']), anyJsonValue),
      }),
      oneArgument(
        'deployments',
        'query ($status: DeploymentStatus, $first: Int, $after: String) ' +
          '{ deployments(status: $status, first: $first, after: $after) { totalCount nodes { id } } }',
        () => ({}),
        {
          status: anyOr('FAILED', 'failed'),
          first: anyOr(0, 500, 501),
          after: anyOr(
            Buffer.from('deployment:2').toString('base64url'),
            Buffer.from('deployment:02').toString('base64url'),
          ),
        },
      ),
      oneArgument(
        'deployment',
        'query ($id: ID!, $after: Int, $limit: Int) { deployment(id: $id) ' +
          '{ id logs(after: $after, limit: $limit) { seq } } }',
        () => ({ id: '1' }),
        { after: anyOr(0, -1), limit: anyOr(0, 1, 10_000, 10_001) },
      ),
      oneArgument('operation', 'query ($id: ID!) { operation(id: $id) { id status } }', () => ({}), {
        id: anyJsonValue,
      }),
      oneArgument(
        'catalog',
        'query ($provider: String!, $location: String) { catalog(provider: $provider, ' +
          'location: $location) { provider locations { id } } }',
        () => ({ provider: 'kama' }),
        { provider: anyOr('pve-lab', 'KAMA'), location: anyOr('EU', 'eu') },
      ),
      oneArgument('resources', 'query ($provider: String) { resources(provider: $provider) { name } }', () => ({}), {
        provider: anyOr('kama'),
      }),
    )
    await fc.assert(
      fc.asyncProperty(queries, async (testCase) => {
        const call = await sendCase(testCase, { mutation: false })
        const id = testCase.variables.id
        // Ids are read exactly: an answer is the very record asked for, or nothing.
        if (testCase.root === 'server' && call.data?.server) expect(call.data.server.id).toBe(id)
        if (testCase.root === 'deployment' && call.data?.deployment)
          expect([String(id), isCanonicalNumber(String(id))]).toEqual([call.data.deployment.id, true])
        if (testCase.root === 'operation' && call.data?.operation) expect(call.data.operation.id).toBe(id)
      }),
      settings(RUNS.queries),
    )
  }, 60_000)

  it('power actions and destroys refuse every id and confirmation ' +
    "that is not exactly a server's, and change nothing", async () => {
    const notTheServer = (ids: string[]) =>
      fc.oneof(
        idLike(ids),
        anyJsonValue.filter((value) => !ids.includes(asText(value))),
      )
    const actions = fc.oneof(
      fc.constantFrom('start', 'stop', 'reboot').chain((action) =>
        oneArgument(
          `${action}Server`,
          `mutation ($id: ID!, $wait: Boolean) { ${action}Server(id: $id, wait: $wait) { id status } }`,
          () => ({ id: proxmoxId, wait: true }),
          {
            id: notTheServer(serverIds),
            wait: anyJsonValue.filter((value) => typeof value !== 'boolean' && value !== null),
          },
        ),
      ),
      // The id and the confirmation repeat one value: only the id can be wrong.
      notTheServer([...serverIds, 'qemu/101', kamateraId.slice('kama:'.length)]).map((value) => ({
        root: 'destroyServer',
        query:
          'mutation ($id: ID!, $confirm: String!) { destroyServer(id: $id, ' +
          'confirm: $confirm, wait: true) { id status } }',
        variables: { id: value, confirm: value },
        fields: ['id', 'confirm'],
      })),
      fc.constantFrom([proxmoxId, proxmoxName], [kamateraId, kamateraName]).chain(([id, name]) =>
        oneArgument(
          'destroyServer',
          'mutation ($id: ID!, $confirm: String!) { destroyServer(id: $id, ' +
            'confirm: $confirm, wait: true) { id status } }',
          () => ({ id }),
          {
            confirm: fc.oneof(idLike([id!, name!]), anyJsonValue).filter((value) => value !== id && value !== name),
          },
        ),
      ),
    )
    await fc.assert(
      fc.asyncProperty(actions, async (testCase) => {
        const call = await sendCase(testCase, { mutation: true })
        expect(refused(call, testCase.root), `went through: ${call.text.slice(0, 300)}`).toBe(true)
      }),
      settings(RUNS.actions),
    )
  }, 60_000)

  it('createServer, resizeServer and cloneServer name the field they refuse, and change nothing', async () => {
    const nextName = () => `fuzz-${String(++made).padStart(4, '0')}`
    const createBase = () => ({
      input: {
        provider: 'kama',
        name: nextName(),
        location: 'EU',
        image: KAMATERA_IMAGE,
        cpu: 2,
        memoryMb: 2048,
        diskGb: 20,
        password: PASSWORD,
      },
      wait: true,
    })
    const extraKey = fc.constantFrom('colour', '__proto__', 'constructor', 'Name', 'cpu_type', '')
    const inputs = fc.oneof(
      oneArgument(
        'createServer',
        'mutation ($input: CreateServerInput!, $wait: Boolean) ' +
          '{ createServer(input: $input, wait: $wait) { id status error } }',
        createBase,
        {
          input: anyJsonValue,
          'input.provider': anyOr('pve-lab', 'KAMA'),
          'input.name': anyOr('web-eu-01', 'a-b', 'x'.repeat(41)),
          'input.location': anyOr('IL', 'eu', 'MARS'),
          'input.image': anyOr('no such image'),
          'input.kind': anyOr('CONTAINER', 'vm'),
          'input.cpu': anyOr(0, 1, 513, 2.5),
          'input.memoryMb': anyOr(127, 128, 4_194_305),
          'input.diskGb': anyOr(0, 65_537),
          'input.password': anyOr('short', 'NoDigitsHereAtAll', 'has space 1A'),
          'input.sshKey': anyOr('ssh-ed25519 AAAA', 'not a key'),
          'input.powerOn': anyOr('yes', 1),
          'input.options': anyOr({ cpuType: 'Z' }, { colour: 'blue' }, []),
          'input.options.cpuType': anyOr('A', 'Z', 'b'),
          'input.options.billing': anyOr('monthly', 'weekly'),
          'input.options.trafficPackage': anyOr('t5000', 't'),
          'input.options.dailyBackup': anyOr('yes'),
          'input.options.tags': anyOr(['a b'], ['ok'], 'tag'),
          wait: anyJsonValue.filter((value) => typeof value !== 'boolean' && value !== null),
        },
      ),
      extraKey.chain((key) =>
        oneArgument(
          'createServer',
          'mutation ($input: CreateServerInput!) { createServer(input: $input, wait: true) { id status } }',
          createBase,
          { [`input.${key}`]: anyJsonValue.filter((value) => value !== undefined) },
        ),
      ),
      oneArgument(
        'resizeServer',
        'mutation ($id: ID!, $input: ResizeServerInput!) ' +
          '{ resizeServer(id: $id, input: $input, wait: true) { id status } }',
        () => ({ id: kamateraId, input: { cpu: 2 } }),
        {
          id: fc.oneof(idLike(serverIds), anyJsonValue),
          input: anyJsonValue,
          'input.cpu': anyOr(0, 513, 3),
          'input.memoryMb': anyJsonValue,
          'input.diskGb': anyOr(0, 10, 65_537),
          'input.colour': anyJsonValue.filter((value) => value !== undefined),
        },
      ),
      oneArgument(
        'cloneServer',
        'mutation ($id: ID!, $input: CloneServerInput!) ' +
          '{ cloneServer(id: $id, input: $input, wait: true) { id status } }',
        () => ({ id: kamateraId, input: { name: nextName() } }),
        {
          id: fc.oneof(idLike(serverIds), anyJsonValue),
          input: anyJsonValue,
          'input.name': anyOr('web-eu-02', 'x'),
          'input.cpu': anyOr(0, 513),
          'input.memoryMb': anyOr(0, 127),
          'input.powerOn': anyOr('no'),
          'input.options': anyOr({ colour: 'blue' }),
        },
      ),
    )
    await fc.assert(
      fc.asyncProperty(inputs, async (testCase) => void (await sendCase(testCase, { mutation: true }))),
      settings(RUNS.inputs),
    )
  }, 90_000)

  it('snapshot mutations name the field they refuse, and a refusal starts no task', async () => {
    const nextSnapshot = () => `fuzz_${String(++made).padStart(4, '0')}`
    const names = anyOr('before upgrade', 'x'.repeat(41), '1st', 'current', 'a', 'ünïcode', 'ok-name', '')
    const cases = fc.oneof(
      oneArgument(
        'createSnapshot',
        'mutation ($id: ID!, $name: String!, $description: String, ' +
          '$includeMemory: Boolean) { createSnapshot(id: $id, name: $name, description: $description, ' +
          'includeMemory: $includeMemory, wait: true) { id status } }',
        () => ({ id: proxmoxId, name: nextSnapshot() }),
        {
          id: fc.oneof(idLike(serverIds), anyJsonValue),
          name: names,
          description: anyOr('x'.repeat(1001), 'fine'),
          includeMemory: anyJsonValue.filter((value) => typeof value !== 'boolean' && value !== null),
        },
      ),
      oneArgument(
        'rollbackSnapshot',
        'mutation ($id: ID!, $name: String!, $confirm: String!) { rollbackSnapshot(id: $id, ' +
          'name: $name, confirm: $confirm, wait: true) { id status } }',
        () => ({ id: proxmoxId, name: 'never_taken', confirm: 'never_taken' }),
        {
          id: fc.oneof(idLike(serverIds), anyJsonValue),
          name: names,
          confirm: anyJsonValue.filter((value) => value !== 'never_taken'),
        },
        ['confirm'],
      ),
      oneArgument(
        'deleteSnapshot',
        'mutation ($id: ID!, $name: String!) { deleteSnapshot(id: $id, name: $name, wait: true) { id status } }',
        () => ({ id: proxmoxId, name: 'never_taken' }),
        {
          id: fc.oneof(idLike(serverIds), anyJsonValue),
          name: names,
        },
      ),
    )
    await fc.assert(
      fc.asyncProperty(cases, async (testCase) => void (await sendCase(testCase, { mutation: true }))),
      settings(RUNS.inputs),
    )
  }, 90_000)

  it('createDeployment names the field it refuses, and changes nothing', async () => {
    const inputs = oneArgument(
      'createDeployment',
      'mutation ($input: CreateDeploymentInput!) { createDeployment(input: $input) { id status } }',
      () => ({ input: { type: 'VM', framework: 'nodejs', githubUrl: GITHUB_URL } }),
      {
        input: anyJsonValue,
        'input.type': anyOr('LXC', 'vm', 'DOCKER'),
        'input.framework': anyOr('django', 'rails', 'NODEJS'),
        'input.githubUrl': anyOr(
          `${GITHUB_URL}; reboot`,
          'https://gitlab.com/acme/x.git',
          'git@github.com:acme/x.git',
          'https://github.com/acme/x.git#main',
        ),
        'input.branch': anyOr('main', '-main', 'a..b', 'x.lock', 'feature/x'),
        'input.name': anyOr('my-app', 'My_App', '-app', 'a'.repeat(64)),
        'input.cpu': anyOr(0, 1, 33),
        'input.memory': anyOr(511, 131_073),
        'input.disk': anyOr(4, 2_049),
        'input.provider': anyOr('pve-lab', 'kama', 'nowhere'),
        'input.colour': anyJsonValue.filter((value) => value !== undefined),
      },
    )
    await fc.assert(
      fc.asyncProperty(inputs, async (testCase) => void (await sendCase(testCase, { mutation: true }))),
      settings(RUNS.inputs),
    )
  }, 90_000)

  it('restart, cancel and delete read the deployment id exactly, and a refusal changes nothing', async () => {
    const ids = fc.oneof(idLike(['1', '2']), anyJsonValue)
    const actions = fc
      .constantFrom('restartDeployment', 'cancelDeployment', 'deleteDeployment')
      .chain((mutation) =>
        oneArgument(mutation, `mutation ($id: ID!) { ${mutation}(id: $id) { id status } }`, () => ({}), { id: ids }),
      )
    await fc.assert(
      fc.asyncProperty(actions, async (testCase) => {
        const existing = await deploymentIds()
        const call = await sendCase(testCase, { mutation: true })
        // Only a deployment's own id, exactly as listed, may act on it.
        if (!refused(call, testCase.root))
          expect(existing, `went through: ${call.text.slice(0, 300)}`).toContain(testCase.variables.id)
      }),
      settings(RUNS.actions),
    )
  }, 60_000)

  /** Sends a raw HTTP request to /graphql: no 5xx; a refusal is a JSON error with a contract code; nothing changes. */
  async function sendRaw({
    method,
    path,
    headers,
    body,
  }: {
    method: string
    path: string
    headers: Record<string, string>
    body?: string
  }) {
    const before = await snapshot()
    const response = await fetch(`${stack.url}${path}`, {
      method,
      headers: { accept: 'application/graphql-response+json, application/json', ...headers },
      body,
    })
    const answer = await response.text()
    assertNoSecret(answer, 'a GraphQL answer')
    const shown = `HTTP ${response.status} ${JSON.stringify(answer.slice(0, 300))}`
    expect(response.status, shown).toBeLessThan(500)
    let parsed: { data?: unknown; errors?: GraphQLFormattedError[] } | undefined
    try {
      parsed = JSON.parse(answer) as typeof parsed
    } catch {
      // Judged below.
    }
    if (response.status >= 400)
      expect(parsed?.errors?.length ?? 0, `a refusal without a GraphQL error: ${shown}`).toBeGreaterThan(0)
    expect(codeProblems(parsed?.errors), shown).toEqual([])
    expect(await snapshot()).toBe(before)
  }

  const text = fc.oneof(
    fc.constantFrom(...trickyStrings),
    fc.string({ maxLength: 60 }),
    anyJsonValue.map((value) => JSON.stringify(value) ?? ''),
  )

  it('GET requests with any query, variables, operationName ' +
    'and extensions get data or a 4xx with a contract code', async () => {
    const requests = fc.record({
      query: fc.oneof(
        fc.constant('{ providers { name } }'),
        fc.constant('query ($first: Int) { servers(first: $first) { totalCount } }'),
        fc.constant('mutation { stopServer(id: "pve-lab:qemu/100") { id } }'),
        text,
      ),
      variables: fc.option(text),
      operationName: fc.option(text),
      extensions: fc.option(text),
      csrfHeader: fc.boolean(),
    })
    await fc.assert(
      fc.asyncProperty(requests, async ({ csrfHeader, ...params }) => {
        const search = new URLSearchParams(
          Object.entries(params).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
        )
        await sendRaw({
          method: 'GET',
          path: `/graphql?${search}`,
          headers: csrfHeader ? { 'x-graphql-yoga-csrf': '1' } : {},
        })
      }),
      settings(RUNS.transport),
    )
  }, 60_000)

  it('POST bodies of any shape and media type get data or a 4xx with a contract code', async () => {
    const requests = fc.record({
      contentType: fc.constantFrom(
        'application/json',
        'application/json; charset=utf-8',
        'application/graphql-response+json',
        'application/graphql',
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        '',
      ),
      body: fc.oneof(
        text,
        anyJsonValue.map((value) => JSON.stringify({ query: value, variables: { first: value } })),
        anyJsonValue.map((value) =>
          JSON.stringify({ query: '{ providers { name } }', variables: value, extensions: value }),
        ),
      ),
    })
    await fc.assert(
      fc.asyncProperty(requests, async ({ contentType, body }) => {
        await sendRaw({
          method: 'POST',
          path: '/graphql',
          headers: contentType ? { 'content-type': contentType } : {},
          body,
        })
      }),
      settings(RUNS.transport),
    )
  }, 60_000)
})

/** One REST call as a script makes it: status and the parsed answer. */
async function rest(
  method: string,
  path: string,
  {
    body,
    contentType = body === undefined ? undefined : 'application/json',
  }: { body?: string; contentType?: string } = {},
) {
  const response = await fetch(`${stack.url}${path}`, {
    method,
    headers: contentType ? { 'content-type': contentType } : {},
    body,
  })
  const text = await response.text()
  assertNoSecret(text, 'a REST answer')
  let json: JsonAnswer | undefined
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: response.status, json, text }
}

/** What is wrong with a REST answer: a 5xx, a refusal outside the envelope, a 400 not naming one of `fields`. */
function restProblems(answer: Awaited<ReturnType<typeof rest>>, fields: readonly string[]): string[] {
  if (answer.status >= 500) return [`HTTP ${answer.status} ${answer.text.slice(0, 300)}`]
  if (answer.status < 400) return []
  const envelope = answer.json as { message?: unknown; status?: unknown; data?: unknown } | undefined
  if (
    !envelope ||
    typeof envelope.message !== 'string' ||
    envelope.status !== 'error' ||
    envelope.data !== null ||
    Object.keys(envelope).length !== 3
  ) {
    return [`HTTP ${answer.status} outside the envelope: ${answer.text.slice(0, 300)}`]
  }
  if (
    answer.status === 400 &&
    !fields.some(
      (field) =>
        envelope.message === field ||
        (envelope.message as string).startsWith(`${field}:`) ||
        (envelope.message as string).startsWith(`${field},`),
    )
  ) {
    return [`400 naming none of ${fields.join(', ')}: ${envelope.message}`]
  }
  return []
}

/** Sends one REST case; checks the answer and, for a refusal, that nothing changed. */
async function sendRest(
  method: string,
  path: string,
  options: { body?: string; contentType?: string },
  fields: readonly string[],
) {
  const before = await snapshot()
  const answer = await rest(method, path, options)
  expect(
    restProblems(answer, fields),
    `${method} ${path} ${options.contentType ?? ''} ${options.body?.slice(0, 200) ?? ''}`,
  ).toEqual([])
  if (answer.status >= 400)
    expect(await snapshot(), `${method} ${path} answered ${answer.status} yet something changed`).toBe(before)
  else await settle()
  return answer
}

const bodyOf = (value: unknown) => JSON.stringify(value) ?? ''

describe('REST inputs, fuzzed', () => {
  it('the server endpoints answer any server_id, body or query with data ' +
    'or an enveloped refusal naming it, and a refusal changes nothing', async () => {
    const valid = ['pve-lab:qemu/100', 'qemu/100', kamateraId, kamateraId.slice('kama:'.length), proxmoxId, 'qemu/101']
    const serverId = fc.oneof(
      idLike(valid),
      anyJsonValue.filter((value) => !valid.includes(asText(value))),
    )
    const cases = fc.record({
      action: fc.constantFrom('start', 'stop', 'reboot', 'destroy', 'server'),
      where: fc.constantFrom('body', 'query', 'both'),
      value: serverId,
      extra: fc.option(
        fc.dictionary(fc.constantFrom('colour', 'id', 'server', '__proto__'), anyJsonValue, { maxKeys: 2 }),
      ),
      raw: fc.option(
        fc.oneof(
          fc.constantFrom('{not json', '[]', '"x"', '1', 'null', '{"server_id": }'),
          fc.string({ maxLength: 30 }),
        ),
      ),
    })
    await fc.assert(
      fc.asyncProperty(cases, async ({ action, where, value, extra, raw }) => {
        const query = where !== 'body' && typeof value === 'string' ? `?server_id=${encodeURIComponent(value)}` : ''
        if (action === 'server')
          return void (await sendRest(
            'GET',
            `/api/server${query || `?server_id=${encodeURIComponent(bodyOf(value))}`}`,
            {},
            ['server_id'],
          ))
        const body = raw ?? (where === 'query' ? undefined : bodyOf({ ...extra, server_id: value }))
        const answer = await sendRest('POST', `/api/${action}${query}`, { body }, [
          'server_id',
          'body',
          ...Object.keys(extra ?? {}),
        ])
        expect(answer.status, answer.text.slice(0, 300)).toBeGreaterThanOrEqual(400)
      }),
      settings(RUNS.rest),
    )
  }, 60_000)

  it('POST /api/deploy names the field it refuses, and changes nothing', async () => {
    const base = { type: 'vm', framework: 'nodejs', github_url: GITHUB_URL }
    const fields: Record<string, fc.Arbitrary<unknown>> = {
      type: anyOr('lxc', 'VM', 'docker'),
      framework: anyOr('django', 'rails'),
      github_url: anyOr(`${GITHUB_URL} && reboot`, 'https://gitlab.com/acme/x.git'),
      branch: anyOr('main', '--upload-pack=touch /tmp/x'),
      name: anyOr('my-app', 'My App'),
      cpu: anyOr(0, 33, '2'),
      memory: anyOr(511, '2048'),
      disk: anyOr(4, 2.5),
      provider: anyOr('pve-lab', 'kama', 'nowhere'),
      colour: anyJsonValue.filter((value) => value !== undefined),
    }
    const cases = fc.oneof(
      ...Object.entries(fields).map(([field, values]) =>
        values.map((value) => ({ field, body: bodyOf(withValue(base, field, value)) })),
      ),
      fc
        .oneof(anyJsonValue.map(bodyOf), fc.constantFrom('{not json', '', '[]'))
        .map((body) => ({ field: 'body', body })),
    )
    await fc.assert(
      fc.asyncProperty(cases, async ({ field, body }) => {
        // A body that is not an object, or an object missing fields, may be refused for any of them.
        await sendRest(
          'POST',
          '/api/deploy',
          { body },
          field === 'body' ? ['body', 'type', 'framework', 'github_url', ...Object.keys(fields)] : [field],
        )
      }),
      // Always tried: a provider that exists but cannot deploy this type (Kamatera makes no containers) is the client's
      // mistake, not a 5xx.
      {
        ...settings(RUNS.rest),
        examples: [[{ field: 'provider', body: bodyOf({ ...base, type: 'lxc', provider: 'kama' }) }]],
      },
    )
  }, 60_000)

  it('the deployment endpoints read the id in the path exactly, and a refusal changes nothing', async () => {
    const segment = fc
      .oneof(idLike(['1', '2']), fc.constantFrom(...trickyStrings), fc.string({ maxLength: 12 }))
      .filter((id) => !['1', '2'].includes(id))
    const cases = fc.record({
      id: segment,
      route: fc.constantFrom(
        { method: 'GET', suffix: '' },
        { method: 'GET', suffix: '/logs' },
        { method: 'DELETE', suffix: '' },
        { method: 'POST', suffix: '/restart' },
      ),
    })
    await fc.assert(
      fc.asyncProperty(cases, async ({ id, route: { method, suffix } }) => {
        const existing = await deploymentIds()
        const answer = await sendRest(method, `/api/deployments/${encodeURIComponent(id)}${suffix}`, {}, ['id'])
        // Only a deployment's own id, exactly as listed, gets an answer about it.
        if (answer.status < 400) expect(existing, answer.text.slice(0, 300)).toContain(id)
      }),
      settings(RUNS.rest),
    )
  }, 60_000)

  it('unknown paths and methods under /api, and on /health, get an enveloped 404 or 405, never a 5xx', async () => {
    const cases = fc.record({
      method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'),
      path: fc.oneof(
        fc.constantFrom(
          '/api',
          '/api/',
          '/API/servers',
          '/api/servers/1',
          '/api/deploy/1',
          '/api/deployments/1/logs/x',
          '/api//servers',
          '/api/%ZZ',
          '/api/servers%00',
          '/health',
        ),
        fc.string({ maxLength: 20 }).map((tail) => `/api/${encodeURIComponent(tail)}`),
      ),
    })
    await fc.assert(
      fc.asyncProperty(cases, async ({ method, path }) => {
        const answer = await sendRest(method, path, {}, [])
        expect([200, 202, 400, 404, 405], answer.text.slice(0, 300)).toContain(answer.status)
      }),
      settings(RUNS.rest),
    )
  }, 60_000)

  it('refuses an action a web page could send without a preflight ' +
    '(a form or text/plain body): 415 or 403, and changes nothing', async () => {
    const cases = fc.record({
      request: fc.constantFrom(
        { path: '/api/stop', body: () => bodyOf({ server_id: proxmoxId }) },
        { path: '/api/reboot', body: () => bodyOf({ server_id: kamateraId }) },
        { path: '/api/deploy', body: () => bodyOf({ type: 'vm', framework: 'nodejs', github_url: GITHUB_URL }) },
        { path: '/api/deployments/1/restart', body: () => bodyOf({}) },
      ),
      contentType: fc.constantFrom(
        'text/plain',
        'text/plain;charset=UTF-8',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
      ),
    })
    await fc.assert(
      fc.asyncProperty(cases, async ({ request: { path, body }, contentType }) => {
        const answer = await sendRest('POST', path, { body: body(), contentType }, [])
        expect([403, 415], answer.text.slice(0, 300)).toContain(answer.status)
      }),
      settings(RUNS.rest),
    )
  }, 60_000)
})
