import { agentAddresses, containerAddresses } from './interface-addresses.js'
import type { ProxmoxClient } from './proxmox-client.js'
import { ProxmoxApiError } from './proxmox-api-error.js'
import { agentInterfacesSchema, lxcInterfacesSchema } from './upstream-schemas.js'

/** How long a detail view waits for a guest's addresses before showing none. */
const IP_LOOKUP_MS = 2_000

/** Refusals that mean "this guest has no address to show", as opposed to "cannot tell now". */
const NO_ADDRESSES = /No QEMU guest agent configured|^(?:VM|CT) \d+ (?:is )?not running/

/** A guest as the address readers need it. */
export interface GuestRef {
  node: string
  type: string
  vmid: number
}

/**
 * Reads the addresses of a guest: from the QEMU guest agent for VMs, from the host-side
 * interface list for containers. A VM without a configured agent and a guest that is not running
 * have none; anything else that fails (an agent not up yet, a timeout) throws, so that a cache
 * can keep what it knew.
 */
export async function readGuestIps(client: ProxmoxClient, guest: GuestRef, signal: AbortSignal): Promise<string[]> {
  const base = `/nodes/${guest.node}/${guest.type}/${guest.vmid}`
  try {
    // Not retried: the next look (a refresh, a reload of the page) asks again anyway.
    if (guest.type === 'lxc') {
      return containerAddresses(
        await client.request('GET', `${base}/interfaces`, { schema: lxcInterfacesSchema, signal, idempotent: false }),
      )
    }
    const answer = await client.request('GET', `${base}/agent/network-get-interfaces`, {
      schema: agentInterfacesSchema,
      signal,
      idempotent: false,
    })
    return agentAddresses(answer.result)
  } catch (error) {
    if (error instanceof ProxmoxApiError && NO_ADDRESSES.test(error.message)) return []
    throw error
  }
}

function agentEnabled(value: unknown): boolean {
  const text = String(value ?? '')
  return text === '1' || /(^|,)enabled=1/.test(text) || /^1,/.test(text)
}

/**
 * The addresses of a running guest for a detail view, read live and within {@link IP_LOOKUP_MS}:
 * a guest that cannot tell yet has none.
 */
export async function findGuestIps(
  client: ProxmoxClient,
  guest: GuestRef,
  config: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<string[]> {
  if (guest.type === 'qemu' && !agentEnabled(config.agent)) return []
  const timeout = AbortSignal.timeout(IP_LOOKUP_MS)
  try {
    return await readGuestIps(client, guest, signal ? AbortSignal.any([signal, timeout]) : timeout)
  } catch {
    // The agent is not up yet, or the container has no interfaces yet: no address to show.
    return []
  }
}
