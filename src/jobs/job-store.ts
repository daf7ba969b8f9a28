import { sql, type Kysely, type Selectable } from 'kysely'
import { dateOrNull } from '../db/nullable-date.js'
import type { HangarTables, JobsTable } from '../db/tables.js'

/** What kind of work a job is. */
export type JobKind = 'operation' | 'deployment'
/** Where a job is in its run. */
export type JobState = 'QUEUED' | 'RUNNING' | 'DONE'

/** A job's row, as the engine reads it. */
export interface JobRecord {
  id: string
  kind: JobKind
  queueKey: string | null
  state: JobState
  queuedAt: Date
  leaseOwner: string | null
  leaseExpiresAt: Date | null
  stopRequested: string | null
  takeovers: number
  /** An operation's request, as stored (JSON). */
  request: string | null
}

/** A job claimed from a gateway that stopped renewing it (or handed it back). */
export interface ClaimedJob extends JobRecord {
  /** Who held it before; null when nobody did (made by a store without an owner, or left by an older version). */
  previousOwner: string | null
  /** Its holder let go of it (shut down with SIGTERM) rather than stopping renewing it. */
  handedBack: boolean
}

/** What a new job needs: it starts QUEUED and leased to the gateway that made it. */
export interface NewJob {
  id: string
  kind: JobKind
  queueKey: string | null
  /** The gateway run that holds it from the start; null: the first to claim it. */
  owner: string | null
  leaseMs: number
  queuedAt?: Date
  /** An operation's request (JSON), when it may be stored. */
  request?: string | null
}

/** What {@link JobStore.tryStart} answers. */
export type TurnAnswer = 'started' | 'wait' | 'gone'

/** Which stale jobs {@link JobStore.claimStale} may take. */
export interface ClaimOptions {
  /** Jobs whose lease names this prefix too (the same instance, restarted). */
  ownPrefix?: string
  /** Every unfinished job, whatever its lease (one gateway alone on its SQLite file, at start). */
  everything?: boolean
  limit?: number
}

const toRecord = (row: Selectable<JobsTable>): JobRecord => ({
  id: row.id,
  kind: row.kind as JobKind,
  queueKey: row.queue_key,
  state: row.state as JobState,
  queuedAt: new Date(row.queued_at),
  leaseOwner: row.lease_owner,
  leaseExpiresAt: dateOrNull(row.lease_expires_at),
  stopRequested: row.stop_requested,
  takeovers: Number(row.takeovers),
  request: row.request,
})

const until = (leaseMs: number) => new Date(Date.now() + leaseMs).toISOString()

/** Inserts a job, QUEUED and leased to its owner, inside the transaction that stores its record. */
export async function insertJob(trx: Kysely<HangarTables>, job: NewJob): Promise<void> {
  await trx
    .insertInto('jobs')
    .values({
      id: job.id,
      kind: job.kind,
      queue_key: job.queueKey,
      state: 'QUEUED',
      queued_at: (job.queuedAt ?? new Date()).toISOString(),
      lease_owner: job.owner,
      lease_expires_at: job.owner === null ? null : until(job.leaseMs),
      stop_requested: null,
      request: job.request ?? null,
    })
    .execute()
}

/** What an ended job keeps of its run: nobody holds it, nothing is asked of it. */
const ENDED = { state: 'DONE', lease_owner: null, lease_expires_at: null, stop_requested: null } as const

/**
 * Ends a job inside the transaction that stores its record's resting state (an operation
 * SUCCEEDED or FAILED, a deployment RUNNING, STOPPED, FAILED or DELETED): the two never disagree.
 */
export async function endJob(trx: Kysely<HangarTables>, id: string): Promise<void> {
  await trx.updateTable('jobs').set(ENDED).where('id', '=', id).execute()
}

/**
 * The `jobs` table: claims, leases and per-server turns, shared by every gateway on one database.
 * On PostgreSQL a claim skips rows another gateway is claiming (`FOR UPDATE SKIP LOCKED`) and a
 * turn is decided under an advisory lock of its server; on SQLite (one gateway) the database's
 * write lock serialises both. Lease times are the gateways' clocks: keep them in sync (NTP).
 */
