import { isLoopbackHost } from './auth/authenticate.js'
import { ConfigError, loadConfig, type HangarConfig } from './config/load-config.js'
import { claimDatabase } from './db/gateway-mode.js'
import { openDatabase, redactDatabaseUrl } from './db/open-database.js'
import { parseDatabaseUrl } from './db/database-url.js'
import { loadSecretBox, type SecretKeyNotice } from './secrets/load-secret-key.js'
import type { DemoUpstreams } from './demo/start-demo-upstreams.js'
import { createHangar, type Hangar } from './hangar.js'
import type { Logger } from './logger.js'
import { createHangarMetrics } from './metrics/hangar-metrics.js'
import { createRedisEventBus } from './events/redis-event-bus.js'
import { openRedis } from './redis/open-redis.js'
import { createProviders } from './providers/registry.js'
import { GRAPHQL_PATH, startGateway } from './server/create-gateway.js'
import { BUILD_COMMAND } from './server/serve-dashboard.js'

/** Options of {@link startHangar}. */
export interface StartHangarOptions {
  env?: NodeJS.ProcessEnv
  logger: Logger
}

/** A running gateway, as `hangar serve` and the integration tests use it. */
export interface RunningHangar {
  /** `http://host:port` */
  url: string
  mode: 'demo' | 'configured'
  hangar: Hangar
  config: HangarConfig
  /** The simulators of demo mode. */
  demo?: DemoUpstreams
  close(): Promise<void>
}

/**
 * Validates the configuration (throwing `ConfigError` before anything listens), opens the
 * database, builds the providers (or, with none configured, starts the demo simulators and points
 * the real plugins at them) and starts serving.
 */
export async function startHangar({
  env = process.env,
  logger: rootLogger,
}: StartHangarOptions): Promise<RunningHangar> {
  const loaded = await loadConfig(env)
  // Every line says which gateway wrote it: with several of them, the logs are read side by side.
  const logger = rootLogger.child({ instance: loaded.instanceId })
  // The simulators are only loaded when they are needed.
  const demo =
    loaded.providers.length === 0
      ? await (await import('./demo/start-demo-upstreams.js')).startDemoUpstreams()
      : undefined
  const config: HangarConfig = demo ? { ...loaded, providers: demo.providers, sources: demo.sources } : loaded
  const cleanups: (() => Promise<void>)[] = []
  try {
    const metrics = createHangarMetrics()
    const providers = await createProviders(config, logger, metrics)
    cleanups.push(async () => {
      await Promise.allSettled(providers.map((provider) => provider.close?.()))
    })
    const database = await openDatabase(config.databaseUrl)
    cleanups.push(() => database.close())
    await claimDatabase(database, demo ? 'demo' : 'configured', redactDatabaseUrl(config.databaseUrl), logger)
    // Before anything is served: a key that does not open this database's secrets stops the start.
    const secretNotices: SecretKeyNotice[] = []
    const secrets = await loadSecretBox({
      configured: config.secretKey,
      target: parseDatabaseUrl(config.databaseUrl),
      db: database.db,
      notices: secretNotices,
    })
    const loopbackOnly = isLoopbackHost(config.host)
    // Connected in the background: start-up never waits on it (GET /ready says when it answers).
    const redis = config.redisUrl ? openRedis(config.redisUrl, logger) : undefined
    if (redis) cleanups.push(() => redis.close())
    const bus = redis ? createRedisEventBus({ redis, instanceId: config.instanceId, logger }) : undefined
    const hangar = await createHangar({
      providers,
      database,
      logger,
      cacheTtlMs: config.cacheTtlMs,
      loopbackOnly,
      metrics,
      redis,
      bus,
      instanceId: config.instanceId,
      jobLeaseMs: config.jobLeaseMs,
      secrets,
      deploymentTimeouts: { healthMs: config.healthTimeoutMs },
      gitKnownHosts: config.gitKnownHosts,
    })
    const sealed = await hangar.deployments.store.sealStoredKeys()
    if (sealed > 0)
      logger.info({ sealed }, `sealed ${sealed} deployment SSH private key(s) stored in clear by an earlier version`)
    cleanups.unshift(() => hangar.close())
    const secured = await hangar.tokens.hasActiveTokens()
    if (!secured && !loopbackOnly) {
      throw new ConfigError(
        `HANGAR_HOST: ${config.host} is reachable from other machines, and no API token exists, ` +
          'so anyone could act on your servers; ' +
          'create one first (`hangar token create --role admin --name <you>`), or listen on 127.0.0.1',
      )
    }
    const gateway = await startGateway({
      hangar,
      host: config.host,
      port: config.port,
      mutationRateLimit: config.mutationRateLimit,
      maxBodyBytes: config.maxBodyBytes,
      corsOrigins: config.corsOrigins,
      introspection: config.introspection,
      production: config.production,
    })
    cleanups.unshift(() => gateway.close())

    const where = `dashboard at ${gateway.url}/, GraphiQL at ${gateway.url}${GRAPHQL_PATH}`
    if (demo) {
      logger.info(
        { mode: 'demo', url: gateway.url, upstreams: demo.describe() },
        `Hangar demo mode (no provider configured): ${where}; ${demo.summary()}`,
      )
    } else {
      logger.info(
        { mode: 'configured', url: gateway.url, providers: providers.map((provider) => provider.name) },
        `Hangar serving ${providers.length} provider(s): ${where}`,
      )
    }
    // After the first line, which says where the gateway listens.
    if (!gateway.dashboardBuilt) {
      logger.warn(
        { dashboard: 'not built' },
        `the web dashboard is not built, so / answers 503: run \`${BUILD_COMMAND}\` (npm install runs it), then reload`,
      )
    }
    // Listening first, then recovery in the background: start-up never waits on an upstream.
    const recovered = await hangar.recover()
    if (recovered.operations + recovered.deployments + recovered.interruptedDeployments > 0) {
      logger.info(
        recovered,
        `took up what the previous run left unfinished: ${recovered.operations} operation(s) followed again, ` +
          `${recovered.deployments} deployment(s) resumed, ` +
          `${recovered.interruptedDeployments} interrupted while provisioning ` +
          "(what they made is looked for and removed; each one's log says what was found)",
      )
    }
    if (!secured) {
      logger.warn(
        { auth: 'open' },
        'no API token exists: anyone on this machine can use the gateway, which therefore listens on loopback only; ' +
          '`hangar token create --role admin --name <you>` turns authentication on',
      )
    }
    for (const notice of secretNotices) logger[notice.level](notice.fields, notice.message)
    logger.debug({ database: redactDatabaseUrl(config.databaseUrl) }, 'database ready')

    let closing: Promise<void> | undefined
    return {
      url: gateway.url,
      mode: demo ? 'demo' : 'configured',
      hangar,
      config,
      demo,
      close() {
        closing ??= (async () => {
          for (const cleanup of cleanups) await cleanup()
          await demo?.close()
        })()
        return closing
      },
    }
  } catch (error) {
    for (const cleanup of cleanups) await cleanup().catch(() => {})
    await demo?.close()
    throw error
  }
}
