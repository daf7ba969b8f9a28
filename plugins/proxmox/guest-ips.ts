import type { ProxmoxClient } from './proxmox-client.js'
import { agentInterfacesSchema, lxcInterfacesSchema } from './upstream-schemas.js'

/** How long a detail view waits for a guest's addresses before showing none. */
const IP_LOOKUP_MS = 2_000

/** Global unicast only: not loopback, not link-local (`fe80::`, `169.254/16`). */
export function isGlobalAddress(address: string): boolean {
  const ip = address.split('/')[0]!.toLowerCase()
  if (ip === '127.0.0.1' || ip === '::1' || ip.startsWith('127.')) return false
  if (ip.startsWith('fe80:') || ip.startsWith('169.254.')) return false
  return ip.length > 0
}

/** IPv4 first, as people expect to see them. */
function sortAddresses(ips: string[]): string[] {
  return [...new Set(ips)].sort((a, b) => Number(a.includes(':')) - Number(b.includes(':')))
}

function agentEnabled(value: unknown): boolean {
  const text = String(value ?? '')
  return text === '1' || /(^|,)enabled=1/.test(text) || /^1,/.test(text)
}

/**
 * The addresses of a running guest: from the QEMU guest agent for VMs (when `agent` is on), from
 * the host-side interface list for containers. A guest that cannot tell yet has none.
 */
export async function findGuestIps(
  client: ProxmoxClient,
  guest: { node: string; type: string; vmid: number },
  config: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<string[]> {
  const base = `/nodes/${guest.node}/${guest.type}/${guest.vmid}`
  const timeout = AbortSignal.timeout(IP_LOOKUP_MS)
  const bounded = signal ? AbortSignal.any([signal, timeout]) : timeout
  try {
    if (guest.type === 'lxc') {
      const interfaces = await client.request('GET', `${base}/interfaces`, { schema: lxcInterfacesSchema, signal: bounded, idempotent: false })
      const ips = interfaces.filter((item) => item.name !== 'lo').flatMap((item) => [item.inet, item.inet6].filter((ip): ip is string => !!ip))
      return sortAddresses(ips.filter(isGlobalAddress).map((ip) => ip.split('/')[0]!))
    }
    if (!agentEnabled(config.agent)) return []
    const answer = await client.request('GET', `${base}/agent/network-get-interfaces`, { schema: agentInterfacesSchema, signal: bounded, idempotent: false })
    const ips = answer.result
      .filter((item) => item.name !== 'lo')
      .flatMap((item) => (item['ip-addresses'] ?? []).map((address) => address['ip-address']))
    return sortAddresses(ips.filter(isGlobalAddress))
  } catch {
    // The agent is not up yet, or the container has no interfaces yet: no address to show.
    return []
  }
}
