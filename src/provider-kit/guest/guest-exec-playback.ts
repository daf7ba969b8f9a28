import type { ExecRequest, ExecRun } from './guest-exec.js'
import { playCommand, portIn } from './playback-shell.js'
import type { PlaybackResult, PlaybackWorld } from './playback-shell.js'

/** Where a playback command leaves its marks. */
export interface PlaybackExecOptions {
  world: PlaybackWorld
  /** Starts (or keeps) the stand-in app on `port`; resolves once it listens. */
  startApp(port: number): Promise<void>
}

/** Shell the reader does not follow still succeeds, and still starts the app it names. */
function playSafely(command: string, world: PlaybackWorld): PlaybackResult {
  try {
    return playCommand(command, world)
  } catch {
    const service = /\.hangar-run\.sh|[a-z0-9-]\.run\.sh|\bsystemctl\b|\bnohup\b/.test(command)
    return { lines: [], exitCode: 0, services: service ? [portIn(command) ?? world.lastServicePort ?? 3000] : [] }
  }
}

/**
 * Runs nothing: prints what the command would have printed, paced like the real thing (a few
 * seconds for an install), starts the stand-in app when the command starts a service, and exits
 * with the status the command would have had (0 for a recipe's commands).
 */
export function playBack(request: ExecRequest, options: PlaybackExecOptions): ExecRun {
  request.stdin.resume()
  const result = playSafely(request.command, options.world)
  const timers = new Set<NodeJS.Timeout>()
  let aborted = false
  const exitCode = new Promise<number>((resolve) => {
    let at = 0
    for (const line of result.lines) {
      at += line.delayMs
      const timer = setTimeout(() => {
        timers.delete(timer)
        if (line.stream === 'out') request.out(`${line.text}\n`)
        else request.err(`${line.text}\n`)
      }, at)
      timers.add(timer)
    }
    const done = setTimeout(() => {
      timers.delete(done)
      // The app answers by the time the command that started it returns, as `systemctl` would have it.
      void Promise.allSettled(result.services.map((port) => options.startApp(port))).then(() => {
        if (!aborted) resolve(result.exitCode)
      })
    }, at + 10)
    timers.add(done)
  })
  return {
    exitCode,
    abort: () => {
      aborted = true
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
    },
  }
}
