import { runProviderConformance } from 'hangar/provider-kit/testing'
import { describe, expect, it } from 'vitest'
import acmePlugin from '../src/index.js'
import { startAcmeSimulator } from '../simulator/acme-simulator.js'

/** What the gateway hands a plugin; a test gives a quiet logger. */
const quiet = { debug() {}, info() {}, warn() {}, error() {}, child: () => quiet }

async function optionsFor(simulator: { url: string; token: string }, extra: Record<string, unknown> = {}) {
  const result = await acmePlugin.optionsSchema['~standard'].validate({
    url: simulator.url,
    token: simulator.token,
    pollIntervalMs: 50,
    retryDeadlineMs: 1_000,
    ...extra,
  })
  if (result.issues) throw new Error(result.issues.map((issue) => issue.message).join('; '))
  return result.value
}

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
    const result = await acmePlugin.optionsSchema['~standard'].validate({ url: 'ftp://x', token: '' })
    expect(result.issues?.map((issue) => [issue.path, issue.message])).toEqual([
      [['url'], 'an http or https URL'],
      [['token'], 'an API token (required)'],
    ])
  })

  it('retries a read through a dropped connection and a 503, but never repeats a power action', async () => {
    const simulator = await startAcmeSimulator()
    const provider = acmePlugin.create('acme-test', await optionsFor(simulator), { logger: quiet })
    simulator.faults.dropConnection({ path: '/v1/servers' })
    simulator.faults.addRule({ method: 'GET', path: '/v1/servers', status: 503, times: 1 })
    expect(await provider.listServers({})).toHaveLength(4)
    simulator.faults.addRule({ method: 'POST', path: '/actions', status: 503, times: 1 })
    const refused = await provider.power!('srv-2', 'start', {}).catch((error: unknown) => error)
    expect(refused).toMatchObject({ code: 'PROVIDER_UNAVAILABLE' })
    expect(simulator.requests.filter((request) => request.method === 'POST')).toHaveLength(1)
    await provider.close?.()
    await simulator.close()
  })

  it('says PROVIDER_UNAVAILABLE for a wrong token, without the token in the message', async () => {
    const simulator = await startAcmeSimulator()
    const provider = acmePlugin.create('acme-test', await optionsFor(simulator, { token: 'not-the-token' }), {
      logger: quiet,
    })
    const error = (await provider.checkConnection({}).catch((caught: unknown) => caught)) as Error & { code: string }
    expect(error.code).toBe('PROVIDER_UNAVAILABLE')
    expect(error.message).not.toContain('not-the-token')
    await provider.close?.()
    await simulator.close()
  })
})
