import { z } from 'zod'
import {
  type CallOptions,
  ConflictError,
  NotFoundError,
  type SnapshotInfo,
  type SnapshotSpec,
  type TaskHandle,
  UnsupportedError,
} from 'hangar/provider-kit'
import type { KamateraClient } from './kamatera-client.js'
import { commandIdsSchema } from './upstream-schemas.js'

/** The cloudcli path of every snapshot call: list with no action, else `create`, `delete` or `revert`. */
const SNAPSHOT_PATH = '/server/snapshot'

/** One snapshot as `POST /server/snapshot` lists it, possibly with its children nested in `child`. */
interface RawSnapshot {
  id: string | number
  name: string
  date?: string | number | null
  depth?: string | number | null
  child?: RawSnapshot[] | null
}

const rawSnapshotSchema: z.ZodType<RawSnapshot> = z.lazy(() =>
  z
    .object({
      id: z.union([z.string().min(1), z.number()]),
      name: z.string(),
      date: z.union([z.string(), z.number()]).nullish(),
      depth: z.union([z.number(), z.string()]).nullish(),
      child: z.array(rawSnapshotSchema).nullish(),
    })
    .loose(),
)
const snapshotListSchema = z.array(rawSnapshotSchema)

/** A snapshot with the upstream id that `delete` and `revert` take. */
export interface KamateraSnapshot extends SnapshotInfo {
  id: string
}

/**
 * `date` as Kamatera writes dates (`YYYY-MM-DD HH:MM:SS`, read as UTC like the queue's), or an
 * ISO string or epoch; null when it cannot be read rather than a wrong date.
 */
export function snapshotDate(value: string | number | null | undefined): Date | null {
  if (value === null || value === undefined || value === '') return null
  if (typeof value === 'number') return new Date(value < 1e11 ? value * 1000 : value)
  const plain = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})$/.exec(value.trim())
  const at = Date.parse(plain ? `${plain[1]}T${plain[2]}Z` : value)
  return Number.isNaN(at) ? null : new Date(at)
}

const depthOf = (value: RawSnapshot['depth']): number | null => {
  const depth = typeof value === 'string' ? Number(value) : value
  return typeof depth === 'number' && Number.isFinite(depth) ? depth : null
}

/**
 * The snapshots of one answer with their parents, oldest first. Two shapes are read: the backend's
 * tree, where a snapshot's parent is the one whose `child` holds it; and the list cloudcli-server
 * makes of it (`recursiveFlattenField`), where every node follows its descendants (post-order) and
 * `child` is emptied, so a snapshot's parent is the first later entry with a smaller `depth`.
 */
export function snapshotsFromAnswer(answer: RawSnapshot[]): KamateraSnapshot[] {
  const found: KamateraSnapshot[] = []
  const visit = (node: RawSnapshot, parent: string | null) => {
    found.push({
      id: String(node.id),
      name: node.name,
      description: null,
      createdAt: snapshotDate(node.date),
      parent,
      includesMemory: false,
    })
    for (const child of node.child ?? []) visit(child, node.name)
  }
  answer.forEach((node, index) => {
    const depth = depthOf(node.depth)
    const parent =
      depth === null ? undefined : answer.slice(index + 1).find((later) => (depthOf(later.depth) ?? depth) < depth)
    visit(node, parent?.name ?? null)
  })
  return oldestFirst(found)
}

/** By date; a parent before its children when dates tie (they have one-second resolution). */
function oldestFirst(snapshots: KamateraSnapshot[]): KamateraSnapshot[] {
  const byName = new Map(snapshots.map((snapshot) => [snapshot.name, snapshot]))
  const generation = (snapshot: KamateraSnapshot): number => {
    let count = 0
    for (let at = snapshot.parent; at !== null && count < snapshots.length; at = byName.get(at)?.parent ?? null)
      count += 1
    return count
  }
  const time = (snapshot: KamateraSnapshot) => snapshot.createdAt?.getTime() ?? Number.POSITIVE_INFINITY
  return snapshots
    .map((snapshot) => ({ snapshot, generation: generation(snapshot) }))
    .sort((a, b) => time(a.snapshot) - time(b.snapshot) || a.generation - b.generation)
    .map(({ snapshot }) => snapshot)
}

