import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLogger } from '../../src/logger.js'
import { startHangar, type RunningHangar } from '../../src/start-hangar.js'
import { codeOf, execute, sendOver } from '../support/graphql-client.js'
import { DestroyServer, Providers, ServersPage, StartServer } from './documents.js'

let running: RunningHangar
let directory: string
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'hangar-plugin-'))
  const configFile = join(directory, 'hangar.json')
  const specifier = new URL('../fixtures/read-only-plugin.ts', import.meta.url).href
  await writeFile(
    configFile,
    JSON.stringify({ providers: [{ name: 'static', plugin: specifier, options: { servers: ['alpha', 'beta'] } }] }),
  )
  running = await startHangar({
    env: { HANGAR_PORT: '0', HANGAR_CONFIG: configFile, DATABASE_URL: `sqlite:${join(directory, 'db.sqlite')}` },
    logger: createLogger({ level: 'silent' }),
  })
})
afterAll(async () => {
  await running?.close()
  await rm(directory, { recursive: true, force: true })
})

const ask = (query: string) => sendOver('http', running.url, undefined, query)

describe('a third-party plugin loaded by package specifier', () => {
  it("serves its servers next to the contract's fields", async () => {
    const answer = await execute(running.url, ServersPage, {})
    expect(answer.data!.servers.nodes.map((server) => server.id)).toEqual(['static:alpha', 'static:beta'])
    const providers = await execute(running.url, Providers)
    expect(providers.data!.providers).toEqual([
      { name: 'static', plugin: 'read-only', connected: true, error: null, capabilities: [] },
    ])
  })

  it('answers UNSUPPORTED for the capabilities it lacks, and the gateway goes on serving', async () => {
    const start = await execute(running.url, StartServer, { id: 'static:alpha' })
    expect(codeOf(start)).toBe('UNSUPPORTED')
    const destroy = await execute(running.url, DestroyServer, { id: 'static:alpha', confirm: 'alpha' })
    expect(codeOf(destroy)).toBe('UNSUPPORTED')
    expect((await execute(running.url, ServersPage, {})).data!.servers.totalCount).toBe(2)
  })

  it('answers UNSUPPORTED for snapshots, reading and acting', async () => {
    expect(codeOf(await ask('{ server(id: "static:alpha") { snapshots { name } } }'))).toBe('UNSUPPORTED')
    expect(codeOf(await ask('mutation { createSnapshot(id: "static:alpha", name: "nope") { id } }'))).toBe(
      'UNSUPPORTED',
    )
    expect(
      codeOf(await ask('mutation { rollbackSnapshot(id: "static:alpha", name: "nope", confirm: "nope") { id } }')),
    ).toBe('UNSUPPORTED')
    expect(codeOf(await ask('mutation { deleteSnapshot(id: "static:alpha", name: "nope") { id } }'))).toBe(
      'UNSUPPORTED',
    )
  })

  it('answers UNSUPPORTED for a catalog, having none', async () => {
    const answer = await ask('{ catalog(provider: "static") { locations { id } } }')
    expect(codeOf(answer)).toBe('UNSUPPORTED')
    expect(answer.errors?.[0]?.message).toBe('static: the read-only provider has no catalog')
  })
})
