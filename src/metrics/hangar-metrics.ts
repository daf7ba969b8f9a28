import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'
import type { UpstreamObserver } from '../providers/contract.js'

export type { UpstreamCall, UpstreamObserver } from '../providers/contract.js'

/** Counts of long work by state, read from the database when metrics are scraped. */
export type JobCounts = { kind: 'operation' | 'deployment'; state: string; count: number }[]

/** The gateway's Prometheus metrics: one registry, served at `GET /metrics`. */
export interface HangarMetrics {
  registry: Registry
  /** The observer for one provider instance's upstream calls. */
  upstream(provider: string): UpstreamObserver
  /** Notes a subscription that started; call the answer when it ends. */
  subscriptionStarted(transport: string): () => void
  /** Where job counts come from at scrape time (set once the database is open). */
  countJobsWith(source: () => Promise<JobCounts>): void
  /** Notes a job this gateway took over from another that stopped renewing its lease. */
  countTakeover(kind: 'operation' | 'deployment'): void
  /** Notes what the response cache did with a GraphQL request: answered it, stored it, or let it pass. */
  countResponseCache(outcome: 'hit' | 'joined' | 'miss' | 'pass'): void
}

/**
 * Makes the registry with Node's own metrics (memory, event loop lag, ...), upstream calls and
 * errors per provider, subscriptions open now, and jobs by state. The GraphQL layer's metrics
 * (operations and their durations) are added to the same registry by `usePrometheus`.
 */
export function createHangarMetrics(): HangarMetrics {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: 'hangar_' })

  const upstreamCalls = new Counter({
    name: 'hangar_upstream_calls_total',
    help: 'Calls to provider APIs (each HTTP attempt, retries included), by provider, method and outcome',
    labelNames: ['provider', 'method', 'outcome', 'status'] as const,
    registers: [registry],
  })
  const upstreamSeconds = new Histogram({
    name: 'hangar_upstream_call_duration_seconds',
    help: 'How long each call to a provider API took',
    labelNames: ['provider', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  })
  const subscriptions = new Gauge({
    name: 'hangar_subscriptions_open',
    help: 'GraphQL subscriptions open now, by transport',
    labelNames: ['transport'] as const,
    registers: [registry],
  })
  const takeovers = new Counter({
    name: 'hangar_job_lease_takeovers_total',
    help: 'Jobs this gateway took over from another gateway whose lease expired (killed, frozen or cut off), by kind',
    labelNames: ['kind'] as const,
    registers: [registry],
  })
  const responseCache = new Counter({
    name: 'hangar_response_cache_total',
    help:
      'GraphQL requests posted as JSON, by what the response cache did: hit (answered from memory), ' +
      'joined (answered with the same answer another request was computing), ' +
      'miss (a cacheable read computed), pass (not cacheable)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  })
  let jobSource: (() => Promise<JobCounts>) | undefined
  new Gauge({
    name: 'hangar_jobs',
    help: 'Long work (operations, deployments) by state, as stored',
    labelNames: ['kind', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset()
      if (!jobSource) return
      for (const { kind, state, count } of await jobSource()) this.set({ kind, state }, count)
    },
  })

  return {
    registry,
    upstream(provider) {
      return {
        observe({ method, status, outcome, seconds }) {
          upstreamCalls.inc({ provider, method, outcome, status: status === undefined ? 'none' : String(status) })
          upstreamSeconds.observe({ provider, outcome }, seconds)
        },
      }
    },
    subscriptionStarted(transport) {
      subscriptions.inc({ transport })
      let ended = false
      return () => {
        if (ended) return
        ended = true
        subscriptions.dec({ transport })
      }
    },
    countJobsWith(source) {
      jobSource = source
    },
    countTakeover(kind) {
      takeovers.inc({ kind })
    },
    countResponseCache(outcome) {
      responseCache.inc({ outcome })
    },
  }
}
