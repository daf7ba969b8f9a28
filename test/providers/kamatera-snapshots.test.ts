import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { snapshotsFromAnswer } from '../../plugins/kamatera/kamatera-snapshots.js'
import type { KamateraSimulator } from '../../plugins/kamatera/simulator/index.js'
import type { Provider } from '../../src/providers/contract.js'
import { followToEnd } from '../../src/provider-kit/testing.js'
import { startKamateraLab, type KamateraLab } from '../support/kamatera-lab.js'

let simulator: KamateraSimulator
let provider: Provider
/** A seeded server to take snapshots of. */
let serverId: string
let lab: KamateraLab

async function start(commandDurationMs: number) {
  lab = await startKamateraLab({ simulator: { commandDurationMs }, provider: { pollIntervalMs: 25 } })
  ;({ simulator, provider } = lab)
  serverId = [...simulator.state.servers.keys()][0]!
}
beforeEach(() => start(150))
afterEach(() => lab.close())

const signal = () => AbortSignal.timeout(20_000)
const follow = followToEnd

async function snapshot(name: string) {
  const outcome = await follow(await provider.createSnapshot!(serverId, { name }, { signal: signal() }))
  expect(outcome.state).toBe('succeeded')
  return outcome
}

/** The names of the simulated server's snapshots, and the active one's. */
function upstream() {
  const tree = simulator.state.raw.snapshotsOf(serverId)
  return { names: tree.all().map((s) => s.name), active: tree.find(tree.activeId ?? -1)?.name ?? null }
}

const sendsNoAction = async (work: () => Promise<unknown>) => {
  const before = simulator.state.commands.length
  const outcome = await work().then(
    () => undefined,
    (error: unknown) => error,
  )
  expect(simulator.state.commands).toHaveLength(before)
  return outcome
}

describe('Kamatera snapshots over the cloudcli API', () => {
  it('declares the snapshot capability and lists no snapshots for a server without any', async () => {
    expect(provider.capabilities).toContain('snapshot')
    await expect(provider.listSnapshots!(serverId, { signal: signal() })).resolves.toEqual([])
  })

  it(
    'takes two snapshots, the second a child of the first, ' + 'and lists them oldest first with parents and dates',
    async () => {
      const started = Math.floor(Date.now() / 1000) * 1000
      const first = await snapshot('before-upgrade')
      expect(first.lines).toEqual(['Creating snapshot before-upgrade...', 'Snapshot created'])
      await snapshot('after-upgrade')
      const ended = Date.now()
      const listed = await provider.listSnapshots!(serverId, { signal: signal() })
      expect(
        listed.map(({ name, parent, description, includesMemory }) => ({ name, parent, description, includesMemory })),
      ).toEqual([
        { name: 'before-upgrade', parent: null, description: null, includesMemory: false },
        { name: 'after-upgrade', parent: 'before-upgrade', description: null, includesMemory: false },
      ])
      for (const { createdAt } of listed) {
        expect(createdAt).toBeInstanceOf(Date)
        expect(createdAt!.getTime()).toBeGreaterThanOrEqual(started)
        expect(createdAt!.getTime()).toBeLessThanOrEqual(ended)
      }
      expect(upstream().active).toBe('after-upgrade')
    },
  )

  it('rolls the server back to a snapshot named by its name', async () => {
    await snapshot('one')
    await snapshot('two')
    const outcome = await follow(await provider.rollbackSnapshot!(serverId, 'one', { signal: signal() }))
    expect(outcome.state).toBe('succeeded')
    expect(outcome.lines).toEqual(['Reverting to snapshot one...', 'Snapshot reverted'])
    expect(upstream()).toEqual({ names: ['one', 'two'], active: 'one' })
    // The next snapshot branches off the one rolled back to.
    await snapshot('three')
    const parents = Object.fromEntries(
      (await provider.listSnapshots!(serverId, { signal: signal() })).map((s) => [s.name, s.parent]),
    )
    expect(parents).toEqual({ one: null, two: 'one', three: 'one' })
  })

  it('deletes a snapshot by name, and its child then hangs from its parent', async () => {
    await snapshot('base')
    await snapshot('middle')
    await snapshot('top')
    const outcome = await follow(await provider.deleteSnapshot!(serverId, 'middle', { signal: signal() }))
    expect(outcome.state).toBe('succeeded')
    const listed = await provider.listSnapshots!(serverId, { signal: signal() })
    expect(listed.map((s) => [s.name, s.parent])).toEqual([
      ['base', null],
      ['top', 'base'],
    ])
  })

  it('refuses a rollback or delete of an unknown name with NOT_FOUND naming it, and sends no action', async () => {
    await snapshot('known')
    for (const act of [provider.rollbackSnapshot!, provider.deleteSnapshot!]) {
      const error = await sendsNoAction(() => act(serverId, 'nope', { signal: signal() }))
      expect(error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('"nope"') })
    }
    expect(upstream()).toEqual({ names: ['known'], active: 'known' })
  })

  it('refuses a snapshot name the server already has with CONFLICT, and sends no action', async () => {
    await snapshot('nightly')
    const error = await sendsNoAction(() =>
      provider.createSnapshot!(serverId, { name: 'nightly' }, { signal: signal() }),
    )
    expect(error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('"nightly"') })
    expect(upstream().names).toEqual(['nightly'])
  })

  it('refuses a snapshot while another command runs on the server with CONFLICT, and changes nothing', async () => {
    // Commands long enough that the snapshot surely arrives while the stop still runs.
    await lab.close()
    await start(2_000)
    const stop = await provider.power!(serverId, 'stop', { signal: signal() })
    const error = await provider.createSnapshot!(serverId, { name: 'racing' }, { signal: signal() }).catch(
      (caught: unknown) => caught,
    )
    expect(error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('another command in progress') })
    expect((await follow(stop)).state).toBe('succeeded')
    expect(upstream().names).toEqual([])
  })

  it('refuses RAM state and descriptions, which Kamatera snapshots do not keep, naming the field', async () => {
    const memory = await sendsNoAction(() =>
      provider.createSnapshot!(serverId, { name: 'hot', includeMemory: true }, { signal: signal() }),
    )
    expect(memory).toMatchObject({ code: 'UNSUPPORTED', extensions: { field: 'input.includeMemory' } })
    const described = await sendsNoAction(() =>
      provider.createSnapshot!(serverId, { name: 'noted', description: 'before the upgrade' }, { signal: signal() }),
    )
    expect(described).toMatchObject({ code: 'UNSUPPORTED', extensions: { field: 'input.description' } })
  })

  it('answers NOT_FOUND for a server id that cannot name a server, without asking Kamatera', async () => {
    const before = simulator.requests
    await expect(provider.listSnapshots!('not an id', { signal: signal() })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
    await expect(provider.deleteSnapshot!('../etc', 'x', { signal: signal() })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
    expect(simulator.requests).toBe(before)
  })
})

