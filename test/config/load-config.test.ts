import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../src/config/load-config.js'
import { createLogger } from '../../src/logger.js'
import { createProviders } from '../../src/providers/registry.js'
import { proxmoxOptionsSchema } from '../../plugins/proxmox/options.js'

const logger = createLogger({ level: 'silent' })

const directories: string[] = []
afterAll(() => Promise.all(directories.map((directory) => rm(directory, { recursive: true, force: true }))))

async function configFile(content: unknown): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'hangar-config-'))
  directories.push(directory)
  const path = join(directory, 'hangar.json')
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content))
  return path
}

/** Loads the config and builds its providers, as `hangar serve` does before listening. */
async function prepare(env: NodeJS.ProcessEnv) {
  const config = await loadConfig(env)
  return { config, providers: await createProviders(config, logger) }
}

describe('configuration', () => {
  it('defaults to loopback, port 4000, SQLite under ./data and the demo', async () => {
    const config = await loadConfig({})
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 4000,
      databaseUrl: 'sqlite:./data/hangar.db',
      providers: [],
    })
  })

  it('reads the seed variables into a provider named after its plugin', async () => {
    const { providers } = await prepare({
      PROXMOX_URL: 'https://pve.example:8006',
      PROXMOX_TOKEN_ID: 'hangar@pve!gw',
      PROXMOX_TOKEN_SECRET: 's3cret',
      PROXMOX_INSECURE_TLS: '1',
    })
    expect(providers.map((provider) => [provider.name, provider.plugin])).toEqual([['proxmox', 'proxmox']])
  })

  it('reads every Proxmox provisioning option from its own variable, numbers as numbers', async () => {
    const { config, providers } = await prepare({
      PROXMOX_URL: 'https://pve.example:8006',
      PROXMOX_TOKEN_ID: 'hangar@pve!gw',
      PROXMOX_TOKEN_SECRET: 's3cret',
      PROXMOX_VM_TEMPLATE: '9000',
      PROXMOX_LXC_TEMPLATE: 'local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst',
      PROXMOX_STORAGE: 'local-lvm',
      PROXMOX_GUEST_SSH_PORT: '2222',
      PROXMOX_PROVISION_TIMEOUT_MS: '600000',
      PROXMOX_ADDRESS_TIMEOUT_MS: '120000',
      PROXMOX_REQUEST_TIMEOUT_MS: '5000',
      PROXMOX_RETRY_DEADLINE_MS: '0',
      PROXMOX_POLL_INTERVAL_MS: '250',
      PROXMOX_TASK_TIMEOUT_MS: '60000',
      PROXMOX_TICKET_RENEW_AFTER_MS: '1800000',
    })
    expect(providers.map((provider) => provider.name)).toEqual(['proxmox'])
    expect(proxmoxOptionsSchema.parse(config.providers[0]!.options)).toMatchObject({
      vmTemplate: 9000,
      lxcTemplate: 'local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst',
      storage: 'local-lvm',
      guestSshPort: 2222,
      provisionTimeoutMs: 600_000,
      addressTimeoutMs: 120_000,
      requestTimeoutMs: 5_000,
      retryDeadlineMs: 0,
      pollIntervalMs: 250,
      taskTimeoutMs: 60_000,
      ticketRenewAfterMs: 1_800_000,
    })
    const named = await loadConfig({
      PROXMOX_URL: 'https://pve.example:8006',
      PROXMOX_TOKEN_ID: 'hangar@pve!gw',
      PROXMOX_TOKEN_SECRET: 's3cret',
      PROXMOX_VM_TEMPLATE: 'debian-12-cloudinit',
    })
    expect(proxmoxOptionsSchema.parse(named.providers[0]!.options).vmTemplate).toBe('debian-12-cloudinit')
  })

  it('reads the Kamatera seed variables: the key pair, or the API key as CLIENT_ID:SECRET', async () => {
    const pair = await prepare({
      KAMATERA_CLIENT_ID: 'abc',
      KAMATERA_SECRET: 'def',
      KAMATERA_API_URL: 'http://127.0.0.1:9',
    })
    expect(pair.providers.map((provider) => [provider.name, provider.plugin])).toEqual([['kamatera', 'kamatera']])
    const key = await prepare({ KAMATERA_API_KEY: 'abc:def' })
    expect(key.providers.map((provider) => provider.name)).toEqual(['kamatera'])
    expect((await loadConfig({ KAMATERA_API_URL: 'http://127.0.0.1:9' })).providers).toEqual([])
  })

  it('lists several instances of one plugin from the HANGAR_CONFIG file', async () => {
    const path = await configFile({
      providers: [
        {
          name: 'pve-lab',
          plugin: 'proxmox',
          options: { url: 'https://lab:8006', tokenId: 'a@pve!b', tokenSecret: 'x' },
        },
        {
          name: 'pve-prod',
          plugin: 'proxmox',
          options: { url: 'https://prod:8006', username: 'root@pam', password: 'y' },
        },
      ],
    })
    const { providers } = await prepare({ HANGAR_CONFIG: path })
    expect(providers.map((provider) => provider.name)).toEqual(['pve-lab', 'pve-prod'])
  })

  it.each([
    [{ HANGAR_PORT: 'eighty' }, /^HANGAR_PORT:/],
    [{ HANGAR_PORT: '70000' }, /^HANGAR_PORT:/],
    [{ PROXMOX_URL: 'pve.example' }, /PROXMOX_URL: must be an http\(s\) URL/],
    [
      { PROXMOX_URL: 'https://pve:8006', PROXMOX_TOKEN_ID: 'no-realm', PROXMOX_TOKEN_SECRET: 'TOPSECRET' },
      /PROXMOX_TOKEN_ID: must look like user@realm!tokenname/,
    ],
    [{ PROXMOX_URL: 'https://pve:8006', PROXMOX_USER: 'root@pam' }, /PROXMOX_PASSWORD: required with username/],
    [
      {
        PROXMOX_URL: 'https://pve:8006',
        PROXMOX_TOKEN_ID: 'a@pve!b',
        PROXMOX_TOKEN_SECRET: 'x',
        PROXMOX_INSECURE_TLS: 'maybe',
      },
      /PROXMOX_INSECURE_TLS: must be true or false/,
    ],
    [
      {
        PROXMOX_URL: 'https://pve:8006',
        PROXMOX_TOKEN_ID: 'a@pve!b',
        PROXMOX_TOKEN_SECRET: 'TOPSECRET',
        PROXMOX_GUEST_SSH_PORT: 'ssh',
      },
      /PROXMOX_GUEST_SSH_PORT: must be a port number from 1 to 65535/,
    ],
    [
      {
        PROXMOX_URL: 'https://pve:8006',
        PROXMOX_TOKEN_ID: 'a@pve!b',
        PROXMOX_TOKEN_SECRET: 'TOPSECRET',
        PROXMOX_GUEST_SSH_PORT: '70000',
      },
      /PROXMOX_GUEST_SSH_PORT: must be a port number from 1 to 65535/,
    ],
    [
      {
        PROXMOX_URL: 'https://pve:8006',
        PROXMOX_TOKEN_ID: 'a@pve!b',
        PROXMOX_TOKEN_SECRET: 'TOPSECRET',
        PROXMOX_GUEST_SSH_PORT: '22.5',
      },
      /PROXMOX_GUEST_SSH_PORT: must be a port number from 1 to 65535/,
    ],
    [
      {
        PROXMOX_URL: 'https://pve:8006',
        PROXMOX_TOKEN_ID: 'a@pve!b',
        PROXMOX_TOKEN_SECRET: 'TOPSECRET',
        PROXMOX_VM_TEMPLATE: '0',
      },
      /PROXMOX_VM_TEMPLATE: must be a VM template's vmid \(9000\) or its name/,
    ],
    [
      {
        PROXMOX_URL: 'https://pve:8006',
        PROXMOX_TOKEN_ID: 'a@pve!b',
        PROXMOX_TOKEN_SECRET: 'TOPSECRET',
        PROXMOX_VM_TEMPLATE: 'two words',
      },
      /PROXMOX_VM_TEMPLATE: must be a VM template's vmid \(9000\) or its name/,
    ],
    [
      {
        PROXMOX_URL: 'https://pve:8006',
        PROXMOX_TOKEN_ID: 'a@pve!b',
        PROXMOX_TOKEN_SECRET: 'TOPSECRET',
        PROXMOX_LXC_TEMPLATE: 'debian-12.tar.zst',
      },
      /PROXMOX_LXC_TEMPLATE: must be a volume id such as local:vztmpl\//,
    ],
    [
      {
        PROXMOX_URL: 'https://pve:8006',
        PROXMOX_TOKEN_ID: 'a@pve!b',
        PROXMOX_TOKEN_SECRET: 'TOPSECRET',
        PROXMOX_STORAGE: 'local lvm',
      },
      /PROXMOX_STORAGE: must be a Proxmox storage id/,
    ],
    [
      {
        PROXMOX_URL: 'https://pve:8006',
        PROXMOX_TOKEN_ID: 'a@pve!b',
        PROXMOX_TOKEN_SECRET: 'TOPSECRET',
        PROXMOX_PROVISION_TIMEOUT_MS: '10m',
      },
      /PROXMOX_PROVISION_TIMEOUT_MS: must be a whole number of milliseconds, more than 0/,
    ],
    [
      {
        PROXMOX_URL: 'https://pve:8006',
        PROXMOX_TOKEN_ID: 'a@pve!b',
        PROXMOX_TOKEN_SECRET: 'TOPSECRET',
        PROXMOX_ADDRESS_TIMEOUT_MS: '0',
      },
      /PROXMOX_ADDRESS_TIMEOUT_MS: must be a whole number of milliseconds, more than 0/,
    ],
    [
      {
        PROXMOX_URL: 'https://pve:8006',
        PROXMOX_TOKEN_ID: 'a@pve!b',
        PROXMOX_TOKEN_SECRET: 'TOPSECRET',
        PROXMOX_POLL_INTERVAL_MS: '0x10',
      },
      /PROXMOX_POLL_INTERVAL_MS: must be a whole number of milliseconds, more than 0/,
    ],
    [
      {
        PROXMOX_URL: 'https://pve:8006',
        PROXMOX_TOKEN_ID: 'a@pve!b',
        PROXMOX_TOKEN_SECRET: 'TOPSECRET',
        PROXMOX_RETRY_DEADLINE_MS: '-1',
      },
      /PROXMOX_RETRY_DEADLINE_MS: must be a whole number of milliseconds/,
    ],
    [{ KAMATERA_API_KEY: 'TOPSECRET' }, /KAMATERA_API_KEY: must be the API key pair written as CLIENT_ID:SECRET/],
    [{ KAMATERA_CLIENT_ID: 'abc' }, /KAMATERA_SECRET: required with the client id/],
    [{ KAMATERA_SECRET: 'TOPSECRET' }, /KAMATERA_CLIENT_ID: required with the secret/],
    [{ KAMATERA_API_KEY: 'a:TOPSECRET', KAMATERA_API_URL: 'ftp://x' }, /KAMATERA_API_URL: must be an http\(s\) URL/],
  ])('refuses %o, naming the variable', async (env, message) => {
    const error = await prepare(env).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as Error).message).toMatch(message)
    expect((error as Error).message).not.toContain('TOPSECRET')
  })

  it.each([
    ['not json', /is not valid JSON/],
    [
      { providers: [{ name: 'lab', plugin: 'proxmox', options: { url: 'https://lab:8006' } }] },
      /providers\[0\]\.options\.tokenId: credentials are required/,
    ],
    [{ providers: [{ name: 'has:colon', plugin: 'proxmox' }] }, /providers\.0\.name: must be letters/],
    [
      { providers: [{ name: 'x', plugin: 'no-such-plugin-hangar' }] },
      /plugin "no-such-plugin-hangar" cannot be loaded: not installed/,
    ],
    [
      { providers: [{ name: 'x', plugin: '@acme/no-such-plugin-hangar/plugin' }] },
      /plugin "@acme\/no-such-plugin-hangar\/plugin" cannot be loaded: not installed/,
    ],
    [
      {
        providers: [
          { name: 'a', plugin: 'proxmox', options: { url: 'https://a', tokenId: 'a@b!c', tokenSecret: 'd' } },
          { name: 'a', plugin: 'proxmox', options: {} },
        ],
      },
      /the name "a" is used twice/,
    ],
    [{ provider: [] }, /Unrecognized key/],
    [
      {
        providers: [
          {
            name: 'lab',
            plugin: 'proxmox',
            options: { url: 'https://lab:8006', tokenId: 'a@b!c', tokenSecret: 'd', guestSshPort: '2222' },
          },
        ],
      },
      /providers\[0\]\.options\.guestSshPort: must be a port number from 1 to 65535/,
    ],
  ])('refuses a config file holding %o, naming the field', async (content, message) => {
    const path = await configFile(content)
    const error = await prepare({ HANGAR_CONFIG: path }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as Error).message).toMatch(message)
  })

  it('names HANGAR_CONFIG when the file cannot be read', async () => {
    await expect(loadConfig({ HANGAR_CONFIG: '/nonexistent/hangar.json' })).rejects.toThrow(
      /^HANGAR_CONFIG: cannot read/,
    )
  })
})
