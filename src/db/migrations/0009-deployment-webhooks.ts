import type { Kysely } from 'kysely'

/**
 * Push to deploy: each deployment's GitHub webhook secret (sealed, see `src/secrets/`), and the
 * deliveries it answered, so that a delivery GitHub repeats is not run twice. Portable like 0001.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('deployment_webhooks')
    .addColumn('deployment_id', 'integer', (col) => col.primaryKey().references('deployments.id').onDelete('cascade'))
    .addColumn('secret', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute()
  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('deployment_id', 'integer', (col) => col.notNull().references('deployments.id').onDelete('cascade'))
    .addColumn('delivery_id', 'text', (col) => col.notNull())
    .addColumn('received_at', 'text', (col) => col.notNull())
    .addColumn('outcome', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('webhook_deliveries_pk', ['deployment_id', 'delivery_id'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('webhook_deliveries').execute()
  await db.schema.dropTable('deployment_webhooks').execute()
}
