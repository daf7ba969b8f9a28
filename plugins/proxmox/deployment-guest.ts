import { type TaskHandle, UpstreamNetworkError } from 'hangar/provider-kit'
import type { ProxmoxOptions } from './options.js'
import { describeError, seconds, type Phase, type PhaseContext } from './provision-phase.js'
import { nativeIdOf, type GuestUnderWay } from './provision-steps.js'
import { createProvisionTask } from './provision-task.js'
import { ProxmoxApiError } from './proxmox-api-error.js'
import type { ProxmoxClient } from './proxmox-client.js'

/** Where a deployment guest's address comes from, and what the log says while waiting for it. */
export interface AddressSource {
  /** Who answers, for the timeout message: "the guest agent", "container 107". */
  who(): string
  /** The log line of the first poll. */
  waitingLine: string
  /** Done once, right after the waiting line (a VM reads its MAC). */
  prepare?(context: PhaseContext): Promise<void>
  /** One look at the guest: its address, or `undefined` while it has none. */
  read(context: PhaseContext): Promise<string | undefined>
  /** The last answer, in the timeout message, while the guest answers without an address. */
  noAddressYet: string
  /** The log line once the address is known. */
  foundLine(ip: string): string
  /** Log lines for each new answer without an address; left out, such answers are not logged. */
  answerLines?: { error(why: string): string; noAddress: string }
}

/**
 * Waits for a deployment guest to report an address. An upstream error (a guest or agent not up
 * yet, a blip) means "not yet"; a 403 will not go away by waiting, and fails the phase.
 */
function addressPhase(source: AddressSource, timeoutMs: number, found: (ip: string) => void): Phase {
  let lastAnswer: string | undefined
  let announced = false
  return {
    label: 'address',
    timeoutMs,
    get timeoutMessage() {
      return (
        `no address from ${source.who()} within ${seconds(timeoutMs)} ` +
        `s${lastAnswer ? ` (last answer: ${lastAnswer})` : ''}`
      )
    },
    async advance(context) {
      const { signal, log } = context
      if (!announced) {
        log(source.waitingLine)
        announced = true
        await source.prepare?.(context)
      }
      let ip: string | undefined
      try {
        ip = await source.read(context)
      } catch (error) {
        if (signal?.aborted) throw error
        if (error instanceof ProxmoxApiError && error.status === 403) throw error
        if (!(error instanceof ProxmoxApiError) && !(error instanceof UpstreamNetworkError)) throw error
        const why = describeError(error)
        if (source.answerLines && why !== lastAnswer) log(source.answerLines.error(why))
        lastAnswer = why
        return false
      }
      if (!ip) {
        if (source.answerLines && lastAnswer !== source.noAddressYet) log(source.answerLines.noAddress)
        lastAnswer = source.noAddressYet
        return false
      }
      log(source.foundLine(ip))
      found(ip)
      return true
    },
  }
}

/**
 * The provisioning of a deployment guest: its phases end with {@link addressPhase} on `source`,
 * and the engine then reaches it at that address as `sshUser`.
 */
export function deploymentGuestTask(
  client: ProxmoxClient,
  options: ProxmoxOptions,
  guest: GuestUnderWay,
  steps: { phases: Phase[]; address: AddressSource; sshUser: string },
): TaskHandle {
  let ip = ''
  const address = addressPhase(steps.address, options.addressTimeoutMs, (found) => {
    ip = found
  })
  return createProvisionTask(client, {
    guest,
    phases: [...steps.phases, address],
    access: () => ({
      nativeId: nativeIdOf(guest),
      location: guest.node ?? null,
      ip,
      sshPort: options.guestSshPort,
      sshUser: steps.sshUser,
    }),
    pollIntervalMs: options.pollIntervalMs,
    timeoutMs: options.provisionTimeoutMs,
    taskTimeoutMs: options.taskTimeoutMs,
  })
}
