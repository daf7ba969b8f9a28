import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'

const root = new URL('../..', import.meta.url).pathname

/** A `hangar` command running as a child process. */
export interface HangarProcess {
  child: ChildProcess
  /** Its first line on stdout (the simulator's JSON, or the gateway's first log line). */
  firstLine: string
  /** Everything it wrote to stderr so far. */
  stderr(): string
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`; resolves with the exit code. */
  stop(graceMs?: number): Promise<number | null>
}

/** The environment of a fresh machine: nothing of Hangar's or the seeds' configured. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(HANGAR_|PROXMOX_|KAMATERA_|DATABASE_URL)/.test(key)),
  )
  return { ...env, HANGAR_LOG_FORMAT: 'json', ...extra }
}

/**
 * Starts `node bin/hangar.js ...args` and resolves once it has written its first stdout line.
 * `spawned` gets the child at once, so a caller can kill one that never prints.
 */
export function startHangarProcess(
  args: string[],
  env: NodeJS.ProcessEnv,
  spawned?: (child: ChildProcess) => void,
): Promise<HangarProcess> {
  const child = spawn('node', ['bin/hangar.js', ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] })
  spawned?.(child)
  let stderr = ''
  child.stderr!.on('data', (chunk) => (stderr += String(chunk)))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const stop = async (graceMs = 10_000): Promise<number | null> => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
    try {
      return await exited
    } finally {
      clearTimeout(timer)
    }
  }
  return new Promise((resolve, reject) => {
    void exited.then((code) => reject(new Error(`hangar ${args.join(' ')} exited with ${code}: ${stderr}`)))
    createInterface({ input: child.stdout! }).once('line', (firstLine) =>
      resolve({ child, firstLine, stderr: () => stderr, stop }),
    )
  })
}

/** Runs `node bin/hangar.js ...args` to its end. */
export function runHangarProcess(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn('node', ['bin/hangar.js', ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk) => (stdout += String(chunk)))
  child.stderr.on('data', (chunk) => (stderr += String(chunk)))
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })))
}
