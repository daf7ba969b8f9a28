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
  appendMany(
    batches: readonly { jobId: string; lines: readonly NewJobLogLine[] }[],
  ): Promise<(JobLogLine[] | undefined)[]>
  /** Lines after `after` (0: from the start), in order, at most `limit` (all by default). */
  read(jobId: string, options?: { after?: number; limit?: number }): Promise<JobLogLine[]>
}

/**
 * Takes the rows of `jobIds` (sorted) inside `trx` with a no-op write, so two gateways never number
 * alike: PostgreSQL's row locks, taken in id order (two appends never wait for each other), or
 * SQLite's write lock. It writes a column no key refers to: writing `id`, even to itself, had
 * SQLite's foreign-key check visit every line of the job, each append slower than the last.
 * Answers the ids that exist.
 */
async function lockJobs(
  trx: Transaction<HangarTables>,
  postgres: boolean,
  jobIds: readonly string[],
): Promise<Set<string>> {
  const ids = JSON.stringify(jobIds)
  const { rows } = await (postgres
    ? sql<{ id: string }>`update jobs set kind = kind where id in (
        select id from jobs where id in (select jsonb_array_elements_text(${ids}::jsonb)) order by id for no key update
      ) returning id`
    : sql<{ id: string }>`update jobs set kind = kind where id in (select value from json_each(${ids})) returning id`
  ).execute(trx)
  return new Set(rows.map((row) => row.id))
}

/** The last seq of each of `jobIds` (0 for none): one index step each, however long the logs. */
async function lastSeqs(
  trx: Transaction<HangarTables>,
  postgres: boolean,
  jobIds: readonly string[],
): Promise<Map<string, number>> {
  const ids = JSON.stringify(jobIds)
  const { rows } = await (postgres
    ? sql<{
        id: string
        seq: number | string | null
      }>`select id, (select seq from job_logs where job_id = id order by seq desc limit 1) as seq
        from jsonb_array_elements_text(${ids}::jsonb) as id`
    : sql<{
        id: string
        seq: number | null
      }>`select value as id, (select seq from job_logs where job_id = value order by seq desc limit 1) as seq
        from json_each(${ids})`
  ).execute(trx)
  return new Map(rows.map((row) => [row.id, Number(row.seq ?? 0)]))
}

/**
 * Inserts numbered lines of any number of jobs with one short statement: the rows travel as one
 * JSON parameter the database unpacks (SQLite's `json_each`, PostgreSQL's `jsonb_array_elements`),
 * instead of a statement of five parameters a row, compiled and prepared anew for every size.
 */
async function insertLines(
  trx: Transaction<HangarTables>,
  postgres: boolean,
  rows: readonly (readonly [string, number, string, string, string])[],
): Promise<void> {
  const json = JSON.stringify(rows)
  await (postgres
    ? sql`insert into job_logs (job_id, seq, at, stream, line)
        select value ->> 0, (value ->> 1)::integer, value ->> 2, value ->> 3, value ->> 4
        from jsonb_array_elements(${json}::jsonb)`
    : sql`insert into job_logs (job_id, seq, at, stream, line)
        select value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4 from json_each(${json})`
  ).execute(trx)
}

/**
 * A line as both databases can hold it: a NUL or half a surrogate pair (binary output of a build)
 * becomes U+FFFD. PostgreSQL refuses either in text, and one such line would fail every job's lines
 * of the transaction.
 */
function storable(line: string): string {
  return line.replace(UNSTORABLE, '\uFFFD')
}

const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** Creates the {@link JobLog} over a database opened by `openDatabase`. */
export function createJobLog(db: Kysely<HangarTables>): JobLog {
  const appends = new KeyedQueue()
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter

  const log: JobLog = {
    async append(jobId, lines) {
      const [stored] = await log.appendMany([{ jobId, lines }])
      if (!stored) throw new NotFoundError(`job ${jobId} does not exist`, { id: jobId })
      return stored
    },

    async appendMany(batches) {
      // Every job's slot, taken in one order: lines of a job are never numbered out of the order
      // they were given in, whichever call gave them.
      const jobIds = [...new Set(batches.map((batch) => batch.jobId))].sort()
      const releases: (() => void)[] = []
      try {
        for (const jobId of jobIds) releases.push(await appends.acquire(jobId))
        return await db.transaction().execute(async (trx) => {
          // Three statements however many jobs: lock their rows, read their last seqs, insert.
          const present = await lockJobs(trx, postgres, jobIds)
          const last = present.size > 0 ? await lastSeqs(trx, postgres, [...present]) : new Map<string, number>()
          const now = new Date()
          const rows: [string, number, string, string, string][] = []
          const answers = batches.map(({ jobId, lines }) => {
            if (!present.has(jobId)) return undefined
            let seq = last.get(jobId) ?? 0
            const stored = lines.map((entry) => ({
              seq: ++seq,
              at: entry.at ?? now,
              stream: entry.stream,
              line: storable(entry.line),
            }))
            last.set(jobId, seq)
            for (const entry of stored) rows.push([jobId, entry.seq, entry.at.toISOString(), entry.stream, entry.line])
            return stored
          })
          if (rows.length > 0) await insertLines(trx, postgres, rows)
          return answers
        })
      } finally {
        for (const release of releases) release()
      }
    },

    async read(jobId, { after = 0, limit } = {}) {
      let query = db
        .selectFrom('job_logs')
        .select(['seq', 'at', 'stream', 'line'])
        .where('job_id', '=', jobId)
        .where('seq', '>', after)
        .orderBy('seq', 'asc')
      if (limit !== undefined) query = query.limit(limit)
      const rows = await query.execute()
      return rows.map((row) => ({
        seq: Number(row.seq),
        at: new Date(row.at),
        stream: row.stream as JobLogStream,
        line: row.line,
      }))
    },
  }
  return log
}

/** The job id of deployment `id`. */
export const deploymentJobId = (id: number): string => `deployment:${id}`

/** The deployment id a deployment's job id names. */
export const deploymentIdOf = (jobId: string): number => Number(jobId.slice('deployment:'.length))
