import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { Redis } from 'ioredis'

/** A `redis-server` of a test's own, on a free loopback port, that the test may stop and start again. */
export interface TestRedis {
  url: string
  port: number
  /** Starts it (again, on the same port) and waits until it answers. */
  start(): Promise<void>
  /** Kills it (SIGKILL: as if the machine went away). */
  stop(): Promise<void>
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/** Makes one; call {@link TestRedis.start}. Nothing is written to disk. */
export async function createTestRedis(): Promise<TestRedis> {
  const port = await freePort()
  const url = `redis://127.0.0.1:${port}`
  let child: ChildProcess | undefined
  return {
    url,
    port,
    async start() {
      child = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        { stdio: 'ignore' },
      )
      const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null })
      probe.on('error', () => {})
      try {
        for (let attempt = 0; attempt < 100; attempt += 1) {
          try {
            if (probe.status !== 'ready') await probe.connect()
            await probe.ping()
            return
          } catch {
            await new Promise((resolve) => setTimeout(resolve, 50))
          }
        }
        throw new Error(`redis-server on port ${port} did not answer`)
      } finally {
        probe.disconnect()
      }
    },
    async stop() {
      const running = child
      child = undefined
      if (!running || running.exitCode !== null) return
      const exited = new Promise((resolve) => running.once('exit', resolve))
      running.kill('SIGKILL')
      await exited
    },
  }
}