/** What the snapshot calls need from the provider. */
export interface SnapshotContext {
  client: KamateraClient
  /** The provider's name, for error messages. */
  provider: string
  /** Follows a command the API started. */
  command(commandId: string): TaskHandle
}

/** `POST /server/snapshot` with no action: a read, retried like every read. */
export async function listKamateraSnapshots(
  context: SnapshotContext,
  nativeId: string,
  { signal }: CallOptions,
): Promise<KamateraSnapshot[]> {
  const answer = await context.client.request('POST', SNAPSHOT_PATH, {
    body: { id: nativeId },
    schema: snapshotListSchema,
    signal,
    read: true,
  })
  return snapshotsFromAnswer(answer)
}

/** Starts one snapshot action; never retried (a lost answer may still have started it). */
async function snapshotAction(
  context: SnapshotContext,
  nativeId: string,
  action: Record<string, string>,
  signal?: AbortSignal,
): Promise<TaskHandle> {
  const ids = await context.client.request('POST', SNAPSHOT_PATH, {
    body: { id: nativeId, ...action },
    schema: commandIdsSchema,
    signal,
    read: false,
  })
  return context.command(ids[0]!)
}

/**
 * The upstream id of the snapshot named `name`. Kamatera itself keys snapshots by id and does not
 * say it refuses a second snapshot of a name, so a name Hangar cannot tell apart is CONFLICT.
 */
async function snapshotId(
  context: SnapshotContext,
  nativeId: string,
  name: string,
  signal?: AbortSignal,
): Promise<string> {
  const named = (await listKamateraSnapshots(context, nativeId, { signal })).filter(
    (snapshot) => snapshot.name === name,
  )
  if (named.length === 0)
    throw new NotFoundError(`${context.provider}: server ${nativeId} has no snapshot named "${name}"`, {
      provider: context.provider,
      snapshot: name,
    })
  if (named.length > 1) {
    throw new ConflictError(
      `${context.provider}: server ${nativeId} has ${named.length} snapshots ` +
        `named "${name}"; rename or delete the others in Kamatera's console first`,
      { provider: context.provider, snapshot: name },
    )
  }
  return named[0]!.id
}

/**
 * Takes a snapshot. Kamatera keeps no RAM state and no description, so asking for either is
 * UNSUPPORTED rather than silently dropped; a name the server already has is CONFLICT, since
 * names are how Hangar finds snapshots again.
 */
export async function createKamateraSnapshot(
  context: SnapshotContext,
  nativeId: string,
  spec: SnapshotSpec,
  { signal }: CallOptions,
): Promise<TaskHandle> {
  if (spec.includeMemory)
    throw new UnsupportedError(`${context.provider}: input.includeMemory: Kamatera snapshots keep no RAM state`, {
      provider: context.provider,
      field: 'input.includeMemory',
    })
  if (spec.description)
    throw new UnsupportedError(`${context.provider}: input.description: Kamatera snapshots have no description`, {
      provider: context.provider,
      field: 'input.description',
    })
  const existing = await listKamateraSnapshots(context, nativeId, { signal })
  if (existing.some((snapshot) => snapshot.name === spec.name)) {
    throw new ConflictError(`${context.provider}: server ${nativeId} already has a snapshot named "${spec.name}"`, {
      provider: context.provider,
      snapshot: spec.name,
    })
  }
  return snapshotAction(context, nativeId, { create: spec.name }, signal)
}

/** Reverts the server to the snapshot named `name` (`revert: <snapshotId>`). */
export async function rollbackKamateraSnapshot(
  context: SnapshotContext,
  nativeId: string,
  name: string,
  { signal }: CallOptions,
): Promise<TaskHandle> {
  return snapshotAction(context, nativeId, { revert: await snapshotId(context, nativeId, name, signal) }, signal)
}

/** Deletes the snapshot named `name` (`delete: <snapshotId>`). */
export async function deleteKamateraSnapshot(
  context: SnapshotContext,
  nativeId: string,
  name: string,
  { signal }: CallOptions,
): Promise<TaskHandle> {
  return snapshotAction(context, nativeId, { delete: await snapshotId(context, nativeId, name, signal) }, signal)
}
