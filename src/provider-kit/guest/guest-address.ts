import { createServer, type AddressInfo } from 'node:net'
/** Prefix length the guests report for their loopback address (the whole of 127/8 is loopback). */
export const GUEST_PREFIX_LENGTH = 8

/**
 * The IPv4 a guest answers on: `127.<subnet>.<index >> 8>.<index & 255>`, a distinct loopback
 * address per index below 65536 (larger ones wrap), so every simulated guest can be reached for
 * real on this machine (Linux routes all of 127/8 to `lo`). The Proxmox simulator indexes by vmid
 * (static `ipconfig0`/`net0 ip=` settings are ignored on purpose: the address must be one this
 * host can bind); the Kamatera one by datacenter and host number. Each simulator has a subnet of
 * its own, so simulators running side by side (test files in parallel) never share an address.
 */
export function guestAddress(index: number, subnet = 42): string {
  return `127.${subnet}.${(index >> 8) & 255}.${index & 255}`
}

/**
 * A subnet for a new simulator, picked at random from `count` subnets starting at `from`. The
 * Proxmox simulator takes 127.40.0.0/16 to 127.239.0.0/16 (the defaults), the Kamatera one
 * 127.240.0.0/16 to 127.254.0.0/16, so the two never share an address either.
 */
export const randomGuestSubnet = (from = 40, count = 200): number => from + Math.floor(Math.random() * count)

/** A port free on the guests' loopback range, for a simulator started with `guestSshPort: 0`. */
export async function freeGuestPort(subnet: number): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject)
    probe.listen(0, guestAddress(0xfffe, subnet), () => resolve())
  })
  const { port } = probe.address() as AddressInfo
  await new Promise<void>((resolve) => probe.close(() => resolve()))
  return port
}
