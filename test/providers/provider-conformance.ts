import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HangarError } from '../../src/errors/index.js'
import { followTask } from '../../src/operations/follow-task.js'
import type { Provider, ServerInfo, TaskHandle } from '../../src/providers/contract.js'

/** What a plugin's conformance run provides: a provider on a simulator, and servers to act on. */
export interface ConformanceFixture {
  provider: Provider
  /** A stopped server that may be started and stopped. */
  stoppedServer: string
  /** A server that may be destroyed. */
  disposableServer: string
  /** A well-formed native id that names no server. */
  missingServer: string
  close(): Promise<void>
}

const signal = () => AbortSignal.timeout(20_000)

async function finish(handle: TaskHandle) {
  const lines: string[] = []
  const outcome = await followTask(handle, { signal: signal(), onProgress: (progress) => void lines.push(...progress.lines) })
  return { ...outcome, lines }
}

function expectServerShape(server: ServerInfo) {
  expect(typeof server.nativeId).toBe('string')
  expect(server.nativeId).not.toBe('')
  expect(typeof server.name).toBe('string')
  expect(['VM', 'CONTAINER']).toContain(server.kind)
  expect(['RUNNING', 'STOPPED', 'PAUSED', 'PROVISIONING', 'UNKNOWN']).toContain(server.status)
  expect(Array.isArray(server.ips)).toBe(true)
  expect(typeof server.details).toBe('object')
}

/**
 * The behaviour every provider plugin must show, whatever its upstream. A plugin's test file
 * calls this with a setup that points the real plugin at its simulator.
 */
