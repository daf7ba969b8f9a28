/**
 * What the Proxmox plugin's own tests share: a lab (simulator and provider) per test, the faults
 * they set up alike, and the check of the guest a test made.
 */
import { afterEach, expect } from 'vitest'
import { startProxmoxLab, type ProxmoxLab, type ProxmoxLabOptions } from './proxmox-lab.js'
import type { GuestView, ProxmoxSimulator } from './simulator/index.js'

/**
 * For a test file: answers a function that starts a Proxmox lab, its simulator and provider options
 * given over `defaults`, and closes every lab it started once the test ends.
 */
export function labsPerTest(defaults: ProxmoxLabOptions): (options?: ProxmoxLabOptions) => Promise<ProxmoxLab> {
  const open: ProxmoxLab[] = []
  afterEach(async () => {
    for (const lab of open.splice(0)) await lab.close()
  })
  return async (options = {}) => {
    const lab = await startProxmoxLab({
      simulator: { ...defaults.simulator, ...options.simulator },
      provider: { ...defaults.provider, ...options.provider },
    })
    open.push(lab)
    return lab
  }
}

/**
 * Has the next clone of template 9000 refused as PVE refuses it when the vmid `/cluster/nextid`
 * gave was taken meanwhile by someone else; answers that vmid.
 */
export function takeVmidBeforeClone(simulator: ProxmoxSimulator): number {
  const vmid = simulator.state.raw.nextFreeVmid()
  simulator.faults.addRule({
    method: 'POST',
    path: '/qemu/9000/clone',
    status: 500,
    message: `VM ${vmid} already exists on node 'pve2'`,
    times: 1,
  })
  return vmid
}

/**
 * Checks that the simulator holds guest `vmid` as `guest` describes it (type, node, status) with at
 * least the `config` values given; answers its config for the test's further checks.
 */
export function expectGuest(
  simulator: ProxmoxSimulator,
  vmid: number,
  guest: Partial<Omit<GuestView, 'config'>>,
  config: GuestView['config'],
): GuestView['config'] {
  const made = simulator.state.guest(vmid)!
  expect(made).toMatchObject(guest)
  expect(made.config).toMatchObject(config)
  return made.config
}