export function createJobStore(db: Kysely<HangarTables>, dialect: 'sqlite' | 'postgres'): JobStore {
  const postgres = dialect === 'postgres'

  async function get(id: string): Promise<JobRecord | undefined> {
    const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst()
    return row && toRecord(row)
  }

  return {
    get,

    /**
     * Starts a QUEUED job `owner` holds, when it is its turn: nothing else on its server is
     * RUNNING, and no job queued before it on that server is still waiting: `started` (also when it
     * had started already), `wait` when it is not its turn yet, `gone` when the job is not `owner`'s
     * any more (taken over, or ended).
     */
    async tryStart(id: string, owner: string, leaseMs: number): Promise<TurnAnswer> {
      return db.transaction().execute(async (trx): Promise<TurnAnswer> => {
        const job = await trx.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst()
        if (!job || job.lease_owner !== owner || job.state === 'DONE') return 'gone'
        if (job.state === 'RUNNING') return 'started'
        if (job.queue_key !== null) {
          if (postgres) await sql`select pg_advisory_xact_lock(hashtext(${job.queue_key}))`.execute(trx)
          const ahead = await trx
            .selectFrom('jobs')
            .select('id')
            .where('queue_key', '=', job.queue_key)
            .where('id', '!=', id)
            .where((eb) =>
              eb.or([
                eb('state', '=', 'RUNNING'),
                eb.and([
                  eb('state', '=', 'QUEUED'),
                  eb.or([
                    eb('queued_at', '<', job.queued_at),
                    eb.and([eb('queued_at', '=', job.queued_at), eb('id', '<', id)]),
                  ]),
                ]),
              ]),
            )
            .limit(1)
            .executeTakeFirst()
          if (ahead) return 'wait'
        }
        const started = await trx
          .updateTable('jobs')
          .set({ state: 'RUNNING', lease_expires_at: until(leaseMs) })
          .where('id', '=', id)
          .where('lease_owner', '=', owner)
          .where('state', '=', 'QUEUED')
          .executeTakeFirst()
        return started.numUpdatedRows === 1n ? 'started' : 'gone'
      })
    },

    /** Queues a DONE job again for `owner` (a deployment restarted); false when it is not DONE. */
    async requeue(id: string, owner: string, leaseMs: number): Promise<boolean> {
      const result = await db
        .updateTable('jobs')
        .set({
          state: 'QUEUED',
          lease_owner: owner,
          lease_expires_at: until(leaseMs),
          stop_requested: null,
          queued_at: new Date().toISOString(),
        })
        .where('id', '=', id)
        .where('state', '=', 'DONE')
        .executeTakeFirst()
      return result.numUpdatedRows === 1n
    },

    /** Ends a job `owner` holds; false when it was not `owner`'s any more. */
    async finish(id: string, owner: string): Promise<boolean> {
      const result = await db
        .updateTable('jobs')
        .set(ENDED)
        .where('id', '=', id)
        .where('lease_owner', '=', owner)
        .executeTakeFirst()
      return result.numUpdatedRows === 1n
    },

    /** Extends the leases `owner` still holds; answers those, each with any stop asked of it. */
    async renew(owner: string, ids: readonly string[], leaseMs: number): Promise<Map<string, string | null>> {
      if (ids.length === 0) return new Map()
      const rows = await db
        .updateTable('jobs')
        .set({ lease_expires_at: until(leaseMs) })
        .where('id', 'in', [...ids])
        .where('lease_owner', '=', owner)
        .where('state', '!=', 'DONE')
        .returning(['id', 'stop_requested'])
        .execute()
      return new Map(rows.map((row) => [row.id, row.stop_requested]))
    },

    /** Extends every unfinished lease of `owner`: while it shuts down, until it hands them back. */
    async renewAll(owner: string, leaseMs: number): Promise<void> {
      await db
        .updateTable('jobs')
        .set({ lease_expires_at: until(leaseMs) })
        .where('lease_owner', '=', owner)
        .where('state', '!=', 'DONE')
        .where('lease_expires_at', 'is not', null)
        .execute()
    },

    /**
     * Takes unfinished jobs nobody holds: their lease expired (the gateway was killed, froze or was
     * cut off), was handed back, or — with `ownPrefix` — was this instance's before it restarted.
     * Each job goes to one gateway only, however many claim at once.
     */
    async claimStale(
      owner: string,
      leaseMs: number,
      { ownPrefix, everything = false, limit = 50 }: ClaimOptions = {},
    ): Promise<ClaimedJob[]> {
      return db.transaction().execute(async (trx) => {
        const now = new Date().toISOString()
        const rows = await trx
          .selectFrom('jobs')
          .selectAll()
          .where('state', '!=', 'DONE')
          .$if(!everything, (query) =>
            query.where((eb) => {
              const stale = [
                eb('lease_owner', 'is', null),
                eb('lease_expires_at', 'is', null),
                eb('lease_expires_at', '<', now),
              ]
              if (ownPrefix)
                stale.push(eb(eb.fn('substr', ['lease_owner', eb.lit(1), eb.lit(ownPrefix.length)]), '=', ownPrefix))
              return eb.or(stale)
            }),
          )
          .where((eb) => eb.or([eb('lease_owner', 'is', null), eb('lease_owner', '!=', owner)]))
          .orderBy('queued_at', 'asc')
          .orderBy('id', 'asc')
          .limit(limit)
          .$if(postgres, (query) => query.forUpdate().skipLocked())
          .execute()
        if (rows.length === 0) return []
        // A takeover: a lease that expired, not one handed back.
        const expired = (row: (typeof rows)[number]) => row.lease_owner !== null && row.lease_expires_at !== null
        const taken = rows.filter(expired).map((row) => row.id)
        await trx
          .updateTable('jobs')
          .set({ lease_owner: owner, lease_expires_at: until(leaseMs) })
          .where(
            'id',
            'in',
            rows.map((row) => row.id),
          )
          .execute()
        if (taken.length > 0)
          await trx
            .updateTable('jobs')
            .set((eb) => ({ takeovers: eb('takeovers', '+', 1) }))
            .where('id', 'in', taken)
            .execute()
        return rows.map((row) => ({
          ...toRecord({ ...row, lease_owner: owner, takeovers: Number(row.takeovers) + (expired(row) ? 1 : 0) }),
          previousOwner: row.lease_owner,
          handedBack: row.lease_owner !== null && row.lease_expires_at === null,
        }))
      })
    },

    /**
     * Lets go of every unfinished job `owner` holds (its name stays, its lease ends), for another gateway to take at
     * once.
     */
    async handBack(owner: string): Promise<number> {
      const result = await db
        .updateTable('jobs')
        .set({ lease_expires_at: null })
        .where('lease_owner', '=', owner)
        .where('state', '!=', 'DONE')
        .executeTakeFirst()
      return Number(result.numUpdatedRows)
    },

    /** Asks whoever holds the job to stop it (`cancelled`, `deleted`); false when it is DONE. */
    async requestStop(id: string, reason: string): Promise<boolean> {
      const result = await db
        .updateTable('jobs')
        .set({ stop_requested: reason })
        .where('id', '=', id)
        .where('state', '!=', 'DONE')
        .executeTakeFirst()
      return result.numUpdatedRows === 1n
    },
  }
}

