import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createKamateraSimulator, stableServerId } from './index.js'
import type { KamateraSimulator, KamateraSimulatorOptions } from './index.js'

interface Reply {
  status: number
  body: unknown
}

interface CallInit {
  json?: unknown
  form?: Record<string, string>
  headers?: Record<string, string>
  auth?: boolean
}

interface Client {
  sim: KamateraSimulator
  call(method: string, path: string, init?: CallInit): Promise<Reply>
  close(): Promise<void>
}

async function start(options: KamateraSimulatorOptions = {}): Promise<Client> {
  const sim = await createKamateraSimulator({ commandDurationMs: 150, ...options })
  return {
    sim,
    async call(method, path, init = {}) {
      const headers: Record<string, string> = { Accept: 'application/json', ...init.headers }
      if (init.auth !== false) {
        headers.AuthClientId = sim.clientId
        headers.AuthSecret = sim.secret
      }
      let body: string | undefined
      if (init.form) {
        headers['Content-Type'] = 'application/x-www-form-urlencoded'
        body = new URLSearchParams(init.form).toString()
      } else if (init.json !== undefined) {
        headers['Content-Type'] = 'application/json'
        body = JSON.stringify(init.json)
      }
      const res = await fetch(`${sim.url}${path}`, { method, headers, body })
      return { status: res.status, body: await res.json() }
    },
    close: () => sim.close(),
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

type QueueItem = {
  id: number
  status: string
  server: string
  log: string
  description: string
  added: string
  executed: string | null
  completed: string | null
}

async function waitCommand(c: Client, id: string): Promise<QueueItem> {
  for (;;) {
    const r = await c.call('GET', `/service/queue?id=${id}`)
    const item = (r.body as QueueItem[])[0] as QueueItem
    if (item.status === 'complete' || item.status === 'error') return item
    await sleep(20)
  }
}

function idsOf(body: unknown): string[] {
  expect(Array.isArray(body)).toBe(true)
  for (const id of body as unknown[]) expect(typeof id).toBe('string')
  return body as string[]
}

let c: Client
let ubuntuEu: string
beforeAll(async () => {
  c = await start()
  const images = (await c.call('GET', '/service/server?images=1&datacenter=EU')).body as Array<{
    id: string
    name: string
  }>
  ubuntuEu = images.find((i) => i.name.includes('22.04'))?.id ?? ''
})
afterAll(() => c.close())
afterEach(() => c.sim.faults.reset())

const newServer = (name: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  name,
  password: 'Secr3tPassw0rd',
  datacenter: 'EU',
  image: ubuntuEu,
  ...extra,
})

describe('authentication and envelopes', () => {
  it('answers GET / without credentials', async () => {
    expect(await c.call('GET', '/', { auth: false })).toEqual({ status: 200, body: { ready: true } })
  })

  it('refuses a missing or wrong key pair with the 401 of libcloud fixtures', async () => {
    const expected = { message: '{"errors":[{"code":1,"info":"you are not logged in"}]}' }
    expect(await c.call('POST', '/service/server/info', { auth: false, json: { name: '.*' } })).toEqual({
      status: 401,
      body: expected,
    })
    const wrong = await c.call('POST', '/service/server/poweron', {
      auth: false,
      headers: { AuthClientId: c.sim.clientId, AuthSecret: 'nope' },
      json: { name: 'web-eu-01' },
    })
    expect(wrong).toEqual({ status: 401, body: expected })
    const onlyId = await c.call('GET', '/service/queue?id=1', {
      auth: false,
      headers: { AuthClientId: c.sim.clientId },
    })
    expect(onlyId.status).toBe(401)
  })

  it('passes the backend error through with HTTP 200 on GET /service/servers', async () => {
    const r = await c.call('GET', '/service/servers', { auth: false })
    expect(r).toEqual({ status: 200, body: { errors: [{ code: 1, info: 'you are not logged in' }] } })
  })

  it('wraps answers as {response, status} with X-CLOUDCLI-STATUSINJSON: true', async () => {
    const headers = { 'X-CLOUDCLI-STATUSINJSON': 'true' }
    const ok = await c.call('GET', '/service/servers', { headers })
    expect(ok.status).toBe(200)
    expect((ok.body as { status: number }).status).toBe(200)
    expect((ok.body as { response: unknown[] }).response).toHaveLength(12)
    const missing = await c.call('POST', '/service/server/info', { headers, json: { name: 'nothing-here' } })
    expect(missing).toEqual({
      status: 200,
      body: { response: { message: "No servers found (name='nothing-here')" }, status: 500 },
    })
  })

  it('answers unknown paths with a JSON 404 and the wrong method with 405', async () => {
    expect(await c.call('GET', '/service/nothing')).toEqual({ status: 404, body: { message: 'Not Found' } })
    expect((await c.call('GET', '/service/server/info')).status).toBe(405)
  })

  it('counts /service and /server requests', async () => {
    const before = c.sim.requests
    await c.call('GET', '/service/servers')
    await c.call('GET', '/')
    expect(c.sim.requests).toBe(before + 1)
  })
})

describe('servers and info', () => {
  it('lists servers with id, name, power and datacenter, ids stable per seed', async () => {
    const r = await c.call('GET', '/service/servers')
    const list = r.body as Array<Record<string, string>>
    expect(list[0]).toEqual({
      id: stableServerId('seed:EU:web-eu-01'),
      name: 'web-eu-01',
      power: 'on',
      datacenter: 'EU',
    })
    expect(new Set(list.map((s) => s.datacenter))).toEqual(new Set(['EU', 'US-NY2', 'IL']))
    expect(list.some((s) => s.power === 'off')).toBe(true)
  })

  it('gives full info objects with string flags and prices', async () => {
    const r = await c.call('POST', '/service/server/info', { json: { name: 'db-eu-01' } })
    expect(r.status).toBe(200)
    const [info] = r.body as Array<Record<string, unknown>>
    expect(info).toMatchObject({
      name: 'db-eu-01',
      datacenter: 'EU',
      power: 'on',
      cpu: '4D',
      ram: 16384,
      diskSizes: [50, 200],
      billing: 'monthly',
      traffic: 'b50',
      managed: '0',
      backup: '1',
    })
    const networks = info?.networks as Array<{ network: string; ips: string[] }>
    expect(networks[0]?.network).toBe('wan-eu')
    expect(networks[0]?.ips[0]).toMatch(/^\d+\.\d+\.\d+\.\d+$/)
    expect(networks[1]?.network).toBe('10482-backend')
    for (const key of ['priceMonthlyOn', 'priceHourlyOn', 'priceHourlyOff']) expect(typeof info?.[key]).toBe('string')
    expect(info?.priceHourlyOff).toBe(info?.priceHourlyOn)
  })

  it('accepts form bodies like the Go cloudcli', async () => {
    const r = await c.call('POST', '/service/server/info', { form: { name: 'web-ny-01' } })
    expect((r.body as Array<{ name: string }>).map((s) => s.name)).toEqual(['web-ny-01'])
  })

  it('says No servers found, or [] with allow-no-servers', async () => {
    expect(await c.call('POST', '/service/server/info', { json: { name: 'ghost' } })).toEqual({
      status: 500,
      body: { message: "No servers found (name='ghost')" },
    })
    expect(await c.call('POST', '/service/server/info', { json: { id: 'ffff-0000' } })).toEqual({
      status: 500,
      body: { message: "No servers found (id='ffff-0000')" },
    })
    expect(await c.call('POST', '/service/server/info', { json: { name: 'ghost', 'allow-no-servers': true } })).toEqual(
      { status: 200, body: [] },
    )
  })

  it('treats id plus name, or neither, as an exception inside the proxy', async () => {
    const both = await c.call('POST', '/service/server/poweron', {
      json: { id: stableServerId('seed:EU:web-eu-01'), name: 'web-eu-01' },
    })
    expect(both).toEqual({ status: 500, body: { message: 'Failed to run command method (poweronServer)' } })
    const neither = await c.call('POST', '/service/server/info', { json: {} })
    expect(neither).toEqual({ status: 500, body: { message: 'Failed to run command method (serversInfo)' } })
  })
})

describe('name regex anchoring', () => {
  let r: Client
  beforeAll(async () => {
    r = await start({
      seed: {
        servers: [
          { name: 'web-1', datacenter: 'EU' },
          { name: 'web-10', datacenter: 'EU' },
          { name: 'srv(1)', datacenter: 'IL' },
        ],
      },
    })
  })
  afterAll(() => r.close())

  const names = async (name: string): Promise<unknown> => {
    const res = await r.call('POST', '/service/server/info', { json: { name } })
    return res.status === 200 ? (res.body as Array<{ name: string }>).map((s) => s.name) : res.body
  }

  it('anchors the pattern at both ends', async () => {
    expect(await names('web.1')).toEqual(['web-1'])
    expect(await names('web-1.*')).toEqual(['web-1', 'web-10'])
  })

  it('reads parentheses as a group, so srv(1) does not match the literal name', async () => {
    expect(await names('srv(1)')).toEqual({ message: "No servers found (name='srv(1)')" })
    expect(await names('srv\\(1\\)')).toEqual(['srv(1)'])
  })

  it('sends a name action to every matching server', async () => {
    const res = await r.call('POST', '/service/server/poweroff', { json: { name: 'web-.*' } })
    expect(idsOf(res.body)).toHaveLength(2)
  })

  it('fails like PHP on a pattern PCRE refuses', async () => {
    expect(await names('web(')).toEqual({ message: 'Failed to run command method (serversInfo)' })
  })
})

describe('async commands and the queue', () => {
  it('powers off at completion, with a numeric id and a growing log in the queue', async () => {
    const id = stableServerId('seed:US-NY2:web-ny-01')
    const res = await c.call('POST', '/service/server/poweroff', { json: { id } })
    const [cmd] = idsOf(res.body)
    expect(c.sim.state.server(id)?.power).toBe('on')
    const seen = new Set<string>()
    const logs: string[] = []
    let item: QueueItem
    for (;;) {
      item = ((await c.call('GET', `/service/queue?id=${cmd}`)).body as QueueItem[])[0] as QueueItem
      seen.add(item.status)
      logs.push(item.log)
      if (item.status === 'complete') break
      await sleep(10)
    }
    expect(item.id).toBe(Number(cmd))
    expect(item).toMatchObject({ server: 'web-ny-01', description: 'Power Off Server' })
    expect(item.completed).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)
    expect(seen).toEqual(new Set(['pending', 'executing', 'progress', 'complete']))
    expect(logs[0]).toBe('')
    expect(logs.at(-1)).toBe('Powering off server...\nServer powered off')
    expect(c.sim.state.server(id)?.power).toBe('off')
    const on = idsOf((await c.call('POST', '/service/server/poweron', { json: { id } })).body)
    expect((await waitCommand(c, on[0] ?? '')).status).toBe('complete')
    expect(c.sim.state.server(id)?.power).toBe('on')
  })

  it('reboots, and fails the reboot of a powered-off server in the log', async () => {
    const ok = idsOf((await c.call('POST', '/service/server/reboot', { json: { name: 'vpn-il-01' } })).body)
    expect((await waitCommand(c, ok[0] ?? '')).status).toBe('complete')
    const off = idsOf((await c.call('POST', '/service/server/reboot', { json: { name: 'cache-ny-01' } })).body)
    const item = await waitCommand(c, off[0] ?? '')
    expect(item.status).toBe('error')
    expect(item.log).toContain('powered off')
  })

  it('answers one item per space-separated id, [] without id, and {log} with log=true', async () => {
    const a = idsOf((await c.call('POST', '/service/server/poweron', { json: { name: 'web-eu-01' } })).body)[0]
    const b = idsOf((await c.call('POST', '/service/server/poweron', { json: { name: 'web-eu-02' } })).body)[0]
    const both = (await c.call('GET', `/service/queue?id=${a}%20${b}`)).body as QueueItem[]
    expect(both.map((i) => i.id)).toEqual([Number(a), Number(b)])
    expect(await c.call('GET', '/service/queue')).toEqual({ status: 200, body: [] })
    const logOnly = (await c.call('GET', `/service/queue?id=${a}&log=true`)).body as Array<Record<string, unknown>>
    expect(Object.keys(logOnly[0] ?? {})).toEqual(['log'])
    expect((await c.call('GET', `/service/queue?id=${a}&wait=true`)).body).toEqual([])
    await waitCommand(c, b ?? '')
  })

  it('renames at completion', async () => {
    const seeded = await start({ seed: { servers: [{ name: 'old-name', datacenter: 'EU' }] } })
    const res = await seeded.call('POST', '/service/server/rename', {
      json: { name: 'old-name', 'new-name': 'new-name' },
    })
    expect((await waitCommand(seeded, idsOf(res.body)[0] ?? '')).status).toBe('complete')
    expect(seeded.sim.state.serversNamed('new-name')).toHaveLength(1)
    expect((await seeded.call('POST', '/service/server/rename', { json: { name: 'new-name' } })).body).toEqual({
      message: 'missing required flag (new-name)',
    })
    await seeded.close()
  })
})

