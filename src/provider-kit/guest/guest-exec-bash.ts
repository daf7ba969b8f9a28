import { spawn } from 'node:child_process'
import { constants } from 'node:os'
import type { ExecRequest, ExecRun } from './guest-exec.js'

/** Where and how a guest runs commands for real. */
export interface BashExecOptions {
  /** The guest's throwaway home directory (working directory and `HOME`). */
  home: string
  /** The full environment of the command. */
  env: Record<string, string>
  /** Told the process group of each command, so the guest can kill what it left running. */
  onProcessGroup(pgid: number): void
}

/** How long output may still trickle in after the command exited before the exit status is sent. */
const OUTPUT_GRACE_MS = 150

/**
 * Runs `request.command` with `bash -c` in its own process group. The exit status is sent once
 * bash has exited and its pipes are drained; background jobs (`nohup app &`) keep running. If
 * the channel closes first, the whole group is killed, as sshd's SIGHUP would.
 */
export function runInBash(request: ExecRequest, options: BashExecOptions): ExecRun {
  const child = spawn('bash', ['-c', request.command], {
    cwd: options.home,
    env: { ...options.env, ...request.env },
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  let exited = false
  if (child.pid !== undefined) options.onProcessGroup(child.pid)
  let forward = true
  child.stdout.on('data', (chunk: Buffer) => forward && request.out(chunk))
  child.stderr.on('data', (chunk: Buffer) => forward && request.err(chunk))
  child.stdin.on('error', () => {})
  request.stdin.pipe(child.stdin)
  const exitCode = new Promise<number>((resolve) => {
    let code = 0
    let grace: NodeJS.Timeout | undefined
    const finish = (): void => {
      if (!forward) return
      clearTimeout(grace)
      forward = false
      request.stdin.unpipe(child.stdin)
      resolve(code)
    }
    child.on('error', (error) => {
      exited = true
      request.err(`bash: ${error.message}\n`)
      code = 127
      finish()
    })
    child.on('exit', (status, signalName) => {
      exited = true
      code = status ?? 128 + (signalName ? constants.signals[signalName] : 0)
      // A background job that kept the pipes open must not hold the exit status back.
      grace = setTimeout(finish, OUTPUT_GRACE_MS)
    })
    child.on('close', finish)
  })
  return {
    exitCode,
    abort: () => {
      if (exited || child.pid === undefined) return
      try {
        process.kill(-child.pid, 'SIGKILL')
      } catch {
        // Already gone.
      }
    },
  }
}
