import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { cleanEnv } from '../support/hangar-process.js'

const root = new URL('../..', import.meta.url).pathname
const directory = mkdtempSync(join(tmpdir(), 'hangar-signals-'))
const children: ChildProcess[] = []
afterAll(() => {
  for (const child of children) child.kill('SIGKILL')
  rmSync(directory, { recursive: true, force: true })
})

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

const healthy = (port: number) =>
  fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(1_000) }).then(
    (response) => response.ok,
    () => false,
  )

/** Resolves with how the process ended; rejects if it is still there after `ms`. */
function ended(child: ChildProcess, ms: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still running ${ms} ms after the signal`)), ms)
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      resolve({ code, signal })
    })
  })
}

/** `hangar serve` (the demo) on `port`, as a person starts it, or through `npm start`. */
function serve(port: number, how: 'hangar' | 'npm', name: string): ChildProcess {
  const env = cleanEnv({ HANGAR_PORT: String(port), DATABASE_URL: `sqlite:${join(directory, `${name}.db`)}` })
  const child =
    how === 'npm'
      ? spawn('npm', ['start', '--silent'], { cwd: root, env, stdio: 'ignore' })
      : spawn('node', ['bin/hangar.js', 'serve'], { cwd: root, env, stdio: 'ignore' })
  children.push(child)
  return child
}

describe('hangar serve and its signals', () => {
  it.each([0, 150, 600, 1_500])(
    'stops on a SIGTERM %i ms into start-up, and leaves nothing listening',
    async (delay) => {
      const port = await freePort()
      const child = serve(port, 'hangar', `early-${delay}`)
      await new Promise((resolve) => setTimeout(resolve, delay))
      child.kill('SIGTERM')
      const end = await ended(child, 20_000)
      expect(end.code === 0 || end.signal === 'SIGTERM').toBe(true)
      expect(await healthy(port)).toBe(false)
    },
    30_000,
  )

  it('stops on a SIGTERM that arrives the moment /health first answers', async () => {
    const port = await freePort()
    const child = serve(port, 'hangar', 'first-health')
    for (let attempt = 0; attempt < 2_000 && !(await healthy(port)); attempt += 1)
      await new Promise((resolve) => setTimeout(resolve, 5))
    child.kill('SIGTERM')
    expect(await ended(child, 20_000)).toEqual({ code: 0, signal: null })
    expect(await healthy(port)).toBe(false)
  }, 30_000)

  it('npm start ends only once the gateway has', async () => {
    const port = await freePort()
    const npm = serve(port, 'npm', 'npm-start')
    for (let attempt = 0; attempt < 600 && !(await healthy(port)); attempt += 1)
      await new Promise((resolve) => setTimeout(resolve, 50))
    expect(await healthy(port)).toBe(true)
    npm.kill('SIGTERM')
    await ended(npm, 20_000)
    // Gone with it, not left behind listening.
    expect(await healthy(port)).toBe(false)
  }, 60_000)
})