describe('terminate', () => {
  it('previews with dryrun and deletes nothing', async () => {
    const r = await c.call('POST', '/service/server/terminate', {
      json: { name: 'web-eu-0.', force: true, dryrun: true },
    })
    expect(r.body).toEqual({ dryrun: true, 'server-names': ['web-eu-01', 'web-eu-02'] })
    expect(c.sim.state.serversNamed('web-eu-01')).toHaveLength(1)
  })

  it('refuses a powered-on server without force, and removes it at completion with force', async () => {
    const t = await start({
      seed: {
        servers: [
          { name: 'doomed-1', datacenter: 'IL' },
          { name: 'stopped-1', datacenter: 'IL', power: 'off' },
        ],
      },
    })
    const refused = await t.call('POST', '/service/server/terminate', { json: { name: 'doomed-1' } })
    expect(refused.status).toBe(500)
    expect((refused.body as { message: string }).message).toMatch(/powered on/)
    const stopped = idsOf((await t.call('POST', '/service/server/terminate', { form: { name: 'stopped-1' } })).body)
    const forced = idsOf(
      (await t.call('POST', '/service/server/terminate', { form: { name: 'doomed-1', force: 'true' } })).body,
    )
    expect((await t.call('GET', '/service/servers')).body).toHaveLength(2)
    await waitCommand(t, stopped[0] ?? '')
    await waitCommand(t, forced[0] ?? '')
    expect((await t.call('GET', '/service/servers')).body).toEqual([])
    await t.close()
  })
})

