/** The Proxmox guests' loopback addresses (by vmid) come from the shared guest emulation. */
export { GUEST_PREFIX_LENGTH, guestAddress } from '../../simulated-guest/guest-address.js'
