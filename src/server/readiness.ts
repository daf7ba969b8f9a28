import { sql, type Kysely } from 'kysely'
import { redactDatabaseUrl } from '../db/database-url.js'
import type { HangarTables } from '../db/tables.js'
import type { SharedRedis } from '../redis/open-redis.js'

/** What `GET /ready` found: each dependency the gateway cannot work without, and whether it answered. */
export interface Readiness {
  ready: boolean
  checks: Record<string, { ok: boolean; error?: string }>
}

/** How long a dependency may take to answer before it counts as down. */
const CHECK_TIMEOUT_MS = 2_000

async function within<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} did not answer within ${CHECK_TIMEOUT_MS} ms`)),
      CHECK_TIMEOUT_MS,
    )
  })
  try {
    return await Promise.race([work, late])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Asks the database for `select ` +
   `1`, and Redis (when configured) for `PING`. Upstreams are not asked: a provider that is down makes its
 * servers missing, not the gateway unready (its state is in the `providers` query).
 */
export async function checkReadiness(db: Kysely<HangarTables>, redis?: SharedRedis): Promise<Readiness> {
  const checks: Readiness['checks'] = {}
  try {
    await within(sql`select 1`.execute(db), 'the database')
    checks.database = { ok: true }
  } catch (error) {
    // The driver's message may name the host; never the password (DATABASE_URL is not echoed).
    checks.database = {
      ok: false,
      error: (error as Error).message.replace(/postgres(ql)?:\/\/[^\s]*/gi, 'postgres://…'),
    }
  }
  if (redis) {
    try {
      await within(redis.ping(), 'Redis')
      checks.redis = { ok: true }
    } catch (error) {
      checks.redis = { ok: false, error: redactDatabaseUrl((error as Error).message) }
    }
  }
  return { ready: Object.values(checks).every((check) => check.ok), checks }
}