describe('create and clone', () => {
  it('creates a server that shows up when the command completes, logging Name:', async () => {
    const res = await c.call('POST', '/service/server', {
      json: newServer('app-eu-01', {
        cpu: '2B',
        ram: 2048,
        disk: 'size=20 size=100',
        network: 'id=0,name=wan,ip=auto id=1,name=10482-backend,ip=auto',
        tag: 'a b',
      }),
    })
    const [cmd] = idsOf(res.body)
    expect(c.sim.state.serversNamed('app-eu-01')).toHaveLength(0)
    const item = await waitCommand(c, cmd ?? '')
    expect(item.status).toBe('complete')
    expect(item.log.split('\n')).toContain('Name: app-eu-01')
    const info = (await c.call('POST', '/service/server/info', { json: { name: 'app-eu-01' } })).body as Array<
      Record<string, unknown>
    >
    expect(info[0]).toMatchObject({
      cpu: '2B',
      ram: 2048,
      diskSizes: [20, 100],
      power: 'on',
      billing: 'hourly',
      traffic: '',
    })
    expect((info[0]!.networks as unknown[]).length).toBe(2)
  })

  it('suffixes a clashing name with (1), which the name regex then cannot find literally', async () => {
    const res = await c.call('POST', '/service/server', {
      json: newServer('web-ny-01', { datacenter: 'US-NY2', image: 'Ubuntu Server version 22.04 LTS (jammy) 64-bit' }),
    })
    const item = await waitCommand(c, idsOf(res.body)[0] ?? '')
    expect(item.log).toMatch(/^Name: web-ny-01\(1\)$/m)
    expect(item.server).toBe('web-ny-01(1)')
    expect((await c.call('POST', '/service/server/info', { json: { name: 'web-ny-01(1)' } })).status).toBe(500)
    expect((await c.call('POST', '/service/server/info', { json: { name: 'web-ny-01\\(1\\)' } })).status).toBe(200)
  })

  it('keeps the clashing name with nameClashSuffix: false', async () => {
    const plain = await start({ nameClashSuffix: false, seed: { servers: [{ name: 'twin', datacenter: 'EU' }] } })
    const res = await plain.call('POST', '/service/server', {
      json: newServer('twin', { image: ubuntuEu.split(':')[1] }),
    })
    expect((await waitCommand(plain, idsOf(res.body)[0] ?? '')).log).toMatch(/^Name: twin$/m)
    expect(plain.sim.state.serversNamed('twin')).toHaveLength(2)
    await plain.close()
  })

  it('generates a password with __generate__', async () => {
    const res = await c.call('POST', '/service/server', {
      json: newServer('gen-pass-01', {
        password: '__generate__',
        poweronaftercreate: 'no',
        billingcycle: 'monthly',
        monthlypackage: 'b50',
      }),
    })
    const body = res.body as { commandIds: string[]; password: string }
    expect(body.password).toMatch(/^[a-z]{7}[A-Z]{7}[0-9]{4}[!@#$^&*()~]{2}$/)
    await waitCommand(c, body.commandIds[0] ?? '')
    expect(c.sim.state.serversNamed('gen-pass-01')[0]).toMatchObject({
      power: 'off',
      billing: 'monthly',
      traffic: 'b50',
      password: body.password,
    })
  })

  it('validates fields like the proxy: 400 flag errors and 500 exceptions', async () => {
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ ...newServer('x'), name: undefined }, 400, 'missing required flag (name)'],
      [newServer('ok-name', { password: undefined }), 400, 'missing required flag (password)'],
      [newServer('ok-name', { datacenter: undefined }), 400, 'missing required flag (datacenter)'],
      [newServer('no'), 400, 'invalid flag value (name=no)'],
      [newServer('bad name!'), 400, 'invalid flag value (name=bad name!)'],
      [newServer('ok-name', { disk: 'size=20 size' }), 400, 'invalid flag value (disk=size=20 size)'],
      [newServer('ok-name', { disk: 'id=5,size=20' }), 400, 'invalid item id: 5 (disk=id=5,size=20)'],
      [
        newServer('ok-name', { disk: 'size=1 size=2 size=3 size=4 size=5' }),
        400,
        'invalid item ids (disk=size=1 size=2 size=3 size=4 size=5)',
      ],
      [
        newServer('ok-name', { network: 'id=0,name=wan,ip=auto id=0,name=wan,ip=auto' }),
        400,
        'duplicate item id: 0 (network=id=0,name=wan,ip=auto id=0,name=wan,ip=auto)',
      ],
      [newServer('ok-name', { cpu: '3Z' }), 400, 'invalid flag value (cpu=3Z)'],
      [newServer('ok-name', { ram: 1000 }), 400, 'invalid flag value (ram=1000)'],
      [newServer('ok-name', { password: 'short' }), 500, 'Failed to run command method (createServer)'],
      [newServer('ok-name', { password: 'alllowercase123' }), 500, 'Failed to run command method (createServer)'],
      [
        newServer('ok-name', { image: ubuntuEu.replace('EU:', 'IL:') }),
        500,
        'Failed to run command method (createServer)',
      ],
      [newServer('ok-name', { image: 'No Such OS' }), 500, 'Failed to run command method (createServer)'],
      [newServer('ok-name', { billingcycle: 'weekly' }), 500, 'Failed to run command method (createServer)'],
      [newServer('ok-name', { managed: true }), 500, 'Failed to run command method (createServer)'],
      [
        newServer('ok-name', { billingcycle: 'monthly', monthlypackage: 'x1' }),
        400,
        'invalid flag value (monthlypackage=x1)',
      ],
    ]
    for (const [json, status, message] of cases) {
      const r = await c.call('POST', '/service/server', { json })
      expect({ json, status: r.status, message: (r.body as { message: string }).message }).toEqual({
        json,
        status,
        message,
      })
    }
    const vlan = await c.call('POST', '/service/server', {
      json: newServer('ok-name', { network: 'name=wan,ip=auto name=nope,ip=auto' }),
    })
    expect(vlan.body).toMatchObject({ message: 'selected network was not found (5)' })
  })

  it('clears monthlypackage for hourly servers and accepts form bodies', async () => {
    const form = {
      name: 'form-made',
      password: 'Secr3tPassw0rd',
      datacenter: 'EU',
      image: ubuntuEu,
      monthlypackage: 'b50',
      dailybackup: 'yes',
    }
    const res = await c.call('POST', '/service/server', { form })
    await waitCommand(c, idsOf(res.body)[0] ?? '')
    expect(c.sim.state.serversNamed('form-made')[0]).toMatchObject({ billing: 'hourly', traffic: '', backup: true })
  })

  it('clones from one source, copying its configuration', async () => {
    const res = await c.call('POST', '/service/cloneServer', {
      json: { 'source-name': 'db-ny-01', name: 'db-ny-02', password: 'Secr3tPassw0rd' },
    })
    await waitCommand(c, idsOf(res.body)[0] ?? '')
    const copy = c.sim.state.serversNamed('db-ny-02')[0]
    expect(copy).toMatchObject({
      datacenter: 'US-NY2',
      cpu: '8D',
      ram: 32768,
      diskSizes: [100, 500],
      billing: 'monthly',
      traffic: 't10000',
      backup: true,
      managed: true,
    })
    expect(copy?.networks.map((n) => n.network)).toEqual(['wan-us-ny2', '20731-db-private'])
    const many = await c.call('POST', '/service/cloneServer', {
      json: { 'source-name': 'web-eu-.*', name: 'web-eu-03', password: 'Secr3tPassw0rd' },
    })
    expect(many).toEqual({ status: 500, body: { message: "Too many matching servers (name='web-eu-.*')" } })
    expect(
      (await c.call('POST', '/service/cloneServer', { json: { name: 'x-clone', password: 'Secr3tPassw0rd' } })).status,
    ).toBe(400)
  })
})

