import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type Dialect } from 'kysely'
import pg from 'pg'
import type { Logger } from '../logger.js'
import { parseDatabaseUrl, redactDatabaseUrl, type DatabaseTarget } from './database-url.js'
import { withStatementCache } from './statement-cache.js'
import { inCodeMigrationProvider } from './migrations/index.js'
import type { HangarTables } from './tables.js'

export { DEFAULT_DATABASE_URL, redactDatabaseUrl } from './database-url.js'

/** An open, migrated database. */
export interface Database {
  /** The query builder over Hangar's tables. */
  db: Kysely<HangarTables>
  /** Which engine is behind {@link Database.db}; queries should not need to know. */
  dialect: 'sqlite' | 'postgres'
  /** Closes the SQLite file or ends the PostgreSQL pool. Safe to call more than once. */
  close(): Promise<void>
}

/** Options of {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /** Gets one line per opened database and per applied migration; nothing is logged without it. */
  logger?: Pick<Logger, 'info' | 'error'>
  /** How long a SQLite writer waits for a lock before failing, in ms; 5000 by default. */
  sqliteBusyTimeoutMs?: number
  /** The largest number of PostgreSQL connections; 10 by default. */
  postgresPoolSize?: number
}

/**
 * Opens the database `url` points at (the `DATABASE_URL` syntax: `sqlite:./data/hangar.db`,
 * `sqlite:PATH`, `sqlite::memory:`, `postgres://...`, `postgresql://...`) and brings its schema up
 * to date before returning.
 *
 * SQLite runs through better-sqlite3 in WAL mode with `foreign_keys=ON`, creating the file's
 * directory if needed. PostgreSQL runs through a `pg` pool; tables go in the connection's current
 * schema, so `?options=-c%20search_path%3Dmy_schema` in the URL puts Hangar in `my_schema`.
 *
 * @example
 * ```ts
 * const database = await openDatabase(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL, { logger })
 * const operations = createOperationStore(database.db)
 * ```
 */
export async function openDatabase(url: string, options: OpenDatabaseOptions = {}): Promise<Database> {
  const { logger } = options
  const target = parseDatabaseUrl(url)
  const redacted = redactDatabaseUrl(url)
  const db = new Kysely<HangarTables>({ dialect: createDialect(target, options) })

  try {
    await migrateToLatest(db, target.dialect)
  } catch (error) {
    await db.destroy().catch(() => undefined)
    const reason = error instanceof Error ? error.message : String(error)
    throw new Error(`Cannot open DATABASE_URL "${redacted}": ${redactDatabaseUrl(reason)}`, { cause: error })
  }
  logger?.info({ database: redacted, dialect: target.dialect }, 'database opened')

  let closed: Promise<void> | undefined
  return {
    db,
    dialect: target.dialect,
    close: () => (closed ??= db.destroy()),
  }

  async function migrateToLatest(db: Kysely<HangarTables>, dialect: DatabaseTarget['dialect']): Promise<void> {
    const migrator = new Migrator({
      db,
      provider: inCodeMigrationProvider,
      // Kysely looks for its bookkeeping tables in every schema unless told which one; pinning it
      // to the current schema keeps two Hangars on one PostgreSQL database (and tests in their own
      // schemas) from seeing each other's migration history.
      migrationTableSchema: dialect === 'postgres' ? await currentSchema(db) : undefined,
    })
    const { error, results = [] } = await migrator.migrateToLatest()
    for (const result of results) {
      if (result.status === 'Success') logger?.info({ migration: result.migrationName }, 'migration applied')
      if (result.status === 'Error') logger?.error({ migration: result.migrationName }, 'migration failed')
    }
    if (error !== undefined) throw error
  }
}

function createDialect(target: DatabaseTarget, options: OpenDatabaseOptions): Dialect {
  if (target.dialect === 'sqlite') {
    const { path } = target
    const busyTimeoutMs = options.sqliteBusyTimeoutMs ?? 5000
    return new SqliteDialect({
      // Opened lazily by Kysely on first use, so a bad path fails inside openDatabase's migration
      // step and gets the same DATABASE_URL error as a PostgreSQL connection failure.
      database: async () => {
        if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
        const sqlite = new SqliteDatabase(path)
        sqlite.pragma('journal_mode = WAL')
        sqlite.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`)
        sqlite.pragma('foreign_keys = ON')
        return withStatementCache(sqlite)
      },
    })
  }
  const pool = new pg.Pool({ connectionString: target.connectionString, max: options.postgresPoolSize ?? 10 })
  // An idle client losing its connection emits 'error' on the pool; unhandled, it would end the
  // process. The next query gets a fresh client, so logging is enough.
  pool.on('error', (error) =>
    options.logger?.error({ err: redactDatabaseUrl(error.message) }, 'idle database connection failed'),
  )
  return new PostgresDialect({ pool })
}

async function currentSchema(db: Kysely<HangarTables>): Promise<string | undefined> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db)
  return rows[0]?.schema ?? undefined
}
