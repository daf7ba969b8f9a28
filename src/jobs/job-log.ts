import { PostgresAdapter, sql, type Kysely, type Transaction } from 'kysely'
import type { HangarTables } from '../db/tables.js'
import { NotFoundError } from '../errors/index.js'
import { KeyedQueue } from './keyed-queue.js'

/** Where a line came from: an operation's provider task, or a deployment's phase. */
export type JobLogStream = 'TASK' | 'PROVISION' | 'DEPLOY' | 'SYSTEM'

/** One stored log line of a job. */
export interface JobLogLine {
  /** 1, 2, 3, ... per job, with no gaps; a stored line keeps its number for ever. */
  seq: number
  at: Date
  stream: JobLogStream
  line: string
}

/** A line to append; stamped now when `at` is left out. */
export interface NewJobLogLine {
  stream: JobLogStream
  line: string
  at?: Date
}

/**
 * The one log of every job (operations and deployments alike), on SQLite or PostgreSQL.
 *
 * @example
 * ```ts
 * const log = createJobLog(database.db)
 * const stored = await log.append(jobId, [{ stream: 'TASK', line: 'TASK OK' }])
 * const rest = await log.read(jobId, { after: stored.at(-1)!.seq })
 * ```
 */
export interface JobLog {
  /**
   * Appends lines in one transaction, numbering them on from the largest stored `seq`, and returns
   * them numbered. Appends to one job are queued in-process, and a no-op write on the job's row
   * first takes its lock (PostgreSQL's row lock, SQLite's write lock), so two gateways never number
   * alike. Throws `NotFoundError` for a job that does not exist.
   */
  append(jobId: string, lines: readonly NewJobLogLine[]): Promise<JobLogLine[]>
  /**
   * Appends to several jobs in one transaction (one commit, one disk sync, however many jobs are
   * writing), each numbered as by `append`. Answers each batch's lines numbered, in the order
   * given, or `undefined` for a job that does not exist (the others are stored all the same).
   */
  appendMany(batches: readonly { jobId: string; lines: readonly NewJobLogLine[] }[]): Promise<(JobLogLine[] | undefined)[]>
  /** Lines after `after` (0: from the start), in order, at most `limit` (all by default). */
  read(jobId: string, options?: { after?: number; limit?: number }): Promise<JobLogLine[]>
}

/**
 * Appends `lines` to one job inside `trx`: a no-op write on the job's row takes its lock
 * (PostgreSQL's row lock, SQLite's write lock), so two gateways never number alike. It writes a
 * column no key refers to: writing `id`, even to itself, had SQLite's foreign-key check visit every
 * line of the job, which made each append slower than the last. Answers the
 * lines numbered, or `undefined` when the job does not exist.
 */
async function appendIn(trx: Transaction<HangarTables>, postgres: boolean, jobId: string, lines: readonly NewJobLogLine[]): Promise<JobLogLine[] | undefined> {
  const locked = await trx.updateTable('jobs').set((eb) => ({ kind: eb.ref('kind') })).where('id', '=', jobId).executeTakeFirst()
  if (locked.numUpdatedRows === 0n) return undefined
  if (lines.length === 0) return []
  // The last line by the primary key's order: one index step, however long the log.
  const newest = await trx.selectFrom('job_logs').select('seq').where('job_id', '=', jobId).orderBy('seq', 'desc').limit(1).executeTakeFirst()
  const first = Number(newest?.seq ?? 0) + 1
  const now = new Date()
  const stored = lines.map((entry, index) => ({ seq: first + index, at: entry.at ?? now, stream: entry.stream, line: entry.line }))
  await insertLines(trx, postgres, jobId, first, stored)
  return stored
}

/**
 * Inserts a job's numbered lines with one short statement however many they are: the rows travel
 * as one JSON parameter that the database unpacks (SQLite's `json_each`, PostgreSQL's
 * `jsonb_array_elements`), instead of a statement of five parameters a row compiled and prepared
 * anew for every batch size.
 */
async function insertLines(trx: Transaction<HangarTables>, postgres: boolean, jobId: string, first: number, lines: readonly JobLogLine[]): Promise<void> {
  const rows = JSON.stringify(lines.map((entry) => [entry.at.toISOString(), entry.stream, entry.line]))
  const insert = postgres
    ? sql`insert into job_logs (job_id, seq, at, stream, line)
        select ${jobId}, ${first}::integer + (row.number)::integer - 1, row.value ->> 0, row.value ->> 1, row.value ->> 2
        from jsonb_array_elements(${rows}::jsonb) with ordinality as row(value, number)`
    : sql`insert into job_logs (job_id, seq, at, stream, line)
        select ${jobId}, ${first} + key, value ->> 0, value ->> 1, value ->> 2 from json_each(${rows})`
  await insert.execute(trx)
}

/** Creates the {@link JobLog} over a database opened by `openDatabase`. */
export function createJobLog(db: Kysely<HangarTables>): JobLog {
  const appends = new KeyedQueue()
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter
  return {
    append(jobId, lines) {
      return appends.run(jobId, () =>
        db.transaction().execute(async (trx) => {
          const stored = await appendIn(trx, postgres, jobId, lines)
          if (!stored) throw new NotFoundError(`job ${jobId} does not exist`, { id: jobId })
          return stored
        }),
      )
    },

    async appendMany(batches) {
      // Every job's slot, taken in one order (a single append takes one): lines of a job are never
      // numbered out of the order they were given in, whichever call gave them.
      const jobIds = [...new Set(batches.map((batch) => batch.jobId))].sort()
      const releases: (() => void)[] = []
      try {
        for (const jobId of jobIds) releases.push(await appends.acquire(jobId))
        return await db.transaction().execute(async (trx) => {
          // Rows locked in one order on every gateway: two of these never wait for each other.
          const order = batches.map((_, index) => index).sort((a, b) => (batches[a]!.jobId < batches[b]!.jobId ? -1 : batches[a]!.jobId > batches[b]!.jobId ? 1 : a - b))
          const answers: (JobLogLine[] | undefined)[] = new Array(batches.length)
          for (const index of order) answers[index] = await appendIn(trx, postgres, batches[index]!.jobId, batches[index]!.lines)
          return answers
        })
      } finally {
        for (const release of releases) release()
      }
    },

    async read(jobId, { after = 0, limit } = {}) {
      let query = db.selectFrom('job_logs').select(['seq', 'at', 'stream', 'line']).where('job_id', '=', jobId).where('seq', '>', after).orderBy('seq', 'asc')
      if (limit !== undefined) query = query.limit(limit)
      const rows = await query.execute()
      return rows.map((row) => ({ seq: Number(row.seq), at: new Date(row.at), stream: row.stream as JobLogStream, line: row.line }))
    },
  }
}

/** The job id of deployment `id`. */
export const deploymentJobId = (id: number): string => `deployment:${id}`

/** The deployment id a deployment's job id names. */
export const deploymentIdOf = (jobId: string): number => Number(jobId.slice('deployment:'.length))
