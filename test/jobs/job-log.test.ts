import { beforeAll, expect, it } from 'vitest'
import { createJobLog, type JobLog } from '../../src/jobs/job-log.js'
import { insertJob } from '../../src/jobs/job-store.js'
import { describeOnEachDatabase, openDatabaseForSuite } from '../support/each-database.js'

describeOnEachDatabase('the job log on $database', (database) => {
  const suite = openDatabaseForSuite(database)
  let log: JobLog
  let n = 0
  const job = async () => {
    const id = `deployment:${(n += 1)}`
    await insertJob(suite.opened.db, { id, kind: 'deployment', queueKey: null, owner: null, leaseMs: 15_000 })
    return id
  }

  beforeAll(() => {
    log = createJobLog(suite.opened.db)
  })

  it('stores every line exactly as written, whatever characters it holds', async () => {
    const id = await job()
    const awkward = [
      `it's "quoted" and \\back\\slashed`,
      'tab\there, a carriage return\r and a form feed\f',
      '→ ünïcödé, 日本語, an emoji 🚀 and a ZWJ family 👩‍👩‍👧',
      '{"looks": ["like", "json"]}',
      ']]>,[0], null',
      '$1 ? ?? :name',
      'x'.repeat(64 * 1024),
    ]
    const at = new Date('2026-12-03T10:00:00.123Z')
    const stored = await log.append(
      id,
      awkward.map((line) => ({ stream: 'DEPLOY', line, at })),
    )
    expect(stored.map((entry) => entry.seq)).toEqual([1, 2, 3, 4, 5, 6, 7])
    const read = await log.read(id)
    expect(read.map((entry) => entry.line)).toEqual(awkward)
    expect(read.every((entry) => entry.at.getTime() === at.getTime() && entry.stream === 'DEPLOY')).toBe(true)
  })

  it("stores a NUL or half a surrogate pair (binary output) as U+FFFD, and the other jobs' lines with it", async () => {
    const [binary, plain] = [await job(), await job()]
    const [stored, others] = await log.appendMany([
      {
        jobId: binary,
        lines: [
          { stream: 'DEPLOY', line: 'before\u0000after' },
          { stream: 'DEPLOY', line: 'half \ud83d pair' },
        ],
      },
      { jobId: plain, lines: [{ stream: 'DEPLOY', line: 'fine' }] },
    ])
    expect(stored!.map((entry) => entry.line)).toEqual(['before\uFFFDafter', 'half \uFFFD pair'])
    expect((await log.read(binary)).map((entry) => entry.line)).toEqual(['before\uFFFDafter', 'half \uFFFD pair'])
    expect(others!.map((entry) => entry.line)).toEqual(['fine'])
  })

  it('numbers each job on from its own last line when many jobs are stored in one transaction', async () => {
    const [first, second] = [await job(), await job()]
    await log.append(first, [{ stream: 'SYSTEM', line: 'started' }])
    const lines = (prefix: string, count: number) =>
      Array.from({ length: count }, (_, index) => ({ stream: 'DEPLOY' as const, line: `${prefix} ${index}` }))
    const answers = await log.appendMany([
      { jobId: second, lines: lines('b', 3) },
      { jobId: first, lines: lines('a', 1000) },
      { jobId: 'deployment:404', lines: lines('lost', 2) },
      { jobId: second, lines: lines('c', 2) },
    ])
    expect(answers[0]!.map((entry) => entry.seq)).toEqual([1, 2, 3])
    expect(answers[1]!.at(0)!.seq).toBe(2)
    expect(answers[1]!.at(-1)!.seq).toBe(1001)
    expect(answers[2]).toBeUndefined()
    expect(answers[3]!.map((entry) => entry.seq)).toEqual([4, 5])
    const read = await log.read(first, { after: 999 })
    expect(read.map((entry) => [entry.seq, entry.line])).toEqual([
      [1000, 'a 998'],
      [1001, 'a 999'],
    ])
    expect((await log.read(second)).map((entry) => entry.line)).toEqual(['b 0', 'b 1', 'b 2', 'c 0', 'c 1'])
  })
})
