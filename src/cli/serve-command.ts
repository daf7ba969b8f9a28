import { ConfigError } from '../config/load-config.js'
import { createLogger } from '../logger.js'
import { startHangar } from '../start-hangar.js'

/** `hangar serve`: runs until SIGINT/SIGTERM. Exit code 2 for a configuration it cannot use. */
export async function runServe(): Promise<number> {
  const logger = createLogger()
  let running
  try {
    running = await startHangar({ logger })
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`hangar: invalid configuration: ${error.message}`)
      return 2
    }
    console.error(`hangar: cannot start: ${(error as Error).message}`)
    return 1
  }
  const stop = async (signal: string) => {
    logger.info({ signal }, 'shutting down')
    await running.close()
    process.exit(0)
  }
  process.once('SIGINT', () => void stop('SIGINT'))
  process.once('SIGTERM', () => void stop('SIGTERM'))
  return new Promise<number>(() => {})
}
