import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { parseDatabaseUrl } from '../../src/db/database-url.js'

/** The PostgreSQL the tests use; CI and every machine have it on 127.0.0.1:5432. */
export const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://127.0.0.1:5432/test'
/** Only this skips the PostgreSQL suites; a PostgreSQL that is down otherwise fails the run. */
export const SKIP_POSTGRES = process.env.HANGAR_SKIP_POSTGRES === '1'

/** A fresh schema for one test file, and a DATABASE_URL whose connections use it. */
export interface PostgresSchema {
  schema: string
  url: string
  admin: pg.Client
  drop(): Promise<void>
}

/** Adds `options=-c search_path=<schema>`, which pg passes to the server as a startup option. */
export function withSearchPath(url: string, schema: string): string {
  const separator = url.includes('?') ? '&' : '?'
  return `${url}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}`
}

export async function createPostgresSchema(): Promise<PostgresSchema> {
  const schema = `hangar_test_${randomUUID().replaceAll('-', '')}`
  const target = parseDatabaseUrl(POSTGRES_URL)
  if (target.dialect !== 'postgres') throw new Error('TEST_POSTGRES_URL is not a postgres URL')
  const admin = new pg.Client({ connectionString: target.connectionString })
  await admin.connect()
  await admin.query(`create schema ${schema}`)
  return {
    schema,
    url: withSearchPath(POSTGRES_URL, schema),
    admin,
    async drop() {
      await admin.query(`drop schema if exists ${schema} cascade`)
      await admin.end()
    },
  }
}
