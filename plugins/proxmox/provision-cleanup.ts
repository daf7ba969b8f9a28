import type { z } from 'zod'
import type { Phase } from './provision-phase.js'
import { PhaseFailure } from './provision-phase.js'
import {
  findGuest,
  guestPathOf,
  nativeIdOf,
  onceStep,
  taskStep,
  waitStep,
  type GuestUnderWay,
} from './provision-steps.js'
import { ProxmoxApiError } from './proxmox-api-error.js'
import type { ProxmoxClient } from './proxmox-client.js'
import { activeTasksSchema, guestStatusSchema, upidSchema } from './upstream-schemas.js'

/** How a cleanup ended, for the provisioning's final message. */
export interface CleanupReport {
  outcome?: 'gone' | 'deleted' | 'not-ours'
  /** The name the guest carries when it is not ours. */
  foundName?: string
}

/**
 * The phases that delete a half-made guest: find the node it is on, wait for a running clone,
 * create or migration to let go of its lock and any task still running on it (a start whose answer
 * was lost) to end, stop the guest when it runs, then delete it with
 * everything that refers to it. A guest that is already gone (PVE removes a failed clone itself) needs nothing; one
 * that now carries
 * another name is not ours and is left alone.
 */
export function cleanupPhases(
  guest: GuestUnderWay,
  timeoutMs: number,
  pollIntervalMs: number,
  report: CleanupReport = {},
): Phase[] {
  const id = nativeIdOf(guest)
  let gone = false
  let running = false
  let announcedLock = false
  let announcedTask = false
  let located = false
  return [
    waitStep('cleanup', timeoutMs, async (context) => {
      const { client, signal, log } = context
      if (!located) {
        // A guest moved by a migration that was under way is deleted where it is now.
        const found = await findGuest(context, guest)
        if (found?.node && found.node !== guest.node) {
          log(`${id} is on ${found.node} now`)
          guest.node = found.node
        }
        located = true
      }
      let status: z.infer<typeof guestStatusSchema>
      try {
        status = await client.request('GET', `${guestPathOf(guest)}/status/current`, {
          schema: guestStatusSchema,
          signal,
        })
      } catch (error) {
        if (error instanceof ProxmoxApiError && /does not exist/i.test(error.message)) {
          gone = true
          report.outcome = 'gone'
          log(`${id} is already gone; nothing to delete`)
          return true
        }
        throw error
      }
      if (status.name !== undefined && status.name !== guest.name) {
        report.outcome = 'not-ours'
        report.foundName = status.name
        throw new PhaseFailure(
          `cleanup skipped: ${id} is named '${status.name}', not '${guest.name}', so it is not ours to delete`,
        )
      }
      if (status.lock) {
        if (!announcedLock) log(`waiting for the lock on ${id} (${status.lock}) to clear before deleting it`)
        announcedLock = true
        return false
      }
      // A task whose answer was lost (a start) may still be under way: its end decides whether
      // the guest runs, and a delete of a guest that starts meanwhile is refused.
      const active =
        guest.node && guest.vmid !== undefined
          ? await client.request('GET', `/nodes/${encodeURIComponent(guest.node)}/tasks`, {
              params: { source: 'active', vmid: guest.vmid },
              schema: activeTasksSchema,
              signal,
            })
          : []
      if (active.length > 0) {
        if (!announcedTask)
          log(
            `waiting for ${active.map((task) => task.type ?? 'a task').join(', ')} on ${id} to end before deleting it`,
          )
        announcedTask = true
        return false
      }
      // The status was read before the tasks: when a task was waited for, it may have ended (and
      // started the guest) in between, so the guest is asked again now that nothing runs on it.
      const settled = announcedTask
        ? await client.request('GET', `${guestPathOf(guest)}/status/current`, { schema: guestStatusSchema, signal })
        : status
      running = settled.status === 'running'
      return true
    }),
    taskStep('cleanup (stop)', timeoutMs, pollIntervalMs, async ({ client, signal, log }) => {
      if (gone || !running) return null
      log(`stopping ${id}`)
      try {
        return await client.request('POST', `${guestPathOf(guest)}/status/stop`, {
          schema: upidSchema,
          signal,
          idempotent: true,
        })
      } catch (error) {
        // A repeated stop may find the guest stopped by the first one.
        if (error instanceof ProxmoxApiError && /not running/i.test(error.message)) return null
        throw error
      }
    }),
    taskStep('cleanup (delete)', timeoutMs, pollIntervalMs, async ({ client, signal, log }) => {
      if (gone) return null
      log(`deleting ${id}`)
      const remove = () =>
        client.request('DELETE', guestPathOf(guest), {
          params: { purge: true, 'destroy-unreferenced-disks': true },
          schema: upidSchema,
          signal,
          idempotent: true,
        })
      try {
        return await remove()
      } catch (error) {
        // A repeated delete may find the guest deleted by the first one.
        if (error instanceof ProxmoxApiError && /does not exist/i.test(error.message)) return null
        // Started meanwhile (a start whose answer was lost ended after the guest was looked at).
        if (error instanceof ProxmoxApiError && /is running/i.test(error.message)) {
          log(`${id} started meanwhile; stopping it first`)
          await stopAndWait(client, guestPathOf(guest), Date.now() + timeoutMs, pollIntervalMs, signal)
          return await remove()
        }
        throw error
      }
    }),
    onceStep('cleanup', timeoutMs, async ({ log }) => {
      if (gone) return
      report.outcome = 'deleted'
      log(`deleted the half-made ${id}`)
    }),
  ]
}

/** Stops a guest (a hard stop) and waits until it reports `stopped`, or throws at `deadline`. */
async function stopAndWait(
  client: ProxmoxClient,
  path: string,
  deadline: number,
  pollIntervalMs: number,
  signal?: AbortSignal,
): Promise<void> {
  try {
    await client.request('POST', `${path}/status/stop`, { schema: upidSchema, signal, idempotent: true })
  } catch (error) {
    if (!(error instanceof ProxmoxApiError && /not running/i.test(error.message))) throw error
  }
  while (Date.now() < deadline) {
    const status = await client.request('GET', `${path}/status/current`, { schema: guestStatusSchema, signal })
    if (status.status === 'stopped' && !status.lock) return
    await new Promise((resolve) => setTimeout(resolve, pollIntervalMs))
  }
  throw new PhaseFailure('cleanup (delete) failed: the guest did not stop in time')
}
