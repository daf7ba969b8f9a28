import { isTransientError } from './error-classes.js'
import type { Phase } from './provision-phase.js'
import { findGuest, guestPathOf, nativeIdOf, taskStep, type GuestUnderWay } from './provision-steps.js'
import { upidSchema } from './upstream-schemas.js'

/** What {@link migrateStep} needs to know. */
export interface MigrateStepOptions {
  guest: GuestUnderWay
  /** The node the guest should end on, once the steps before know it; nothing to do when it is already there. */
  target(): string | undefined
  /** Why it moves, for the log: "its disks are on local-lvm, which only pve1 reaches". */
  reason(): string
  timeoutMs: number
  pollIntervalMs: number
}

/**
 * Moves a freshly made (stopped) guest to another node with an offline migration, its local
 * volumes too (`with-local-disks` for a VM; a container's go with it), following the `qmigrate`
 * or `vzmigrate` task; `guest.node` is the target once it succeeded. A migrate whose answer was
 * lost is not sent again: the guest is looked up, and one already moving or moved is followed.
 */
export function migrateStep(options: MigrateStepOptions): Phase {
  const { guest } = options
  let follow: Phase | undefined
  let moved = false
  return {
    label: 'migrate',
    timeoutMs: options.timeoutMs,
    async advance(context) {
      const target = options.target()
      if (moved || target === undefined || target === guest.node) return true
      const { client, signal, log } = context
      if (!follow) {
        log(`moving ${nativeIdOf(guest)} from ${guest.node} to ${target}: ${options.reason()}`)
        let upid: string | null
        try {
          upid = await client.request('POST', `${guestPathOf(guest)}/migrate`, {
            params: guest.type === 'qemu' ? { target, 'with-local-disks': true } : { target },
            schema: upidSchema,
            signal,
          })
        } catch (error) {
          if (signal?.aborted || !isTransientError(error)) throw error
          const found = await findGuest(context, guest)
          // Not moving and not moved: the migrate never arrived, and is sent again on the next poll.
          if (found?.node !== target && found?.lock !== 'migrate') return false
          log(
            `the answer to the migrate was lost, but ${nativeIdOf(guest)} ` +
              `is ${found.node === target ? `on ${target}` : 'migrating'}`,
          )
          upid = null
        }
        follow =
          upid === null
            ? waitForNode(guest, target)
            : taskStep('migrate', options.timeoutMs, options.pollIntervalMs, async () => upid)
      }
      if (!(await follow.advance(context))) return false
      moved = true
      guest.node = target
      return true
    },
  }
}

/** Waits until the guest is on `target` with no migrate lock (a migration whose UPID was lost). */
function waitForNode(guest: GuestUnderWay, target: string): Phase {
  return {
    label: 'migrate',
    timeoutMs: Number.POSITIVE_INFINITY,
    async advance(context) {
      const found = await findGuest(context, guest)
      if (!found) throw new Error(`${nativeIdOf(guest)} disappeared while migrating`)
      if (found.lock === 'migrate') return false
      if (found.node !== target)
        throw new Error(`${nativeIdOf(guest)} stayed on ${found.node}: the migration did not go through`)
      return true
    },
  }
}
