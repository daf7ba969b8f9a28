import { sql, type Kysely } from 'kysely'

/**
 * One job model for all long work. `jobs` says where each operation and deployment is in its run
 * (QUEUED, RUNNING, DONE), which gateway holds it and until when (its lease), and which server it
 * waits its turn on; `job_logs` holds every log line of both, numbered per job. Operations keep
 * their uuid as job id; a deployment's job is `deployment:<id>`. The old per-kind log tables are
 * copied over, line numbers kept, then dropped. Portable like 0001: text and integer columns only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in ('operation', 'deployment')`))
    .addColumn('queue_key', 'text')
    .addColumn('state', 'text', (col) => col.notNull().check(sql`state in ('QUEUED', 'RUNNING', 'DONE')`))
    .addColumn('queued_at', 'text', (col) => col.notNull())
    .addColumn('lease_owner', 'text')
    .addColumn('lease_expires_at', 'text')
    .addColumn('stop_requested', 'text')
    .addColumn('takeovers', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('request', 'text')
    .execute()
  await db.schema.createIndex('jobs_state_idx').on('jobs').columns(['state', 'lease_expires_at']).execute()
  await db.schema.createIndex('jobs_queue_key_idx').on('jobs').columns(['queue_key', 'state']).execute()

  await db.schema
    .createTable('job_logs')
    .addColumn('job_id', 'text', (col) => col.notNull().references('jobs.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (col) => col.notNull())
    .addColumn('at', 'text', (col) => col.notNull())
    .addColumn('stream', 'text', (col) => col.notNull().check(sql`stream in ('TASK', 'PROVISION', 'DEPLOY', 'SYSTEM')`))
    .addColumn('line', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('job_logs_pk', ['job_id', 'seq'])
    .execute()

  // Unfinished work keeps no lease: the first gateway to start takes it up.
  await sql`
    insert into jobs (id, kind, queue_key, state, queued_at, takeovers)
    select id, 'operation', server_id,
      case when status in ('SUCCEEDED', 'FAILED') then 'DONE' when status = 'RUNNING' then 'RUNNING' else 'QUEUED' end,
      started_at, 0
    from operations`.execute(db)
  await sql`
    insert into jobs (id, kind, queue_key, state, queued_at, takeovers)
    select 'deployment:' || cast(id as text), 'deployment', null,
      case when status in ('PENDING', 'CREATING') then 'QUEUED' else 'DONE' end,
      created_at, 0
    from deployments`.execute(db)
  await sql`
    insert into job_logs (job_id, seq, at, stream, line)
    select operation_id, seq, at, 'TASK', line from operation_logs`.execute(db)
  await sql`
    insert into job_logs (job_id, seq, at, stream, line)
    select 'deployment:' || cast(deployment_id as text), seq, at, stream, line from deployment_logs`.execute(db)
  await db.schema.dropTable('operation_logs').execute()
  await db.schema.dropTable('deployment_logs').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('operation_logs')
    .addColumn('operation_id', 'text', (col) => col.notNull().references('operations.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (col) => col.notNull())
    .addColumn('at', 'text', (col) => col.notNull())
    .addColumn('line', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('operation_logs_pk', ['operation_id', 'seq'])
    .execute()
  await db.schema
    .createTable('deployment_logs')
    .addColumn('deployment_id', 'integer', (col) => col.notNull().references('deployments.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (col) => col.notNull())
    .addColumn('at', 'text', (col) => col.notNull())
    .addColumn('stream', 'text', (col) => col.notNull().check(sql`stream in ('PROVISION', 'DEPLOY', 'SYSTEM')`))
    .addColumn('line', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('deployment_logs_pk', ['deployment_id', 'seq'])
    .execute()
  await sql`
    insert into operation_logs
    select l.job_id, l.seq, l.at, l.line
    from job_logs l join jobs j on j.id = l.job_id where j.kind = 'operation'`.execute(db)
  await sql`
    insert into deployment_logs
    select cast(substr(l.job_id, 12) as integer), l.seq, l.at, l.stream, l.line
    from job_logs l join jobs j on j.id = l.job_id where j.kind = 'deployment'`.execute(db)
  await db.schema.dropTable('job_logs').execute()
  await db.schema.dropTable('jobs').execute()
}
