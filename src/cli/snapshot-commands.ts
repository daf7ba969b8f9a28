import { graphql } from '../gql/index.js'
import type { CliSnapshotsQuery } from '../gql/graphql.js'
import { confirmByTyping, refuseUnlessAskable } from './confirm-by-typing.js'
import { EXIT } from './exit-codes.js'
import { CliError, request, type GatewayTarget } from './gateway-client.js'
import { dim, printJson, table } from './output.js'
import { followOperation, resolveServer, type FollowedOperation } from './server-commands.js'

const Snapshots = graphql(`
  query CliSnapshots($id: ID!) { server(id: $id) { id snapshots { name description createdAt parent includesMemory } } }
`)
const CreateSnapshot = graphql(`
  mutation CliCreateSnapshot($id: ID!, $name: String!, $description: String, $includeMemory: Boolean) {
    createSnapshot(id: $id, name: $name, description: $description, includeMemory: $includeMemory) { id }
  }
`)
const RollbackSnapshot = graphql(`
  mutation CliRollbackSnapshot($id: ID!, $name: String!, $confirm: String!) {
    rollbackSnapshot(id: $id, name: $name, confirm: $confirm) { id }
  }
`)
const DeleteSnapshot = graphql(
  `mutation CliDeleteSnapshot($id: ID!, $name: String!) { deleteSnapshot(id: $id, name: $name) { id } }`,
)

type Snapshot = NonNullable<CliSnapshotsQuery['server']>['snapshots'][number]

/** The gateway's argument names (and the providers' input fields) in the words of the command line. */
const SNAPSHOT_FLAGS: Record<string, string> = {
  name: '<name>',
  description: '--description',
  'input.description': '--description',
  'input.includeMemory': '--memory',
}

type Server = Awaited<ReturnType<typeof resolveServer>>

/**
 * Runs a snapshot mutation. CONFLICT (a name already used, a locked guest) exits 6 naming the
 * server; a refused argument, bad (2) or beyond the provider (7, Kamatera keeps no RAM), names its flag.
 */
async function mutate<T>(server: Server, action: string, mutation: () => Promise<T>): Promise<T> {
  try {
    return await mutation()
  } catch (error) {
    if (!(error instanceof CliError)) throw error
    const { code, field } = error.refusal
    // Not `act`: its "while it is running" would blame the state for a name already used.
    if (code === 'CONFLICT')
      throw new CliError(
        `cannot ${action} ${server.name} (${server.id}): ${error.message}`,
        EXIT.CONFLICT,
        error.refusal,
      )
    const flag = field ? SNAPSHOT_FLAGS[field] : undefined
    if (!flag) throw error
    throw new CliError(`${flag}: ${error.message.replace(`${field}: `, '')}`, error.exitCode, error.refusal)
  }
}

async function snapshotsOf(target: GatewayTarget, serverId: string): Promise<Snapshot[]> {
  const answer = await request(target, Snapshots, { id: serverId })
  if (!answer.server) throw new CliError(`no server ${serverId}`, EXIT.NOT_FOUND)
  return answer.server.snapshots
}

/** `2026-12-02 08:15` in local time, or `-` when the provider gave no time. */
function when(createdAt: string | null | undefined): string {
  if (!createdAt) return '-'
  const date = new Date(createdAt)
  const two = (value: number) => String(value).padStart(2, '0')
  return (
    `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ` +
    `${two(date.getHours())}:${two(date.getMinutes())}`
  )
}

/** How deep each snapshot sits under the ones it was taken after (a parent not listed counts as none). */
function depths(snapshots: Snapshot[]): Map<string, number> {
  const byName = new Map(snapshots.map((snapshot) => [snapshot.name, snapshot]))
  const depth = new Map<string, number>()
  const of = (snapshot: Snapshot, seen: Set<string>): number => {
    const known = depth.get(snapshot.name)
    if (known !== undefined) return known
    const parent = snapshot.parent ? byName.get(snapshot.parent) : undefined
    // A loop in what a provider reports ends the indentation rather than the command.
    const value = parent && !seen.has(parent.name) ? of(parent, seen.add(snapshot.name)) + 1 : 0
    depth.set(snapshot.name, value)
    return value
  }
  for (const snapshot of snapshots) of(snapshot, new Set())
  return depth
}

