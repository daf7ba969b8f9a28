/**
 * `npm run bench:logs`: deployment log lines from a producer, through the gateway's log writer and
 * store, to 100 WebSocket subscribers. Each figure is printed beside its baseline from the same run:
 *
 * - storing: lines/s through the gateway's writer against raw batched better-sqlite3 inserts;
 * - delivery at full speed, lines/s to every subscriber: `deploymentLogBatches`, `deploymentLogs`
 *   (a line an event), and `deploymentLogs` executed once per subscriber (a document that opts out
 *   of shared execution, as every subscription was before), against a bare `ws` server sending the
 *   same lines serialized once (in batches, and a message a line);
 * - delivery latency at 1,000 lines/s, line produced → subscriber: p50 and p99.
 *
 * The gateway runs in a process of its own (`bench/log-producer.ts`). BENCH_LINES (default 20000),
 * BENCH_SUBSCRIBERS (default 100) and BENCH_RATE (default 1000) tune the run; BENCH_PROFILE=<dir>
 * writes the gateway's CPU profile there (node --cpu-prof).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import Database from 'better-sqlite3'
import { createClient, type Client } from 'graphql-ws'
import WebSocket from 'ws'
import { percentile } from './child-process.js'
import { Producer } from './log-producer-process.js'

const lines = Number(process.env.BENCH_LINES ?? 20_000)
const subscribers = Number(process.env.BENCH_SUBSCRIBERS ?? 100)
const rate = Number(process.env.BENCH_RATE ?? 1000)
const latencyLines = Math.max(1000, Math.round(rate * 5))
const now = () => performance.timeOrigin + performance.now()

/** The baseline of storing: prepared inserts in transactions of 500 rows, straight into better-sqlite3. */
function rawInsertRate(): number {
  const directory = mkdtempSync(join(tmpdir(), 'hangar-bench-raw-'))
  try {
    const db = new Database(join(directory, 'raw.db'))
    db.pragma('journal_mode = WAL')
    db.exec('create table logs (job_id text, seq integer, at text, stream text, line text, primary key (job_id, seq))')
    const insert = db.prepare('insert into logs values (?, ?, ?, ?, ?)')
    const batch = db.transaction((from: number, to: number) => {
      for (let seq = from; seq < to; seq += 1)
        insert.run(
          'deployment:1',
          seq,
          new Date().toISOString(),
          'DEPLOY',
          `produced ${now()} npm info line ${seq} of a busy build`,
        )
    })
    const started = performance.now()
    for (let from = 1; from <= lines; from += 500) batch(from, Math.min(from + 500, lines + 1))
    const seconds = (performance.now() - started) / 1000
    db.close()
    return lines / seconds
  } finally {
    rmSync(directory, { recursive: true, force: true })
  }
}

interface Audience {
  /** Resolves once every subscriber has seen the `ready` line. */
  ready: Promise<void>
  /** Resolves once every subscriber has `expected` lines after `ready`. */
  done: Promise<void>
  /** Milliseconds from produced to received: every subscriber's lines when `everyLatency`, else the first's. */
  latencies: number[]
  close(): Promise<void>
}

/** What a subscriber does with each line it receives. */
type Receive = (subscriber: number, lines: readonly { line: string }[]) => void

function audience(
  expected: number,
  everyLatency: boolean,
  connect: (receive: Receive) => { close(): Promise<void> | void }[],
): Audience {
  const latencies: number[] = []
  const counts = Array.from({ length: subscribers }, () => -1)
  let readyCount = 0
  let doneCount = 0
  let resolveReady!: () => void
  let resolveDone!: () => void
  const ready = new Promise<void>((resolve) => (resolveReady = resolve))
  const done = new Promise<void>((resolve) => (resolveDone = resolve))
  const connections = connect((subscriber, received) => {
    const at = now()
    for (const { line } of received) {
      if (line === 'ready') {
        if (counts[subscriber] === -1 && ++readyCount === subscribers) resolveReady()
        counts[subscriber] = 0
        continue
      }
      // The gateway may add a line of its own (a job it claims says so): only produced lines count.
      if (!line.startsWith('produced ')) continue
      if (everyLatency || subscriber === 0) {
        const latency = at - Number(line.slice(9, line.indexOf(' ', 9)))
        if (!Number.isFinite(latency)) throw new Error(`a line with no time: ${line}`)
        latencies.push(latency)
      }
      const count = counts[subscriber]! + 1
      counts[subscriber] = count
      if (count === expected && ++doneCount === subscribers) resolveDone()
    }
  })
  return {
    ready,
    done,
    latencies,
    close: async () => void (await Promise.all(connections.map((connection) => connection.close()))),
  }
}

