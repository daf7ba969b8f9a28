import { hostname } from 'node:os'
import { readFile } from 'node:fs/promises'
import { describeIssues } from '../provider-kit/standard-schema.js'
import { configFileSchema, gatewayEnvSchema, providerNameSchema, type ProviderEntry } from './config-schema.js'
import { providersFromEnvironment } from './providers-from-environment.js'

export { describeIssues }

/** Everything `hangar serve` needs to start, validated. */
export interface HangarConfig {
  host: string
  port: number
  databaseUrl: string
  cacheTtlMs: number
  /** Mutations per minute per token; 0: no limit. */
  mutationRateLimit: number
  maxBodyBytes: number
  /** Browser origins allowed by CORS; empty: CORS closed. */
  corsOrigins: string[]
  /** Introspection and GraphiQL; off by default when NODE_ENV=production. */
  introspection: boolean
  /** NODE_ENV=production: no field suggestions, no introspection unless asked for. */
  production: boolean
  /** Names this gateway in logs (HANGAR_INSTANCE_ID; host name and pid by default). */
  instanceId: string
  /** The Redis several gateways share (REDIS_URL), if any. */
  redisUrl?: string
  /** How long a job lease lasts unrenewed (HANGAR_JOB_LEASE_MS). */
  jobLeaseMs: number
  /** How long a deployed app has to answer its health check (HANGAR_HEALTH_TIMEOUT_MS). */
  healthTimeoutMs: number
  /** The known_hosts lines of HANGAR_GIT_KNOWN_HOSTS, when set. */
  gitKnownHosts?: string
  /** HANGAR_SECRET_KEY as given (checked when the gateway opens its database); never logged. */
  secretKey?: string
  /** Provider instances; empty means "run the demo". */
  providers: ProviderEntry[]
  /** Where each provider's options came from, to name the right field in error messages. */
  sources: Record<string, ConfigSource>
}

/** Where a provider entry was declared. */
export type ConfigSource =
  | { kind: 'file'; path: string; index: number }
  | { kind: 'env'; names: Record<string, string> }

/** A configuration the gateway cannot start with; the message names the field. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ConfigError'
  }
}

/**
 * Reads the environment and the optional `HANGAR_CONFIG` file. Throws {@link ConfigError} with one
 * clear message; never echoes a value, so a secret in a wrong place is never printed.
 */
export async function loadConfig(env: NodeJS.ProcessEnv = process.env): Promise<HangarConfig> {
  const parsed = gatewayEnvSchema.safeParse(env)
  if (!parsed.success) {
    throw new ConfigError(describeIssues(parsed.error, (path) => String(path[0])))
  }
  const gateway = parsed.data
  const providers: ProviderEntry[] = []
  const sources: Record<string, ConfigSource> = {}

  if (gateway.HANGAR_CONFIG) {
    const path = gateway.HANGAR_CONFIG
    let text: string
    try {
      text = await readFile(path, 'utf8')
    } catch {
      throw new ConfigError(`HANGAR_CONFIG: cannot read the file ${path}`)
    }
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch (error) {
      throw new ConfigError(`HANGAR_CONFIG: ${path} is not valid JSON (${(error as Error).message})`)
    }
    const file = configFileSchema.safeParse(json)
    if (!file.success) {
      throw new ConfigError(
        `HANGAR_CONFIG (${path}): ${describeIssues(file.error, (p) => p.map(String).join('.') || '(root)')}`,
      )
    }
    file.data.providers.forEach((entry, index) => {
      providers.push(entry)
      sources[entry.name] = { kind: 'file', path, index }
    })
  }

  for (const { entry, names } of providersFromEnvironment(env)) {
    providerNameSchema.parse(entry.name)
    providers.push(entry)
    sources[entry.name] = { kind: 'env', names }
  }

  const seen = new Set<string>()
  for (const entry of providers) {
    if (seen.has(entry.name)) {
      throw new ConfigError(
        `providers: the name "${entry.name}" is used twice; every provider instance needs its own name`,
      )
    }
    seen.add(entry.name)
  }

  return {
    host: gateway.HANGAR_HOST,
    port: gateway.HANGAR_PORT,
    databaseUrl: gateway.DATABASE_URL,
    cacheTtlMs: gateway.HANGAR_CACHE_TTL_MS,
    mutationRateLimit: gateway.HANGAR_MUTATION_RATE_LIMIT,
    maxBodyBytes: gateway.HANGAR_MAX_BODY_BYTES,
    corsOrigins: gateway.HANGAR_CORS_ORIGINS.split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    introspection:
      gateway.HANGAR_INTROSPECTION === undefined
        ? gateway.NODE_ENV !== 'production'
        : ['1', 'true'].includes(gateway.HANGAR_INTROSPECTION),
    production: gateway.NODE_ENV === 'production',
    instanceId: gateway.HANGAR_INSTANCE_ID ?? `${hostname()}:${process.pid}`,
    redisUrl: gateway.REDIS_URL,
    jobLeaseMs: gateway.HANGAR_JOB_LEASE_MS,
    secretKey: gateway.HANGAR_SECRET_KEY,
    gitKnownHosts:
      gateway.HANGAR_GIT_KNOWN_HOSTS === undefined ? undefined : await readKnownHosts(gateway.HANGAR_GIT_KNOWN_HOSTS),
    healthTimeoutMs: gateway.HANGAR_HEALTH_TIMEOUT_MS,
    providers,
    sources,
  }
}

/** A known_hosts file: at least one `host keytype base64` line (comments and blank lines allowed). */
async function readKnownHosts(path: string): Promise<string> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    throw new ConfigError(`HANGAR_GIT_KNOWN_HOSTS: cannot read ${path}: ${(error as Error).message}`)
  }
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
  if (
    lines.length === 0 ||
    lines.some(
      (line) => !/^\S+ (ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)|sk-\S+) [A-Za-z0-9+/]+=*( .*)?$/.test(line),
    )
  ) {
    throw new ConfigError(
      `HANGAR_GIT_KNOWN_HOSTS: ${path} is not a known_hosts file (lines of "host keytype base64-key")`,
    )
  }
  return lines.join('\n')
}

/** Names an option of a provider for an error message: the env variable, or the file path. */
export function optionFieldName(source: ConfigSource | undefined, providerName: string, path: PropertyKey[]): string {
  const key = path.map(String).join('.')
  if (source?.kind === 'env') return source.names[String(path[0])] ?? key
  if (source?.kind === 'file') return `providers[${source.index}].options.${key || '(root)'}`
  return `${providerName}.${key}`
}
