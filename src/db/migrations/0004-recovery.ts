import type { Kysely } from 'kysely'

/**
 * What recovery after a killed gateway needs: the provisioning handle's ref of a deployment (it
 * names the guest a create was about to make, so a lost answer can be looked for), and a small
 * key-value table of facts about the database itself (which kind of gateway used it last).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('deployments').addColumn('provision_ref', 'text').execute()
  await db.schema
    .createTable('hangar_meta')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('value', 'text', (col) => col.notNull())
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('hangar_meta').execute()
  await db.schema.alterTable('deployments').dropColumn('provision_ref').execute()
}
