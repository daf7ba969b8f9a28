/**
 * `npm run bench:gateways`: how long a deployment log line takes from being stored by gateway A to
 * reaching a WebSocket subscriber on gateway B (through Redis pub/sub), side by side with a
 * subscriber on A itself (both over `deploymentLogBatches`), both gateways on the machine's
 * PostgreSQL and Redis, lines produced at BENCH_RATE (1000) lines/s. Prints latency p50/p99 for
 * each and their ratio. BENCH_LINES (default 5000) tunes the run; TEST_POSTGRES_URL
 * and BENCH_REDIS_URL say where PostgreSQL and Redis are (127.0.0.1 by default).
 */
import { randomUUID } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { createClient } from 'graphql-ws'
import pg from 'pg'
import WebSocket from 'ws'
import { parseDatabaseUrl } from '../src/db/database-url.js'
import { createBenchDeployment } from './bench-deployment.js'
import { percentile } from './child-process.js'
import { createDeploymentLogWriter } from '../src/deployments/deployment-log-writer.js'
import { createLogger } from '../src/logger.js'
import { startHangar, type RunningHangar } from '../src/start-hangar.js'

const lines = Number(process.env.BENCH_LINES ?? 5_000)
const rate = Number(process.env.BENCH_RATE ?? 1000)
const postgresUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://127.0.0.1:5432/test'
const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/0'

/** Subscribes on `url` and records, for each line, how long after it was produced it arrived. */
function subscribe(url: string, id: number, onReady: () => void) {
  const latencies: number[] = []
  let resolveDone!: () => void
  const done = new Promise<void>((resolve) => (resolveDone = resolve))
  const client = createClient({
    url: `${url.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
  })
  client.subscribe(
    { query: 'subscription ($id: ID!) { deploymentLogBatches(id: $id) { seq line } }', variables: { id: String(id) } },
    {
      next: (event) => {
        const arrived = performance.now()
        for (const { line } of (event.data as { deploymentLogBatches: { line: string }[] }).deploymentLogBatches) {
          if (line === 'ready') onReady()
          // Only produced lines count (a gateway may add one of its own, as when it claims a job).
          if (!line.startsWith('produced ')) continue
          latencies.push(arrived - Number(line.split(' ')[1]))
          if (latencies.length === lines) resolveDone()
        }
      },
      error: () => {},
      complete: () => {},
    },
  )
  return { latencies, done, close: () => client.dispose() }
}

/** The median and 99th percentile of a subscriber's latencies, in ms. */
function percentiles(latencies: readonly number[]): [number, number] {
  const sorted = [...latencies].sort((x, y) => x - y)
  return [percentile(sorted, 50), percentile(sorted, 99)]
}

const target = parseDatabaseUrl(postgresUrl)
if (target.dialect !== 'postgres') throw new Error('TEST_POSTGRES_URL is not a postgres URL')
const admin = new pg.Client({ connectionString: target.connectionString })
await admin.connect()
const schema = `hangar_bench_${randomUUID().replaceAll('-', '')}`
await admin.query(`create schema ${schema}`)
const gateways: RunningHangar[] = []
try {
  const databaseUrl =
    `${postgresUrl}${postgresUrl.includes('?') ? '&' : '?'}op` +
    `tions=${encodeURIComponent(`-c search_path=${schema}`)}`
  const env = {
    HANGAR_PORT: '0',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    PROXMOX_URL: 'http://127.0.0.1:9',
    PROXMOX_TOKEN_ID: 'bench@pve!bench',
    PROXMOX_TOKEN_SECRET: 'bench',
  }
  for (const instance of ['bench-a', 'bench-b']) {
    gateways.push(
      await startHangar({ env: { ...env, HANGAR_INSTANCE_ID: instance }, logger: createLogger({ level: 'silent' }) }),
    )
  }
  const [a, b] = gateways as [RunningHangar, RunningHangar]
  await a.hangar.deployments.engine.close() // no worker: this run writes the lines itself, as a worker on A would
  const deployment = await createBenchDeployment(a.hangar.deployments.store)
  const writer = createDeploymentLogWriter({
    store: a.hangar.deployments.store,
    events: a.hangar.deployments.events,
    logger: createLogger({ level: 'silent' }),
  })
  let ready = 0
  const onA = subscribe(a.url, deployment.id, () => void (ready += 1))
  const onB = subscribe(b.url, deployment.id, () => void (ready += 1))
  // Both are listening once each has seen the first line.
  while (ready < 2) {
    writer.write(deployment.id, 'SYSTEM', 'ready')
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  // At `rate` lines/s, on schedule: line i is due `i / rate` seconds after the first.
  const started = performance.now()
  for (let index = 0; index < lines; index += 1) {
    const due = started + (index * 1000) / rate
    if (due > performance.now()) await new Promise((resolve) => setTimeout(resolve, due - performance.now()))
    writer.write(deployment.id, 'DEPLOY', `produced ${performance.now()} npm info line ${index}`)
  }
  await writer.flush(deployment.id)
  await Promise.all([onA.done, onB.done])
  await Promise.all([onA.close(), onB.close()])
  const [a50, a99] = percentiles(onA.latencies)
  const [b50, b99] = percentiles(onB.latencies)
  console.log(
    `${lines} log lines at ${rate} lines/s stored by gateway A (PostgreSQL), ` +
      `deploymentLogBatches subscribers on A and on B (Redis)\n`,
  )
  console.log(
    `${'line produced on A → subscriber on A'.padEnd(40)} ` +
      `p50 ${a50.toFixed(1).padStart(7)} ms   p99 ${a99.toFixed(1).padStart(7)} ms`,
  )
  console.log(
    `${'line produced on A → subscriber on B'.padEnd(40)} ` +
      `p50 ${b50.toFixed(1).padStart(7)} ms   p99 ${b99.toFixed(1).padStart(7)} ms`,
  )
  console.log(
    `\nratio B / A: p50 ${(b50 / a50).toFixed(2)}, p99 ${(b99 / a99).toFixed(2)}   (goal: p99 on B 50 ms or less)`,
  )
} finally {
  for (const gateway of gateways.reverse()) await gateway.close().catch(() => {})
  await admin.query(`drop schema if exists ${schema} cascade`)
  await admin.end()
}
