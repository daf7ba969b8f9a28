import type { Kysely, Selectable } from 'kysely'
import { NotFoundError } from '../errors/index.js'
import { KeyedQueue } from '../operations/keyed-queue.js'
import type { HangarTables, OperationsTable } from './tables.js'

/** Where an operation is in its life; `SUCCEEDED` and `FAILED` are final. */
export type OperationStatus = 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED'

/** An operation as the rest of Hangar sees it: camelCase, real `Date`s. */
export interface OperationRecord {
  /** A uuid made by the caller. */
  id: string
  /** The provider instance name, e.g. `pve-lab`. */
  provider: string
  /** The public server id like `pve-lab:qemu/101`, or null. */
  serverId: string | null
  /** What was asked for, e.g. `START`. */
  action: string
  status: OperationStatus
  /** The upstream task reference (a Proxmox UPID, a Kamatera command id), once known. */
  ref: string | null
  startedAt: Date
  /** Set when the operation reaches a final status. */
  finishedAt: Date | null
  /** Why the operation failed; shown to clients, so it must never hold a secret. */
  error: string | null
}

/** One stored log line of an operation. */
export interface OperationLogLine {
  /** 1, 2, 3, ... per operation, with no gaps. */
  seq: number
  at: Date
  line: string
}

/** Options of {@link OperationStore.logs}. */
export interface OperationLogsOptions {
  /** Only lines with a larger `seq`; 0 (all lines) by default. Lets a reader resume. */
  after?: number
  /** At most this many lines; all by default. */
  limit?: number
}

/** Options of {@link OperationStore.list}. */
export interface ListOperationsOptions {
  /** Only the operations of this public server id. */
  serverId?: string
  /** At most this many operations; 100 by default. */
  limit?: number
}

/** What {@link OperationStore.create} needs: everything but the parts an operation gains later. */
export type NewOperation = Omit<OperationRecord, 'finishedAt' | 'error' | 'ref'> &
  Partial<Pick<OperationRecord, 'ref'>>

/** The fields {@link OperationStore.update} may change. */
export type OperationPatch = Partial<Pick<OperationRecord, 'status' | 'ref' | 'finishedAt' | 'error' | 'serverId'>>

/**
 * Stores operations and their log lines, so the gateway can answer for them after a restart and
 * resume following the unfinished ones. Works the same on SQLite and PostgreSQL.
 *
 * @example
 * ```ts
 * const operations = createOperationStore(database.db)
 * await operations.create({ id: randomUUID(), provider: 'pve-lab', serverId: 'pve-lab:qemu/101',
 *   action: 'START', status: 'PENDING', startedAt: new Date() })
 * await operations.appendLogs(id, ['task started'])
 * await operations.update(id, { status: 'SUCCEEDED', finishedAt: new Date() })
 * ```
 */
export interface OperationStore {
  /** Inserts a new operation and returns it as stored. Fails if the id is taken. */
  create(record: NewOperation): Promise<OperationRecord>
  /** Changes some fields and returns the whole operation; throws `NotFoundError` for an unknown id. */
  update(id: string, patch: OperationPatch): Promise<OperationRecord>
  /**
   * Appends lines (all stamped `at`, now by default) in one transaction, numbering them on from
   * the largest stored `seq`, and returns the last `seq` (the current one if `lines` is empty).
   * Concurrent calls for the same id are safe: they are queued in-process, and the operation row
   * is locked for the transaction against other processes. Throws `NotFoundError` for an unknown id.
   */
  appendLogs(id: string, lines: readonly string[], at?: Date): Promise<number>
  /** The operation, or undefined. */
  get(id: string): Promise<OperationRecord | undefined>
  /** Log lines in `seq` order. */
  logs(id: string, options?: OperationLogsOptions): Promise<OperationLogLine[]>
  /** `PENDING` and `RUNNING` operations, oldest first: what to resume following after a restart. */
  listUnfinished(): Promise<OperationRecord[]>
  /** Operations, newest first. */
  list(options?: ListOperationsOptions): Promise<OperationRecord[]>
}

