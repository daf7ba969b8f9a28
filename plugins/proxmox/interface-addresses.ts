import type { z } from 'zod'
import type { agentInterfacesSchema, lxcInterfacesSchema } from './upstream-schemas.js'

/** One interface of a guest, whichever endpoint reported it, with its addresses (prefixes dropped). */
interface GuestInterface {
  name: string
  addresses: string[]
}

/** Names loopback devices go by: Linux `lo`, BSD `lo0`, Windows `Loopback Pseudo-Interface 1`. */
const LOOPBACK_NAME = /^lo\d*$|loopback/i

/** Addresses only a loopback device holds: an interface carrying one is the loopback, whatever its name. */
const LOOPBACK_ADDRESSES = new Set(['127.0.0.1', '::1'])

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/

function isLoopbackInterface({ name, addresses }: GuestInterface): boolean {
  return LOOPBACK_NAME.test(name) || addresses.some((address) => LOOPBACK_ADDRESSES.has(address))
}

/** An IPv4 worth showing: any but link-local (`169.254/16`, no DHCP answer) and `0.0.0.0`. */
function isShownIpv4(address: string): boolean {
  return IPV4.test(address) && !address.startsWith('169.254.') && address !== '0.0.0.0'
}

/** A global IPv6: not link-local (`fe80::/10`), multicast, loopback or unspecified. */
function isGlobalIpv6(address: string): boolean {
  const ip = address.toLowerCase()
  return ip.includes(':') && !/^fe[89ab][0-9a-f]:/.test(ip) && !ip.startsWith('ff') && ip !== '::1' && ip !== '::'
}

/**
 * The addresses to show for a guest, chosen by interface rather than by range: loopback
 * interfaces are skipped, every other interface's IPv4 comes first (in interface order), then
 * their global IPv6. A 127.x address on `eth0` is shown (the simulator's guests have those);
 * `lo`'s `127.0.0.1` never is.
 */
export function chooseAddresses(interfaces: readonly GuestInterface[]): string[] {
  const shown = interfaces.filter((item) => !isLoopbackInterface(item)).flatMap((item) => item.addresses)
  return [...new Set([...shown.filter(isShownIpv4), ...shown.filter(isGlobalIpv6)])]
}

const withoutPrefix = (address: string): string => address.split('/')[0]!.trim()

/** Addresses from the QEMU guest agent's `network-get-interfaces` result. */
export function agentAddresses(result: z.infer<typeof agentInterfacesSchema>['result']): string[] {
  return chooseAddresses(
    result.map((item) => ({
      name: item.name,
      addresses: (item['ip-addresses'] ?? []).map((address) => withoutPrefix(address['ip-address'])),
    })),
  )
}

/** Addresses from a container's `interfaces` (CIDR `inet` and `inet6`). */
export function containerAddresses(interfaces: z.infer<typeof lxcInterfacesSchema>): string[] {
  return chooseAddresses(
    interfaces.map((item) => ({
      name: item.name,
      addresses: [item.inet, item.inet6].filter((ip): ip is string => !!ip).map(withoutPrefix),
    })),
  )
}
