import { sql, type Kysely } from 'kysely'

/*
 * Written once for SQLite and PostgreSQL: only `text` and `integer` columns, ISO-8601 text
 * timestamps, and constraints both dialects understand. Migrations take `Kysely<unknown>` because
 * they must not depend on table types that later migrations change.
 */

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('operations')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('provider', 'text', (col) => col.notNull())
    .addColumn('server_id', 'text')
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) =>
      col.notNull().check(sql`status in ('PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED')`),
    )
    .addColumn('ref', 'text')
    .addColumn('started_at', 'text', (col) => col.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('error', 'text')
    .execute()

  await db.schema.createIndex('operations_status_idx').on('operations').column('status').execute()
  await db.schema.createIndex('operations_server_id_idx').on('operations').column('server_id').execute()

  await db.schema
    .createTable('operation_logs')
    .addColumn('operation_id', 'text', (col) => col.notNull().references('operations.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (col) => col.notNull())
    .addColumn('at', 'text', (col) => col.notNull())
    .addColumn('line', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('operation_logs_pk', ['operation_id', 'seq'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('operation_logs').execute()
  await db.schema.dropTable('operations').execute()
}
