import { followTask, parseOptions, runProviderConformance, silentLogger as quiet } from 'hangar/provider-kit/testing'
import { describe, expect, it, onTestFinished } from 'vitest'
import acmePlugin from '../src/index.js'
import { startAcmeSimulator } from '../simulator/acme-simulator.js'

/** The plugin's options for a simulator, validated as the gateway validates them. */
const optionsFor = (simulator: { url: string; token: string }, extra: Record<string, unknown> = {}) =>
  parseOptions(acmePlugin, {
    url: simulator.url,
    token: simulator.token,
    pollIntervalMs: 50,
    retryDeadlineMs: 1_000,
    ...extra,
  })

// The suite every Hangar provider passes, here against the Acme simulator over real HTTP.
runProviderConformance('acme', async () => {
  const simulator = await startAcmeSimulator({ operationMs: 150 })
  const provider = acmePlugin.create('acme-test', await optionsFor(simulator), { logger: quiet })
  const vacated = await startAcmeSimulator()
  await vacated.close()
  return {
    provider,
    unreachableProvider: acmePlugin.create('acme-gone', await optionsFor(vacated, { retryDeadlineMs: 200 }), {
      logger: quiet,
    }),
    stoppedServer: 'srv-2',
    disposableServer: 'srv-4',
    missingServer: 'srv-999',
    async close() {
      await provider.close?.()
      await simulator.close()
    },
  }
})

describe('the acme plugin, beyond the contract', () => {
  it('names the option it refuses', async () => {
    await expect(parseOptions(acmePlugin, { url: 'ftp://x', token: '' })).rejects.toThrow(
      'options of plugin "acme" refused: url: an http or https URL; token: an API token (required)',
    )
  })

  it('reports a failed operation as failed, with its error and log, and the server as it was', async () => {
    const simulator = await startAcmeSimulator({ operationMs: 100 })
    onTestFinished(() => simulator.close())
    const provider = acmePlugin.create('acme-test', await optionsFor(simulator), { logger: quiet })
    onTestFinished(() => provider.close?.())
    simulator.operations.failNext('the hypervisor refused to start web-2')
    const handle = await provider.power!('srv-2', 'start', {})
    // While the operation runs, Acme shows the server `starting`.
    expect((await provider.getServer('srv-2', {}))?.status).toBe('PROVISIONING')
    const lines: string[] = []
    const outcome = await followTask(handle, {
      signal: AbortSignal.timeout(5_000),
      onProgress: (progress) => void lines.push(...progress.lines),
    })
    expect(outcome).toEqual({ state: 'failed', error: 'the hypervisor refused to start web-2' })
    expect(lines[0]).toBe('starting web-2')
    expect(simulator.servers.get('srv-2')!.state).toBe('stopped')
    // The server is free again: the next start runs.
    await followTask(await provider.power!('srv-2', 'start', {}), {
      signal: AbortSignal.timeout(5_000),
      onProgress() {},
    })
    expect(simulator.servers.get('srv-2')!.state).toBe('running')
  })

  it('retries a read through a dropped connection and a 503, but never repeats a power action', async () => {
    const simulator = await startAcmeSimulator()
    onTestFinished(() => simulator.close())
    const provider = acmePlugin.create('acme-test', await optionsFor(simulator), { logger: quiet })
    onTestFinished(() => provider.close?.())
    simulator.faults.dropConnection({ path: '/v1/servers' })
    simulator.faults.addRule({ method: 'GET', path: '/v1/servers', status: 503, times: 1 })
    expect(await provider.listServers({})).toHaveLength(4)
    simulator.faults.addRule({ method: 'POST', path: '/actions', status: 503, times: 1 })
    const refused = await provider.power!('srv-2', 'start', {}).catch((error: unknown) => error)
    expect(refused).toMatchObject({ code: 'PROVIDER_UNAVAILABLE' })
    expect(simulator.requests.filter((request) => request.method === 'POST')).toHaveLength(1)
  })

  it('says PROVIDER_UNAVAILABLE for a wrong token, without the token in the message', async () => {
    const simulator = await startAcmeSimulator()
    onTestFinished(() => simulator.close())
    const provider = acmePlugin.create('acme-test', await optionsFor(simulator, { token: 'not-the-token' }), {
      logger: quiet,
    })
    onTestFinished(() => provider.close?.())
    const error = (await provider.checkConnection({}).catch((caught: unknown) => caught)) as Error & { code: string }
    expect(error.code).toBe('PROVIDER_UNAVAILABLE')
    expect(error.message).not.toContain('not-the-token')
  })
})
