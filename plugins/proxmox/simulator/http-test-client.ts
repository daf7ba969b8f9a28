import { Agent } from 'undici'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { createProxmoxSimulator } from './index.js'
import type { ProxmoxSimulator, ProxmoxSimulatorOptions } from './index.js'

/** A reply as a test reads it: status, reason phrase and the JSON body. */
export interface SimReply {
  status: number
  reason: string
  body: { data: unknown; errors?: Record<string, string>; message?: string; total?: number }
}

/** One HTTP client of a simulator (its own connection pool and credentials). */
export interface SimHttpClient {
  call(method: string, path: string, form?: Record<string, string>): Promise<SimReply>
  /** Polls a task's status until it has stopped; returns that status. */
  waitTask(upid: unknown): Promise<Record<string, unknown>>
  /** The task's log lines (`t` of every entry). */
  taskLog(upid: unknown): Promise<string[]>
  close(): Promise<void>
}

/**
 * A simulator for tests, with the API-token client that drives it and a second, ticket-logged-in client that watches.
 */
export interface SimTestLab {
  sim: ProxmoxSimulator
  client: SimHttpClient
  /** A third party (its own session) reading what the client did, e.g. `/cluster/resources`. */
  observer: SimHttpClient
  close(): Promise<void>
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

function taskPath(upid: unknown): string {
  return `/nodes/${String(upid).split(':')[1]}/tasks/${encodeURIComponent(String(upid))}`
}

function httpClient(sim: ProxmoxSimulator, headers: Record<string, string>): SimHttpClient {
  const dispatcher = new Agent({ connect: sim.caPem ? { ca: sim.caPem } : {} })
  const call: SimHttpClient['call'] = async (method, path, form) => {
    const init: Record<string, unknown> = { method, headers: { ...headers }, dispatcher }
    if (form !== undefined) {
      init.headers = { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' }
      init.body = new URLSearchParams(form).toString()
    }
    const res = await fetch(`${sim.url}/api2/json${path}`, init as RequestInit)
    return { status: res.status, reason: res.statusText, body: (await res.json()) as SimReply['body'] }
  }
  return {
    call,
    async waitTask(upid) {
      for (;;) {
        const data = (await call('GET', `${taskPath(upid)}/status`)).body.data as Record<string, unknown>
        if (data.status === 'stopped') return data
        await sleep(20)
      }
    },
    async taskLog(upid) {
      const lines = (await call('GET', `${taskPath(upid)}/log?limit=0`)).body.data as Array<{ t: string }>
      return lines.map((l) => l.t)
    },
    close: () => dispatcher.close(),
  }
}

/** Starts a demo-seeded simulator (guest SSH on a free port) with a token client and a ticket observer. */
export async function startLab(options: ProxmoxSimulatorOptions = {}): Promise<SimTestLab> {
  const sim = await createProxmoxSimulator({ taskDurationMs: 200, agentWarmupPolls: 1, guestSshPort: 0, ...options })
  const client = httpClient(sim, { Authorization: `PVEAPIToken=${sim.tokenId}=${sim.tokenSecret}` })
  const anonymous = httpClient(sim, {})
  const login = await anonymous.call('POST', '/access/ticket', { username: sim.username, password: sim.password })
  await anonymous.close()
  const ticket = (login.body.data as { ticket: string }).ticket
  const observer = httpClient(sim, { Cookie: `PVEAuthCookie=${encodeURIComponent(ticket)}` })
  return {
    sim,
    client,
    observer,
    async close() {
      await sim.close()
      await client.close()
      await observer.close()
    },
  }
}

/**
 * For a test file: one lab for all its tests, started before them and closed after them, with its
 * faults reset after each test. Its members can be read once the tests run.
 */
export function labForFile(options?: ProxmoxSimulatorOptions): SimTestLab {
  let lab: SimTestLab | undefined
  beforeAll(async () => {
    lab = await startLab(options)
  })
  afterAll(() => lab?.close())
  afterEach(() => lab?.sim.faults.reset())
  const started = (): SimTestLab => {
    if (!lab) throw new Error('the lab is started before the first test')
    return lab
  }
  return {
    get sim() {
      return started().sim
    },
    get client() {
      return started().client
    },
    get observer() {
      return started().observer
    },
    close: () => started().close(),
  }
}

/** A guest's config as the client reads it (`GET /nodes/{node}/{type}/{vmid}/config`). */
export async function configOf(
  lab: SimTestLab,
  node: string,
  type: 'qemu' | 'lxc',
  vmid: number,
): Promise<Record<string, unknown>> {
  return (await lab.client.call('GET', `/nodes/${node}/${type}/${vmid}/config`)).body.data as Record<string, unknown>
}

/** The observer's `/cluster/resources?type=vm` entry of a guest (undefined if it is not listed). */
export async function resourceOf(lab: SimTestLab, vmid: number): Promise<Record<string, unknown> | undefined> {
  const list = (await lab.observer.call('GET', '/cluster/resources?type=vm')).body.data as Array<
    Record<string, unknown>
  >
  return list.find((r) => r.vmid === vmid)
}
