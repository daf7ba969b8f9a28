/**
 * `npm run bench:fleet`: a fleet of 5,000 servers behind one gateway: a Proxmox simulator of
 * BENCH_PROXMOX_GUESTS (4000) guests over four nodes and a Kamatera one of BENCH_KAMATERA_GUESTS
 * (1000) servers, each in its own process, and the gateway in a third. Prints, each beside its
 * baseline from the same run:
 *
 * - warm pages: p50/p99 of a searched page and of a filtered page under BENCH_CONNECTIONS (10)
 *   connections for BENCH_DURATION (5) seconds, beside a bare node:http server answering the same
 *   bytes under the same load;
 * - cold pages: with every upstream answering after BENCH_LATENCY_MS (300) ms, BENCH_COLD_REQUESTS
 *   (20) requests at once, to a gateway whose lists have expired and to one just started that has
 *   read nothing: the slowest answer against the latency and against the upstreams answering bare
 *   fetches of the same calls (which takes longer than the latency: a 4,000-guest list is 1.2 MB
 *   to produce and send; goal: 1.10 or less), and the upstream calls they took (from `/metrics`);
 * - memory: the gateway's resident memory with the fleet read and after the load, beside a gateway on
 *   the same upstreams that has not read them yet.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import autocannon from 'autocannon'
import { percentile, residentMb, simulatorEnv, startChild } from './child-process.js'

const proxmoxGuests = Number(process.env.BENCH_PROXMOX_GUESTS ?? 4000)
const kamateraGuests = Number(process.env.BENCH_KAMATERA_GUESTS ?? 1000)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10)
const duration = Number(process.env.BENCH_DURATION ?? 5)
const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 300)
const coldRequests = Number(process.env.BENCH_COLD_REQUESTS ?? 20)
// The cold gateway's list lifetime: its lists expire after this much quiet.
const cacheTtlMs = 2000

const SEARCHED = '{ servers(first: 50, search: "web") { totalCount nodes { id name status provider } } }'
const FILTERED =
  '{ servers(first: 50, status: STOPPED, provider: "kamatera") { totalCount nodes { id name status provider } } }'
const EVERYTHING = '{ servers(first: 50) { totalCount nodes { id name status provider } unavailableProviders } }'

const directory = await mkdtemp(join(tmpdir(), 'hangar-bench-fleet-'))
const children: { kill(signal?: NodeJS.Signals): boolean }[] = []

async function gateway(env: Record<string, string>, name: string) {
  // BENCH_PROFILE=<dir>: the cold gateway's CPU profile, written there when it ends.
  const profile =
    process.env.BENCH_PROFILE && name === 'cold' ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []
  const started = await startChild('node', [...profile, 'bin/hangar.js', 'serve'], {
    ...env,
    HANGAR_PORT: '0',
    DATABASE_URL: `sqlite:${join(directory, `${name}.db`)}`,
    HANGAR_LOG_LEVEL: 'info',
    HANGAR_SECRET_KEY: 'b'.repeat(64),
  })
  children.push(started.child)
  return started
}

const post = async (url: string, query: string) => {
  const answer = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  })
  return { status: answer.status, body: await answer.text() }
}

function load(url: string, query: string, seconds = duration) {
  return autocannon({
    url: `${url}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
    connections,
    duration: seconds,
  })
}

/** Upstream calls counted by the gateway's `/metrics`, per provider. */
async function upstreamCalls(url: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text()
  const calls: Record<string, number> = {}
  for (const match of text.matchAll(/^hangar_upstream_calls_total\{([^}]*)\} (\d+)/gm)) {
    const provider = /provider="([^"]+)"/.exec(match[1]!)?.[1] ?? '?'
    calls[provider] = (calls[provider] ?? 0) + Number(match[2])
  }
  return calls
}

/** `coldRequests` pages at once; each one's time, sorted. */
async function coldRound(url: string): Promise<number[]> {
  const timings = await Promise.all(
    Array.from({ length: coldRequests }, async () => {
      const started = performance.now()
      const answer = await post(url, EVERYTHING)
      if (answer.status !== 200 || answer.body.includes('"errors"'))
        throw new Error(`a cold page failed: ${answer.body.slice(0, 300)}`)
      return performance.now() - started
    }),
  )
  return timings.sort((a, b) => a - b)
}

const callsSince = (before: Record<string, number>, after: Record<string, number>) =>
  Object.entries(after)
    .map(([provider, count]) => `${provider} ${count - (before[provider] ?? 0)}`)
    .join(', ')

/**
 * The baseline of a cold page: how long the upstreams take to answer the calls a page makes (every
 * guest of the Proxmox cluster, every Kamatera server and their details), fetched in parallel with
 * nothing done with the answers but reading them. The median of three.
 */
async function bareUpstreamMs(env: Record<string, string>): Promise<number> {
  const proxmoxHeaders = { authorization: `PVEAPIToken=${env.PROXMOX_TOKEN_ID}=${env.PROXMOX_TOKEN_SECRET}` }
  const kamateraHeaders = {
    AuthClientId: env.KAMATERA_CLIENT_ID!,
    AuthSecret: env.KAMATERA_SECRET!,
    'content-type': 'application/json',
  }
  const read = async (url: string, init: RequestInit) => {
    const answer = await fetch(url, init)
    if (answer.status !== 200) throw new Error(`${url} answered ${answer.status}`)
    await answer.text()
  }
  const rounds: number[] = []
  for (let round = 0; round < 3; round += 1) {
    const started = performance.now()
    await Promise.all([
      read(`${env.PROXMOX_URL}/api2/json/cluster/resources?type=vm`, { headers: proxmoxHeaders }),
      read(`${env.KAMATERA_API_URL}/service/servers`, { headers: kamateraHeaders }),
      read(`${env.KAMATERA_API_URL}/service/server/info`, {
        method: 'POST',
        headers: kamateraHeaders,
        body: JSON.stringify({ name: '.*', 'allow-no-servers': true }),
      }),
    ])
    rounds.push(performance.now() - started)
  }
  return rounds.sort((a, b) => a - b)[1]!
}