/** Creates an {@link OperationStore} over a database opened by `openDatabase`. */
export function createOperationStore(db: Kysely<HangarTables>): OperationStore {
  const appendQueue = new KeyedQueue()

  async function get(id: string): Promise<OperationRecord | undefined> {
    const row = await db.selectFrom('operations').selectAll().where('id', '=', id).executeTakeFirst()
    return row === undefined ? undefined : toRecord(row)
  }

  return {
    async create(record) {
      const row = await db
        .insertInto('operations')
        .values({
          id: record.id,
          provider: record.provider,
          server_id: record.serverId,
          action: record.action,
          status: record.status,
          ref: record.ref ?? null,
          started_at: record.startedAt.toISOString(),
          finished_at: null,
          error: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow()
      return toRecord(row)
    },

    async update(id, patch) {
      const changes: Partial<OperationsTable> = {}
      if (patch.status !== undefined) changes.status = patch.status
      if (patch.ref !== undefined) changes.ref = patch.ref
      if (patch.finishedAt !== undefined) changes.finished_at = patch.finishedAt?.toISOString() ?? null
      if (patch.error !== undefined) changes.error = patch.error
      if (patch.serverId !== undefined) changes.server_id = patch.serverId
      const row =
        Object.keys(changes).length === 0
          ? await db.selectFrom('operations').selectAll().where('id', '=', id).executeTakeFirst()
          : await db.updateTable('operations').set(changes).where('id', '=', id).returningAll().executeTakeFirst()
      if (row === undefined) throw new NotFoundError(`Operation ${id} does not exist`, { id })
      return toRecord(row)
    },

    appendLogs(id, lines, at = new Date()) {
      return appendQueue.run(id, () =>
        db.transaction().execute(async (trx) => {
          // A no-op write first: it takes the operation's row lock on PostgreSQL and the write lock
          // on SQLite before max(seq) is read, so another process cannot number the same lines.
          const locked = await trx.updateTable('operations').set({ id }).where('id', '=', id).executeTakeFirst()
          if (locked.numUpdatedRows === 0n) throw new NotFoundError(`Operation ${id} does not exist`, { id })

          const { last } = await trx
            .selectFrom('operation_logs')
            .select((eb) => eb.fn.max('seq').as('last'))
            .where('operation_id', '=', id)
            .executeTakeFirstOrThrow()
          const from = Number(last ?? 0)
          if (lines.length === 0) return from

          const stamp = at.toISOString()
          await trx
            .insertInto('operation_logs')
            .values(lines.map((line, i) => ({ operation_id: id, seq: from + i + 1, at: stamp, line })))
            .execute()
          return from + lines.length
        }),
      )
    },

    get,

    async logs(id, { after = 0, limit } = {}) {
      let query = db
        .selectFrom('operation_logs')
        .select(['seq', 'at', 'line'])
        .where('operation_id', '=', id)
        .where('seq', '>', after)
        .orderBy('seq', 'asc')
      if (limit !== undefined) query = query.limit(limit)
      const rows = await query.execute()
      return rows.map((row) => ({ seq: Number(row.seq), at: new Date(row.at), line: row.line }))
    },

    async listUnfinished() {
      const rows = await db
        .selectFrom('operations')
        .selectAll()
        .where('status', 'in', ['PENDING', 'RUNNING'])
        .orderBy('started_at', 'asc')
        .orderBy('id', 'asc')
        .execute()
      return rows.map(toRecord)
    },

    async list({ serverId, limit = 100 } = {}) {
      let query = db.selectFrom('operations').selectAll()
      if (serverId !== undefined) query = query.where('server_id', '=', serverId)
      const rows = await query.orderBy('started_at', 'desc').orderBy('id', 'desc').limit(limit).execute()
      return rows.map(toRecord)
    },
  }
}

function toRecord(row: Selectable<OperationsTable>): OperationRecord {
  return {
    id: row.id,
    provider: row.provider,
    serverId: row.server_id,
    action: row.action,
    // The column's CHECK constraint admits only these four values.
    status: row.status as OperationStatus,
    ref: row.ref,
    startedAt: new Date(row.started_at),
    finishedAt: row.finished_at === null ? null : new Date(row.finished_at),
    error: row.error,
  }
}
