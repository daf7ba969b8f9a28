import { seededRandom, type SeededRandom } from 'hangar/provider-kit/testing'
import { callGraphql, type GraphQLCall } from './graphql-call.js'
import { registerSecret } from './secrets.js'

/** One request of the workload and what came back. */
export interface WorkloadCall {
  n: number
  kind: string
  query: string
  variables: Record<string, unknown>
  result: GraphQLCall
}

/** A server asked for by `createServer` or `cloneServer`, with a name asked for once only. */
export interface CreateAsk {
  provider: string
  name: string
  via: 'create' | 'clone'
  /** The server a clone copies. */
  source?: string
  call: WorkloadCall
  /** The operation the gateway answered with, when it answered with one. */
  operationId?: string
}

/** A `destroyServer` asked for. */
export interface DestroyAsk {
  id: string
  /** Its name when asked: a Proxmox vmid freed by the destroy may later name another server. */
  name?: string
  call: WorkloadCall
  operationId?: string
}

/** What a run of {@link runChaosWorkload} did. */
export interface WorkloadReport {
  calls: WorkloadCall[]
  creates: CreateAsk[]
  destroys: DestroyAsk[]
  /** Every operation id an answer gave. */
  operationIds: string[]
}

/** Options of {@link runChaosWorkload}. */
export interface WorkloadOptions {
  url: string
  seed: number
  calls: number
  /** Requests in flight at once. */
  concurrency: number
  /** Each request's client-side timeout (a hung request). */
  timeoutMs: number
  /** Seed servers the workload may destroy (besides the ones it made). */
  expendable: readonly string[]
  /** Every server id at the start, with its name and provider. */
  servers: ReadonlyArray<{ id: string; name: string; provider: string }>
  /** Capabilities by provider instance. */
  capabilities: ReadonlyMap<string, readonly string[]>
}

/** The root password of every server the workload makes: a secret no answer or log may show. */
export const WORKLOAD_PASSWORD = 'ChaosPassw0rd7f3e'
registerSecret(WORKLOAD_PASSWORD)

/** The name prefix of everything the workload makes. */
export const WORKLOAD_PREFIX = 'chaos-'

const OPERATION_FIELDS = 'id action status error serverId'

const LIST = `query ($first: Int, $after: String, $provider: String, $status: ServerStatus, $search: String) {
  servers(first: $first, after: $after, provider: $provider, status: $status, search: $search) {
    totalCount unavailableProviders pageInfo { hasNextPage endCursor } nodes { id name status provider }
  }
}`

/** One request to make, and what to learn from its answer. */
interface Planned {
  kind: string
  query: string
  variables: Record<string, unknown>
  learn?: (result: GraphQLCall, call: WorkloadCall) => void
}

/** What the workload knows of the fleet, learnt from the start and from answers. */
class FleetModel {
  readonly servers = new Map<string, string>()
  readonly destroyable = new Set<string>()
  readonly destroyAsked = new Set<string>()
  readonly cursors: string[] = []
  readonly operationIds: string[] = []
  readonly creates: CreateAsk[] = []
  readonly destroys: DestroyAsk[] = []
  named = 0

  /** The name each known server had when it was learnt. */
  readonly names = new Map<string, string>()

  constructor(options: WorkloadOptions) {
    for (const server of options.servers) {
      this.servers.set(server.id, server.provider)
      this.names.set(server.id, server.name)
    }
    for (const id of options.expendable) this.destroyable.add(id)
  }

  /**
   * A server to act on; `made` when an operation that made it has ended and named it, so that a
   * destroy never races the create's own lookup of what it made.
   */
  learnServer(id: unknown, provider: string, made = false): void {
    if (typeof id !== 'string') return
    this.servers.set(id, provider)
    if (made) this.destroyable.add(id)
  }

  /** What a create or clone operation tells once it has ended: the server it made. */
  learnMade(operation: unknown): void {
    const { id, status, serverId } = (operation ?? {}) as { id?: string; status?: string; serverId?: string | null }
    const ask = this.creates.find((candidate) => candidate.operationId === id)
    // A clone names its source until the copy is found.
    if (ask && status === 'SUCCEEDED' && serverId && serverId !== ask.source) {
      this.learnServer(serverId, ask.provider, true)
      this.names.set(serverId, ask.name)
    }
  }

  learnOperation(operation: unknown): string | undefined {
    const id = (operation as { id?: unknown } | null | undefined)?.id
    if (typeof id !== 'string') return undefined
    this.operationIds.push(id)
    return id
  }