const setLatency = (simulatorUrl: string, ms: number) =>
  fetch(`${simulatorUrl}/_simulator/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ latencyMs: ms }),
  })

const row = (name: string, value: string) => console.log(`${name.padEnd(56)} ${value}`)

try {
  const proxmox = await startChild(
    'node',
    ['bin/hangar.js', 'simulator', 'proxmox', '--http', '--guests', String(proxmoxGuests)],
    {},
  )
  children.push(proxmox.child)
  const kamatera = await startChild(
    'node',
    ['bin/hangar.js', 'simulator', 'kamatera', '--guests', String(kamateraGuests)],
    {},
  )
  children.push(kamatera.child)
  const fleetEnv = { ...simulatorEnv(proxmox.line), ...simulatorEnv(kamatera.line) }

  // Cold first: every upstream answering after latencyMs, to a gateway that has read nothing.
  await Promise.all([setLatency(proxmox.url, latencyMs), setLatency(kamatera.url, latencyMs)])
  const upstreams = await bareUpstreamMs(fleetEnv)
  const cold = await gateway({ ...fleetEnv, HANGAR_CACHE_TTL_MS: String(cacheTtlMs) }, 'cold')
  const coldCalls = await upstreamCalls(cold.url)
  const firstRound = await coldRound(cold.url)
  const calls = callsSince(coldCalls, await upstreamCalls(cold.url))
  // Then the same once its lists have expired: the page a running gateway serves after a quiet spell.
  await new Promise((resolve) => setTimeout(resolve, cacheTtlMs + 500))
  const expiredCalls = await upstreamCalls(cold.url)
  const expiredRound = await coldRound(cold.url)
  const callsExpired = callsSince(expiredCalls, await upstreamCalls(cold.url))
  cold.child.kill('SIGTERM')
  await new Promise((resolve) => cold.child.once('exit', resolve))
  await Promise.all([setLatency(proxmox.url, 0), setLatency(kamatera.url, 0)])

  // Warm: a gateway whose lists are read, under load.
  const warm = await gateway(fleetEnv, 'warm')
  const unread = await gateway(fleetEnv, 'unread')
  const first = JSON.parse((await post(warm.url, EVERYTHING)).body) as {
    data: { servers: { totalCount: number; unavailableProviders: string[] } }
  }
  const searched = await post(warm.url, SEARCHED)
  const bodies = join(directory, 'searched.json')
  await writeFile(bodies, searched.body)
  const bare = await startChild('node', ['--import', 'tsx', 'bench/bare-server.ts', bodies], {})
  children.push(bare.child)
  const unavailable = first.data.servers.unavailableProviders
  console.log(
    `a fleet of ${first.data.servers.totalCount} servers (${proxmoxGuests} Proxmox guests, ` +
      `${kamateraGuests} Kamatera servers)${unavailable.length ? `, unavailable: ${unavailable.join(', ')}` : ''}\n`,
  )

  const results: [string, autocannon.Result][] = []
  for (const [name, url, query] of [
    ['warm searched page (search: "web")', warm.url, SEARCHED],
    ['warm filtered page (STOPPED on kamatera)', warm.url, FILTERED],
    ['bare node:http, same bytes (baseline)', bare.url, SEARCHED],
  ] as const) {
    await load(url, query, 1)
    results.push([name, await load(url, query)])
  }
  for (const [name, result] of results) {
    row(
      `${name}, ${connections} connections`,
      `p50 ${String(result.latency.p50).padStart(3)} ms, ` +
        `p99 ${String(result.latency.p99).padStart(3)} ms, ${result.requests.average.toFixed(0).padStart(6)} ` +
        `req/s, errors ${result.errors + result.non2xx}   (goal: p99 20 ms or less)`,
    )
  }
  console.log()
  const coldRow = (name: string, round: number[], called: string) => {
    const slowest = round.at(-1)!
    row(
      name,
      `p50 ${percentile(round, 50).toFixed(0)} ms, slowest ${slowest.toFixed(0)} ` +
        `ms = ${(slowest / latencyMs).toFixed(2)} × latency, ${(slowest / upstreams).toFixed(2)} ` +
        `× the upstreams answering bare   (goal: 1.10 or less)`,
    )
    row('  upstream calls for those requests', called)
  }
  console.log(`cold pages: every upstream answering after ${latencyMs} ms, ${coldRequests} requests at once`)
  row(
    '  the upstreams answering bare fetches of the same calls (baseline)',
    `${upstreams.toFixed(0)} ms = ${(upstreams / latencyMs).toFixed(2)} × latency`,
  )
  coldRow('  a page of a gateway whose lists expired', expiredRound, callsExpired)
  coldRow('  the first page of a gateway just started', firstRound, calls)
  console.log()
  row('gateway resident memory with the fleet read', `${residentMb(warm.child.pid!).toFixed(0)} MB`)
  row('gateway resident memory before its first read (baseline)', `${residentMb(unread.child.pid!).toFixed(0)} MB`)
} finally {
  for (const child of children.reverse()) child.kill('SIGTERM')
  await rm(directory, { recursive: true, force: true })
}
