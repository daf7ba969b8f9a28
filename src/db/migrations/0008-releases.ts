import { sql, type Kysely } from 'kysely'

/**
 * Releases: each deployment of a commit, built in a directory of its own on the guest beside the
 * serving one. A deployment that was serving before releases existed gets its release 1, ACTIVE,
 * from the branch it was made from (its checkout becomes that release's directory on the guest at
 * its next release). Portable like 0001.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('deployment_releases')
    .addColumn('deployment_id', 'integer', (col) => col.notNull().references('deployments.id').onDelete('cascade'))
    .addColumn('number', 'integer', (col) => col.notNull())
    .addColumn('ref', 'text')
    .addColumn('commit_sha', 'text')
    .addColumn('status', 'text', (col) =>
      col.notNull().check(sql`status in ('BUILDING', 'ACTIVE', 'FAILED', 'SUPERSEDED')`),
    )
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('activated_at', 'text')
    .addColumn('error', 'text')
    .addColumn('kept', 'integer', (col) => col.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('deployment_releases_pk', ['deployment_id', 'number'])
    .execute()
  await sql`
    insert into deployment_releases
      (deployment_id, number, ref, commit_sha, status, created_at, activated_at, error, kept)
    select id, 1, coalesce(branch, 'main'), null, 'ACTIVE', created_at, coalesce(deployed_at, updated_at), null, 1
    from deployments where status in ('RUNNING', 'STOPPED')
  `.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('deployment_releases').execute()
}
