import type { Kysely, Selectable } from 'kysely'
import { dateOrNull } from '../db/nullable-date.js'
import type { DeploymentReleasesTable, HangarTables } from '../db/tables.js'

export type ReleaseStatus = 'BUILDING' | 'ACTIVE' | 'FAILED' | 'SUPERSEDED'

/** A deployment of one commit, built in a directory of its own on the guest. */
export interface ReleaseRecord {
  deploymentId: number
  number: number
  ref: string | null
  commitSha: string | null
  status: ReleaseStatus
  createdAt: Date
  activatedAt: Date | null
  error: string | null
  /** Its directory is still on the guest: it can be rolled back to. */
  kept: boolean
}

function toRecord(row: Selectable<DeploymentReleasesTable>): ReleaseRecord {
  return {
    deploymentId: row.deployment_id,
    number: row.number,
    ref: row.ref,
    commitSha: row.commit_sha,
    status: row.status as ReleaseStatus,
    createdAt: new Date(row.created_at),
    activatedAt: dateOrNull(row.activated_at),
    error: row.error,
    kept: row.kept === 1,
  }
}

/**
 * The releases of each deployment. Exactly one is ACTIVE once one has served; activating one makes
 * the previous ACTIVE one SUPERSEDED in the same transaction.
 */
export function createReleaseStore(db: Kysely<HangarTables>): ReleaseStore {
  const select = (deploymentId: number) =>
    db.selectFrom('deployment_releases').selectAll().where('deployment_id', '=', deploymentId)

  return {
    /** Newest first. */
    async list(deploymentId: number): Promise<ReleaseRecord[]> {
      return (await select(deploymentId).orderBy('number', 'desc').execute()).map(toRecord)
    },

    async get(deploymentId: number, number: number): Promise<ReleaseRecord | undefined> {
      const row = await select(deploymentId).where('number', '=', number).executeTakeFirst()
      return row && toRecord(row)
    },

    /** The release serving now, if one does. */
    async active(deploymentId: number): Promise<ReleaseRecord | undefined> {
      const row = await select(deploymentId).where('status', '=', 'ACTIVE').executeTakeFirst()
      return row && toRecord(row)
    },

    /** The release being built, if one is. */
    async building(deploymentId: number): Promise<ReleaseRecord | undefined> {
      const row = await select(deploymentId)
        .where('status', '=', 'BUILDING')
        .orderBy('number', 'desc')
        .executeTakeFirst()
      return row && toRecord(row)
    },

    /** A new release, BUILDING, numbered after the last one. */
    async start(deploymentId: number, ref: string): Promise<ReleaseRecord> {
      const row = await db.transaction().execute(async (trx) => {
        const last = await trx
          .selectFrom('deployment_releases')
          .select((eb) => eb.fn.max('number').as('last'))
          .where('deployment_id', '=', deploymentId)
          .executeTakeFirst()
        return trx
          .insertInto('deployment_releases')
          .values({
            deployment_id: deploymentId,
            number: Number(last?.last ?? 0) + 1,
            ref,
            commit_sha: null,
            status: 'BUILDING',
            created_at: new Date().toISOString(),
            activated_at: null,
            error: null,
          })
          .returningAll()
          .executeTakeFirstOrThrow()
      })
      return toRecord(row)
    },

    /** Records the commit a release fetched. */
    async fetched(deploymentId: number, number: number, commitSha: string): Promise<void> {
      await db
        .updateTable('deployment_releases')
        .set({ commit_sha: commitSha })
        .where('deployment_id', '=', deploymentId)
        .where('number', '=', number)
        .execute()
    },

    /** Makes `number` the one ACTIVE release; the one before it becomes SUPERSEDED. */
    async activate(deploymentId: number, number: number): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('deployment_releases')
          .set({ status: 'SUPERSEDED' })
          .where('deployment_id', '=', deploymentId)
          .where('status', '=', 'ACTIVE')
          .where('number', '!=', number)
          .execute()
        await trx
          .updateTable('deployment_releases')
          .set({ status: 'ACTIVE', activated_at: new Date().toISOString(), error: null })
          .where('deployment_id', '=', deploymentId)
          .where('number', '=', number)
          .execute()
      })
    },

    /** A release that did not build or did not answer; its directory is gone with it. */
    async fail(deploymentId: number, number: number, error: string): Promise<void> {
      await db
        .updateTable('deployment_releases')
        .set({ status: 'FAILED', error, kept: 0 })
        .where('deployment_id', '=', deploymentId)
        .where('number', '=', number)
        .where('status', '=', 'BUILDING')
        .execute()
    },

    /** The deployment's guest is gone (or about to be replaced): none of its releases is on a guest any more. */
    async guestGone(deploymentId: number): Promise<void> {
      await db.updateTable('deployment_releases').set({ kept: 0 }).where('deployment_id', '=', deploymentId).execute()
      await db
        .updateTable('deployment_releases')
        .set({ status: 'SUPERSEDED' })
        .where('deployment_id', '=', deploymentId)
        .where('status', '=', 'ACTIVE')
        .execute()
    },

    /** Records that these releases' directories were removed from the guest. */
    async forget(deploymentId: number, numbers: readonly number[]): Promise<void> {
      if (numbers.length === 0) return
      await db
        .updateTable('deployment_releases')
        .set({ kept: 0 })
        .where('deployment_id', '=', deploymentId)
        .where('number', 'in', [...numbers])
        .execute()
    },
  }
}

/** A deployment's releases: each build of a commit, which one serves, which are kept. */
export interface ReleaseStore {
  /** Newest first. */
  list(deploymentId: number): Promise<ReleaseRecord[]>
  /** One release of a deployment, by its number. */
  get(deploymentId: number, number: number): Promise<ReleaseRecord | undefined>
  /** The release serving now, if one does. */
  active(deploymentId: number): Promise<ReleaseRecord | undefined>
  /** The release being built, if one is. */
  building(deploymentId: number): Promise<ReleaseRecord | undefined>
  /** A new release, BUILDING, numbered after the last one. */
  start(deploymentId: number, ref: string): Promise<ReleaseRecord>
  /** Records the commit a release fetched. */
  fetched(deploymentId: number, number: number, commitSha: string): Promise<void>
  /** Makes `number` the one ACTIVE release; the one before it becomes SUPERSEDED. */
  activate(deploymentId: number, number: number): Promise<void>
  /** A release that did not build or did not answer; its directory is gone with it. */
  fail(deploymentId: number, number: number, error: string): Promise<void>
  /**
   * The deployment's guest is gone (or about to be replaced): none of its releases is on a guest any more.
   */
  guestGone(deploymentId: number): Promise<void>
  /** Records that these releases' directories were removed from the guest. */
  forget(deploymentId: number, numbers: readonly number[]): Promise<void>
}