export async function snapshotListCommand(
  target: GatewayTarget,
  id: string,
  options: { json?: boolean },
): Promise<number> {
  const server = await resolveServer(target, id)
  const snapshots = await snapshotsOf(target, server.id)
  if (options.json) {
    printJson(snapshots)
    return 0
  }
  if (snapshots.length === 0) {
    console.error(`${server.name} (${server.id}) has no snapshots`)
    return 0
  }
  const depth = depths(snapshots)
  table(
    ['NAME', 'PARENT', 'CREATED', 'RAM', 'DESCRIPTION'],
    snapshots.map((snapshot) => [
      `${'  '.repeat(depth.get(snapshot.name) ?? 0)}${snapshot.name}`,
      snapshot.parent ?? dim('-'),
      when(snapshot.createdAt),
      snapshot.includesMemory ? 'yes' : 'no',
      snapshot.description?.replace(/\s+/g, ' ') ?? '',
    ]),
  )
  return 0
}

/** Options of `hangar snapshot create`. */
export interface SnapshotCreateOptions {
  description?: string
  memory?: boolean
  json?: boolean
}

/** Prints the finished operation as JSON when asked; the exit code of how it ended. */
function finish(
  { code, operation }: { code: number; operation: FollowedOperation | undefined },
  json: boolean | undefined,
): number {
  if (json) printJson(operation)
  return code
}

export async function snapshotCreateCommand(
  target: GatewayTarget,
  id: string,
  name: string,
  options: SnapshotCreateOptions,
): Promise<number> {
  const server = await resolveServer(target, id)
  const answer = await mutate(server, 'snapshot', () =>
    request(target, CreateSnapshot, {
      id: server.id,
      name,
      description: options.description,
      includeMemory: Boolean(options.memory),
    }),
  )
  return finish(
    await followOperation(target, answer.createSnapshot.id, `snapshot ${server.name} as ${name}`),
    options.json,
  )
}

export async function snapshotRollbackCommand(
  target: GatewayTarget,
  id: string,
  name: string,
  options: { yes?: boolean; json?: boolean },
): Promise<number> {
  const server = await resolveServer(target, id)
  if (!options.yes) {
    refuseUnlessAskable(`roll ${server.id} back to ${name}`)
    // Checked before asking, so that no one types the name of a snapshot that is not there.
    if (!(await snapshotsOf(target, server.id)).some((snapshot) => snapshot.name === name)) {
      throw new CliError(
        `no snapshot ${name} of ${server.name} (${server.id}); see \`hangar snapshot list ${server.id}\``,
        EXIT.NOT_FOUND,
      )
    }
    await confirmByTyping(
      `Roll ${server.id} (${server.name}) back to ${name}, losing what changed since? ` +
        "Type the snapshot's name to confirm: ",
      name,
      'nothing was rolled back',
    )
  }
  const answer = await mutate(server, 'roll back', () =>
    request(target, RollbackSnapshot, { id: server.id, name, confirm: name }),
  )
  return finish(
    await followOperation(target, answer.rollbackSnapshot.id, `roll ${server.name} back to ${name}`),
    options.json,
  )
}

export async function snapshotDeleteCommand(
  target: GatewayTarget,
  id: string,
  name: string,
  options: { json?: boolean },
): Promise<number> {
  const server = await resolveServer(target, id)
  const answer = await mutate(server, 'delete a snapshot of', () =>
    request(target, DeleteSnapshot, { id: server.id, name }),
  )
  return finish(
    await followOperation(target, answer.deleteSnapshot.id, `delete snapshot ${name} of ${server.name}`),
    options.json,
  )
}