export function runProviderConformance(plugin: string, setup: () => Promise<ConformanceFixture>): void {
  describe(`provider contract: ${plugin}`, () => {
    let fixture: ConformanceFixture
    beforeAll(async () => {
      fixture = await setup()
    })
    afterAll(() => fixture?.close())

    it('names itself and declares only capabilities it implements', () => {
      const { provider } = fixture
      expect(provider.plugin).toBe(plugin)
      expect(provider.name).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]*$/)
      if (provider.capabilities.includes('power')) expect(typeof provider.power).toBe('function')
      if (provider.capabilities.includes('destroy')) expect(typeof provider.destroy).toBe('function')
      if (provider.capabilities.includes('snapshot')) {
        for (const method of [provider.listSnapshots, provider.createSnapshot, provider.rollbackSnapshot, provider.deleteSnapshot]) expect(typeof method).toBe('function')
      }
    })

    it('connects', async () => {
      await expect(fixture.provider.checkConnection({ signal: signal() })).resolves.toBeUndefined()
    })

    it('lists servers with unique, stable ids and the contract\'s shape', async () => {
      const first = await fixture.provider.listServers({ signal: signal() })
      const second = await fixture.provider.listServers({ signal: signal() })
      expect(first.length).toBeGreaterThan(0)
      first.forEach(expectServerShape)
      expect(new Set(first.map((server) => server.nativeId)).size).toBe(first.length)
      expect(second.map((server) => server.nativeId).sort()).toEqual(first.map((server) => server.nativeId).sort())
    })

    it('gets one server by the id it listed, and undefined for an unknown one', async () => {
      const server = await fixture.provider.getServer(fixture.stoppedServer, { signal: signal() })
      expect(server).toBeDefined()
      expectServerShape(server!)
      expect(server!.nativeId).toBe(fixture.stoppedServer)
      await expect(fixture.provider.getServer(fixture.missingServer, { signal: signal() })).resolves.toBeUndefined()
      await expect(fixture.provider.getServer('definitely not an id', { signal: signal() })).resolves.toBeUndefined()
    })

    it('lists resources with usage and guest counts', async () => {
      const resources = await fixture.provider.listResources({ signal: signal() })
      expect(resources.length).toBeGreaterThan(0)
      for (const resource of resources) {
        expect(['online', 'offline', 'unknown']).toContain(resource.status)
        expect(resource.vms.running).toBeLessThanOrEqual(resource.vms.total)
        expect(resource.containers.running).toBeLessThanOrEqual(resource.containers.total)
      }
    })

    it('starts and stops a server through task handles the core can follow', async (context) => {
      const { provider } = fixture
      if (!provider.power) return context.skip()
      const started = await finish(await provider.power(fixture.stoppedServer, 'start', { signal: signal() }))
      expect(started.state).toBe('succeeded')
      expect((await provider.getServer(fixture.stoppedServer, { signal: signal() }))!.status).toBe('RUNNING')
      const stopped = await finish(await provider.power(fixture.stoppedServer, 'stop', { signal: signal() }))
      expect(stopped.state).toBe('succeeded')
      expect((await provider.getServer(fixture.stoppedServer, { signal: signal() }))!.status).toBe('STOPPED')
    })

    it('gives handles with a ref, a poll interval and a future deadline', async (context) => {
      const { provider } = fixture
      if (!provider.power) return context.skip()
      const handle = await provider.power(fixture.stoppedServer, 'start', { signal: signal() })
      expect(handle.ref).not.toBe('')
      expect(handle.pollIntervalMs).toBeGreaterThan(0)
      expect(handle.deadline.getTime()).toBeGreaterThan(Date.now())
      if (provider.resumeTask) expect((await finish(provider.resumeTask(handle.ref))).state).toBe('succeeded')
      else await finish(handle)
      await finish(await provider.power(fixture.stoppedServer, 'stop', { signal: signal() }))
    })

    it('throws NOT_FOUND, as a HangarError, for an action on an unknown server', async (context) => {
      const { provider } = fixture
      if (!provider.power) return context.skip()
      const error = await provider.power(fixture.missingServer, 'start', { signal: signal() }).catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(HangarError)
      expect((error as HangarError).code).toBe('NOT_FOUND')
    })

    it('takes, lists, rolls back to and deletes snapshots, with NOT_FOUND for an unknown one', async (context) => {
      const { provider } = fixture
      if (!provider.capabilities.includes('snapshot')) return context.skip()
      const target = fixture.stoppedServer
      expect((await finish(await provider.createSnapshot!(target, { name: 'conformance-1', description: 'first' }, { signal: signal() }))).state).toBe('succeeded')
      expect((await finish(await provider.createSnapshot!(target, { name: 'conformance-2' }, { signal: signal() }))).state).toBe('succeeded')
      const listed = await provider.listSnapshots!(target, { signal: signal() })
      const names = listed.map((snapshot) => snapshot.name)
      expect(names.indexOf('conformance-1')).toBeLessThan(names.indexOf('conformance-2'))
      expect(listed.find((snapshot) => snapshot.name === 'conformance-1')).toMatchObject({ description: 'first', includesMemory: false })
      expect((await finish(await provider.rollbackSnapshot!(target, 'conformance-1', { signal: signal() }))).state).toBe('succeeded')
      for (const name of ['conformance-2', 'conformance-1']) {
        expect((await finish(await provider.deleteSnapshot!(target, name, { signal: signal() }))).state).toBe('succeeded')
      }
      expect((await provider.listSnapshots!(target, { signal: signal() })).map((snapshot) => snapshot.name)).not.toContain('conformance-1')
      const error = await provider.deleteSnapshot!(target, 'conformance-1', { signal: signal() }).catch((caught: unknown) => caught)
      expect((error as HangarError).code).toBe('NOT_FOUND')
    })

    it('destroys a server, which then is gone', async (context) => {
      const { provider } = fixture
      if (!provider.destroy) return context.skip()
      const destroyed = await finish(await provider.destroy(fixture.disposableServer, { signal: signal() }))
      expect(destroyed.state).toBe('succeeded')
      await expect(provider.getServer(fixture.disposableServer, { signal: signal() })).resolves.toBeUndefined()
      const listed = await provider.listServers({ signal: signal() })
      expect(listed.map((server) => server.nativeId)).not.toContain(fixture.disposableServer)
    })

    it('honours an aborted signal', async () => {
      const aborted = AbortSignal.abort(new Error('caller gave up'))
      await expect(fixture.provider.listServers({ signal: aborted })).rejects.toThrow()
    })
  })
}