describe('configure', () => {
  const target = stableServerId('seed:IL:build-il-01')

  it('requires exactly one configuration flag and id or name', async () => {
    const expectMessage = async (json: unknown, message: string): Promise<void> => {
      expect(await c.call('POST', '/server/configure', { json })).toEqual({ status: 500, body: { message } })
    }
    await expectMessage({ id: target }, 'Please choose a configuration flag')
    await expectMessage({ id: target, cpu: '4B', ram: 4096 }, 'Please choose only 1 configuration flag at a time')
    await expectMessage({ cpu: '4B' }, 'Please choose --id or --name flags (but not both)')
    await expectMessage(
      { id: target, name: 'build-il-01', cpu: '4B' },
      'Please choose --id or --name flags (but not both)',
    )
    await expectMessage({ name: 'nobody', cpu: '4B' }, '--name flag did not match any servers')
    await expectMessage({ name: 'web-eu-.*', cpu: '4B' }, '--name flag must match a single server')
    await expectMessage(
      { id: target, billingcycle: 'hourly', monthlypackage: 't5000' },
      'monthlypackage is not allowed for hourly billing cycle',
    )
    await expectMessage(
      { id: target, dailybackup: 'maybe' },
      "Invalid value for --dailybackup. Valid values: 'yes' or 'no'",
    )
    // Terraform sends the whole DTO; empty values do not count.
    const dto = await c.call('POST', '/server/configure', {
      json: { id: target, cpu: '', ram: '6144', billingcycle: '', dailybackup: '', managed: '' },
    })
    expect(idsOf(dto.body)).toHaveLength(1)
    await waitCommand(c, idsOf(dto.body)[0] ?? '')
  })

  it('applies cpu, billing and managed changes when the command completes', async () => {
    const cpu = idsOf((await c.call('POST', '/server/configure', { form: { name: 'build-il-01', cpu: '8T' } })).body)
    expect(c.sim.state.server(target)?.cpu).toBe('4T')
    expect((await waitCommand(c, cpu[0] ?? '')).status).toBe('complete')
    expect(c.sim.state.server(target)?.cpu).toBe('8T')
    const monthly = idsOf(
      (
        await c.call('POST', '/server/configure', {
          json: { id: target, billingcycle: 'monthly', monthlypackage: 't5000' },
        })
      ).body,
    )
    await waitCommand(c, monthly[0] ?? '')
    const managed = idsOf((await c.call('POST', '/server/configure', { json: { id: target, managed: 'yes' } })).body)
    await waitCommand(c, managed[0] ?? '')
    expect(c.sim.state.server(target)).toMatchObject({ billing: 'monthly', traffic: 't5000', managed: true })
  })
})

