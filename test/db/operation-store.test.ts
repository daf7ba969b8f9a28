import { randomUUID } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { NotFoundError } from '../../src/errors/index.js'
import { openDatabase, redactDatabaseUrl, type Database } from '../../src/db/open-database.js'
import { parseDatabaseUrl } from '../../src/db/database-url.js'
import { migrations } from '../../src/db/migrations/index.js'
import { createOperationStore, type NewOperation } from '../../src/db/operation-store.js'
import { createPostgresSchema, SKIP_POSTGRES, type PostgresSchema } from '../support/postgres-schema.js'

/** A database engine the same suite runs against. */
interface Backend {
  /** The DATABASE_URL of a database nobody else uses. */
  url: string
  /** The dialect `openDatabase` should report. */
  dialect: 'sqlite' | 'postgres'
}

function newOperation(overrides: Partial<NewOperation> = {}): NewOperation {
  return {
    id: randomUUID(),
    provider: 'pve-lab',
    serverId: 'pve-lab:qemu/101',
    action: 'START',
    status: 'PENDING',
    startedAt: new Date('2024-05-01T10:00:00.123Z'),
    ...overrides,
  }
}

function defineStoreSuite(backend: () => Backend): void {
  let database: Database

  beforeAll(async () => {
    database = await openDatabase(backend().url)
  })
  afterAll(async () => {
    await database?.close()
  })

  it('reports its dialect', () => {
    expect(database.dialect).toBe(backend().dialect)
  })

  it('runs each migration once, however often the database is opened', async () => {
    const again = await openDatabase(backend().url)
    const third = await openDatabase(backend().url)
    try {
      const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(again.db)
      expect(rows.map((row) => row.name).sort()).toEqual(Object.keys(migrations).sort())
    } finally {
      await again.close()
      await third.close()
    }
  })

  it('round-trips an operation with its dates through create, get and update', async () => {
    const store = createOperationStore(database.db)
    const created = await store.create(newOperation({ ref: 'UPID:pve:1' }))
    expect(created).toMatchObject({ status: 'PENDING', ref: 'UPID:pve:1', finishedAt: null, error: null })
    expect(created.startedAt).toEqual(new Date('2024-05-01T10:00:00.123Z'))

    const running = await store.update(created.id, { status: 'RUNNING', ref: 'UPID:pve:2' })
    expect(running).toMatchObject({ status: 'RUNNING', ref: 'UPID:pve:2', finishedAt: null })

    const finishedAt = new Date('2024-05-01T10:05:30.456Z')
    const failed = await store.update(created.id, { status: 'FAILED', finishedAt, error: 'disk full' })
    expect(failed).toEqual({ ...created, status: 'FAILED', ref: 'UPID:pve:2', finishedAt, error: 'disk full' })
    expect(await store.get(created.id)).toEqual(failed)
    expect(await store.update(created.id, {})).toEqual(failed)
  })

  it('returns undefined for an unknown id and refuses to update one', async () => {
    const store = createOperationStore(database.db)
    expect(await store.get(randomUUID())).toBeUndefined()
    await expect(store.update(randomUUID(), { status: 'RUNNING' })).rejects.toBeInstanceOf(NotFoundError)
    await expect(store.appendLogs(randomUUID(), ['x'])).rejects.toBeInstanceOf(NotFoundError)
  })

  it('refuses a status outside the four known ones', async () => {
    const store = createOperationStore(database.db)
    const { id } = await store.create(newOperation())
    await expect(
      database.db.updateTable('operations').set({ status: 'DONE' }).where('id', '=', id).execute(),
    ).rejects.toThrow()
  })

  it('numbers log lines from 1 with no gaps across appends, including concurrent ones', async () => {
    const store = createOperationStore(database.db)
    const otherStore = createOperationStore(database.db)
    const { id } = await store.create(newOperation())

    expect(await store.appendLogs(id, [])).toBe(0)
    expect(await store.appendLogs(id, ['one', 'two'])).toBe(2)
    expect(await store.appendLogs(id, ['three'])).toBe(3)

    // Same store (queued in-process) and a second store (only the row lock keeps them apart).
    const batches = Array.from({ length: 12 }, (_, i) => [`batch ${i} a`, `batch ${i} b`])
    const lasts = await Promise.all(batches.map((lines, i) => (i % 2 === 0 ? store : otherStore).appendLogs(id, lines)))
    expect(new Set(lasts).size).toBe(12)
    expect(Math.max(...lasts)).toBe(3 + 24)

    const logs = await store.logs(id)
    expect(logs.map((log) => log.seq)).toEqual(Array.from({ length: 27 }, (_, i) => i + 1))
    expect(logs.slice(0, 3).map((log) => log.line)).toEqual(['one', 'two', 'three'])
    // Each batch stays contiguous.
    for (const lines of batches) {
      const at = logs.findIndex((log) => log.line === lines[0])
      expect(logs[at + 1]?.line).toBe(lines[1])
    }
  })

  it('keeps log sequences separate per operation', async () => {
    const store = createOperationStore(database.db)
    const a = await store.create(newOperation())
    const b = await store.create(newOperation())
    await Promise.all([store.appendLogs(a.id, ['a1', 'a2']), store.appendLogs(b.id, ['b1'])])
    expect(await store.appendLogs(b.id, ['b2'])).toBe(2)
    expect((await store.logs(a.id)).map((log) => log.seq)).toEqual([1, 2])
  })

  it('reads logs after a given seq, with a limit, and keeps their time', async () => {
    const store = createOperationStore(database.db)
    const { id } = await store.create(newOperation())
    const at = new Date('2024-05-01T10:01:00.000Z')
    await store.appendLogs(id, ['l1', 'l2', 'l3', 'l4', 'l5'], at)

    expect(await store.logs(id, { after: 3 })).toEqual([
      { seq: 4, at, line: 'l4' },
      { seq: 5, at, line: 'l5' },
    ])
    expect((await store.logs(id, { after: 1, limit: 2 })).map((log) => log.line)).toEqual(['l2', 'l3'])
    expect(await store.logs(id, { after: 5 })).toEqual([])
  })

  it('lists unfinished operations oldest first, and all of them newest first', async () => {
    const store = createOperationStore(database.db)
    const serverId = `pve-lab:qemu/${randomUUID()}`
    const at = (minute: number) => new Date(Date.UTC(2030, 0, 1, 0, minute))
    const newest = await store.create(newOperation({ serverId, status: 'RUNNING', startedAt: at(3) }))
    const done = await store.create(newOperation({ serverId, status: 'RUNNING', startedAt: at(2) }))
    const oldest = await store.create(newOperation({ serverId, status: 'PENDING', startedAt: at(1) }))
    await store.update(done.id, { status: 'SUCCEEDED', finishedAt: at(4) })

    const mine = new Set([newest.id, done.id, oldest.id])
    const unfinished = (await store.listUnfinished()).filter((op) => mine.has(op.id))
    expect(unfinished.map((op) => op.id)).toEqual([oldest.id, newest.id])

    const listed = await store.list({ serverId })
    expect(listed.map((op) => op.id)).toEqual([newest.id, done.id, oldest.id])
    expect(await store.list({ serverId, limit: 1 })).toEqual([newest])
  })

  it("keeps an operation's lines in its job's log, and drops them with the job", async () => {
    const store = createOperationStore(database.db)
    const { id } = await store.create(newOperation())
    await store.appendLogs(id, ['gone soon'])
    expect(
      await database.db.selectFrom('job_logs').select(['seq', 'stream', 'line']).where('job_id', '=', id).execute(),
    ).toEqual([{ seq: 1, stream: 'TASK', line: 'gone soon' }])
    await database.db.deleteFrom('jobs').where('id', '=', id).execute()
    expect(await store.logs(id)).toEqual([])
  })

  it("ends an operation's job in the same write that stores its final status", async () => {
    const store = createOperationStore(database.db)
    const { id } = await store.create(newOperation({ serverId: 'pve-lab:qemu/7' }), {
      owner: 'gw-a#1',
      leaseMs: 15_000,
    })
    const job = () =>
      database.db
        .selectFrom('jobs')
        .select(['kind', 'queue_key', 'state', 'lease_owner'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    expect(await job()).toEqual({
      kind: 'operation',
      queue_key: 'pve-lab:qemu/7',
      state: 'QUEUED',
      lease_owner: 'gw-a#1',
    })
    await store.update(id, { status: 'RUNNING', ref: 'UPID:1' })
    expect((await job()).state).toBe('QUEUED')
    await store.update(id, { status: 'FAILED', error: 'no', finishedAt: new Date() })
    expect(await job()).toEqual({ kind: 'operation', queue_key: 'pve-lab:qemu/7', state: 'DONE', lease_owner: null })
  })

  it('still answers after the database is closed and opened again', async () => {
    const store = createOperationStore(database.db)
    const created = await store.create(newOperation({ status: 'RUNNING', ref: 'UPID:restart' }))
    await store.appendLogs(created.id, ['before restart'])
    await database.close()

    database = await openDatabase(backend().url)
    const reopened = createOperationStore(database.db)
    expect(await reopened.get(created.id)).toEqual(created)
    expect((await reopened.listUnfinished()).map((op) => op.id)).toContain(created.id)
    expect(await reopened.appendLogs(created.id, ['after restart'])).toBe(2)
    expect((await reopened.logs(created.id)).map((log) => log.line)).toEqual(['before restart', 'after restart'])
  })
}

describe('operation store on SQLite', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hangar-db-'))
  })
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true })
  })

  defineStoreSuite(() => ({ url: `sqlite:${join(dir, 'nested', 'hangar.db')}`, dialect: 'sqlite' }))

  it('creates the parent directory and runs in WAL mode with foreign keys on', async () => {
    const file = join(dir, 'fresh', 'deeper', 'hangar.db')
    const database = await openDatabase(`sqlite:${file}`)
    try {
      expect(existsSync(file)).toBe(true)
      const { rows: journal } = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(database.db)
      const { rows: keys } = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(database.db)
      expect(journal[0]?.journal_mode).toBe('wal')
      expect(keys[0]?.foreign_keys).toBe(1)
    } finally {
      await database.close()
    }
  })

  it('opens an in-memory database', async () => {
    const database = await openDatabase('sqlite::memory:')
    try {
      const store = createOperationStore(database.db)
      const { id } = await store.create(newOperation())
      expect(await store.appendLogs(id, ['a'])).toBe(1)
    } finally {
      await database.close()
    }
  })
})

