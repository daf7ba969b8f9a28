import type { Kysely, Selectable } from 'kysely'
import { hasErrorCode, NotFoundError } from '../errors/index.js'
import { createJobLog } from '../jobs/job-log.js'
import { endJob, insertJob } from '../jobs/job-store.js'
import { dateOrNull } from './nullable-date.js'
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
export type NewOperation = Omit<OperationRecord, 'finishedAt' | 'error' | 'ref'> & Partial<Pick<OperationRecord, 'ref'>>

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
  /**
   * Inserts a new operation, with its job (QUEUED on its server, leased to `lease.owner` when
   * given), and returns it as stored. Fails if the id is taken.
   */
  create(
    record: NewOperation,
    lease?: { owner: string; leaseMs: number; queueKey?: string | null; request?: string | null },
  ): Promise<OperationRecord>
  /** Changes some fields and returns the whole operation; throws `NotFoundError` for an unknown id. */
  update(id: string, patch: OperationPatch): Promise<OperationRecord>
  /**
   * Appends lines (all stamped `at`, now by default) in one transaction, numbering them on from
   * the largest stored `seq`, and returns the last `seq` (the current one if `lines` is empty).
   * The lines go to the operation's job log (`job_logs`, stream `TASK`); concurrent calls are safe
   * across gateways. Throws `NotFoundError` for an unknown id.
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
  const log = createJobLog(db)

  async function get(id: string): Promise<OperationRecord | undefined> {
    const row = await db.selectFrom('operations').selectAll().where('id', '=', id).executeTakeFirst()
    return row === undefined ? undefined : toRecord(row)
  }

  return {
    async create(record, lease) {
      const row = await db.transaction().execute(async (trx) => {
        const inserted = await trx
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
        const queueKey = lease?.queueKey !== undefined ? lease.queueKey : record.serverId
        await insertJob(trx, {
          id: record.id,
          kind: 'operation',
          queueKey,
          owner: lease?.owner ?? null,
          leaseMs: lease?.leaseMs ?? 0,
          queuedAt: record.startedAt,
          request: lease?.request,
        })
        return inserted
      })
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
          : await db.transaction().execute(async (trx) => {
              const updated = await trx
                .updateTable('operations')
                .set(changes)
                .where('id', '=', id)
                .returningAll()
                .executeTakeFirst()
              // A final status ends the operation's job in the same transaction.
              if (updated && (patch.status === 'SUCCEEDED' || patch.status === 'FAILED')) await endJob(trx, id)
              return updated
            })
      if (row === undefined) throw new NotFoundError(`Operation ${id} does not exist`, { id })
      return toRecord(row)
    },

    async appendLogs(id, lines, at = new Date()) {
      try {
        const stored = await log.append(
          id,
          lines.map((line) => ({ stream: 'TASK' as const, line, at })),
        )
        if (stored.length > 0) return stored.at(-1)!.seq
        return (await log.read(id)).at(-1)?.seq ?? 0
      } catch (error) {
        if (hasErrorCode(error, 'NOT_FOUND')) throw new NotFoundError(`Operation ${id} does not exist`, { id })
        throw error
      }
    },

    get,

    async logs(id, options = {}) {
      return (await log.read(id, options)).map(({ seq, at, line }) => ({ seq, at, line }))
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
    finishedAt: dateOrNull(row.finished_at),
    error: row.error,
  }
}
