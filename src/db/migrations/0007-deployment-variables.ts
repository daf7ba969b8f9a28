import type { Kysely } from 'kysely'

/**
 * The variables of each deployment, which its app gets in its environment. Every value is stored
 * sealed (AES-256-GCM, see `src/secrets/`); a secret one is never shown again. Portable like 0001.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('deployment_variables')
    .addColumn('deployment_id', 'integer', (col) => col.notNull().references('deployments.id').onDelete('cascade'))
    .addColumn('key', 'text', (col) => col.notNull())
    .addColumn('value', 'text', (col) => col.notNull())
    .addColumn('secret', 'integer', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('deployment_variables_pk', ['deployment_id', 'key'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('deployment_variables').execute()
}
