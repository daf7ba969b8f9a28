import { z } from 'zod'

/** Instance names prefix server ids (`<name>:<native id>`), so they must not hold a colon. */
export const providerNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/, 'must be letters, digits, "-" or "_" (no ":"), at most 63 characters')

/** One provider instance as the config file lists it; `options` is checked by the plugin. */
export const providerEntrySchema = z.object({
  name: providerNameSchema,
  /** A built-in plugin name (`proxmox`) or a package specifier to import. */
  plugin: z.string().min(1),
  options: z.record(z.string(), z.unknown()).default({}),
})
export type ProviderEntry = z.infer<typeof providerEntrySchema>

/** The optional JSON file named by `HANGAR_CONFIG`. */
export const configFileSchema = z
  .object({
    providers: z.array(providerEntrySchema).default([]),
  })
  .strict()

const port = z.coerce.number().int().min(0).max(65535)
const positiveMs = z.coerce.number().int().min(0)

/** The variables of CONTRACT.md that are about the gateway itself (provider ones are read per plugin). */
export const gatewayEnvSchema = z.object({
  HANGAR_HOST: z.string().min(1).default('127.0.0.1'),
  HANGAR_PORT: port.default(4000),
  DATABASE_URL: z.string().min(1).default('sqlite:./data/hangar.db'),
  HANGAR_CONFIG: z.string().min(1).optional(),
  /** How long the gateway may answer server lists from its cache; 0 turns the cache off. */
  HANGAR_CACHE_TTL_MS: positiveMs.default(2000),
  /** Mutations one token may run per minute; 0 turns the limit off. */
  HANGAR_MUTATION_RATE_LIMIT: z.coerce.number().int().min(0).default(60),
  /** Largest request body accepted, in bytes. */
  HANGAR_MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(1_000_000),
  /** Origins a browser may call the API from (comma-separated); none by default: CORS closed. */
  HANGAR_CORS_ORIGINS: z.string().default(''),
  /** `1` keeps introspection (and GraphiQL) on when NODE_ENV=production. */
  HANGAR_INTROSPECTION: z.enum(['0', '1', 'true', 'false']).optional(),
  /** The Redis several gateways share: `redis://[:password@]host:port[/db]` or `rediss://`. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/\S+$/, 'a redis:// or rediss:// URL')
    .optional(),
  /** Names this gateway in its log lines (and, with several gateways, in job leases); host name and pid by default. */
  HANGAR_INSTANCE_ID: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{1,64}$/, 'letters, digits, ".", "_", ":" or "-", at most 64')
    .optional(),
  /** How long a gateway holds a job without renewing its lease; past it another gateway takes the job over. */
  HANGAR_JOB_LEASE_MS: z.coerce.number().int().min(1_000).max(600_000).default(15_000),
  /** How long a deployed app has to answer its health check after its service starts. */
  HANGAR_HEALTH_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(120_000),
  /** A known_hosts file whose keys a private repository's server must present (GitHub's published keys by default). */
  HANGAR_GIT_KNOWN_HOSTS: z.string().min(1).optional(),
  /**
   * 32 bytes (hex or base64) that encrypt secrets at rest; generated beside the database when unset. Checked when the
   * gateway starts.
   */
  HANGAR_SECRET_KEY: z.string().optional(),
  NODE_ENV: z.string().optional(),
})
export type GatewayEnv = z.infer<typeof gatewayEnvSchema>
