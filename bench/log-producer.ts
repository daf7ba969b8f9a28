/**
 * The gateway side of `npm run bench:logs`, in a process of its own so that the subscribers (in the
 * bench's process) do not share its event loop. Started as
 *
 *   tsx bench/log-producer.ts gateway   a Hangar gateway on SQLite; lines go through its log writer
 *   tsx bench/log-producer.ts bare cli|dashboard|each
 *                                       the baseline: a bare `ws` server sending the same lines
 *                                       with the fields the CLI or the dashboard asks for, each
 *                                       batch serialized once, to every client (`each`: every
 *                                       line a message of its own, as `deploymentLogs` sends)
 *
 * It prints `{"url": ...}` once listening, then reads commands from stdin, a JSON object a line:
 *
 *   {"create": true}                       → {"deployment": id}   a new deployment (gateway only)
 *   {"line": text, "deployment": id}       → {"stored": true}     one line, stored and sent
 *   {"produce": n, "deployment": id, "rate": r}
 *       writes n lines `produced <epoch ms> line <i>`, at r lines/s or as fast as it can (r absent),
 *       then → {"produced": n, "ms": time until every line was stored}
 *   {"produce": n, "deployments": [id, ...], "rate": r}
 *       the same on every deployment at once
 *   {"memory": true}                       → process.memoryUsage() after a full collection, in MB
 */
import { createInterface } from 'node:readline'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { WebSocketServer, type WebSocket } from 'ws'
import { createDeploymentLogWriter } from '../src/deployments/deployment-log-writer.js'
import { createBenchDeployment } from './bench-deployment.js'
import { createLogger } from '../src/logger.js'
import { startHangar } from '../src/start-hangar.js'

/** Milliseconds since the epoch with sub-millisecond precision, comparable between processes. */
export const now = () => performance.timeOrigin + performance.now()

const say = (message: object) => console.log(JSON.stringify(message))

interface Producer {
  url: string
  create(): Promise<number>
  /** Writes one line; resolves once everything written so far is stored (and sent). */
  write(deployment: number, line: string): void
  flush(deployment: number): Promise<void>
  close(): Promise<void>
}

async function gateway(): Promise<Producer> {
  const directory = mkdtempSync(join(tmpdir(), 'hangar-bench-logs-'))
  const hangar = await startHangar({
    env: {
      HANGAR_PORT: '0',
      DATABASE_URL: `sqlite:${join(directory, 'gateway.db')}`,
      HANGAR_SECRET_KEY: 'a'.repeat(64),
    },
    logger: createLogger({ level: 'silent' }),
  })
  const { store, engine, events } = hangar.hangar.deployments
  await engine.close() // no worker: this process writes the lines itself, as a worker would
  const writer = createDeploymentLogWriter({ store, events, logger: createLogger({ level: 'silent' }) })
  return {
    url: hangar.url,
    async create() {
      const deployment = await createBenchDeployment(store)
      return deployment.id
    },
    write: (deployment, line) => writer.write(deployment, 'DEPLOY', line),
    flush: (deployment) => writer.flush(deployment),
    async close() {
      await writer.close()
      await hangar.close()
      rmSync(directory, { recursive: true, force: true })
    },
  }
}

/** The same lines as `deploymentLogBatches` events, in batches of up to 500, serialized once for all. */
async function bare(form: 'cli' | 'dashboard' | 'each'): Promise<Producer> {
  const http = createServer()
  const sockets = new WebSocketServer({ server: http })
  const clients = new Set<WebSocket>()
  sockets.on('connection', (socket) => {
    clients.add(socket)
    // A new client has missed what was sent before: it is told it is listening.
    const ready = { seq: 0, line: 'ready' }
    socket.send(
      JSON.stringify({
        id: '1',
        type: 'next',
        payload: { data: form === 'each' ? { deploymentLogs: ready } : { deploymentLogBatches: [ready] } },
      }),
    )
    socket.on('close', () => clients.delete(socket))
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  let pending: { seq: number; at: string; stream: string; line: string }[] = []
  let seq = 0
  let timer: NodeJS.Timeout | undefined
  const send = () => {
    clearTimeout(timer)
    timer = undefined
    if (pending.length === 0) return
    if (form === 'each') {
      for (const line of pending) {
        const message = JSON.stringify({ id: '1', type: 'next', payload: { data: { deploymentLogs: line } } })
        for (const client of clients) client.send(message)
      }
      pending = []
      return
    }
    const batch = form === 'cli' ? pending.map(({ seq, line }) => ({ seq, line })) : pending
    const message = JSON.stringify({ id: '1', type: 'next', payload: { data: { deploymentLogBatches: batch } } })
    pending = []
    for (const client of clients) client.send(message)
  }
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    create: async () => 1,
    write(_deployment, line) {
      pending.push({ seq: ++seq, at: new Date().toISOString(), stream: 'DEPLOY', line })
      if (pending.length >= 500) send()
      else timer ??= setTimeout(send, 25)
    },
    flush: async () => send(),
    async close() {
      sockets.close()
      http.closeAllConnections()
      http.close()
    },
  }
}

async function produce(
  producer: Producer,
  deployment: number,
  count: number,
  rate: number | undefined,
): Promise<number> {
  const started = now()
  for (let index = 0; index < count; index += 1) {
    if (rate) {
      // On schedule: line i is due at started + i/rate. Output comes in chunks, as it does over
      // SSH: every line due within the next 10 ms is written at once.
      const due = started + (index * 1000) / rate
      if (due > now() + 10) await new Promise((resolve) => setTimeout(resolve, due - now()))
    } else if (index % 200 === 199) {
      // A guest produces output in bursts: let the event loop breathe every 200 lines.
      await new Promise((resolve) => setImmediate(resolve))
    }
    producer.write(deployment, `produced ${now()} npm info line ${index} of a busy build`)
  }
  await producer.flush(deployment)
  return now() - started
}

const producer =
  process.argv[2] === 'bare'
    ? await bare(process.argv[3] === 'cli' || process.argv[3] === 'each' ? process.argv[3] : 'dashboard')
    : await gateway()
say({ url: producer.url })
for await (const text of createInterface({ input: process.stdin })) {
  const command = JSON.parse(text) as {
    memory?: boolean
    create?: boolean
    line?: string
    produce?: number
    deployment?: number
    deployments?: number[]
    rate?: number
    close?: boolean
  }
  if (command.create) say({ deployment: await producer.create() })
  else if (command.line !== undefined) {
    producer.write(command.deployment ?? 1, command.line)
    await producer.flush(command.deployment ?? 1)
    say({ stored: true })
  } else if (command.memory) {
    globalThis.gc?.()
    say(
      Object.fromEntries(
        Object.entries(process.memoryUsage()).map(([name, bytes]) => [name, Math.round(bytes / 1024 / 102.4) / 10]),
      ),
    )
  } else if (command.produce !== undefined) {
    const count = command.produce
    const times = await Promise.all(
      (command.deployments ?? [command.deployment ?? 1]).map((id) => produce(producer, id, count, command.rate)),
    )
    say({ produced: count, ms: Math.max(...times) })
  } else if (command.close) break
}
await producer.close()
process.exit(0)
