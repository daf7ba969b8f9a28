import type { Kysely } from 'kysely'

/**
 * Private repositories: a deployment made with `privateRepo` has a deploy key of its own, whose
 * public half is shown to add to the repository and whose private half (sealed) is handed to its
 * guest to fetch over SSH. Portable like 0001.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('deployments')
    .addColumn('private_repo', 'integer', (col) => col.notNull().defaultTo(0))
    .execute()
  await db.schema.alterTable('deployments').addColumn('deploy_public_key', 'text').execute()
  await db.schema.alterTable('deployments').addColumn('deploy_private_key', 'text').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('deployments').dropColumn('deploy_private_key').execute()
  await db.schema.alterTable('deployments').dropColumn('deploy_public_key').execute()
  await db.schema.alterTable('deployments').dropColumn('private_repo').execute()
}
