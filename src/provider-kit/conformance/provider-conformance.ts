import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type HangarError, isHangarError } from '../../errors/index.js'
import { followTask } from '../../operations/follow-task.js'
import type { GuestSpec, Provider, ServerInfo, ServerSpec, TaskHandle, TaskProgress } from '../../providers/contract.js'

/** What a plugin's conformance run provides: a provider on a simulator, and servers to act on. */
export interface ConformanceFixture {
  provider: Provider
  /** A stopped server that may be started and stopped. */
  stoppedServer: string
  /** A server that may be destroyed. */
  disposableServer: string
  /** A well-formed native id that names no server. */
  missingServer: string
  /** A server to make, from the plugin's catalog; required when the plugin declares `create`. */
  newServer?: ServerSpec
  /** A deployment guest to make; required when the plugin declares `deploy:vm` or `deploy:lxc`. */
  newGuest?: GuestSpec
  /**
   * A provider of the same plugin pointed where nothing answers (a closed port): its calls must
   * fail as `PROVIDER_UNAVAILABLE` naming it, which is how users learn that an upstream is down.
   */
  unreachableProvider: Provider
  close(): Promise<void>
}

const signal = () => AbortSignal.timeout(20_000)

/** The members each capability promises; the core calls them only when it is declared. */
const CAPABILITY_MEMBERS: Record<string, (keyof Provider)[]> = {
  power: ['power'],
  destroy: ['destroy'],
  create: ['createServer'],
  resize: ['resizeServer'],
  clone: ['cloneServer'],
  snapshot: ['listSnapshots', 'createSnapshot', 'rollbackSnapshot', 'deleteSnapshot'],
  'deploy:vm': ['provisionGuest'],
  'deploy:lxc': ['provisionGuest'],
}