describe.skipIf(SKIP_POSTGRES)('operation store on PostgreSQL', () => {
  let postgres: PostgresSchema | undefined

  beforeAll(async () => {
    // No catch: a PostgreSQL that is down must fail the run unless HANGAR_SKIP_POSTGRES=1.
    postgres = await createPostgresSchema()
  })
  afterAll(async () => {
    await postgres?.drop()
  })

  const url = () => postgres!.url
  defineStoreSuite(() => ({ url: url(), dialect: 'postgres' }))

  it('keeps every table in the schema named by the URL', async () => {
    const database = await openDatabase(url())
    try {
      const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(database.db)
      expect(rows[0]?.schema).toBe(postgres!.schema)
    } finally {
      await database.close()
    }
    const { rows } = await postgres!.admin.query<{ table_schema: string; table_name: string }>(
      `select table_schema, table_name from information_schema.tables where table_name in ('operations', ` +
        `'jobs', 'job_logs', 'kysely_migration') and table_schema = $1 order by table_name`,
      [postgres!.schema],
    )
    expect(rows.map((row) => row.table_name)).toEqual(['job_logs', 'jobs', 'kysely_migration', 'operations'])
  })
})

describe('DATABASE_URL handling', () => {
  it('fills in the user name a postgres URL leaves out, as libpq does', () => {
    const target = parseDatabaseUrl('postgres://127.0.0.1:5432/test?options=-c%20search_path%3Dx')
    expect(target).toEqual({
      dialect: 'postgres',
      connectionString: expect.stringMatching(
        /^postgres:\/\/[^@:]+@127\.0\.0\.1:5432\/test\?options=-c%20search_path%3Dx$/,
      ),
    })
    expect(parseDatabaseUrl('postgres://app@db/hangar')).toEqual({
      dialect: 'postgres',
      connectionString: 'postgres://app@db/hangar',
    })
  })

  it('redacts the password of a postgres URL', () => {
    expect(redactDatabaseUrl('postgres://hangar:s3cr%40t@db.example:5432/hangar?sslmode=require')).toBe(
      'postgres://hangar:***@db.example:5432/hangar?sslmode=require',
    )
    expect(redactDatabaseUrl('postgresql://hangar:p@ss/w?rd@db/hangar')).not.toContain('ss/w')
    expect(redactDatabaseUrl('postgres://db/hangar?user=x&password=hunter2')).toBe(
      'postgres://db/hangar?user=x&password=***',
    )
    expect(redactDatabaseUrl('postgres://hangar@db:5432/hangar')).toBe('postgres://hangar@db:5432/hangar')
    expect(redactDatabaseUrl('sqlite:./data/hangar.db')).toBe('sqlite:./data/hangar.db')
  })

  it.each(['mysql://root:hunter2@localhost/hangar', 'hunter2', 'sqlite:', 'postgres://root:hunter2@'])(
    'rejects %s with an error that names DATABASE_URL and hides the password',
    async (url) => {
      const error = await openDatabase(url).then(
        () => undefined,
        (error: unknown) => error,
      )
      expect(error).toBeInstanceOf(Error)
      expect((error as Error).message).toContain('DATABASE_URL')
      if (url.includes('root:')) expect((error as Error).message).not.toContain('hunter2')
    },
  )

  it('names DATABASE_URL, without the password, when PostgreSQL cannot be reached', async () => {
    const error = await openDatabase('postgres://root:hunter2@127.0.0.1:1/hangar').then(
      () => undefined,
      (error: unknown) => error,
    )
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toMatch(/DATABASE_URL "postgres:\/\/root:\*\*\*@127\.0\.0\.1:1\/hangar"/)
    expect((error as Error).message).not.toContain('hunter2')
  })
})
