import { sql, type Kysely } from 'kysely'

/** Deployments and their log lines. Portable like 0001: text and integer columns only. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('deployments')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('type', 'text', (col) => col.notNull().check(sql`type in ('VM', 'LXC')`))
    .addColumn('framework', 'text', (col) => col.notNull())
    .addColumn('github_url', 'text', (col) => col.notNull())
    .addColumn('branch', 'text')
    .addColumn('cpu', 'integer', (col) => col.notNull())
    .addColumn('memory', 'integer', (col) => col.notNull())
    .addColumn('disk', 'integer', (col) => col.notNull())
    .addColumn('provider', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) =>
      col.notNull().check(sql`status in ('PENDING', 'CREATING', 'RUNNING', 'FAILED', 'STOPPED', 'DELETED')`),
    )
    .addColumn('step', 'text')
    .addColumn('error', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addColumn('deployed_at', 'text')
    .addColumn('guest_native_id', 'text')
    .addColumn('guest_location', 'text')
    .addColumn('guest_ip', 'text')
    .addColumn('ssh_port', 'integer')
    .addColumn('ssh_user', 'text')
    .addColumn('ssh_public_key', 'text')
    .addColumn('ssh_private_key', 'text')
    .addColumn('ssh_host_key', 'text')
    .execute()
  await db.schema.createIndex('deployments_status_idx').on('deployments').column('status').execute()

  await db.schema
    .createTable('deployment_logs')
    .addColumn('deployment_id', 'integer', (col) => col.notNull().references('deployments.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (col) => col.notNull())
    .addColumn('at', 'text', (col) => col.notNull())
    .addColumn('stream', 'text', (col) => col.notNull().check(sql`stream in ('PROVISION', 'DEPLOY', 'SYSTEM')`))
    .addColumn('line', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('deployment_logs_pk', ['deployment_id', 'seq'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('deployment_logs').execute()
  await db.schema.dropTable('deployments').execute()
}
