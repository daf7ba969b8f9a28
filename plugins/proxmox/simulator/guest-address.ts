/** Prefix length the guests report for their loopback address (the whole of 127/8 is loopback). */
export const GUEST_PREFIX_LENGTH = 8

/**
 * The IPv4 a guest answers on: `127.<subnet>.<vmid >> 8>.<vmid & 255>`, a distinct loopback
 * address per vmid below 65536 (larger ids wrap), so every simulated guest can be reached for real
 * on this machine (Linux routes all of 127/8 to `lo`). Each simulator has a subnet of its own, so
 * simulators running side by side (test files in parallel) never share an address. Static
 * `ipconfig0`/`net0 ip=` settings are ignored on purpose: the address must be one this host can bind.
 */
export function guestAddress(vmid: number, subnet = 42): string {
  return `127.${subnet}.${(vmid >> 8) & 255}.${vmid & 255}`
}

/** A subnet for a new simulator: 127.40.0.0/16 to 127.239.0.0/16, picked at random. */
export const randomGuestSubnet = (): number => 40 + Math.floor(Math.random() * 200)
