import { hostname } from 'node:os'
import { createAuditStore, type AuditStore } from './audit/audit-store.js'
import { createAuthenticator, type Authenticate } from './auth/authenticate.js'
import { createTokenStore, type TokenStore } from './auth/token-store.js'
import type { Database } from './db/open-database.js'
import {
  createDeploymentEngine,
  type DeploymentEngine,
  type DeploymentTimeouts,
} from './deployments/deployment-engine.js'
import { createDeploymentLogWriter } from './deployments/deployment-log-writer.js'
import { createDeploymentStore, type DeploymentStore } from './deployments/deployment-store.js'
import { createReleaseStore, type ReleaseStore } from './deployments/release-store.js'
import { createWebhookStore, type WebhookStore } from './webhooks/webhook-store.js'
import { createDeploymentEvents, type DeploymentEvents } from './events/deployment-events.js'
import { createOperationStore } from './db/operation-store.js'
import { createLocalEventBus, type EventBus } from './events/event-bus.js'
import { createOperationEvents, type OperationEvents } from './events/operation-events.js'
import type { Logger } from './logger.js'
import { countJobs } from './metrics/count-jobs.js'
import { createHangarMetrics, type HangarMetrics } from './metrics/hangar-metrics.js'
import { createJobLeases, type JobLeases } from './jobs/job-leases.js'
import { createJobStore } from './jobs/job-store.js'
import { createOperationService, type OperationService } from './operations/operation-service.js'
import type { Provider } from './providers/contract.js'
import { createProviderStatus, type ProviderStatus } from './providers/provider-status.js'
import { createServerDirectory, type ServerDirectory } from './providers/server-directory.js'
import { shareInvalidations } from './providers/shared-invalidation.js'
import type { SharedRedis } from './redis/open-redis.js'
import type { SecretBox } from './secrets/secret-box.js'
import { checkReadiness, type Readiness } from './server/readiness.js'

/** The core every surface (GraphQL, REST shim, CLI) works through. */
export interface Hangar {
  providers: readonly Provider[]
  directory: ServerDirectory
  operations: OperationService
  events: OperationEvents
  providerStatus: ProviderStatus
  tokens: TokenStore
  audit: AuditStore
  deployments: {
    store: DeploymentStore
    releases: ReleaseStore
    webhooks: WebhookStore
    engine: DeploymentEngine
    events: DeploymentEvents
  }
  /**
   * Takes up what a previous run left unfinished (operations followed again, deployments resumed
   * or cleaned up) and starts checking the deployments' guests against their providers. Only
   * schedules the work and answers what it scheduled: it never waits on an upstream.
   */
  recover(): Promise<Recovered>
  /** Who a request is, from its Authorization value. */
  authenticate: Authenticate
  /** Whether the gateway can serve now: the database answers (`GET /ready`). */
  ready(): Promise<Readiness>
  /** The Prometheus registry and what feeds it (`GET /metrics`). */
  metrics: HangarMetrics
  /** The Redis several gateways share (`REDIS_URL`), when configured. */
  redis?: SharedRedis
  /** This gateway's job leases. */
  leases: JobLeases
  logger: Logger
  /** Stops taking jobs, hands its leases back, and closes. */
  close(): Promise<void>
}

/** What {@link Hangar.recover} took up. */
export interface Recovered {
  /** Operations followed again. */
  operations: number
  /** Deployments resumed where they were. */
  deployments: number
  /** Deployments caught mid-provisioning: what they made is looked for and removed. */
  interruptedDeployments: number
}