describe('options', () => {
  it('lists datacenters', async () => {
    const dcs = (await c.call('GET', '/service/server?datacenter=1')).body as Array<Record<string, string>>
    expect(dcs.find((d) => d.id === 'EU')).toEqual({
      id: 'EU',
      name: 'The Netherlands',
      category: 'Europe',
      subCategory: 'Amsterdam',
    })
    for (const id of ['EU-LO', 'US-NY2', 'IL', 'AS']) expect(dcs.map((d) => d.id)).toContain(id)
  })

  it('lists images per datacenter, EU by default', async () => {
    const images = (await c.call('GET', '/service/server?images=1')).body as Array<Record<string, unknown>>
    expect(new Set(images.map((i) => i.os))).toEqual(new Set(['Ubuntu', 'Debian', 'CentOS', 'Windows']))
    for (const image of images) {
      expect(image.id).toMatch(/^EU:[0-9a-fA-F]{32}$/)
      expect(image).toMatchObject({
        datacenter: 'EU',
        osDiskSizeGB: expect.any(Number),
        ramMBMin: { A: expect.any(Number), B: expect.any(Number), D: expect.any(Number), T: expect.any(Number) },
      })
    }
    const il = (await c.call('GET', '/service/server?images=1&datacenter=IL')).body as Array<{ id: string }>
    expect(il[0]?.id.startsWith('IL:')).toBe(true)
  })

  it('gives capabilities and the three synthetic sizes', async () => {
    const caps = (await c.call('GET', '/service/server?capabilities=1&datacenter=EU')).body as Record<string, unknown>
    expect(caps.defaultMonthlyTrafficPackage).toBe('t5000')
    expect((caps.cpuTypes as Array<{ id: string }>).map((t) => t.id).sort()).toEqual(['A', 'B', 'D', 'T'])
    expect(caps.diskSizeGB).toContain(20)
    expect((await c.call('GET', '/service/server?sizes=1&datacenter=EU')).body).toEqual([
      { id: 'small', ramMB: 4096, cpuCores: 2, cpuType: 'B', diskSizeGB: 30, monthlyTrafficPackage: 't5000' },
      { id: 'medium', ramMB: 8192, cpuCores: 4, cpuType: 'B', diskSizeGB: 60, monthlyTrafficPackage: 't5000' },
      { id: 'large', ramMB: 16384, cpuCores: 8, cpuType: 'B', diskSizeGB: 100, monthlyTrafficPackage: 't5000' },
    ])
  })

  it('gives the full options map without a query', async () => {
    const map = (await c.call('GET', '/service/server')).body as Record<string, Record<string, unknown> | unknown[]>
    expect(map.datacenters).toMatchObject({ EU: 'EU: The Netherlands' })
    expect(map.cpu).toContain('2B')
    expect(map.billing).toEqual(['monthly', 'hourly'])
    expect((map.diskImages as Record<string, Array<Record<string, unknown>>>).EU?.[0]).toHaveProperty('description')
    expect((map.networks as Record<string, unknown[]>).EU).toContainEqual({ name: 'wan', ips: 'auto' })
  })
})

