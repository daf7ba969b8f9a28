import { describe, expect, it } from 'vitest'
import {
  handleFaultControl,
  listenSimulator,
  parseFormEncoded,
  RequestFaults,
  requestFaultsControl,
  RuleList,
  SimulatedTasks,
  SimulatorRouter,
} from 'hangar/provider-kit/testing'

describe("the simulator kit's router", () => {
  const router = new SimulatorRouter([
    { method: 'GET', path: '/servers', name: 'list' },
    { method: 'POST', path: '/servers', name: 'create' },
    { method: 'GET', path: '/servers/{id}', name: 'get' },
    { method: 'POST', path: '/servers/{id}/power', name: 'power' },
  ])

  it('matches templates, decoding parameters, and answers HEAD with a GET route', () => {
    expect(router.match('GET', '/servers/web%201')).toMatchObject({
      kind: 'found',
      route: { name: 'get' },
      params: { id: 'web 1' },
    })
    expect(router.match('HEAD', '/servers/')).toMatchObject({ kind: 'found', route: { name: 'list' } })
    expect(router.match('POST', '/servers/7/power')).toMatchObject({
      kind: 'found',
      route: { name: 'power' },
      params: { id: '7' },
    })
  })

  it('tells a path it knows under other methods (405) from one it does not know (404)', () => {
    expect(router.match('DELETE', '/servers/7')).toEqual({ kind: 'method', allowed: ['GET'] })
    expect(router.match('GET', '/servers/7/disks')).toEqual({ kind: 'none' })
  })
})

describe("the simulator kit's request faults", () => {
  it('use rules in order, each hit taking one of its times, and a /regex/ path as a pattern', () => {
    const rules = new RuleList<{ method?: string; path?: string | RegExp; times?: number; status: number }>()
    rules.add({ path: '/\\/power$/', status: 503, times: 2 })
    rules.add({ method: 'GET', status: 500 })
    expect(rules.take('POST', '/servers/1/power')?.status).toBe(503)
    expect(rules.take('POST', '/servers/2/power')?.status).toBe(503)
    expect(rules.take('POST', '/servers/3/power')).toBeUndefined()
    expect(rules.take('GET', '/servers')?.status).toBe(500)
    expect(rules.snapshot()).toEqual([{ method: 'GET', status: 500 }])
  })

  it('drop one request by default, and reset to nothing', () => {
    const faults = new RequestFaults('Unexpected error')
    faults.dropConnection({ path: '/servers', afterProcessing: true })
    faults.setErrorRate(1)
    expect(faults.takeDrop('POST', '/servers')).toMatchObject({ afterProcessing: true, times: 0 })
    expect(faults.takeDrop('POST', '/servers')).toBeUndefined()
    expect(faults.rollRandomError()).toBe(true)
    faults.reset()
    expect(faults.snapshot()).toEqual({
      latencyMs: 0,
      errorRate: 0,
      errorMessage: 'Unexpected error',
      rules: [],
      drops: [],
      heldAnswers: [],
      rateLimits: [],
      mix: null,
    })
  })

  it('decode forms keeping every value of a repeated key, or only the last', () => {
    expect(parseFormEncoded('net=a&net=b+c&x=1')).toEqual({ net: ['a', 'b c'], x: '1' })
    expect(parseFormEncoded('net=a&net=b', 'last')).toEqual({ net: 'b' })
  })
})

describe("the simulator kit's fault control", () => {
  it('serves GET|POST|DELETE /_simulator/faults for plain request faults, in JSON by default', async () => {
    const faults = new RequestFaults('internal error')
    const listening = await listenSimulator({
      host: '127.0.0.1',
      port: 0,
      control: (req, res) => handleFaultControl(req, res, requestFaultsControl(faults)),
      api: async (_req, res) => void res.writeHead(204).end(),
      crashed: (res) => void res.writeHead(500).end(),
    })
    const control = (method: string, body?: unknown) =>
      fetch(`${listening.url}/_simulator/faults`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
    const added = await control('POST', { rules: [{ path: '/v1/servers', status: 503, times: 1 }] })
    expect(added.status).toBe(200)
    expect(await added.json()).toMatchObject({ rules: [{ path: '/v1/servers', status: 503 }] })
    expect(faults.takeRule('GET', '/v1/servers')).toMatchObject({ status: 503 })
    const refused = await control('POST', { rules: [{ status: 'soon' }] })
    expect(refused.status).toBe(400)
    expect(await refused.json()).toEqual({ error: expect.stringContaining('status') })
    expect((await control('DELETE')).status).toBe(200)
    expect((await (await control('GET')).json()).rules).toEqual([])
    expect((await fetch(`${listening.url}/v1/servers`)).status).toBe(204)
    await listening.close()
  })
})

describe("the simulator kit's tasks", () => {
  it('print their lines over time, then take effect; a failed effect fails the task with its message', async () => {
    const tasks = new SimulatedTasks()
    let effect = 0
    const ok = tasks.start({ durationMs: 60, lines: ['one', 'two', 'three'], complete: () => (effect += 1) })
    const bad = tasks.start({
      durationMs: 20,
      complete: () => {
        throw new Error('disk full')
      },
    })
    expect(ok).toMatchObject({ id: 'task-1', state: 'running' })
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(tasks.get('task-1')).toMatchObject({ state: 'succeeded', log: ['one', 'two', 'three'] })
    expect(effect).toBe(1)
    expect(tasks.get(bad.id)).toMatchObject({ state: 'failed', error: 'disk full', log: ['error: disk full'] })
    tasks.dispose()
  })
})
