import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { afterAll, describe, expect, it } from 'vitest'
import { ConfigError } from '../../src/config/load-config.js'
import { createLogger } from '../../src/logger.js'
import { startHangar } from '../../src/start-hangar.js'
import { sendOver } from '../support/graphql-client.js'
import { startStack } from '../support/start-stack.js'

const directory = mkdtempSync(join(tmpdir(), 'hangar-demo-db-'))
afterAll(() => rmSync(directory, { recursive: true, force: true }))

const ask = (url: string, query: string, variables?: Record<string, unknown>) =>
  sendOver('http', url, undefined, query, variables)
const deployLxc = (url: string) =>
  ask(url, 'mutation ($input: CreateDeploymentInput!) { createDeployment(input: $input) { id } }', {
    input: {
      type: 'LXC',
      framework: 'nodejs',
      githubUrl: 'https://github.com/acme/shop.git',
      cpu: 1,
      memory: 512,
      disk: 8,
    },
  })

function capture() {
  const lines: string[] = []
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(String(chunk))
      callback()
    },
  })
  return { lines, logger: createLogger({ level: 'info', destination }) }
}

describe('the demo database and its simulators', () => {
  it("starts both afresh: a previous demo's deployments are cleared, its API tokens kept", async () => {
    const env = { HANGAR_PORT: '0', DATABASE_URL: `sqlite:${join(directory, 'demo.db')}` }
    const first = await startHangar({ env, logger: createLogger({ level: 'silent' }) })
    expect((await deployLxc(first.url)).errors).toBeUndefined()
    await first.hangar.tokens.create({ name: 'kept', role: 'admin' })
    await first.close()

    const { lines, logger } = capture()
    const second = await startHangar({ env, logger })
    try {
      expect(second.mode).toBe('demo')
      expect(await second.hangar.deployments.store.counts()).toMatchObject({
        PENDING: 0,
        CREATING: 0,
        RUNNING: 0,
        FAILED: 0,
      })
      expect(await second.hangar.tokens.hasActiveTokens()).toBe(true)
      expect(lines.join('')).toContain("demo mode: the simulators start afresh, so the previous demo's 1 deployment(s)")
    } finally {
      await second.close()
    }
  }, 60_000)

  it('refuses to run the demo on a database a configured ' +
    'gateway keeps its deployments in, and changes nothing', async () => {
    const stack = await startStack()
    expect((await deployLxc(stack.url)).errors).toBeUndefined()
    const databaseUrl = stack.env.DATABASE_URL!
    await stack.gateway.close()
    try {
      await expect(
        startHangar({
          env: { HANGAR_PORT: '0', DATABASE_URL: databaseUrl },
          logger: createLogger({ level: 'silent' }),
        }),
      ).rejects.toSatisfy(
        (error: unknown) =>
          error instanceof ConfigError && /^DATABASE_URL: .* holds 1 deployment\(s\)/.test(error.message),
      )
      const again = await startHangar({ env: stack.env, logger: createLogger({ level: 'silent' }) })
      const list = await ask(again.url, '{ deployments { totalCount } }')
      expect(list.data).toEqual({ deployments: { totalCount: 1 } })
      await again.close()
    } finally {
      await stack.close()
    }
  }, 60_000)
})
