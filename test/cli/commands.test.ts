import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterEach, describe, expect, it } from 'vitest'
import type { JsonAnswer } from '../support/json-answer.js'

const root = new URL('../..', import.meta.url).pathname
const children: ChildProcess[] = []
// SIGTERM, so a simulator removes its temporary directory; SIGKILL only for one that hangs.
afterEach(async () => {
  await Promise.all(
    children.splice(0).map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
      await exited
      clearTimeout(timer)
    }),
  )
})

/** The environment of a fresh machine: nothing of Hangar's or the seeds' configured. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(HANGAR_|PROXMOX_|KAMATERA_|DATABASE_URL)/.test(key)),
  )
  return { ...env, HANGAR_LOG_FORMAT: 'json', ...extra }
}

/** Runs `hangar ...` and resolves with its first stdout line. */
function firstLine(args: string[], env: NodeJS.ProcessEnv): Promise<{ line: string; child: ChildProcess }> {
  const child = spawn('node', ['bin/hangar.js', ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] })
  children.push(child)
  let stderr = ''
  child.stderr!.on('data', (chunk) => (stderr += String(chunk)))
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`hangar ${args.join(' ')} exited with ${code}: ${stderr}`)))
    createInterface({ input: child.stdout! }).once('line', (line) => resolve({ line, child }))
  })
}

const query = async (url: string, text: string) => {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: text }),
  })
  return (await response.json()) as { data: JsonAnswer }
}

describe('the hangar command', () => {
  it('serve, with nothing configured, runs the demo and says so in its first log line', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'hangar-cli-'))
    try {
      const { line, child } = await firstLine(
        ['serve'],
        cleanEnv({ HANGAR_PORT: '0', DATABASE_URL: `sqlite:${join(directory, 'h.db')}` }),
      )
      const first = JSON.parse(line) as { mode: string; url: string; msg: string }
      expect(first.mode).toBe('demo')
      expect(first.msg).toMatch(
        /^Hangar demo mode .*GraphiQL at http:\/\/127\.0\.0\.1:\d+\/graphql.*Proxmox VE simulator.*Kamatera simulator/,
      )
      const answer = await query(
        first.url,
        '{ servers(first: 100) { totalCount nodes { provider } } providers { name connected } }',
      )
      expect(answer.data.providers).toEqual([
        { name: 'proxmox', connected: true },
        { name: 'kamatera', connected: true },
      ])
      const byProvider = (name: string) =>
        answer.data.servers.nodes.filter((server: { provider: string }) => server.provider === name).length
      expect(byProvider('proxmox')).toBe(12)
      expect(byProvider('kamatera')).toBe(12)
      expect(answer.data.servers.totalCount).toBe(24)
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      expect(await exited).toBe(0)
    } finally {
      await rm(directory, { recursive: true, force: true })
    }
  })

  it('simulator proxmox prints the variables that point a gateway at it, and they work', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'hangar-cli-'))
    try {
      const simulator = await firstLine(['simulator', 'proxmox'], cleanEnv({}))
      const { url, env } = JSON.parse(simulator.line) as { url: string; env: Record<string, string> }
      expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
      expect(Object.keys(env).sort()).toEqual([
        'PROXMOX_CA_FILE',
        'PROXMOX_GUEST_SSH_PORT',
        'PROXMOX_TOKEN_ID',
        'PROXMOX_TOKEN_SECRET',
        'PROXMOX_URL',
      ])
      const gateway = await firstLine(
        ['serve'],
        cleanEnv({ ...env, HANGAR_PORT: '0', DATABASE_URL: `sqlite:${join(directory, 'h.db')}` }),
      )
      const first = JSON.parse(gateway.line) as { mode: string; url: string }
      expect(first.mode).toBe('configured')
      const answer = await query(first.url, '{ resources { name vms { total } } }')
      expect(answer.data.resources.map((node: { name: string }) => node.name)).toEqual(['pve1', 'pve2'])
    } finally {
      await rm(directory, { recursive: true, force: true })
    }
  })

  it('simulator kamatera prints the variables of the seed tool', async () => {
    const simulator = await firstLine(['simulator', 'kamatera'], cleanEnv({}))
    const { url, env } = JSON.parse(simulator.line) as { url: string; env: Record<string, string> }
    expect(Object.keys(env).sort()).toEqual([
      'KAMATERA_API_URL',
      'KAMATERA_CLIENT_ID',
      'KAMATERA_GUEST_SSH_PORT',
      'KAMATERA_SECRET',
    ])
    const response = await fetch(`${url}/service/servers`, {
      headers: { AuthClientId: env.KAMATERA_CLIENT_ID!, AuthSecret: env.KAMATERA_SECRET! },
    })
    expect(((await response.json()) as unknown[]).length).toBe(12)
  })

  it('refuses an unknown simulator plugin with code 2', async () => {
    const child = spawn('node', ['bin/hangar.js', 'simulator', 'vmware'], { cwd: root, env: cleanEnv({}) })
    children.push(child)
    let stderr = ''
    child.stderr.on('data', (chunk) => (stderr += String(chunk)))
    const code = await new Promise((resolve) => child.once('exit', resolve))
    expect(code).toBe(2)
    expect(stderr).toContain('unknown plugin "vmware"; available: proxmox, kamatera')
  })
})
