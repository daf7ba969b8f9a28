import type { Kysely } from 'kysely'
import type { HangarTables } from '../db/tables.js'
import type { JobCounts } from './hangar-metrics.js'

/** Operations and deployments by state, as stored: what `hangar_jobs` reports at each scrape. */
export async function countJobs(db: Kysely<HangarTables>): Promise<JobCounts> {
  const [operations, deployments] = await Promise.all([
    db
      .selectFrom('operations')
      .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy('status')
      .execute(),
    db
      .selectFrom('deployments')
      .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy('status')
      .execute(),
  ])
  return [
    ...operations.map((row) => ({ kind: 'operation' as const, state: row.status, count: Number(row.count) })),
    ...deployments.map((row) => ({ kind: 'deployment' as const, state: row.status, count: Number(row.count) })),
  ]
}
