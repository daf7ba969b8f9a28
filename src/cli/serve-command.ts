import { ConfigError } from '../config/load-config.js'
import { createLogger } from '../logger.js'
import { startHangar, type RunningHangar } from '../start-hangar.js'

/** How long a stop may take before the process exits anyway. */
const STOP_GRACE_MS = 10_000

/**
 * `hangar serve`: runs until SIGINT/SIGTERM. Exit code 2 for a configuration it cannot use. The
 * signal handlers are installed before anything starts, so a signal at any moment of start-up
 * stops the gateway: once start-up is done it closes what was started, and the process exits.
 */
export async function runServe(): Promise<number> {
  const logger = createLogger()
  let running: RunningHangar | undefined
  let stopping: string | undefined
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = signal
    logger.info({ signal }, running ? 'shutting down' : 'shutting down as soon as start-up ends')
    // A close that hangs must not keep the process: exit anyway after the grace period.
    setTimeout(() => process.exit(0), STOP_GRACE_MS).unref()
    if (!running) return
    await running.close().catch((error: unknown) => logger.error({ error: (error as Error).message }, 'close failed'))
    process.exit(0)
  }
  const onSigint = () => void stop('SIGINT')
  const onSigterm = () => void stop('SIGTERM')
  process.on('SIGINT', onSigint)
  process.on('SIGTERM', onSigterm)
  try {
    running = await startHangar({ logger })
  } catch (error) {
    process.off('SIGINT', onSigint)
    process.off('SIGTERM', onSigterm)
    if (stopping) return 0
    if (error instanceof ConfigError) {
      console.error(`hangar: invalid configuration: ${error.message}`)
      return 2
    }
    console.error(`hangar: cannot start: ${(error as Error).message}`)
    return 1
  }
  if (stopping) {
    await running.close().catch(() => {})
    process.exit(0)
  }
  return new Promise<number>(() => {})
}
