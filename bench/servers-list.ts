/**
 * `npm run bench`: requests per second of `{ servers(first: 50) { nodes { id name status } } }`
 * through the gateway (the real Proxmox plugin against its simulator seeded with a fleet), side by
 * side with a bare node:http server answering the same JSON, with the same load, and their ratio.
 * Each server runs in its own process; the load comes from this one.
 *
 * BENCH_DURATION (seconds, default 10), BENCH_CONNECTIONS (default 50) and BENCH_GUESTS (the
 * fleet's size, default 1000) tune the run; BENCH_PROFILE=<dir> writes the gateway's CPU profile there.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { simulatorEnv, startChild } from './child-process.js'

const duration = Number(process.env.BENCH_DURATION ?? 10)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50)
const guests = Number(process.env.BENCH_GUESTS ?? 1000)
const query = JSON.stringify({ query: '{ servers(first: 50) { nodes { id name status } } }' })

async function load(url: string, seconds = duration): Promise<autocannon.Result> {
  return autocannon({
    url: `${url}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: query,
    connections,
    duration: seconds,
  })
}

const directory = await mkdtemp(join(tmpdir(), 'hangar-bench-'))
const upstream = await startChild('node', ['bin/hangar.js', 'simulator', 'proxmox', '--guests', String(guests)], {})
const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []
const gateway = await startChild('node', [...profile, 'bin/hangar.js', 'serve'], {
  ...simulatorEnv(upstream.line),
  HANGAR_PORT: '0',
  DATABASE_URL: `sqlite:${join(directory, 'bench.db')}`,
  HANGAR_LOG_LEVEL: 'info',
})
try {
  const answer = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: query,
  })
  const body = await answer.text()
  const count = (JSON.parse(body) as { data: { servers: { nodes: unknown[] } } }).data.servers.nodes.length
  const bodyFile = join(directory, 'answer.json')
  await writeFile(bodyFile, body)
  const bare = await startChild('node', ['--import', 'tsx', 'bench/bare-server.ts', bodyFile], {})
  try {
    console.log(
      `servers(first: 50) of a ${guests}-guest fleet: ${count} ` +
        `servers, ${body.length} bytes; ${connections} connections, ${duration}s each\n`,
    )
    // A short warm-up of each, so neither is measured while the JIT is still cold.
    await load(gateway.url, 2)
    await load(bare.url, 2)
    const gatewayResult = await load(gateway.url)
    const bareResult = await load(bare.url)
    const row = (name: string, result: autocannon.Result) =>
      `${name.padEnd(22)} ${result.requests.average.toFixed(0).padStart(8)} ` +
      `req/s   p50 ${String(result.latency.p50).padStart(4)} ms   ` +
      `p99 ${String(result.latency.p99).padStart(4)} ms   errors ${result.errors + result.non2xx}`
    console.log(row('gateway (GraphQL)', gatewayResult))
    console.log(row('bare node:http', bareResult))
    console.log(
      `\nratio gateway / bare:` +
        ` ${(gatewayResult.requests.average / bareResult.requests.average).toFixed(2)} (goal: 0.30 or more)`,
    )
  } finally {
    bare.child.kill()
  }
} finally {
  gateway.child.kill('SIGTERM')
  upstream.child.kill('SIGTERM')
  await rm(directory, { recursive: true, force: true })
}