/** Options of {@link createHangar}. */
export interface HangarOptions {
  providers: readonly Provider[]
  database: Database
  logger: Logger
  /** How long server lists may be answered from memory. */
  cacheTtlMs: number
  /** The gateway listens on loopback only, where it may run without tokens. */
  loopbackOnly: boolean
  /** Deployment step timeouts (tests shorten them). */
  deploymentTimeouts?: Partial<DeploymentTimeouts>
  /** How often the deployments' guests are checked against their providers; 0: only at start. */
  guestCheckIntervalMs?: number
  /** The metrics the providers already report to; new ones when left out. */
  metrics?: HangarMetrics
  /** The Redis several gateways share (`REDIS_URL`), when configured. */
  redis?: SharedRedis
  /** Where events go: between gateways with Redis; in process when left out. */
  bus?: EventBus
  /** Names this gateway in job leases (`HANGAR_INSTANCE_ID`); host name and pid by default. */
  instanceId?: string
  /** How long a job lease lasts unrenewed (`HANGAR_JOB_LEASE_MS`, 15 s by default). */
  jobLeaseMs?: number
  /** The known_hosts lines private repositories are fetched against (GitHub's published keys by default). */
  gitKnownHosts?: string
  /** Seals the secrets kept at rest (deployment secrets, SSH private keys); see `loadSecretBox`. */
  secrets: SecretBox
}

/** Wires the core together; {@link Hangar.recover} then takes up what a previous run left. */
export async function createHangar({
  providers,
  database,
  logger,
  cacheTtlMs,
  loopbackOnly,
  deploymentTimeouts,
  guestCheckIntervalMs = 60_000,
  metrics = createHangarMetrics(),
  redis,
  bus = createLocalEventBus(),
  instanceId = `${hostname()}:${process.pid}`,
  jobLeaseMs = 15_000,
  secrets,
  gitKnownHosts,
}: HangarOptions): Promise<Hangar> {
  const listening = new AbortController()
  const directory = shareInvalidations(createServerDirectory({ providers, cacheTtlMs, logger }), bus, listening.signal)
  const events = createOperationEvents(bus)
  const jobs = createJobStore(database.db, database.dialect)
  const leases = createJobLeases({
    store: jobs,
    instanceId,
    leaseMs: jobLeaseMs,
    alone: database.dialect === 'sqlite',
    logger,
    bus,
    onTakeOver: (kind) => metrics.countTakeover(kind),
  })
  const operations = createOperationService({
    store: createOperationStore(database.db),
    events,
    directory,
    logger,
    jobs,
    leases,
    providers,
  })
  const tokens = createTokenStore(database.db, { onChange: () => authenticate.forget() })
  const authenticate = createAuthenticator({ tokens, loopbackOnly })
  const deploymentStore = createDeploymentStore(database.db, secrets)
  const releases = createReleaseStore(database.db)
  const deploymentEvents = createDeploymentEvents(bus)
  const deploymentLogs = createDeploymentLogWriter({ store: deploymentStore, events: deploymentEvents, logger })
  const engine = createDeploymentEngine({
    providers,
    store: deploymentStore,
    releases,
    events: deploymentEvents,
    logs: deploymentLogs,
    logger,
    timeouts: deploymentTimeouts,
    jobs,
    leases,
    gitKnownHosts,
  })
  metrics.countJobsWith(() => countJobs(database.db))
  return {
    providers,
    directory,
    operations,
    events,
    providerStatus: createProviderStatus(providers),
    tokens,
    audit: createAuditStore(database.db),
    deployments: {
      store: deploymentStore,
      releases,
      webhooks: createWebhookStore(database.db, secrets),
      engine,
      events: deploymentEvents,
    },
    async recover() {
      // The first claim takes what nobody holds; the handlers only schedule, never wait upstream.
      await leases.start()
      const { resumed: deployments, interrupted } = engine.takenOver()
      engine.watchGuests(guestCheckIntervalMs)
      return { operations: operations.takenOver(), deployments, interruptedDeployments: interrupted }
    },
    authenticate,
    ready: () => checkReadiness(database.db, redis),
    metrics,
    redis,
    leases,
    logger,
    async close() {
      await leases.close(async () => {
        await engine.close()
        await operations.close()
      })
      listening.abort()
      await bus.close()
      await Promise.allSettled(providers.map((provider) => provider.close?.()))
    },
  }
}
