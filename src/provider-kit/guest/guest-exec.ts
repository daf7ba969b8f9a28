import type { Readable } from 'node:stream'

/** How guests run the commands they are sent over SSH. */
export type GuestExecMode = 'execute' | 'playback'

/** One command sent to a guest, with where its output goes. */
export interface ExecRequest {
  /** The command line, run as by `bash -c`. */
  command: string
  /** Variables the client asked for (SSH `env` requests). */
  env: Record<string, string>
  /** What the client sends (the SSH channel). */
  stdin: Readable
  /** Writes to the client's stdout. */
  out(chunk: Buffer | string): void
  /** Writes to the client's stderr. */
  err(chunk: Buffer | string): void
}

/** A command under way. */
export interface ExecRun {
  /** The exit code, once the command (not its background children) has finished. */
  readonly exitCode: Promise<number>
  /** Ends the command early: the channel was closed before it finished. */
  abort(): void
}

/** An exec that fails at once: a fault injected with `faults.failNextExec`. */
export function failedExec(request: ExecRequest, stderr: string): ExecRun {
  let timer: NodeJS.Timeout | undefined
  const exitCode = new Promise<number>((resolve) => {
    timer = setTimeout(() => {
      request.err(stderr)
      resolve(1)
    }, 20)
  })
  return { exitCode, abort: () => clearTimeout(timer) }
}
