import {
  type GuestLifecycle,
  type GuestRuntime,
  parseAuthorizedKeys,
  type SimulatedGuest,
} from 'hangar/provider-kit/testing'
import type { SimServer } from './state.js'

/** The address a server's guest answers on: its first public (`wan-*`) address, if it has one. */
export function publicAddressOf(server: SimServer): string | undefined {
  return server.networks.find((network) => network.network.startsWith('wan'))?.ips[0]
}

/**
 * Runs the Kamatera servers in the shared guest runtime: each powered-on server with a public
 * address is one {@link SimulatedGuest} (its id, its name, that address), where `root` logs in
 * with the create's `ssh-key` or the root password, read at each login. A server without a public
 * address has no guest to reach, as on Kamatera without a `wan` interface.
 */
export function kamateraGuestLifecycle(runtime: GuestRuntime): GuestLifecycle<SimServer> {
  const machines = new WeakMap<SimServer, SimulatedGuest>()
  const machineOf = (server: SimServer): SimulatedGuest | undefined => {
    let machine = machines.get(server)
    const address = publicAddressOf(server)
    if (!machine && address !== undefined) {
      machine = {
        id: server.id,
        get name() {
          return server.name
        },
        address,
        login: () => ({ user: 'root', keys: parseAuthorizedKeys(server.sshKeys), password: server.password }),
      }
      machines.set(server, machine)
    }
    return machine
  }
  const tell = (event: 'started' | 'stopped' | 'removed') => (server: SimServer) => {
    const machine = machineOf(server)
    if (machine) runtime[event](machine)
  }
  return { started: tell('started'), stopped: tell('stopped'), removed: tell('removed') }
}