async function finish(handle: TaskHandle) {
  const lines: string[] = []
  let last: TaskProgress | undefined
  const outcome = await followTask(handle, {
    signal: AbortSignal.timeout(60_000),
    onProgress: (progress) => {
      lines.push(...progress.lines)
      last = progress
    },
  })
  return { ...outcome, lines, serverNativeId: last?.serverNativeId, guest: last?.guest }
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
 * The behaviour every provider plugin must show, whatever its upstream: a vitest suite. A plugin's
 * test file calls this with a setup that points the real plugin at its simulator; what a plugin
 * does not declare among its capabilities is skipped.
 *
 * @example
 * ```ts
 * import { runProviderConformance } from 'hangar/provider-kit/testing'
 * runProviderConformance('acme', async () => {
 *   const simulator = await startAcmeSimulator()
 *   const provider = plugin.create('acme-test', { url: simulator.url, token: simulator.token }, context)
 *   // Nothing listens on port 9 of loopback: its calls fail as PROVIDER_UNAVAILABLE.
 *   const unreachableProvider = plugin.create('acme-down', { url: 'http://127.0.0.1:9', token: 'x' }, context)
 *   return {
 *     provider,
 *     stoppedServer: 'srv-2',
 *     disposableServer: 'srv-3',
 *     missingServer: 'srv-999',
 *     unreachableProvider,
 *     close: () => simulator.close(),
 *   }
 * })
 * ```
 */
export function runProviderConformance(plugin: string, setup: () => Promise<ConformanceFixture>): void {
  describe(`provider contract: ${plugin}`, () => {
    let fixture: ConformanceFixture
    beforeAll(async () => {
      fixture = await setup()
    })
    afterAll(async () => {
      // Closed here, not in its test, so that a failing test leaves no timers running (Proxmox's address refresh).
      await fixture?.unreachableProvider.close?.()
      await fixture?.close()
    })

    it('names itself and declares exactly the capabilities it implements', () => {
      const { provider } = fixture
      expect(provider.plugin).toBe(plugin)
      expect(provider.name).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]*$/)
      for (const [capability, members] of Object.entries(CAPABILITY_MEMBERS)) {
        const implemented = members.map((member) => typeof provider[member] === 'function')
        if (provider.capabilities.includes(capability))
          expect(implemented, `${capability} needs ${members.join(', ')}`).toEqual(members.map(() => true))
      }
      // A method whose every capability is undeclared would never be called: declare it, or drop it.
      for (const member of new Set(Object.values(CAPABILITY_MEMBERS).flat())) {
        if (typeof provider[member] !== 'function') continue
        const declaring = Object.entries(CAPABILITY_MEMBERS)
          .filter(([, members]) => members.includes(member))
          .map(([capability]) => capability)
        expect(
          declaring.some((capability) => provider.capabilities.includes(capability)),
          `${String(member)} without ${declaring.join(' or ')}`,
        ).toBe(true)
      }
    })

    it('takes, lists, rolls back to and deletes snapshots, keeping their parent chain', async (context) => {
      const { provider } = fixture
      if (!provider.capabilities.includes('snapshot')) return context.skip()
      const server = fixture.stoppedServer
      const before = await provider.listSnapshots!(server, { signal: signal() })
      const first = `conf-a-${Date.now() % 100_000}`
      const second = `conf-b-${Date.now() % 100_000}`
      expect((await finish(await provider.createSnapshot!(server, { name: first }, { signal: signal() }))).state).toBe(
        'succeeded',
      )
      expect((await finish(await provider.createSnapshot!(server, { name: second }, { signal: signal() }))).state).toBe(
        'succeeded',
      )
      const taken = await provider.listSnapshots!(server, { signal: signal() })
      expect(taken.map((snapshot) => snapshot.name)).toEqual([
        ...before.map((snapshot) => snapshot.name),
        first,
        second,
      ])
      expect(taken.find((snapshot) => snapshot.name === second)!.parent).toBe(first)
      expect((await finish(await provider.rollbackSnapshot!(server, first, { signal: signal() }))).state).toBe(
        'succeeded',
      )
      expect((await finish(await provider.deleteSnapshot!(server, second, { signal: signal() }))).state).toBe(
        'succeeded',
      )
      expect((await finish(await provider.deleteSnapshot!(server, first, { signal: signal() }))).state).toBe(
        'succeeded',
      )
      expect((await provider.listSnapshots!(server, { signal: signal() })).map((snapshot) => snapshot.name)).toEqual(
        before.map((snapshot) => snapshot.name),
      )
      const missing = await provider.deleteSnapshot!(server, 'no-such-snapshot', { signal: signal() }).catch(
        (caught: unknown) => caught,
      )
      expect((missing as HangarError).code).toBe('NOT_FOUND')
    })

    it('creates a server it then reports, resizes it, clones it, and destroys both', async (context) => {
      const { provider } = fixture
      if (!provider.capabilities.includes('create')) return context.skip()
      const spec = fixture.newServer
      expect(spec, 'a plugin that declares create gives newServer').toBeDefined()
      const made = await finish(await provider.createServer!(spec!, { signal: signal() }))
      expect(made.state, made.error).toBe('succeeded')
      expect(made.lines.length).toBeGreaterThan(0)
      const id = made.serverNativeId!
      expect(typeof id).toBe('string')
      const server = await provider.getServer(id, { signal: signal() })
      expectServerShape(server!)
      expect(server).toMatchObject({ nativeId: id, name: spec!.name })
      expect((await provider.listServers({ signal: signal() })).map((each) => each.nativeId)).toContain(id)
      const toDestroy = [id]
      if (provider.capabilities.includes('resize')) {
        const resized = await finish(await provider.resizeServer!(id, { cpu: spec!.cpu * 2 }, { signal: signal() }))
        expect(resized.state, resized.error).toBe('succeeded')
        expect((await provider.getServer(id, { signal: signal() }))!.cpu).toBe(spec!.cpu * 2)
      }
      if (provider.capabilities.includes('clone')) {
        const copied = await finish(
          await provider.cloneServer!(id, { name: `${spec!.name}-copy` }, { signal: signal() }),
        )
        expect(copied.state, copied.error).toBe('succeeded')
        expect(copied.serverNativeId).not.toBe(id)
        expect(await provider.getServer(copied.serverNativeId!, { signal: signal() })).toMatchObject({
          name: `${spec!.name}-copy`,
        })
        toDestroy.push(copied.serverNativeId!)
      }
      for (const each of toDestroy) {
        expect((await finish(await provider.destroy!(each, { signal: signal() }))).state).toBe('succeeded')
        expect(await provider.getServer(each, { signal: signal() })).toBeUndefined()
      }
    }, 120_000)

    it('refuses a create from an image it does not have with BAD_USER_INPUT naming input.image', async (context) => {
      const { provider } = fixture
      if (!provider.capabilities.includes('create')) return context.skip()
      const before = (await provider.listServers({ signal: signal() })).length
      const refused = await provider.createServer!(
        { ...fixture.newServer!, image: 'no-such-image-anywhere' },
        { signal: signal() },
      ).catch((caught: unknown) => caught)
      expect(isHangarError(refused), 'a refusal the client can read (a kit error)').toBe(true)
      expect(refused).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'input.image' } })
      expect(await provider.listServers({ signal: signal() })).toHaveLength(before)
    })

    it('provisions a deployment guest it can be reached on, then destroys it', async (context) => {
      const { provider } = fixture
      if (!provider.capabilities.some((capability) => capability.startsWith('deploy:'))) return context.skip()
      const spec = fixture.newGuest
      expect(spec, 'a plugin that declares deploy:vm or deploy:lxc gives newGuest').toBeDefined()
      expect(provider.capabilities).toContain(spec!.kind === 'CONTAINER' ? 'deploy:lxc' : 'deploy:vm')
      const made = await finish(await provider.provisionGuest!(spec!, { signal: signal() }))
      expect(made.state, made.error).toBe('succeeded')
      expect(made.guest).toMatchObject({
        nativeId: made.serverNativeId,
        ip: expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/),
        sshPort: expect.any(Number),
        sshUser: expect.any(String),
      })
      expect(await provider.getServer(made.guest!.nativeId, { signal: signal() })).toMatchObject({
        name: spec!.name,
        status: 'RUNNING',
      })
      expect((await finish(await provider.destroy!(made.guest!.nativeId, { signal: signal() }))).state).toBe(
        'succeeded',
      )
    }, 120_000)

    it('connects', async () => {
      await expect(fixture.provider.checkConnection({ signal: signal() })).resolves.toBeUndefined()
    })

    it("lists servers with unique, stable ids and the contract's shape", async () => {
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

    it('throws NOT_FOUND, as a kit error, for an action on an unknown server', async (context) => {
      const { provider } = fixture
      if (!provider.power) return context.skip()
      const error = await provider
        .power(fixture.missingServer, 'start', { signal: signal() })
        .catch((caught: unknown) => caught)
      expect(isHangarError(error), 'a kit error the gateway shows').toBe(true)
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

    it('says PROVIDER_UNAVAILABLE, naming the upstream, when nothing answers', async () => {
      const provider = fixture.unreachableProvider
      // One call at a time: a second promise made up front would reject before it is awaited.
      for (const attempt of [
        () => provider.checkConnection({ signal: signal() }),
        () => provider.listServers({ signal: signal() }),
      ]) {
        const error = await attempt().then(
          () => undefined,
          (caught: unknown) => caught,
        )
        expect(isHangarError(error), 'a kit error the gateway shows').toBe(true)
        expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', message: expect.stringContaining(provider.name) })
      }
      // Closed in afterAll, which a failed expectation here does not skip.
    })

    it('honours an aborted signal', async () => {
      const aborted = AbortSignal.abort(new Error('caller gave up'))
      await expect(fixture.provider.listServers({ signal: aborted })).rejects.toThrow()
    })
  })
}
