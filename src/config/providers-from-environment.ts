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
  },
  kamatera: {
    apiKey: 'KAMATERA_API_KEY',
    clientId: 'KAMATERA_CLIENT_ID',
    secret: 'KAMATERA_SECRET',
    url: 'KAMATERA_API_URL',
  },
} as const

const BOOLEAN_OPTIONS = new Set(['insecureTls'])

/** `1/true/yes/on` and `0/false/no/off`; anything else is passed on for the plugin to refuse. */
function parseBooleanVariable(value: string): boolean | string {
  const normal = value.trim().toLowerCase()
  if (['1', 'true', 'yes', 'on'].includes(normal)) return true
  if (['0', 'false', 'no', 'off', ''].includes(normal)) return false
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
      options[key] = BOOLEAN_OPTIONS.has(key) ? parseBooleanVariable(value) : value
    }
    // KAMATERA_API_URL alone only points somewhere; it does not declare a provider.
    const declaring = Object.keys(options).filter((key) => !(plugin === 'kamatera' && key === 'url'))
    if (declaring.length > 0) found.push({ entry: { name: plugin, plugin, options }, names })
  }
  return found
}
