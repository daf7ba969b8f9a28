import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CliFrameworksQuery, CliResourcesQuery } from '../../src/gql/graphql.js'
import { QUICK_STACK, runHangar } from '../support/hangar-cli.js'
import { startStack, type Stack } from '../support/start-stack.js'
import { SEED_FRAMEWORK_IDS } from '../support/seed-frameworks.js'

// `hangar frameworks` and `hangar resources` print through printList: a table, or JSON with --json.
let stack: Stack
beforeAll(async () => {
  // Both providers: Proxmox `pve-lab` (nodes pve1, pve2) and Kamatera `kama` (datacenters EU, IL, US-NY2).
  stack = await startStack(QUICK_STACK)
})
afterAll(() => stack?.close())

const hangar = (args: string[], env: Record<string, string> = {}) => runHangar(stack.url, args, { env })

/**
 * The rows of a table as records keyed by its column titles, each cell cut at the column where
 * its title starts in the header line: a row out of line with the header reads wrong.
 */
function readTable(stdout: string, titles: string[]): Record<string, string>[] {
  const [header, ...rows] = stdout.split('\n').filter(Boolean)
  const starts = titles.map((title) => header!.indexOf(title))
  expect(starts.every((start, index) => start >= 0 && (index === 0 || start > starts[index - 1]!))).toBe(true)
  return rows.map((row) =>
    Object.fromEntries(titles.map((title, index) => [title, row.slice(starts[index], starts[index + 1]).trim()])),
  )
}

type Framework = CliFrameworksQuery['frameworks'][number]
type Resource = CliResourcesQuery['resources'][number]

const FRAMEWORK_COLUMNS = ['ID', 'NAME', 'VERSION', 'LANGUAGE', 'PORT']
const FRAMEWORK_IDS = [...SEED_FRAMEWORK_IDS]
const RESOURCE_COLUMNS = [
  'PROVIDER',
  'HOST',
  'STATUS',
  'CORES',
  'CPU %',
  'MEMORY GiB (used/total)',
  'VMS (running/total)',
  'CONTAINERS',
]