  /** Servers to act on; now and then one asked to be destroyed, to hear NOT_FOUND. */
  idsOf(random: SeededRandom, provider?: string): string[] {
    const gone = random.chance(0.05)
    return [...this.servers]
      .filter(([id, owner]) => (provider === undefined || owner === provider) && (gone || !this.destroyAsked.has(id)))
      .map(([id]) => id)
  }
}

/** Picks the next request from the seeded mix (reads mostly, every kind of action besides). */
function plan(random: SeededRandom, model: FleetModel, options: WorkloadOptions): Planned {
  const wait = random.chance(0.5)
  const can = (provider: string, capability: string) =>
    options.capabilities.get(provider)?.includes(capability) ?? false
  const makers = [...options.capabilities.keys()].filter((provider) => can(provider, 'create'))
  const cloners = [...options.capabilities.keys()].filter((provider) => can(provider, 'clone'))
  const roll = random.int(1, 100)
  if (roll <= 22) {
    const after = model.cursors.length > 0 && random.chance(0.3) ? random.pick(model.cursors) : undefined
    return {
      kind: 'servers',
      query: LIST,
      variables: {
        first: random.int(1, 60),
        after,
        provider: random.pick([undefined, undefined, 'pve-lab', 'kama']),
        status: random.pick([undefined, undefined, 'RUNNING', 'STOPPED']),
        search: random.pick([undefined, undefined, 'eu', 'web', 'pve1', WORKLOAD_PREFIX]),
      },
      learn: (result) => {
        const page = result.data?.servers as
          | { pageInfo?: { endCursor?: string | null }; nodes?: { id: string; name: string; provider: string }[] }
          | undefined
        if (page?.pageInfo?.endCursor) model.cursors.push(page.pageInfo.endCursor)
        for (const node of page?.nodes ?? []) model.learnServer(node.id, node.provider)
      },
    }
  }
  if (roll <= 32)
    return {
      kind: 'server',
      query: 'query ($id: ID!) { server(id: $id) { id name status cpu memoryMb diskGb ips location details } }',
      variables: { id: random.pick(model.idsOf(random)) },
    }
  if (roll <= 38 && model.operationIds.length > 0) {
    return {
      kind: 'operation',
      query: `query ($id: ID!) { operation(id: $id) { ${OPERATION_FIELDS} logs } }`,
      variables: { id: random.pick(model.operationIds) },
      learn: (result) => model.learnMade(result.data?.operation),
    }
  }
  if (roll <= 42) {
    return {
      kind: 'catalog',
      query:
        'query ($provider: String!, $location: String) { catalog(provider: $provider, location: ' +
        '$location) { provider locations { id } images { id name } cpuTypes { id cores } diskSizesGb } }',
      variables: {
        provider: random.pick(['kama', 'kama', 'kama', 'pve-lab']),
        location: random.pick([undefined, 'EU', 'IL', 'MARS']),
      },
    }
  }
  if (roll <= 45)
    return {
      kind: 'systemStatus',
      query:
        '{ systemStatus { status providers { name connected error } deployments { total running failed pending } } }',
      variables: {},
    }
  if (roll <= 47)
    return {
      kind: 'resources',
      query: '{ resources { provider name status vms { total running } containers { total running } } }',
      variables: {},
    }
  if (roll <= 49)
    return { kind: 'providers', query: '{ providers { name plugin connected error capabilities } }', variables: {} }
  if (roll <= 50)
    return { kind: 'deployments', query: '{ deployments(first: 5) { totalCount nodes { id status } } }', variables: {} }
  if (roll <= 72) {
    const action = random.pick(['start', 'stop', 'reboot'])
    return {
      kind: action,
      query: `mutation ($id: ID!, $wait: Boolean) { ${action}Server(id: $id, wait: $wait) { ${OPERATION_FIELDS} } }`,
      variables: { id: random.pick(model.idsOf(random)), wait },
      learn: (result) => model.learnOperation(result.data?.[`${action}Server`]),
    }
  }
  if (roll <= 80 && makers.length > 0) {
    const provider = random.pick(makers)
    const name = `${WORKLOAD_PREFIX}${String(++model.named).padStart(4, '0')}`
    const input =
      provider === 'kama'
        ? {
            provider,
            name,
            location: 'EU',
            image: 'Ubuntu Server version 24.04 LTS (noble) 64-bit',
            cpu: random.pick([1, 2]),
            memoryMb: random.pick([1024, 2048]),
            diskGb: 20,
            password: WORKLOAD_PASSWORD,
            powerOn: random.chance(0.7),
          }
        : {
            provider,
            name,
            image: 'debian-12-cloudinit',
            cpu: 1,
            memoryMb: 1024,
            diskGb: 10,
            password: WORKLOAD_PASSWORD,
          }
    return {
      kind: 'createServer',
      query:
        `mutation ($input: CreateServerInput!, $wait: Boolean) ` +
        `{ createServer(input: $input, wait: $wait) { ${OPERATION_FIELDS} logs } }`,
      variables: { input, wait },
      learn: (result, call) => {
        const operation = result.data?.createServer
        model.creates.push({ provider, name, via: 'create', call, operationId: model.learnOperation(operation) })
        model.learnMade(operation)
      },
    }
  }
  if (roll <= 84 && cloners.length > 0) {
    const provider = random.pick(cloners)
    const sources = model.idsOf(random, provider)
    if (sources.length > 0) {
      const name = `${WORKLOAD_PREFIX}${String(++model.named).padStart(4, '0')}`
      const source = random.pick(sources)
      return {
        kind: 'cloneServer',
        query:
          `mutation ($id: ID!, $input: CloneServerInput!, $wait: Boolean) ` +
          `{ cloneServer(id: $id, input: $input, wait: $wait) { ${OPERATION_FIELDS} } }`,
        variables: { id: source, input: { name, powerOn: random.chance(0.5) }, wait },
        learn: (result, call) => {
          const operation = result.data?.cloneServer
          model.creates.push({
            provider,
            name,
            via: 'clone',
            source,
            call,
            operationId: model.learnOperation(operation),
          })
          model.learnMade(operation)
        },
      }
    }
  }
  if (roll <= 90) {
    // Mostly where resizing is supported; now and then where it is not (UNSUPPORTED).
    const resizers = [...options.capabilities.keys()].filter((provider) => can(provider, 'resize'))
    const id = random.pick(
      model.idsOf(random, resizers.length > 0 && random.chance(0.85) ? random.pick(resizers) : undefined),
    )
    const input = random.chance(0.5) ? { cpu: random.pick([1, 2, 4]) } : { memoryMb: random.pick([1024, 2048, 4096]) }
    return {
      kind: 'resizeServer',
      query:
        `mutation ($id: ID!, $input: ResizeServerInput!, $wait: Boolean) ` +
        `{ resizeServer(id: $id, input: $input, wait: $wait) { ${OPERATION_FIELDS} } }`,
      variables: { id, input, wait },
      learn: (result) => model.learnOperation(result.data?.resizeServer),
    }
  }
  const targets = [...model.destroyable].filter((id) => !model.destroyAsked.has(id))
  if (targets.length > 0 && roll <= 96) {
    const id = random.pick(targets)
    model.destroyAsked.add(id)
    // The name now: by the time a waited destroy answers, Proxmox may have given its freed vmid to a new server.
    const name = model.names.get(id)
    return {
      kind: 'destroyServer',
      query:
        `mutation ($id: ID!, $confirm: String!, $wait: Boolean) { destroyServer(id: $id, ` +
        `confirm: $confirm, wait: $wait) { ${OPERATION_FIELDS} } }`,
      variables: { id, confirm: id, wait },
      learn: (result, call) =>
        model.destroys.push({ id, name, call, operationId: model.learnOperation(result.data?.destroyServer) }),
    }
  }
  return {
    kind: 'systemStatus',
    query: '{ systemStatus { status providers { name connected } } }',
    variables: {},
  }
}

/**
 * Drives the gateway with `calls` GraphQL requests from a seeded mix, `concurrency` at a time:
 * lists with filters and paging, single servers, operations, the catalog, status queries, power
 * actions with and without `wait`, creates and clones under names used once, resizes, and
 * destroys of what it made (or of the expendable seed servers). Never throws for an answer.
 */
export async function runChaosWorkload(options: WorkloadOptions): Promise<WorkloadReport> {
  const random = seededRandom(options.seed)
  const model = new FleetModel(options)
  const calls: WorkloadCall[] = []
  let next = 0
  const worker = async () => {
    while (next < options.calls) {
      const n = next++
      const planned = plan(random, model, options)
      const result = await callGraphql(options.url, planned.query, planned.variables, { timeoutMs: options.timeoutMs })
      const call: WorkloadCall = { n, kind: planned.kind, query: planned.query, variables: planned.variables, result }
      calls.push(call)
      planned.learn?.(result, call)
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, worker))
  return {
    calls: calls.sort((a, b) => a.n - b.n),
    creates: model.creates,
    destroys: model.destroys,
    operationIds: model.operationIds,
  }
}