describe('faults', () => {
  it('delays answers', async () => {
    c.sim.faults.setLatency(120)
    const t0 = Date.now()
    await c.call('GET', '/service/servers')
    expect(Date.now() - t0).toBeGreaterThanOrEqual(100)
  })

  it('fails a fraction of requests', async () => {
    c.sim.faults.setErrorRate(1, 'Error response from server: boom')
    expect(await c.call('GET', '/service/servers')).toEqual({
      status: 500,
      body: { message: 'Error response from server: boom' },
    })
  })

  it('answers canned rules, with a body and a number of times', async () => {
    c.sim.faults.addRule({ method: 'POST', path: '/server/info', status: 502, message: 'Bad gateway', times: 1 })
    c.sim.faults.addRule({
      path: '/^\\/service\\/servers$/',
      status: 200,
      body: { errors: [{ code: 7, info: 'busy' }] },
      times: 1,
    })
    expect(await c.call('POST', '/service/server/info', { json: { name: 'web-eu-01' } })).toEqual({
      status: 502,
      body: { message: 'Bad gateway' },
    })
    expect((await c.call('POST', '/service/server/info', { json: { name: 'web-eu-01' } })).status).toBe(200)
    expect((await c.call('GET', '/service/servers')).body).toEqual({ errors: [{ code: 7, info: 'busy' }] })
    expect(Array.isArray((await c.call('GET', '/service/servers')).body)).toBe(true)
  })

  it('fails the next N server/info calls with Failed to run command method (serversInfo)', async () => {
    c.sim.faults.failServersInfo(2)
    const failure = { status: 500, body: { message: 'Failed to run command method (serversInfo)' } }
    expect(await c.call('POST', '/service/server/info', { json: { name: 'web-eu-01' } })).toEqual(failure)
    expect(await c.call('POST', '/service/server/info', { json: { name: 'web-eu-01' } })).toEqual(failure)
    expect((await c.call('POST', '/service/server/info', { json: { name: 'web-eu-01' } })).status).toBe(200)
  })

  it('drops the connection before processing: nothing happens', async () => {
    c.sim.faults.dropConnection({ method: 'POST', path: '/service/server' })
    const before = c.sim.state.commands.length
    await expect(c.call('POST', '/service/server', { json: newServer('lost-early') })).rejects.toThrow()
    expect(c.sim.state.commands.length).toBe(before)
  })

  it('drops the connection after processing: the create happens, its answer is lost', async () => {
    c.sim.faults.dropConnection({ method: 'POST', path: '/service/server', afterProcessing: true })
    await expect(c.call('POST', '/service/server', { json: newServer('lost-answer') })).rejects.toThrow()
    const command = c.sim.state.commands.at(-1)
    expect(command?.server).toBe('lost-answer')
    await waitCommand(c, String(command?.id))
    expect(c.sim.state.serversNamed('lost-answer')).toHaveLength(1)
  })

  it('ends the next command for a server in error, without effect', async () => {
    const id = stableServerId('seed:EU:api-eu-01')
    c.sim.faults.failNextCommand(id, 'Power off failed: hypervisor timeout')
    const [cmd] = idsOf((await c.call('POST', '/service/server/poweroff', { json: { id } })).body)
    const item = await waitCommand(c, cmd ?? '')
    expect(item.status).toBe('error')
    expect(item.log.split('\n').at(-1)).toBe('Power off failed: hypervisor timeout')
    expect(c.sim.state.server(id)?.power).toBe('on')
    c.sim.faults.failNextCommand('never-made', 'Not enough resources in datacenter')
    const create = idsOf((await c.call('POST', '/service/server', { json: newServer('never-made') })).body)
    expect((await waitCommand(c, create[0] ?? '')).status).toBe('error')
    expect(c.sim.state.serversNamed('never-made')).toHaveLength(0)
  })

  it('throttles like Laravel: 429 Too Many Attempts. with Retry-After, before checking the key pair', async () => {
    c.sim.faults.rateLimit({ method: 'GET', path: '/service/queue', times: 2, retryAfter: 3 })
    const first = await fetch(`${c.sim.url}/service/queue?id=1`, { headers: { Accept: 'application/json' } })
    expect(first.status).toBe(429)
    expect(await first.json()).toEqual({ message: 'Too Many Attempts.' })
    expect(first.headers.get('retry-after')).toBe('3')
    expect(first.headers.get('x-ratelimit-remaining')).toBe('0')
    expect(Number(first.headers.get('x-ratelimit-reset'))).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000))
    expect((await c.call('GET', '/service/queue?id=1')).status).toBe(429)
    expect((await c.call('GET', '/service/queue')).body).toEqual([])
    const log = c.sim.requestLog.filter((entry) => entry.path === '/service/queue').slice(-3)
    expect(log.map((entry) => entry.status)).toEqual([429, 429, 200])
    c.sim.faults.rateLimit({ path: '/service/servers', times: 1, retryAfter: 'Wed, 21 Oct 2026 07:28:00 GMT' })
    const dated = await fetch(`${c.sim.url}/service/servers`, {
      headers: { AuthClientId: c.sim.clientId, AuthSecret: c.sim.secret },
    })
    expect([dated.status, dated.headers.get('retry-after')]).toEqual([429, 'Wed, 21 Oct 2026 07:28:00 GMT'])
  })

  it('is settable over HTTP at /_simulator/faults', async () => {
    const set = await fetch(`${c.sim.url}/_simulator/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        serversInfoFailures: 1,
        rules: [{ path: '/service/queue', status: 503, times: 1 }],
        drops: [{ path: '/service/servers' }],
        rateLimits: [{ path: '/server/configure', retryAfter: 2, times: 1 }],
      }),
    })
    expect(await set.json()).toMatchObject({
      serversInfoFailures: 1,
      rules: [{ path: '/service/queue', status: 503 }],
      drops: [{ path: '/service/servers', times: 1 }],
      rateLimits: [{ path: '/server/configure', retryAfter: 2, times: 1 }],
    })
    expect((await c.call('POST', '/server/configure', { json: {} })).status).toBe(429)
    expect((await c.call('POST', '/service/server/info', { json: { name: 'web-eu-01' } })).status).toBe(500)
    expect((await c.call('GET', '/service/queue?id=1')).status).toBe(503)
    await expect(c.call('GET', '/service/servers')).rejects.toThrow()
    const cleared = await fetch(`${c.sim.url}/_simulator/faults`, { method: 'DELETE' })
    expect(await cleared.json()).toMatchObject({ serversInfoFailures: 0, rules: [], drops: [], rateLimits: [] })
  })
})