describe('hangar frameworks', () => {
  it('prints a table of every framework, Node.js on port 3000 among them', async () => {
    const { code, stdout, stderr } = await hangar(['frameworks'])
    expect(code).toBe(0)
    expect(stderr).toBe('')
    // No colour codes without a terminal (and with NO_COLOR).
    expect(stdout).not.toContain('\u001b[')
    expect(stdout.split('\n')[0]).toMatch(/^ID {2,}NAME {2,}VERSION {2,}LANGUAGE {2,}PORT$/)
    const rows = readTable(stdout, FRAMEWORK_COLUMNS)
    expect(rows.map((row) => row.ID)).toEqual(FRAMEWORK_IDS)
    expect(rows.find((row) => row.ID === 'nodejs')).toEqual({
      ID: 'nodejs',
      NAME: 'Node.js',
      VERSION: '20 LTS',
      LANGUAGE: 'javascript',
      PORT: '3000',
    })
    // Names with a space stay in their column.
    expect(rows.find((row) => row.ID === 'springboot')).toMatchObject({ NAME: 'Spring Boot', PORT: '8080' })
    expect(rows.find((row) => row.ID === 'static')).toMatchObject({ NAME: 'Static site', LANGUAGE: 'static' })
    expect(new Set(rows.map((row) => row.LANGUAGE))).toEqual(new Set(['python', 'javascript', 'php', 'java', 'static']))
  })

  it('prints the same frameworks as a JSON array with --json, ports as numbers', async () => {
    const { code, stdout, stderr } = await hangar(['frameworks', '--json'])
    expect(code).toBe(0)
    expect(stderr).toBe('')
    const frameworks = JSON.parse(stdout) as Framework[]
    expect(frameworks.map((framework) => framework.id)).toEqual(FRAMEWORK_IDS)
    for (const framework of frameworks) {
      expect(Object.keys(framework)).toEqual(['id', 'name', 'version', 'language', 'port'])
      expect(framework.port).toEqual(expect.any(Number))
    }
    expect(frameworks.find((framework) => framework.id === 'nodejs')).toEqual({
      id: 'nodejs',
      name: 'Node.js',
      version: '20 LTS',
      language: 'javascript',
      port: 3000,
    })
    // Indented for people, like every --json of hangar.
    expect(stdout).toMatch(/^\[\n {2}\{\n {4}"id": "django",/)
    // The table says what the JSON says.
    const table = readTable((await hangar(['frameworks'])).stdout, FRAMEWORK_COLUMNS)
    expect(table).toEqual(
      frameworks.map((framework) => ({
        ID: framework.id,
        NAME: framework.name,
        VERSION: framework.version,
        LANGUAGE: framework.language,
        PORT: String(framework.port),
      })),
    )
  })

  it('refuses an unknown flag on stderr with exit 2, suggesting --json for a typo', async () => {
    const bogus = await hangar(['frameworks', '--bogus'])
    expect(bogus.code).toBe(2)
    expect(bogus.stdout).toBe('')
    expect(bogus.stderr).toContain("error: unknown option '--bogus'")
    const typo = await hangar(['frameworks', '--jsn'])
    expect(typo.code).toBe(2)
    expect(typo.stdout).toBe('')
    expect(typo.stderr).toMatch(/error: unknown option '--jsn'\n\(Did you mean --json\?\)/)
    const extra = await hangar(['frameworks', 'nodejs'])
    expect(extra.code).toBe(2)
    expect(extra.stderr).toContain("error: too many arguments for 'frameworks'")
  })
})

describe('hangar resources', () => {
  it("prints a table of every provider's hosts: Proxmox nodes, then Kamatera datacenters", async () => {
    const { code, stdout, stderr } = await hangar(['resources'])
    expect(code).toBe(0)
    expect(stderr).toBe('')
    expect(stdout).not.toContain('\u001b[')
    expect(stdout.split('\n')[0]).toBe(
      'PROVIDER  HOST    STATUS  CORES  CPU %  MEMORY GiB (used/total)  VMS (running/total)  CONTAINERS',
    )
    const rows = readTable(stdout, RESOURCE_COLUMNS)
    expect(rows.map((row) => `${row.PROVIDER} ${row.HOST}`)).toEqual([
      'pve-lab pve1',
      'pve-lab pve2',
      'kama EU',
      'kama IL',
      'kama US-NY2',
    ])
    expect(rows.every((row) => row.STATUS === 'online')).toBe(true)
    // A Proxmox node: its cores and memory, CPU usage to one decimal; used memory moves with its guests.
    expect(rows[0]).toMatchObject({ CORES: '32', 'VMS (running/total)': '3/4', CONTAINERS: '2/2' })
    expect(rows[0]!['CPU %']).toMatch(/^\d+\.\d$/)
    expect(rows[0]!['MEMORY GiB (used/total)']).toMatch(/^\d+(\.\d+)?\/128$/)
    expect(rows[1]).toMatchObject({ CORES: '16', 'VMS (running/total)': '1/3', CONTAINERS: '1/3' })
    expect(rows[1]!['MEMORY GiB (used/total)']).toMatch(/^\d+(\.\d+)?\/64$/)
    // A Kamatera datacenter: what the account's servers there were given; no CPU usage, no containers.
    expect(rows.slice(2)).toEqual([
      {
        PROVIDER: 'kama',
        HOST: 'EU',
        STATUS: 'online',
        CORES: '13',
        'CPU %': '-',
        'MEMORY GiB (used/total)': '32/34',
        'VMS (running/total)': '4/5',
        CONTAINERS: '0/0',
      },
      {
        PROVIDER: 'kama',
        HOST: 'IL',
        STATUS: 'online',
        CORES: '13',
        'CPU %': '-',
        'MEMORY GiB (used/total)': '9/25',
        'VMS (running/total)': '2/3',
        CONTAINERS: '0/0',
      },
      {
        PROVIDER: 'kama',
        HOST: 'US-NY2',
        STATUS: 'online',
        CORES: '16',
        'CPU %': '-',
        'MEMORY GiB (used/total)': '44/46',
        'VMS (running/total)': '3/4',
        CONTAINERS: '0/0',
      },
    ])
  })

  it('prints the same hosts as JSON with --json, nulls where a provider has no figure', async () => {
    const { code, stdout, stderr } = await hangar(['resources', '--json'])
    expect(code).toBe(0)
    expect(stderr).toBe('')
    const resources = JSON.parse(stdout) as Resource[]
    for (const resource of resources) {
      expect(Object.keys(resource)).toEqual(['provider', 'name', 'status', 'cpu', 'memory', 'vms', 'containers'])
    }
    const [pve1, pve2, ...datacenters] = resources
    expect(pve1).toEqual({
      provider: 'pve-lab',
      name: 'pve1',
      status: 'online',
      cpu: { cores: 32, usage: expect.any(Number) },
      memory: { total: 128, used: expect.any(Number), free: expect.any(Number) },
      vms: { total: 4, running: 3 },
      containers: { total: 2, running: 2 },
    })
    expect(pve1!.memory.used! + pve1!.memory.free!).toBeCloseTo(128, 2)
    expect(pve2).toMatchObject({
      provider: 'pve-lab',
      name: 'pve2',
      cpu: { cores: 16 },
      memory: { total: 64 },
      vms: { total: 3, running: 1 },
      containers: { total: 3, running: 1 },
    })
    // A Kamatera datacenter: what the account's servers were given there, and what the running ones hold.
    const datacenter = (name: string, cores: number, [used, total]: number[], [running, vms]: number[]) => ({
      provider: 'kama',
      name,
      status: 'online',
      cpu: { cores, usage: null },
      memory: { total, used, free: null },
      vms: { total: vms, running },
      containers: { total: 0, running: 0 },
    })
    expect(datacenters).toEqual([
      datacenter('EU', 13, [32, 34], [4, 5]),
      datacenter('IL', 13, [9, 25], [2, 3]),
      datacenter('US-NY2', 16, [44, 46], [3, 4]),
    ])
  })

  it("lists one provider's hosts with --provider, and names an unknown provider", async () => {
    const kamatera = await hangar(['resources', '--provider', 'kama', '--json'])
    expect(kamatera.code).toBe(0)
    expect((JSON.parse(kamatera.stdout) as Resource[]).map((resource) => resource.name)).toEqual(['EU', 'IL', 'US-NY2'])
    const table = await hangar(['resources', '--provider', 'pve-lab'])
    expect(readTable(table.stdout, RESOURCE_COLUMNS).map((row) => row.HOST)).toEqual(['pve1', 'pve2'])
    const unknown = await hangar(['resources', '--provider', 'no-such-provider'])
    expect(unknown).toMatchObject({
      code: 3,
      stdout: '',
      stderr: 'hangar: provider: no provider named "no-such-provider"\n',
    })
  })

  it('prints the hosts of the providers that answer, and names the one that does not, with the reason', async () => {
    const wrongSecret = { provider: { secret: 'kama-wrong-secret-7e41' } }
    const broken = await startStack({ ...QUICK_STACK, kamatera: wrongSecret })
    try {
      const run = (args: string[]) => runHangar(broken.url, args)
      const partial = await run(['resources'])
      expect(partial.code).toBe(0)
      expect(readTable(partial.stdout, RESOURCE_COLUMNS).map((row) => `${row.PROVIDER} ${row.HOST}`)).toEqual([
        'pve-lab pve1',
        'pve-lab pve2',
      ])
      expect(partial.stderr).toBe(
        'warning: not reachable, its hosts are missing: ' +
          'kama: Kamatera refused our credentials (you are not logged in)\n',
      )
      const json = await run(['resources', '--json'])
      expect((JSON.parse(json.stdout) as Resource[]).map((resource) => resource.name)).toEqual(['pve1', 'pve2'])
      expect(json.stderr).toContain('its hosts are missing: kama:')
      // Asked for by name, the provider that does not answer is an error, as before.
      const named = await run(['resources', '--provider', 'kama'])
      expect(named).toMatchObject({ code: 1, stdout: '' })
      expect(named.stderr).toMatch(/^hangar: kama: Kamatera refused our credentials/)
      for (const output of [partial, json, named]) expect(output.stderr).not.toContain('kama-wrong-secret-7e41')
    } finally {
      await broken.close()
    }
  })

  it('fails with the reason, and prints no table, when no provider answers', async () => {
    const down = await startStack({
      ...QUICK_STACK,
      provider: { tokenSecret: 'pve-wrong-secret-0c5d' },
      kamatera: { provider: { secret: 'kama-wrong-secret-7e41' } },
    })
    try {
      const none = await runHangar(down.url, ['resources'])
      expect(none).toMatchObject({ code: 1, stdout: '' })
      expect(none.stderr).toMatch(/^hangar: pve-lab: Proxmox refused our credentials/)
      expect(none.stderr).not.toMatch(/wrong-secret/)
    } finally {
      await down.close()
    }
  })

  it('refuses an argument, and says so when the gateway cannot be reached', async () => {
    const extra = await hangar(['resources', 'pve1'])
    expect(extra.code).toBe(2)
    expect(extra.stdout).toBe('')
    expect(extra.stderr).toContain("error: too many arguments for 'resources'. Expected 0 arguments but got 1.")
    const unreachable = await hangar(['resources', '--json'], { HANGAR_URL: 'http://127.0.0.1:9' })
    expect(unreachable.code).toBe(4)
    expect(unreachable.stdout).toBe('')
    expect(unreachable.stderr).toMatch(/^hangar: cannot reach the gateway at http:\/\/127\.0\.0\.1:9 .*\(HANGAR_URL\)/)
  })
})
