import { isTerminal } from '../deployments/deployment-state-machine.js'
import type { DeploymentLogLine, DeploymentRecord } from '../deployments/deployment-store.js'
import { BadInputError, NotFoundError } from '../errors/index.js'
import { RESYNC } from '../events/event-bus.js'
import type { Hangar } from '../hangar.js'
import { tailJobLogBatches } from '../jobs/tail-job-log.js'
import { builder } from './builder.js'
import { deploymentId } from './exact-id.js'
import { LogLine } from './log-line.js'
import { type Page, pageOf, pageSize } from './page-info.js'
import { Server } from './server.js'
import { VariableInput } from './variable-input.js'

export const DeploymentType = builder.enumType('DeploymentType', { values: ['VM', 'LXC'] as const })
export const DeploymentStatus = builder.enumType('DeploymentStatus', {
  values: ['PENDING', 'CREATING', 'RUNNING', 'FAILED', 'STOPPED', 'DELETED'] as const,
})

const DeploymentResources = builder
  .objectRef<Pick<DeploymentRecord, 'cpu' | 'memory' | 'disk'>>('DeploymentResources')
  .implement({
    description: "Cores, MB, GB (the seed's units).",
    fields: (t) => ({ cpu: t.exposeInt('cpu'), memory: t.exposeInt('memory'), disk: t.exposeInt('disk') }),
  })

const DeploymentHost = builder.objectRef<NonNullable<DeploymentRecord['guest']>>('DeploymentHost').implement({
  description: 'The guest: its id (a Proxmox vmid), node and address.',
  fields: (t) => ({
    id: t.string({ nullable: true, resolve: (guest) => guest.nativeId.split('/').pop() ?? guest.nativeId }),
    node: t.exposeString('location', { nullable: true }),
    ip: t.exposeString('ip', { nullable: true }),
  }),
})

export const Deployment = builder.objectRef<DeploymentRecord>('Deployment').implement({
  description: 'An app deployed from GitHub onto a new VM or container.',
  fields: (t) => ({
    id: t.id({
      description: 'The same number the REST shim shows as "id".',
      resolve: (deployment) => String(deployment.id),
    }),
    name: t.exposeString('name'),
    type: t.field({ type: DeploymentType, resolve: (deployment) => deployment.type }),
    framework: t.exposeString('framework'),
    githubUrl: t.exposeString('githubUrl'),
    branch: t.exposeString('branch', { nullable: true }),
    resources: t.field({ type: DeploymentResources, resolve: (deployment) => deployment }),
    provider: t.exposeString('provider'),
    server: t.field({
      type: Server,
      nullable: true,
      description:
        'The guest as its provider reports it now; null once the deployment is DELETED (its id may belong to a newer ' +
        'guest) or when it has none.',
      // A guest that now answers under another name is not this deployment's any more.
      resolve: async (deployment, _args, { hangar }) => {
        if (!deployment.guest || deployment.status === 'DELETED') return null
        const server = await hangar.directory
          .get(`${deployment.provider}:${deployment.guest.nativeId}`)
          .catch(() => undefined)
        return server && server.name === deployment.name ? server : null
      },
    }),
    host: t.field({ type: DeploymentHost, nullable: true, resolve: (deployment) => deployment.guest }),
    privateRepo: t.exposeBoolean('privateRepo', { description: 'Fetched over SSH with its own deploy key.' }),
    deployKey: t.exposeString('deployKey', {
      nullable: true,
      description:
        "The public key to add to a private repository's deploy keys (read access); null for a public repository.",
    }),
    status: t.field({ type: DeploymentStatus, resolve: (deployment) => deployment.status }),
    step: t.exposeString('step', {
      nullable: true,
      description:
        'Finer progress while PENDING/CREATING: provision, runtime, fetch, dependencies, build, service, ' +
        'health-check; on a RUNNING deployment, a release or a rollback under way (null when at rest).',
    }),
    error: t.exposeString('error', { nullable: true }),
    createdAt: t.field({ type: 'DateTime', resolve: (deployment) => deployment.createdAt }),
    deployedAt: t.field({ type: 'DateTime', nullable: true, resolve: (deployment) => deployment.deployedAt }),
    logs: t.field({
      type: [LogLine],
      args: { after: t.arg.int({ defaultValue: 0 }), limit: t.arg.int({ defaultValue: 1000 }) },
      resolve: (deployment, { after, limit }, { hangar }) => {
        if ((limit ?? 1000) < 1 || (limit ?? 1000) > 10_000)
          throw new BadInputError('limit: from 1 to 10000', { field: 'limit' })
        return hangar.deployments.store.logs(deployment.id, { after: after ?? 0, limit: limit ?? 1000 })
      },
    }),
  }),
})

