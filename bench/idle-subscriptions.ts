/**
 * `npm run bench:idle`: the gateway's resident memory holding BENCH_SUBSCRIPTIONS (10000) idle
 * WebSocket subscriptions (`deploymentLogBatches` of a deployment that writes nothing more), each
 * on a connection of its own, beside the same gateway before they opened; printed per subscription.
 * The gateway runs in a process of its own (`bench/log-producer.ts`); the subscribers here.
 */
import { createClient, type Client } from 'graphql-ws'
import WebSocket from 'ws'
import { residentMb } from './child-process.js'
import { Producer } from './log-producer-process.js'

const count = Number(process.env.BENCH_SUBSCRIPTIONS ?? 10_000)
const gateway = await Producer.start('gateway')
const clients: Client[] = []
try {
  const { deployment } = await gateway.ask<{ deployment: number }>({ create: true })
  await gateway.ask({ line: 'ready', deployment })
  await new Promise((resolve) => setTimeout(resolve, 1000))
  const heapBefore = await gateway.ask<Record<string, number>>({ memory: true })
  const before = residentMb(gateway.child.pid!)
  let listening = 0
  let ended = 0
  let resolveAll!: () => void
  const all = new Promise<void>((resolve) => (resolveAll = resolve))
  for (let index = 0; index < count; index += 1) {
    const client = createClient({
      url: `${gateway.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 5,
      lazy: true,
    })
    clients.push(client)
    let seen = false
    client.subscribe(
      {
        query: 'subscription ($id: ID!) { deploymentLogBatches(id: $id) { seq line } }',
        variables: { id: String(deployment) },
      },
      {
        // The stored line arrives once the subscription is open: it is listening from then on.
        next: () => {
          if (seen) return
          seen = true
          if (++listening === count) resolveAll()
        },
        error: (error) => console.error('a subscription failed', (error as Error).message ?? error),
        complete: () => void (ended += 1),
      },
    )
    // Opened fifty at a time, so the gateway's accept queue never overflows.
    if (index % 50 === 49) await new Promise((resolve) => setTimeout(resolve, 50))
  }
  await all
  await new Promise((resolve) => setTimeout(resolve, 3000))
  const heapAfter = await gateway.ask<Record<string, number>>({ memory: true })
  const after = residentMb(gateway.child.pid!)
  const open = /^hangar_subscriptions_open\{transport="websocket"\} (\d+)/m.exec(
    await (await fetch(`${gateway.url}/metrics`)).text(),
  )?.[1]
  console.log(
    `${count} idle WebSocket subscriptions, a connection each (the gateway counts ${open} open, ${ended} ended)\n`,
  )
  console.log(
    `${'gateway resident memory with them'.padEnd(48)} ${after.toFixed(0).padStart(6)} MB   (goal: 500 MB or less)`,
  )
  console.log(`${'the same gateway before they opened (baseline)'.padEnd(48)} ${before.toFixed(0).padStart(6)} MB`)
  console.log(`${'per subscription'.padEnd(48)} ${(((after - before) * 1024) / count).toFixed(1).padStart(6)} KB`)
  const perSubscription = (field: string) =>
    `${(((heapAfter[field]! - heapBefore[field]!) * 1024) / count).toFixed(1)} KB`
  console.log(
    `${'of which, after a full collection'.padEnd(48)} JS heap ${perSubscription('heapUsed')}, ` +
      `outside it ${perSubscription('external')} (buffers ${perSubscription('arrayBuffers')})`,
  )
} finally {
  await Promise.all(clients.map((client) => client.dispose()))
  await gateway.close()
}
