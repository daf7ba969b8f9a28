/**
 * The example provider as a third party would ship it: packed with `npm pack`, installed with
 * `npm install` into a directory of its own beside Hangar, named in `HANGAR_CONFIG` by its package
 * name, and served by a gateway started with the `hangar` command.
 */
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type AcmeSimulator, startAcmeSimulator } from '../../examples/provider-template/simulator/acme-simulator.js'
import { cleanEnv, type HangarProcess, startHangarProcess } from '../support/hangar-process.js'
import type { JsonAnswer } from '../support/json-answer.js'

const run = promisify(execFile)
const root = new URL('../..', import.meta.url).pathname
const template = join(root, 'examples/provider-template')

let directory: string
let app: string
let simulator: AcmeSimulator
let gateway: HangarProcess
let url: string

const graphql = async (query: string, variables: Record<string, unknown> = {}) => {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  })
  return (await response.json()) as {
    data?: JsonAnswer
    errors?: { message: string; extensions: { code: string } }[]
  }
}

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'hangar-provider-package-'))
  app = join(directory, 'app')
  await mkdir(app)
  await run('npm', ['pack', '--pack-destination', directory], { cwd: template })
  const tarball = (await readdir(directory)).find((name) => name.endsWith('.tgz'))!
  await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'my-hangar', private: true }))
  // `hangar` is an optional peer of the plugin: the one the user runs. Offline, from the tarball
  // alone, with none of npm's flags for peers: a user types `npm install hangar-provider-acme`.
  await run(
    'npm',
    [
      'install',
      '--offline',
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      '--no-package-lock',
      join(directory, tarball),
    ],
    { cwd: app },
  )
  // No `hangar` is installed beside it: the gateway lends the plugin its own `hangar/provider-kit`.

  simulator = await startAcmeSimulator({ operationMs: 200 })
  const config = join(app, 'hangar.json')
  const options = { url: simulator.url, token: simulator.token, pollIntervalMs: 50 }
  await writeFile(config, JSON.stringify({ providers: [{ name: 'acme-eu', plugin: 'hangar-provider-acme', options }] }))
  gateway = await startHangarProcess(
    ['serve'],
    cleanEnv({ HANGAR_PORT: '0', HANGAR_CONFIG: config, DATABASE_URL: `sqlite:${join(app, 'hangar.sqlite')}` }),
  )
  url = JSON.parse(gateway.firstLine).url
}, 60_000)

afterAll(async () => {
  await gateway?.stop()
  await simulator?.close()
  await rm(directory, { recursive: true, force: true })
})

describe('a provider installed as a package and named in the config', () => {
  it('is installed from its tarball with only what its package.json lists', async () => {
    const installed = join(app, 'node_modules', 'hangar-provider-acme')
    expect((await readdir(installed)).sort()).toEqual(['README.md', 'package.json', 'simulator', 'src'])
  })

  it('serves its servers and says what it can do', async () => {
    const answer = await graphql(
      '{ servers(first: 10) { nodes { id name status location } } providers { name plugin connected capabilities } }',
    )
    expect(answer.errors).toBeUndefined()
    expect(answer.data!.servers.nodes.map((server: { id: string }) => server.id)).toEqual([
      'acme-eu:srv-1',
      'acme-eu:srv-2',
      'acme-eu:srv-3',
      'acme-eu:srv-4',
    ])
    expect(answer.data!.providers).toEqual([
      { name: 'acme-eu', plugin: 'acme', connected: true, capabilities: ['power', 'destroy'] },
    ])
  })

  it("starts a server through an operation the gateway follows, with the plugin's log lines", async () => {
    const started = await graphql(
      'mutation($id: ID!) { startServer(id: $id, wait: true) { status logs server { status } } }',
      { id: 'acme-eu:srv-2' },
    )
    expect(started.errors).toBeUndefined()
    expect(started.data!.startServer).toMatchObject({ status: 'SUCCEEDED', server: { status: 'RUNNING' } })
    expect(started.data!.startServer.logs).toEqual(expect.arrayContaining(['starting web-2', 'running']))
    expect(simulator.servers.get('srv-2')!.state).toBe('running')
  })

  it("shows the plugin's errors with their public code: NOT_FOUND for a server Acme does not have", async () => {
    const missing = await graphql('mutation($id: ID!) { stopServer(id: $id) { status } }', { id: 'acme-eu:srv-77' })
    expect(missing.errors?.[0]?.extensions.code).toBe('NOT_FOUND')
  })
})

describe('a provider package that cannot be loaded', () => {
  it('names what the installed package lacks, rather than calling it not installed', async () => {
    const broken = join(app, 'node_modules', 'hangar-provider-broken')
    await mkdir(broken)
    await writeFile(join(broken, 'package.json'), JSON.stringify({ name: 'hangar-provider-broken', type: 'module' }))
    await writeFile(join(broken, 'index.js'), "import 'no-such-package-of-hangar-tests'\nexport default {}\n")
    const config = join(app, 'broken.json')
    await writeFile(
      config,
      JSON.stringify({ providers: [{ name: 'b', plugin: 'hangar-provider-broken', options: {} }] }),
    )
    const serve = run('node', [join(root, 'bin/hangar.js'), 'serve'], {
      cwd: app,
      env: cleanEnv({ HANGAR_PORT: '0', HANGAR_CONFIG: config }),
    })
    const failed = await serve.then(
      () => expect.fail('the gateway started with a plugin that cannot load'),
      (error: { code: number; stderr: string }) => error,
    )
    expect(failed.code).not.toBe(0)
    expect(failed.stderr).toContain(
      `plugin "hangar-provider-broken" cannot be loaded: Cannot find package 'no-such-package-of-hangar-tests'`,
    )
  })
})
