/** What the benches share: their servers run as child processes, each telling its URL on stdout. */
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createInterface } from 'node:readline'

/** The repository's root, where every child runs. */
export const root = new URL('..', import.meta.url).pathname

/** Starts a child process and resolves with the first stdout line that holds a URL. */
export function startChild(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ url: string; line: string; child: ChildProcess }> {
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)))
    const lines = createInterface({ input: child.stdout! })
    lines.on('line', (line) => {
      const match = /"url":"(https?:[^"]+)"/.exec(line)
      if (!match) return
      // The rest of its output (a line per request) is let go of unread: reading it would take
      // this process's time from the load it makes.
      lines.close()
      child.stdout!.resume()
      resolve({ url: match[1]!, line, child })
    })
  })
}

/** The environment a `hangar simulator` child printed for a gateway to use it. */
export const simulatorEnv = (line: string): Record<string, string> =>
  (JSON.parse(line) as { env: Record<string, string> }).env

/** A process's resident memory now, in MB (Linux). */
export function residentMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
  return Number(kb) / 1024
}

/** The `p`th percentile of sorted numbers. */
export const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN
