import { guestAddress, type GuestLifecycle, type GuestRuntime, type SimulatedGuest } from 'hangar/provider-kit/testing'
import { proxmoxGuestLogin } from './proxmox-guest-login.js'
import type { SimGuest } from './state.js'

/**
 * Runs the Proxmox guests in the shared guest runtime: each `SimGuest` becomes one
 * {@link SimulatedGuest} (its vmid as id, `guestAddress(vmid)` as address, the cloud-init or
 * `pct create` login; a blank VM, with no OS installed, runs none), the same object for as long as the `SimGuest`
 * lives, so a vmid reused by a
 * new guest is a new machine.
 */
export function proxmoxGuestLifecycle(runtime: GuestRuntime, subnet: number): GuestLifecycle<SimGuest> {
  const machines = new WeakMap<SimGuest, SimulatedGuest>()
  const machineOf = (guest: SimGuest): SimulatedGuest => {
    let machine = machines.get(guest)
    if (!machine) {
      machine = {
        id: String(guest.vmid),
        name: guest.config.name ?? guest.config.hostname ?? String(guest.vmid),
        address: guestAddress(guest.vmid, subnet),
        login: () => proxmoxGuestLogin(guest),
      }
      machines.set(guest, machine)
    }
    return machine
  }
  return {
    // A blank VM boots an installer at most: nothing in it answers SSH.
    started: (guest) => {
      if (!guest.blank) runtime.started(machineOf(guest))
    },
    stopped: (guest) => runtime.stopped(machineOf(guest)),
    removed: (guest) => runtime.removed(machineOf(guest)),
  }
}