/**
 * The jobs table: every operation's and deployment's lease, turn and stop request, shared by every
 * gateway on the database.
 */
export interface JobStore {
  /** One job, or undefined when there is none with that id. */
  get(id: string): Promise<JobRecord | undefined>
  /**
   * Starts a QUEUED job `owner` holds, when it is its turn: nothing else on its server is
   * RUNNING, and no job queued before it on that server is still waiting: `started` (also when it
   * had started already), `wait` when it is not its turn yet, `gone` when the job is not `owner`'s
   * any more (taken over, or ended).
   */
  tryStart(id: string, owner: string, leaseMs: number): Promise<TurnAnswer>
  /** Queues a DONE job again for `owner` (a deployment restarted); false when it is not DONE. */
  requeue(id: string, owner: string, leaseMs: number): Promise<boolean>
  /** Ends a job `owner` holds; false when it was not `owner`'s any more. */
  finish(id: string, owner: string): Promise<boolean>
  /** Extends the leases `owner` still holds; answers those, each with any stop asked of it. */
  renew(owner: string, ids: readonly string[], leaseMs: number): Promise<Map<string, string | null>>
  /** Extends every unfinished lease of `owner`: while it shuts down, until it hands them back. */
  renewAll(owner: string, leaseMs: number): Promise<void>
  /**
   * Takes unfinished jobs nobody holds: their lease expired (the gateway was killed, froze or was
   * cut off), was handed back, or — with `ownPrefix` — was this instance's before it restarted.
   * Each job goes to one gateway only, however many claim at once.
   */
  claimStale(owner: string, leaseMs: number, options?: ClaimOptions): Promise<ClaimedJob[]>
  /**
   * Lets go of every unfinished job `owner` holds (its name stays, its lease ends), for another gateway to take at
   * once.
   */
  handBack(owner: string): Promise<number>
  /** Asks whoever holds the job to stop it (`cancelled`, `deleted`); false when it is DONE. */
  requestStop(id: string, reason: string): Promise<boolean>
}
