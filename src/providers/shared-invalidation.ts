import { RESYNC, type EventBus } from '../events/event-bus.js'
import type { ServerDirectory } from './server-directory.js'

const TOPIC = 'directory:invalidate'

/**
 * Makes a directory's invalidations reach every gateway on `bus`: one gateway's action makes the
 * others forget the provider's cached list too, so the next read anywhere shows its effect. The
 * local cache is forgotten at once, as before; the bus's echo of it forgets it again, harmlessly.
 * When the bus says events may have been missed, every list is forgotten. Listens until `signal` aborts.
 */
export function shareInvalidations(directory: ServerDirectory, bus: EventBus, signal: AbortSignal): ServerDirectory {
  const forget = directory.invalidate.bind(directory)
  void (async () => {
    for await (const provider of bus.subscribe<string>(TOPIC, signal)) {
      if (typeof provider === 'string') forget(provider)
      // Invalidations from other gateways may have been missed (Redis was away): forget every list.
      else if (provider === RESYNC) for (const known of directory.providers()) forget(known.name)
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
