import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createProxmoxSimulator, type ProxmoxSimulator } from '../../plugins/proxmox/simulator/index.js'
import { createTokenStore } from '../../src/auth/token-store.js'
import { ConfigError } from '../../src/config/load-config.js'
import { openDatabase } from '../../src/db/open-database.js'
import { createLogger } from '../../src/logger.js'
import { startHangar, type RunningHangar } from '../../src/start-hangar.js'
import { sendOver } from '../support/graphql-client.js'

const run = promisify(execFile)
const root = new URL('../..', import.meta.url).pathname

let simulator: ProxmoxSimulator
let directory: string
let env: Record<string, string>
let running: RunningHangar | undefined

beforeAll(async () => {
  simulator = await createProxmoxSimulator({ tls: false, taskDurationMs: 200 })
  directory = await mkdtemp(join(tmpdir(), 'hangar-auth-'))
  env = {
    HANGAR_PORT: '0',
    DATABASE_URL: `sqlite:${join(directory, 'hangar.db')}`,
    PROXMOX_URL: simulator.url,
    PROXMOX_TOKEN_ID: simulator.tokenId,
    PROXMOX_TOKEN_SECRET: simulator.tokenSecret,
  }
})
afterEach(async () => {
  await running?.close()
  running = undefined
})
afterAll(async () => {
  await simulator?.close()
  await rm(directory, { recursive: true, force: true })
})

/** The CLI on the same database, as a person would run it. */
async function hangar(...args: string[]) {
  const { stdout } = await run('node', ['bin/hangar.js', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    timeout: 20_000,
  })
  return stdout
}

describe('safe defaults', () => {
  it('without any token, listens on loopback only, open, and says so', async () => {
    const lines: string[] = []
    const logger = createLogger({ level: 'info', destination: { write: (line: string) => void lines.push(line) } })
    running = await startHangar({ env, logger })
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:/)
    expect(JSON.parse(lines[0]!).mode).toBe('configured')
    expect(JSON.parse(lines[1]!).msg).toMatch(
      /no API token exists: anyone on this machine can use the gateway, which therefore listens on loopback only/,
    )
    const answer = await sendOver(
      'http',
      running.url,
      undefined,
      'mutation { stopServer(id: "proxmox:qemu/4242") { id } }',
    )
    expect(answer.errors?.[0]?.extensions?.code).toBe('NOT_FOUND')
  })

  it('closes the open mode once a token exists, also when another process (the CLI) made it', async () => {
    const fresh = { ...env, DATABASE_URL: `sqlite:${join(directory, 'closing.db')}` }
    running = await startHangar({ env: fresh, logger: createLogger({ level: 'silent' }) })
    expect((await sendOver('http', running.url, undefined, '{ providers { name } }')).data).toBeTruthy()
    await run('node', ['bin/hangar.js', 'token', 'create', '--role', 'viewer', '--name', 'closer'], {
      cwd: root,
      env: { ...process.env, ...fresh },
      timeout: 20_000,
    })
    // Asked again after the one second the open mode's answer may be remembered for.
    await new Promise((resolve) => setTimeout(resolve, 1_100))
    expect((await sendOver('http', running.url, undefined, '{ providers { name } }')).status).toBe(401)
  })

  it('refuses to start on a public address without a token, naming HANGAR_HOST, before listening', async () => {
    const error = await startHangar({
      env: { ...env, HANGAR_HOST: '0.0.0.0' },
      logger: createLogger({ level: 'silent' }),
    }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as Error).message).toMatch(
      /^HANGAR_HOST: 0\.0\.0\.0 is reachable from other machines, and no API token exists/,
    )
    const cli = await run('node', ['bin/hangar.js', 'serve'], {
      cwd: root,
      env: { ...process.env, ...env, HANGAR_HOST: '0.0.0.0' },
      timeout: 20_000,
    }).catch((caught: { code: number; stderr: string }) => caught)
    expect((cli as { code: number }).code).toBe(2)
    expect((cli as { stderr: string }).stderr).toContain('hangar token create --role admin')
  })

  it(
    'starts on a public address once an admin token exists ' +
      '(made with the CLI), and then asks every request for it',
    async () => {
      const created = JSON.parse(
        await hangar('token', 'create', '--role', 'admin', '--name', 'first-admin', '--json'),
      ) as { id: string; token: string; role: string; expiresAt: null }
      expect(created).toMatchObject({ name: 'first-admin', role: 'admin', expiresAt: null })
      expect(created.token).toMatch(/^hgr_/)
      running = await startHangar({
        env: { ...env, HANGAR_HOST: '0.0.0.0' },
        logger: createLogger({ level: 'silent' }),
      })
      const url = running.url.replace('0.0.0.0', '127.0.0.1')
      expect((await sendOver('http', url, undefined, '{ providers { name } }')).status).toBe(401)
      expect((await sendOver('http', url, created.token, '{ providers { name } }')).data).toBeTruthy()

      const listed = JSON.parse(await hangar('token', 'list', '--json')) as { id: string; name: string }[]
      expect(listed.map((token) => token.name)).toContain('first-admin')
      expect(JSON.stringify(listed)).not.toContain(created.token)

      // Revoked from another process: refused on the very next request.
      await hangar('token', 'revoke', created.id)
      expect((await sendOver('http', url, created.token, '{ providers { name } }')).status).toBe(401)

      const audit = JSON.parse(await hangar('audit', '--json')) as { action: string; source: string }[]
      expect(audit.map((entry) => `${entry.source}:${entry.action}`)).toEqual(
        expect.arrayContaining(['cli:createApiToken', 'cli:revokeApiToken']),
      )
    },
  )

  it('stores tokens only as hashes', async () => {
    const database = await openDatabase(env.DATABASE_URL!)
    try {
      const { token } = await createTokenStore(database.db).create({ name: 'hash-check', role: 'viewer' })
      const rows = await database.db.selectFrom('api_tokens').selectAll().execute()
      expect(JSON.stringify(rows)).not.toContain(token)
    } finally {
      await database.close()
    }
  })
})