/** `subscribers` graphql-ws clients of `query`; `pick` takes the lines out of an event's data. */
function graphqlAudience(
  url: string,
  query: string,
  deployment: number,
  expected: number,
  everyLatency: boolean,
  pick: (data: never) => readonly { line: string }[],
) {
  return audience(expected, everyLatency, (receive) =>
    Array.from({ length: subscribers }, (_, index) => {
      const client: Client = createClient({
        url: `${url.replace('http', 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
      })
      client.subscribe(
        { query, variables: { id: String(deployment) } },
        {
          next: (event) => receive(index, pick(event.data as never)),
          error: (error) => console.error('subscription failed', error),
          complete: () => {},
        },
      )
      return { close: () => client.dispose() }
    }),
  )
}

/** `subscribers` plain `ws` clients of the bare producer; `pick` as for {@link graphqlAudience}. */
function bareAudience(url: string, expected: number, pick: (data: never) => readonly { line: string }[]) {
  return audience(expected, false, (receive) =>
    Array.from({ length: subscribers }, (_, index) => {
      const socket = new WebSocket(url.replace('http', 'ws'))
      socket.on('message', (data) =>
        receive(index, pick((JSON.parse(String(data)) as { payload: { data: never } }).payload.data)),
      )
      return { close: () => socket.close() }
    }),
  )
}

const BATCHES_CLI = 'subscription ($id: ID!) { deploymentLogBatches(id: $id) { seq line } }'
const BATCHES_DASHBOARD = 'subscription ($id: ID!) { deploymentLogBatches(id: $id) { seq at stream line } }'
const EACH_LINE = 'subscription ($id: ID!) { deploymentLogs(id: $id) { seq at stream line } }'
// `@skip(if: false)` changes nothing in the answer but opts out of shared execution.
const EACH_LINE_ALONE = 'subscription ($id: ID!) { deploymentLogs(id: $id) @skip(if: false) { seq at stream line } }'
const batchLines = (data: { deploymentLogBatches: { line: string }[] }) => data.deploymentLogBatches
const eachLine = (data: { deploymentLogs: { line: string } }) => [data.deploymentLogs]

interface Delivery {
  /** Lines/s every subscriber received, from the first line produced to the last subscriber's last line. */
  rate: number
  p50: number
  p99: number
}

/** Produces `count` lines (at `linesPerSecond`, or full speed) to an audience made by `listen`, and measures. */
async function deliver(
  producer: Producer,
  count: number,
  linesPerSecond: number | undefined,
  listen: (deployment: number) => Audience,
): Promise<Delivery> {
  const { deployment } = await producer.ask<{ deployment: number }>({ create: true })
  const subscribed = listen(deployment)
  try {
    await producer.ask({ line: 'ready', deployment })
    await subscribed.ready
    const started = now()
    await producer.ask({ produce: count, deployment, rate: linesPerSecond })
    await subscribed.done
    const seconds = (now() - started) / 1000
    const sorted = subscribed.latencies.sort((a, b) => a - b)
    return { rate: count / seconds, p50: percentile(sorted, 50), p99: percentile(sorted, 99) }
  } finally {
    await subscribed.close()
  }
}

const row = (name: string, value: string) => console.log(`${name.padEnd(58)} ${value}`)
const perSecond = (value: number) => `${value.toFixed(0).padStart(8)} lines/s`

const raw = rawInsertRate()
const gateway = await Producer.start('gateway')
const bareCli = await Producer.start('bare', 'cli')
const bareDashboard = await Producer.start('bare', 'dashboard')
const bareEach = await Producer.start('bare', 'each')
try {
  const { deployment } = await gateway.ask<{ deployment: number }>({ create: true })
  const { ms } = await gateway.ask<{ ms: number }>({ produce: lines, deployment })
  const stored = lines / (ms / 1000)
  console.log(`${lines} log lines, ${subscribers} WebSocket subscribers; gateway on SQLite in its own process\n`)
  row('storing: gateway log writer', perSecond(stored))
  row('storing: raw better-sqlite3 batched inserts (baseline)', perSecond(raw))
  row('storing: ratio gateway / raw', `${(stored / raw).toFixed(2)}   (goal: 0.50 or more)`)
  console.log()

  const fanoutCli = await deliver(bareCli, lines, undefined, () => bareAudience(bareCli.url, lines, batchLines))
  const fanoutDashboard = await deliver(bareDashboard, lines, undefined, () =>
    bareAudience(bareDashboard.url, lines, batchLines),
  )
  const fanoutEach = await deliver(bareEach, lines, undefined, () => bareAudience(bareEach.url, lines, eachLine))
  const cli = await deliver(gateway, lines, undefined, (id) =>
    graphqlAudience(gateway.url, BATCHES_CLI, id, lines, false, batchLines),
  )
  const dashboard = await deliver(gateway, lines, undefined, (id) =>
    graphqlAudience(gateway.url, BATCHES_DASHBOARD, id, lines, false, batchLines),
  )
  const each = await deliver(gateway, lines, undefined, (id) =>
    graphqlAudience(gateway.url, EACH_LINE, id, lines, false, eachLine),
  )
  const aloneLines = Math.max(1000, Math.round(lines / 10))
  const alone = await deliver(gateway, aloneLines, undefined, (id) =>
    graphqlAudience(gateway.url, EACH_LINE_ALONE, id, aloneLines, false, eachLine),
  )
  row(
    `deploymentLogBatches { seq line } (the CLI's): ${subscribers} subscribers`,
    `${perSecond(cli.rate)} each   (goal: 50000 or more)`,
  )
  row(
    `bare ws, same lines serialized once (baseline)`,
    `${perSecond(fanoutCli.rate)} each   (ratio ${(cli.rate / fanoutCli.rate).toFixed(2)})`,
  )
  row(`deploymentLogBatches { seq at stream line } (the dashboard's)`, `${perSecond(dashboard.rate)} each`)
  row(
    `bare ws, same lines serialized once (baseline)`,
    `${perSecond(fanoutDashboard.rate)} each   (ratio ${(dashboard.rate / fanoutDashboard.rate).toFixed(2)})`,
  )
  row(
    `deploymentLogs { seq at stream line }: ${subscribers} subscribers`,
    `${perSecond(each.rate)} each   (goal: 5 × today's)`,
  )
  row(
    `deploymentLogs executed per subscriber (${aloneLines} lines)`,
    `${perSecond(alone.rate)} each   (ratio ${(each.rate / alone.rate).toFixed(1)})`,
  )
  row(
    `bare ws, a message a line serialized once (baseline)`,
    `${perSecond(fanoutEach.rate)} each   (ratio ${(each.rate / fanoutEach.rate).toFixed(2)})`,
  )
  console.log()

  const slowBatches = await deliver(gateway, latencyLines, rate, (id) =>
    graphqlAudience(gateway.url, BATCHES_CLI, id, latencyLines, true, batchLines),
  )
  const slowEach = await deliver(gateway, latencyLines, rate, (id) =>
    graphqlAudience(gateway.url, EACH_LINE, id, latencyLines, true, eachLine),
  )
  const ms2 = (value: number) => `${value.toFixed(1)} ms`
  row(
    `deploymentLogBatches at ${rate} lines/s, ${subscribers} subscribers`,
    `p50 ${ms2(slowBatches.p50)}, p99 ${ms2(slowBatches.p99)}   (goal: p99 50 ms or less)`,
  )
  row(
    `deploymentLogs at ${rate} lines/s, ${subscribers} subscribers`,
    `p50 ${ms2(slowEach.p50)}, p99 ${ms2(slowEach.p99)}`,
  )
} finally {
  await Promise.all([gateway.close(), bareCli.close(), bareDashboard.close(), bareEach.close()])
}