describe('a Kamatera snapshot call for a server Kamatera does not have', () => {
  it(
    'answers NOT_FOUND naming it after one request: "No ' + 'servers found" is an answer, not a passing failure',
    async () => {
      const missing = '00000000-0000-0000-0000-000000000000'
      const before = simulator.requests
      await expect(provider.listSnapshots!(missing, { signal: signal() })).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: expect.stringContaining(missing),
      })
      await expect(provider.rollbackSnapshot!(missing, 'x', { signal: signal() })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      })
      expect(simulator.requests).toBe(before + 2)
    },
  )
})

describe('reading a Kamatera snapshot list', () => {
  it('reads parents from the backend nesting, when an answer still nests children in `child`', () => {
    const listed = snapshotsFromAnswer([
      {
        id: 7,
        name: 'root',
        date: '2026-01-01 10:00:00',
        depth: 1,
        child: [{ id: 8, name: 'kid', date: '2026-01-02 10:00:00', depth: 2, child: [] }],
      },
    ])
    expect(listed).toEqual([
      {
        id: '7',
        name: 'root',
        parent: null,
        createdAt: new Date('2026-01-01T10:00:00Z'),
        description: null,
        includesMemory: false,
      },
      {
        id: '8',
        name: 'kid',
        parent: 'root',
        createdAt: new Date('2026-01-02T10:00:00Z'),
        description: null,
        includesMemory: false,
      },
    ])
  })

  it('reads parents from depth in the proxy-flattened list, where a node follows its descendants', () => {
    const listed = snapshotsFromAnswer([
      { id: 3, name: 'c', date: '2026-01-01 10:00:00', depth: 3, child: null },
      { id: 4, name: 'd', date: '2026-01-01 10:00:00', depth: 3, child: null },
      { id: 2, name: 'b', date: '2026-01-01 10:00:00', depth: 2, child: null },
      { id: 1, name: 'a', date: '2026-01-01 10:00:00', depth: 1, child: null },
      { id: 5, name: 'other-root', date: 'not a date', depth: 1, child: [] },
    ])
    expect(listed.map((s) => [s.name, s.parent, s.createdAt === null])).toEqual([
      ['a', null, false],
      ['b', 'a', false],
      ['c', 'b', false],
      ['d', 'b', false],
      ['other-root', null, true],
    ])
  })
})