const DeploymentConnection = builder.connectionObject({
  type: Deployment,
  name: 'DeploymentConnection',
  fields: (t) => ({ totalCount: t.int({ resolve: (page) => (page as Page<DeploymentRecord>).totalCount }) }),
})

export { deploymentId }

const cursorOf = (id: number) => Buffer.from(`deployment:${id}`).toString('base64url')
/** The deployment id in a cursor this API gave out, read as exactly as an id. */
function afterCursor(cursor: string): number {
  const match = /^deployment:([1-9][0-9]*)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'))
  if (!match || cursorOf(Number(match[1])) !== cursor)
    throw new BadInputError('after: not a cursor this API gave out; pass pageInfo.endCursor unchanged', {
      field: 'after',
    })
  return deploymentId(match[1]!, 'after')
}

builder.queryFields((t) => ({
  deployments: t.field({
    type: DeploymentConnection,
    authScopes: { viewer: true },
    description: 'Deployments, newest first.',
    args: { status: t.arg({ type: DeploymentStatus }), first: t.arg.int(), after: t.arg.string() },
    resolve: async (_root, { status, first, after }, { hangar }) => {
      const size = pageSize(first)
      const page = await hangar.deployments.store.list({
        status: status ?? undefined,
        first: size,
        before: after ? afterCursor(after) : undefined,
      })
      return pageOf(page.deployments, (node) => cursorOf(node.id), {
        hasNextPage: page.hasMore,
        hasPreviousPage: Boolean(after),
        totalCount: page.totalCount,
      })
    },
  }),
  deployment: t.field({
    type: Deployment,
    nullable: true,
    authScopes: { viewer: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, { hangar }) => hangar.deployments.store.get(deploymentId(id)),
  }),
}))

const CreateDeploymentInput = builder.inputType('CreateDeploymentInput', {
  fields: (t) => ({
    type: t.field({ type: DeploymentType, required: true }),
    framework: t.string({ required: true, description: 'A Framework.id.' }),
    githubUrl: t.string({ required: true }),
    branch: t.string(),
    name: t.string({ description: 'Default: "<framework>-<yyyymmdd>-<hhmmss>".' }),
    cpu: t.int({ defaultValue: 2 }),
    memory: t.int({ defaultValue: 2048 }),
    disk: t.int({ defaultValue: 20 }),
    provider: t.string({ description: 'Default: the first provider that can deploy this type.' }),
    variables: t.field({ type: [VariableInput], description: "The app's environment; secrets are write-only." }),
    privateRepo: t.boolean({
      defaultValue: false,
      description:
        'Fetch over SSH with a deploy key made for this deployment (Deployment.deployKey: add it to the repository).',
    }),
  }),
})

builder.mutationFields((t) => ({
  createDeployment: t.field({
    type: Deployment,
    authScopes: { operator: true },
    description:
      'Validates and stores the deployment, then answers at once (PENDING); the work goes on in the background.',
    args: { input: t.arg({ type: CreateDeploymentInput, required: true }) },
    resolve: (_root, { input }, { hangar }) => hangar.deployments.engine.create(input),
  }),
  restartDeployment: t.field({
    type: Deployment,
    authScopes: { operator: true },
    description: 'Reboots the guest and checks the app again.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, { hangar }) => hangar.deployments.engine.restart(deploymentId(id)),
  }),
  cancelDeployment: t.field({
    type: Deployment,
    authScopes: { operator: true },
    description: 'Stops the work in flight, removes what it made; the deployment ends FAILED with "cancelled".',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, { hangar }) => hangar.deployments.engine.cancel(deploymentId(id)),
  }),
  deleteDeployment: t.field({
    type: Deployment,
    authScopes: { admin: true },
    description: 'Destroys the guest; the record stays, with status DELETED.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, { hangar }) => hangar.deployments.engine.delete(deploymentId(id)),
  }),
}))

