/** Prefix length the guests report for their loopback address (the whole of 127/8 is loopback). */
export const GUEST_PREFIX_LENGTH = 8

/**
 * The IPv4 a guest answers on: `127.42.<vmid >> 8>.<vmid & 255>`, a distinct loopback address
 * per vmid below 65536 (larger ids wrap), so every simulated guest can be reached for real on
 * this machine (Linux routes all of 127/8 to `lo`). Static `ipconfig0`/`net0 ip=` settings are
 * ignored on purpose: the address must be one this host can bind.
 */
export function guestAddress(vmid: number): string {
  return `127.42.${(vmid >> 8) & 255}.${vmid & 255}`
}
