import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createKamateraSimulator, stableServerId, type KamateraSimulator } from './index.js'

let sim: KamateraSimulator
beforeAll(async () => {
  sim = await createKamateraSimulator({ seed: 'demo', commandDurationMs: 100 })
})
afterAll(() => sim.close())

async function call(body: Record<string, unknown>): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${sim.url}/server/disk`, {
    method: 'POST',
    headers: {
      Accept: 'application/json',
      'Content-Type': 'application/json',
      AuthClientId: sim.clientId,
      AuthSecret: sim.secret,
    },
    body: JSON.stringify(body),
  })
  return { status: res.status, body: await res.json() }
}

async function waitCommand(id: number): Promise<{ status: string; log: string; description: string }> {
  for (;;) {
    const res = await fetch(`${sim.url}/service/queue?id=${id}`, {
      headers: { AuthClientId: sim.clientId, AuthSecret: sim.secret },
    })
    const item = ((await res.json()) as { status: string; log: string; description: string }[])[0]!
    if (item.status === 'complete' || item.status === 'error') return item
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe('POST /server/disk', () => {
  const db = stableServerId('seed:EU:db-eu-01')

  it('lists the disks of one server without an action', async () => {
    expect(await call({ id: db })).toEqual({
      status: 200,
      body: [
        { id: 0, size: '50gb' },
        { id: 1, size: '200gb' },
      ],
    })
  })

  it('resizes disk 0 when the command completes, answering a bare number', async () => {
    const started = await call({ name: 'db-eu-01', resize: '0', size: '100gb' })
    expect(started.status).toBe(200)
    expect(typeof started.body).toBe('number')
    expect(sim.state.server(db)?.diskSizes).toEqual([50, 200])
    const item = await waitCommand(started.body as number)
    expect(item).toMatchObject({ status: 'complete', description: 'Resize Disk' })
    expect(item.log).toContain('Resizing disk 0 from 50GB to 100GB...')
    expect(sim.state.server(db)?.diskSizes).toEqual([100, 200])
  })

  it('refuses a shrink, an equal size, a missing disk, a size off the catalog and a missing size', async () => {
    const backend = (info: string) => ({
      status: 500,
      body: { message: JSON.stringify({ errors: [{ code: 4, info }] }) },
    })
    expect(await call({ id: db, resize: '1', size: '150gb' })).toEqual(
      backend('New disk size must be bigger than the current size (200GB)'),
    )
    expect(await call({ id: db, resize: '1', size: '200gb' })).toEqual(
      backend('New disk size must be bigger than the current size (200GB)'),
    )
    expect(await call({ id: db, resize: '3', size: '300gb' })).toEqual(backend('Disk 3 not found'))
    expect(await call({ id: db, resize: '1', size: '210gb' })).toEqual(backend('Invalid disk size: 210GB'))
    expect(await call({ id: db, resize: '1' })).toEqual({
      status: 400,
      body: { message: 'missing required flag (size)' },
    })
    expect(await call({ id: db, resize: '1', size: 'huge' })).toEqual({
      status: 400,
      body: { message: 'invalid flag value (size=huge)' },
    })
    expect(sim.state.server(db)?.diskSizes[1]).toBe(200)
  })

  it('needs one server: an unknown id or a name matching several is refused', async () => {
    expect(await call({ id: 'no-such-server', resize: '0', size: '100gb' })).toEqual({
      status: 500,
      body: { message: "No servers found (id='no-such-server')" },
    })
    expect(await call({ name: 'web-eu-.*', resize: '0', size: '100gb' })).toEqual({
      status: 500,
      body: { message: "Too many matching servers (name='web-eu-.*')" },
    })
  })
})
