import type { EventBus } from '../events/event-bus.js'
import type { ServerDirectory } from './server-directory.js'

const TOPIC = 'directory:invalidate'

/**
 * Makes a directory's invalidations reach every gateway on `bus`: one gateway's action makes the
 * others forget the provider's cached list too, so the next read anywhere shows its effect. The
 * local cache is forgotten at once, as before; the bus's echo of it forgets it again, harmlessly.
 * Listens until `signal` aborts.
 */
export function shareInvalidations(directory: ServerDirectory, bus: EventBus, signal: AbortSignal): ServerDirectory {
  const forget = directory.invalidate.bind(directory)
  void (async () => {
    for await (const provider of bus.subscribe<string>(TOPIC, signal)) {
      if (typeof provider === 'string') forget(provider)
    }
  })().catch(() => {})
  return {
    ...directory,
    invalidate(providerName: string) {
      forget(providerName)
      bus.publish(TOPIC, providerName)
    },
  }
}
