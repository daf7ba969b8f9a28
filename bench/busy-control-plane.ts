/**
 * `npm run bench:busy`: does the control plane stay fast while it works? p50/p99 of
 * `servers(first: 50)` under BENCH_CONNECTIONS (10) connections, first with the gateway idle, then
 * while BENCH_DEPLOYMENTS (50) deployments each write BENCH_RATE (200) log lines/s, each followed
 * by a `deploymentLogBatches` subscriber. The gateway (demo providers, its own process:
 * `bench/log-producer.ts`) is the same in both runs. Goal: the busy p99 within twice the idle one.
 */
import autocannon from 'autocannon'
import { createClient, type Client } from 'graphql-ws'
import WebSocket from 'ws'
import { Producer } from './log-producer-process.js'

const deployments = Number(process.env.BENCH_DEPLOYMENTS ?? 50)
const rate = Number(process.env.BENCH_RATE ?? 200)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10)
const duration = Number(process.env.BENCH_DURATION ?? 8)
const query = JSON.stringify({ query: '{ servers(first: 50) { totalCount nodes { id name status } } }' })

const gateway = await Producer.start('gateway')
const clients: Client[] = []
const page = (seconds = duration) =>
  autocannon({
    url: `${gateway.url}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: query,
    connections,
    duration: seconds,
  })
try {
  await page(2)
  const idle = await page()
  const ids: number[] = []
  for (let index = 0; index < deployments; index += 1)
    ids.push((await gateway.ask<{ deployment: number }>({ create: true })).deployment)
  let received = 0
  for (const id of ids) {
    const client = createClient({
      url: `${gateway.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
    })
    clients.push(client)
    client.subscribe(
      {
        query: 'subscription ($id: ID!) { deploymentLogBatches(id: $id) { seq stream line } }',
        variables: { id: String(id) },
      },
      {
        next: (event) =>
          void (received += (event.data as { deploymentLogBatches: unknown[] }).deploymentLogBatches.length),
        error: () => {},
        complete: () => {},
      },
    )
  }
  // The deployments stream for longer than the load runs, starting a moment before it.
  const streaming = gateway.ask<{ ms: number }>({ produce: Math.round(rate * (duration + 4)), deployments: ids, rate })
  await new Promise((resolve) => setTimeout(resolve, 1500))
  const busy = await page()
  await streaming
  const row = (name: string, result: autocannon.Result) =>
    console.log(
      `${name.padEnd(52)} p50 ${String(result.latency.p50).padStart(3)} ms   ` +
        `p99 ${String(result.latency.p99).padStart(3)} ms  ` +
        ` ${result.requests.average.toFixed(0).padStart(6)} req/s   errors ${result.errors + result.non2xx}`,
    )
  console.log(
    `servers(first: 50), ${connections} connections, ${duration}s each; ${deployments} ` +
      `deployments × ${rate} lines/s (${deployments * rate} lines/s), a subscriber each\n`,
  )
  row('idle gateway (baseline)', idle)
  row(`while ${deployments} deployments stream`, busy)
  console.log(
    `\nratio busy / idle p99: ${(busy.latency.p99 / Math.max(idle.latency.p99, 1)).toFixed(2)} ` +
      `  (goal: 2.00 or less); lines delivered meanwhile: ${received}`,
  )
} finally {
  await Promise.all(clients.map((client) => client.dispose()))
  await gateway.close()
}
