import type { z } from 'zod'
import type { agentInterfacesSchema, lxcInterfacesSchema } from './upstream-schemas.js'

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/

/**
 * An IPv4 a deployment can SSH to: any but link-local (`169.254/16`, no DHCP answer yet), the
 * unspecified `0.0.0.0` and `127.0.0.1`. Other loopback addresses are accepted on purpose: the
 * simulator gives its guests `127.42.x.y`, each with an SSH server behind it. The `lo` interface
 * itself is skipped by the callers.
 */
export function isUsableIpv4(address: string): boolean {
  const match = IPV4.exec(address.split('/')[0]!.trim())
  if (!match) return false
  const octets = match.slice(1).map(Number)
  if (octets.some((octet) => octet > 255)) return false
  const [a, b] = octets as [number, number, number, number]
  if (a === 169 && b === 254) return false
  const ip = octets.join('.')
  return ip !== '0.0.0.0' && ip !== '127.0.0.1'
}

/**
 * The address to reach a VM at, from the guest agent's `network-get-interfaces`: a usable IPv4,
 * preferring the interface with net0's MAC (Docker and CNI bridges come and go beside it).
 */
export function pickAgentAddress(
  result: z.infer<typeof agentInterfacesSchema>['result'],
  net0Mac: string | undefined,
): string | undefined {
  const candidates = result
    .filter((item) => item.name !== 'lo')
    .map((item) => ({
      onNet0: !!net0Mac && item['hardware-address']?.toLowerCase() === net0Mac.toLowerCase(),
      ip: (item['ip-addresses'] ?? []).find(
        (address) => address['ip-address-type'] === 'ipv4' && isUsableIpv4(address['ip-address']),
      )?.['ip-address'],
    }))
    .filter((item): item is { onNet0: boolean; ip: string } => item.ip !== undefined)
  return (candidates.find((item) => item.onNet0) ?? candidates[0])?.ip
}

/** The address of a container: `eth0`'s `inet` without its prefix length, once it is usable. */
export function pickContainerAddress(interfaces: z.infer<typeof lxcInterfacesSchema>): string | undefined {
  const inet = interfaces.find((item) => item.name === 'eth0')?.inet
  const ip = inet?.split('/')[0]
  return ip && isUsableIpv4(ip) ? ip : undefined
}

/** The MAC of a QEMU `net0` value such as `virtio=BC:24:11:5E:1A:01,bridge=vmbr0`. */
export function net0MacOf(net0: unknown): string | undefined {
  return /(?:^|,)(?:[a-z0-9-]+=)?([0-9a-f]{2}(?::[0-9a-f]{2}){5})(?:,|$)/i.exec(String(net0 ?? ''))?.[1]
}
