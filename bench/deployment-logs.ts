/**
 * `npm run bench:logs`: how fast deployment log lines go from a guest into the database and out
 * to 100 WebSocket subscribers, side by side with the raw better-sqlite3 batched insert rate on the
 * same machine, and the delivery latency (p50/p99) from a line being produced to a subscriber
 * receiving it. BENCH_LINES (default 20000) and BENCH_SUBSCRIBERS (default 100) tune the run.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import Database from 'better-sqlite3'
import { createClient } from 'graphql-ws'
import WebSocket from 'ws'
import { createLogger } from '../src/logger.js'
import { startHangar } from '../src/start-hangar.js'

const lines = Number(process.env.BENCH_LINES ?? 20_000)
const subscribers = Number(process.env.BENCH_SUBSCRIBERS ?? 100)
const directory = mkdtempSync(join(tmpdir(), 'hangar-bench-logs-'))

/** The baseline: prepared inserts in transactions of 500 rows, straight into better-sqlite3. */
function rawInsertRate(): number {
  const db = new Database(join(directory, 'raw.db'))
  db.pragma('journal_mode = WAL')
  db.exec('create table logs (deployment_id integer, seq integer, at text, stream text, line text, primary key (deployment_id, seq))')
  const insert = db.prepare('insert into logs values (?, ?, ?, ?, ?)')
  const batch = db.transaction((from: number, to: number) => {
    for (let seq = from; seq < to; seq += 1) insert.run(1, seq, new Date().toISOString(), 'DEPLOY', `line ${seq} of the raw insert baseline`)
  })
  const started = performance.now()
  for (let from = 1; from <= lines; from += 500) batch(from, Math.min(from + 500, lines + 1))
  const seconds = (performance.now() - started) / 1000
  db.close()
  return lines / seconds
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!

async function gatewayRate(): Promise<{ rate: number; p50: number; p99: number }> {
  // The demo's providers are not used: the deployment's record is made directly, as a worker would.
  const hangar = await startHangar({
    env: { HANGAR_PORT: '0', DATABASE_URL: `sqlite:${join(directory, 'gateway.db')}` },
    logger: createLogger({ level: 'silent' }),
  })
  try {
    const { store, engine } = hangar.hangar.deployments
    await engine.close() // no worker: this run writes the lines itself
    const deployment = await store.create(
      { name: 'bench', type: 'VM', framework: 'nodejs', githubUrl: 'https://github.com/acme/bench.git', branch: null, cpu: 1, memory: 512, disk: 5, provider: 'proxmox' },
      { publicKey: 'ssh-ed25519 AAAA bench', privateKey: 'bench' },
    )
    const { createDeploymentLogWriter } = await import('../src/deployments/deployment-log-writer.js')
    const writer = createDeploymentLogWriter({ store, events: hangar.hangar.deployments.events, logger: createLogger({ level: 'silent' }) })
    const latencies: number[] = []
    let ready = 0
    const received = Array.from({ length: subscribers }, () => 0)
    let resolveAll!: () => void
    const allDelivered = new Promise<void>((resolve) => (resolveAll = resolve))
    let complete = 0
    const clients = Array.from({ length: subscribers }, (_, index) => {
      const client = createClient({ url: `${hangar.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 })
      client.subscribe(
        { query: 'subscription ($id: ID!) { deploymentLogs(id: $id) { seq line } }', variables: { id: String(deployment.id) } },
        {
          next: (event) => {
            const line = (event.data as { deploymentLogs: { seq: number; line: string } }).deploymentLogs
            if (line.line === 'ready') return void (++ready)
            if (index === 0) latencies.push(performance.now() - Number(line.line.split(' ')[1]))
            const count = (received[index] ?? 0) + 1
            received[index] = count
            if (count === lines && ++complete === subscribers) resolveAll()
          },
          error: () => {},
          complete: () => {},
        },
      )
      return client
    })
    // Every subscriber is listening once it has seen the first line.
    writer.write(deployment.id, 'SYSTEM', 'ready')
    while (ready < subscribers) await new Promise((resolve) => setTimeout(resolve, 10))
    const started = performance.now()
    for (let index = 0; index < lines; index += 1) {
      writer.write(deployment.id, 'DEPLOY', `produced ${performance.now()} npm info line ${index}`)
      // A guest produces output in bursts; let the event loop breathe every 200 lines.
      if (index % 200 === 199) await new Promise((resolve) => setImmediate(resolve))
    }
    await writer.flush(deployment.id)
    await allDelivered
    const seconds = (performance.now() - started) / 1000
    await Promise.all(clients.map((client) => client.dispose()))
    latencies.sort((a, b) => a - b)
    return { rate: lines / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) }
  } finally {
    await hangar.close()
  }
}

try {
  const raw = rawInsertRate()
  const gateway = await gatewayRate()
  console.log(`${lines} log lines, ${subscribers} WebSocket subscribers\n`)
  console.log(`${'gateway: guest → database → subscribers'.padEnd(44)} ${gateway.rate.toFixed(0).padStart(8)} lines/s`)
  console.log(`${'raw better-sqlite3 batched insert'.padEnd(44)} ${raw.toFixed(0).padStart(8)} lines/s`)
  console.log(`\nratio gateway / raw insert: ${(gateway.rate / raw).toFixed(3)}`)
  console.log(`delivery latency, line produced → subscriber: p50 ${gateway.p50.toFixed(1)} ms, p99 ${gateway.p99.toFixed(1)} ms`)
} finally {
  rmSync(directory, { recursive: true, force: true })
}
