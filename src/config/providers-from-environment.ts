import type { ProviderEntry } from './config-schema.js'

/** A provider declared through the seed tools' environment variables. */
export interface EnvironmentProvider {
  entry: ProviderEntry
  /** Option key → the variable it came from, so errors name `PROXMOX_URL` rather than `url`. */
  names: Record<string, string>
}

/** Option key → variable, per plugin, as CONTRACT.md lists them. */
const VARIABLES = {
  proxmox: {
    url: 'PROXMOX_URL',
    tokenId: 'PROXMOX_TOKEN_ID',
    tokenSecret: 'PROXMOX_TOKEN_SECRET',
    username: 'PROXMOX_USER',
    password: 'PROXMOX_PASSWORD',
    node: 'PROXMOX_NODE',
    insecureTls: 'PROXMOX_INSECURE_TLS',
    caFile: 'PROXMOX_CA_FILE',
    // Deployment guests: what they are made from, where they go and how they are reached.
    vmTemplate: 'PROXMOX_VM_TEMPLATE',
    lxcTemplate: 'PROXMOX_LXC_TEMPLATE',
    storage: 'PROXMOX_STORAGE',
    guestSshPort: 'PROXMOX_GUEST_SSH_PORT',
    provisionTimeoutMs: 'PROXMOX_PROVISION_TIMEOUT_MS',
    addressTimeoutMs: 'PROXMOX_ADDRESS_TIMEOUT_MS',
    addressRefreshMs: 'PROXMOX_ADDRESS_REFRESH_MS',
    // Timing of the API client.
    requestTimeoutMs: 'PROXMOX_REQUEST_TIMEOUT_MS',
    retryDeadlineMs: 'PROXMOX_RETRY_DEADLINE_MS',
    pollIntervalMs: 'PROXMOX_POLL_INTERVAL_MS',
    taskTimeoutMs: 'PROXMOX_TASK_TIMEOUT_MS',
    ticketRenewAfterMs: 'PROXMOX_TICKET_RENEW_AFTER_MS',
  },
  kamatera: {
    apiKey: 'KAMATERA_API_KEY',
    clientId: 'KAMATERA_CLIENT_ID',
    secret: 'KAMATERA_SECRET',
    url: 'KAMATERA_API_URL',
    // Deployment servers: where they go, what they run and how they are reached.
    guestDatacenter: 'KAMATERA_GUEST_DATACENTER',
    guestImage: 'KAMATERA_GUEST_IMAGE',
    guestSshPort: 'KAMATERA_GUEST_SSH_PORT',
  },
} as const

const BOOLEAN_OPTIONS = new Set(['insecureTls'])
/** Options the config file takes as numbers (`vmTemplate` as a vmid; a name stays a string). */
const NUMBER_OPTIONS = new Set([
  'guestSshPort',
  'vmTemplate',
  'provisionTimeoutMs',
  'addressTimeoutMs',
  'addressRefreshMs',
  'requestTimeoutMs',
  'retryDeadlineMs',
  'pollIntervalMs',
  'taskTimeoutMs',
  'ticketRenewAfterMs',
])

/** `1/true/yes/on` and `0/false/no/off`; anything else is passed on for the plugin to refuse. */
function parseBooleanVariable(value: string): boolean | string {
  const normal = value.trim().toLowerCase()
  if (['1', 'true', 'yes', 'on'].includes(normal)) return true
  if (['0', 'false', 'no', 'off', ''].includes(normal)) return false
  return value
}

/**
 * A decimal number as a number; anything else (`0x10`, `2e3`, `ssh`) is passed on as written, for
 * the plugin to refuse naming the variable, or to read as a name.
 */
function parseNumberVariable(value: string): number | string {
  const trimmed = value.trim()
  return /^-?\d+(?:\.\d+)?$/.test(trimmed) ? Number(trimmed) : value
}

/** A variable's value as its option takes it. */
function optionValue(key: string, value: string): unknown {
  if (BOOLEAN_OPTIONS.has(key)) return parseBooleanVariable(value)
  if (NUMBER_OPTIONS.has(key)) return parseNumberVariable(value)
  return value
}

/**
 * Builds one provider entry per plugin whose variables are set (any of them: a missing one is
 * then reported by the plugin's own option checks, naming the variable).
 */
export function providersFromEnvironment(env: NodeJS.ProcessEnv): EnvironmentProvider[] {
  const found: EnvironmentProvider[] = []
  for (const [plugin, variables] of Object.entries(VARIABLES)) {
    const options: Record<string, unknown> = {}
    const names: Record<string, string> = {}
    for (const [key, variable] of Object.entries(variables)) {
      names[key] = variable
      const value = env[variable]
      if (value === undefined || value === '') continue
      options[key] = optionValue(key, value)
    }
    // KAMATERA_API_URL alone only points somewhere; it does not declare a provider.
    const declaring = Object.keys(options).filter((key) => !(plugin === 'kamatera' && key === 'url'))
    if (declaring.length > 0) found.push({ entry: { name: plugin, plugin, options }, names })
  }
  return found
}
