import { describe, expect, it } from 'vitest'
import { createLogger } from '../../src/logger.js'
import type { Provider, ServerInfo } from '../../src/providers/contract.js'
import { createServerDirectory } from '../../src/providers/server-directory.js'
import { filterServers } from '../../src/providers/server-filter.js'

/**
 * A provider whose list is whatever the test holds now, counting reads; a read answers after
 * `readMs`, or fails while `failing` is set. The directory's own caching is what is under test
 * here: the real plugins' lists are tested against their simulators elsewhere.
 */
function countingProvider(readMs = 20) {
  const state = { names: ['web-1', 'db-1'], reads: 0, failing: false, reading: 0 }
  const provider = {
    name: 'lab',
    async listServers(): Promise<ServerInfo[]> {
      state.reads += 1
      state.reading += 1
      const names = [...state.names]
      const failing = state.failing
      await new Promise((resolve) => setTimeout(resolve, readMs))
      state.reading -= 1
      if (failing) throw new Error('upstream down')
      return names.map((name, index) => ({
        nativeId: `qemu/${100 + index}`,
        name,
        kind: 'VM',
        status: 'RUNNING',
        location: 'pve1',
        ips: [`10.0.0.${index + 1}`],
        details: {},
      }))
    },
  } as unknown as Provider
  return { provider, state }
}

/** The directory under test, over `provider` alone, keeping a list for `cacheTtlMs`. */
const directoryOf = (provider: Provider, cacheTtlMs: number) =>
  createServerDirectory({ providers: [provider], cacheTtlMs, logger: createLogger({ level: 'silent' }) })

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
/** The names listed now, in the directory's order (by id). */
const names = async (directory: ReturnType<typeof createServerDirectory>) =>
  (await directory.list()).servers.map((server) => server.name)

describe('the server directory', () => {
  it('reads a list once however many ask at the same time', async () => {
    const { provider, state } = countingProvider()
    const directory = directoryOf(provider, 1000)
    const answers = await Promise.all(Array.from({ length: 20 }, () => names(directory)))
    expect(answers.every((answer) => answer.join() === 'web-1,db-1')).toBe(true)
    expect(state.reads).toBe(1)
  })

  it('does not keep a list whose read began before an action forgot it: the next reader asks anew', async () => {
    const { provider, state } = countingProvider(50)
    const directory = directoryOf(provider, 60_000)
    const reading = names(directory)
    await sleep(10)
    // The action changed the upstream while the read was on its way, and said so.
    state.names = ['web-1']
    directory.invalidate('lab')
    const forgets = directory.forgets()
    // Who asked before the action gets what the upstream answered then; nobody after.
    expect(await reading).toEqual(['web-1', 'db-1'])
    expect(directory.fresh()).toBe(false)
    expect(await names(directory)).toEqual(['web-1'])
    expect(state.reads).toBe(2)
    expect(directory.forgets()).toBe(forgets)
  })

  it(
    'reads a list anew in the background once half its ' + 'time has passed, answering the cached one meanwhile',
    async () => {
      const { provider, state } = countingProvider()
      const directory = directoryOf(provider, 400)
      await names(directory)
      const version = directory.version()
      expect(directory.fresh()).toBe(true)
      state.names = ['web-1', 'db-1', 'cache-1']
      await sleep(50)
      expect(await names(directory)).toEqual(['web-1', 'db-1'])
      expect(state.reads).toBe(1)
      await sleep(200)
      // Half the time has passed: this read is answered while the one read it started is still under way.
      expect(await names(directory)).toEqual(['web-1', 'db-1'])
      expect(state.reading).toBe(1)
      await names(directory)
      expect(state.reads).toBe(2)
      await sleep(60)
      expect(await names(directory)).toEqual(['web-1', 'db-1', 'cache-1'])
      expect(directory.version()).not.toBe(version)
    },
  )

  it('makes readers wait for a list past its time, and forgets a list an action invalidated', async () => {
    const { provider, state } = countingProvider()
    const directory = directoryOf(provider, 100)
    await names(directory)
    state.names = ['web-2']
    await sleep(120)
    expect(directory.fresh()).toBe(false)
    expect(await names(directory)).toEqual(['web-2'])
    state.names = ['web-3']
    const version = directory.version()
    directory.invalidate('lab')
    expect(directory.version()).not.toBe(version)
    expect(directory.fresh()).toBe(false)
    expect(await names(directory)).toEqual(['web-3'])
  })

  it('drops a list whose background read failed: the next reader asks the upstream and hears it is down', async () => {
    const { provider, state } = countingProvider()
    const directory = directoryOf(provider, 200)
    await names(directory)
    await sleep(120)
    state.failing = true
    expect(await names(directory)).toEqual(['web-1', 'db-1'])
    await sleep(60)
    const { servers, failures } = await directory.list()
    expect(servers).toEqual([])
    expect(failures.map((failure) => failure.provider)).toEqual(['lab'])
  })
})

describe('filtering a list', () => {
  it(
    'matches case-insensitively on name, id, location and addresses, ' +
      'keeps the order, and remembers answers per list',
    async () => {
      const { provider } = countingProvider()
      const directory = directoryOf(provider, 1000)
      const { servers } = await directory.list()
      expect(filterServers(servers, { search: 'WEB' }).map((server) => server.name)).toEqual(['web-1'])
      expect(filterServers(servers, { search: 'lab:qemu/10' }).map((server) => server.name)).toEqual(['web-1', 'db-1'])
      expect(filterServers(servers, { search: '10.0.0.2' }).map((server) => server.name)).toEqual(['db-1'])
      expect(filterServers(servers, { search: 'pve1', status: 'STOPPED' })).toEqual([])
      // A search spanning two fields matches neither.
      expect(filterServers(servers, { search: 'web-1lab' })).toEqual([])
      expect(filterServers(servers, { search: 'web' })).toBe(filterServers(servers, { search: 'Web' }))
      expect(filterServers(servers, {})).toBe(servers)
    },
  )
})
