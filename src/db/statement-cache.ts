import type SqliteDatabase from 'better-sqlite3'
import type { SqliteDatabase as KyselySqliteDatabase } from 'kysely'

/**
 * `sqlite` as Kysely's SQLite dialect uses it, keeping the last `size` prepared statements by their
 * SQL: Kysely prepares every query it runs, and a busy gateway runs the same few thousand times a
 * second (each log append is three statements), where preparing cost as much as running. A
 * statement still being iterated (a streamed query) is not handed out twice; a new one is prepared.
 */
export function withStatementCache(sqlite: SqliteDatabase.Database, size = 256): KyselySqliteDatabase {
  const statements = new Map<string, SqliteDatabase.Statement>()
  return {
    prepare(sql: string) {
      const cached = statements.get(sql)
      if (cached && !cached.busy) {
        // Most recently used last: the first is the one to let go of.
        statements.delete(sql)
        statements.set(sql, cached)
        return cached
      }
      const statement = sqlite.prepare(sql)
      statements.set(sql, statement)
      if (statements.size > size) statements.delete(statements.keys().next().value!)
      return statement
    },
    close() {
      statements.clear()
      sqlite.close()
    },
  }
}