async function current(hangar: Hangar, id: number): Promise<DeploymentRecord> {
  const deployment = await hangar.deployments.store.get(id)
  if (!deployment) throw new NotFoundError(`id: no deployment ${id}`, { field: 'id' })
  return deployment
}

/** The state now, then every change, ending after a terminal one. */
async function* watchStatus(hangar: Hangar, id: number): AsyncGenerator<DeploymentRecord> {
  const stop = new AbortController()
  try {
    const changes = hangar.deployments.events.statuses(id, stop.signal)
    const now = await current(hangar, id)
    yield now
    if (isTerminal(now)) return
    for await (const change of changes) {
      // Changes may have been missed (Redis was away): the stored state says where it is.
      const next = change === RESYNC ? await current(hangar, id) : change
      yield next
      if (isTerminal(next)) return
    }
  } finally {
    stop.abort()
  }
}

/** Every line with seq > after, stored then live, in batches, through the one job-log tail (no gap, no repeat). */
async function* watchLogBatches(
  hangar: Hangar,
  id: number,
  after: number,
): AsyncGenerator<readonly DeploymentLogLine[]> {
  const stop = new AbortController()
  const { store, events } = hangar.deployments
  try {
    yield* tailJobLogBatches<DeploymentLogLine>(
      {
        // Methods, not named arrows: see `channel` on what a named closure costs a subscription.
        read(from, limit) {
          return store.logs(id, { after: from, limit })
        },
        batches: events.logs(id, stop.signal)[Symbol.asyncIterator](),
        changes: events.statuses(id, stop.signal)[Symbol.asyncIterator](),
        async hasEnded(change) {
          return isTerminal(change === undefined ? await current(hangar, id) : (change as DeploymentRecord))
        },
      },
      after,
    )
  } finally {
    stop.abort()
  }
}

/** The lines of `batches` one at a time (each the object every subscriber shares). */
async function* eachLine(batches: AsyncIterable<readonly DeploymentLogLine[]>): AsyncGenerator<DeploymentLogLine> {
  for await (const batch of batches) yield* batch
}

builder.subscriptionFields((t) => ({
  deploymentStatus: t.field({
    type: Deployment,
    authScopes: { viewer: true },
    description: 'The current state first, then every change; completes after a terminal state.',
    args: { id: t.arg.id({ required: true }) },
    subscribe: (_root, { id }, { hangar }) => watchStatus(hangar, deploymentId(id)),
    resolve: (deployment) => deployment,
  }),
  deploymentLogs: t.field({
    type: LogLine,
    authScopes: { viewer: true },
    description:
      'Every line with seq > after, stored ones first, then live; completes when the deployment is terminal and ' +
      'every line was sent.',
    args: { id: t.arg.id({ required: true }), after: t.arg.int({ defaultValue: 0 }) },
    subscribe: (_root, { id, after }, { hangar }) => eachLine(watchLogBatches(hangar, deploymentId(id), after ?? 0)),
    resolve: (line) => line,
  }),
  deploymentLogBatches: t.field({
    type: [LogLine],
    authScopes: { viewer: true },
    description:
      'The lines of `deploymentLogs` (same order, same `after`, same end) many to an event, never none: as the ' +
      'gateway stored them together, or up to 500 per stored page. What a viewer of a fast build should use.',
    args: { id: t.arg.id({ required: true }), after: t.arg.int({ defaultValue: 0 }) },
    subscribe: (_root, { id, after }, { hangar }) => watchLogBatches(hangar, deploymentId(id), after ?? 0),
    resolve: (batch) => batch,
  }),
}))
