import { sql, type Kysely } from 'kysely'

/** API tokens (stored only as a hash) and the audit log of every action. Portable like 0001. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('role', 'text', (col) => col.notNull().check(sql`role in ('viewer', 'operator', 'admin')`))
    .addColumn('token_hash', 'text', (col) => col.notNull().unique())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('last_used_at', 'text')
    .execute()

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('at', 'text', (col) => col.notNull())
    .addColumn('actor', 'text', (col) => col.notNull())
    .addColumn('role', 'text')
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('target', 'text')
    .addColumn('outcome', 'text', (col) => col.notNull().check(sql`outcome in ('ALLOWED', 'DENIED', 'FAILED')`))
    .addColumn('operation_id', 'text')
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('detail', 'text')
    .execute()
  await db.schema.createIndex('audit_log_actor_idx').on('audit_log').column('actor').execute()
  await db.schema.createIndex('audit_log_action_idx').on('audit_log').column('action').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_log').execute()
  await db.schema.dropTable('api_tokens').execute()
}
