import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect } from 'vitest'
import { parseDatabaseUrl } from '../../src/db/database-url.js'
import { inCodeMigrationProvider } from '../../src/db/migrations/index.js'
import { openDatabase, type Database } from '../../src/db/open-database.js'
import { createPostgresSchema, SKIP_POSTGRES, type PostgresSchema } from './postgres-schema.js'

/** The engines Hangar stores its data in; every store is tested on both. */
export type DatabaseKind = 'SQLite' | 'PostgreSQL'

/**
 * Declares the suite `title` (where `$database` stands for the engine's name) once on SQLite and
 * once on PostgreSQL; the PostgreSQL one is skipped only under `HANGAR_SKIP_POSTGRES=1`.
 */
export function describeOnEachDatabase(title: string, body: (database: DatabaseKind) => void): void {
  for (const [database, skip] of [
    ['SQLite', false],
    ['PostgreSQL', SKIP_POSTGRES],
  ] as const) {
    describe.skipIf(skip)(title.replaceAll('$database', database), () => body(database))
  }
}

/** A database of one engine that nobody else uses, empty until opened. */
export interface FreshDatabase {
  /** Its `DATABASE_URL`. */
  url: string
  /** The PostgreSQL schema behind it; undefined on SQLite. */
  postgres?: PostgresSchema
  /** Removes it (the SQLite file's directory, or the PostgreSQL schema). */
  drop(): Promise<void>
}

/** Makes a {@link FreshDatabase}: a file in a directory of its own, or a schema of its own. */
export async function createFreshDatabase(database: DatabaseKind): Promise<FreshDatabase> {
  if (database === 'PostgreSQL') {
    const postgres = await createPostgresSchema()
    return { url: postgres.url, postgres, drop: () => postgres.drop() }
  }
  const directory = await mkdtemp(join(tmpdir(), 'hangar-database-'))
  return {
    url: `sqlite:${join(directory, 'h.db')}`,
    drop: () => rm(directory, { recursive: true, force: true }),
  }
}

/** A fresh database opened for one suite: read its fields inside the suite's hooks and tests. */
export interface SuiteDatabase extends FreshDatabase {
  opened: Database
}

/** Makes and opens a fresh database before the suite's tests; closes and drops it after them. */
export function openDatabaseForSuite(database: DatabaseKind): SuiteDatabase {
  const suite = {} as SuiteDatabase
  beforeAll(async () => {
    // Assigned before opening, so that a failed open still drops what was made.
    Object.assign(suite, await createFreshDatabase(database))
    suite.opened = await openDatabase(suite.url)
  })
  afterAll(async () => {
    await suite.opened?.close()
    await suite.drop?.()
  })
  return suite
}

/**
 * Opens `fresh` with its schema migrated only up to `migration`, as an older release left it, for
 * a test to fill by hand before Hangar opens it (and migrates it on) with `openDatabase`.
 */
export async function openMigratedTo(fresh: FreshDatabase, migration: string): Promise<Kysely<unknown>> {
  const target = parseDatabaseUrl(fresh.url)
  const early = new Kysely<unknown>({
    dialect:
      target.dialect === 'sqlite'
        ? new SqliteDialect({ database: new SqliteDatabase(target.path) })
        : new PostgresDialect({ pool: new pg.Pool({ connectionString: target.connectionString, max: 1 }) }),
  })
  const migrator = new Migrator({
    db: early,
    provider: inCodeMigrationProvider,
    ...(fresh.postgres ? { migrationTableSchema: fresh.postgres.schema } : {}),
  })
  const { error } = await migrator.migrateTo(migration)
  if (error) await early.destroy()
  expect(error).toBeUndefined()
  return early
}
