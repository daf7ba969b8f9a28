import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createKamateraSimulator, stableServerId } from './index.js'
import type { KamateraSimulator } from './index.js'

let sim: KamateraSimulator
const web = stableServerId('seed:EU:web-eu-01')

beforeAll(async () => {
  sim = await createKamateraSimulator({ commandDurationMs: 120 })
})
afterAll(() => sim.close())

async function call(body: Record<string, unknown>, form = false): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = {
    AuthClientId: sim.clientId,
    AuthSecret: sim.secret,
    Accept: 'application/json',
  }
  headers['Content-Type'] = form ? 'application/x-www-form-urlencoded' : 'application/json'
  const payload = form ? new URLSearchParams(body as Record<string, string>).toString() : JSON.stringify(body)
  const res = await fetch(`${sim.url}/server/snapshot`, { method: 'POST', headers, body: payload })
  return { status: res.status, body: await res.json() }
}

async function finished(commandId: unknown): Promise<{ status: string; description: string; log: string }> {
  for (;;) {
    const res = await fetch(`${sim.url}/service/queue?id=${String(commandId)}`, {
      headers: { AuthClientId: sim.clientId, AuthSecret: sim.secret },
    })
    const [item] = (await res.json()) as Array<{ status: string; description: string; log: string }>
    if (item && (item.status === 'complete' || item.status === 'error')) return item
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

type Listed = { id: number; name: string; date: string; depth: number; active: boolean; child: unknown }

describe('POST /server/snapshot', () => {
  it('lists no snapshots as []', async () => {
    expect(await call({ id: web })).toEqual({ status: 200, body: [] })
  })

  it('answers a create with a bare number command id, and the queue runs it to complete', async () => {
    const created = await call({ id: web, create: 'first' })
    expect(created.status).toBe(200)
    expect(typeof created.body).toBe('number')
    expect(await finished(created.body)).toMatchObject({
      status: 'complete',
      description: 'Create Snapshot',
      log: 'Creating snapshot first...\nSnapshot created',
    })
    // Form bodies (the Go cloudcli) and `name` selectors work the same.
    const second = await call({ name: 'web-eu-01', create: 'second' }, true)
    expect(typeof second.body).toBe('number')
    await finished(second.body)
  })

  it(
    'lists the tree as cloudcli-server flattens it: descendants ' +
      'before their node, child emptied, depth and active kept',
    async () => {
      const listed = (await call({ id: web })).body as Listed[]
      expect(listed.map(({ name, depth, active, child }) => ({ name, depth, active, child }))).toEqual([
        { name: 'second', depth: 2, active: true, child: null },
        { name: 'first', depth: 1, active: false, child: null },
      ])
      for (const item of listed) {
        expect(typeof item.id).toBe('number')
        expect(item.date).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)
      }
    },
  )

  it('reverts to a snapshot id (bare number), which becomes active; a new snapshot then branches from it', async () => {
    const first = ((await call({ id: web })).body as Listed[]).find((s) => s.name === 'first')!
    const reverted = await call({ id: web, revert: String(first.id) })
    expect(typeof reverted.body).toBe('number')
    expect(await finished(reverted.body)).toMatchObject({ status: 'complete', description: 'Revert Snapshot' })
    await finished((await call({ id: web, create: 'branch' })).body)
    const listed = (await call({ id: web })).body as Listed[]
    expect(listed.map(({ name, depth, active }) => [name, depth, active])).toEqual([
      ['second', 2, false],
      ['branch', 2, true],
      ['first', 1, false],
    ])
  })

  it('deletes a snapshot id; its children move up to its parent', async () => {
    const first = ((await call({ id: web })).body as Listed[]).find((s) => s.name === 'first')!
    const deleted = await call({ id: web, delete: first.id })
    expect(typeof deleted.body).toBe('number')
    expect(await finished(deleted.body)).toMatchObject({ status: 'complete', description: 'Delete Snapshot' })
    const listed = (await call({ id: web })).body as Listed[]
    // Two roots now, each without children: PHP's flattening leaves their empty `child` lists.
    expect(listed.map(({ name, depth, child }) => [name, depth, child])).toEqual([
      ['second', 1, []],
      ['branch', 1, []],
    ])
  })

  it(
    'refuses an unknown snapshot id with the backend error ' + 'JSON-encoded in a 500 message, and queues nothing',
    async () => {
      const before = sim.state.commands.length
      expect(await call({ id: web, revert: '999999' })).toEqual({
        status: 500,
        body: { message: JSON.stringify({ errors: [{ code: 44, info: 'Snapshot not found (999999)' }] }) },
      })
      expect(sim.state.commands).toHaveLength(before)
    },
  )

  it('refuses snapshot work while another command runs on the server', async () => {
    const other = await call({ id: web, create: 'busy-1' })
    const refused = await call({ id: web, create: 'busy-2' })
    expect(refused.status).toBe(500)
    expect(JSON.parse((refused.body as { message: string }).message)).toEqual({
      errors: [{ code: 42, info: 'Server web-eu-01 has another command in progress' }],
    })
    await finished(other.body)
  })

  it('answers an unknown server, or several matching a name, as the proxy does', async () => {
    expect(await call({ id: 'no-such-server' })).toEqual({
      status: 500,
      body: { message: "No servers found (id='no-such-server')" },
    })
    expect(await call({ name: 'web-.*' })).toMatchObject({
      status: 500,
      body: { message: expect.stringMatching(/^Too many matching servers/) },
    })
  })
})
