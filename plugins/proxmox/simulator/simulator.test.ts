import { Agent } from 'undici'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createProxmoxSimulator } from './index.js'
import type { ProxmoxSimulator, ProxmoxSimulatorOptions } from './index.js'

interface Reply {
  status: number
  reason: string
  connection: string | null
  body: { data: unknown; errors?: Record<string, string>; message?: string; total?: number }
}

interface Client {
  sim: ProxmoxSimulator
  call(
    method: string,
    path: string,
    init?: { form?: string; json?: unknown; headers?: Record<string, string> },
  ): Promise<Reply>
  close(): Promise<void>
}

async function start(options: ProxmoxSimulatorOptions = {}): Promise<Client> {
  const sim = await createProxmoxSimulator({ taskDurationMs: 150, agentWarmupPolls: 2, ...options })
  const dispatcher = new Agent({ connect: sim.caPem ? { ca: sim.caPem } : {} })
  const token = { Authorization: `PVEAPIToken=${sim.tokenId}=${sim.tokenSecret}` }
  return {
    sim,
    async call(method, path, init = {}) {
      const headers: Record<string, string> = { ...token, ...init.headers }
      let body: string | undefined
      if (init.form !== undefined) {
        headers['Content-Type'] = 'application/x-www-form-urlencoded'
        body = init.form
      } else if (init.json !== undefined) {
        headers['Content-Type'] = 'application/json'
        body = JSON.stringify(init.json)
      }
      const url =
        path.startsWith('/_') || path.startsWith('/api2') ? `${sim.url}${path}` : `${sim.url}/api2/json${path}`
      const res = await fetch(url, { method, headers, body, dispatcher } as RequestInit & { dispatcher: Agent })
      return {
        status: res.status,
        reason: res.statusText,
        connection: res.headers.get('connection'),
        body: (await res.json()) as Reply['body'],
      }
    },
    async close() {
      await sim.close()
      await dispatcher.close()
    },
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
const taskPath = (upid: unknown): string =>
  `/nodes/${String(upid).split(':')[1]}/tasks/${encodeURIComponent(String(upid))}`

async function waitTask(c: Client, upid: unknown): Promise<Record<string, unknown>> {
  for (;;) {
    const r = await c.call('GET', `${taskPath(upid)}/status`)
    const data = r.body.data as Record<string, unknown>
    if (data.status === 'stopped') return data
    await sleep(25)
  }
}

let c: Client
beforeAll(async () => {
  c = await start()
})
afterAll(() => c.close())
afterEach(() => c.sim.faults.reset())

describe('transport and envelope', () => {
  it('wraps data in {"data": ...} over HTTPS trusted through the CA PEM', async () => {
    expect(c.sim.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
    const r = await c.call('GET', '/version')
    expect(r.status).toBe(200)
    expect(r.body).toEqual({ data: { version: '8.3.0', release: '8.3', repoid: 'c1689ccb', console: 'html5' } })
  })

  it('puts the error message in the reason phrase and the body, and closes the connection', async () => {
    const r = await c.call('POST', '/nodes/pve1/qemu/100/status/start')
    expect(r.status).toBe(500)
    expect(r.reason).toBe('VM 100 already running')
    expect(r.body).toEqual({ data: null, message: 'VM 100 already running\n' })
    expect(r.connection).toBe('close')
  })

  it('answers 501 for unknown paths, paths without a format and bodies on GET', async () => {
    const unknown = await c.call('GET', '/foo')
    expect([unknown.status, unknown.reason]).toEqual([501, "Method 'GET /foo' not implemented"])
    const wrongMethod = await c.call('PUT', '/version')
    expect(wrongMethod.reason).toBe("Method 'PUT /version' not implemented")
    const noFormat = await c.call('GET', '/api2/nodes')
    expect([noFormat.status, noFormat.reason]).toEqual([501, 'no such uri'])
    const body = await c.call('DELETE', '/nodes/pve1/qemu/103', { form: 'purge=1' })
    expect([body.status, body.reason]).toEqual([501, "Unexpected content for method 'DELETE'"])
  })

  it('leaves message out of error bodies with legacyErrors', async () => {
    const legacy = await start({ legacyErrors: true, tls: false })
    try {
      expect(legacy.sim.url).toMatch(/^http:\/\//)
      const r = await legacy.call('GET', '/nodes/pve1/qemu/4242/status/current')
      expect(r.reason).toBe("Configuration file 'nodes/pve1/qemu-server/4242.conf' does not exist")
      expect(r.body).toEqual({ data: null })
    } finally {
      await legacy.close()
    }
  })
})

describe('authentication', () => {
  it('refuses requests without credentials (No ticket) and with a bad token', async () => {
    const none = await c.call('GET', '/version', { headers: { Authorization: '' } })
    expect([none.status, none.reason]).toEqual([401, 'No ticket'])
    const bad = await c.call('GET', '/version', { headers: { Authorization: `PVEAPIToken=${c.sim.tokenId}=wrong` } })
    expect([bad.status, bad.reason]).toEqual([401, 'Authentication failed!'])
  })

  it('logs in for a ticket, needs the CSRF token on writes, and renews the ticket', async () => {
    const login = await c.call('POST', '/access/ticket', {
      headers: { Authorization: '' },
      form: new URLSearchParams({ username: c.sim.username, password: c.sim.password }).toString(),
    })
    const grant = login.body.data as {
      ticket: string
      CSRFPreventionToken: string
      username: string
      clustername: string
    }
    expect(grant).toMatchObject({ username: 'root@pam', clustername: 'lab' })
    expect(grant.ticket).toMatch(/^PVE:root@pam:[0-9A-F]{8}:/)
    const cookie = { Authorization: '', Cookie: `PVEAuthCookie=${encodeURIComponent(grant.ticket)}` }
    expect((await c.call('GET', '/nodes', { headers: cookie })).status).toBe(200)
    expect(
      (await c.call('GET', '/nodes', { headers: { Authorization: `PVEAuthCookie=${grant.ticket}` } })).status,
    ).toBe(200)
    const noCsrf = await c.call('POST', '/nodes/pve1/qemu/103/status/stop', { headers: cookie })
    expect([noCsrf.status, noCsrf.reason]).toEqual([401, 'Permission denied - invalid csrf token'])
    const withCsrf = await c.call('POST', '/nodes/pve1/qemu/103/status/stop', {
      headers: { ...cookie, CSRFPreventionToken: grant.CSRFPreventionToken },
    })
    expect(String(withCsrf.body.data)).toMatch(/:qmstop:103:root@pam:$/)
    const renewed = await c.call('POST', '/access/ticket', {
      headers: { Authorization: '' },
      form: new URLSearchParams({ username: 'root@pam', password: grant.ticket }).toString(),
    })
    expect((renewed.body.data as { ticket: string }).ticket).not.toBe(grant.ticket)
    const wrong = await c.call('POST', '/access/ticket', {
      headers: { Authorization: '' },
      form: 'username=root@pam&password=nope',
    })
    expect([wrong.status, wrong.body.data]).toEqual([401, null])
  })

  it('expires tickets after ticketLifetimeMs', async () => {
    const short = await start({ ticketLifetimeMs: 50, tls: false })
    try {
      const login = await short.call('POST', '/access/ticket', {
        form: `username=root@pam&password=${short.sim.password}`,
      })
      const ticket = (login.body.data as { ticket: string }).ticket
      await sleep(80)
      const r = await short.call('GET', '/nodes', { headers: { Authorization: `PVEAuthCookie=${ticket}` } })
      expect([r.status, r.reason]).toEqual([401, 'Authentication failed!'])
    } finally {
      await short.close()
    }
  })
})

describe('parameter validation', () => {
  it('accepts only 0|1 for booleans in forms, and real booleans in JSON', async () => {
    const r = await c.call('POST', '/nodes/pve1/qemu/103/status/stop', { form: 'skiplock=true' })
    expect([r.status, r.reason]).toEqual([400, 'Parameter verification failed.'])
    expect(r.body).toEqual({
      data: null,
      errors: { skiplock: "type check ('boolean') failed - got 'true'" },
      message: 'Parameter verification failed.\n',
    })
    const json = await c.call('POST', '/nodes/pve1/qemu/103/status/stop', { json: { skiplock: true } })
    expect(json.status).toBe(200)
  })

  it('rejects unknown and missing parameters, enums, ranges and bad sshkeys', async () => {
    const r = await c.call('POST', '/nodes/pve1/qemu/9000/clone', { form: 'name=x&bogus=1' })
    expect(r.body.errors).toEqual({
      newid: 'property is missing and it is not optional',
      bogus: 'property is not defined in schema and the schema does not allow additional properties',
    })
    const enumError = await c.call('GET', '/cluster/resources?type=vms')
    expect(enumError.body.errors?.type).toBe(
      "value 'vms' does not have a value in the enumeration 'vm, storage, node, sdn'",
    )
    const range = await c.call('POST', '/nodes/pve1/qemu/9000/clone', { form: 'newid=5' })
    // PVE checks the named format before the range.
    expect(range.body.errors?.newid).toBe('invalid format - value does not look like a valid VM ID\n')
    const max = await c.call('POST', '/nodes/pve1/qemu/103/config', { form: 'background_delay=31' })
    expect(max.body.errors?.background_delay).toBe('value must have a maximum value of 30')
    const keys = await c.call('PUT', '/nodes/pve1/qemu/103/config', { form: 'sshkeys=ssh-ed25519+AAAA+me%40host' })
    expect(keys.body.errors?.sshkeys).toBe('invalid format - invalid urlencoded string: ssh-ed25519 AAAA me@host\n')
    const integer = await c.call('PUT', '/nodes/pve1/qemu/103/config', { form: 'cores=two' })
    expect(integer.body.errors?.cores).toBe("type check ('integer') failed - got 'two'")
  })

  it('checks property strings and path parameters against the body', async () => {
    const net = await c.call('PUT', '/nodes/pve1/qemu/103/config', {
      form: `net0=${encodeURIComponent('virtio,bridge=vmbr0,colour=red')}`,
    })
    expect(net.body.errors?.net0).toBe('invalid format - invalid key in comma-separated list property: colour\n')
    const dup = await c.call('POST', '/nodes/pve1/qemu/103/status/start', { form: 'vmid=104' })
    expect(dup.body.errors?.vmid).toBe('duplicate parameter (already defined in URI) with conflicting values!')
    const keys = encodeURIComponent(encodeURIComponent('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGm deploy@gw\n'))
    const ok = await c.call('PUT', '/nodes/pve1/qemu/103/config', {
      form: `sshkeys=${keys}&net0=${encodeURIComponent('virtio,bridge=vmbr0,firewall=1')}`,
    })
    expect(ok.body).toEqual({ data: null })
    expect(c.sim.state.guest(103)?.config.sshkeys).toBe(decodeURIComponent(keys))
  })

  it('turns repeated form keys into arrays (agent exec)', async () => {
    const start = await c.call('POST', '/nodes/pve1/qemu/101/agent/exec', {
      form: 'command=echo&command=hello&command=world',
    })
    const pid = (start.body.data as { pid: number }).pid
    await sleep(100)
    const status = await c.call('GET', `/nodes/pve1/qemu/101/agent/exec-status?pid=${pid}`)
    expect(status.body.data).toEqual({ exited: 1, exitcode: 0, 'out-data': 'hello world\n' })
  })
})

describe('tasks', () => {
  it('returns UPIDs in the exact format, with the token user', async () => {
    const r = await c.call('POST', '/nodes/pve2/lxc/203/status/start')
    expect(r.body.data).toMatch(/^UPID:pve2:[0-9A-F]{8}:[0-9A-F]{8}:[0-9A-F]{8}:vzstart:203:hangar@pve!gateway:$/)
    expect(String(r.body.data).split(':')).toHaveLength(9)
    await waitTask(c, r.body.data)
    expect(c.sim.state.guest(203)?.status).toBe('running')
  })

  it('reports running, then stopped with exitstatus OK, and the log grows to TASK OK', async () => {
    const r = await c.call('POST', '/nodes/pve1/qemu/9000/clone', { form: 'newid=300&name=app-300&full=1' })
    const upid = r.body.data
    const first = await c.call('GET', `${taskPath(upid)}/status`)
    expect(first.body.data).toMatchObject({ status: 'running', type: 'qmclone', id: '9000', node: 'pve1' })
    expect(first.body.data).not.toHaveProperty('exitstatus')
    const early = await c.call('GET', `${taskPath(upid)}/log`)
    const status = await waitTask(c, upid)
    expect(status.exitstatus).toBe('OK')
    const log = await c.call('GET', `${taskPath(upid)}/log?start=0&limit=0`)
    const lines = log.body.data as Array<{ n: number; t: string }>
    expect(log.body.total).toBe(lines.length)
    expect(lines.length).toBeGreaterThan((early.body.data as unknown[]).length)
    expect(lines.at(-1)).toEqual({ n: lines.length, t: 'TASK OK' })
    const tail = await c.call('GET', `${taskPath(upid)}/log?start=${lines.length - 1}&limit=5`)
    expect(tail.body).toEqual({ data: [{ n: lines.length, t: 'TASK OK' }], total: lines.length })
  })

  it('gives "no content" for an empty log and 400s for unknown UPIDs', async () => {
    const r = await c.call('POST', '/nodes/pve1/qemu/101/status/reboot')
    const log = await c.call('GET', `${taskPath(r.body.data)}/log`)
    expect(log.body.data).toEqual([{ n: 1, t: 'no content' }])
    const garbled = await c.call('GET', '/nodes/pve1/tasks/nope/status')
    expect(garbled.body.errors).toEqual({ upid: 'unable to parse worker upid' })
    const elsewhere = await c.call('GET', `/nodes/pve2/tasks/${encodeURIComponent(String(r.body.data))}/status`)
    expect(elsewhere.body.errors).toEqual({ upid: 'no such task' })
    await waitTask(c, r.body.data)
  })

  it('stops a running task on DELETE and lists tasks', async () => {
    const r = await c.call('POST', '/nodes/pve2/qemu/105/status/start')
    expect((await c.call('DELETE', taskPath(r.body.data))).body).toEqual({ data: null })
    const status = await waitTask(c, r.body.data)
    expect(status.exitstatus).toBe('interrupted by signal')
    expect(c.sim.state.guest(105)?.status).toBe('stopped')
    const list = await c.call('GET', '/nodes/pve2/tasks?vmid=105&source=all')
    expect((list.body.data as Array<{ upid: string; status: string }>)[0]).toMatchObject({
      upid: r.body.data,
      status: 'interrupted by signal',
    })
  })
})

describe('guests', () => {
  it('answers with PVE messages for unknown vmids and vmids on another node', async () => {
    const missing = await c.call('GET', '/nodes/pve1/qemu/4242/status/current')
    expect([missing.status, missing.reason]).toEqual([
      500,
      "Configuration file 'nodes/pve1/qemu-server/4242.conf' does not exist",
    ])
    const wrongNode = await c.call('GET', '/nodes/pve2/qemu/100/config')
    expect(wrongNode.reason).toBe("Configuration file 'nodes/pve2/qemu-server/100.conf' does not exist")
    const ct = await c.call('GET', '/nodes/pve1/lxc/4242/status/current')
    expect(ct.reason).toBe("Configuration file 'nodes/pve1/lxc/4242.conf' does not exist")
  })

  it('locks a clone target until the clone task ends', async () => {
    const r = await c.call('POST', '/nodes/pve1/qemu/9000/clone', { form: 'newid=301&name=app-301' })
    expect(c.sim.state.guest(301)?.lock).toBe('clone')
    const config = await c.call('GET', '/nodes/pve1/qemu/301/config')
    expect(config.body.data).toMatchObject({ lock: 'clone', name: 'app-301', agent: '1', cores: 1 })
    const start = await c.call('POST', '/nodes/pve1/qemu/301/status/start')
    expect([start.status, start.reason]).toEqual([500, 'VM is locked (clone)'])
    await waitTask(c, r.body.data)
    expect(c.sim.state.guest(301)?.lock).toBeUndefined()
    expect(
      String((await c.call('GET', '/nodes/pve1/qemu/301/config')).body.data && c.sim.state.guest(301)?.config.scsi0),
    ).toContain('base-9000-disk-0/vm-301-disk-0')
  })

  it('hands out nextid as a string, skipping ids in use, and 400s for taken ids', async () => {
    const next = await c.call('GET', '/cluster/nextid')
    expect(next.body.data).toBe('107')
    const taken = await c.call('GET', '/cluster/nextid?vmid=100')
    expect(taken.body.errors).toEqual({ vmid: 'VM 100 already exists' })
    expect((await c.call('GET', '/cluster/nextid?vmid=4000')).body.data).toBe('4000')
  })

  it('refuses to destroy a running VM, and removes a stopped one when the task ends', async () => {
    const running = await c.call('DELETE', '/nodes/pve1/qemu/102')
    expect(running.reason).toBe('VM 102 is running - destroy failed')
    const r = await c.call('DELETE', '/nodes/pve1/qemu/300?purge=1')
    expect(c.sim.state.guests.has(300)).toBe(true)
    await waitTask(c, r.body.data)
    expect(c.sim.state.guests.has(300)).toBe(false)
  })

  it('lists guests with plausible metrics and filters cluster resources', async () => {
    const vms = (await c.call('GET', '/cluster/resources?type=vm')).body.data as Array<Record<string, unknown>>
    expect(vms.every((v) => v.type === 'qemu' || v.type === 'lxc')).toBe(true)
    const web = vms.find((v) => v.name === 'web-01')
    expect(web).toMatchObject({
      id: 'qemu/100',
      node: 'pve1',
      status: 'running',
      maxmem: 4 * 1024 ** 3,
      tags: 'prod;web',
    })
    expect(web?.cpu).toBeGreaterThan(0)
    expect(vms.find((v) => v.vmid === 9000)).toMatchObject({ template: 1, name: 'debian-12-cloudinit' })
    const stopped = ((await c.call('GET', '/nodes/pve1/qemu')).body.data as Array<Record<string, unknown>>).find(
      (v) => v.vmid === 103,
    )
    expect(stopped).toMatchObject({ status: 'stopped', cpu: 0, mem: 0, uptime: 0 })
    const nodes = (await c.call('GET', '/cluster/resources?type=node')).body.data as Array<{ node: string }>
    expect(nodes.map((n) => n.node)).toEqual(['pve1', 'pve2'])
  })

  it('creates a container from the template with start=1', async () => {
    const content = await c.call('GET', '/nodes/pve2/storage/local/content?content=vztmpl')
    expect(content.body.data).toEqual([
      expect.objectContaining({ volid: 'local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst', content: 'vztmpl' }),
    ])
    const form = new URLSearchParams({
      vmid: '310',
      hostname: 'web-310',
      ostemplate: 'local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst',
      rootfs: 'local-lvm:8',
      net0: 'name=eth0,bridge=vmbr0,ip=dhcp',
      unprivileged: '1',
      start: '1',
      'ssh-public-keys': 'ssh-ed25519 AAAAC3 deploy@gw',
    })
    const r = await c.call('POST', '/nodes/pve2/lxc', { form: form.toString() })
    expect(c.sim.state.guest(310)?.lock).toBe('create')
    await waitTask(c, r.body.data)
    expect(c.sim.state.guest(310)).toMatchObject({ status: 'running', lock: undefined })
    const first = (await c.call('GET', '/nodes/pve2/lxc/310/interfaces')).body.data as Array<Record<string, string>>
    expect(first[1]).not.toHaveProperty('inet')
    await c.call('GET', '/nodes/pve2/lxc/310/interfaces')
    const later = (await c.call('GET', '/nodes/pve2/lxc/310/interfaces')).body.data as Array<Record<string, string>>
    expect(later[1]?.inet).toBe(`127.${c.sim.guestSubnet}.1.54/8`)
  })
})

describe('snapshots', () => {
  const list = async (path: string) => (await c.call('GET', `${path}/snapshot`)).body.data as Record<string, unknown>[]
  const take = async (path: string, form: string) => {
    const r = await c.call('POST', `${path}/snapshot`, { form })
    expect(r.status).toBe(200)
    return waitTask(c, r.body.data)
  }

  it(
    'keeps the guest locked (snapshot) while the task runs, ' + 'and ends with the snapshot as current parent',
    async () => {
      const r = await c.call('POST', '/nodes/pve2/qemu/104/snapshot', {
        form: 'snapname=Pre-Upgrade&description=before&vmstate=1',
      })
      expect(String(r.body.data)).toMatch(/^UPID:pve2:[0-9A-F]{8}:[0-9A-F]{8}:[0-9A-F]{8}:qmsnapshot:104:/)
      expect((await list('/nodes/pve2/qemu/104'))[0]).toMatchObject({ name: 'Pre-Upgrade', snapstate: 'prepare' })
      const blocked = await c.call('POST', '/nodes/pve2/qemu/104/status/reboot')
      expect(blocked.status).toBe(500)
      expect(blocked.reason).toBe('VM is locked (snapshot)')
      expect(await waitTask(c, r.body.data)).toMatchObject({ exitstatus: 'OK' })
      const items = await list('/nodes/pve2/qemu/104')
      expect(items).toEqual([
        { name: 'Pre-Upgrade', snaptime: expect.any(Number), description: 'before', vmstate: 1 },
        {
          name: 'current',
          digest: expect.any(String),
          running: 1,
          description: 'You are here!',
          parent: 'Pre-Upgrade',
        },
      ])
      const config = (await c.call('GET', '/nodes/pve2/qemu/104/config')).body.data as Record<string, unknown>
      expect(config.parent).toBe('Pre-Upgrade')
      expect(config.lock).toBeUndefined()
    },
  )

  it('refuses a used name and an unknown one inside the task, worded as PVE does', async () => {
    const again = await take('/nodes/pve2/qemu/104', 'snapname=Pre-Upgrade')
    expect(again.exitstatus).toBe("snapshot name 'Pre-Upgrade' already used")
    const rollback = await c.call('POST', '/nodes/pve2/qemu/104/snapshot/nope/rollback')
    expect(await waitTask(c, rollback.body.data)).toMatchObject({ exitstatus: "snapshot 'nope' does not exist" })
    const removal = await c.call('DELETE', '/nodes/pve2/qemu/104/snapshot/nope')
    expect(await waitTask(c, removal.body.data)).toMatchObject({ exitstatus: "snapshot 'nope' does not exist" })
    const reserved = await c.call('POST', '/nodes/pve2/qemu/104/snapshot', { form: 'snapname=current' })
    expect(reserved.reason).toBe("unable to use snapshot name 'current' (reserved name)")
    const bad = await c.call('POST', '/nodes/pve2/qemu/104/snapshot', { form: 'snapname=has%20space' })
    expect(bad.status).toBe(400)
    expect(bad.body.errors?.snapname).toContain('invalid configuration ID')
  })

  it('refuses a snapshot of a locked guest inside the task, leaving the other lock in place', async () => {
    c.sim.faults.setLock(106, 'backup')
    try {
      const r = await c.call('POST', '/nodes/pve2/qemu/106/snapshot', { form: 'snapname=during_backup' })
      expect(r.status).toBe(200)
      expect(await waitTask(c, r.body.data)).toMatchObject({ exitstatus: 'VM is locked (backup)' })
      expect(((await c.call('GET', '/nodes/pve2/qemu/106/config')).body.data as Record<string, unknown>).lock).toBe(
        'backup',
      )
      expect(await list('/nodes/pve2/qemu/106')).toHaveLength(1)
    } finally {
      c.sim.faults.setLock(106, null)
    }
    const template = await take('/nodes/pve1/qemu/9000', 'snapname=tpl')
    expect(template.exitstatus).toBe("you can't take a snapshot if it's a template")
  })

  it('saves no RAM for a stopped VM and has no vmstate parameter for containers', async () => {
    expect((await take('/nodes/pve2/qemu/106', 'snapname=cold&vmstate=1')).exitstatus).toBe('OK')
    expect((await list('/nodes/pve2/qemu/106'))[0]).toMatchObject({ name: 'cold', vmstate: 0 })
    const ct = await c.call('POST', '/nodes/pve2/lxc/204/snapshot', { form: 'snapname=ct1&vmstate=1' })
    expect(ct.status).toBe(400)
    expect(ct.body.errors).toHaveProperty('vmstate')
  })

  it('rolls back: the config as it was, and a VM snapshot with RAM state running again', async () => {
    expect((await take('/nodes/pve2/lxc/204', 'snapname=base')).exitstatus).toBe('OK')
    expect((await c.call('PUT', '/nodes/pve2/lxc/204/config', { form: 'memory=4096' })).status).toBe(200)
    expect((await take('/nodes/pve2/lxc/204', 'snapname=bigger')).exitstatus).toBe('OK')
    expect(await list('/nodes/pve2/lxc/204')).toMatchObject([
      { name: 'base' },
      { name: 'bigger', parent: 'base' },
      { name: 'current', parent: 'bigger' },
    ])
    const r = await c.call('POST', '/nodes/pve2/lxc/204/snapshot/base/rollback')
    expect(String(r.body.data)).toContain(':vzrollback:204:')
    expect((await waitTask(c, r.body.data)).exitstatus).toBe('OK')
    const config = (await c.call('GET', '/nodes/pve2/lxc/204/config')).body.data as Record<string, unknown>
    expect(config.memory).toBe(2048)
    expect(config.parent).toBe('base')

    const vm = await c.call('POST', '/nodes/pve2/qemu/104/snapshot/Pre-Upgrade/rollback')
    expect((await waitTask(c, vm.body.data)).exitstatus).toBe('OK')
    expect(
      ((await c.call('GET', '/nodes/pve2/qemu/104/status/current')).body.data as Record<string, unknown>).status,
    ).toBe('running')
  })

  it('deletes a snapshot, re-parenting its children and the current state', async () => {
    const r = await c.call('DELETE', '/nodes/pve2/lxc/204/snapshot/base')
    expect(String(r.body.data)).toContain(':vzdelsnapshot:204:')
    expect((await list('/nodes/pve2/lxc/204'))[0]).toMatchObject({ name: 'base', snapstate: 'delete' })
    expect((await waitTask(c, r.body.data)).exitstatus).toBe('OK')
    expect(await list('/nodes/pve2/lxc/204')).toEqual([
      { name: 'bigger', snaptime: expect.any(Number), description: '' },
      { name: 'current', digest: expect.any(String), running: 0, description: 'You are here!' },
    ])
  })
})

describe('guest agent', () => {
  it('is not running for the first polls after start, then shows link-local before IPv4', async () => {
    const r = await c.call('POST', '/nodes/pve1/qemu/103/status/start')
    const notYet = await c.call('GET', '/nodes/pve1/qemu/103/agent/network-get-interfaces')
    expect([notYet.status, notYet.reason]).toEqual([500, 'VM 103 is not running'])
    await waitTask(c, r.body.data)
    for (let i = 0; i < 2; i++) {
      const warming = await c.call('POST', '/nodes/pve1/qemu/103/agent/ping')
      expect(warming.reason).toBe('QEMU guest agent is not running')
    }
    const early = (await c.call('GET', '/nodes/pve1/qemu/103/agent/network-get-interfaces')).body.data as {
      result: Array<{ name: string; 'ip-addresses': Array<{ 'ip-address': string }> }>
    }
    expect(early.result.map((i) => i.name)).toEqual(['lo', 'eth0'])
    expect(early.result[1]?.['ip-addresses'].map((a) => a['ip-address'])).toEqual([expect.stringMatching(/^fe80::/)])
    await c.call('POST', '/nodes/pve1/qemu/103/agent/ping')
    const late = (await c.call('GET', '/nodes/pve1/qemu/103/agent/network-get-interfaces')).body.data as typeof early
    expect(late.result[1]?.['ip-addresses'][0]).toEqual({
      'ip-address-type': 'ipv4',
      'ip-address': `127.${c.sim.guestSubnet}.0.103`,
      prefix: 8,
    })
  })

  it('says No QEMU guest agent configured without agent=1', async () => {
    const r = await c.call('POST', '/nodes/pve2/qemu/106/agent/ping')
    expect([r.status, r.reason]).toEqual([500, 'No QEMU guest agent configured'])
  })
})

describe('fault injection', () => {
  it('applies latency and counts requests', async () => {
    c.sim.faults.setLatency(120)
    const before = c.sim.requests
    const started = Date.now()
    await c.call('GET', '/version')
    expect(Date.now() - started).toBeGreaterThanOrEqual(110)
    expect(c.sim.requests - before).toBe(1)
  })

  it('fails a fraction of requests with errorRate', async () => {
    c.sim.faults.setErrorRate(1)
    const r = await c.call('GET', '/version')
    expect([r.status, r.reason]).toEqual([500, "cfs-lock 'file-replication_cfg' error: got lock request timeout"])
  })

  it('answers matching requests from rules that expire after times', async () => {
    c.sim.faults.addRule({ method: 'GET', path: '/cluster/resources', status: 596, message: 'Broken pipe', times: 1 })
    c.sim.faults.addRule({ path: /\/qemu\/\d+\/config$/, status: 500, message: 'got timeout' })
    expect((await c.call('GET', '/cluster/resources')).status).toBe(596)
    expect((await c.call('GET', '/cluster/resources')).status).toBe(200)
    expect((await c.call('GET', '/nodes/pve1/qemu/100/config')).reason).toBe('got timeout')
  })

  it('breaks the pipe to one node and takes nodes offline', async () => {
    c.sim.faults.brokenPipeOn('pve2', 1)
    expect(await c.call('GET', '/nodes/pve2/status')).toMatchObject({ status: 596, reason: 'Broken pipe' })
    expect((await c.call('GET', '/nodes/pve2/status')).status).toBe(200)
    c.sim.faults.setNodeOnline('pve2', false)
    expect((await c.call('GET', '/nodes/pve2/qemu')).status).toBe(595)
    const nodes = (await c.call('GET', '/nodes')).body.data as Array<{ node: string; status: string }>
    expect(nodes.find((n) => n.node === 'pve2')?.status).toBe('offline')
    const vms = (await c.call('GET', '/cluster/resources?type=vm')).body.data as Array<{ vmid: number; status: string }>
    expect(vms.find((v) => v.vmid === 104)?.status).toBe('unknown')
  })

  it('times out file locks and honours guest locks', async () => {
    c.sim.faults.lockTimeout(101, 1)
    const r = await c.call('POST', '/nodes/pve1/qemu/101/status/shutdown')
    expect(r.reason).toBe("can't lock file '/var/lock/qemu-server/lock-101.conf' - got timeout")
    c.sim.faults.setLock(201, 'backup')
    expect((await c.call('POST', '/nodes/pve1/lxc/201/status/stop')).reason).toBe('CT is locked (backup)')
    expect((await c.call('GET', '/nodes/pve1/lxc/201/status/current')).body.data).toMatchObject({ lock: 'backup' })
    c.sim.faults.setLock(201, null)
  })

  it('fails or warns the next task of a vmid', async () => {
    c.sim.faults.failNextTask(105, "start failed: disk 'scsi0' missing")
    const failed = await waitTask(c, (await c.call('POST', '/nodes/pve2/qemu/105/status/start')).body.data)
    expect(failed.exitstatus).toBe("start failed: disk 'scsi0' missing")
    expect(c.sim.state.guest(105)?.status).toBe('stopped')
    c.sim.faults.warnNextTask(105)
    const upid = (await c.call('POST', '/nodes/pve2/qemu/105/status/start')).body.data
    expect((await waitTask(c, upid)).exitstatus).toBe('WARNINGS: 1')
    expect(c.sim.state.guest(105)?.status).toBe('running')
    const log = (await c.call('GET', `${taskPath(upid)}/log`)).body.data as Array<{ t: string }>
    expect(log.at(-1)?.t).toBe('TASK WARNINGS: 1')
  })

  it('is settable over HTTP outside api2', async () => {
    const set = await c.call('POST', '/_simulator/faults', {
      json: { rules: [{ path: '/version', status: 503, message: 'Service Unavailable', times: 1 }], latencyMs: 5 },
    })
    expect(set.body.data).toMatchObject({ latencyMs: 5, rules: [{ path: '/version', status: 503 }] })
    expect((await c.call('GET', '/version')).status).toBe(503)
    await c.call('POST', '/_simulator/faults', { json: { errorRate: 1 } })
    expect((await c.call('DELETE', '/_simulator/faults')).body.data).toMatchObject({ errorRate: 0, rules: [] })
    expect((await c.call('GET', '/version')).status).toBe(200)
  })
})
