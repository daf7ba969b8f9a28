import { setTimeout as sleep } from 'node:timers/promises'
import { ConflictError } from 'hangar/provider-kit'

/** Options of {@link waitUntilUnlocked}. */
export interface LockWaitOptions {
  /** How long to wait for the lock to go, as for the client's lock retries (`retryDeadlineMs`). */
  deadlineMs: number
  /** The provider instance, for the CONFLICT message. */
  providerName: string
  signal?: AbortSignal
}

/**
 * Reads the guest until it holds no `lock`, with jittered backoff, and answers CONFLICT after the
 * deadline. Snapshot workers check the lock only once forked, so a locked guest would otherwise
 * show as a failed task rather than the refusal the other actions give.
 */
export async function waitUntilUnlocked<G extends { lock?: string | undefined; type: string }>(
  read: () => Promise<G>,
  { deadlineMs, providerName, signal }: LockWaitOptions,
): Promise<G> {
  const giveUpAt = Date.now() + deadlineMs
  for (let delay = 100; ; delay = Math.min(delay * 2, 2_000)) {
    const guest = await read()
    if (!guest.lock) return guest
    const remaining = giveUpAt - Date.now()
    if (remaining <= 0) {
      throw new ConflictError(`${providerName}: ${guest.type === 'qemu' ? 'VM' : 'CT'} is locked (${guest.lock})`, {
        provider: providerName,
      })
    }
    // The last pause is cut short so the guest is read once more right at the deadline.
    await sleep(Math.min(Math.round(delay * (0.5 + Math.random())), remaining), undefined, { signal })
  }
}
