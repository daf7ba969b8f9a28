import { type Kysely, sql } from 'kysely'
import { expect, it } from 'vitest'
import { openDatabase } from '../../src/db/open-database.js'
import { createOperationStore } from '../../src/db/operation-store.js'
import { createDeploymentStore } from '../../src/deployments/deployment-store.js'
import { createFreshDatabase, describeOnEachDatabase, openMigratedTo } from '../support/each-database.js'
import { testSecretBox } from '../support/test-secret-box.js'

const box = testSecretBox()

/** A database as the release before the job table left it: two operations, two deployments, their lines. */
async function fillBeforeJobs(early: Kysely<unknown>): Promise<void> {
  const at = '2026-11-01T00:00:00.000Z'
  await sql`insert into operations (id, provider, server_id, action, status, ref, started_at, finished_at, error) values
    ('op-done', 'pve-lab', 'pve-lab:qemu/101', 'stop', 'SUCCEEDED', 'UPID:1', ${at}, ${at}, null),
    ('op-running', 'pve-lab', 'pve-lab:qemu/102', 'start', 'RUNNING', 'UPID:2', ${at}, null, null)`.execute(early)
  await sql`insert into operation_logs (operation_id, seq, at, line) values
    ('op-done', 1, ${at}, 'stopping'), ('op-done', 2, ${at}, 'TASK OK'), ('op-running', 1, ${at}, 'starting')`.execute(
    early,
  )
  await sql`insert into deployments
      (id, name, type, framework, github_url, cpu, memory, disk, provider, status, created_at, updated_at) values
    (3, 'shop', 'VM', 'django', 'https://github.com/acme/shop.git', 2, 2048, 20, 'pve-lab', 'RUNNING', ${at}, ${at}),
    (4, 'blog', 'LXC', 'nodejs', 'https://github.com/acme/blog.git', 1, 512, 8, 'pve-lab', 'CREATING', ${at}, ${at})
  `.execute(early)
  await sql`insert into deployment_logs (deployment_id, seq, at, stream, line) values
    (3, 1, ${at}, 'SYSTEM', 'deployment 3 created'), (3, 2, ${at}, 'DEPLOY', 'npm install'),
    (4, 1, ${at}, 'SYSTEM', 'deployment 4 created')
  `.execute(early)
}

async function expectCarriedOver(url: string): Promise<void> {
  const opened = await openDatabase(url)
  try {
    const jobs = await opened.db
      .selectFrom('jobs')
      .select(['id', 'kind', 'queue_key', 'state', 'lease_owner'])
      .orderBy('id')
      .execute()
    expect(jobs).toEqual([
      { id: 'deployment:3', kind: 'deployment', queue_key: null, state: 'DONE', lease_owner: null },
      { id: 'deployment:4', kind: 'deployment', queue_key: null, state: 'QUEUED', lease_owner: null },
      { id: 'op-done', kind: 'operation', queue_key: 'pve-lab:qemu/101', state: 'DONE', lease_owner: null },
      { id: 'op-running', kind: 'operation', queue_key: 'pve-lab:qemu/102', state: 'RUNNING', lease_owner: null },
    ])
    const operations = createOperationStore(opened.db)
    expect((await operations.logs('op-done')).map(({ seq, line }) => ({ seq, line }))).toEqual([
      { seq: 1, line: 'stopping' },
      { seq: 2, line: 'TASK OK' },
    ])
    const deployments = createDeploymentStore(opened.db, box)
    expect((await deployments.logs(3)).map(({ seq, stream, line }) => ({ seq, stream, line }))).toEqual([
      { seq: 1, stream: 'SYSTEM', line: 'deployment 3 created' },
      { seq: 2, stream: 'DEPLOY', line: 'npm install' },
    ])
    // Lines go on from where they were: never renumbered.
    expect((await deployments.appendLogs(4, [{ stream: 'SYSTEM', line: 'resuming' }])).map((line) => line.seq)).toEqual(
      [2],
    )
    expect(await operations.appendLogs('op-running', ['TASK OK'])).toBe(2)
  } finally {
    await opened.close()
  }
}

describeOnEachDatabase('the job table, on a $database database made before it', (database) => {
  it('carries every operation and deployment over as a job, with its log lines and their numbers', async () => {
    const fresh = await createFreshDatabase(database)
    let early: Kysely<unknown> | undefined
    try {
      early = await openMigratedTo(fresh, '0005-identity-ids')
      await fillBeforeJobs(early)
      await early.destroy()
      await expectCarriedOver(fresh.url)
    } finally {
      await early?.destroy().catch(() => {})
      await fresh.drop()
    }
  })
})
